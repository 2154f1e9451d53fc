import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { appJson, checkoutPage, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';
import { checkFix, runPageScript } from '../helpers/fix-checks';

/** What the tests call on the page the fix wrote: its data and its handlers. */
type PageInstance = { data: Record<string, unknown> } & Record<string, (...args: unknown[]) => unknown>;
import { ProjectFiles, lintFiles } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const LOGIN = 'pages/login/login';
const CHECKOUT = 'pages/checkout/checkout';

const launchRedirect = (): ProjectFiles => ({
  ...appJson([INDEX, LOGIN, CHECKOUT]),
  'app.js': `App({\n  onLaunch() {\n    if (!wx.getStorageSync('token')) {\n      wx.reLaunch({ url: '/pages/login/login' });\n    }\n  },\n});\n`,
  ...contentPage(INDEX),
  ...phoneOnlyPage(LOGIN),
  ...checkoutPage(CHECKOUT),
});

describe('fix: move-phone-to-checkout', () => {
  for (const locale of ['en', 'zh-cn'] as const) {
    it(`removes the launch redirect and asks at checkout instead (${locale})`, () => {
      const { after, changed } = checkFix(launchRedirect(), 'phone-on-entry', 'move-phone-to-checkout', locale);
      assert.deepEqual(changed.sort(), ['app.js', `${CHECKOUT}.js`, `${CHECKOUT}.wxml`, `${CHECKOUT}.wxss`]);
      assert.doesNotMatch(after['app.js'], /wx\.reLaunch/);
      assert.match(
        after['app.js'],
        locale === 'zh-cn'
          ? /\/\/ mp-privacy: 已移除跳转到 pages\/login\/login/
          : /\/\/ mp-privacy: removed the redirect to pages\/login\/login/,
      );
      const wxml = after[`${CHECKOUT}.wxml`];
      assert.match(
        wxml,
        /<view class="mp-privacy-phone-purpose">[^<]*(used to|用于)[^<]*<\/view>\n {2}<button class="pay" open-type="getPhoneNumber" bindgetphonenumber="mpPrivacyCheckoutWithPhone">提交订单<\/button>/,
      );
      assert.equal(after[`${LOGIN}.wxml`], launchRedirect()[`${LOGIN}.wxml`], 'the login page itself stays');
    });
  }

  it("places the order from the phone callback's success path; a refusal stays on the page with a toast", async () => {
    // The login handler switches tab after storing the code: run before the order, it would race it.
    const { after } = checkFix(launchRedirect(), 'phone-on-entry', 'move-phone-to-checkout');
    const js = after[`${CHECKOUT}.js`];
    assert.doesNotMatch(js, /mp-privacy: moved from/, 'a handler that navigates is not copied to checkout');
    assert.match(js, /pages\/login\/login\.js onGetPhone navigates, which would race the order/);
    const run = runPageScript(js);
    const page = run.instance as PageInstance;
    await page.mpPrivacyCheckoutWithPhone({ detail: { code: 'CODE9' } });
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['requestPayment'],
      'shared: the order is placed, nothing navigates',
    );
    run.wxCalls.length = 0;
    await page.mpPrivacyCheckoutWithPhone({ detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['showToast'],
      'refused: no payment, a message',
    );
    // The project's UI is Chinese: so is the message.
    assert.deepEqual(JSON.parse(JSON.stringify(run.wxCalls[0].args)), [
      { title: '提供手机号后才能提交订单', icon: 'none' },
    ]);
  });

  it('runs a moved handler that does not navigate first, and pays once it has finished', async () => {
    const files = launchRedirect();
    files[`${LOGIN}.js`] = files[`${LOGIN}.js`].replace("\n      wx.switchTab({ url: '/pages/index/index' });", '');
    const { after } = checkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    const js = after[`${CHECKOUT}.js`];
    assert.match(js, /mp-privacy: moved from pages\/login\/login\.js/);
    const run = runPageScript(js);
    const page = run.instance as PageInstance;
    await page.mpPrivacyCheckoutWithPhone({ detail: { code: 'CODE9' } });
    // onGetPhone here is the checkout page's own method name: the login handler is copied under a new name.
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['setStorageSync', 'requestPayment'],
    );
    assert.deepEqual(run.wxCalls[0].args, ['phoneCode', 'CODE9']);
    run.wxCalls.length = 0;
    await page.mpPrivacyCheckoutWithPhone({ detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['showToast'],
      'a refusal neither runs the handler nor pays',
    );
  });

  it('keeps a brace-less if valid when the redirect was its whole body', () => {
    const files = {
      ...launchRedirect(),
      'app.js':
        "App({\n  onLaunch() {\n    if (!wx.getStorageSync('token')) wx.reLaunch({ url: '/pages/login/login' });\n  },\n});\n",
    };
    const { after } = checkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    assert.match(
      after['app.js'],
      /if \(!wx\.getStorageSync\('token'\)\) \{ \/\* mp-privacy: removed the redirect to pages\/login\/login; [^*]*\*\/ \}/,
    );
  });

  it('makes a content page the entry when pages[0] is the phone wall', () => {
    const files = {
      ...appJson([LOGIN, INDEX, CHECKOUT]),
      ...phoneOnlyPage(LOGIN),
      ...contentPage(INDEX),
      ...checkoutPage(CHECKOUT),
    };
    const { after } = checkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    assert.deepEqual(JSON.parse(after['app.json']).pages, [INDEX, LOGIN, CHECKOUT]);
  });

  it('changes entryPagePath when that is what names the wall', () => {
    const files = {
      ...appJson([INDEX, LOGIN, CHECKOUT], { entryPagePath: LOGIN }),
      ...phoneOnlyPage(LOGIN),
      ...contentPage(INDEX),
      ...checkoutPage(CHECKOUT),
    };
    const { after } = checkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    assert.equal(JSON.parse(after['app.json']).entryPagePath, INDEX);
  });

  it('turns a "see more" phone button back into a plain tap and a <view> checkout into a button', () => {
    const files = {
      ...appJson([INDEX, CHECKOUT]),
      ...page(
        INDEX,
        '<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="more">查看更多</button>\n</view>',
        'Page({ more(e) { this.setData({ more: true }); } })',
      ),
      ...checkoutPage(CHECKOUT, '', 'view'),
    };
    const { after } = checkFix(files, 'phone-while-browsing', 'move-phone-to-checkout');
    assert.match(after[`${INDEX}.wxml`], /<button bindtap="more">查看更多<\/button>/);
    assert.match(
      after[`${CHECKOUT}.wxml`],
      /<button class="pay mp-privacy-button-reset" open-type="getPhoneNumber" bindgetphonenumber="mpPrivacyCheckoutWithPhone">提交订单<\/button>/,
    );
    assert.match(after[`${CHECKOUT}.wxss`], /\.mp-privacy-button-reset::after \{ border: none; \}/);
  });

  it('removes a full-screen phone overlay from a browsing page', () => {
    const files = {
      ...appJson([INDEX, 'pages/detail/detail', CHECKOUT]),
      ...contentPage(INDEX),
      ...page(
        'pages/detail/detail',
        '<view>\n  <rich-text nodes="{{body}}"></rich-text>\n  <button class="cover" open-type="getPhoneNumber" bindgetphonenumber="onPhone"></button>\n</view>',
        'Page({ onPhone(e) {} })',
        '.cover { position: fixed; inset: 0; opacity: 0; }',
      ),
      ...checkoutPage(CHECKOUT),
    };
    const { after } = checkFix(files, 'phone-while-browsing', 'move-phone-to-checkout');
    assert.doesNotMatch(after['pages/detail/detail.wxml'], /getPhoneNumber/);
    assert.match(after['pages/detail/detail.wxml'], /<rich-text/);
  });

  it('is not offered without a checkout step, and the finding says what to do instead', () => {
    const files = { ...appJson([LOGIN, INDEX]), ...phoneOnlyPage(LOGIN), ...contentPage(INDEX) };
    const finding = lintFiles(files).find((f) => f.ruleId === 'phone-on-entry');
    assert.ok(finding);
    assert.deepEqual(
      finding.fixes.filter((f) => f.kind !== 'suppress-with-reason'),
      [],
    );
    assert.match(finding.fixUnavailable?.en ?? '', /no checkout step/);
    assert.match(finding.fixUnavailable?.['zh-cn'] ?? '', /没有找到结算环节/);
  });
});
