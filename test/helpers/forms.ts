import * as path from 'path';
import type { Finding } from '../../server/src/engine';
import { ProjectAnalyzer, findMiniProgramRoots } from '../../server/src/engine';
import { parseWxml } from '../../server/src/engine/parse/wxml';
import type { WxmlNode } from '../../server/src/engine/parse/wxml';
import { ProjectFiles, VIRTUAL_ROOT, virtualHost } from './virtual-project';
import type { InMemoryLinter } from './fix-checks';

/**
 * One test project written once and rendered in the three forms mp-privacy reads: a native mini program,
 * a uni-app project (Vue SFCs, pages.json, manifest.json "mp-weixin") and a Taro project (React function
 * components, src/app.config.ts). A rule's cases written as a ProjectSpec run in every form, so a rule cannot
 * work in one form only.
 *
 * Templates are written in WXML (a small subset: elements, static and `{{…}}` attributes, `bindX` /
 * `catchX`, `wx:if`, `wx:for`, text with `{{…}}`); script bodies call `wx.*` and `this.method()`. Rendering
 * turns them into `@tap` / `v-if` / `uni.*` for uni-app and `onClick={…}` / `{cond && …}` / `Taro.*` for Taro.
 */
export type Form = 'native' | 'uni-app' | 'taro';
export const FORMS: readonly Form[] = ['native', 'uni-app', 'taro'];

type Lifecycle = 'onLoad' | 'onShow' | 'onReady';

export interface UnitSpec {
  template: string;
  /** Code run by a page lifecycle (a component's runs when it is attached). */
  lifecycles?: Partial<Record<Lifecycle, string>>;
  /** Methods by name; their bodies may use the event `e`. */
  methods?: Record<string, string>;
}

export interface ProjectSpec {
  /** Pages by route, the first is the entry page. */
  pages: Record<string, UnitSpec>;
  /** Components by tag name; pages use them by that tag. */
  components?: Record<string, UnitSpec>;
  /** Code run when the app launches. */
  onLaunch?: string;
  /** What app.json, manifest.json "mp-weixin" or app.config hold besides the pages: requiredPrivateInfos, permission… */
  settings?: Record<string, unknown>;
  tabBar?: string[];
}

/** Where a finding is expected: a unit's script or template, the settings, or the pages list. */
export interface FormPlace {
  page?: string;
  component?: string;
  part: 'script' | 'template' | 'settings' | 'pages' | 'app';
  /** The text the finding's range starts with, as written in the native form (`wx.getLocation(`, `<button`, `"getLocation"`). */
  at: string;
  severity?: 'error' | 'warning' | 'info';
}

/** The file (relative to the virtual root) that holds `place` in `form`. */
export function fileOf(form: Form, place: Omit<FormPlace, 'at'>): string {
  const unit = place.page ?? (place.component ? componentBase(form, place.component) : '');
  switch (form) {
    case 'native':
      if (place.part === 'settings' || place.part === 'pages') return 'app.json';
      if (place.part === 'app') return 'app.js';
      return `${unit}.${place.part === 'script' ? 'js' : 'wxml'}`;
    case 'uni-app':
      if (place.part === 'settings') return 'manifest.json';
      if (place.part === 'pages') return 'pages.json';
      if (place.part === 'app') return 'App.vue';
      return `${unit}.vue`;
    case 'taro':
      if (place.part === 'settings' || place.part === 'pages') return 'src/app.config.ts';
      if (place.part === 'app') return 'src/app.tsx';
      return `src/${unit}.tsx`;
  }
}

function componentBase(form: Form, tag: string): string {
  return form === 'uni-app' ? `components/${tag}/${tag}` : `components/${tag}/index`;
}

/**
 * Source text compared across forms: `uni.` / `Taro.` read as `wx.`; quotes, dashes and case ignored (so
 * `"getLocation"` is `'getLocation'`, `open-type` is `openType`, `this.save(` is `save(` in a function component).
 */
export function sameAcrossForms(text: string): string {
  return text
    .replace(/\b(?:uni|Taro)\./g, 'wx.')
    .replace(/\bthis\./g, '')
    .replace(/['"-]/g, '')
    .toLowerCase();
}

/** The files of `spec` in `form`. */
export function renderProject(spec: ProjectSpec, form: Form): ProjectFiles {
  if (form === 'native') return renderNative(spec);
  if (form === 'uni-app') return renderUniApp(spec);
  return renderTaro(spec);
}

/** The in-memory linter of rendered projects, for assertKeepsFixContract. */
export const RENDERED_LINTER: InMemoryLinter = {
  lint: lintRendered,
  root: (files) => findMiniProgramRoots(virtualHost(files), VIRTUAL_ROOT)[0] ?? VIRTUAL_ROOT,
  relative: relativeToVirtualRoot,
};

/** Lints a rendered project at the mini program root discovery finds (Taro's is src/). */
export function lintRendered(files: ProjectFiles): Finding[] {
  const host = virtualHost(files);
  const root = findMiniProgramRoots(host, VIRTUAL_ROOT)[0] ?? VIRTUAL_ROOT;
  return new ProjectAnalyzer(host).analyze(root).findings;
}

export function relativeToVirtualRoot(file: string): string {
  return path.relative(VIRTUAL_ROOT, file).split(path.sep).join('/');
}

// ---------------------------------------------------------------------------------------------------------
// Native

function indentBody(body: string, indent: string): string {
  return body
    .trim()
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

function renderNative(spec: ProjectSpec): ProjectFiles {
  const files: ProjectFiles = {};
  const usingComponents = Object.fromEntries(
    Object.keys(spec.components ?? {}).map((tag) => [tag, `/${componentBase('native', tag)}`]),
  );
  const app: Record<string, unknown> = { pages: Object.keys(spec.pages), ...(spec.settings ?? {}) };
  if (spec.tabBar) app.tabBar = { list: spec.tabBar.map((pagePath) => ({ pagePath, text: pagePath })) };
  if (spec.components) app.usingComponents = usingComponents;
  files['app.json'] = JSON.stringify(app, null, 2);
  files['app.js'] = `App({\n  onLaunch() {\n${indentBody(spec.onLaunch ?? '', '    ')}\n  },\n});\n`;
  for (const [route, unit] of Object.entries(spec.pages)) {
    files[`${route}.wxml`] = unit.template;
    files[`${route}.js`] = nativeScript('Page', unit);
  }
  for (const [tag, unit] of Object.entries(spec.components ?? {})) {
    const base = componentBase('native', tag);
    files[`${base}.wxml`] = unit.template;
    files[`${base}.js`] = nativeScript('Component', unit);
    files[`${base}.json`] = '{\n  "component": true\n}\n';
  }
  return files;
}

function nativeScript(kind: 'Page' | 'Component', unit: UnitSpec): string {
  const members: string[] = [];
  for (const [name, body] of Object.entries(unit.lifecycles ?? {}))
    members.push(`  ${kind === 'Component' ? 'attached' : name}() {\n${indentBody(body, '    ')}\n  }`);
  const methods = Object.entries(unit.methods ?? {}).map(
    ([name, body]) => `${name}(e) {\n${indentBody(body, '  ')}\n}`,
  );
  if (kind === 'Page') members.push(...methods.map((m) => indentBody(m, '  ')));
  else members.push(`  methods: {\n${methods.map((m) => indentBody(m, '    ')).join(',\n')}\n  }`);
  return `${kind}({\n  data: {},\n${members.join(',\n')}\n});\n`;
}

// ---------------------------------------------------------------------------------------------------------
// uni-app

function renderUniApp(spec: ProjectSpec): ProjectFiles {
  const files: ProjectFiles = {};
  const pages: Record<string, unknown> = {
    pages: Object.keys(spec.pages).map((route) => ({ path: route, style: { navigationBarTitleText: route } })),
  };
  if (spec.tabBar) pages.tabBar = { list: spec.tabBar.map((pagePath) => ({ pagePath, text: pagePath })) };
  files['pages.json'] = `// uni-app pages\n${JSON.stringify(pages, null, 2)}\n`;
  files['manifest.json'] = JSON.stringify(
    { name: 'test', 'mp-weixin': { appid: 'wx0000000000000000', ...(spec.settings ?? {}) } },
    null,
    4,
  );
  files['App.vue'] =
    `<script>\nexport default {\n  onLaunch() {\n${indentBody(toUni(spec.onLaunch ?? ''), '    ')}\n  },\n};\n</script>\n`;
  for (const [route, unit] of Object.entries(spec.pages)) files[`${route}.vue`] = vueFile(unit, false);
  for (const [tag, unit] of Object.entries(spec.components ?? {}))
    files[`${componentBase('uni-app', tag)}.vue`] = vueFile(unit, true);
  return files;
}

function toUni(code: string): string {
  return code.replace(/\bwx\./g, 'uni.');
}

function vueFile(unit: UnitSpec, component: boolean): string {
  const members: string[] = ['  data() {\n    return {};\n  }'];
  for (const [name, body] of Object.entries(unit.lifecycles ?? {}))
    members.push(`  ${component ? 'mounted' : name}() {\n${indentBody(toUni(body), '    ')}\n  }`);
  const methods = Object.entries(unit.methods ?? {}).map(
    ([name, body]) => `    ${name}(e) {\n${indentBody(toUni(body), '      ')}\n    }`,
  );
  members.push(`  methods: {\n${methods.join(',\n')}\n  }`);
  return `<template>\n  <view>\n${indentBody(renderTemplate(unit.template, 'vue'), '    ')}\n  </view>\n</template>\n\n<script>\nexport default {\n${members.join(',\n')}\n};\n</script>\n\n<style>\n.page { padding: 24rpx; }\n</style>\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Taro

const EVENT_NAMES: Record<string, string> = {
  tap: 'Click',
  getphonenumber: 'GetPhoneNumber',
  getrealtimephonenumber: 'GetRealtimePhoneNumber',
  chooseavatar: 'ChooseAvatar',
  getuserinfo: 'GetUserInfo',
  agreeprivacyauthorization: 'AgreePrivacyAuthorization',
  longpress: 'LongPress',
  submit: 'Submit',
};
const HOOKS: Record<Lifecycle, string> = { onLoad: 'useLoad', onShow: 'useDidShow', onReady: 'useReady' };

function pascal(tag: string): string {
  return tag
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function toTaro(code: string): string {
  return code.replace(/\bwx\./g, 'Taro.').replace(/\bthis\.(\w+)\(/g, '$1(');
}

function renderTaro(spec: ProjectSpec): ProjectFiles {
  const files: ProjectFiles = {};
  files['config/index.js'] =
    `const config = {\n  projectName: 'test',\n  sourceRoot: 'src',\n  outputRoot: 'dist',\n  framework: 'react',\n};\n\nmodule.exports = function () {\n  return config;\n};\n`;
  const config: Record<string, unknown> = { pages: Object.keys(spec.pages), ...(spec.settings ?? {}) };
  if (spec.tabBar) config.tabBar = { list: spec.tabBar.map((pagePath) => ({ pagePath, text: pagePath })) };
  files['src/app.config.ts'] = `export default defineAppConfig(${tsLiteral(config, '')})\n`;
  files['src/app.tsx'] =
    `import { PropsWithChildren } from 'react'\nimport Taro, { useLaunch } from '@tarojs/taro'\n\nfunction App({ children }: PropsWithChildren<any>) {\n  useLaunch(() => {\n${indentBody(toTaro(spec.onLaunch ?? ''), '    ')}\n  })\n  return children\n}\n\nexport default App\n`;
  const components = Object.keys(spec.components ?? {});
  for (const [route, unit] of Object.entries(spec.pages))
    files[`src/${route}.tsx`] = taroFile(unit, 'Index', components, route);
  for (const [tag, unit] of Object.entries(spec.components ?? {}))
    files[`src/${componentBase('taro', tag)}.tsx`] = taroFile(
      unit,
      pascal(tag),
      components,
      componentBase('taro', tag),
    );
  return files;
}

/** A value as a TypeScript literal in Taro's usual style: single quotes, unquoted identifier keys. */
function tsLiteral(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value))
    return value.length ? `[\n${value.map((v) => inner + tsLiteral(v, inner)).join(',\n')}\n${indent}]` : '[]';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, v]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${tsLiteral(v, inner)}`,
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function taroFile(unit: UnitSpec, name: string, components: string[], selfBase: string): string {
  const used = components.filter((tag) => unit.template.includes(`<${tag}`));
  const hooks = Object.keys(unit.lifecycles ?? {}).map((l) => HOOKS[l as Lifecycle]);
  const lines = [
    `import Taro${hooks.length ? `, { ${[...new Set(hooks)].join(', ')} }` : ''} from '@tarojs/taro'`,
    `import { View, Button, Text, Input, Image, Form, Navigator, Checkbox } from '@tarojs/components'`,
  ];
  for (const tag of used)
    lines.push(
      `import ${pascal(tag)} from '${path.posix.relative(path.posix.dirname(selfBase), componentBase('taro', tag).replace(/\/index$/, '')).replace(/^(?!\.)/, './')}'`,
    );
  lines.push('', `export default function ${name}() {`);
  for (const [lifecycle, body] of Object.entries(unit.lifecycles ?? {}))
    lines.push(`  ${HOOKS[lifecycle as Lifecycle]}(() => {\n${indentBody(toTaro(body), '    ')}\n  })`);
  for (const [method, body] of Object.entries(unit.methods ?? {}))
    lines.push(`  const ${method} = (e?: any) => {\n${indentBody(toTaro(body), '    ')}\n  }`);
  lines.push(
    '  return (',
    `    <View>\n${indentBody(renderTemplate(unit.template, 'jsx'), '      ')}\n    </View>`,
    '  )',
    '}',
    '',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Templates

/** `{{expr}}` -> expr; anything else stays a string. */
function mustache(value: string): { expression: string } | { text: string } {
  const match = /^\{\{([\s\S]*)\}\}$/.exec(value.trim());
  return match ? { expression: match[1].trim() } : { text: value };
}

function renderTemplate(wxml: string, dialect: 'vue' | 'jsx'): string {
  const document = parseWxml('template.wxml', wxml);
  return document.roots.map((node) => renderNode(node, dialect, '')).join('\n');
}

function renderNode(node: WxmlNode, dialect: 'vue' | 'jsx', indent: string): string {
  if (node.kind === 'text') {
    const text = node.text.trim();
    return indent + (dialect === 'jsx' ? text.replace(/\{\{\s*([\s\S]*?)\s*\}\}/g, '{$1}') : text);
  }
  const attributes: string[] = [];
  let condition: string | undefined;
  let loop: string | undefined;
  for (const attribute of node.attributes) {
    const value = mustache(attribute.value);
    const event = /^(bind|catch):?(\w+)$/.exec(attribute.name);
    if (attribute.name === 'wx:key') continue;
    if (attribute.name === 'wx:if') condition = 'expression' in value ? value.expression : attribute.value;
    else if (attribute.name === 'wx:for') loop = 'expression' in value ? value.expression : attribute.value;
    else if (event) {
      if (dialect === 'vue') attributes.push(`@${event[2]}${event[1] === 'catch' ? '.stop' : ''}="${attribute.value}"`);
      else attributes.push(`on${EVENT_NAMES[event[2]] ?? pascal(event[2])}={${attribute.value}}`);
    } else if (dialect === 'vue') {
      attributes.push(
        'expression' in value
          ? `:${attribute.name}="${value.expression}"`
          : attribute.value === ''
            ? attribute.name
            : `${attribute.name}="${attribute.value}"`,
      );
    } else {
      const name =
        attribute.name === 'class' ? 'className' : attribute.name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
      attributes.push(
        'expression' in value
          ? `${name}={${value.expression}}`
          : attribute.value === ''
            ? name
            : `${name}="${attribute.value}"`,
      );
    }
  }
  if (dialect === 'vue') {
    if (condition) attributes.unshift(`v-if="${condition}"`);
    if (loop) attributes.unshift(`v-for="(item, index) in ${loop}" :key="index"`);
  }
  const tag = dialect === 'jsx' ? pascal(node.name) : node.name;
  const open = `<${tag}${attributes.length ? ` ${attributes.join(' ')}` : ''}`;
  const inner = dialect === 'jsx' && (condition || loop) ? `${indent}    ` : `${indent}  `;
  const children = node.children.map((child) => renderNode(child, dialect, inner));
  const element = children.length
    ? `${open}>\n${children.join('\n')}\n${inner.slice(2)}</${tag}>`
    : `${open}${dialect === 'jsx' ? ' />' : `></${tag}>`}`;
  if (dialect === 'vue' || (!condition && !loop)) return indent + element;
  if (loop)
    return `${indent}{${loop}.map((item, index) => (\n${indent}  ${element.replace(`<${tag}`, `<${tag} key={index}`)}\n${indent}))}`;
  return `${indent}{${condition} && (\n${indent}  ${element}\n${indent})}`;
}

// Pages shared by the rule tests that run in every form (test/rules/<id>.test.ts, runRuleTestsInForms).
export const INDEX = 'pages/index/index';
export const STORES = 'pages/stores/stores';
export const LOGIN = 'pages/login/login';
export const CHECKOUT = 'pages/checkout/checkout';

export const content: UnitSpec = {
  template:
    '<view class="list">\n  <view class="item" wx:for="{{items}}">\n    <navigator url="/pages/stores/stores">{{item.title}}</navigator>\n  </view>\n</view>',
};
export const tapPage = (body: string, label = '附近门店'): UnitSpec => ({
  template: `<view>\n  <text>门店列表</text>\n  <button bindtap="locate">${label}</button>\n</view>`,
  methods: { locate: body },
});
export const withStores = (stores: UnitSpec, settings?: Record<string, unknown>): ProjectSpec => ({
  pages: { [INDEX]: content, [STORES]: stores },
  settings,
});
export const phoneWall: UnitSpec = {
  template:
    '<view class="login">\n  <text>欢迎使用</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">手机号快捷登录</button>\n</view>',
  methods: { onGetPhone: "wx.setStorageSync('phoneCode', e.detail.code);" },
};
export const located = (permission?: Record<string, unknown>): ProjectSpec =>
  withStores(tapPage('wx.getLocation({ type: "gcj02" });'), {
    requiredPrivateInfos: ['getLocation'],
    ...(permission ? { permission } : {}),
  });
export const checkout = (phoneMarkup: string): UnitSpec => ({
  template: `<view class="checkout">\n  <text>订单金额</text>\n  ${phoneMarkup}\n  <button class="pay" bindtap="submitOrder">提交订单</button>\n</view>`,
  methods: {
    onGetPhone: 'console.log(e.detail.code);',
    submitOrder: "wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });",
  },
});
