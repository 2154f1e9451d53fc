import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PHONE_BUTTON, appJson, checkoutPage, contentPage, page } from '../helpers/mini-program';
import { checkFix, runPageScript } from '../helpers/fix-checks';

/** What the tests call on the page the fix wrote: its data and its handlers. */
type PageInstance = { data: Record<string, unknown> } & Record<string, (...args: unknown[]) => unknown>;
import { lintFiles, applyFix } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const CHECKOUT = 'pages/checkout/checkout';
const project = () => ({
  ...appJson([INDEX, CHECKOUT]),
  ...contentPage(INDEX),
  ...checkoutPage(CHECKOUT, PHONE_BUTTON),
});

describe('fix: add-purpose-modal', () => {
  for (const locale of ['en', 'zh-cn'] as const) {
    it(`resolves phone-purpose-at-checkout across wxml, js and wxss (${locale})`, () => {
      const { after, changed } = checkFix(project(), 'phone-purpose-at-checkout', 'add-purpose-modal', locale);
      assert.deepEqual(changed.sort(), [`${CHECKOUT}.js`, `${CHECKOUT}.wxml`, `${CHECKOUT}.wxss`]);
      const wxml = after[`${CHECKOUT}.wxml`];
      assert.match(
        wxml,
        /<button bindtap="mpPrivacyOpenPhonePurpose">获取手机号<\/button>/,
        'the old button now opens the dialog',
      );
      assert.match(
        wxml,
        /open-type="getPhoneNumber" bindgetphonenumber="mpPrivacyOnPhoneNumber"/,
        'the dialog holds the real phone button',
      );
      assert.match(
        wxml,
        /将用于【请填写用途/,
        "purpose placeholder in the project's language (its UI is Chinese), whatever the editor's",
      );
      assert.match(wxml, /为什么需要你的手机号/);
      assert.doesNotMatch(wxml, /\$\{1:/, 'snippet syntax is stripped when applied as plain text');
      assert.match(after[`${CHECKOUT}.wxss`], /\.mp-privacy-purpose-mask \{ position: fixed;/);
    });
  }

  it('keeps the original handler receiving the result; declining closes the dialog with a toast, calling nothing', () => {
    const { after } = checkFix(project(), 'phone-purpose-at-checkout', 'add-purpose-modal');
    const run = runPageScript(after[`${CHECKOUT}.js`]);
    const page = run.instance as PageInstance;
    assert.equal(page.data.mpPrivacyPhonePurposeVisible, false);
    page.mpPrivacyOpenPhonePurpose();
    assert.equal(page.data.mpPrivacyPhonePurposeVisible, true);
    page.mpPrivacyOnPhoneNumber({ detail: { code: 'CODE1' } });
    assert.equal(page.data.phoneCode, 'CODE1', 'onGetPhone received the phone result');
    assert.equal(page.data.mpPrivacyPhonePurposeVisible, false);
    const handled: unknown[] = [];
    page.onGetPhone = (event: unknown) => void handled.push(event);
    page.mpPrivacyOpenPhonePurpose();
    page.mpPrivacyDeclinePhone();
    assert.deepEqual(handled, [], 'the handler is not called with a made-up event');
    assert.equal(page.data.mpPrivacyPhonePurposeVisible, false);
    // The stand-in's objects come from another realm: compared as data.
    assert.deepEqual(JSON.parse(JSON.stringify(run.wxCalls)), [
      { api: 'showToast', args: [{ title: '你未提供手机号', icon: 'none' }] },
    ]);
    page.submitOrder();
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['showToast', 'requestPayment'],
      'the order can still be paid',
    );
  });

  it('adds methods inside `methods` of a Component page', () => {
    const files = {
      ...appJson([INDEX, CHECKOUT]),
      ...contentPage(INDEX),
      ...page(
        CHECKOUT,
        `<view>\n  <text>{{total}}</text>\n  ${PHONE_BUTTON}\n  <button bindtap="pay">支付</button>\n</view>\n`,
        `Component({\n  data: {\n    total: 0,\n  },\n  methods: {\n    onGetPhone(e) {\n      this.setData({ phoneCode: e.detail.code });\n    },\n    pay() {\n      wx.requestPayment({});\n    },\n  },\n});\n`,
      ),
    };
    const { after } = checkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    assert.match(after[`${CHECKOUT}.js`], /methods: \{[\s\S]*mpPrivacyDeclinePhone\(\)[\s\S]*\},\n\}\);/);
    assert.match(after[`${CHECKOUT}.js`], /data: \{\n {4}total: 0,\n {4}mpPrivacyPhonePurposeVisible: false,\n/);
    assert.ok(!('mpPrivacyPhonePurposeVisible' in {}), 'sanity');
  });

  it('types the event parameter in TypeScript pages and creates a missing .wxss', () => {
    const files = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...checkoutPage(CHECKOUT, PHONE_BUTTON) };
    const ts = files[`${CHECKOUT}.js`];
    delete files[`${CHECKOUT}.js`];
    delete files[`${CHECKOUT}.wxss`];
    files[`${CHECKOUT}.ts`] = ts.replace('onGetPhone(e)', 'onGetPhone(e: any)');
    const { after, changed } = checkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    assert.ok(changed.includes(`${CHECKOUT}.wxss`), 'the .wxss is created');
    assert.match(after[`${CHECKOUT}.ts`], /mpPrivacyOnPhoneNumber\(e: any\)/);
  });

  it('is not offered for a phone button that also reacts to taps', () => {
    const files = {
      ...appJson([INDEX, CHECKOUT]),
      ...contentPage(INDEX),
      ...checkoutPage(
        CHECKOUT,
        '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone" bindtap="track">获取手机号</button>',
      ),
    };
    const finding = lintFiles(files).find((f) => f.ruleId === 'phone-purpose-at-checkout');
    assert.ok(finding, 'still reported');
    assert.deepEqual(
      finding.fixes.filter((f) => f.kind !== 'suppress-with-reason'),
      [],
    );
    assert.throws(() => applyFix(files, finding, 'add-purpose-modal'));
  });
});
