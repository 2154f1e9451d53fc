// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import { stripOtherPlatforms } from './conditional';
import type { ParseProblem } from '../types';
import { text } from '../types';

/**
 * The compiler's functions as plain properties. Its module object exposes every export through a getter (and
 * `import * as` would add an accessor of its own), while the fact walk asks `isX(node)` dozens of times per node:
 * the walk calls them through this copy.
 */
const syntax: typeof ts = { ...ts };

/**
 * What the rules need to know about a JS/TS module, extracted once per file version with the TypeScript
 * parser (syntax only, no type check): the App/Page/Component definition with its methods, module-level
 * functions, imports and exports, and inside every function the calls that matter (platform APIs,
 * `this.method()`, helper-module calls) with their offsets.
 */

export interface CallSite {
  /** The call expression. */
  start: number;
  end: number;
  /** The enclosing expression statement when the call is one; otherwise equal to the call. */
  statementStart: number;
  statementEnd: number;
  isStatement: boolean;
  /** The statement stands in a block or at the top level (not as the bare body of an if/for/while). */
  statementInBlock: boolean;
  /** How the call runs relative to the function it is written in: WeChat only treats synchronous code as a user tap. */
  context: CallContext;
  /** The conditions under which the call runs within its function, outermost first (absent: unconditional). */
  guards?: readonly Guard[];
  /** The callbacks and awaits the call waits for within its function, outermost first (absent: none). */
  continuations?: readonly Continuation[];
}

/**
 * A condition a call runs under: the test of an enclosing `if`, `&&`, `||`, ternary or `switch` case, an early
 * `if (…) return` before it (negated), or a `catch` block. `test` is the condition's source text, cut short.
 */
export interface Guard {
  kind: 'condition' | 'case' | 'catch';
  test: string;
  /** The call runs when the test is false (`else`, the right of `||`, after an early return). */
  negated: boolean;
}

/**
 * What a call waits for: an option callback (`wx.request({ fail() {…} })`), a promise callback
 * (`helper().then(…)`) or an `await`. `receiver` is the source text of what was called or awaited, cut short.
 */
export interface Continuation {
  via: 'option' | 'then' | 'catch' | 'finally' | 'await';
  /** The platform API whose option callback this is (`request`, `showModal`…). */
  api?: string;
  /** The option's name (`success`, `fail`, `complete`). */
  option?: string;
  receiver: string;
}

export interface CallContext {
  /** Inside a setTimeout/setInterval callback. */
  timer: boolean;
  /** Inside a function passed to another call (wx.request success, promise then, showModal success…). */
  callback: boolean;
  /** After an `await` in the same function. */
  afterAwait: boolean;
  /**
   * Inside a callback that WeChat still counts as the user's gesture: wx.requestPayment `success`
   * (subscribe messages may follow a payment, base library 2.8.2+) or the `success` of wx.showModal /
   * wx.showActionSheet, where the user has just tapped a button of the dialog.
   */
  userCallback: boolean;
}

export const SYNCHRONOUS: CallContext = { timer: false, callback: false, afterAwait: false, userCallback: false };

/** `api -> option callbacks` that run right after a user's tap (see CallContext.userCallback). */
const USER_CALLBACKS: Partial<Record<string, string[]>> = {
  requestPayment: ['success'],
  showModal: ['success'],
  showActionSheet: ['success'],
};

/** While walking: how a function met next will run (set by the call it is passed to). */
interface VisitContext extends CallContext {
  deferAs?: 'timer' | 'callback' | 'now';
  /** The platform API whose options object is being walked (`wx.showModal({ success() {} })`). */
  optionsOf?: string;
  /** What a function met next waits for, when it is a callback (its option name is filled in where it is met). */
  pending?: Continuation;
  guards: readonly Guard[];
  continuations: readonly Continuation[];
}

/** The context without a pending deferral; the same object when there is none (most nodes: no copy). */
function settled(context: VisitContext): VisitContext {
  return context.deferAs === undefined && context.optionsOf === undefined && context.pending === undefined
    ? context
    : { ...context, deferAs: undefined, optionsOf: undefined, pending: undefined };
}

const NO_GUARDS: readonly Guard[] = Object.freeze([]);
const NO_CONTINUATIONS: readonly Continuation[] = Object.freeze([]);
const START: VisitContext = { ...SYNCHRONOUS, guards: NO_GUARDS, continuations: NO_CONTINUATIONS };
/** Conditions and receivers are kept as short texts: enough to classify them, bounded on minified code. */
const MAX_CONDITION_CHARS = 160;
const MAX_SENT_CHARS = 400;

function guarded(context: VisitContext, guard: Guard): VisitContext {
  return { ...settled(context), guards: [...context.guards, guard] };
}

/** A statement after which the rest of the block does not run: `return`, `throw`, or a block ending in one. */
function exits(statement: ts.Statement): boolean {
  if (syntax.isReturnStatement(statement) || syntax.isThrowStatement(statement)) return true;
  if (syntax.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return !!last && exits(last);
  }
  return false;
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Whether a function met while walking module code runs then: it is called where it is written (an IIFE,
 * `!function () {…}()`), or handed to a call (a UMD wrapper's factory, a callback, a promise executor),
 * possibly inside an options object. A function declared, assigned or kept in a plain object is only defined.
 */
function invokedWhereWritten(ancestors: readonly ts.Node[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    if (syntax.isCallExpression(parent) || syntax.isNewExpression(parent)) return true;
    if (!(
      syntax.isParenthesizedExpression(parent) ||
      syntax.isPrefixUnaryExpression(parent) ||
      syntax.isObjectLiteralExpression(parent) ||
      syntax.isPropertyAssignment(parent) ||
      syntax.isVoidExpression(parent)
    ))
      return false;
  }
  return false;
}

/**
 * The data fields an object literal sets (`setData({ a: …, 'b.c': …, [k]: … })`, a page's `data: {…}`):
 * top-level names (`b` for a path `b.c`), each with the truthiness of its value when the value is a literal.
 * A computed key or a spread makes the write `open`: it may set any field.
 */
function dataWritesOf(object: ts.ObjectLiteralExpression): DataWrites {
  const fields = new Map<string, boolean | undefined>();
  let open = false;
  for (const prop of object.properties) {
    const name = syntax.isShorthandPropertyAssignment(prop)
      ? prop.name.text
      : prop.name
        ? propertyName(prop.name)
        : undefined;
    if (!name) {
      open = true;
      continue;
    }
    const value = syntax.isPropertyAssignment(prop) ? literalTruthiness(prop.initializer) : undefined;
    const key = name.split(/[.[]/, 1)[0];
    // Two writes of one field in one literal (`'a.b': 1, a: null`): known only when both agree.
    fields.set(key, fields.has(key) && fields.get(key) !== value ? undefined : value);
  }
  return { fields, open };
}

/** Whether a literal value is truthy (`true`, `1`, `'x'`, `[]`, `{}`) or falsy (`false`, `0`, `''`, `null`); otherwise unknown. */
function literalTruthiness(value: ts.Expression): boolean | undefined {
  switch (value.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
      return true;
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return false;
    default:
      break;
  }
  if (syntax.isNumericLiteral(value)) return Number(value.text) !== 0;
  if (syntax.isStringLiteralLike(value)) return value.text !== '';
  if (syntax.isIdentifier(value) && value.text === 'undefined') return false;
  return undefined;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

/** Array and function methods that call their callback before returning. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'call',
  'apply',
]);

/** The 16 possible contexts, shared by every call site (tens of thousands in a large project; they are never mutated). */
const CALL_CONTEXTS: readonly CallContext[] = Array.from({ length: 16 }, (_, bits) =>
  Object.freeze({ timer: !!(bits & 1), callback: !!(bits & 2), afterAwait: !!(bits & 4), userCallback: !!(bits & 8) }),
);

function callContext(timer: boolean, callback: boolean, afterAwait: boolean, userCallback: boolean): CallContext {
  return CALL_CONTEXTS[(timer ? 1 : 0) | (callback ? 2 : 0) | (afterAwait ? 4 : 0) | (userCallback ? 8 : 0)];
}

export function isSynchronous(context: CallContext): boolean {
  return !context.timer && !context.callback && !context.afterAwait;
}

export type ScriptCall =
  /** `wx.api(...)` or `uni.api(...)`; `url` is the static page/request URL when it can be read. */
  | {
      kind: 'platform';
      api: string;
      url?: string;
      argumentText: string;
      site: CallSite;
      /** `promisify(wx.getLocation)`, `{ get: wx.getLocation }`: the API handed on by reference, to be called by whoever receives it. */
      reference?: boolean;
      /** What the options object hands over, without callbacks and `url` (see CallExtractor.sentText). */
      sentText?: string;
    }
  /** `this.name(...)` (or through `that`/`self` aliases of this); `data` is what a `this.setData(…)` writes. */
  | { kind: 'method'; name: string; argumentText: string; site: CallSite; data?: DataWrites }
  /** `name(...)`: a module-level function or a named import. */
  | { kind: 'local'; name: string; argumentText: string; site: CallSite }
  /** `object.name(...)` where object is a module binding (an import or require). */
  | { kind: 'member'; object: string; name: string; argumentText: string; site: CallSite }
  /** `getApp().name(...)` or `app.name(...)` with `const app = getApp()`. */
  | { kind: 'app'; name: string; argumentText: string; site: CallSite }
  /** `require('x')` or `import … from 'x'`: loads the module, which runs its top-level code (MODULE_CODE) the first time. */
  | { kind: 'load'; specifier: string; argumentText: string; site: CallSite }
  /**
   * A Vuex store call: `this.$store.commit('user/subscribe', …)`, `store.dispatch('x')`, or `commit('x')` in an
   * action; `name` is the mutation or action (the last part of a namespaced type).
   */
  | { kind: 'store'; action: 'commit' | 'dispatch'; name: string; argumentText: string; site: CallSite };

/** The name under which a module's top-level code is kept as a function: what runs when the module is loaded. */
export const MODULE_CODE = '(module)';

export interface ScriptFunction {
  name: string;
  /** The whole member or declaration (what a fix copies). */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  calls: ScriptCall[];
}

export type DefinitionKind = 'App' | 'Page' | 'Component' | 'Behavior';

export interface ObjectSpan {
  start: number;
  end: number;
  /** Offsets of the properties, in order (for inserting after the last one). */
  properties: { start: number; end: number }[];
}

/** Data fields a literal sets, by top-level name, with the truthiness of literal values (undefined: not a literal). */
export interface DataWrites {
  fields: ReadonlyMap<string, boolean | undefined>;
  /** A computed key, a spread, or an object built elsewhere: any field may be set. */
  open: boolean;
}

const OPEN_WRITE: DataWrites = Object.freeze({ fields: new Map<string, boolean | undefined>(), open: true });

export interface ScriptDefinition {
  kind: DefinitionKind;
  object: ObjectSpan;
  /** Methods and lifecycle functions, flattened: Component `methods.x` -> `x`, `lifetimes.attached` -> `attached`, `pageLifetimes.show` -> `pageLifetimes.show`. */
  members: Map<string, ScriptFunction>;
  data?: ObjectSpan;
  /** The fields of `data: {…}` and their initial truthiness. */
  initialData?: DataWrites;
  /** A component's `properties`: fields its parent sets, unknown here. */
  properties?: string[];
  methods?: ObjectSpan;
  /** Methods bound to store mutations and actions: `...mapActions(['getGeo'])` makes `this.getGeo()` a dispatch. */
  storeMembers?: Map<string, StoreBinding>;
  callStart: number;
}

/** What a method bound by Vuex's `mapActions` / `mapMutations` runs (vuex.vuejs.org/guide/actions.html). */
export interface StoreBinding {
  action: 'commit' | 'dispatch';
  name: string;
}

export interface ModuleImport {
  specifier: string;
  /** `*` for a namespace or CommonJS require, `default`, or the imported name. */
  imported: string;
}

/** A function this module exports itself (inline, or by local name), as opposed to one it re-exports from another module. */
export function isReExport(entry: ScriptFunction | string | ModuleImport): entry is ModuleImport {
  return typeof entry === 'object' && 'specifier' in entry;
}

export interface ScriptFacts {
  file: string;
  content: string;
  isTypeScript: boolean;
  definition?: ScriptDefinition;
  functions: Map<string, ScriptFunction>;
  imports: Map<string, ModuleImport>;
  /** Export name -> function (inline), the local function name it re-exports, or a name re-exported from another module. */
  exports: Map<string, ScriptFunction | string | ModuleImport>;
  /** `export * from '…'`: modules whose exports this one passes on. */
  exportsAllFrom?: string[];
  /** `class A extends B`: A -> B, for methods a class inherits (`this.x()` found in B). */
  superclasses?: Map<string, string>;
  syntaxErrorCount: number;
  /** Why the file could only be read in part (nesting too deep to walk). */
  problems?: ParseProblem[];
}

/**
 * How deep the extraction walks a syntax tree. The TypeScript parser builds `a + a + …` or `f(f(f(…)))` of
 * any depth; walking that recursively would overflow the stack (found by fuzzing with 80,000-character
 * lines). Nothing the rules look for is nested this deep in real code; deeper parts are skipped.
 */
const MAX_SYNTAX_DEPTH = 1000;

/** `wx.x()`, uni-app's `uni.x()` and Taro's `Taro.x()` call the same platform APIs (uni-app and Taro map them onto wx). */
const PLATFORM_OBJECTS = new Set(['wx', 'uni', 'Taro']);
/** Taro re-exports the platform APIs: `import Taro, { getLocation } from '@tarojs/taro'` (docs.taro.zone/docs/apis/about/desc). */
const PLATFORM_MODULES = new Set(['@tarojs/taro']);
/** The module a hook library's wrappers stand for (HOOK_WRAPPERS). */
const PLATFORM_MODULE_OF_WRAPPERS = '@tarojs/taro';
const THIS_ALIASES = new Set(['that', 'self', '_this', '_self', 'me', 'vm', '_that']);
const DEFINITION_NAMES = new Set<DefinitionKind>(['App', 'Page', 'Component', 'Behavior']);

export function scriptKindFor(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.ts')) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/**
 * The syntax trees of the last few scripts parsed, for incremental re-parsing: the file being edited is
 * parsed again on every keystroke, and TypeScript's incremental parser (the one tsserver uses) re-uses the
 * unchanged parts of its previous tree. Only a few are kept: a tree is many times larger than its facts.
 */
const recentTrees = new Map<string, ts.SourceFile>();
const RECENT_TREES = 4;
const MAX_KEPT_TREE_CHARS = 512 * 1024;

/** The span of `before` that `after` replaces (common prefix and suffix removed), as TypeScript wants it. */
function changeRange(before: string, after: string): ts.TextChangeRange {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < limit - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  )
    tail++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - tail - start), after.length - tail - start);
}

function syntaxTree(file: string, text: string, kind: ts.ScriptKind): ts.SourceFile {
  const previous = recentTrees.get(file);
  let source: ts.SourceFile | undefined;
  if (previous) {
    try {
      if (previous.text === text) source = previous;
      else {
        const change = changeRange(previous.text, text);
        // Re-using a tree costs more than parsing afresh when most of the text is new: replacing 400 KB of
        // calls with 400 KB of other calls took 2.7 s incrementally, 0.7 s from scratch.
        if (Math.max(change.span.length, change.newLength) * 2 < text.length)
          source = ts.updateSourceFile(previous, text, change);
      }
    } catch {
      source = undefined; // the incremental parser gave up: parse from scratch below
    }
  }
  // JSDoc is never read (no types, no tags): not parsing it makes a cold parse ~8% faster. Incremental
  // updates keep the mode of the tree they start from.
  source ??= ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    kind,
  );
  recentTrees.delete(file);
  if (text.length > MAX_KEPT_TREE_CHARS) return source; // a tree of a huge file is not worth its memory
  recentTrees.set(file, source);
  if (recentTrees.size > RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
  return source;
}

/**
 * Never throws: a file nested deeper than the parser or the walk can follow (thousands of levels, only seen in
 * generated or damaged code) gives empty facts, one syntax error and a problem saying why.
 */
/**
 * How a framework adapter (parse/vue.ts, parse/jsx.ts) reads a script that is not a plain mini program module:
 * the language when the file name does not tell it (a `.vue` block with lang="ts"), and the unit's definition
 * when it is not written as App/Page/Component (an SFC's `export default {…}`, a Taro component).
 */
export interface ScriptOptions {
  kind?: ts.ScriptKind;
  define?: (tools: DefinitionTools) => ScriptDefinition | undefined;
}

/** What `ScriptOptions.define` may use to build a definition from the syntax tree. */
export interface DefinitionTools {
  source: ts.SourceFile;
  facts: ScriptFacts;
  /** Facts of one function, or of statements that run together (a `<script setup>` body). */
  describe(
    name: string,
    whole: ts.Node,
    nameNode: ts.Node,
    body: ts.FunctionLikeDeclaration | readonly ts.Node[],
  ): ScriptFunction;
  /** A definition read from an options object, as for Page({…}) / Component({…}). */
  fromObject(kind: DefinitionKind, object: ts.ObjectLiteralExpression, startNode: ts.Node): ScriptDefinition;
  /** The object literal an expression stands for (through a wrapper call such as defineComponent, or a const). */
  objectOf(expression: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined;
}

export function parseScript(file: string, content: string): ScriptFacts {
  return parseScriptWith(file, content);
}

/** parseScript for a framework adapter: the script kind and how to find the component definition (parse/vue.ts, parse/jsx.ts). */
export function parseScriptWith(file: string, content: string, options?: ScriptOptions): ScriptFacts {
  try {
    return extractFacts(file, content, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    recentTrees.delete(file);
    const name = file.split(/[\\/]/).pop() ?? file;
    return {
      file,
      content,
      isTypeScript: /\.tsx?$/.test(file),
      functions: new Map(),
      imports: new Map(),
      exports: new Map(),
      syntaxErrorCount: 1,
      problems: [
        {
          file,
          start: 0,
          end: 0,
          message: text(
            `${name} is nested too deeply to analyse; mp-privacy skipped it.`,
            `${name} 嵌套层级过深，无法分析，mp-privacy 已跳过。`,
          ),
        },
      ],
    };
  }
}

function extractFacts(file: string, content: string, options?: ScriptOptions): ScriptFacts {
  const kind = options?.kind ?? scriptKindFor(file);
  const source = syntaxTree(file, stripOtherPlatforms(content), kind);
  const facts: ScriptFacts = {
    file,
    content,
    isTypeScript: kind === ts.ScriptKind.TS || kind === ts.ScriptKind.TSX,
    functions: new Map(),
    imports: new Map(),
    exports: new Map(),
    syntaxErrorCount: (source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0,
  };
  const constants = collectStringConstants(source);
  const appAliases = new Set<string>();
  /** `sdk = new QQMapWX()` -> sdk is an instance of the local class QQMapWX; imported classes alias the import. */
  const instances = new Map<string, string>();
  const extractor = new CallExtractor(source, constants, facts.imports, appAliases, instances);

  for (const statement of source.statements) {
    collectImports(statement, facts.imports);
    collectAppAlias(statement, appAliases);
  }
  collectInstances(source, facts.imports, instances);
  collectHookWrappers(source, facts.imports);
  for (const statement of source.statements) {
    collectFunctions(statement, extractor, facts);
    collectExports(statement, extractor, facts);
  }
  for (const [name, entry] of [...facts.exports]) {
    if (typeof entry === 'string' && !facts.functions.has(entry)) exportClassMethods(entry, facts);
    if (name === 'default' && typeof entry === 'string') exportClassMethods(entry, facts);
    // A constructor function exported by name (`module.exports.AMapWX = AMapWX`) with `AMapWX.prototype.x = …`.
    else if (typeof entry === 'string' && facts.functions.has(entry)) exportClassMethods(entry, facts, false);
  }
  facts.definition = findDefinition(source, extractor);
  if (!facts.definition && options?.define) {
    facts.definition = options.define({
      source,
      facts,
      describe: (name, whole, nameNode, body) => extractor.describe(name, whole, nameNode, body),
      fromObject: (definitionKind, object, startNode) =>
        buildDefinition(definitionKind, startNode, object, source, extractor),
      objectOf: (expression) => definitionObject(expression, source),
    });
  }
  const moduleCode = extractor.describeModule(source, facts.definition?.callStart);
  if (moduleCode.calls.length) facts.functions.set(MODULE_CODE, moduleCode);
  return facts;
}

function collectStringConstants(source: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  for (const statement of source.statements) {
    if (!syntax.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (syntax.isIdentifier(decl.name) && decl.initializer && syntax.isStringLiteralLike(decl.initializer)) {
        constants.set(decl.name.text, decl.initializer.text);
      }
    }
  }
  return constants;
}

function requireSpecifier(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (syntax.isCallExpression(node) && syntax.isIdentifier(node.expression) && node.expression.text === 'require') {
    const arg = node.arguments.at(0);
    if (arg && syntax.isStringLiteralLike(arg)) return arg.text;
  }
  return undefined;
}

function collectImports(statement: ts.Statement, imports: Map<string, ModuleImport>): void {
  if (syntax.isImportDeclaration(statement) && syntax.isStringLiteral(statement.moduleSpecifier)) {
    const specifier = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!clause) return;
    if (clause.name) imports.set(clause.name.text, { specifier, imported: 'default' });
    const bindings = clause.namedBindings;
    if (bindings && syntax.isNamespaceImport(bindings)) imports.set(bindings.name.text, { specifier, imported: '*' });
    if (bindings && syntax.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        imports.set(element.name.text, { specifier, imported: (element.propertyName ?? element.name).text });
      }
    }
    return;
  }
  if (!syntax.isVariableStatement(statement)) return;
  for (const decl of statement.declarationList.declarations) {
    const specifier = requireSpecifier(decl.initializer);
    if (!specifier) continue;
    if (syntax.isIdentifier(decl.name)) imports.set(decl.name.text, { specifier, imported: '*' });
    else if (syntax.isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) {
        if (!syntax.isIdentifier(element.name)) continue;
        const imported =
          element.propertyName && syntax.isIdentifier(element.propertyName)
            ? element.propertyName.text
            : element.name.text;
        imports.set(element.name.text, { specifier, imported });
      }
    }
  }
}

/**
 * Instances made with `new`: of an imported class, the instance becomes another name for the import (its
 * methods resolve to the module's exports); of a local class, calls go to `Class.method`.
 */
function collectInstances(
  source: ts.SourceFile,
  imports: Map<string, ModuleImport>,
  instances: Map<string, string>,
): void {
  if (!/\bnew\b/.test(source.text)) return; // most pages make no instances: skip the walk over every node
  const visit = (node: ts.Node, depth = 0): void => {
    if (depth > MAX_SYNTAX_DEPTH) return;
    let target: ts.Node | undefined;
    let created: ts.Expression | undefined;
    if (syntax.isVariableDeclaration(node)) [target, created] = [node.name, node.initializer];
    else if (syntax.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      [target, created] = [node.left, node.right];
    if (target && created && syntax.isNewExpression(created) && syntax.isIdentifier(created.expression)) {
      const name = instanceName(target);
      const className = created.expression.text;
      const imported = imports.get(className);
      if (name && imported) imports.set(name, { specifier: imported.specifier, imported: '*' });
      else if (name) instances.set(name, className);
    } else if (
      target &&
      created &&
      ts.isNewExpression(created) &&
      ts.isPropertyAccessExpression(created.expression) &&
      ts.isIdentifier(created.expression.expression)
    ) {
      // `new sdkModule.AMapWX({…})` with `sdkModule = require('…')`: the instance's methods are the module's exported class's.
      const name = instanceName(target);
      const imported = imports.get(created.expression.expression.text);
      if (name && imported) imports.set(name, { specifier: imported.specifier, imported: '*' });
    }
    syntax.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(source);
}

/**
 * Hooks of libraries outside the project's sources that hand back wrappers of a platform API, as their published
 * source shows. taro-hooks' useUserInfo returns `[userInfo, { getUserInfo, getUserProfile }]`, which call Taro's
 * getUserInfo / getUserProfile (taro-hooks/es/useUserInfo/index.js, https://app.unpkg.com/taro-hooks@2.2.0/files/es/useUserInfo/index.js).
 * package -> hook -> wrapper members that call the platform API of the same name.
 */
const HOOK_WRAPPERS: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> = new Map([
  ['taro-hooks', new Map([['useUserInfo', new Set(['getUserInfo', 'getUserProfile'])]])],
]);

/** `const [, { getUserProfile }] = useUserInfo()`: the destructured wrapper is a named import of the platform API. */
function collectHookWrappers(source: ts.SourceFile, imports: Map<string, ModuleImport>): void {
  const hooks = new Map<string, ReadonlySet<string>>();
  for (const [local, imported] of imports) {
    const wrapped = HOOK_WRAPPERS.get(imported.specifier)?.get(imported.imported);
    if (wrapped) hooks.set(local, wrapped);
  }
  if (hooks.size === 0) return; // only files that import such a hook are walked
  const bindWrappers = (pattern: ts.BindingName, wrapped: ReadonlySet<string>): void => {
    if (syntax.isArrayBindingPattern(pattern)) {
      for (const element of pattern.elements) if (syntax.isBindingElement(element)) bindWrappers(element.name, wrapped);
    } else if (syntax.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        const member = element.propertyName ?? element.name;
        if (syntax.isIdentifier(member) && syntax.isIdentifier(element.name) && wrapped.has(member.text))
          imports.set(element.name.text, { specifier: PLATFORM_MODULE_OF_WRAPPERS, imported: member.text });
      }
    }
  };
  const visit = (node: ts.Node, depth = 0): void => {
    if (depth > MAX_SYNTAX_DEPTH) return;
    if (
      syntax.isVariableDeclaration(node) &&
      node.initializer &&
      syntax.isCallExpression(node.initializer) &&
      syntax.isIdentifier(node.initializer.expression)
    ) {
      const wrapped = hooks.get(node.initializer.expression.text);
      if (wrapped) bindWrappers(node.name, wrapped);
    }
    syntax.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(source);
}

/** What a Vuex store is usually called where its commit/dispatch is called on it (vuex.vuejs.org/guide/actions.html). */
const STORE_RECEIVERS = /^(\$?store|context|ctx)$/;

/** `commit('user/subscribeMessage', …)` / `dispatch('x')` with a literal type: the mutation or action it runs. */
function storeCall(
  method: string,
  call: ts.CallExpression,
): { kind: 'store'; action: 'commit' | 'dispatch'; name: string } | undefined {
  if (method !== 'commit' && method !== 'dispatch') return undefined;
  const type = call.arguments.at(0);
  if (!type || !ts.isStringLiteralLike(type) || !type.text) return undefined;
  return { kind: 'store', action: method, name: type.text.slice(type.text.lastIndexOf('/') + 1) };
}

/** A custom hook (React's and Vue's naming convention): `useTryShowSubscribe`, `useLocation`. */
const HOOK_NAME = /(^|\.)use[A-Z]/;

/** Names a function body returns: `return ask`, `return { ask, close: hide }`, `return [value, ask]`. */
function returnedFunctionNames(body: ts.Node): Set<string> {
  const names = new Set<string>();
  const add = (expression: ts.Expression | undefined): void => {
    if (!expression) return;
    if (syntax.isIdentifier(expression)) names.add(expression.text);
    else if (syntax.isArrayLiteralExpression(expression)) expression.elements.forEach((e) => add(e));
    else if (syntax.isObjectLiteralExpression(expression))
      for (const prop of expression.properties) {
        if (syntax.isShorthandPropertyAssignment(prop)) names.add(prop.name.text);
        else if (syntax.isPropertyAssignment(prop)) add(prop.initializer);
      }
  };
  if (!syntax.isBlock(body)) return names;
  for (const statement of body.statements) if (syntax.isReturnStatement(statement)) add(statement.expression);
  return names;
}

/**
 * Whether a function written in a hook is one the hook hands back: returned as it is (`return () => …`,
 * `return useCallback(() => …)`), or declared under a returned name (`function ask() {…}` / `const ask = …`).
 */
function isHandedBack(fn: ts.Node, ancestors: readonly ts.Node[], returned: Set<string>): boolean {
  if (syntax.isFunctionDeclaration(fn)) return !!fn.name && returned.has(fn.name.text);
  let holder = ancestors.at(-1);
  // `useCallback(fn, deps)`, `useMemoizedFn(fn)`: the wrapper hands back the function it is given.
  if (
    holder &&
    syntax.isCallExpression(holder) &&
    holder.arguments[0] === fn &&
    syntax.isIdentifier(holder.expression) &&
    HOOK_NAME.test(holder.expression.text)
  )
    holder = ancestors.at(-2);
  if (!holder) return false;
  if (syntax.isReturnStatement(holder)) return true;
  return syntax.isVariableDeclaration(holder) && syntax.isIdentifier(holder.name) && returned.has(holder.name.text);
}

/** Vuex's helpers that bind component methods to the store, and what each bound method does. */
const STORE_MAPPERS = new Map<string, StoreBinding['action']>([
  ['mapActions', 'dispatch'],
  ['mapMutations', 'commit'],
]);

/**
 * The methods `mapActions([...])` / `mapActions('module', {...})` (or `mapMutations`) binds: method name -> the
 * action or mutation it runs. An array maps each name to itself; an object maps its keys to string values.
 */
function storeBindings(expression: ts.Expression): Map<string, StoreBinding> {
  const bindings = new Map<string, StoreBinding>();
  if (!syntax.isCallExpression(expression)) return bindings;
  const callee = expression.expression;
  const mapper = syntax.isIdentifier(callee)
    ? callee.text
    : syntax.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  const action = mapper === undefined ? undefined : STORE_MAPPERS.get(mapper);
  const names = expression.arguments.at(-1);
  if (!action || !names) return bindings;
  const bind = (member: string, target: string) =>
    bindings.set(member, { action, name: target.slice(target.lastIndexOf('/') + 1) });
  if (syntax.isArrayLiteralExpression(names)) {
    for (const element of names.elements) if (syntax.isStringLiteralLike(element)) bind(element.text, element.text);
  } else if (syntax.isObjectLiteralExpression(names)) {
    for (const prop of names.properties) {
      const member = prop.name && propertyName(prop.name);
      if (member && syntax.isPropertyAssignment(prop) && syntax.isStringLiteralLike(prop.initializer))
        bind(member, prop.initializer.text);
    }
  }
  return bindings;
}

/** The name an instance is kept under: `sdk = new …` or `this.sdk = new …`. */
function instanceName(target: ts.Node): string | undefined {
  return ts.isIdentifier(target)
    ? target.text
    : ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword
      ? target.name.text
      : undefined;
}

function isGetAppCall(node: ts.Node | undefined): boolean {
  return (
    !!node && syntax.isCallExpression(node) && syntax.isIdentifier(node.expression) && node.expression.text === 'getApp'
  );
}

function collectAppAlias(statement: ts.Statement, aliases: Set<string>): void {
  if (!syntax.isVariableStatement(statement)) return;
  for (const decl of statement.declarationList.declarations) {
    if (syntax.isIdentifier(decl.name) && isGetAppCall(decl.initializer)) aliases.add(decl.name.text);
  }
}

type FunctionNode = ts.FunctionLikeDeclaration;

function isNodeList(value: FunctionNode | readonly ts.Node[]): value is readonly ts.Node[] {
  return Array.isArray(value);
}

function functionOf(node: ts.Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  if (
    syntax.isFunctionExpression(node) ||
    syntax.isArrowFunction(node) ||
    syntax.isFunctionDeclaration(node) ||
    syntax.isMethodDeclaration(node)
  ) {
    return node;
  }
  return undefined;
}

/** Methods of an object literal, as `Owner.method` functions (SDKs keep helpers in `var Utils = { … }`). */
function collectObjectMethods(
  owner: string,
  object: ts.ObjectLiteralExpression,
  extractor: CallExtractor,
  facts: ScriptFacts,
): void {
  for (const prop of object.properties) {
    const name = prop.name && propertyName(prop.name);
    const fn = syntax.isMethodDeclaration(prop)
      ? prop
      : syntax.isPropertyAssignment(prop)
        ? functionOf(prop.initializer)
        : undefined;
    if (name && fn)
      facts.functions.set(`${owner}.${name}`, extractor.describe(`${owner}.${name}`, prop, prop.name, fn));
    else if (name && syntax.isPropertyAssignment(prop) && wrapsPlatformApi(prop.initializer, extractor)) {
      facts.functions.set(
        `${owner}.${name}`,
        extractor.describeWrapper(`${owner}.${name}`, prop, prop.name, prop.initializer),
      );
    }
  }
}

/**
 * A value built from a platform API handed over by reference: `promisify(wx.getLocation)`, `wx.getLocation`,
 * `wrap(wx.getLocation, { … })`. Calling the value calls the API, so it stands for it (a few levels deep).
 */
function wrapsPlatformApi(value: ts.Expression, extractor: CallExtractor, depth = 0): boolean {
  if (extractor.platformReference(value)) return true;
  if (depth > 2) return false;
  if (syntax.isParenthesizedExpression(value) || syntax.isAsExpression(value))
    return wrapsPlatformApi(value.expression, extractor, depth + 1);
  return syntax.isCallExpression(value) && value.arguments.some((arg) => wrapsPlatformApi(arg, extractor, depth + 1));
}

function collectFunctions(statement: ts.Statement, extractor: CallExtractor, facts: ScriptFacts): void {
  if (syntax.isFunctionDeclaration(statement) && statement.name) {
    facts.functions.set(
      statement.name.text,
      extractor.describe(statement.name.text, statement, statement.name, statement),
    );
    return;
  }
  if (syntax.isClassDeclaration(statement) && statement.name) {
    const heritage = statement.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
      ?.types[0]?.expression;
    if (heritage && syntax.isIdentifier(heritage))
      (facts.superclasses ??= new Map()).set(statement.name.text, heritage.text);
    // SDK classes (`class QQMapWX { reverseGeocoder() {…} }`): methods become `Class.method`.
    for (const member of statement.members) {
      const name = member.name && propertyName(member.name);
      if (name && syntax.isMethodDeclaration(member))
        facts.functions.set(
          `${statement.name.text}.${name}`,
          extractor.describe(`${statement.name.text}.${name}`, member, member.name, member),
        );
    }
    return;
  }
  if (
    syntax.isExpressionStatement(statement) &&
    syntax.isBinaryExpression(statement.expression) &&
    statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    // `Class.prototype.method = function () {…}`
    const { left, right } = statement.expression;
    const fn = functionOf(right);
    if (
      fn &&
      syntax.isPropertyAccessExpression(left) &&
      syntax.isPropertyAccessExpression(left.expression) &&
      left.expression.name.text === 'prototype' &&
      syntax.isIdentifier(left.expression.expression)
    ) {
      const name = `${left.expression.expression.text}.${left.name.text}`;
      facts.functions.set(name, extractor.describe(name, statement, left.name, fn));
    }
    return;
  }
  if (!syntax.isVariableStatement(statement)) return;
  for (const decl of statement.declarationList.declarations) {
    if (!syntax.isIdentifier(decl.name)) continue;
    const fn = functionOf(decl.initializer);
    if (fn) facts.functions.set(decl.name.text, extractor.describe(decl.name.text, statement, decl.name, fn));
    else if (decl.initializer && syntax.isObjectLiteralExpression(decl.initializer))
      collectObjectMethods(decl.name.text, decl.initializer, extractor, facts);
    else if (decl.initializer && wrapsPlatformApi(decl.initializer, extractor))
      facts.functions.set(
        decl.name.text,
        extractor.describeWrapper(decl.name.text, statement, decl.name, decl.initializer),
      );
  }
}

/** Export every `Class.method` of a class exported as a whole, so `new Imported().method()` resolves. */
function exportClassMethods(className: string, facts: ScriptFacts, replace = true): void {
  for (const [name, fn] of facts.functions) {
    const method = name.slice(className.length + 1);
    if (name.startsWith(`${className}.`) && (replace || !facts.exports.has(method))) facts.exports.set(method, fn);
  }
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isModuleExports(node: ts.Expression): boolean {
  return (
    syntax.isPropertyAccessExpression(node) &&
    syntax.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    node.name.text === 'exports'
  );
}

function collectExports(statement: ts.Statement, extractor: CallExtractor, facts: ScriptFacts): void {
  const exportObject = (object: ts.ObjectLiteralExpression): void => {
    for (const prop of object.properties) {
      if (syntax.isShorthandPropertyAssignment(prop)) facts.exports.set(prop.name.text, prop.name.text);
      else if (syntax.isPropertyAssignment(prop) && propertyName(prop.name)) {
        const name = propertyName(prop.name)!;
        const fn = functionOf(prop.initializer);
        if (fn) facts.exports.set(name, extractor.describe(name, prop, prop.name, fn));
        else if (syntax.isIdentifier(prop.initializer)) facts.exports.set(name, prop.initializer.text);
        else if (wrapsPlatformApi(prop.initializer, extractor))
          facts.exports.set(name, extractor.describeWrapper(name, prop, prop.name, prop.initializer));
      } else if (syntax.isMethodDeclaration(prop) && propertyName(prop.name)) {
        const name = propertyName(prop.name)!;
        facts.exports.set(name, extractor.describe(name, prop, prop.name, prop));
      }
    }
  };
  if (hasExportModifier(statement)) {
    const isDefault = !!ts
      .getModifiers(statement as ts.HasModifiers)
      ?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (syntax.isFunctionDeclaration(statement)) {
      // `export default function () {}` has no local name: it is known by its export only.
      if (statement.name) facts.exports.set(isDefault ? 'default' : statement.name.text, statement.name.text);
      else if (isDefault) facts.exports.set('default', extractor.describe('default', statement, statement, statement));
    }
    if (syntax.isClassDeclaration(statement) && statement.name)
      facts.exports.set(isDefault ? 'default' : statement.name.text, statement.name.text);
    if (syntax.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations)
        if (syntax.isIdentifier(decl.name)) facts.exports.set(decl.name.text, decl.name.text);
    }
  }
  if (syntax.isExportDeclaration(statement)) {
    const from =
      statement.moduleSpecifier && syntax.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (statement.exportClause && syntax.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        facts.exports.set(element.name.text, from ? { specifier: from, imported: local } : local);
      }
    } else if (statement.exportClause && syntax.isNamespaceExport(statement.exportClause) && from) {
      facts.exports.set(statement.exportClause.name.text, { specifier: from, imported: '*' });
    } else if (!statement.exportClause && from) {
      (facts.exportsAllFrom ??= []).push(from);
    }
  }
  if (syntax.isExportAssignment(statement)) {
    const fn = functionOf(statement.expression);
    if (syntax.isObjectLiteralExpression(statement.expression)) exportObject(statement.expression);
    else if (syntax.isIdentifier(statement.expression)) facts.exports.set('default', statement.expression.text);
    else if (fn) facts.exports.set('default', extractor.describe('default', statement, statement, fn));
  }
  if (
    syntax.isExpressionStatement(statement) &&
    syntax.isBinaryExpression(statement.expression) &&
    statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    const { left, right } = statement.expression;
    if (isModuleExports(left)) {
      if (syntax.isObjectLiteralExpression(right)) exportObject(right);
      const fn = functionOf(right);
      if (fn) facts.exports.set('default', extractor.describe('default', statement, left, fn));
      if (syntax.isIdentifier(right)) facts.exports.set('default', right.text);
    } else if (
      syntax.isPropertyAccessExpression(left) &&
      (isModuleExports(left.expression) || (syntax.isIdentifier(left.expression) && left.expression.text === 'exports'))
    ) {
      const name = left.name.text;
      const fn = functionOf(right);
      if (fn) facts.exports.set(name, extractor.describe(name, statement, left.name, fn));
      else if (syntax.isIdentifier(right)) facts.exports.set(name, right.text);
    }
  }
}

export function propertyName(name: ts.PropertyName): string | undefined {
  if (syntax.isIdentifier(name) || syntax.isStringLiteral(name) || syntax.isNumericLiteral(name)) return name.text;
  return undefined;
}

function objectSpan(object: ts.ObjectLiteralExpression, source: ts.SourceFile): ObjectSpan {
  return {
    start: object.getStart(source),
    end: object.end,
    properties: object.properties.map((p) => ({ start: p.getStart(source), end: p.end })),
  };
}

/** The object literal passed to Page/Component/App, also through one wrapper call or a const. */
function definitionObject(
  arg: ts.Expression | undefined,
  source: ts.SourceFile,
  depth = 0,
): ts.ObjectLiteralExpression | undefined {
  if (!arg || depth > 3) return undefined;
  if (syntax.isObjectLiteralExpression(arg)) return arg;
  if (syntax.isParenthesizedExpression(arg) || syntax.isAsExpression(arg))
    return definitionObject(arg.expression, source, depth + 1);
  if (syntax.isCallExpression(arg)) {
    for (let i = arg.arguments.length - 1; i >= 0; i--) {
      const found = definitionObject(arg.arguments[i], source, depth + 1);
      if (found) return found;
    }
  }
  if (syntax.isIdentifier(arg)) {
    for (const statement of source.statements) {
      if (!syntax.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (syntax.isIdentifier(decl.name) && decl.name.text === arg.text)
          return definitionObject(decl.initializer, source, depth + 1);
      }
    }
  }
  return undefined;
}

function findDefinition(source: ts.SourceFile, extractor: CallExtractor): ScriptDefinition | undefined {
  let found: ScriptDefinition | undefined;
  const visit = (node: ts.Node, depth = 0): void => {
    if (depth > MAX_SYNTAX_DEPTH) return;
    if (found) return;
    if (
      syntax.isCallExpression(node) &&
      syntax.isIdentifier(node.expression) &&
      DEFINITION_NAMES.has(node.expression.text as DefinitionKind)
    ) {
      const object = definitionObject(node.arguments[0], source);
      if (object) {
        found = buildDefinition(node.expression.text as DefinitionKind, node, object, source, extractor);
        return;
      }
    }
    syntax.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(source);
  return found ?? wrappedDefinition(source, extractor);
}

/** `wrap(…)`, `lib.wrap(…)`, and the compiled forms `(0, lib.wrap)(…)` / `(0, wrap)(…)` that TypeScript and Babel emit. */
function isWrapperCallee(callee: ts.Expression): boolean {
  if (
    syntax.isParenthesizedExpression(callee) &&
    syntax.isBinaryExpression(callee.expression) &&
    callee.expression.operatorToken.kind === ts.SyntaxKind.CommaToken
  ) {
    return isWrapperCallee(callee.expression.right);
  }
  return (
    syntax.isIdentifier(callee) || (syntax.isPropertyAccessExpression(callee) && syntax.isIdentifier(callee.expression))
  );
}

const COMPONENT_KEYS = new Set([
  'methods',
  'properties',
  'lifetimes',
  'pageLifetimes',
  'created',
  'attached',
  'ready',
  'detached',
  'observers',
]);
const PAGE_KEYS = new Set([
  'onLoad',
  'onShow',
  'onReady',
  'onHide',
  'onUnload',
  'onPullDownRefresh',
  'onReachBottom',
  'onShareAppMessage',
]);
const APP_KEYS = new Set(['onLaunch']);

/**
 * A definition made through a framework's wrapper instead of Page/Component/App: `xPage({…})`,
 * `baseComponent({…})`, `createPage({…})`, `export default wrap({…})`. A top-level call whose object argument
 * carries lifecycle keys defines the unit; which lifecycles it has decides its kind.
 */
function wrappedDefinition(source: ts.SourceFile, extractor: CallExtractor): ScriptDefinition | undefined {
  for (const statement of source.statements) {
    const expression = syntax.isExpressionStatement(statement)
      ? statement.expression
      : syntax.isExportAssignment(statement)
        ? statement.expression
        : undefined;
    if (!expression || !syntax.isCallExpression(expression) || !isWrapperCallee(expression.expression)) continue;
    const object = expression.arguments.map((arg) => definitionObject(arg, source)).find(Boolean);
    if (!object) continue;
    const keys = new Set(object.properties.map((p) => (p.name ? propertyName(p.name) : undefined)));
    const has = (set: Set<string>) => [...keys].some((key) => key !== undefined && set.has(key));
    const kind: DefinitionKind | undefined = has(APP_KEYS)
      ? 'App'
      : has(COMPONENT_KEYS)
        ? 'Component'
        : has(PAGE_KEYS)
          ? 'Page'
          : undefined;
    if (kind) return buildDefinition(kind, expression, object, source, extractor);
  }
  return undefined;
}

function buildDefinition(
  kind: DefinitionKind,
  call: ts.Node,
  object: ts.ObjectLiteralExpression,
  source: ts.SourceFile,
  extractor: CallExtractor,
): ScriptDefinition {
  const definition: ScriptDefinition = {
    kind,
    object: objectSpan(object, source),
    members: new Map(),
    callStart: call.getStart(source),
  };
  const addMembers = (container: ts.ObjectLiteralExpression, prefix: string): void => {
    for (const prop of container.properties) {
      if (syntax.isSpreadAssignment(prop)) {
        for (const [member, binding] of storeBindings(prop.expression))
          (definition.storeMembers ??= new Map()).set(prefix + member, binding);
        continue;
      }
      const name = propertyName(prop.name);
      if (!name) continue;
      const fn = syntax.isMethodDeclaration(prop)
        ? prop
        : syntax.isPropertyAssignment(prop)
          ? functionOf(prop.initializer)
          : undefined;
      if (fn) {
        definition.members.set(prefix + name, extractor.describe(prefix + name, prop, prop.name, fn));
        continue;
      }
      if (!syntax.isPropertyAssignment(prop) || !syntax.isObjectLiteralExpression(prop.initializer)) continue;
      if (name === 'data') {
        definition.data = objectSpan(prop.initializer, source);
        definition.initialData = dataWritesOf(prop.initializer);
      }
      if (prefix) continue;
      if (name === 'properties') definition.properties = [...dataWritesOf(prop.initializer).fields.keys()];
      if (name === 'methods') {
        definition.methods = objectSpan(prop.initializer, source);
        addMembers(prop.initializer, '');
      } else if (name === 'lifetimes') addMembers(prop.initializer, '');
      else if (name === 'pageLifetimes') addMembers(prop.initializer, 'pageLifetimes.');
      // Helpers kept in App's globalData are called as getApp().globalData.x() (uni-app projects often do).
      else if (name === 'globalData' && kind === 'App') addMembers(prop.initializer, 'globalData.');
    }
  };
  addMembers(object, '');
  return definition;
}

/** Collects the interesting calls inside a function body, callbacks included. */
class CallExtractor {
  constructor(
    private readonly source: ts.SourceFile,
    private readonly constants: Map<string, string>,
    private readonly imports: Map<string, ModuleImport>,
    private readonly appAliases: Set<string>,
    private readonly instances: Map<string, string>,
  ) {}

  /**
   * Functions already described, by node: a member of `export default {…}` is read both as an export and as a
   * member of the definition (a uni-app page's options object); its body is walked once.
   */
  private readonly described = new Map<
    ts.Node,
    { name: string; whole: ts.Node; nameNode: ts.Node; fn: ScriptFunction }
  >();

  /** Facts of one function, or of statements that run together (`fn` a node list: a `<script setup>` body). */
  describe(name: string, whole: ts.Node, nameNode: ts.Node, fn: FunctionNode | readonly ts.Node[]): ScriptFunction {
    if (!isNodeList(fn)) {
      const known = this.described.get(fn);
      // A copy: callers may narrow a member's calls (parse/jsx.ts) without changing the other reading.
      if (known && known.name === name && known.whole === whole && known.nameNode === nameNode)
        return { ...known.fn, calls: known.fn.calls.slice() };
      const described = this.describeBody(name, whole, nameNode, fn, fn.body);
      this.described.set(fn, { name, whole, nameNode, fn: described });
      return { ...described, calls: described.calls.slice() };
    }
    const parts = fn.map((node) => this.describeBody(name, whole, nameNode, node, node));
    return {
      ...(parts[0] ?? this.describeBody(name, whole, nameNode, whole, undefined)),
      calls: parts.flatMap((part) => part.calls),
    };
  }

  /**
   * A module-level value that wraps a platform API (`const getLocation = promisify(wx.getLocation)`), described
   * as a function: calling it calls the API it was given.
   */
  describeWrapper(name: string, whole: ts.Node, nameNode: ts.Node, value: ts.Expression): ScriptFunction {
    const described = this.describeBody(name, whole, nameNode, value, value);
    const direct = this.platformReference(value);
    if (direct) described.calls.push({ ...direct, site: this.site(value, START, [whole]) });
    return described;
  }

  /**
   * What runs when the module is loaded: its top-level statements, immediately invoked functions (a UMD
   * wrapper's factory included) and the callbacks they pass on, but not the functions it only defines, nor
   * the App/Page/Component definition (`skip`: where that call starts).
   */
  describeModule(source: ts.SourceFile, skip: number | undefined): ScriptFunction {
    return this.describeBody(MODULE_CODE, source, source, source, source, { skipCallAt: skip });
  }

  private describeBody(
    name: string,
    whole: ts.Node,
    nameNode: ts.Node,
    root: ts.Node,
    body: ts.Node | undefined,
    atLoad?: { skipCallAt: number | undefined },
  ): ScriptFunction {
    const calls: ScriptCall[] = [];
    const localAppAliases = new Set(this.appAliases);
    // `var c = this` under any name (minified SDKs): calls through it are this.x() calls.
    const thisAliases = new Set(THIS_ALIASES);
    // Awaits are tracked per function body: code after an await in the handler itself is no longer the tap.
    let awaitSeen = false;
    let lastAwaited: Continuation | undefined;
    // A custom hook's returned functions are called by whoever called the hook (a handler, later): their
    // calls run when that caller runs, not as the hook's callbacks.
    const handedBack = !atLoad && HOOK_NAME.test(name) && body ? returnedFunctionNames(body) : undefined;
    // The nodes above the one being visited: the tree is parsed without parent pointers (a tenth of the
    // parse time), and a call's statement and a callback's option name are found from here instead.
    const ancestors: ts.Node[] = [root];
    const visitChildren = (node: ts.Node, context: VisitContext): void => {
      ancestors.push(node);
      syntax.forEachChild(node, (child) => visit(child, context));
      ancestors.pop();
    };
    /** Statements in order: after `if (test) return;` the rest of the block runs only when the test is false. */
    const visitStatements = (node: ts.Node, statements: readonly ts.Statement[], context: VisitContext): void => {
      ancestors.push(node);
      let current = settled(context);
      for (const statement of statements) {
        visit(statement, current);
        if (syntax.isIfStatement(statement) && !statement.elseStatement && exits(statement.thenStatement)) {
          current = guarded(current, { kind: 'condition', test: this.excerpt(statement.expression), negated: true });
        }
      }
      ancestors.pop();
    };
    const withAwait = (context: VisitContext): VisitContext => {
      if (!awaitSeen) return context;
      return {
        ...context,
        afterAwait: true,
        continuations: lastAwaited ? [...context.continuations, lastAwaited] : context.continuations,
      };
    };
    const visit = (node: ts.Node, context: VisitContext): void => {
      if (ancestors.length > MAX_SYNTAX_DEPTH) return; // see MAX_SYNTAX_DEPTH
      if (syntax.isVariableDeclaration(node) && syntax.isIdentifier(node.name) && isGetAppCall(node.initializer))
        localAppAliases.add(node.name.text);
      if (
        syntax.isVariableDeclaration(node) &&
        syntax.isIdentifier(node.name) &&
        node.initializer?.kind === ts.SyntaxKind.ThisKeyword
      )
        thisAliases.add(node.name.text);
      if (functionOf(node) || syntax.isFunctionDeclaration(node)) {
        // At load, a function only defined (declared, assigned, kept in an object) does not run.
        if (atLoad && !invokedWhereWritten(ancestors)) return;
        // A nested function runs when something calls it: later (callback, timer) unless passed to forEach & co.
        const deferred: VisitContext = {
          ...withAwait(context),
          deferAs: undefined,
          optionsOf: undefined,
          pending: undefined,
        };
        if (context.deferAs === 'timer') deferred.timer = true;
        else if (context.deferAs !== 'now' && !(handedBack && isHandedBack(node, ancestors, handedBack)))
          deferred.callback = true;
        const parent = ancestors.at(-1);
        const optionName =
          parent && (syntax.isPropertyAssignment(parent) || syntax.isMethodDeclaration(parent))
            ? propertyName(parent.name)
            : syntax.isMethodDeclaration(node)
              ? propertyName(node.name)
              : undefined;
        // Only the dialog's or payment's own callback counts; a request made inside it is async again.
        if (context.deferAs !== 'now')
          deferred.userCallback = !!(
            context.optionsOf &&
            optionName &&
            USER_CALLBACKS[context.optionsOf]?.includes(optionName)
          );
        if (context.pending && context.deferAs !== 'now') {
          const continuation =
            context.pending.via === 'option' ? { ...context.pending, option: optionName } : context.pending;
          deferred.continuations = [...deferred.continuations, continuation];
        }
        const saved = [awaitSeen, lastAwaited] as const;
        awaitSeen = false;
        lastAwaited = undefined;
        visitChildren(node, deferred);
        [awaitSeen, lastAwaited] = saved;
        return;
      }
      if (atLoad && syntax.isClassDeclaration(node)) return;
      if (atLoad && syntax.isImportDeclaration(node)) {
        if (syntax.isStringLiteral(node.moduleSpecifier))
          calls.push({
            kind: 'load',
            specifier: node.moduleSpecifier.text,
            argumentText: '',
            site: this.site(node, withAwait(context), ancestors),
          });
        return;
      }
      if (syntax.isCallExpression(node)) {
        if (atLoad && node.getStart(this.source) === atLoad.skipCallAt) return;
        const call = this.classify(node, localAppAliases, thisAliases, withAwait(context), ancestors);
        if (call) calls.push(call);
        ancestors.push(node);
        visit(node.expression, context.deferAs === undefined ? context : { ...context, deferAs: undefined });
        const argumentContext = this.argumentContext(node, context);
        for (const arg of node.arguments) {
          // At load an API handed on is only wrapped (the wrapper is a function of its own, see describeWrapper).
          const reference = atLoad ? undefined : this.platformReference(arg);
          if (reference) calls.push({ ...reference, site: this.site(arg, withAwait(context), ancestors) });
          visit(arg, argumentContext);
        }
        ancestors.pop();
        return;
      }
      if (syntax.isAwaitExpression(node)) {
        ancestors.push(node);
        visit(node.expression, context);
        ancestors.pop();
        awaitSeen = true;
        lastAwaited = { via: 'await', receiver: this.excerpt(node.expression) };
        return;
      }
      if (
        syntax.isBlock(node) ||
        syntax.isCaseClause(node) ||
        syntax.isDefaultClause(node) ||
        syntax.isModuleBlock(node)
      ) {
        if (syntax.isCaseClause(node)) visit(node.expression, settled(context));
        visitStatements(node, node.statements, context);
        return;
      }
      if (syntax.isIfStatement(node) || syntax.isConditionalExpression(node)) {
        const test = syntax.isIfStatement(node) ? node.expression : node.condition;
        const [whenTrue, whenFalse] = syntax.isIfStatement(node)
          ? [node.thenStatement, node.elseStatement]
          : [node.whenTrue, node.whenFalse];
        const excerpt = this.excerpt(test);
        ancestors.push(node);
        visit(test, settled(context));
        visit(whenTrue, guarded(context, { kind: 'condition', test: excerpt, negated: false }));
        if (whenFalse) visit(whenFalse, guarded(context, { kind: 'condition', test: excerpt, negated: true }));
        ancestors.pop();
        return;
      }
      if (syntax.isBinaryExpression(node) && isShortCircuit(node.operatorToken.kind)) {
        ancestors.push(node);
        visit(node.left, settled(context));
        // `a && f()` runs f when a holds; `a || f()` and `a ?? f()` when it does not.
        const negated = node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken;
        visit(node.right, guarded(context, { kind: 'condition', test: this.excerpt(node.left), negated }));
        ancestors.pop();
        return;
      }
      if (syntax.isSwitchStatement(node)) {
        const subject = this.excerpt(node.expression);
        ancestors.push(node);
        visit(node.expression, settled(context));
        ancestors.push(node.caseBlock);
        for (const clause of node.caseBlock.clauses) {
          const test = syntax.isCaseClause(clause)
            ? `${subject} === ${this.excerpt(clause.expression)}`
            : `${subject} (default)`;
          visit(clause, guarded(context, { kind: 'case', test, negated: false }));
        }
        ancestors.pop();
        ancestors.pop();
        return;
      }
      if (syntax.isCatchClause(node)) {
        visitChildren(node, guarded(context, { kind: 'catch', test: 'catch', negated: false }));
        return;
      }
      if (syntax.isNewExpression(node) && syntax.isIdentifier(node.expression) && node.expression.text === 'Promise') {
        // A promise's executor runs before `new Promise` returns: a call in it is as synchronous as the `new`.
        ancestors.push(node);
        for (const arg of node.arguments ?? []) visit(arg, { ...settled(context), deferAs: 'now' });
        ancestors.pop();
        return;
      }
      if (syntax.isPropertyAssignment(node) || syntax.isVariableDeclaration(node)) {
        // `{ getLocation: wx.getLocation }`, `const get = wx.getLocation`: the API handed on to be called later.
        const value = !atLoad && node.initializer ? this.platformReference(node.initializer) : undefined;
        if (value) calls.push({ ...value, site: this.site(node.initializer!, withAwait(context), ancestors) });
      }
      // Object literals pass the deferral on to their methods (wx.request({ success() {} })); nothing else does.
      const inner =
        syntax.isObjectLiteralExpression(node) ||
        syntax.isPropertyAssignment(node) ||
        syntax.isParenthesizedExpression(node)
          ? context
          : settled(context);
      visitChildren(node, inner);
    };
    if (body) visit(body, START);
    return {
      name,
      start: whole.getStart(this.source),
      end: whole.end,
      nameStart: nameNode.getStart(this.source),
      nameEnd: nameNode.end,
      calls,
    };
  }

  /** `wx.getLocation` (not called): the platform API it names, as a reference call without a site yet. */
  platformReference(node: ts.Expression): Omit<Extract<ScriptCall, { kind: 'platform' }>, 'site'> | undefined {
    if (
      !syntax.isPropertyAccessExpression(node) ||
      !syntax.isIdentifier(node.expression) ||
      !PLATFORM_OBJECTS.has(node.expression.text)
    )
      return undefined;
    return { kind: 'platform', api: node.name.text, argumentText: '', reference: true };
  }

  /** The source text of a node, cut short (conditions and receivers are classified by words, not parsed again). */
  excerpt(node: ts.Node): string {
    const start = node.getStart(this.source);
    return this.source.text.slice(start, Math.min(node.end, start + MAX_CONDITION_CHARS));
  }

  /** `wx`, `uni`, `Taro`, or a default/namespace import of '@tarojs/taro' under another name. */
  private isPlatformObject(node: ts.Expression): boolean {
    if (!ts.isIdentifier(node)) return false;
    if (PLATFORM_OBJECTS.has(node.text)) return true;
    const imported = this.imports.get(node.text);
    return (
      !!imported &&
      PLATFORM_MODULES.has(imported.specifier) &&
      (imported.imported === 'default' || imported.imported === '*')
    );
  }

  /** A named import of a platform API: `import { getLocation } from '@tarojs/taro'`. */
  private isPlatformImport(name: string): boolean {
    const imported = this.imports.get(name);
    return (
      !!imported &&
      PLATFORM_MODULES.has(imported.specifier) &&
      imported.imported !== 'default' &&
      imported.imported !== '*' &&
      !/^use[A-Z]/.test(imported.imported)
    );
  }

  /** The context in which a call's arguments run: functions passed to timers and to most calls run later. */
  private argumentContext(call: ts.CallExpression, outer: VisitContext): VisitContext {
    const callee = call.expression;
    const calleeName = syntax.isIdentifier(callee)
      ? callee.text
      : syntax.isPropertyAccessExpression(callee)
        ? callee.name.text
        : '';
    if (calleeName === 'setTimeout' || calleeName === 'setInterval')
      return { ...outer, deferAs: 'timer', pending: undefined };
    if (SYNCHRONOUS_CALLBACK_METHODS.has(calleeName)) return { ...outer, deferAs: 'now', pending: undefined };
    const isPlatform =
      (syntax.isPropertyAccessExpression(callee) && this.isPlatformObject(callee.expression)) ||
      (syntax.isIdentifier(callee) && this.isPlatformImport(callee.text));
    const promiseMethod =
      syntax.isPropertyAccessExpression(callee) && PROMISE_METHODS.has(calleeName)
        ? (calleeName as 'then' | 'catch' | 'finally')
        : undefined;
    const pending: Continuation = promiseMethod
      ? { via: promiseMethod, receiver: this.excerpt((callee as ts.PropertyAccessExpression).expression) }
      : { via: 'option', api: isPlatform ? calleeName : undefined, receiver: this.excerpt(callee) };
    return { ...outer, deferAs: 'callback', optionsOf: isPlatform ? calleeName : undefined, pending };
  }

  /** `ancestors`: the nodes above the call, innermost last. */
  private site(call: ts.Node, context: VisitContext, ancestors: readonly ts.Node[]): CallSite {
    const start = call.getStart(this.source);
    let statement: ts.Node = call;
    let level = ancestors.length - 1;
    let parent: ts.Node | undefined = ancestors.at(level);
    while (
      parent &&
      (syntax.isAwaitExpression(parent) || syntax.isParenthesizedExpression(parent) || syntax.isVoidExpression(parent))
    ) {
      statement = parent;
      parent = --level >= 0 ? ancestors[level] : undefined;
    }
    const isStatement = !!parent && syntax.isExpressionStatement(parent);
    if (isStatement) {
      statement = parent!;
      level--;
    }
    const { timer, callback, afterAwait, userCallback } = context;
    const holder = level >= 0 ? ancestors.at(level) : undefined;
    const statementInBlock =
      !!holder &&
      (syntax.isBlock(holder) ||
        syntax.isSourceFile(holder) ||
        syntax.isCaseClause(holder) ||
        syntax.isDefaultClause(holder));
    const site: CallSite = {
      start,
      end: call.end,
      statementStart: statement.getStart(this.source),
      statementEnd: statement.end,
      isStatement,
      statementInBlock,
      context: callContext(timer, callback, afterAwait, userCallback),
    };
    // Most calls are unconditional and wait for nothing: they carry no lists at all.
    if (context.guards.length) site.guards = context.guards;
    if (context.continuations.length) site.continuations = context.continuations;
    return site;
  }

  private argumentText(call: ts.CallExpression): string {
    const first = call.arguments.at(0);
    return first ? first.getText(this.source).slice(0, 400) : '';
  }

  private classify(
    call: ts.CallExpression,
    appAliases: Set<string>,
    thisAliases: ReadonlySet<string>,
    context: VisitContext,
    ancestors: readonly ts.Node[],
  ): ScriptCall | undefined {
    const callee = call.expression;
    const argumentText = this.argumentText(call);
    if (syntax.isIdentifier(callee)) {
      if (callee.text === 'require') {
        const specifier = call.arguments.at(0);
        return specifier && syntax.isStringLiteralLike(specifier)
          ? { kind: 'load', specifier: specifier.text, argumentText, site: this.site(call, context, ancestors) }
          : undefined;
      }
      if (DEFINITION_NAMES.has(callee.text as DefinitionKind)) return undefined;
      if (this.isPlatformImport(callee.text)) {
        const platform: ScriptCall = {
          kind: 'platform',
          api: this.imports.get(callee.text)!.imported,
          url: this.urlOf(call),
          argumentText,
          site: this.site(call, context, ancestors),
        };
        const sent = this.sentText(call);
        if (sent !== undefined) platform.sentText = sent;
        return platform;
      }
      const store = storeCall(callee.text, call);
      if (store) return { ...store, argumentText, site: this.site(call, context, ancestors) };
      return { kind: 'local', name: callee.text, argumentText, site: this.site(call, context, ancestors) };
    }
    if (!syntax.isPropertyAccessExpression(callee) && !syntax.isElementAccessExpression(callee)) return undefined;
    const name = syntax.isPropertyAccessExpression(callee)
      ? callee.name.text
      : syntax.isStringLiteralLike(callee.argumentExpression)
        ? callee.argumentExpression.text
        : undefined;
    if (!name) return undefined;
    const receiver = callee.expression;
    // `this.$store.commit('x')`, `store.dispatch('x')`, `context.commit('x')`: a Vuex mutation or action by name.
    if (
      ts.isPropertyAccessExpression(receiver)
        ? receiver.name.text === '$store'
        : ts.isIdentifier(receiver) && STORE_RECEIVERS.test(receiver.text)
    ) {
      const store = storeCall(name, call);
      if (store) return { ...store, argumentText, site: this.site(call, context, ancestors) };
    }
    if (this.isPlatformObject(receiver)) {
      const platform: ScriptCall = {
        kind: 'platform',
        api: name,
        url: this.urlOf(call),
        argumentText,
        site: this.site(call, context, ancestors),
      };
      const sent = this.sentText(call);
      if (sent !== undefined) platform.sentText = sent;
      return platform;
    }
    if (
      receiver.kind === ts.SyntaxKind.ThisKeyword ||
      (syntax.isIdentifier(receiver) && thisAliases.has(receiver.text))
    ) {
      const method: ScriptCall = { kind: 'method', name, argumentText, site: this.site(call, context, ancestors) };
      const data = name === 'setData' ? call.arguments[0] : undefined;
      // `setData(obj)` with an object built elsewhere may set any field.
      if (data) method.data = syntax.isObjectLiteralExpression(data) ? dataWritesOf(data) : OPEN_WRITE;
      return method;
    }
    if (isGetAppCall(receiver) || (syntax.isIdentifier(receiver) && appAliases.has(receiver.text))) {
      return { kind: 'app', name, argumentText, site: this.site(call, context, ancestors) };
    }
    // `getApp().globalData.x()` / `app.globalData.x()`: a helper kept in App's globalData.
    if (
      syntax.isPropertyAccessExpression(receiver) &&
      receiver.name.text === 'globalData' &&
      (isGetAppCall(receiver.expression) ||
        (syntax.isIdentifier(receiver.expression) && appAliases.has(receiver.expression.text)))
    ) {
      return { kind: 'app', name: `globalData.${name}`, argumentText, site: this.site(call, context, ancestors) };
    }
    if (syntax.isIdentifier(receiver) && this.imports.has(receiver.text)) {
      return { kind: 'member', object: receiver.text, name, argumentText, site: this.site(call, context, ancestors) };
    }
    // `this.sdk.search()`: an SDK instance kept on the page.
    if (
      syntax.isPropertyAccessExpression(receiver) &&
      (receiver.expression.kind === ts.SyntaxKind.ThisKeyword ||
        (syntax.isIdentifier(receiver.expression) && thisAliases.has(receiver.expression.text)))
    ) {
      const field = receiver.name.text;
      if (this.imports.has(field))
        return { kind: 'member', object: field, name, argumentText, site: this.site(call, context, ancestors) };
      if (this.instances.has(field))
        return {
          kind: 'local',
          name: `${this.instances.get(field)}.${name}`,
          argumentText,
          site: this.site(call, context, ancestors),
        };
    }
    // `Utils.getLocation()` on a module-level object, or `sdk.search()` on an instance of a local class.
    if (syntax.isIdentifier(receiver) && /^[A-Za-z_$][\w$]*$/.test(receiver.text)) {
      const owner = this.instances.get(receiver.text) ?? receiver.text;
      return { kind: 'local', name: `${owner}.${name}`, argumentText, site: this.site(call, context, ancestors) };
    }
    return undefined;
  }

  /**
   * What an options object hands over, without its callbacks and its `url`: the `data: {…}`, `header`, `filePath`…
   * of `wx.request({ … })`. Undefined when the options are not an object literal.
   */
  private sentText(call: ts.CallExpression): string | undefined {
    const options = call.arguments.at(0);
    if (!options || !syntax.isObjectLiteralExpression(options)) return undefined;
    const parts: string[] = [];
    let length = 0;
    for (const prop of options.properties) {
      if (length > MAX_SENT_CHARS) break;
      const name = prop.name ? propertyName(prop.name) : undefined;
      if (
        name === 'url' ||
        syntax.isMethodDeclaration(prop) ||
        (syntax.isPropertyAssignment(prop) && functionOf(prop.initializer))
      )
        continue;
      const part = this.source.text.slice(
        prop.getStart(this.source),
        Math.min(prop.end, prop.getStart(this.source) + MAX_SENT_CHARS),
      );
      parts.push(part);
      length += part.length;
    }
    return parts.join(', ');
  }

  /** The static `url` of `wx.navigateTo({ url })` and friends: literal, template head, `'…' + x`, or a const. */
  private urlOf(call: ts.CallExpression): string | undefined {
    const options = call.arguments.at(0);
    if (!options || !syntax.isObjectLiteralExpression(options)) return undefined;
    for (const prop of options.properties) {
      if (syntax.isPropertyAssignment(prop) && propertyName(prop.name) === 'url')
        return this.staticString(prop.initializer);
      if (syntax.isShorthandPropertyAssignment(prop) && prop.name.text === 'url') return this.constants.get('url');
    }
    return undefined;
  }

  private staticString(node: ts.Expression): string | undefined {
    // `'/a' + x + y + …`: the leftmost operand, found without recursion (a minified line can chain thousands).
    for (let depth = 0; depth <= MAX_SYNTAX_DEPTH; depth++) {
      if (syntax.isStringLiteralLike(node)) return node.text;
      if (syntax.isTemplateExpression(node)) return node.head.text;
      if (syntax.isIdentifier(node)) return this.constants.get(node.text);
      if (syntax.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) node = node.left;
      else if (syntax.isParenthesizedExpression(node)) node = node.expression;
      else return undefined;
    }
    return undefined;
  }
}
