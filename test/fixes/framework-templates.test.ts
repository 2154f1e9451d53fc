import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import * as ts from 'typescript';
import type { Finding, Locale } from '../../server/src/engine';
import { applyFixEdits, syntaxProblemCount } from '../../server/src/engine';
import { assertKeepsFixContract } from '../helpers/fix-checks';
import {
  CHECKOUT,
  FORMS,
  INDEX,
  LOGIN,
  STORES,
  ProjectSpec,
  checkout,
  content,
  phoneWall,
  fileOf,
  RENDERED_LINTER,
  lintRendered,
  relativeToVirtualRoot,
  renderProject,
  tapPage,
} from '../helpers/forms';
import type { Form } from '../helpers/forms';
import type { ProjectFiles } from '../helpers/virtual-project';

/**
 * Fixes that edit a template, on uni-app (.vue, options API and <script setup>) and Taro (.tsx) sources: the
 * fix contract as checkFix states it for native projects (every changed file parses no worse, the finding is
 * gone, no other finding appears or disappears, the fix is not offered again), with the edits in the source
 * file of the page.
 */
const key = (f: Finding) => `${f.ruleId} ${relativeToVirtualRoot(f.range.file)} ${f.message.en}`;

function checkFrameworkFix(
  files: ProjectFiles,
  ruleId: string,
  fixKind: string,
  locale: Locale = 'en',
): { after: ProjectFiles; changed: string[] } {
  const before = lintRendered(files);
  const target = before.find((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === fixKind));
  assert.ok(target, `a ${ruleId} finding offering ${fixKind}; found: ${before.map(key).join('; ') || 'nothing'}`);
  const fix = target.fixes.find((x) => x.kind === fixKind)!;
  assertKeepsFixContract(files, before, target, fix, locale, RENDERED_LINTER);
  const edits = applyFixEdits(fix.build(locale), (file) => files[relativeToVirtualRoot(file)]);
  const after = { ...files };
  for (const [file, text] of edits) after[relativeToVirtualRoot(file)] = text;
  const changed = Object.keys(after).filter((file) => after[file] !== files[file]);
  assert.ok(changed.length >= 1, 'the fix changes files');
  for (const file of changed)
    assert.ok(
      syntaxProblemCount(file, after[file]) <= syntaxProblemCount(file, files[file] ?? ''),
      `${file} parses after the fix:\n${after[file]}`,
    );
  const remaining = lintRendered(after);
  // Text left for a person to write (a purpose) is said by an info finding until written; nothing else is new.
  const unwritten = (f: Finding) => f.severity === 'info' && /^Write the \w+ here/.test(f.message.en);
  assert.deepEqual(
    remaining
      .filter((f) => !unwritten(f))
      .map(key)
      .sort(),
    before
      .filter((f) => f !== target)
      .map(key)
      .sort(),
    'only the fixed finding disappears',
  );
  assert.ok(
    !remaining.some((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === fixKind)),
    'nothing left to do',
  );
  return { after, changed };
}

const PHONE = '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>';
const phoneAtCheckout = (phoneMarkup = PHONE): ProjectSpec => ({
  pages: { [INDEX]: content, [CHECKOUT]: checkout(phoneMarkup) },
});
const checkoutFile = (form: Form) => fileOf(form, { page: CHECKOUT, part: 'template' });

/** A uni-app page written with <script setup> (uni-app's Vue 3 style), the phone button at checkout. */
const SETUP_PAGE = `<template>
  <view class="checkout">
    <text>订单金额</text>
    <button open-type="getPhoneNumber" @getphonenumber="onGetPhone">获取手机号</button>
    <button class="pay" @tap="submitOrder">提交订单</button>
  </view>
</template>

<script setup lang="ts">
import { computed } from 'vue'

const total = computed(() => 1)

function onGetPhone(e: any) {
  console.log(e.detail.code)
}

function submitOrder() {
  uni.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' })
}
</script>

<style lang="scss">
.pay { margin: 24rpx; }
</style>
`;

/** Runs the options object of an SFC's <script> with stand-ins for uni and this (the test's own file). */
function runVueOptions(sfc: string) {
  const code = /<script>([\s\S]*)<\/script>/.exec(sfc)![1].replace('export default', 'options =');
  const calls: string[] = [];
  const args: unknown[][] = [];
  const context: { options?: Record<string, (...args: unknown[]) => unknown> } = {};
  const uni = new Proxy(
    {},
    {
      get:
        (_t, api: string) =>
        (...given: unknown[]) =>
          void (calls.push(api), args.push(JSON.parse(JSON.stringify(given)) as unknown[])),
    },
  );
  vm.runInNewContext(code, Object.assign(context, { uni, console }));
  const options = context.options!;
  const instance: Record<string, unknown> = { ...(options.data() as object), ...(options.methods as object) };
  return {
    instance: instance as Record<string, unknown> & Record<string, (...args: unknown[]) => unknown>,
    calls,
    args,
  };
}

describe('add-purpose-modal on framework sources', () => {
  for (const form of FORMS)
    for (const locale of ['en', 'zh-cn'] as const)
      it(`resolves phone-purpose-at-checkout in the ${form} page's own source (${locale})`, () => {
        const files = renderProject(phoneAtCheckout(), form);
        const { after, changed } = checkFrameworkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal', locale);
        if (form === 'native') return; // test/fixes/add-purpose-modal.test.ts checks the native edits
        assert.deepEqual(changed, [checkoutFile(form)], 'only the page source changes');
        const page = after[checkoutFile(form)];
        assert.doesNotMatch(page, /\$\{1:/, 'snippet syntax is stripped when applied as plain text');
        // The page's UI is Chinese: so is the dialog, whatever the editor's language (as on native pages).
        assert.match(page, /将用于【请填写用途/);
        assert.match(page, /为什么需要你的手机号/);
        if (form === 'uni-app') {
          assert.match(page, /<button @tap="mpPrivacyOpenPhonePurpose">/, 'the old button opens the dialog');
          assert.match(page, /<view v-if="mpPrivacyPhonePurposeVisible" class="mp-privacy-purpose-mask">/);
          assert.match(page, /open-type="getPhoneNumber" @getphonenumber="mpPrivacyOnPhoneNumber"/);
          assert.match(
            page,
            /\.page \{ padding: 24rpx; \}\n\/\* mp-privacy[^\n]*\n(\.mp-privacy[^\n]*\n)+<\/style>/,
            'CSS in <style>',
          );
          // The dialog is the last child of the template's root element, so the template keeps one root.
          assert.match(page, /<\/view>\n {4}<\/view>\n {2}<\/view>\n<\/template>/);
        } else {
          assert.match(page, /<Button onClick=\{mpPrivacyOpenPhonePurpose\}>/, 'the old button opens the dialog');
          assert.match(page, /\{mpPrivacyPhonePurposeVisible && \(/);
          assert.match(page, /openType="getPhoneNumber" onGetPhoneNumber=\{mpPrivacyOnPhoneNumber\}/);
          assert.match(page, /import \{ useState \} from '@?react'/);
          assert.match(
            page,
            /const \[mpPrivacyPhonePurposeVisible, mpPrivacySetPhonePurposeVisible\] = useState\(false\)/,
          );
        }
      });

  it('uni-app options API: the handler still receives the result; declining shows a toast and calls nothing', () => {
    const { after } = checkFrameworkFix(
      renderProject(phoneAtCheckout(), 'uni-app'),
      'phone-purpose-at-checkout',
      'add-purpose-modal',
    );
    const received: unknown[] = [];
    const { instance, calls, args } = runVueOptions(after[checkoutFile('uni-app')]);
    instance.onGetPhone = (e: unknown) => received.push(e);
    assert.equal(instance.mpPrivacyPhonePurposeVisible, false);
    instance.mpPrivacyOpenPhonePurpose();
    assert.equal(instance.mpPrivacyPhonePurposeVisible, true);
    instance.mpPrivacyOnPhoneNumber({ detail: { code: 'C1' } });
    assert.equal(instance.mpPrivacyPhonePurposeVisible, false);
    instance.mpPrivacyOpenPhonePurpose();
    instance.mpPrivacyDeclinePhone();
    assert.equal(instance.mpPrivacyPhonePurposeVisible, false);
    // The handler gets WeChat's own result only, never an event the fix made up; the user stays on the page.
    assert.deepEqual(JSON.parse(JSON.stringify(received)), [{ detail: { code: 'C1' } }]);
    assert.deepEqual(calls, ['showToast']);
    assert.deepEqual(args, [[{ title: '你未提供手机号', icon: 'none' }]]);
    instance.submitOrder();
    assert.deepEqual(calls, ['showToast', 'requestPayment'], 'the order can still be placed');
  });

  it('uni-app <script setup>: ref imported into the existing vue import, functions in the setup block', () => {
    const files = { ...renderProject(phoneAtCheckout(), 'uni-app'), [`${CHECKOUT}.vue`]: SETUP_PAGE };
    const { after, changed } = checkFrameworkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    assert.deepEqual(changed, [`${CHECKOUT}.vue`]);
    const page = after[`${CHECKOUT}.vue`];
    assert.match(page, /import \{ computed, ref \} from 'vue'/);
    // The block writes no semicolons: neither does the code added to it.
    assert.match(page, /const mpPrivacyPhonePurposeVisible = ref\(false\)\n/);
    assert.match(
      page,
      /function mpPrivacyOnPhoneNumber\(e: any\) \{\n {2}mpPrivacyPhonePurposeVisible\.value = false\n {2}return onGetPhone\(e\)\n/,
    );
    assert.match(page, /\.mp-privacy-purpose-decline \{ margin-top: 20rpx; \}\n<\/style>/, 'CSS in the scss block');
    assert.match(page, /<button @tap="mpPrivacyOpenPhonePurpose">获取手机号<\/button>/);
    assert.match(
      page,
      /function mpPrivacyDeclinePhone\(\) \{\n {2}mpPrivacyPhonePurposeVisible\.value = false\n {2}uni\.showToast\(\{ title: '你未提供手机号', icon: 'none' \}\)\n\}/,
      'declining says so and calls nothing else',
    );
  });

  it('uni-app: a page written with four-space steps and CRLF gets the dialog in four-space steps and CRLF', () => {
    const fourSpaces = SETUP_PAGE.replace(/^((?: {2})+)/gm, (steps: string) => steps + steps).replace(/\n/g, '\r\n');
    const files = { ...renderProject(phoneAtCheckout(), 'uni-app'), [`${CHECKOUT}.vue`]: fourSpaces };
    const { after } = checkFrameworkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    const page = after[`${CHECKOUT}.vue`];
    assert.doesNotMatch(page, /(^|[^\r])\n/, 'every line ends with CRLF');
    const old = new Set(fourSpaces.split('\r\n'));
    const added = page.split('\r\n').filter((line) => line.trim() && !old.has(line));
    assert.ok(added.length > 10, 'the dialog was added');
    for (const line of added)
      assert.equal(/^ */.exec(line)![0].length % 4, 0, `four-space steps: ${JSON.stringify(line)}`);
    assert.ok(added.includes('    mpPrivacyPhonePurposeVisible.value = false'), added.join('\n'));
  });

  it("Taro: declining shows a toast through the file's Taro import, never calling the handler", () => {
    const files = renderProject(phoneAtCheckout(), 'taro');
    const { after } = checkFrameworkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    const page = after[checkoutFile('taro')];
    const decline = /const mpPrivacyDeclinePhone = \(\) => \{\n([\s\S]*?)\n[ \t]*\};?\n/.exec(page);
    assert.ok(decline, page);
    assert.doesNotMatch(decline[1], /onGetPhone|fail user deny/, 'the handler is not called with a made-up event');
    assert.match(decline[1], /(\w+)\.showToast\(\{ title: '你未提供手机号', icon: 'none' \}\)/);
    const api = /(\w+)\.showToast/.exec(decline[1])![1];
    assert.match(page, new RegExp(`^import ${api} from '@tarojs/taro'`, 'm'), 'the API object is imported');
  });

  it('is not offered where it cannot write the dialog safely: an inline handler, a Taro class component', () => {
    const inline = renderProject(phoneAtCheckout(), 'uni-app');
    inline[`${CHECKOUT}.vue`] = inline[`${CHECKOUT}.vue`].replace(
      '@getphonenumber="onGetPhone"',
      '@getphonenumber="onGetPhone($event, 1)"',
    );
    const classPage = renderProject(phoneAtCheckout(), 'taro');
    classPage[`src/${CHECKOUT}.tsx`] = `import Taro from '@tarojs/taro'
import { Component } from 'react'
import { View, Button } from '@tarojs/components'

export default class Index extends Component {
  onGetPhone(e) { console.log(e.detail.code) }
  submitOrder() { Taro.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' }) }
  render() {
    return (
      <View>
        <Button openType="getPhoneNumber" onGetPhoneNumber={this.onGetPhone}>获取手机号</Button>
        <Button onClick={this.submitOrder}>提交订单</Button>
      </View>
    )
  }
}
`;
    for (const files of [inline, classPage]) {
      const finding = lintRendered(files).find((f) => f.ruleId === 'phone-purpose-at-checkout');
      assert.ok(finding, 'the finding is reported');
      assert.deepEqual(
        finding.fixes.map((f) => f.kind),
        ['suppress-with-reason'],
      );
      assert.match(finding.fixUnavailable?.en ?? '', /add the dialog by hand/);
      assert.match(finding.fixUnavailable?.['zh-cn'] ?? '', /手动添加弹窗/);
    }
  });
});

describe('remove-report-submit on framework sources', () => {
  const spec: ProjectSpec = {
    pages: {
      [INDEX]: {
        template:
          '<form report-submit="true" bindsubmit="onSubmit">\n  <button form-type="submit">提交</button>\n</form>',
        methods: { onSubmit: 'console.log(e.detail.value);' },
      },
    },
  };
  for (const form of FORMS)
    it(`removes the attribute from the ${form} template`, () => {
      const { after, changed } = checkFrameworkFix(
        renderProject(spec, form),
        'report-submit-formid',
        'remove-report-submit',
      );
      const file = fileOf(form, { page: INDEX, part: 'template' });
      assert.deepEqual(changed, [file]);
      assert.doesNotMatch(after[file], /report-?submit/i);
      assert.match(after[file], form === 'taro' ? /<Form onSubmit=\{onSubmit\}>/ : /<form (bind|@)submit="onSubmit">/);
    });
});

describe('move-phone-to-checkout on framework sources', () => {
  // The entry page is a phone wall and a checkout page pays: the fix moves the request there, in each form.
  const spec: ProjectSpec = { pages: { [LOGIN]: phoneWall, [INDEX]: content, [CHECKOUT]: checkout('') } };
  for (const form of FORMS)
    for (const locale of ['en', 'zh-cn'] as const)
      it(`${form}: the entry wall's request moves to the checkout button (${locale})`, () => {
        const { after, changed } = checkFrameworkFix(
          renderProject(spec, form),
          'phone-on-entry',
          'move-phone-to-checkout',
          locale,
        );
        if (form === 'native') return; // test/fixes/move-phone-to-checkout.test.ts checks the native edits
        const page = after[checkoutFile(form)];
        assert.deepEqual(changed.sort(), [fileOf(form, { part: 'pages' }), checkoutFile(form)].sort());
        // The purpose is in the project's language (Chinese here), the code comments in the editor's.
        assert.match(page, /你的手机号将用于/);
        assert.match(
          page,
          locale === 'zh-cn' ? /在结算时请求手机号/ : /the phone number is asked for here, at checkout/,
        );
        if (form === 'uni-app') {
          assert.match(
            page,
            /<view class="mp-privacy-phone-purpose">[^<]*<\/view>\n {6}<button class="pay" open-type="getPhoneNumber" @getphonenumber="mpPrivacyCheckoutWithPhone">/,
          );
          assert.match(page, /\.mp-privacy-phone-purpose \{[^}]*\}\n<\/style>/, 'CSS in the <style> block');
          // The pages swap as whole entries: each keeps its own style.
          const pages = JSON.parse(after['pages.json'].replace(/^\/\/.*\n/, '')).pages;
          assert.deepEqual(
            pages.map((p: { path: string; style: { navigationBarTitleText: string } }) => [
              p.path,
              p.style.navigationBarTitleText,
            ]),
            [INDEX, LOGIN, CHECKOUT].map((route) => [route, route]),
          );
        } else {
          assert.match(
            page,
            /<View style=\{\{[^}]*\}\}>[^<]*<\/View>\n {8}<Button className="pay" openType="getPhoneNumber" onGetPhoneNumber=\{mpPrivacyCheckoutWithPhone\}>/,
          );
          assert.match(after['src/app.config.ts'], /pages: \[\n {4}'pages\/index\/index',\n {4}'pages\/login\/login',/);
        }
      });

  it('uni-app options API: the moved handler gets the result, then the order is paid; a refusal shows a toast', async () => {
    const { after } = checkFrameworkFix(renderProject(spec, 'uni-app'), 'phone-on-entry', 'move-phone-to-checkout');
    const { instance, calls } = runVueOptions(after[checkoutFile('uni-app')]);
    await instance.mpPrivacyCheckoutWithPhone({ detail: { code: 'C9' } });
    assert.deepEqual(calls, ['setStorageSync', 'requestPayment']);
    calls.length = 0;
    await instance.mpPrivacyCheckoutWithPhone({ detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    assert.deepEqual(calls, ['showToast'], 'a refusal keeps the user on the page and says why');
  });

  it('Taro: the checkout button calls the moved handler, then pays', async () => {
    const { after } = checkFrameworkFix(renderProject(spec, 'taro'), 'phone-on-entry', 'move-phone-to-checkout');
    const { props, calls } = renderTaro(after[checkoutFile('taro')]);
    const button = props.find((p) => typeof p.onGetPhoneNumber === 'function');
    assert.ok(button, 'a Button with onGetPhoneNumber');
    assert.equal(button.openType, 'getPhoneNumber');
    await (button.onGetPhoneNumber as (e: unknown) => Promise<unknown>)({ detail: { code: 'C9' } });
    assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
      ['setStorageSync', ['phoneCode', 'C9']],
      ['requestPayment', [{ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' }]],
    ]);
    calls.length = 0;
    await (button.onGetPhoneNumber as (e: unknown) => Promise<unknown>)({ detail: { errMsg: 'getPhoneNumber:fail' } });
    assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
      ['showToast', [{ title: '提供手机号后才能提交订单', icon: 'none' }]],
    ]);
  });

  it('uni-app <script setup> on both pages: the handler is copied as a function of the checkout page', () => {
    const files = renderProject(spec, 'uni-app');
    files[`${LOGIN}.vue`] = SETUP_LOGIN;
    files[`${CHECKOUT}.vue`] = SETUP_PAGE.replace(/\n {4}<button open-type[^\n]*/, '');
    const { after } = checkFrameworkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    const page = after[`${CHECKOUT}.vue`];
    assert.match(
      page,
      /\n\/\/ mp-privacy: moved from pages\/login\/login\.vue[^\n]*\nfunction mpPrivacyMovedOnGetPhone\(e: any\) \{/,
    );
    assert.match(
      page,
      /function mpPrivacyCheckoutWithPhone\(e: any\) \{\n( {2}[^\n]*\n)+ {2}return Promise\.resolve\(mpPrivacyMovedOnGetPhone\(e\)\)\.then\(\(\) => submitOrder\(e\)\)\n\}\n<\/script>/,
    );
    // In the file's own style: no semicolons, single quotes.
    assert.match(
      page,
      /\n {4}uni\.showToast\(\{ title: '提供手机号后才能提交订单', icon: 'none' \}\)\n {4}return\n {2}\}\n/,
    );
    assert.match(page, /<button class="pay" open-type="getPhoneNumber" @getphonenumber="mpPrivacyCheckoutWithPhone">/);
  });

  it('phone-while-browsing: a "see more" phone button becomes a plain tap, in the template\'s own syntax', () => {
    const browsing: ProjectSpec = {
      pages: {
        [INDEX]: {
          template:
            '<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="more">查看更多</button>\n</view>',
          methods: { more: 'this.setData({ more: true });' },
        },
        [CHECKOUT]: checkout(''),
      },
    };
    for (const form of ['uni-app', 'taro'] as const) {
      const { after } = checkFrameworkFix(
        renderProject(browsing, form),
        'phone-while-browsing',
        'move-phone-to-checkout',
      );
      const index = after[fileOf(form, { page: INDEX, part: 'template' })];
      assert.match(index, form === 'uni-app' ? /<button @tap="more">/ : /<Button onClick=\{more\}>/);
    }
  });

  it('says why where it does not write the fix: a Taro class component, an inline checkout handler', () => {
    const classPage = renderProject(spec, 'taro');
    classPage[`src/${CHECKOUT}.tsx`] = `import Taro from '@tarojs/taro'
import { Component } from 'react'
import { View, Button } from '@tarojs/components'

export default class Index extends Component {
  submitOrder() { Taro.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' }) }
  render() {
    return (
      <View>
        <Button onClick={this.submitOrder}>提交订单</Button>
      </View>
    )
  }
}
`;
    const inline = renderProject(spec, 'uni-app');
    inline[`${CHECKOUT}.vue`] = inline[`${CHECKOUT}.vue`].replace('@tap="submitOrder"', '@tap="submitOrder($event)"');
    for (const [files, reason] of [
      [classPage, /not a function component/],
      [inline, /inline expression/],
    ] as const) {
      const finding = lintRendered(files).find((f) => f.ruleId === 'phone-on-entry');
      assert.ok(finding, 'phone-on-entry is reported');
      assert.ok(!finding.fixes.some((f) => f.kind === 'move-phone-to-checkout'));
      assert.match(finding.fixUnavailable?.en ?? '', reason);
      assert.match(finding.fixUnavailable?.['zh-cn'] ?? '', /手动/);
    }
  });
});

/** A uni-app login page in <script setup>, the phone button its only control. */
const SETUP_LOGIN = `<template>
  <view class="login">
    <button open-type="getPhoneNumber" @getphonenumber="onGetPhone">手机号快捷登录</button>
  </view>
</template>

<script setup lang="ts">
function onGetPhone(e: any) {
  uni.setStorageSync('phoneCode', e.detail.code)
}
</script>
`;

/**
 * Runs a Taro function component's module (the test's own file, transpiled) with stand-ins for Taro, its
 * components and React (state kept between renders, effects run after the first): what it renders is a list of
 * props, the Taro calls are recorded with their arguments.
 */
function renderTaro(source: string) {
  const code = ts.transpileModule(source, {
    compilerOptions: { jsx: ts.JsxEmit.React, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  const calls: [string, unknown[]][] = [];
  const props: Record<string, unknown>[] = [];
  const state: unknown[] = [];
  const effects: (() => void)[] = [];
  let slot = 0;
  const Taro = new Proxy(
    {},
    {
      get:
        (_t, api: string) =>
        (...args: unknown[]) =>
          calls.push([api, args]),
    },
  );
  const components = new Proxy({}, { get: (_t, name: string) => name });
  const React = {
    createElement: (_type: unknown, p: Record<string, unknown> | null) => props.push(p ?? {}),
    useState: (initial: unknown) => {
      const at = slot++;
      if (!(at in state)) state[at] = initial;
      return [state[at], (value: unknown) => (state[at] = value)];
    },
    useRef: (initial: unknown) => {
      const at = slot++;
      if (!(at in state)) state[at] = { current: initial };
      return state[at];
    },
    useEffect: (effect: () => void) => effects.push(effect),
  };
  const module = { exports: {} as { default?: () => unknown } };
  const require = (name: string) =>
    name === '@tarojs/taro' ? { default: Taro, __esModule: true } : name === 'react' ? React : components;
  vm.runInNewContext(code, { module, exports: module.exports, require, React, console, Promise });
  const render = () => {
    slot = 0;
    props.length = 0;
    const first = !state.length;
    effects.length = 0;
    module.exports.default!();
    if (first) effects.forEach((effect) => effect());
  };
  render();
  return { props, calls, render };
}

describe('scaffold-privacy-popup on framework sources', () => {
  const spec: ProjectSpec = {
    pages: { [INDEX]: content, [STORES]: tapPage('wx.getLocation({ type: "gcj02" });') },
    settings: { requiredPrivateInfos: ['getLocation'] },
  };
  const popupFile = {
    'uni-app': 'components/mp-privacy-popup/mp-privacy-popup.vue',
    taro: 'src/components/mp-privacy-popup/index.tsx',
  };
  for (const form of FORMS)
    for (const locale of ['en', 'zh-cn'] as const)
      it(`${form}: adds the popup component and mounts it on the page that uses a privacy interface (${locale})`, () => {
        const { after, changed } = checkFrameworkFix(
          renderProject(spec, form),
          'privacy-authorization-flow',
          'scaffold-privacy-popup',
          locale,
        );
        if (form === 'native') return; // test/fixes/catalogue-fixes.test.ts checks the native files
        const stores = fileOf(form, { page: STORES, part: 'template' });
        assert.deepEqual(changed.sort(), [popupFile[form], stores].sort());
        // The popup speaks the project's language (Chinese here) whatever the editor's.
        assert.match(after[popupFile[form]], /用户隐私保护提示/);
        if (form === 'uni-app') {
          assert.match(
            after[stores],
            /<\/view>\n {4}<mp-privacy-popup><\/mp-privacy-popup>\n {2}<\/view>\n<\/template>/,
          );
          assert.match(
            after[popupFile[form]],
            /\/\/ #ifdef MP-WEIXIN\n {4}if \(!wx\.onNeedPrivacyAuthorization\) return;/,
          );
        } else {
          assert.match(after[stores], /\nimport MpPrivacyPopup from '\.\.\/\.\.\/components\/mp-privacy-popup'\n/);
          assert.match(after[stores], /<\/View>\n {6}<MpPrivacyPopup \/>\n {4}<\/View>\n {2}\)/);
        }
      });

  it('uni-app: the component shows itself when WeChat asks, and agreeing resolves with its agree button', () => {
    const { after } = checkFrameworkFix(
      renderProject(spec, 'uni-app'),
      'privacy-authorization-flow',
      'scaffold-privacy-popup',
    );
    const code = /<script>([\s\S]*)<\/script>/
      .exec(after[popupFile['uni-app']])![1]
      .replace('export default', 'options =');
    const listeners: ((resolve: (answer: unknown) => void) => void)[] = [];
    const context: { options?: Record<string, (this: Record<string, unknown>, ...args: unknown[]) => unknown> } = {};
    const wx = {
      onNeedPrivacyAuthorization: (listener: (typeof listeners)[number]) => listeners.push(listener),
      getPrivacySetting: (o: { success: (res: unknown) => void }) => o.success({ privacyContractName: '《指引》' }),
      openPrivacyContract: () => undefined,
    };
    vm.runInNewContext(code, Object.assign(context, { wx }));
    const options = context.options!;
    const instance: Record<string, unknown> = { ...(options.data.call({}) as object), ...(options.methods as object) };
    options.mounted.call(instance);
    assert.equal(instance.contractName, '《指引》');
    assert.equal(instance.visible, false);
    const answers: unknown[] = [];
    listeners[0]((answer) => answers.push(answer));
    assert.equal(instance.visible, true);
    (instance.onAgree as () => void).call(instance);
    assert.equal(instance.visible, false);
    assert.deepEqual(JSON.parse(JSON.stringify(answers)), [{ event: 'agree', buttonId: 'mp-privacy-agree' }]);
  });

  it('Taro: the component renders nothing until WeChat asks, then its agree button resolves', () => {
    const { after } = checkFrameworkFix(
      renderProject(spec, 'taro'),
      'privacy-authorization-flow',
      'scaffold-privacy-popup',
    );
    const popup = renderTaro(after[popupFile.taro]);
    assert.equal(popup.props.length, 0, 'hidden at first');
    const listen = popup.calls.find(([api]) => api === 'onNeedPrivacyAuthorization');
    assert.ok(listen, 'listens with Taro.onNeedPrivacyAuthorization');
    const answers: unknown[] = [];
    (listen[1][0] as (resolve: (answer: unknown) => void) => void)((answer) => answers.push(answer));
    popup.render();
    const agree = popup.props.find((p) => p.id === 'mp-privacy-agree');
    assert.ok(agree, 'the agree button is shown');
    assert.equal(agree.openType, 'agreePrivacyAuthorization');
    (agree.onClick as () => void)();
    assert.deepEqual(JSON.parse(JSON.stringify(answers)), [{ event: 'agree', buttonId: 'mp-privacy-agree' }]);
  });
});
