/**
 * Mutations of real-shaped mini program files, for the fuzzer (bench/fuzz.ts) and the LSP robustness test:
 * truncations, byte flips and invalid UTF-8 (decoded the way a file read as UTF-8 is), splices from other
 * files, tokens that matter to the rules, deep nesting, huge lines, and project-level changes (deleted and
 * renamed files, odd app.json entries, cycles between components and modules). All driven by a Random.
 */
import * as path from 'path';
import { Random } from './prng';

export type Files = Record<string, string>;

/** Tokens that steer the analysis (not only the parsers) into unusual places. */
const TOKENS: Record<string, string[]> = {
  wxml: [
    '<view>',
    '</view>',
    '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">',
    '</button>',
    '<button open-type="getRealtimePhoneNumber|share">',
    '<navigator url="/pages/index/index">暂不登录</navigator>',
    '<view class="auth-mask" style="position:fixed;top:0;left:0;right:0;bottom:0">',
    '{{',
    '}}',
    '<',
    '</',
    '/>',
    '"',
    "'",
    '<!--',
    '-->',
    'wx:for="{{list}}"',
    'bindtap="submitOrder"',
    'catch:tap="onTap"',
    'bindtap="{{dyn}}"',
    '<block wx:if="{{a}}">',
    '</block>',
    '<template name="t">',
    '<include src="./x.wxml"/>',
    '<import src="/pages/login/login.wxml"/>',
    '<wxs module="m">var a = 1;</wxs>',
    '<text>查看更多</text>',
    '<text>手机号仅用于配送联系</text>',
    '<login-popup></login-popup>',
    '<my-comp/>',
    '<button form-type="submit">提交订单</button>',
    '<input type="nickname"/>',
    '&lt;',
    '&#x1F600;',
    '&bogus;',
    '<![CDATA[ x ]]>',
    '<?xml ?>',
    '<view\n  class="a"\n  bindtap="b"\n>',
  ],
  script: [
    'Page({',
    'Component({',
    'App({',
    '})',
    '});',
    '{',
    '}',
    '(',
    ')',
    '[',
    ']',
    '=>',
    'function',
    'async ',
    'await ',
    'this.',
    'getApp().',
    ',',
    ';',
    '`',
    '${',
    "'",
    '"',
    '/*',
    '*/',
    '//',
    "wx.reLaunch({ url: '/pages/login/login' })",
    "wx.navigateTo({ url: '../login/login?x=1' })",
    'wx.redirectTo({ url: `/pages/${x}/y` })',
    'wx.requestPayment({})',
    "wx.request({ url: '/api/order/create' })",
    'wx.getLocation({ success() {} })',
    'wx.getClipboardData()',
    'wx.requestSubscribeMessage({ tmplIds: [] })',
    'wx.getUserProfile({})',
    "wx.setStorageSync('phone', e.detail.phoneNumber)",
    'onLoad() {',
    'onShow() {',
    'onLaunch() {',
    'submitOrder() {',
    'onGetPhone(e) {',
    'methods: {',
    'lifetimes: {',
    'pageLifetimes: { show() {',
    'data: {',
    'that = this;',
    'const app = getApp();',
    "const auth = require('../../utils/auth');",
    "import { requireLogin } from '/utils/auth';",
    "require('./' + name)",
    "require('../../../../../../etc/passwd')",
    'module.exports = {',
    'export default {',
    'export function f() {',
    'setTimeout(() => {',
    '.forEach((x) => {',
    'class A {',
    'if (a) {',
    'else',
    'return',
    'new Promise((resolve) => {',
    'e: any',
    ': string',
    '<T>',
    'as any',
    'enum E {',
    '#!',
    '@decorator',
    '\\u{10FFFF}',
  ],
  json: [
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '//',
    '/*',
    '*/',
    '"pages": ["pages/index/index"]',
    '"usingComponents": {"x": "./x"}',
    '"entryPagePath": "pages/login/login"',
    'null',
    'true',
    '1e999',
    '-0',
    '"\\u0000"',
    '"\\ud800"',
  ],
  wxss: [
    '{',
    '}',
    ';',
    ':',
    '/*',
    '*/',
    '.a{position:fixed;inset:0}',
    '.auth-mask{width:100%;height:100%;top:0;left:0}',
    '@import "x.wxss";',
    '@media (min-width: 1px) {',
    '"',
    "'",
    '\\',
    'url(',
    ')',
    '!important',
    '::after',
  ],
};

const ASTRAL = ['😀', '𠮷', '\u200b', '\u2028', '\u2029', '\ufeff', '\r', '\r\n', '\t', 'é', 'ﾟ'];

export function kindOf(file: string): 'wxml' | 'script' | 'json' | 'wxss' | 'other' {
  if (file.endsWith('.wxml')) return 'wxml';
  if (/\.(js|ts)$/.test(file)) return 'script';
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.wxss')) return 'wxss';
  return 'other';
}

function at(rng: Random, content: string): number {
  return content.length ? rng.int(0, content.length) : 0;
}

function insert(content: string, offset: number, text: string): string {
  return content.slice(0, offset) + text + content.slice(offset);
}

/** UTF-8 bytes decoded again as UTF-8: what reading a damaged file gives (U+FFFD for invalid sequences). */
function throughBytes(content: string, change: (bytes: Buffer) => Buffer): string {
  return change(Buffer.from(content, 'utf8')).toString('utf8');
}

export interface FileMutation {
  name: string;
  apply(rng: Random, file: string, content: string, donors: string[]): string;
}

export const FILE_MUTATIONS: FileMutation[] = [
  { name: 'truncate', apply: (rng, _f, c) => c.slice(0, at(rng, c)) },
  {
    name: 'delete-range',
    apply: (rng, _f, c) => {
      const s = at(rng, c);
      return c.slice(0, s) + c.slice(Math.min(c.length, s + rng.int(1, 400)));
    },
  },
  {
    name: 'duplicate-range',
    apply: (rng, _f, c) => {
      const s = at(rng, c);
      const e = Math.min(c.length, s + rng.int(1, 600));
      return insert(c, at(rng, c), c.slice(s, e));
    },
  },
  {
    name: 'byte-flips',
    apply: (rng, _f, c) =>
      throughBytes(c, (bytes) => {
        const copy = Buffer.from(bytes);
        const flips = rng.int(1, 8);
        for (let i = 0; i < flips && copy.length; i++) copy[rng.int(0, copy.length - 1)] ^= 1 << rng.int(0, 7);
        return copy;
      }),
  },
  {
    name: 'invalid-utf8',
    apply: (rng, _f, c) =>
      throughBytes(c, (bytes) => {
        const bad = rng.pick([
          [0xc3, 0x28],
          [0xff],
          [0xfe, 0xff],
          [0xed, 0xa0, 0x80],
          [0xc0, 0xaf],
          [0xe2, 0x82],
          [0xf4, 0x90, 0x80, 0x80],
          [0x80],
        ]);
        const offset = bytes.length ? rng.int(0, bytes.length) : 0;
        return Buffer.concat([bytes.subarray(0, offset), Buffer.from(bad), bytes.subarray(offset)]);
      }),
  },
  {
    name: 'lone-surrogate',
    apply: (rng, _f, c) => insert(c, at(rng, c), rng.pick(['\ud800', '\udfff', '\ud83d', 'a\udc00b'])),
  },
  {
    name: 'astral-and-line-breaks',
    apply: (rng, _f, c) => {
      let out = c;
      for (let i = rng.int(1, 6); i > 0; i--) out = insert(out, at(rng, out), rng.pick(ASTRAL));
      return out;
    },
  },
  { name: 'crlf', apply: (_rng, _f, c) => c.replace(/\r?\n/g, '\r\n') },
  {
    name: 'splice-from-other-file',
    apply: (rng, _f, c, donors) => {
      const d = (rng.pick(donors) as string | undefined) ?? '';
      const s = at(rng, d);
      return insert(c, at(rng, c), d.slice(s, s + rng.int(1, 2000)));
    },
  },
  {
    name: 'replace-with-other-file',
    apply: (rng, _f, _c, donors) => {
      const d = (rng.pick(donors) as string | undefined) ?? '';
      return d;
    },
  },
  {
    name: 'tokens',
    apply: (rng, f, c) => {
      const vocabulary = TOKENS[kindOf(f)] ?? TOKENS.script;
      let out = c;
      for (let i = rng.int(1, 6); i > 0; i--) out = insert(out, at(rng, out), rng.pick(vocabulary));
      return out;
    },
  },
  {
    name: 'deep-nesting',
    apply: (rng, f, c) => {
      const depth = rng.pick([200, 1000, 5000, 20000]);
      const open = {
        wxml: '<view>',
        script: rng.pick(['(', '[', '{a:', 'f(', '() => ', 'a?b:', '!', 'function(){', '`${']),
        json: rng.pick(['[', '{"a":']),
        wxss: rng.pick(['{', 'a{', '@media x{']),
        other: '(',
      }[kindOf(f)];
      const close = rng.chance(0.5)
        ? { wxml: '</view>', script: ')', json: ']', wxss: '}', other: ')' }[kindOf(f)].repeat(rng.int(0, depth))
        : '';
      return insert(c, at(rng, c), open.repeat(depth) + close);
    },
  },
  {
    name: 'huge-line',
    apply: (rng, f, c) => {
      const length = rng.int(10_000, 80_000);
      const unit = {
        wxml: rng.pick(['<text>a</text>', 'x', '<view class="a b c" bindtap="t">']),
        script: rng.pick(['a+', 'x', "'s',", 'this.a();']),
        json: rng.pick(['1,', '"a",']),
        wxss: rng.pick(['.a{b:c}', 'x']),
        other: 'x',
      }[kindOf(f)];
      return insert(c, at(rng, c), unit.repeat(Math.ceil(length / unit.length)));
    },
  },
  { name: 'nul-bytes', apply: (rng, _f, c) => insert(c, at(rng, c), '\u0000\u0001\u0002') },
  { name: 'empty', apply: () => '' },
  { name: 'whitespace-only', apply: (rng) => rng.pick([' ', '\n\n\n', '\t', '\ufeff', '\r\n']) },
];

/** Mutations of the project's shape rather than one file's bytes. */
export const PROJECT_MUTATIONS: { name: string; apply(rng: Random, files: Files): void }[] = [
  {
    name: 'delete-file',
    apply: (rng, files) => {
      const names = Object.keys(files).filter((f) => f !== 'app.json');
      if (names.length) delete files[rng.pick(names)];
    },
  },
  {
    name: 'rename-file',
    apply: (rng, files) => {
      const names = Object.keys(files).filter((f) => f !== 'app.json');
      if (!names.length) return;
      const from = rng.pick(names);
      const to = rng.pick([
        from.replace(/\.(js|ts)$/, (m) => (m === '.js' ? '.ts' : '.js')),
        from.replace(/([^/]+)$/, 'renamed-$1'),
        from.replace(/^pages\//, 'pages/moved/'),
        `${from}.bak`,
      ]);
      if (to !== from) {
        files[to] = files[from];
        delete files[from];
      }
    },
  },
  {
    name: 'odd-app-json',
    apply: (rng, files) => {
      // JSON.parse may give null, an array or a string as easily as an object.
      let value: Record<string, unknown> | null;
      try {
        value = JSON.parse(files['app.json'] ?? '{}') as Record<string, unknown> | null;
      } catch {
        value = {};
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) value = {};
      const pages = Array.isArray(value.pages) ? (value.pages as unknown[]) : [];
      const odd = rng.pick<unknown>([
        '',
        '/',
        '..',
        '../outside/page',
        'pages/a/../../../x',
        '/pages/index/index',
        'pages/index/index.wxml',
        42,
        null,
        { page: 1 },
        'pages\\win\\path',
        'pages/index/index?x=1',
        '\u0000',
        'pages/😀/😀',
      ]);
      const where = rng.int(0, 5);
      if (where === 0) pages.splice(rng.int(0, pages.length), 0, odd);
      else if (where === 1) value.entryPagePath = odd;
      else if (where === 2)
        value.subPackages = [
          { root: rng.pick(['', '/', '../', 'pkg/', 'pages']), pages: [odd, 'pages/index/index'] },
          ...(Array.isArray(value.subPackages) ? (value.subPackages as unknown[]) : []),
        ];
      else if (where === 3) value.tabBar = rng.pick([{ list: [{ pagePath: odd }] }, 'none', { list: 7 }, null]);
      else if (where === 4)
        value.usingComponents = {
          'my-comp': rng.pick([
            './components/x/x',
            '/',
            '../../../..',
            'plugin://p/c',
            '@vant/weapp/button/index',
            '/pages/index/index',
          ]),
        };
      else value.pages = rng.pick([[], 'pages/index/index', null, [...pages].reverse()]);
      if (where !== 5) value.pages = pages;
      files['app.json'] = JSON.stringify(value, null, rng.pick([0, 2]));
    },
  },
  {
    name: 'component-cycle',
    apply: (rng, files) => {
      const pageJson =
        (rng.pick(Object.keys(files).filter((f) => f.endsWith('.json') && f !== 'app.json')) as string | undefined) ??
        'pages/index/index.json';
      const base = pageJson.replace(/\.json$/, '');
      files[pageJson] = JSON.stringify({
        usingComponents: { 'self-comp': `/${base}`, 'loop-a': '/components/loop-a/index' },
      });
      files['components/loop-a/index.wxml'] = '<loop-b><button open-type="getPhoneNumber">登录</button></loop-b>';
      files['components/loop-a/index.json'] = JSON.stringify({
        component: true,
        usingComponents: { 'loop-b': '../loop-b/index' },
      });
      files['components/loop-a/index.js'] =
        "Component({ lifetimes: { attached() { wx.reLaunch({ url: '/pages/login/login' }); } } });";
      files['components/loop-b/index.wxml'] = '<loop-a><slot/></loop-a>';
      files['components/loop-b/index.json'] = JSON.stringify({
        component: true,
        usingComponents: { 'loop-a': '/components/loop-a/index' },
      });
      files[`${base}.wxml`] = `${files[`${base}.wxml`] ?? ''}\n<self-comp/><loop-a/>`;
    },
  },
  {
    name: 'module-cycle',
    apply: (rng, files) => {
      files['utils/cycle-a.js'] =
        "const b = require('./cycle-b');\nconst self = require('./cycle-a');\nfunction go() { b.go(); self.go(); wx.reLaunch({ url: '/pages/login/login' }); }\nmodule.exports = { go };\n";
      files['utils/cycle-b.js'] =
        "const a = require('./cycle-a');\nfunction go() { a.go(); }\nmodule.exports = { go };\n";
      const script =
        (rng.pick(Object.keys(files).filter((f) => /\.(js|ts)$/.test(f))) as string | undefined) ?? 'app.js';
      const specifier = path.posix.relative(path.posix.dirname(script), 'utils/cycle-a') || 'cycle-a';
      files[script] =
        `const cycle = require('${specifier.startsWith('.') ? specifier : `./${specifier}`}');\n${files[script] ?? ''}\nPage({ onLoad() { cycle.go(); this.onLoad(); } });\n`;
    },
  },
];

/** Bytes a text editor would never produce, for "binary file opened as text" cases. */
export function binaryText(rng: Random, length: number): string {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = rng.int(0, 255);
  bytes[0] = 0x89;
  bytes[1] = 0x00;
  return bytes.toString('latin1');
}

/** A real-shaped file grown to about `bytes` by repeating it (a bundled or generated file). */
export function hugeFile(rng: Random, file: string, content: string, bytes: number): string {
  const unit = content.length ? content : kindOf(file) === 'wxml' ? '<view><text>x</text></view>\n' : 'var a = 1;\n';
  let out = unit.repeat(Math.ceil(bytes / unit.length));
  if (rng.chance(0.5)) out = insert(out, rng.int(0, out.length), rng.pick(TOKENS[kindOf(file)] ?? TOKENS.script));
  return out;
}
