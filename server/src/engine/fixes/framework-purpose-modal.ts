// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import type { FileEdit, FixEdits, FixScope, Locale, LocalizedText } from '../types';
import { text } from '../types';
import type { PersonalInfoRequest } from '../analysis';
import type { ObjectSpan, ScriptDefinition, ScriptFacts, WxmlDocument, WxmlElement } from '../parse';
import {
  addAttributes,
  definitionScope,
  elementScope,
  indentationAt,
  insertProperties,
  removeAttribute,
  replaceAttribute,
} from './edit-helpers';
import { PHONE_MODAL_NAMES, PURPOSE_PLACEHOLDER, uniqueSuffix } from './shared-text';
import { codeStyleOf, inFileStyle, indentUnit, lineEnding, stringLiteral } from './code-style';

/**
 * add-purpose-modal written in a framework's own source (fixes/purpose-modal.ts writes WXML and Page/Component
 * methods): in a uni-app SFC, Vue template markup with `v-if`/`@tap` and either options-API members (`data()`,
 * `methods`, `this.x`) or `<script setup>` code (`ref`, functions) plus CSS in its `<style>`; in a Taro function
 * component, JSX with `useState` and inline styles. The dialog goes inside the element the phone button sits in
 * at the top of the template, so the template keeps one root. Each case the fix cannot write safely says why.
 */
export type FrameworkModalPlan = { build(locale: Locale): FixEdits } | { unavailable: LocalizedText };

export interface ModalWords {
  title: string;
  accept: string;
  decline: string;
  /** The toast after "not now": the user stays on the page; the handler is not called with a made-up event. */
  declined: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const UNAVAILABLE = {
  handler: text(
    'The phone button calls an inline expression; the dialog can only forward the result to a handler named in the template. Name the handler (@getphonenumber="onGetPhone" / onGetPhoneNumber={onGetPhone}) or add the dialog by hand.',
    '手机号按钮绑定的是内联表达式，弹窗只能把结果转交给模板中按名称绑定的处理函数。请改为按名称绑定（@getphonenumber="onGetPhone" / onGetPhoneNumber={onGetPhone}），或手动添加弹窗。',
  ),
  root: text(
    'The phone button is not inside an element of the template the dialog could be added to; add the dialog by hand.',
    '手机号按钮不在可添加弹窗的模板元素内，请手动添加弹窗。',
  ),
  vueScript: text(
    'This component mixes <script setup> with an options object (or has neither); mp-privacy writes the dialog state into one of them only. Add the dialog by hand.',
    '该组件同时使用 <script setup> 和选项对象（或两者都没有），mp-privacy 只能写入其中一种。请手动添加弹窗。',
  ),
  vueData: text(
    "The component's data() does not return an object literal, so the dialog's state cannot be added to it; add the dialog by hand.",
    '组件的 data() 返回的不是对象字面量，无法加入弹窗状态，请手动添加弹窗。',
  ),
  jsxComponent: text(
    'Only function components with a block body are edited (class components keep their state in this.state); add the dialog by hand.',
    '只会修改函数体为代码块的函数组件（类组件的状态在 this.state 中），请手动添加弹窗。',
  ),
} satisfies Record<string, LocalizedText>;

/** The plan for a request in a `.vue` or `.tsx`/`.jsx` template, or why the fix is not offered there. */
export function frameworkPurposeModal(
  request: PersonalInfoRequest,
  script: ScriptFacts,
  definition: ScriptDefinition,
  words: Record<Locale, ModalWords>,
): FrameworkModalPlan {
  const { document, element } = request.view;
  const handlerCode = request.handlerBinding
    ? document.content.slice(request.handlerBinding.attribute.valueStart, request.handlerBinding.attribute.valueEnd)
    : undefined;
  if (handlerCode !== undefined && !IDENTIFIER.test(handlerCode.trim())) return { unavailable: UNAVAILABLE.handler };
  const handler = handlerCode?.trim();
  const container = outermostAncestor(element);
  const closing = container && closingTagStart(document, container);
  if (closing === undefined) return { unavailable: UNAVAILABLE.root };
  return document.dialect === 'vue'
    ? vuePlan(request, script, definition, words, handler, closing)
    : jsxPlan(request, script, definition, words, handler, closing);
}

/** The element at the top of the template that holds `element` (not `element` itself, nor a JSX condition). */
function outermostAncestor(element: WxmlElement): WxmlElement | undefined {
  let found: WxmlElement | undefined;
  for (let at = element.parent; at; at = at.parent) if (at.name !== 'block' || at.startTagEnd > at.start) found = at;
  return found;
}

/** Where an element's end tag starts, when it has one as written (`</view>`, `</View>`). */
export function closingTagStart(document: WxmlDocument, element: WxmlElement): number | undefined {
  if (element.selfClosing) return undefined;
  const start = document.content.lastIndexOf('</', element.end - 1);
  if (start < element.startTagEnd || !/^<\/[\w.:-]+\s*>$/.test(document.content.slice(start, element.end)))
    return undefined;
  return start;
}

/** Markup inserted as the last child of an element whose end tag starts at `closing`, one level deeper. */
export function insertLastChild(
  document: WxmlDocument,
  container: WxmlElement,
  closing: number,
  lines: string[],
): FileEdit {
  const { content } = document;
  const outer = indentationAt(content, container.start);
  const inner = outer + indentUnitOf(content, container);
  const style = codeStyleOf(content, 'template');
  const eol = style.eol;
  const block = inFileStyle(lines.join('\n'), { ...style, eol: '\n' }, 'template')
    .split('\n')
    .map((line) => (line ? inner + line : line))
    .join(eol);
  const lineStart = content.lastIndexOf('\n', closing - 1) + 1;
  if (content.slice(lineStart, closing).trim() === '')
    return { file: document.file, start: lineStart, end: lineStart, newText: `${block}${eol}`, snippet: true };
  return { file: document.file, start: closing, end: closing, newText: `${eol}${block}${eol}${outer}`, snippet: true };
}

/** The indentation step the container's children use (two spaces when it cannot tell). */
function indentUnitOf(content: string, container: WxmlElement): string {
  const outer = indentationAt(content, container.start);
  const child = /\n([ \t]*)\S/.exec(content.slice(container.startTagEnd, container.end));
  const step = child && child[1].startsWith(outer) ? child[1].slice(outer.length) : '';
  return step || '  ';
}

function names(definition: ScriptDefinition, texts: string[]) {
  const suffix = uniqueSuffix(definition.members, PHONE_MODAL_NAMES, texts);
  return {
    visible: `mpPrivacyPhonePurposeVisible${suffix}`,
    setVisible: `mpPrivacySetPhonePurposeVisible${suffix}`,
    open: `mpPrivacyOpenPhonePurpose${suffix}`,
    accept: `mpPrivacyOnPhoneNumber${suffix}`,
    decline: `mpPrivacyDeclinePhone${suffix}`,
  };
}

function openTypeOf(request: PersonalInfoRequest): string {
  const openTypes = request.openTypeAttribute.value
    .split('|')
    .map((t) => t.trim())
    .filter((t) => /^[A-Za-z]+$/.test(t));
  return openTypes.includes(request.openType) ? openTypes.join('|') : request.openType;
}

/** The button's own label when it is plain text, else the default. */
function labelOf(request: PersonalInfoRequest, fallback: string): string {
  const label = request.label.trim();
  return !label || /[{}<>&]/.test(label) ? fallback : label;
}

/** The toast "not now" shows, through the framework's API object (`uni`, `Taro`), in the script's quotes. */
function declineToast(api: string, script: ScriptFacts, title: string): string {
  const style = codeStyleOf(script.content);
  return `${api}.showToast({ title: ${stringLiteral(title, style)}, icon: ${stringLiteral('none', style)} })`;
}

// ---------------------------------------------------------------------------------------------------------
// uni-app (Vue SFC)

function vuePlan(
  request: PersonalInfoRequest,
  script: ScriptFacts,
  definition: ScriptDefinition,
  words: Record<Locale, ModalWords>,
  handler: string | undefined,
  closing: number,
): FrameworkModalPlan {
  const { document, element } = request.view;
  const content = document.content;
  const form = vueScriptForm(content, definition);
  if (!form) return { unavailable: UNAVAILABLE.vueScript };
  const setupOnly = form === 'setup';
  const source = ts.createSourceFile(script.file, script.content, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const options = setupOnly ? undefined : optionsObject(source, definition);
  if (!setupOnly && !options) return { unavailable: UNAVAILABLE.vueScript };
  const data = options && dataSpan(source, options);
  if (data === null) return { unavailable: UNAVAILABLE.vueData };
  const n = names(definition, [script.content, document.content]);
  const e = script.isTypeScript ? 'e: any' : 'e';
  const container = outermostAncestor(element)!;

  return {
    build(locale) {
      const w = words[locale];
      const eventAttribute = `@${request.openType.toLowerCase()}`;
      const edits: FileEdit[] = [
        removeAttribute(document, request.openTypeAttribute),
        request.handlerBinding
          ? replaceAttribute(document, request.handlerBinding.attribute, `@tap="${n.open}"`)
          : addAttributes(document, element, `@tap="${n.open}"`),
        insertLastChild(document, container, closing, [
          `<!-- mp-privacy: says why the phone number is needed before WeChat asks for it -->`,
          `<view v-if="${n.visible}" class="mp-privacy-purpose-mask">`,
          `  <view class="mp-privacy-purpose-dialog">`,
          `    <view class="mp-privacy-purpose-title">${w.title}</view>`,
          `    <view class="mp-privacy-purpose-text">${PURPOSE_PLACEHOLDER[locale].snippet}</view>`,
          `    <button class="mp-privacy-purpose-accept" type="primary" open-type="${openTypeOf(request)}" ${eventAttribute}="${n.accept}">${labelOf(request, w.accept)}</button>`,
          `    <button class="mp-privacy-purpose-decline" @tap="${n.decline}">${w.decline}</button>`,
          `  </view>`,
          `</view>`,
        ]),
        vueStyles(document),
      ];
      const toast = declineToast('uni', script, w.declined);
      if (setupOnly) edits.push(...setupCode(script, source, definition, n, e, handler, toast));
      else edits.push(...optionsCode(script, definition, data, n, e, handler, toast));
      // The constructs it edits (fixes/verify.ts): the template's root element, the component, the last style block.
      const styles = edits[3];
      const scope: FixScope[] = [
        elementScope(document, container),
        definitionScope(script, definition),
        { file: document.file, start: styles.start, end: content.length, construct: 'the last <style> block' },
      ];
      return { edits, creations: [], scope };
    },
  };
}

/** How an SFC's component is written: `<script setup>` only, an options object only, or (undefined) a mix or neither. */
export function vueScriptForm(content: string, definition: ScriptDefinition): 'setup' | 'options' | undefined {
  const setupOnly = content.startsWith('<script', definition.callStart);
  const hasSetupBlock = /<script\b[^>]*\bsetup\b/.test(content);
  if (setupOnly !== hasSetupBlock) return undefined;
  return setupOnly ? 'setup' : 'options';
}

/** The `export default {…}` object the definition was read from. */
function optionsObject(source: ts.SourceFile, definition: ScriptDefinition): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end <= definition.object.start || node.getStart(source) > definition.object.start) return;
    if (ts.isObjectLiteralExpression(node) && node.getStart(source) === definition.object.start) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function spanOf(object: ts.ObjectLiteralExpression, source: ts.SourceFile): ObjectSpan {
  return {
    start: object.getStart(source),
    end: object.end,
    properties: object.properties.map((p) => ({ start: p.getStart(source), end: p.end })),
  };
}

/** The object `data` holds or `data()` returns; undefined without data, null when it is not a literal. */
function dataSpan(source: ts.SourceFile, options: ts.ObjectLiteralExpression): ObjectSpan | undefined | null {
  const property = options.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'data');
  if (!property) return undefined;
  let body: ts.Node | undefined;
  if (ts.isMethodDeclaration(property)) body = property.body;
  else if (ts.isPropertyAssignment(property)) {
    const value = property.initializer;
    if (ts.isObjectLiteralExpression(value)) return spanOf(value, source);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) body = value.body;
  }
  if (!body) return null;
  let returned: ts.Expression | undefined = ts.isBlock(body)
    ? body.statements.find(ts.isReturnStatement)?.expression
    : (body as ts.Expression);
  while (returned && ts.isParenthesizedExpression(returned)) returned = returned.expression;
  return returned && ts.isObjectLiteralExpression(returned) ? spanOf(returned, source) : null;
}

type Names = ReturnType<typeof names>;

function optionsCode(
  script: ScriptFacts,
  definition: ScriptDefinition,
  data: ObjectSpan | undefined,
  n: Names,
  e: string,
  handler: string | undefined,
  toast: string,
): FileEdit[] {
  const forward = handler ? `\n  return this.${handler}(e);` : '';
  const methods = [
    `${n.open}() {\n  this.${n.visible} = true;\n}`,
    `${n.accept}(${e}) {\n  this.${n.visible} = false;${forward}\n}`,
    `${n.decline}() {\n  this.${n.visible} = false;\n  ${toast};\n}`,
  ];
  const edits: FileEdit[] = [];
  const topLevel: string[] = [];
  if (data) edits.push(insertProperties(script, data, [`${n.visible}: false`]));
  else topLevel.push(`data() {\n  return {\n    ${n.visible}: false,\n  };\n}`);
  if (definition.methods) edits.push(insertProperties(script, definition.methods, methods));
  else topLevel.push(`methods: {\n${methods.map((m) => m.replace(/^/gm, '  ')).join(',\n')}\n}`);
  if (topLevel.length) edits.push(insertProperties(script, definition.object, topLevel));
  return edits;
}

function setupCode(
  script: ScriptFacts,
  source: ts.SourceFile,
  definition: ScriptDefinition,
  n: Names,
  e: string,
  handler: string | undefined,
  toast: string,
): FileEdit[] {
  const { start, end } = definition.object;
  const content = script.content;
  const style = codeStyleOf(content);
  const edits: FileEdit[] = [];
  const inBlock = source.statements.filter((s) => s.getStart(source) >= start && s.end <= end);
  const first = inBlock.at(0);
  const indent = first ? indentationAt(content, first.getStart(source)) : '';
  const vueImport = inBlock.find(
    (s): s is ts.ImportDeclaration =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === 'vue' &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings),
  );
  const named = vueImport?.importClause?.namedBindings as ts.NamedImports | undefined;
  const hasRef = named?.elements.some((el) => el.name.text === 'ref' && (el.propertyName?.text ?? 'ref') === 'ref');
  if (named && !hasRef) {
    const last = named.elements.at(-1);
    const at = last ? last.end : named.getStart(source) + 1;
    edits.push({ file: script.file, start: at, end: at, newText: last ? ', ref' : ' ref ' });
  } else if (!named) {
    const at = first ? first.getStart(source) : start;
    const line = inFileStyle(`import { ref } from ${stringLiteral('vue', style)};`, style, 'script');
    edits.push({ file: script.file, start: at, end: at, newText: `${line}${style.eol}${indent}` });
  }
  const forward = handler ? `\n  return ${handler}(e);` : '';
  const code = [
    `// mp-privacy: the purpose dialog shown before WeChat asks for the phone number`,
    `const ${n.visible} = ref(false);`,
    `function ${n.open}() {\n  ${n.visible}.value = true;\n}`,
    `function ${n.accept}(${e}) {\n  ${n.visible}.value = false;${forward}\n}`,
    `function ${n.decline}() {\n  ${n.visible}.value = false;\n  ${toast};\n}`,
  ].join('\n');
  const last = inBlock.at(-1);
  const at = last ? last.end : start;
  // Generated in two-space steps with semicolons: written in the file's steps, semicolons and line ending.
  const written = inFileStyle(code, { ...style, eol: '\n' }, 'script')
    .replace(/^(?=.)/gm, indent)
    .split('\n')
    .join(style.eol);
  edits.push({ file: script.file, start: at, end: at, newText: `${style.eol}${style.eol}${written}` });
  return edits;
}

const VUE_STYLES = [
  `/* mp-privacy: purpose-explanation dialog for the phone-number request */`,
  `.mp-privacy-purpose-mask { position: fixed; top: 0; right: 0; bottom: 0; left: 0; z-index: 1000; display: flex; align-items: flex-end; background: rgba(0, 0, 0, 0.5); }`,
  `.mp-privacy-purpose-dialog { width: 100%; box-sizing: border-box; padding: 40rpx 32rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }`,
  `.mp-privacy-purpose-title { font-size: 34rpx; font-weight: 600; margin-bottom: 24rpx; }`,
  `.mp-privacy-purpose-text { font-size: 28rpx; color: #555; line-height: 1.6; margin-bottom: 32rpx; }`,
  `.mp-privacy-purpose-decline { margin-top: 20rpx; }`,
];

/** CSS lines (the dialog's by default) at the end of the SFC's last CSS-syntax `<style>` block, or in a new block. */
export function vueStyles(document: WxmlDocument, lines: readonly string[] = VUE_STYLES): FileEdit {
  const { content } = document;
  const eol = lineEnding(content);
  const css = lines.join(eol);
  let last: { lang: string; closing: number } | undefined;
  const openTag = /<style\b([^>]*)>/g;
  for (let match = openTag.exec(content); match; match = openTag.exec(content)) {
    const closing = content.indexOf('</style>', openTag.lastIndex);
    if (closing < 0) break;
    last = { lang: /\blang\s*=\s*["']?([\w-]+)/.exec(match[1])?.[1] ?? 'css', closing };
    openTag.lastIndex = closing;
  }
  // Indented syntaxes (sass, stylus) do not take CSS blocks: those get a block of their own.
  if (last && /^(css|scss|less|postcss)$/.test(last.lang)) {
    const lineStart = content.lastIndexOf('\n', last.closing - 1) + 1;
    const ownLine = content.slice(lineStart, last.closing).trim() === '';
    const at = ownLine ? lineStart : last.closing;
    return { file: document.file, start: at, end: at, newText: `${ownLine ? '' : eol}${css}${eol}` };
  }
  let end = content.length;
  while (end > 0 && /\s/.test(content[end - 1])) end--;
  return {
    file: document.file,
    start: end,
    end: content.length,
    newText: `${eol}${eol}<style>${eol}${css}${eol}</style>${eol}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Taro (React function component)

/** The function component's block body, when the definition is one. */
export function componentBody(source: ts.SourceFile, definition: ScriptDefinition): ts.Block | undefined {
  let found: ts.Block | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < definition.object.end || node.getStart(source) > definition.object.start) return;
    if (
      node.getStart(source) === definition.object.start &&
      node.end === definition.object.end &&
      (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
      node.body &&
      ts.isBlock(node.body)
    )
      found = node.body;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Adds `names` to the named imports from `module`, or a new import after the last one. */
export function importNames(script: ScriptFacts, source: ts.SourceFile, module: string, wanted: string[]): FileEdit[] {
  const clause = source.statements
    .filter(ts.isImportDeclaration)
    .filter((s) => ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === module)
    .map((s) => s.importClause?.namedBindings)
    .find((b): b is ts.NamedImports => !!b && ts.isNamedImports(b));
  const have = new Set(clause?.elements.map((el) => el.name.text));
  const missing = wanted.filter((name) => !have.has(name));
  if (!missing.length) return [];
  const last = clause?.elements.at(-1);
  if (clause && last)
    return [{ file: script.file, start: last.end, end: last.end, newText: `, ${missing.join(', ')}` }];
  return [newImport(script, source, `{ ${missing.join(', ')} }`, module)];
}

/** `import <clause> from '<module>'` after the last import, in the quotes and semicolons of the imports there. */
export function newImport(script: ScriptFacts, source: ts.SourceFile, clause: string, module: string): FileEdit {
  const imports = source.statements.filter(ts.isImportDeclaration);
  const quote = /^\s*import[^'"]*(['"])/m.exec(script.content)?.[1] ?? `'`;
  const semicolon = imports.at(0)?.getText(source).trimEnd().endsWith(';') ? ';' : '';
  const after = imports.at(-1);
  const at = after ? after.end : 0;
  const line = `import ${clause} from ${quote}${module}${quote}${semicolon}`;
  return { file: script.file, start: at, end: at, newText: after ? `\n${line}` : `${line}\n` };
}

/** The name `@tarojs/taro`'s default export has in the file, with the import to add when it has none. */
export function taroImport(script: ScriptFacts, source: ts.SourceFile): { name: string; edits: FileEdit[] } {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const name = statement.importClause?.name?.text;
    if (statement.moduleSpecifier.text === '@tarojs/taro' && name) return { name, edits: [] };
  }
  return { name: 'Taro', edits: [newImport(script, source, 'Taro', '@tarojs/taro')] };
}

const JSX_STYLES = {
  mask: `{ position: 'fixed', top: 0, right: 0, bottom: 0, left: 0, zIndex: 1000, display: 'flex', alignItems: 'flex-end', background: 'rgba(0, 0, 0, 0.5)' }`,
  dialog: `{ width: '100%', boxSizing: 'border-box', padding: '40rpx 32rpx', background: '#fff', borderRadius: '24rpx 24rpx 0 0' }`,
  title: `{ fontSize: '34rpx', fontWeight: 600, marginBottom: '24rpx' }`,
  text: `{ fontSize: '28rpx', color: '#555', lineHeight: 1.6, marginBottom: '32rpx' }`,
  decline: `{ marginTop: '20rpx' }`,
};

function jsxPlan(
  request: PersonalInfoRequest,
  script: ScriptFacts,
  definition: ScriptDefinition,
  words: Record<Locale, ModalWords>,
  handler: string | undefined,
  closing: number,
): FrameworkModalPlan {
  const { document, element } = request.view;
  const kind = /\.jsx$/.test(script.file) ? ts.ScriptKind.JSX : ts.ScriptKind.TSX;
  const source = ts.createSourceFile(script.file, script.content, ts.ScriptTarget.Latest, true, kind);
  const body = componentBody(source, definition);
  if (!body) return { unavailable: UNAVAILABLE.jsxComponent };
  const n = names(definition, [script.content, document.content]);
  const e = script.isTypeScript || kind === ts.ScriptKind.TSX ? 'e: any' : 'e';
  const container = outermostAncestor(element)!;
  const tag = (name: string) => (document.content.includes(`<Taro.${name}`) ? `Taro.${name}` : name);
  const [View, Button] = [tag('View'), tag('Button')];

  return {
    build(locale) {
      const w = words[locale];
      const event = request.openType === 'getPhoneNumber' ? 'onGetPhoneNumber' : 'onGetRealtimePhoneNumber';
      const firstStatement = body.statements.at(0);
      const indent = firstStatement
        ? indentationAt(script.content, firstStatement.getStart(source))
        : indentationAt(script.content, definition.object.start) + indentUnit(script.content);
      const style = codeStyleOf(script.content);
      const semicolon = firstStatement?.getText(source).trimEnd().endsWith(';') ? ';' : '';
      const forward = handler ? `\n  return ${handler}(e)${semicolon}` : '';
      const taro = taroImport(script, source);
      const code = [
        `// mp-privacy: the purpose dialog shown before WeChat asks for the phone number`,
        `const [${n.visible}, ${n.setVisible}] = useState(false)${semicolon}`,
        `const ${n.open} = () => {\n  ${n.setVisible}(true)${semicolon}\n}${semicolon}`,
        `const ${n.accept} = (${e}) => {\n  ${n.setVisible}(false)${semicolon}${forward}\n}${semicolon}`,
        `const ${n.decline} = () => {\n  ${n.setVisible}(false)${semicolon}\n  ${declineToast(taro.name, script, w.declined)}${semicolon}\n}${semicolon}`,
      ].join('\n');
      // Two-space steps as generated, in the file's steps and line ending (semicolons follow the body's).
      const written = inFileStyle(code, { ...style, eol: '\n', semicolons: true }, 'script')
        .replace(/^(?=.)/gm, indent)
        .split('\n')
        .join(style.eol);
      const open = body.getStart(source) + 1;
      const edits: FileEdit[] = [
        ...importNames(script, source, 'react', ['useState']),
        ...taro.edits,
        ...(View.startsWith('Taro.') ? [] : importNames(script, source, '@tarojs/components', ['View', 'Button'])),
        { file: script.file, start: open, end: open, newText: `${style.eol}${written}${style.eol}` },
        removeAttribute(document, request.openTypeAttribute),
        request.handlerBinding
          ? replaceAttribute(document, request.handlerBinding.attribute, `onClick={${n.open}}`)
          : addAttributes(document, element, `onClick={${n.open}}`),
        insertLastChild(document, container, closing, [
          `{/* mp-privacy: says why the phone number is needed before WeChat asks for it */}`,
          `{${n.visible} && (`,
          `  <${View} style={${JSX_STYLES.mask}}>`,
          `    <${View} style={${JSX_STYLES.dialog}}>`,
          `      <${View} style={${JSX_STYLES.title}}>${w.title}</${View}>`,
          `      <${View} style={${JSX_STYLES.text}}>${PURPOSE_PLACEHOLDER[locale].snippet}</${View}>`,
          `      <${Button} type="primary" openType="${openTypeOf(request)}" ${event}={${n.accept}}>${labelOf(request, w.accept)}</${Button}>`,
          `      <${Button} style={${JSX_STYLES.decline}} onClick={${n.decline}}>${w.decline}</${Button}>`,
          `    </${View}>`,
          `  </${View}>`,
          `)}`,
        ]),
      ];
      const lastImport = source.statements.filter(ts.isImportDeclaration).at(-1);
      const scope: FixScope[] = [
        { file: script.file, start: 0, end: lastImport?.end ?? 0, construct: 'the import declarations' },
        definitionScope(script, definition),
        elementScope(document, container),
      ];
      return { edits, creations: [], scope };
    },
  };
}
