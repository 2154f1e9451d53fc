// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import type { Node as JsonNode } from 'jsonc-parser';
import type { JsoncDocument } from './jsonc';
import { propertyName } from './script';

/**
 * Reads a configuration module such as Taro's `app.config.ts` without running it: the exported object is
 * evaluated statically, for the `weapp` target (docs.taro.zone/docs/app-config: `export default
 * defineAppConfig({…})`, plain `export default {…}`, or a `const config = {…}` exported later). Spreads of
 * local constants, `process.env.TARO_ENV` comparisons, ternaries, `&&`, `.filter(Boolean)`, `.concat()`,
 * immediately-invoked arrow functions with if/return, and assignments to the config inside
 * `if (process.env.TARO_ENV === 'weapp')` are followed; anything else is left out (a partial result, never a crash).
 *
 * The result is a JsoncDocument whose tree has offsets into the module: rules read `pages`, `requiredPrivateInfos`
 * or `permission` and report on them exactly as they do on app.json. Nodes written literally in the module
 * carry their syntax node (`ConfigNode.syntax`), which is what fixes may edit.
 */
export interface ConfigNode extends JsonNode {
  syntax?: ts.Node;
  children?: ConfigNode[];
  parent?: ConfigNode;
}

export interface StaticConfigDocument extends JsoncDocument {
  tree: ConfigNode | undefined;
  /** The module the document was read from; edits are computed against its text. */
  language: 'ts';
  source: ts.SourceFile;
}

const UNKNOWN = Symbol('unknown');
type Value = unknown;
interface Evaluated {
  value: Value;
  node: ConfigNode;
}

const TARGET_ENV: Record<string, string> = { TARO_ENV: 'weapp' };
const MAX_STEPS = 20_000;

export function parseStaticConfig(file: string, content: string): StaticConfigDocument {
  const kind = /\.tsx?$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(
    file,
    content,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    kind,
  );
  const evaluator = new Evaluator(source);
  let root: Evaluated | undefined;
  try {
    root = evaluator.run();
  } catch (error) {
    if (!(error instanceof RangeError) && !(error instanceof StepLimit)) throw error;
  }
  const value = root ? plain(root.value) : undefined;
  const errors =
    (source as unknown as { parseDiagnostics?: { start: number; length: number; messageText: unknown }[] })
      .parseDiagnostics ?? [];
  return {
    text: content,
    value,
    tree: root?.node,
    errors: errors.map((d) => ({
      offset: d.start,
      length: d.length,
      message: typeof d.messageText === 'string' ? d.messageText : 'syntax error',
    })),
    language: 'ts',
    source,
  };
}

class StepLimit extends Error {}

/** Values without the unknown marker: unknown entries of arrays are dropped, unknown properties left out. */
function plain(value: Value): unknown {
  if (value === UNKNOWN) return undefined;
  if (Array.isArray(value)) return value.filter((v) => v !== UNKNOWN).map(plain);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== UNKNOWN) result[key] = plain(v);
    return result;
  }
  return value;
}

class Evaluator {
  private steps = 0;
  private readonly constants = new Map<string, ts.Expression>();
  /** Parameters of a `.map()` callback being evaluated, by name. */
  private readonly parameters = new Map<string, Evaluated>();
  /** Assignments `config.key = value` met at the top level (in order), by the variable they write to. */
  private readonly assignments = new Map<string, { key: string; value: ts.Expression; name: ts.Node }[]>();

  constructor(private readonly source: ts.SourceFile) {}

  run(): Evaluated | undefined {
    let exported: ts.Expression | undefined;
    const visitStatements = (statements: readonly ts.Statement[]) => {
      for (const statement of statements) {
        if (ts.isVariableStatement(statement)) {
          for (const decl of statement.declarationList.declarations)
            if (ts.isIdentifier(decl.name) && decl.initializer) this.constants.set(decl.name.text, decl.initializer);
        } else if (ts.isExportAssignment(statement)) exported = statement.expression;
        else if (ts.isIfStatement(statement)) {
          const condition = this.truth(statement.expression);
          if (condition === true) visitStatements(blockStatements(statement.thenStatement));
          else if (condition === false && statement.elseStatement)
            visitStatements(blockStatements(statement.elseStatement));
        } else if (
          ts.isExpressionStatement(statement) &&
          ts.isBinaryExpression(statement.expression) &&
          statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
        ) {
          const { left, right } = statement.expression;
          if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression)) {
            const list = this.assignments.get(left.expression.text) ?? [];
            list.push({ key: left.name.text, value: right, name: left.name });
            this.assignments.set(left.expression.text, list);
          }
        }
      }
    };
    visitStatements(this.source.statements);
    if (!exported) return undefined;
    // `defineAppConfig({…})` and other wrappers: the object they are given.
    let expression = exported;
    while (ts.isCallExpression(expression) && expression.arguments.length === 1) expression = expression.arguments[0];
    const result = this.evaluate(expression, 0);
    const name = ts.isIdentifier(expression) ? expression.text : undefined;
    if (
      name &&
      result.node.type === 'object' &&
      result.value &&
      typeof result.value === 'object' &&
      !Array.isArray(result.value)
    ) {
      for (const { key, value, name: keyNode } of this.assignments.get(name) ?? [])
        this.setProperty(result, key, this.evaluate(value, 1), keyNode);
    }
    return result;
  }

  private setProperty(object: Evaluated, key: string, value: Evaluated, keyNode: ts.Node): void {
    const record = object.value as Record<string, Value>;
    record[key] = value.value;
    const children = object.node.children ?? (object.node.children = []);
    const existing = children.findIndex((p) => p.children?.[0]?.value === key);
    const property = this.propertyNode(key, keyNode, value.node, undefined);
    property.parent = object.node;
    if (existing >= 0) children[existing] = property;
    else children.push(property);
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new StepLimit();
  }

  private nodeFor(syntax: ts.Node, type: JsonNode['type'], value?: unknown, literal = true): ConfigNode {
    const offset = syntax.getStart(this.source);
    return { type, offset, length: syntax.end - offset, value, syntax: literal ? syntax : undefined };
  }

  private propertyNode(key: string, keyNode: ts.Node, valueNode: ConfigNode, syntax: ts.Node | undefined): ConfigNode {
    const keyOffset = keyNode.getStart(this.source);
    const keyChild: ConfigNode = { type: 'string', offset: keyOffset, length: keyNode.end - keyOffset, value: key };
    const start = syntax ? syntax.getStart(this.source) : keyOffset;
    const end = syntax ? syntax.end : valueNode.offset + valueNode.length;
    const property: ConfigNode = {
      type: 'property',
      offset: start,
      length: Math.max(0, end - start),
      children: [keyChild, valueNode],
      syntax,
    };
    keyChild.parent = property;
    valueNode.parent = property;
    return property;
  }

  private unknown(syntax: ts.Node): Evaluated {
    return { value: UNKNOWN, node: this.nodeFor(syntax, 'null', undefined, false) };
  }

  /** true/false when a condition is decided for the weapp target, undefined otherwise. */
  private truth(expression: ts.Expression): boolean | undefined {
    const value = this.evaluate(expression, 1).value;
    if (value === UNKNOWN) return undefined;
    return !!value;
  }

  evaluate(expression: ts.Expression, depth: number): Evaluated {
    this.tick();
    if (depth > 64) return this.unknown(expression);
    if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAsExpression(expression) ||
      ts.isSatisfiesExpression(expression) ||
      ts.isNonNullExpression(expression) ||
      ts.isTypeAssertionExpression(expression)
    ) {
      return this.evaluate(expression.expression, depth + 1);
    }
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
      return { value: expression.text, node: this.nodeFor(expression, 'string', expression.text) };
    if (ts.isNumericLiteral(expression))
      return { value: Number(expression.text), node: this.nodeFor(expression, 'number', Number(expression.text)) };
    if (expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword) {
      const value = expression.kind === ts.SyntaxKind.TrueKeyword;
      return { value, node: this.nodeFor(expression, 'boolean', value) };
    }
    if (expression.kind === ts.SyntaxKind.NullKeyword)
      return { value: null, node: this.nodeFor(expression, 'null', null) };
    if (ts.isIdentifier(expression)) {
      if (expression.text === 'undefined')
        return { value: undefined, node: this.nodeFor(expression, 'null', undefined, false) };
      const parameter = this.parameters.get(expression.text);
      if (parameter) return parameter;
      const initializer = this.constants.get(expression.text);
      if (!initializer) return this.unknown(expression);
      const saved = this.constants.get(expression.text);
      this.constants.delete(expression.text); // a constant that refers to itself stops here
      try {
        return this.evaluate(initializer, depth + 1);
      } finally {
        this.constants.set(expression.text, saved!);
      }
    }
    if (ts.isPropertyAccessExpression(expression)) {
      // process.env.TARO_ENV is the one environment value known for the weapp build.
      const text = expression.getText(this.source);
      const env = /^process\.env\.(\w+)$/.exec(text);
      if (env && (TARGET_ENV[env[1]] as string | undefined) !== undefined)
        return { value: TARGET_ENV[env[1]], node: this.nodeFor(expression, 'string', TARGET_ENV[env[1]], false) };
      return this.unknown(expression);
    }
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.evaluate(expression.operand, depth + 1).value;
      return inner === UNKNOWN
        ? this.unknown(expression)
        : { value: !inner, node: this.nodeFor(expression, 'boolean', !inner, false) };
    }
    if (ts.isBinaryExpression(expression)) return this.binary(expression, depth);
    if (ts.isConditionalExpression(expression)) {
      const condition = this.truth(expression.condition);
      if (condition === true) return this.evaluate(expression.whenTrue, depth + 1);
      if (condition === false) return this.evaluate(expression.whenFalse, depth + 1);
      // Undecided (e.g. NODE_ENV): lists keep the entries of both branches, so no page is missed.
      const a = this.evaluate(expression.whenTrue, depth + 1);
      const b = this.evaluate(expression.whenFalse, depth + 1);
      if (Array.isArray(a.value) && Array.isArray(b.value))
        return this.arrayOf(
          expression,
          [
            ...(a.node.children ?? []).map((n, i) => ({ value: (a.value as Value[])[i], node: n })),
            ...(b.node.children ?? []).map((n, i) => ({ value: (b.value as Value[])[i], node: n })),
          ],
          false,
        );
      return this.unknown(expression);
    }
    if (ts.isArrayLiteralExpression(expression)) {
      const items: Evaluated[] = [];
      for (const element of expression.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.evaluate(element.expression, depth + 1);
          if (Array.isArray(spread.value))
            (spread.node.children ?? []).forEach((node, i) =>
              items.push({ value: (spread.value as Value[])[i], node }),
            );
        } else if (!ts.isOmittedExpression(element)) items.push(this.evaluate(element, depth + 1));
      }
      return this.arrayOf(expression, items, true);
    }
    if (ts.isObjectLiteralExpression(expression)) return this.object(expression, depth);
    if (ts.isCallExpression(expression)) return this.call(expression, depth);
    return this.unknown(expression);
  }

  private arrayOf(syntax: ts.Node, items: Evaluated[], literal: boolean): Evaluated {
    const node = this.nodeFor(syntax, 'array', undefined, literal);
    node.children = items.map((item) => ({ ...item.node, parent: node }));
    return { value: items.map((item) => item.value), node };
  }

  private object(expression: ts.ObjectLiteralExpression, depth: number): Evaluated {
    const node = this.nodeFor(expression, 'object');
    const value: Record<string, Value> = {};
    const children: ConfigNode[] = [];
    const set = (key: string, property: ConfigNode, v: Value) => {
      const existing = children.findIndex((p) => p.children?.[0]?.value === key);
      if (existing >= 0) children.splice(existing, 1);
      children.push(property);
      value[key] = v;
    };
    for (const prop of expression.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.evaluate(prop.expression, depth + 1);
        if (spread.value && typeof spread.value === 'object' && !Array.isArray(spread.value)) {
          for (const child of spread.node.children ?? []) {
            const key: unknown = child.children?.[0]?.value;
            if (typeof key === 'string')
              set(key, { ...child, syntax: undefined }, (spread.value as Record<string, Value>)[key]);
          }
        }
        continue;
      }
      const key = propertyName(prop.name);
      if (key === undefined) continue;
      let evaluated: Evaluated;
      if (ts.isPropertyAssignment(prop)) evaluated = this.evaluate(prop.initializer, depth + 1);
      else if (ts.isShorthandPropertyAssignment(prop)) evaluated = this.evaluate(prop.name, depth + 1);
      else continue;
      if (evaluated.value === UNKNOWN) {
        // Known to be there, not what it holds: recorded so that nothing is written over it.
        set(key, this.propertyNode(key, prop.name, evaluated.node, prop), UNKNOWN);
        continue;
      }
      set(key, this.propertyNode(key, prop.name, evaluated.node, prop), evaluated.value);
    }
    node.children = children;
    for (const child of children) child.parent = node;
    return { value, node };
  }

  private binary(expression: ts.BinaryExpression, depth: number): Evaluated {
    const operator = expression.operatorToken.kind;
    const left = this.evaluate(expression.left, depth + 1);
    if (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    ) {
      if (left.value === UNKNOWN) return this.unknown(expression);
      const takeRight =
        operator === ts.SyntaxKind.AmpersandAmpersandToken
          ? !!left.value
          : operator === ts.SyntaxKind.BarBarToken
            ? !left.value
            : left.value === null || left.value === undefined;
      return takeRight ? this.evaluate(expression.right, depth + 1) : left;
    }
    const right = this.evaluate(expression.right, depth + 1);
    if (left.value === UNKNOWN || right.value === UNKNOWN) return this.unknown(expression);
    let value: Value;
    switch (operator) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
        value = left.value === right.value;
        break;
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        value = left.value !== right.value;
        break;
      case ts.SyntaxKind.PlusToken:
        if (typeof left.value === 'string' || typeof right.value === 'string')
          value = String(left.value) + String(right.value);
        else return this.unknown(expression);
        break;
      default:
        return this.unknown(expression);
    }
    return { value, node: this.nodeFor(expression, typeof value === 'string' ? 'string' : 'boolean', value, false) };
  }

  private call(expression: ts.CallExpression, depth: number): Evaluated {
    const callee = expression.expression;
    // `(() => { if (…) return [...]; return [...] })()`
    if (
      (ts.isArrowFunction(callee) ||
        ts.isFunctionExpression(callee) ||
        (ts.isParenthesizedExpression(callee) &&
          (ts.isArrowFunction(callee.expression) || ts.isFunctionExpression(callee.expression)))) &&
      !expression.arguments.length
    ) {
      const fn = (ts.isParenthesizedExpression(callee) ? callee.expression : callee) as
        ts.ArrowFunction | ts.FunctionExpression;
      if (!ts.isBlock(fn.body)) return this.evaluate(fn.body, depth + 1);
      return this.runBlock(fn.body.statements, depth + 1) ?? this.unknown(expression);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const target = this.evaluate(callee.expression, depth + 1);
      if (
        method === 'filter' &&
        Array.isArray(target.value) &&
        expression.arguments.length === 1 &&
        expression.arguments[0].getText(this.source) === 'Boolean'
      ) {
        const items = (target.node.children ?? [])
          .map((node, i) => ({ value: (target.value as Value[])[i], node }))
          .filter((item) => item.value !== UNKNOWN && !!item.value);
        return this.arrayOf(expression, items, false);
      }
      // `list.map(url => url.replace('pages/x/', ''))`: each entry through the callback, at the entry's place.
      const mapper = expression.arguments.at(0);
      if (
        method === 'map' &&
        Array.isArray(target.value) &&
        mapper &&
        (ts.isArrowFunction(mapper) || ts.isFunctionExpression(mapper)) &&
        !ts.isBlock(mapper.body) &&
        mapper.parameters.length &&
        ts.isIdentifier(mapper.parameters[0].name)
      ) {
        const name = mapper.parameters[0].name.text;
        const body = mapper.body;
        const items = (target.node.children ?? []).map((node, i) => {
          this.parameters.set(name, { value: (target.value as Value[])[i], node });
          try {
            const mapped = this.evaluate(body, depth + 1);
            return { value: mapped.value, node: { ...node, value: mapped.value, syntax: undefined } };
          } finally {
            this.parameters.delete(name);
          }
        });
        return this.arrayOf(expression, items, false);
      }
      if (method === 'replace' && typeof target.value === 'string' && expression.arguments.length === 2) {
        const [pattern, replacement] = expression.arguments.map((a) => this.evaluate(a, depth + 1).value);
        if (typeof pattern === 'string' && typeof replacement === 'string') {
          const value = target.value.replace(pattern, () => replacement);
          return { value, node: { ...target.node, value, syntax: undefined } };
        }
      }
      if (method === 'concat' && Array.isArray(target.value)) {
        const items = (target.node.children ?? []).map((node, i) => ({ value: (target.value as Value[])[i], node }));
        for (const argument of expression.arguments) {
          const more = this.evaluate(argument, depth + 1);
          if (Array.isArray(more.value))
            (more.node.children ?? []).forEach((node, i) => items.push({ value: (more.value as Value[])[i], node }));
          else if (more.value !== UNKNOWN) items.push(more);
        }
        return this.arrayOf(expression, items, false);
      }
      if (callee.getText(this.source) === 'Object.assign' && expression.arguments.length) {
        const parts = expression.arguments.map((a) => this.evaluate(a, depth + 1));
        if (
          parts.every((p) => p.value !== UNKNOWN && !!p.value && typeof p.value === 'object' && !Array.isArray(p.value))
        ) {
          const merged: Evaluated = { value: {}, node: this.nodeFor(expression, 'object', undefined, false) };
          merged.node.children = [];
          for (const part of parts)
            for (const child of part.node.children ?? []) {
              const key: unknown = child.children?.[0]?.value;
              if (typeof key === 'string')
                this.setProperty(
                  merged,
                  key,
                  { value: (part.value as Record<string, Value>)[key], node: child.children![1] },
                  this.source,
                );
            }
          return merged;
        }
      }
    }
    // defineAppConfig({…}) / definePageConfig({…}): the object itself.
    if (ts.isIdentifier(callee) && /^define\w*Config$/.test(callee.text) && expression.arguments.length === 1)
      return this.evaluate(expression.arguments[0], depth + 1);
    return this.unknown(expression);
  }

  /** The value an arrow function's body returns, following if statements whose condition is decided. */
  private runBlock(statements: readonly ts.Statement[], depth: number): Evaluated | undefined {
    for (const statement of statements) {
      this.tick();
      if (ts.isReturnStatement(statement))
        return statement.expression ? this.evaluate(statement.expression, depth + 1) : undefined;
      if (ts.isIfStatement(statement)) {
        const condition = this.truth(statement.expression);
        if (condition === undefined) return undefined;
        const branch = condition ? statement.thenStatement : statement.elseStatement;
        if (!branch) continue;
        const result = this.runBlock(blockStatements(branch), depth + 1);
        if (result) return result;
      } else if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations)
          if (ts.isIdentifier(decl.name) && decl.initializer) this.constants.set(decl.name.text, decl.initializer);
      }
    }
    return undefined;
  }
}

function blockStatements(statement: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(statement) ? statement.statements : [statement];
}
