// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import type { FileEdit, FixScope, LocalizedText } from '../types';
import { text } from '../types';
import type { CheckoutStep, FunctionRef, PersonalInfoRequest } from '../analysis';
import type { ScriptDefinition, ScriptFacts, WxmlAttribute, WxmlDocument, WxmlElement } from '../parse';
import { attribute } from '../parse';
import {
  addAttributes,
  addToDefinition,
  definitionScope,
  elementScope,
  indentationAt,
  insertBefore,
} from './edit-helpers';
import { componentBody, importNames, taroImport, vueScriptForm, vueStyles } from './framework-purpose-modal';
import type { CodeStyle } from './code-style';
import { codeStyleOf, indentUnit, stringLiteral } from './code-style';

/**
 * move-phone-to-checkout written in a framework's own source (fixes/move-phone-to-checkout.ts writes WXML and
 * Page methods): on a uni-app checkout page, `open-type` / `@getphonenumber` on its button, the purpose above it
 * and CSS in its `<style>`, the wrapper as an options-API method (`this.submit(e)`) or a `<script setup>`
 * function; on a Taro function component, `openType` / `onGetPhoneNumber={…}`, the purpose as a `<View>` with an
 * inline style and the wrapper as a `const` in the component. The phone handler is copied when it is written
 * the way the checkout page writes its own (a method, or a function of the component); each case it cannot
 * write says why.
 */
export const UNAVAILABLE_AT_CHECKOUT = {
  vueScript: text(
    'The checkout page mixes <script setup> with an options object (or has neither); mp-privacy writes the checkout handler into one of them only. Move the phone request to the checkout button by hand.',
    '结算页面同时使用 <script setup> 和选项对象（或两者都没有），mp-privacy 只能写入其中一种。请手动把手机号请求移到结算按钮上。',
  ),
  jsxComponent: text(
    'The checkout page is not a function component with a block body (class components keep their handlers on this); move the phone request to the checkout button by hand.',
    '结算页面不是函数体为代码块的函数组件（类组件的处理函数挂在 this 上），请手动把手机号请求移到结算按钮上。',
  ),
  inlineHandler: text(
    'The checkout button calls an inline expression; the phone button can only forward to a handler named in the template. Name the handler (@tap="submitOrder" / onClick={submitOrder}) or move the request by hand.',
    '结算按钮绑定的是内联表达式，手机号按钮只能转交给模板中按名称绑定的处理函数。请改为按名称绑定（@tap="submitOrder" / onClick={submitOrder}），或手动移动手机号请求。',
  ),
  placement: text(
    'The checkout control sits where the stated purpose cannot be put before it (the root of the template, a v-else branch, or inside a JSX condition or list); move the phone request to it by hand.',
    '结算控件所在位置无法在其前面加入用途说明（模板根节点、v-else 分支，或 JSX 条件、列表内），请手动把手机号请求移过去。',
  ),
  taroTrigger: text(
    'The checkout control is not a <Button>; turning it into one needs a stylesheet rule mp-privacy does not write in Taro pages. Move the phone request to it by hand.',
    '结算控件不是 <Button>，把它改成按钮需要样式表规则，mp-privacy 不会在 Taro 页面中写入。请手动把手机号请求移过去。',
  ),
  handlerForm: text(
    "The phone handler is written differently from the checkout page's own handlers (a method using this, or a function of another component), so it cannot be copied there as it is. Move the request and its handler by hand.",
    '手机号处理函数的写法与结算页面自身的处理函数不同（使用 this 的方法，或另一个组件内的函数），无法原样复制过去。请手动移动手机号请求及其处理函数。',
  ),
  removal: text(
    'The phone request sits inside a v-if/v-else chain or a JSX condition, where removing it would break the template; remove it by hand.',
    '手机号请求位于 v-if/v-else 链或 JSX 条件表达式中，删除它会破坏模板，请手动删除。',
  ),
} satisfies Record<string, LocalizedText>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** How a unit writes its handlers: members of an options object (`this.x`), or functions of the component. */
type HandlerForm = 'method' | 'function';

/**
 * The form of the unit `script` defines, or undefined when the fix does not write it (mixed scripts, class
 * components). `sfc` is the whole .vue file (the script's own text has the tags blanked out).
 */
function handlerFormOf(script: ScriptFacts, dialect: WxmlDocument['dialect'], sfc?: string): HandlerForm | undefined {
  const definition = script.definition;
  if (!definition) return undefined;
  if (dialect === 'vue') {
    const form = sfc === undefined ? undefined : vueScriptForm(sfc, definition);
    return form && (form === 'setup' ? 'function' : 'method');
  }
  if (dialect === 'jsx') return componentBody(sourceOf(script), definition) ? 'function' : undefined;
  return 'method';
}

function dialectOf(file: string): WxmlDocument['dialect'] {
  return /\.n?vue$/.test(file) ? 'vue' : /\.[jt]sx$/.test(file) ? 'jsx' : undefined;
}

function sourceOf(script: ScriptFacts): ts.SourceFile {
  const kind = /\.jsx$/.test(script.file)
    ? ts.ScriptKind.JSX
    : /\.tsx$/.test(script.file)
      ? ts.ScriptKind.TSX
      : ts.ScriptKind.TS;
  return ts.createSourceFile(script.file, script.content, ts.ScriptTarget.Latest, true, kind);
}

/** `function`, `async`, `const` …: what a copied handler's text starts with before its name. */
function prefixOf(script: ScriptFacts, fn: FunctionRef['fn']): string {
  return script.content.slice(fn.start, fn.nameStart).trim();
}

/** Whether a handler of the page `request` is on can be copied as written into a unit of form `form`. */
function copyable(handler: FunctionRef, request: PersonalInfoRequest, form: HandlerForm): boolean {
  const { document } = request.view;
  const sfc = handler.script.file === document.file ? document.content : undefined;
  const origin = handlerFormOf(handler.script, dialectOf(handler.script.file), sfc);
  if (origin !== form) return false;
  const prefix = prefixOf(handler.script, handler.fn);
  const after = handler.script.content.slice(handler.fn.nameEnd).trimStart();
  if (form === 'method') return /^(async)?$/.test(prefix) && after.startsWith('(');
  return /^(async\s+)?function$|^(const|let|var)$/.test(prefix);
}

/** Whether the element sits among the children of an element as written (not at the root, in a JSX expression or a v-else). */
function placeable(element: WxmlElement): boolean {
  const parent = element.parent;
  if (!parent || parent.startTagEnd <= parent.start) return false;
  return !element.attributes.some((a) => a.name === 'wx:elif' || a.name === 'wx:else');
}

/** Why the request on a framework page cannot be taken off it (removal kind 'request'), or undefined. */
export function frameworkRemovalProblem(
  request: PersonalInfoRequest,
  overlay?: WxmlElement,
): LocalizedText | undefined {
  if (!request.view.document.dialect) return undefined;
  const removed = overlay ?? request.view.element;
  if (overlay && (!placeable(removed) || removed.attributes.some((a) => a.name === 'wx:if')))
    return UNAVAILABLE_AT_CHECKOUT.removal;
  return undefined;
}

/** Why the fix cannot attach the request to a framework checkout page, or undefined when it can. */
export function frameworkCheckoutProblem(
  request: PersonalInfoRequest,
  checkout: CheckoutStep,
  copiesHandler: boolean,
): LocalizedText | undefined {
  const document = checkout.page.wxml!;
  const script = checkout.page.script!;
  const form = handlerFormOf(script, document.dialect, document.content);
  if (!form)
    return document.dialect === 'vue' ? UNAVAILABLE_AT_CHECKOUT.vueScript : UNAVAILABLE_AT_CHECKOUT.jsxComponent;
  const binding = checkout.binding.attribute;
  if (!IDENTIFIER.test(document.content.slice(binding.valueStart, binding.valueEnd).trim()))
    return UNAVAILABLE_AT_CHECKOUT.inlineHandler;
  if (!placeable(checkout.trigger)) return UNAVAILABLE_AT_CHECKOUT.placement;
  if (document.dialect === 'jsx' && checkout.trigger.name !== 'button') return UNAVAILABLE_AT_CHECKOUT.taroTrigger;
  const handler = request.handler;
  if (copiesHandler && handler && !sameMember(handler, script) && !copyable(handler, request, form))
    return UNAVAILABLE_AT_CHECKOUT.handlerForm;
  return undefined;
}

function sameMember(handler: FunctionRef, script: ScriptFacts): boolean {
  return handler.script === script && script.definition?.members.get(handler.fn.name)?.start === handler.fn.start;
}

/** Renames the handler binding of a phone button to a plain tap, keeping its value: `@tap="x"`, `onClick={x}`. */
export function tapBindingFor(document: WxmlDocument, binding: WxmlAttribute): FileEdit {
  const written = document.content.slice(binding.start, binding.end);
  const nameLength = written.search(/\s*=|$/);
  const newName = document.dialect === 'vue' ? '@tap' : 'onClick';
  return { file: document.file, start: binding.start, end: binding.start + nameLength, newText: newName };
}

export interface CheckoutWords {
  wrapper: string;
  /** The checkout trigger's own handler, which places the order. */
  submit: string;
  /** The phone handler the wrapper runs first (its copy's name when it is copied). */
  handler?: string;
  /** The copy's name and the note above it, when the handler is copied. */
  moved?: { name: string; note: string };
  /** The note that says why the phone handler is not run (it navigates). */
  leftBehind?: string;
  comment: string;
  declined: string;
  /** The toast a refusal shows, in the project's language. */
  toast: string;
  purpose: string;
}

/**
 * The wrapper's statements: on a refusal (no code, no encryptedData) the user stays and a toast says why;
 * otherwise the phone handler runs, then the order is placed. `call` writes a member call (`this.x`, `x`),
 * `api` is the framework's API object (`wx`, `uni`, `Taro`).
 */
export function wrapperBody(
  words: CheckoutWords,
  call: (name: string) => string,
  api: string,
  style: CodeStyle,
): string[] {
  const semi = style.semicolons ? ';' : '';
  const submit = `${call(words.submit)}(e)`;
  return [
    words.comment,
    `if (!e.detail || !(e.detail.code || e.detail.encryptedData)) {`,
    `  ${words.declined}`,
    `  ${api}.showToast({ title: ${stringLiteral(words.toast, style)}, icon: ${stringLiteral('none', style)} })${semi}`,
    `  return${semi}`,
    `}`,
    ...(words.leftBehind ? [words.leftBehind] : []),
    words.handler
      ? `return Promise.resolve(${call(words.handler)}(e)).then(() => ${submit})${semi}`
      : `return ${submit}${semi}`,
  ];
}

export const CHECKOUT_PURPOSE_CSS = `/* mp-privacy: states why the phone number is asked for at checkout */\n.mp-privacy-phone-purpose { font-size: 24rpx; color: #666; line-height: 1.5; margin: 16rpx 0; }`;

/**
 * The edits on a framework checkout page: the trigger becomes the phone button (forwarding to the wrapper), the
 * purpose is stated before it, and the wrapper (plus the copied handler) is written into the component.
 */
export function frameworkAttach(
  request: PersonalInfoRequest,
  checkout: CheckoutStep,
  words: CheckoutWords,
): { edits: FileEdit[]; scope: FixScope[] } {
  const document = checkout.page.wxml!;
  const script = checkout.page.script!;
  const definition = script.definition!;
  const form = handlerFormOf(script, document.dialect, document.content)!;
  const copied =
    words.moved && request.handler ? copiedSource(request.handler, words.moved.name, words.moved.note, form) : '';
  const call = (name: string) => (form === 'method' ? `this.${name}` : name);
  const style = codeStyleOf(script.content);
  const e = script.isTypeScript || /\.tsx$/.test(script.file) ? 'e: any' : 'e';
  const trigger = checkout.trigger;
  const edits: FileEdit[] = [];
  const scope: FixScope[] = [elementScope(document, trigger), definitionScope(script, definition)];

  if (document.dialect === 'vue') {
    edits.push({
      file: document.file,
      start: checkout.binding.attribute.start,
      end: checkout.binding.attribute.end,
      newText: `open-type="${request.openType}" @${request.openType.toLowerCase()}="${words.wrapper}"`,
    });
    const needsReset = trigger.name !== 'button';
    if (needsReset) edits.push(...asButton(document, trigger));
    edits.push({
      ...insertBefore(document, trigger, `<view class="mp-privacy-phone-purpose">${words.purpose}</view>`),
      snippet: true,
    });
    const css = [CHECKOUT_PURPOSE_CSS, ...(needsReset ? [BUTTON_RESET_CSS] : [])].join('\n');
    const styles = vueStyles(document, css.split('\n'));
    edits.push(styles);
    scope.push({
      file: document.file,
      start: styles.start,
      end: document.content.length,
      construct: 'the last <style> block',
    });
    const statements = wrapperBody(words, call, 'uni', style).map((line) => `  ${line}`);
    const head = form === 'method' ? `${words.wrapper}(${e}) {` : `function ${words.wrapper}(${e}) {`;
    const wrapper = [head, ...statements, '}'].join('\n');
    if (form === 'method') edits.push(...addToDefinition(script, definition, copied ? [copied, wrapper] : [wrapper]));
    else edits.push(setupFunctions(script, definition, [copied, wrapper].filter(Boolean)));
    return { edits, scope };
  }

  // Taro function component.
  const source = sourceOf(script);
  const body = componentBody(source, definition)!;
  const event = request.openType === 'getPhoneNumber' ? 'onGetPhoneNumber' : 'onGetRealtimePhoneNumber';
  edits.push({
    file: document.file,
    start: checkout.binding.attribute.start,
    end: checkout.binding.attribute.end,
    newText: `openType="${request.openType}" ${event}={${words.wrapper}}`,
  });
  const View = document.content.includes('<Taro.View') ? 'Taro.View' : 'View';
  if (View === 'View') edits.push(...importNames(script, source, '@tarojs/components', ['View']));
  edits.push({
    ...insertBefore(
      document,
      trigger,
      `<${View} style={{ fontSize: '24rpx', color: '#666', lineHeight: 1.5, margin: '16rpx 0' }}>${words.purpose}</${View}>`,
    ),
    snippet: true,
  });
  const firstStatement = body.statements.at(0);
  const indent = firstStatement
    ? indentationAt(script.content, firstStatement.getStart(source))
    : indentationAt(script.content, definition.object.start) + '  ';
  const semicolon = firstStatement?.getText(source).trimEnd().endsWith(';') ? ';' : '';
  const taro = taroImport(script, source);
  edits.push(...taro.edits);
  const statements = wrapperBody(words, call, taro.name, { ...style, semicolons: !!semicolon });
  const wrapper = [
    `const ${words.wrapper} = (${e}) => {`,
    ...statements.map((line) => `  ${line}`),
    `}${semicolon}`,
  ].join('\n');
  const code = [copied, wrapper]
    .filter(Boolean)
    .join('\n')
    .replace(/^(?=.)/gm, indent);
  const open = body.getStart(source) + 1;
  edits.push({ file: script.file, start: open, end: open, newText: `\n${code}\n` });
  const lastImport = source.statements.filter(ts.isImportDeclaration).at(-1);
  scope.push({ file: script.file, start: 0, end: lastImport?.end ?? 0, construct: 'the import declarations' });
  return { edits, scope };
}

export const BUTTON_RESET_CSS = `.mp-privacy-button-reset { margin: 0; padding: 0; border-radius: 0; background: none; font-size: inherit; line-height: inherit; color: inherit; text-align: inherit; }\n.mp-privacy-button-reset::after { border: none; }`;

/** A template element renamed to `<button>` (its tag as written: `view`, `div`), with the reset class. */
export function asButton(document: WxmlDocument, element: WxmlElement): FileEdit[] {
  const { content, file } = document;
  const tag = /^<([\w.:-]+)/.exec(content.slice(element.start, element.startTagEnd))?.[1] ?? element.name;
  const edits: FileEdit[] = [
    { file, start: element.start + 1, end: element.start + 1 + tag.length, newText: 'button' },
  ];
  const closeTag = `</${tag}>`;
  if (!element.selfClosing && content.slice(element.end - closeTag.length, element.end) === closeTag)
    edits.push({ file, start: element.end - closeTag.length + 2, end: element.end - 1, newText: 'button' });
  const staticClass = attribute(element, 'class');
  edits.push(
    // A class written as `class="…"` takes it in its value; Vue's bound `:class` is joined by a static one.
    staticClass && content.startsWith('class', staticClass.start)
      ? { file, start: staticClass.valueEnd, end: staticClass.valueEnd, newText: ' mp-privacy-button-reset' }
      : addAttributes(document, element, 'class="mp-privacy-button-reset"'),
  );
  return edits;
}

/** The handler's source under a new name, re-based to column 0, with a note above it; as a method or a function. */
export function copiedSource(handler: FunctionRef, name: string, note: string, form: HandlerForm): string {
  const { script, fn } = handler;
  const written = script.content.slice(fn.start, fn.nameStart) + name + script.content.slice(fn.nameEnd, fn.end);
  const indent = indentationAt(script.content, fn.start);
  // In the two-space steps generated code is written in (insertion writes them in the target file's steps).
  const unit = indentUnit(script.content);
  const lines = written
    .split(/\r?\n/)
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .map((line) => {
      if (unit === '  ') return line;
      const leading = /^[ \t]*/.exec(line)![0];
      const steps = unit === '\t' ? leading.split('\t').length - 1 : Math.floor(leading.length / unit.length);
      return '  '.repeat(steps) + line.slice(leading.length);
    })
    .join('\n');
  return `${note}\n${form === 'method' ? lines.replace(/,\s*$/, '') : lines}`;
}

/** Functions appended at the end of a `<script setup>` block, at its indentation. */
function setupFunctions(script: ScriptFacts, definition: ScriptDefinition, functions: string[]): FileEdit {
  const source = sourceOf(script);
  const { start, end } = definition.object;
  const inBlock = source.statements.filter((s) => s.getStart(source) >= start && s.end <= end);
  const indent = inBlock.length ? indentationAt(script.content, inBlock[0].getStart(source)) : '';
  const last = inBlock.at(-1);
  const at = last ? last.end : start;
  const code = functions.join('\n').replace(/^(?=.)/gm, indent);
  return { file: script.file, start: at, end: at, newText: `\n\n${code}` };
}
