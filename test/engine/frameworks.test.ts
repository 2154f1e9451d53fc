import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { findMiniProgramRoots, findRootForFile, guidanceFor } from '../../server/src/engine';
import { parseVue } from '../../server/src/engine/parse/vue';
import { parseTaro } from '../../server/src/engine/parse/jsx';
import { parseStaticConfig } from '../../server/src/engine/parse/static-config';
import { findJsonNode } from '../../server/src/engine/parse/jsonc';
import { documentElements, eventBindings, attribute } from '../../server/src/engine/parse/wxml';
import { VIRTUAL_ROOT, virtualHost } from '../helpers/virtual-project';

const rel = (roots: string[]) =>
  roots.map((root) => path.relative(VIRTUAL_ROOT, root).split(path.sep).join('/') || '.');

describe('framework discovery', () => {
  it('finds a uni-app project in its folder or in src/, and not its build output', () => {
    const host = virtualHost({
      'shop/pages.json': '{ "pages": [{ "path": "pages/index/index" }] }',
      'shop/manifest.json': '{ "mp-weixin": {} }',
      'shop/unpackage/dist/dev/mp-weixin/app.json': '{ "pages": ["pages/index/index"] }',
      'cli-app/src/pages.json': '{ "pages": [] }',
      'cli-app/src/manifest.json': '{}',
      'cli-app/dist/build/mp-weixin/app.json': '{ "pages": ["pages/index/index"] }',
      'cli-app/package.json': '{}',
    });
    assert.deepEqual(rel(findMiniProgramRoots(host, VIRTUAL_ROOT)), ['cli-app/src', 'shop']);
    assert.equal(
      findRootForFile(host, path.join(VIRTUAL_ROOT, 'shop/pages/index/index.vue')),
      path.join(VIRTUAL_ROOT, 'shop'),
    );
  });

  it('finds a Taro project at src/ when config/index.* is beside it, and skips dist/ and project.config.json', () => {
    const host = virtualHost({
      'taro/config/index.ts': 'export default {}',
      'taro/src/app.config.ts': "export default defineAppConfig({ pages: ['pages/index/index'] })",
      'taro/project.config.json': '{ "miniprogramRoot": "dist/" }',
      'taro/dist/app.json': '{ "pages": ["pages/index/index"] }',
      'not-taro/src/app.config.ts': 'export default {}',
    });
    assert.deepEqual(rel(findMiniProgramRoots(host, VIRTUAL_ROOT)), ['taro/src']);
  });

  it('says what a folder without a mini program holds', () => {
    const host = virtualHost({ 'wepy.config.js': 'module.exports = {}', 'dist/index.html': '<html></html>' });
    assert.deepEqual(findMiniProgramRoots(host, VIRTUAL_ROOT), []);
    const notes = guidanceFor(host, VIRTUAL_ROOT)
      .notes.map((note) => note.en)
      .join('\n');
    assert.match(notes, /WePY project \(wepy\.config\.js\)/);
    assert.match(notes, /dist\/ is build output without a WeChat mini program/);
  });
});

describe('Vue single-file components (parse/vue.ts)', () => {
  const source = [
    '<template>',
    '  <view class="page" v-if="ready">',
    '    <!-- #ifdef H5 -->',
    '    <div @click="h5Only">',
    '    <!-- #endif -->',
    '    <button open-type="getPhoneNumber" @getphonenumber="onPhone" :class="{ on: active }">登录</button>',
    '    <u-button :open-type="\'chooseAvatar\'" @click.stop="pick(1)" v-show="shown"></u-button>',
    '  </view>',
    '</template>',
    '<script setup lang="ts">',
    "import { onLoad } from '@dcloudio/uni-app'",
    "const saved = uni.getStorageSync('phone')",
    'onLoad(() => { uni.getLocation({}) })',
    'const onPhone = (e: any) => { uni.request({ url: "https://api.example.com" }) }',
    'function pick(n: number) { wx.chooseAvatar && n }',
    '</script>',
    '<style lang="scss">.page { position: fixed; }</style>',
    '',
  ].join('\n');
  const component = parseVue('/p/pages/index/index.vue', source);

  it('reads the template as WXML elements with offsets into the .vue file, other platforms left out', () => {
    const elements = documentElements(component.template!);
    assert.deepEqual(
      elements.map((e) => e.name),
      ['view', 'button', 'u-button'],
    );
    const button = elements[1];
    const openType = attribute(button, 'open-type')!;
    assert.equal(source.slice(openType.valueStart, openType.valueEnd), 'getPhoneNumber');
    assert.deepEqual(
      eventBindings(button).map((b) => [b.event, b.handler]),
      [['getphonenumber', 'onPhone']],
    );
    const custom = elements[2];
    assert.equal(attribute(custom, 'open-type')!.value, 'chooseAvatar');
    assert.deepEqual(
      eventBindings(custom).map((b) => [b.attribute.name, b.handler]),
      [['catchtap', 'pick']],
    );
    assert.equal(attribute(custom, 'hidden')!.value, '{{!(shown)}}');
    assert.equal(attribute(elements[0], 'wx:if')!.value, '{{ready}}');
    assert.equal(
      source.slice(button.start, button.startTagEnd),
      '<button open-type="getPhoneNumber" @getphonenumber="onPhone" :class="{ on: active }">',
    );
  });

  it('reads <script setup>: functions and hooks as members, top-level code as `setup`', () => {
    const members = component.script!.definition!.members;
    assert.deepEqual([...members.keys()].sort(), ['onLoad', 'onPhone', 'pick', 'setup']);
    const apis = (name: string) =>
      members
        .get(name)!
        .calls.filter((c) => c.kind === 'platform')
        .map((c) => (c as { api: string }).api);
    assert.deepEqual(apis('onLoad'), ['getLocation']);
    assert.deepEqual(apis('setup'), ['getStorageSync']);
    const call = members.get('onLoad')!.calls[0];
    assert.equal(source.slice(call.site.start, call.site.end), 'uni.getLocation({})');
    assert.equal(component.script!.isTypeScript, true);
  });

  it('reads the options API and treats App.vue as the app', () => {
    const app = parseVue(
      '/p/App.vue',
      '<script>\nexport default {\n  onLaunch() { this.init() },\n  globalData: { locate() { uni.getLocation({}) } },\n  methods: { init() {} }\n}\n</script>\n',
    );
    assert.equal(app.script!.definition!.kind, 'App');
    assert.deepEqual([...app.script!.definition!.members.keys()].sort(), ['globalData.locate', 'init', 'onLaunch']);
  });

  it('never throws on broken input', () => {
    for (const text of [
      '<template><view><button></template>',
      '<script>export default {',
      '<template',
      '\u0000<template>',
      '<template><view v-if="a <"></view></template>',
    ]) {
      assert.doesNotThrow(() => parseVue('/p/broken.vue', text));
    }
  });
});

describe('Taro JSX modules (parse/jsx.ts)', () => {
  const source = [
    "import Taro, { useLoad, getLocation } from '@tarojs/taro'",
    "import { View, Button } from '@tarojs/components'",
    'export default function Index() {',
    "  const phone = Taro.getStorageSync('phone')",
    '  useLoad(() => { getLocation({}) })',
    '  const save = () => { Taro.requestSubscribeMessage({ tmplIds: [] }) }',
    "  const actions = [{ text: '保存', onClick: () => Taro.saveImageToPhotosAlbum({ filePath: '' }) }]",
    '  return (',
    '    <View className="page">',
    '      {logged && <Button openType="getPhoneNumber" onGetPhoneNumber={save}>登录</Button>}',
    '      {list.map((item) => <View key={item.id} onClick={() => { Taro.openSetting() }}>{item.title}</View>)}',
    '    </View>',
    '  )',
    '}',
    '',
  ].join('\n');
  const module = parseTaro('/p/src/pages/index/index.tsx', source);

  it('reads JSX as WXML elements: props renamed, conditions as wx:if blocks, map as wx:for', () => {
    const elements = documentElements(module.template!);
    assert.deepEqual(
      elements.map((e) => e.name),
      ['view', 'block', 'button', 'block', 'view'],
    );
    const button = elements[2];
    assert.equal(attribute(button, 'open-type')!.value, 'getPhoneNumber');
    assert.deepEqual(
      eventBindings(button).map((b) => [b.event, b.handler]),
      [['getphonenumber', 'save']],
    );
    assert.equal(attribute(elements[1], 'wx:if')!.value, '{{logged}}');
    assert.equal(attribute(elements[3], 'wx:for')!.value, '{{list}}');
    assert.equal(attribute(elements[0], 'class')!.value, 'page');
  });

  it('reads the function component: hooks, inner functions and inline handlers as members; the body as render', () => {
    const members = module.script.definition!.members;
    const inline = [...members.keys()].find((name) => name.startsWith('onClick@'));
    assert.ok(inline, [...members.keys()].join(', '));
    const apis = (name: string) =>
      members
        .get(name)!
        .calls.filter((c) => c.kind === 'platform')
        .map((c) => (c as { api: string }).api);
    assert.deepEqual(apis('useLoad'), ['getLocation']);
    assert.deepEqual(apis('save'), ['requestSubscribeMessage']);
    assert.deepEqual(apis(inline), ['openSetting']);
    // The render runs getStorageSync; the handlers' calls and a function kept in a list are not part of it.
    assert.deepEqual(apis('render'), ['getStorageSync']);
  });
});

describe("Taro's app.config read statically (parse/static-config.ts)", () => {
  const source = [
    "const main = ['pages/index/index', process.env.TARO_ENV === 'h5' && 'pages/h5/index'].filter(Boolean)",
    "const shop = ['pages/shop/a/index', 'pages/shop/b/index']",
    'const config = {',
    '  pages: (() => {',
    "    if (process.env.TARO_ENV === 'h5') return []",
    '    return [...main]',
    '  })(),',
    "  subPackages: [{ root: 'pages/shop', pages: shop.map((p) => p.replace('pages/shop/', '')) }],",
    "  requiredPrivateInfos: ['getLocation'],",
    '  usingComponents: Object.assign(globalIcons()),',
    '}',
    "if (process.env.TARO_ENV === 'weapp') {",
    "  config.permission = { 'scope.userLocation': { desc: '用于推荐附近门店' } }",
    '}',
    'export default defineAppConfig(config)',
    '',
  ].join('\n');
  const doc = parseStaticConfig('/p/src/app.config.ts', source);

  it('evaluates the weapp configuration', () => {
    assert.deepEqual(doc.value, {
      pages: ['pages/index/index'],
      subPackages: [{ root: 'pages/shop', pages: ['a/index', 'b/index'] }],
      requiredPrivateInfos: ['getLocation'],
      permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } },
    });
  });

  it('keeps offsets into the module', () => {
    const node = findJsonNode(doc, ['requiredPrivateInfos', 0])!;
    assert.equal(source.slice(node.offset, node.offset + node.length), "'getLocation'");
    const page = findJsonNode(doc, ['pages', 0])!;
    assert.equal(source.slice(page.offset, page.offset + page.length), "'pages/index/index'");
  });

  it('never throws, and stops on self-reference', () => {
    for (const text of [
      'const a = [...a]\nexport default { pages: a }',
      'export default {',
      'export default (() => { while (true) {} })()',
      '',
    ]) {
      assert.doesNotThrow(() => parseStaticConfig('/p/app.config.ts', text));
    }
  });
});
