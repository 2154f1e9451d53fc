/**
 * Pathological inputs: one long run of the same few characters (spaces, `{{`, quotes, directive-like comments,
 * `<!--`, backslashes, …) put into one place of a small mini program that gives every rule something to look
 * at. A regular expression or a loop that is quadratic on such a run turns a 400 KB file into a minute of
 * analysis (issue 12: 400,000 spaces after a `#ifdef` took 100 s). Used by test/safety/pathological-input.test.ts
 * (400,000 characters, a hang guard) and by `npm run fuzz -- --pathological` (up to 1 MB, the 1 s budget).
 */
import { performance } from 'perf_hooks';
import { ProjectAnalyzer, formatInventory, hoverMarkdown, type Locale } from '../server/src/engine';
import { buildReport } from '../server/src/cli/report';
import { formatters } from '../server/src/cli/format/index';
import { packageInfo } from '../server/src/cli/package-info';
import { FUZZ_ROOT, memoryHost } from './memory-host';
import type { Files } from './mutate';

/**
 * A run: `head`, then `unit` repeated to the wanted length, then `tail` (text after a run is what makes some
 * patterns slow).
 */
export interface RunPattern {
  name: string;
  head?: string;
  unit: string;
  tail?: string;
}

export const RUN_PATTERNS: RunPattern[] = [
  { name: 'spaces', unit: ' ', tail: 'x' },
  { name: 'spaces-at-end', unit: ' ' },
  { name: 'tabs', unit: '\t', tail: 'x' },
  { name: 'newlines', unit: '\n', tail: 'x' },
  { name: 'crlf', unit: '\r\n', tail: 'x' },
  { name: 'carriage-returns', unit: '\r', tail: 'x' },
  { name: 'nbsp', unit: '\u00a0', tail: 'x' },
  { name: 'mustache-open', unit: '{{' },
  { name: 'mustache-close', unit: '}}' },
  { name: 'mustache-spaced', unit: '{{ a ', tail: 'x' },
  { name: 'double-quotes', unit: '"' },
  { name: 'single-quotes', unit: "'" },
  { name: 'backticks', unit: '`' },
  { name: 'backslashes', unit: '\\' },
  { name: 'html-comment-open', unit: '<!--' },
  { name: 'html-comment-close', unit: '-->' },
  { name: 'angle-open', unit: '<' },
  { name: 'open-tags', unit: '<view ' },
  { name: 'attribute-starts', unit: 'a="' },
  { name: 'equals', unit: '=' },
  { name: 'braces-open', unit: '{' },
  { name: 'braces-close', unit: '}' },
  { name: 'parens', unit: '(' },
  { name: 'slashes', unit: '/', tail: 'a' },
  { name: 'block-comment-open', unit: '/*' },
  { name: 'line-comments', unit: '// ' },
  { name: 'directive-lines', unit: '// #ifdef H5\n' },
  { name: 'directive-words', unit: '#ifdef ' },
  { name: 'directive-then-spaces', head: '\n// #ifdef MP-WEIXIN', unit: ' ', tail: 'x\n' },
  { name: 'html-directive-then-spaces', head: '\n<!-- #ifdef MP-WEIXIN', unit: ' ', tail: 'x -->\n' },
  { name: 'html-directives', unit: '<!-- #ifndef MP-WEIXIN -->\n' },
  { name: 'suppressions', unit: '// mp-privacy-disable-next-line ' },
  { name: 'entities', unit: '&#' },
  { name: 'class-chain', unit: '.a' },
  { name: 'keys', unit: 'key: ' },
  { name: 'urls', unit: "url: '" },
  { name: 'order-paths', unit: "'/order" },
  { name: 'words', unit: 'phone login skip 用于 ' },
  { name: 'platform-calls', unit: 'wx.getLocation();' },
  { name: 'method-calls', unit: 'this.go();' },
  { name: 'functions', unit: 'function f() {}\n' },
];

/**
 * Where a run goes: `@@NAME@@` markers in the base project below, or a whole file (`whole:<path>`). The base
 * has an entry page asking for the phone number (the wall check reads every text and the overlay check every
 * class of the button and its ancestors), a page whose phone button sits in a full-screen mask, a checkout
 * page whose purpose-modal fix appends to its stylesheet, location and storage calls, a component and a
 * config file.
 */
export const RUN_CONTEXTS = [
  'ROUTE',
  'SUBPACKAGE_ROOT',
  'DESC',
  'CONFIG_RULE',
  'COMPONENT_NAME',
  'WXML_TEXT',
  'WXML_CLASS',
  'WXML_STYLE',
  'WXML_TAG',
  'WXML_COMMENT',
  'WXML_LABEL',
  'WXML_BUTTON_CLASS',
  'WXML_INLINE_WXS',
  'WXML_END',
  'JS_COMMENT',
  'JS_BLOCK_COMMENT',
  'JS_DIRECTIVE',
  'JS_BODY',
  'JS_STORAGE_KEY',
  'JS_URL',
  'JS_END',
  'TS_BODY',
  'TS_END',
  'APP_JS',
  'WXSS_TRAILING',
  'WXSS_DECLARATION',
  'WXSS_SELECTOR',
  'WXS_MODULE',
  'whole:app.json',
  'whole:pages/index/index.wxml',
  'whole:pages/index/index.js',
  'whole:pages/order/checkout.ts',
  'whole:pages/order/checkout.wxss',
  'whole:pages/index/index.wxs',
  'whole:pages/index/index.json',
  'whole:mp-privacy.config.json',
  'whole:app.wxss',
] as const;

export type RunContext = (typeof RUN_CONTEXTS)[number];

const BASE: Files = {
  'app.json': `{
  "pages": ["pages/index/index", "pages/order/checkout", "pages/popup/popup"@@ROUTE@@],
  "subpackages": [{ "root": "pkg/@@SUBPACKAGE_ROOT@@", "pages": ["a/a"] }],
  "permission": { "scope.userLocation": { "desc": "@@DESC@@" } },
  "requiredPrivateInfos": ["chooseAddress"]
}
`,
  'app.js': `App({\n  onLaunch() {\n    @@APP_JS@@\n  },\n});\n`,
  'app.wxss': `.mask { position: fixed; top: 0; left: 0; width: 100%; height: 100%; @@WXSS_DECLARATION@@ }\n@@WXSS_SELECTOR@@ .sheet { position: fixed; }\n`,
  'mp-privacy.config.json': `{ "rules": { "@@CONFIG_RULE@@": "warning" } }\n`,
  'pages/index/index.json': `{ "usingComponents": { "c-@@COMPONENT_NAME@@": "/components/card/card" } }\n`,
  'pages/index/index.wxml': `<view class="page @@WXML_CLASS@@">
  <view>@@WXML_TEXT@@</view>
  <!-- @@WXML_COMMENT@@ -->
  <view style="@@WXML_STYLE@@" @@WXML_TAG@@>{{title}}</view>
  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone" class="@@WXML_BUTTON_CLASS@@">@@WXML_LABEL@@</button>
  <wxs module="m">@@WXML_INLINE_WXS@@</wxs>
  <wxs src="./index.wxs" module="n"/>
</view>
@@WXML_END@@`,
  'pages/index/index.wxs': `module.exports = { f: function (a) { return a; } };\n@@WXS_MODULE@@`,
  'pages/index/index.js': `// @@JS_COMMENT@@
/* @@JS_BLOCK_COMMENT@@ */
// #ifdef MP-WEIXIN@@JS_DIRECTIVE@@
const platform = 'weixin';
// #endif
Page({
  data: { phone: '' },
  onLoad() {
    wx.getLocation({ type: 'wgs84' });
    wx.setStorageSync('phone@@JS_STORAGE_KEY@@', this.data.phone);
    wx.request({ url: 'https://tracker.example.com/@@JS_URL@@', data: { phone: this.data.phone } });
    wx.request({ url: 'https://api.example.com/a' });
    wx.request({ url: 'https://api.example.com/b' });
    @@JS_BODY@@
  },
  onGetPhone(e) {
    wx.setStorageSync('phoneCode', e.detail.code);
  },
});
@@JS_END@@`,
  'pages/popup/popup.wxml': `<view class="list">{{items}}</view>
<view class="mask">
  <text>登录后查看更多</text>
  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">手机号登录</button>
</view>
`,
  'pages/popup/popup.js': `Page({
  onGetPhone(e) {
    wx.setStorageSync('phoneCode', e.detail.code);
  },
});
`,
  'pages/order/checkout.wxml': `<view class="checkout">
  <text>{{order.title}}</text>
  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>
  <button class="pay" bindtap="submitOrder">提交订单</button>
</view>
`,
  'pages/order/checkout.ts': `Page({
  data: { order: {} as any },
  onGetPhone(e: any) {
    this.setData({ phoneCode: e.detail.code });
  },
  submitOrder() {
    wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });
    @@TS_BODY@@
  },
});
@@TS_END@@`,
  'pages/order/checkout.wxss': `.pay { margin: 24rpx; }@@WXSS_TRAILING@@/* end */\n`,
  'components/card/card.json': `{ "component": true }\n`,
  'components/card/card.wxml': `<view class="card"><slot/></view>\n`,
  'components/card/card.js': `Component({ methods: { tap() { wx.chooseAddress({}); } } });\n`,
};

export function run(pattern: RunPattern, length: number): string {
  const head = pattern.head ?? '';
  const tail = pattern.tail ?? '';
  const bodyLength = Math.max(pattern.unit.length, length - head.length - tail.length);
  return head + pattern.unit.repeat(Math.ceil(bodyLength / pattern.unit.length)).slice(0, bodyLength) + tail;
}

/** The base project with `text` in one context and every other marker removed. */
export function projectWith(context: RunContext, text: string): Files {
  const files: Files = {};
  const whole = context.startsWith('whole:') ? context.slice('whole:'.length) : undefined;
  for (const [file, content] of Object.entries(BASE)) {
    files[file] =
      file === whole ? text : content.replace(/@@([A-Z_]+)@@/g, (_, name: string) => (name === context ? text : ''));
  }
  return files;
}

/** The kind of file a context puts its run in (what the test groups cases by). */
export function fileKindOf(context: RunContext): 'json' | 'wxml' | 'js' | 'ts' | 'wxss' | 'wxs' {
  if (context.startsWith('whole:')) {
    const ext = context.slice(context.lastIndexOf('.') + 1);
    return ext === 'wxml' || ext === 'json' || ext === 'wxss' || ext === 'wxs' || ext === 'ts' ? ext : 'js';
  }
  if (context.startsWith('WXML_')) return 'wxml';
  if (context.startsWith('WXSS_')) return 'wxss';
  if (context.startsWith('WXS_')) return 'wxs';
  if (context.startsWith('TS_')) return 'ts';
  if (context.startsWith('JS_') || context === 'APP_JS') return 'js';
  return 'json';
}

export interface EverythingTimes {
  findings: number;
  /** Stages or rules that failed inside the engine (see AnalysisResult.failures). */
  failures: string[];
  analysisMs: number;
  /** Building every fix of every finding (what the editor's code actions do). */
  fixesMs: number;
  /** Text, JSON and SARIF reports, hovers and the inventory in text and Markdown. */
  outputMs: number;
}

/** Everything a user can make the engine do with one project: analysis, every fix, every output format. */
export function analyseEverything(files: Files, locale: Locale = 'en'): EverythingTimes {
  const host = memoryHost(files);
  const analyzer = new ProjectAnalyzer(host);
  let t = performance.now();
  const result = analyzer.analyze(FUZZ_ROOT);
  const analysisMs = performance.now() - t;
  t = performance.now();
  for (const finding of result.findings) for (const fix of finding.fixes) fix.build(locale);
  const fixesMs = performance.now() - t;
  t = performance.now();
  const report = buildReport(packageInfo(), FUZZ_ROOT, [{ root: FUZZ_ROOT, findings: result.findings }], (file) =>
    host.readFile(file),
  );
  for (const format of Object.values(formatters)) format(report, locale);
  for (const finding of result.findings) hoverMarkdown(finding, locale);
  const inventory = {
    baseDir: FUZZ_ROOT,
    inventories: [analyzer.inventory(FUZZ_ROOT)],
    read: (file: string) => host.readFile(file),
  };
  formatInventory(inventory, 'text', locale);
  formatInventory(inventory, 'markdown', locale);
  const outputMs = performance.now() - t;
  const failures = result.failures.map((failure) => `${failure.what}: ${failure.message}`);
  return { findings: result.findings.length, failures, analysisMs, fixesMs, outputMs };
}
