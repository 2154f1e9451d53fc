// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import type { WxmlAttribute, WxmlDocument, WxmlElement, WxmlNode } from './wxml';
import {
  DefinitionTools,
  ScriptDefinition,
  ScriptFacts,
  ScriptFunction,
  parseScriptWith,
  propertyName,
} from './script';
import { appendChild, handlerName, kebabCase, miniProgramEvent, newAttribute, newElement } from './template-builder';

/**
 * A Taro page, component or app module (.tsx/.jsx, React) read as the parts a native unit has: the JSX it
 * renders as a WXML-like element tree, and script facts whose definition is the component: a class
 * component's methods, or a function component's inner functions, hooks and inline JSX handlers. Offsets
 * are offsets into the source file. Read with the TypeScript parser the scripts use (one parse for both).
 *
 * Lifecycles, as Taro documents them (docs.taro.zone/docs/react-page, /docs/hooks): class pages use
 * componentDidMount / componentDidShow / onLoad / onShow, function pages the hooks useLoad / useDidShow /
 * useReady and React's useEffect; they become members of those names. The function body itself runs on
 * every render: the member `render`.
 */
export interface TaroModule {
  file: string;
  template?: WxmlDocument;
  script: ScriptFacts;
}

const MAX_DEPTH = 256;
const LIFECYCLE_HOOKS = new Set(['useLaunch', 'useLoad', 'useDidShow', 'useReady', 'useEffect', 'useLayoutEffect']);
/** Wrappers that return the function they are given (or call it on the same tick): its handler is that function. */
const FUNCTION_WRAPPERS =
  /^(useCallback|useMemoizedFn|usePersistFn|useEvent|useThrottleFn|useDebounceFn|throttle|debounce|_\.throttle|_\.debounce)$/;

export function parseTaro(file: string, content: string): TaroModule {
  let template: WxmlDocument | undefined;
  const kind = /\.jsx$/.test(file) ? ts.ScriptKind.JSX : /\.tsx$/.test(file) ? ts.ScriptKind.TSX : undefined;
  const script = parseScriptWith(file, content, {
    kind,
    define: (tools) => {
      const built = defineTaroComponent(tools);
      template = built.template;
      return built.definition;
    },
  });
  return { file, template, script };
}

function isFunctionLike(
  node: ts.Node | undefined,
): node is ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration {
  return (
    !!node &&
    (ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node))
  );
}

function containsJsx(node: ts.Node): boolean {
  let found = false as boolean; // set by the visitors below
  const visit = (child: ts.Node, depth: number): void => {
    if (found || depth > 200) return;
    if (ts.isJsxElement(child) || ts.isJsxSelfClosingElement(child) || ts.isJsxFragment(child)) found = true;
    else ts.forEachChild(child, (next) => visit(next, depth + 1));
  };
  visit(node, 0);
  return found;
}

/** The component the module exports: a class with render(), or a function that returns JSX. */
function findComponent(source: ts.SourceFile): ts.ClassLikeDeclaration | ts.FunctionLikeDeclaration | undefined {
  const byName = new Map<string, ts.ClassLikeDeclaration | ts.FunctionLikeDeclaration>();
  const candidates: (ts.ClassLikeDeclaration | ts.FunctionLikeDeclaration)[] = [];
  let exported: ts.ClassLikeDeclaration | ts.FunctionLikeDeclaration | undefined;
  const consider = (
    node: ts.ClassLikeDeclaration | ts.FunctionLikeDeclaration,
    name: string | undefined,
    isDefault: boolean,
  ) => {
    if (name) byName.set(name, node);
    candidates.push(node);
    if (isDefault) exported = node;
  };
  const isDefaultExport = (node: ts.Node) =>
    ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  let defaultExpression: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement)) consider(statement, statement.name?.text, isDefaultExport(statement));
    else if (ts.isFunctionDeclaration(statement)) consider(statement, statement.name?.text, isDefaultExport(statement));
    else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
        const init = unwrapWrappers(decl.initializer);
        if (init && (isFunctionLike(init) || ts.isClassExpression(init))) consider(init, decl.name.text, false);
      }
    } else if (ts.isExportAssignment(statement)) defaultExpression = statement.expression;
  }
  if (!exported && defaultExpression) {
    const target = unwrapWrappers(defaultExpression);
    if (target && (isFunctionLike(target) || ts.isClassExpression(target))) exported = target;
    else if (target && ts.isIdentifier(target)) exported = byName.get(target.text);
  }
  if (exported) return exported;
  // No recognisable default export: the first class with a render method, or function returning JSX.
  return candidates.find((c) =>
    ts.isClassLike(c)
      ? c.members.some((m) => m.name && propertyName(m.name) === 'render')
      : !!c.body && containsJsx(c.body),
  );
}

/** `memo(Index)`, `observer(() => …)`, `connect(a, b)(Index)`, `(Index as FC)`: what the wrappers wrap. */
function unwrapWrappers(expression: ts.Expression): ts.Expression | undefined {
  let current: ts.Expression = expression;
  for (let depth = 0; depth < 8; depth++) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current))
      current = current.expression;
    else if (ts.isCallExpression(current)) {
      const argument = [...current.arguments]
        .reverse()
        .find((a) => isFunctionLike(a) || ts.isIdentifier(a) || ts.isClassExpression(a) || ts.isCallExpression(a));
      if (!argument) return undefined;
      current = argument;
    } else return current;
  }
  return undefined;
}

function defineTaroComponent(tools: DefinitionTools): { definition?: ScriptDefinition; template?: WxmlDocument } {
  const { source, facts } = tools;
  const component = findComponent(source);
  const kind = /(^|[\\/])app\.[jt]sx?$/.test(source.fileName) ? 'App' : 'Component';
  const members = new Map<string, ScriptFunction>();
  const add = (fn: ScriptFunction) => {
    const known = members.get(fn.name);
    members.set(fn.name, known ? { ...known, calls: [...known.calls, ...fn.calls] } : fn);
  };
  let bodyStatements: readonly ts.Statement[];
  let objectNode: ts.Node = source;

  if (component && ts.isClassLike(component)) {
    objectNode = component;
    for (const member of component.members) {
      const name = member.name && propertyName(member.name);
      if (!name) continue;
      if (ts.isMethodDeclaration(member)) add(tools.describe(name, member, member.name, member));
      else if (ts.isPropertyDeclaration(member) && member.initializer) {
        const fn = functionIn(member.initializer, source);
        if (fn) add(tools.describe(name, member, member.name, fn));
      }
    }
  } else if (component && component.body) {
    objectNode = component;
    const body = component.body;
    bodyStatements = ts.isBlock(body) ? body.statements : [];
    for (const statement of bodyStatements) {
      if (ts.isFunctionDeclaration(statement) && statement.name)
        add(tools.describe(statement.name.text, statement, statement.name, statement));
      else if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const fn = decl.initializer && functionIn(decl.initializer, source);
          if (fn && ts.isIdentifier(decl.name)) add(tools.describe(decl.name.text, statement, decl.name, fn));
          else if (decl.initializer && customHookName(decl.initializer)) {
            // `const tryShow = useTryShowSubscribe()`: calling what a custom hook hands back runs (some of) the
            // hook's code, so a handler's `tryShow()` is followed into the hook.
            for (const name of boundNames(decl.name))
              add(tools.describe(name.text, statement, name, [decl.initializer]));
          }
        }
      } else if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
        const call = statement.expression;
        const hook = ts.isIdentifier(call.expression) ? call.expression.text : undefined;
        const fn = call.arguments.at(0);
        if (hook && LIFECYCLE_HOOKS.has(hook) && fn && isFunctionLike(fn))
          add(tools.describe(hook, statement, call.expression, fn));
      }
    }
    // The body runs on every render, first of all when the page loads. Custom hooks it calls (`useUpload()`)
    // mostly hand back functions for handlers to call: they are not followed from the render.
    const render =
      facts.functions.get(component.name && ts.isIdentifier(component.name) ? component.name.text : '') ??
      tools.describe('render', component, component.name ?? component, component);
    const later = laterFunctions(body, source);
    // Lifecycle hooks' callbacks are entry points of their own (members above): the render does not reach them.
    const runsAtRender = (call: ScriptFunction['calls'][number]) =>
      !(call.kind === 'local' && /^use[A-Z]/.test(call.name)) &&
      !later.some(([start, end]) => call.site.start >= start && call.site.end <= end);
    add({ ...render, name: 'render', calls: render.calls.filter(runsAtRender) });
  }

  // Inline handlers in JSX become members of their own, named after the event and the line.
  const template = buildTemplate(tools, (attribute, fn) => {
    const line = source.getLineAndCharacterOfPosition(attribute.getStart(source)).line + 1;
    const name = `${propertyName(attribute.name as ts.PropertyName) ?? 'handler'}@${line}`;
    add(tools.describe(name, fn, attribute.name, fn));
    return name;
  });

  // A member's calls exclude those of members written inside it (handlers inside the render body).
  const spans = [...members.values()];
  for (const fn of spans) {
    const nested = spans.filter(
      (other) =>
        other !== fn &&
        other.start >= fn.start &&
        other.end <= fn.end &&
        (other.start > fn.start || other.end < fn.end),
    );
    if (nested.length)
      fn.calls = fn.calls.filter(
        (call) => !nested.some((inner) => call.site.start >= inner.start && call.site.end <= inner.end),
      );
  }
  // Inner functions answer plain calls too (`save()` inside another handler), when no module function has the name.
  for (const [name, fn] of members)
    if (!facts.functions.has(name) && /^[A-Za-z_$][\w$]*$/.test(name)) facts.functions.set(name, fn);
  const renderMember = members.get('render');
  if (renderMember && component && !ts.isClassLike(component) && component.name && ts.isIdentifier(component.name))
    facts.functions.set(component.name.text, renderMember);

  if (!component && !members.size) return { template };
  const start = objectNode.getStart(source);
  return {
    definition: { kind, object: { start, end: objectNode.end, properties: [] }, members, callStart: start },
    template,
  };
}

/** Hooks that call the function they are given while rendering (the others keep it for later, like useCallback). */
const RENDER_TIME_HOOKS = new Set(['useState', 'useMemo', 'useReducer', 'useRef']);

/**
 * Functions written in a render body that do not run while it renders: kept in a variable, an object or an
 * array (`{ text: '保存', onClick: () => … }`), handed to a hook that keeps them (`useCallback`, `useAsync`)
 * or to a lifecycle hook (`useEffect`, `useDidShow`: entry points of their own, members of the definition),
 * and event props that call a handler factory (`onClick={choose('camera')}`).
 * Functions passed to other calls (`list.map(…)`, `useEffect(…)`, `then(…)`) are left to the call analysis.
 */
function laterFunctions(body: ts.Node, source: ts.SourceFile): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: ts.Node, parent: ts.Node | undefined, depth: number): void => {
    if (depth > 500) return;
    // `onClick={choose('camera')}`: the call makes the handler while rendering; what it does runs on the tap
    // (the attribute names `choose` as its handler).
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && /^(on|catch)[A-Z]/.test(node.name.text)) {
      const expression =
        node.initializer && ts.isJsxExpression(node.initializer) ? node.initializer.expression : undefined;
      if (expression && ts.isCallExpression(expression)) {
        ranges.push([expression.getStart(source), expression.end]);
        return;
      }
    }
    if (isFunctionLike(node) && parent) {
      const callee =
        ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) ? parent.expression : undefined;
      const calleeName = callee && ts.isIdentifier(callee) ? callee.text : undefined;
      const kept =
        !callee || (calleeName !== undefined && /^use[A-Z]/.test(calleeName) && !RENDER_TIME_HOOKS.has(calleeName));
      if (kept) {
        ranges.push([node.getStart(source), node.end]);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, node, depth + 1));
  };
  ts.forEachChild(body, (child) => visit(child, body, 0));
  return ranges;
}

/** `useX(…)` of a custom hook: not a lifecycle, not one of React's own, not a wrapper of its first argument. */
function customHookName(initializer: ts.Expression): string | undefined {
  if (!ts.isCallExpression(initializer) || !ts.isIdentifier(initializer.expression)) return undefined;
  const name = initializer.expression.text;
  return /^use[A-Z]/.test(name) &&
    !LIFECYCLE_HOOKS.has(name) &&
    !RENDER_TIME_HOOKS.has(name) &&
    !REACT_HOOKS.has(name) &&
    !FUNCTION_WRAPPERS.test(name)
    ? name
    : undefined;
}

/** React's hooks that hand back values or setters, never the project's code. */
const REACT_HOOKS = new Set(['useContext', 'useId', 'useTransition', 'useDeferredValue', 'useSyncExternalStore']);

/** The identifiers a declaration binds: `x`, `{ a, b: c }`, `[d, e]`. */
function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []));
}

/** The function an initializer is, directly or through a wrapper (`useCallback(fn, deps)`, `throttle(fn)`). */
function functionIn(initializer: ts.Expression, source: ts.SourceFile): ts.FunctionLikeDeclaration | undefined {
  if (isFunctionLike(initializer)) return initializer;
  if (ts.isCallExpression(initializer)) {
    const callee = initializer.expression.getText(source);
    const fn = initializer.arguments.at(0);
    if (FUNCTION_WRAPPERS.test(callee) && fn && isFunctionLike(fn)) return fn;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Template

type InlineHandler = (attribute: ts.JsxAttribute, fn: ts.FunctionLikeDeclaration) => string;

function buildTemplate(tools: DefinitionTools, inline: InlineHandler): WxmlDocument | undefined {
  const { source } = tools;
  const roots: WxmlNode[] = [];
  let found = false as boolean; // set by the visitors below
  const visitCode = (node: ts.Node, depth: number): void => {
    if (depth > 1000) return;
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) {
      found = true;
      visitJsx(node, undefined, 0);
      return;
    }
    ts.forEachChild(node, (child) => visitCode(child, depth + 1));
  };
  const visitJsx = (node: ts.Node, parent: WxmlElement | undefined, depth: number): void => {
    const holder = depth < MAX_DEPTH ? parent : parent?.parent;
    if (ts.isJsxFragment(node)) {
      for (const child of node.children) visitJsx(child, holder, depth + 1);
    } else if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) {
      const opening = ts.isJsxElement(node) ? node.openingElement : node;
      const element = newElement(
        tagName(opening.tagName, source),
        node.getStart(source),
        opening.end,
        node.end,
        ts.isJsxSelfClosingElement(node),
        holder,
      );
      element.attributes = attributesOf(opening.attributes, inline, source);
      appendChild(holder, roots, element);
      if (ts.isJsxElement(node)) for (const child of node.children) visitJsx(child, element, depth + 1);
    } else if (ts.isJsxText(node)) {
      if (/\S/.test(node.text))
        appendChild(holder, roots, {
          kind: 'text',
          text: node.text,
          start: node.getStart(source),
          end: node.end,
          parent: holder,
        });
    } else if (ts.isJsxExpression(node) && node.expression) {
      visitExpression(node.expression, holder, depth + 1, node);
    }
  };
  /** `{cond && <X/>}` and `{cond ? <A/> : <B/>}` gate their elements (wx:if / wx:else); `{list.map(…)}` repeats them (wx:for). */
  const visitExpression = (
    expression: ts.Expression,
    parent: WxmlElement | undefined,
    depth: number,
    holderNode: ts.Node,
  ): void => {
    if (depth > MAX_DEPTH * 2) return;
    if (ts.isParenthesizedExpression(expression))
      return visitExpression(expression.expression, parent, depth + 1, holderNode);
    if (ts.isJsxElement(expression) || ts.isJsxSelfClosingElement(expression) || ts.isJsxFragment(expression))
      return visitJsx(expression, parent, depth + 1);
    if (
      ts.isBinaryExpression(expression) &&
      (expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
        expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      const condition =
        expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
          ? expression.left.getText(source)
          : `!(${expression.left.getText(source)})`;
      const block = gate(parent, holderNode, 'wx:if', condition, expression.left);
      return visitExpression(expression.right, block, depth + 1, expression.right);
    }
    if (ts.isConditionalExpression(expression)) {
      const whenTrue = gate(
        parent,
        expression.whenTrue,
        'wx:if',
        expression.condition.getText(source),
        expression.condition,
      );
      visitExpression(expression.whenTrue, whenTrue, depth + 1, expression.whenTrue);
      const whenFalse = gate(parent, expression.whenFalse, 'wx:else', '', undefined);
      return visitExpression(expression.whenFalse, whenFalse, depth + 1, expression.whenFalse);
    }
    if (
      ts.isCallExpression(expression) &&
      ts.isPropertyAccessExpression(expression.expression) &&
      expression.expression.name.text === 'map'
    ) {
      const fn = expression.arguments.at(0);
      const block = gate(
        parent,
        expression,
        'wx:for',
        expression.expression.expression.getText(source),
        expression.expression.expression,
      );
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
        if (ts.isBlock(fn.body))
          fn.body.statements.forEach(
            (s) => ts.isReturnStatement(s) && s.expression && visitExpression(s.expression, block, depth + 1, s),
          );
        else visitExpression(fn.body, block, depth + 1, fn.body);
      }
      return;
    }
    if (containsJsx(expression)) {
      ts.forEachChild(expression, (child) =>
        ts.isExpression(child) ? visitExpression(child, parent, depth + 1, child) : undefined,
      );
      return;
    }
    appendChild(parent, roots, {
      kind: 'text',
      text: `{{${expression.getText(source)}}}`,
      start: expression.getStart(source),
      end: expression.end,
      parent,
    });
  };
  const gate = (
    parent: WxmlElement | undefined,
    node: ts.Node,
    name: string,
    condition: string,
    conditionNode: ts.Node | undefined,
  ): WxmlElement => {
    const start = node.getStart(source);
    const block = newElement('block', start, start, node.end, false, parent);
    const valueStart = conditionNode ? conditionNode.getStart(source) : start;
    const valueEnd = conditionNode ? conditionNode.end : start;
    block.attributes = [
      newAttribute(name, condition ? `{{${condition}}}` : '', valueStart, valueEnd, valueStart, valueEnd),
    ];
    appendChild(parent, roots, block);
    return block;
  };
  visitCode(source, 0);
  return found ? { file: source.fileName, content: source.text, roots, problems: [], dialect: 'jsx' } : undefined;
}

/** `View` -> `view`, `ScrollView` -> `scroll-view`, `Taro.Button` -> `button`; lower-case tags stay. */
function tagName(name: ts.JsxTagNameExpression, source: ts.SourceFile): string {
  const raw = ts.isPropertyAccessExpression(name)
    ? name.name.text
    : ts.isIdentifier(name)
      ? name.text
      : name.getText(source);
  return /^[A-Z]/.test(raw) ? kebabCase(raw) : raw;
}

/**
 * JSX props with WXML names: `className` -> `class`, `openType` -> `open-type`, `onGetPhoneNumber` ->
 * `bindgetphonenumber`, `onClick` -> `bindtap` (Taro compiles them so, docs.taro.zone/docs/event).
 */
function attributesOf(attributes: ts.JsxAttributes, inline: InlineHandler, source: ts.SourceFile): WxmlAttribute[] {
  const result: WxmlAttribute[] = [];
  for (const attribute of attributes.properties) {
    if (!ts.isJsxAttribute(attribute)) continue;
    const raw = ts.isIdentifier(attribute.name) ? attribute.name.text : attribute.name.getText(source);
    const start = attribute.getStart(source);
    const end = attribute.end;
    const init = attribute.initializer;
    const expression = init && ts.isJsxExpression(init) ? init.expression : undefined;
    const event = /^(on|catch)([A-Z]\w*)$/.exec(raw);
    if (event && raw !== 'onlyOne') {
      const prefix = event[1] === 'catch' ? 'catch' : 'bind';
      let handler = '';
      if (expression) {
        // `onClick={save}` names its handler; an inline function (`() => save(1)`) is a handler of its own.
        const fn = ts.isArrowFunction(expression) || ts.isFunctionExpression(expression) ? expression : undefined;
        handler = fn ? inline(attribute, fn) : (handlerName(expression.getText(source)) ?? '');
      }
      const valueStart = expression ? expression.getStart(source) : end;
      result.push(
        newAttribute(
          `${prefix}${miniProgramEvent(event[2])}`,
          handler,
          start,
          end,
          valueStart,
          expression ? expression.end : end,
        ),
      );
      continue;
    }
    const name = raw === 'className' ? 'class' : kebabCase(raw);
    if (!init) {
      result.push(newAttribute(name, '', start, end));
      continue;
    }
    const literal = ts.isStringLiteral(init)
      ? init
      : expression && (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
        ? expression
        : undefined;
    if (literal) {
      const valueStart = literal.getStart(source) + 1;
      result.push(newAttribute(name, literal.text, start, end, valueStart, valueStart + literal.text.length));
    } else if (expression) {
      result.push(
        newAttribute(
          name,
          `{{${expression.getText(source)}}}`,
          start,
          end,
          expression.getStart(source),
          expression.end,
        ),
      );
    }
  }
  return result;
}
