// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import { parse as parseSfc, NodeTypes } from '@vue/compiler-dom';
import type { AttributeNode, DirectiveNode, ElementNode, RootNode, TemplateChildNode } from '@vue/compiler-dom';
import type { ParseProblem } from '../types';
import { text } from '../types';
import { stripOtherPlatforms } from './conditional';
import type { WxmlAttribute, WxmlDocument, WxmlElement, WxmlNode } from './wxml';
import { parseWxss, WxssDocument } from './wxss';
import { DefinitionTools, MODULE_CODE, ScriptDefinition, ScriptFacts, ScriptFunction, parseScriptWith } from './script';
import { appendChild, handlerName, kebabCase, miniProgramEvent, newAttribute, newElement } from './template-builder';

/**
 * A Vue single-file component (uni-app page, component or App.vue) read as the parts a native unit has:
 * the template as a WXML-like element tree, the `<script>` / `<script setup>` as script facts, the styles
 * as a stylesheet. Every offset is an offset into the .vue file. Parsed with Vue's own parser
 * (@vue/compiler-dom in SFC mode), after blanking code for other platforms (`#ifdef`, parse/conditional.ts).
 */
export interface VueComponent {
  file: string;
  template?: WxmlDocument;
  script?: ScriptFacts;
  style?: WxssDocument;
  problems: ParseProblem[];
}

const MAX_DEPTH = 256;

/** uni-app compiles these HTML tags to mini program components (uniapp.dcloud.net.cn/tutorial/vue-basics.html). */
const HTML_TAGS: Record<string, string> = {
  div: 'view',
  span: 'text',
  img: 'image',
  a: 'navigator',
  template: 'block',
};

/** Lifecycle hooks a `<script setup>` registers by call: uni-app's page/app hooks and Vue's own. */
const SETUP_HOOKS = new Set(['onLaunch', 'onLoad', 'onShow', 'onReady', 'onMounted', 'onBeforeMount']);

export function parseVue(file: string, content: string): VueComponent {
  const problems: ParseProblem[] = [];
  const source = stripOtherPlatforms(content);
  let root: RootNode;
  try {
    root = parseSfc(source, {
      parseMode: 'sfc',
      comments: false,
      onError: (error) => {
        // One note per file is enough: the first thing Vue could not read.
        if (problems.length) return;
        const start = error.loc?.start.offset ?? 0;
        problems.push({
          file,
          start,
          end: Math.max(start, error.loc?.end.offset ?? start),
          message: text(
            `Vue could not read part of ${baseName(file)} (${error.message}); mp-privacy analysed what it could.`,
            `Vue 无法读取 ${baseName(file)} 的一部分（${error.message}）；mp-privacy 分析了可读取的部分。`,
          ),
        });
      },
      onWarn: () => undefined,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      file,
      problems: [
        {
          file,
          start: 0,
          end: 0,
          message: text(
            `mp-privacy could not parse ${baseName(file)}: ${reason}`,
            `mp-privacy 无法解析 ${baseName(file)}：${reason}`,
          ),
        },
      ],
    };
  }
  const blocks = root.children.filter((node): node is ElementNode => node.type === NodeTypes.ELEMENT);
  const component: VueComponent = { file, problems };
  const templateBlock = blocks.find((block) => block.tag === 'template' && !langOf(block));
  if (templateBlock) component.template = buildTemplate(file, content, source, templateBlock, problems);
  const scripts = blocks.filter((block) => block.tag === 'script' && block.children.length);
  if (scripts.length) component.script = buildScript(file, source, scripts);
  const styles = blocks.filter((block) => block.tag === 'style');
  if (styles.length) component.style = parseWxss(file, keepOnly(source, styles.map(innerRange)));
  return component;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function langOf(block: ElementNode): string | undefined {
  const lang = block.props.find((p): p is AttributeNode => p.type === NodeTypes.ATTRIBUTE && p.name === 'lang');
  return lang?.value?.content;
}

/** The offsets of a block's content (between its start and end tags). */
function innerRange(block: ElementNode): [number, number] {
  const first = block.children.at(0);
  const last = block.children.at(-1);
  if (!first || !last) return [block.loc.end.offset, block.loc.end.offset];
  return [first.loc.start.offset, last.loc.end.offset];
}

/** The text with everything outside `ranges` turned into spaces (line breaks kept), so offsets stay those of the file. */
export function keepOnly(content: string, ranges: [number, number][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    parts.push(blank(content.slice(at, start)), content.slice(start, end));
    at = end;
  }
  parts.push(blank(content.slice(at)));
  return parts.join('');
}

const LINE_BODY = /[^\n\r]+/g;
function blank(text: string): string {
  return text.replace(LINE_BODY, (line) => ' '.repeat(line.length));
}

// ---------------------------------------------------------------------------------------------------------
// Template

function buildTemplate(
  file: string,
  content: string,
  source: string,
  block: ElementNode,
  problems: ParseProblem[],
): WxmlDocument {
  const roots: WxmlNode[] = [];
  const visit = (nodes: TemplateChildNode[], parent: WxmlElement | undefined, depth: number): void => {
    for (const node of nodes) {
      if (node.type === NodeTypes.ELEMENT) {
        const element = convertElement(source, node, parent);
        appendChild(parent, roots, element);
        // Deeper elements become siblings at the limit, as in parse/wxml.ts: every walk stays bounded.
        visit(node.children, depth < MAX_DEPTH ? element : parent, depth + 1);
      } else if (node.type === NodeTypes.TEXT) {
        if (/\S/.test(node.content))
          appendChild(parent, roots, {
            kind: 'text',
            text: node.content,
            start: node.loc.start.offset,
            end: node.loc.end.offset,
            parent,
          });
      } else if (node.type === NodeTypes.INTERPOLATION) {
        // Written as WXML's mustache, so that text readers treat it as decided at run time.
        appendChild(parent, roots, {
          kind: 'text',
          text: `{{${node.loc.source.slice(2, -2)}}}`,
          start: node.loc.start.offset,
          end: node.loc.end.offset,
          parent,
        });
      }
    }
  };
  visit(block.children, undefined, 0);
  return { file, content, roots, problems: problems.slice(), dialect: 'vue' };
}

function convertElement(source: string, node: ElementNode, parent: WxmlElement | undefined): WxmlElement {
  const start = node.loc.start.offset;
  const lastProp = node.props.at(-1);
  const afterName = lastProp ? lastProp.loc.end.offset : start + 1 + node.tag.length;
  const close = source.indexOf('>', afterName);
  const startTagEnd = close < 0 || close >= node.loc.end.offset ? node.loc.end.offset : close + 1;
  const name = HTML_TAGS[node.tag] ?? (/[A-Z]/.test(node.tag) ? kebabCase(node.tag) : node.tag);
  const element = newElement(name, start, startTagEnd, node.loc.end.offset, !!node.isSelfClosing, parent);
  const attributes: WxmlAttribute[] = [];
  for (const prop of node.props) {
    const attribute = prop.type === NodeTypes.ATTRIBUTE ? staticAttribute(source, prop) : directiveAttribute(prop);
    if (attribute) attributes.push(attribute);
  }
  // A static attribute is read before a bound one of the same name (class="a" :class="{…}").
  element.attributes = attributes.sort((a, b) => Number(a.value.startsWith('{{')) - Number(b.value.startsWith('{{')));
  return element;
}

function staticAttribute(source: string, prop: AttributeNode): WxmlAttribute {
  const start = prop.loc.start.offset;
  const end = prop.loc.end.offset;
  if (!prop.value) return newAttribute(prop.name, '', start, end);
  const valueLoc = prop.value.loc;
  const quoted = source[valueLoc.start.offset] === '"' || source[valueLoc.start.offset] === "'";
  const valueStart = valueLoc.start.offset + (quoted ? 1 : 0);
  const valueEnd = valueLoc.end.offset - (quoted ? 1 : 0);
  return newAttribute(prop.name, prop.value.content, start, end, valueStart, valueEnd);
}

/** A string literal written as a bound value (`:open-type="'getPhoneNumber'"`): its text and inner offsets. */
function literalOf(expression: string, offset: number): { value: string; start: number; end: number } | undefined {
  const match = /^(\s*)(['"`])([^'"`\\$]*)\2\s*$/.exec(expression);
  if (!match) return undefined;
  const start = offset + match[1].length + 1;
  return { value: match[3], start, end: start + match[3].length };
}

function directiveAttribute(prop: DirectiveNode): WxmlAttribute | undefined {
  const start = prop.loc.start.offset;
  const end = prop.loc.end.offset;
  const expression = prop.exp && prop.exp.type === NodeTypes.SIMPLE_EXPRESSION ? prop.exp : undefined;
  const code = expression?.content ?? '';
  const codeStart = expression ? expression.loc.start.offset : end;
  const codeEnd = expression ? expression.loc.end.offset : end;
  const argument =
    prop.arg && prop.arg.type === NodeTypes.SIMPLE_EXPRESSION && prop.arg.isStatic ? prop.arg.content : undefined;
  switch (prop.name) {
    case 'on': {
      if (!argument) return undefined;
      const modifiers = prop.modifiers.map((m) => (typeof m === 'string' ? m : m.content));
      const prefix = modifiers.includes('stop') ? 'catch' : 'bind';
      // `@tap="onTap"` and `@tap="onTap(item)"` name their handler; an inline statement names none we can follow.
      const handler = handlerName(code) ?? '';
      return newAttribute(`${prefix}${miniProgramEvent(argument)}`, handler, start, end, codeStart, codeEnd);
    }
    case 'bind': {
      if (!argument) return undefined;
      const literal = literalOf(code, codeStart);
      const name = /[A-Z]/.test(argument) ? kebabCase(argument) : argument;
      if (literal) return newAttribute(name, literal.value, start, end, literal.start, literal.end);
      return newAttribute(name, `{{${code}}}`, start, end, codeStart, codeEnd);
    }
    case 'if':
      return newAttribute('wx:if', `{{${code}}}`, start, end, codeStart, codeEnd);
    case 'else-if':
      return newAttribute('wx:elif', `{{${code}}}`, start, end, codeStart, codeEnd);
    case 'else':
      return newAttribute('wx:else', '', start, end);
    case 'show':
      // v-show keeps the element but hides it: WXML's `hidden` with the condition negated.
      return newAttribute('hidden', `{{!(${code})}}`, start, end, codeStart, codeEnd);
    case 'for':
      return newAttribute('wx:for', `{{${code}}}`, start, end, codeStart, codeEnd);
    default:
      return newAttribute(
        `v-${prop.name}${argument ? `:${argument}` : ''}`,
        code ? `{{${code}}}` : '',
        start,
        end,
        codeStart,
        codeEnd,
      );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Script

function buildScript(file: string, source: string, blocks: ElementNode[]): ScriptFacts {
  const lang = blocks.map(langOf).find(Boolean) ?? 'js';
  const kind =
    lang === 'tsx'
      ? ts.ScriptKind.TSX
      : lang === 'ts'
        ? ts.ScriptKind.TS
        : lang === 'jsx'
          ? ts.ScriptKind.JSX
          : ts.ScriptKind.JS;
  const setupBlock = blocks.find((block) =>
    block.props.some((p) => p.type === NodeTypes.ATTRIBUTE && p.name === 'setup'),
  );
  const setupRange = setupBlock ? innerRange(setupBlock) : undefined;
  const scriptText = keepOnly(source, blocks.map(innerRange));
  const definitionKind = /(^|[\\/])App\.vue$/.test(file) ? 'App' : 'Component';
  const facts = parseScriptWith(file, scriptText, {
    kind,
    define: (tools) => defineComponent(tools, definitionKind, setupBlock, setupRange),
  });
  if (kind === ts.ScriptKind.TS || kind === ts.ScriptKind.TSX) facts.isTypeScript = true;
  // `<script setup>` code runs when the component is set up, not when the module loads: it is the member `setup`.
  if (setupBlock) facts.functions.delete(MODULE_CODE);
  return facts;
}

/**
 * The SFC's definition: the options object of `export default {…}` (also through defineComponent or
 * Vue.extend), with the functions and lifecycle hooks of `<script setup>` as members too. `<script setup>`
 * top-level code runs when the component is set up: it becomes the member `setup`.
 */
function defineComponent(
  tools: DefinitionTools,
  kind: 'App' | 'Component',
  setupBlock: ElementNode | undefined,
  setupRange: [number, number] | undefined,
): ScriptDefinition | undefined {
  const { source, facts } = tools;
  let definition: ScriptDefinition | undefined;
  for (const statement of source.statements) {
    if (setupRange && statement.getStart(source) >= setupRange[0] && statement.end <= setupRange[1]) continue;
    if (!ts.isExportAssignment(statement)) continue;
    const object = tools.objectOf(statement.expression);
    if (object) definition = tools.fromObject(kind, object, statement);
  }
  if (!setupBlock || !setupRange) return definition;
  const [blockStart, blockEnd] = setupRange;
  definition ??= {
    kind,
    object: { start: blockStart, end: blockEnd, properties: [] },
    members: new Map(),
    callStart: setupBlock.loc.start.offset,
  };
  const members = definition.members;
  const setupCode: ts.Node[] = [];
  for (const statement of source.statements) {
    if (statement.getStart(source) < blockStart || statement.end > blockEnd) continue;
    if (
      ts.isImportDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement)
    )
      continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      const fn = facts.functions.get(statement.name.text);
      if (fn && !members.has(fn.name)) members.set(fn.name, fn);
      continue;
    }
    if (ts.isVariableStatement(statement)) {
      const rest = statement.declarationList.declarations.filter((decl) => {
        const fn = ts.isIdentifier(decl.name) ? facts.functions.get(decl.name.text) : undefined;
        if (fn && !members.has(fn.name)) members.set(fn.name, fn);
        return !fn;
      });
      if (rest.length)
        setupCode.push(...rest.map((decl) => decl.initializer).filter((init): init is ts.Expression => !!init));
      continue;
    }
    const hook = hookCall(statement);
    if (hook) {
      addMember(members, tools.describe(hook.name, statement, hook.callee, hook.fn));
      continue;
    }
    setupCode.push(statement);
  }
  if (setupCode.length) {
    const setup = tools.describe('setup', setupCode[0], setupCode[0], setupCode);
    Object.assign(setup, {
      start: setupBlock.loc.start.offset,
      end: setupBlock.loc.end.offset,
      nameStart: setupBlock.loc.start.offset,
      nameEnd: setupBlock.loc.start.offset + '<script'.length,
    });
    addMember(members, setup);
  }
  return definition;
}

/** `onLoad((options) => {…})` as a statement of `<script setup>`. */
function hookCall(
  statement: ts.Statement,
): { name: string; callee: ts.Node; fn: ts.FunctionLikeDeclaration } | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return undefined;
  const call = statement.expression;
  if (!ts.isIdentifier(call.expression) || !SETUP_HOOKS.has(call.expression.text)) return undefined;
  const fn = call.arguments.at(0);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  return { name: call.expression.text, callee: call.expression, fn };
}

/** A second hook of the same name (two onShow calls) adds its calls to the first. */
function addMember(members: Map<string, ScriptFunction>, fn: ScriptFunction): void {
  const known = members.get(fn.name);
  if (known) members.set(fn.name, { ...known, calls: [...known.calls, ...fn.calls] });
  else members.set(fn.name, fn);
}
