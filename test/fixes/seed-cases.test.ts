import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine';
import { checkFix, runPageScript } from '../helpers/fix-checks';
import { lintFiles, relativePath } from '../helpers/virtual-project';
import type { ProjectFiles } from '../helpers/virtual-project';

/**
 * The three cases the project started from, on a small tea shop written for this test: the launch sends
 * everyone to a phone-only login page (entry wall), a browsing page asks for the number before the menu
 * shows (browsing wall), and the order page asks for it without saying why (checkout without purpose). Each
 * offers its named fix; once applied (checkFix runs verifyFix, the engine's fix contract), the project lints
 * clean but for the info that the purpose is still to be written.
 */

const MENU = 'pages/menu/menu';
const LOGIN = 'pages/login/login';
const SHOP = 'pages/shop/shop';
const ORDER = 'pages/order/order';

const ORDER_WXML = (phone = '') =>
  `<view class="order">\n  <view class="line" wx:for="{{cart}}" wx:key="id">{{item.name}} ×{{item.count}}</view>\n  <text class="total">合计 ¥{{total}}</text>\n${phone}  <button class="submit" type="primary" bindtap="placeOrder">提交订单</button>\n</view>\n`;
const ORDER_JS = `Page({\n  data: { cart: [], total: 0 },\n\n  onPhone(e) {\n    this.setData({ phoneCode: e.detail.code });\n  },\n\n  placeOrder() {\n    wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'MD5', paySign: '' });\n  },\n});\n`;

/** A tea shop with a menu, a shop page and an order step, its privacy authorization handled in app.js. */
function teaShop(extra: { appJs?: string; pages?: string[]; files?: ProjectFiles } = {}): ProjectFiles {
  const pages = extra.pages ?? [MENU, SHOP, ORDER];
  return {
    'app.json': JSON.stringify({ pages, window: { navigationBarTitleText: '山茶小铺' } }, null, 2),
    'app.js':
      extra.appJs ??
      `App({\n  onLaunch() {\n    wx.onNeedPrivacyAuthorization((resolve) => {\n      this.resolvePrivacy = resolve;\n    });\n  },\n});\n`,
    [`${MENU}.wxml`]: `<view class="menu">\n  <view class="tea" wx:for="{{teas}}" wx:key="id" bindtap="addToCart" data-id="{{item.id}}">{{item.name}} ¥{{item.price}}</view>\n  <navigator url="/${ORDER}">去结算</navigator>\n</view>\n`,
    [`${MENU}.js`]: `Page({\n  data: { teas: [] },\n\n  addToCart(e) {\n    const cart = wx.getStorageSync('cart') || [];\n    cart.push(e.currentTarget.dataset.id);\n    wx.setStorageSync('cart', cart);\n  },\n});\n`,
    [`${SHOP}.wxml`]: `<view class="shop">\n  <text class="name">山茶小铺</text>\n  <text class="hours">营业时间 9:00-21:00</text>\n  <navigator url="/${MENU}">查看菜单</navigator>\n</view>\n`,
    [`${SHOP}.js`]: `Page({\n  data: {},\n});\n`,
    [`${ORDER}.wxml`]: ORDER_WXML(),
    [`${ORDER}.js`]: ORDER_JS,
    ...extra.files,
  };
}

const describeFinding = (f: Finding) => `${f.severity} ${f.ruleId} ${relativePath(f.range.file)} ${f.message.en}`;
const placeholderInfo = (f: Finding) => f.severity === 'info' && /^Write the \w+ here/.test(f.message.en);

/** The one finding of the case, its named fix offered; the fixed project has only placeholder infos left. */
function resolveCase(files: ProjectFiles, ruleId: string, fixKind: string, fixTitle: string): ProjectFiles {
  const before = lintFiles(files);
  assert.deepEqual(
    before.map(describeFinding).filter((f) => !f.includes(` ${ruleId} `)),
    [],
    'the case has no other finding',
  );
  const finding = before.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} is reported`);
  const fix = finding.fixes.find((x) => x.kind === fixKind);
  assert.ok(fix, `${fixKind} is offered; offered: ${finding.fixes.map((x) => x.kind).join(', ')}`);
  assert.equal(fix.title.en, fixTitle);
  const { after } = checkFix(files, ruleId, fixKind);
  const left = lintFiles(after);
  assert.deepEqual(left.filter((f) => !placeholderInfo(f)).map(describeFinding), [], 'the fixed project lints clean');
  assert.ok(left.some(placeholderInfo), 'the purpose left to write is said');
  return after;
}

describe("the seed's three cases, fixed", () => {
  it('entry wall: the launch redirects to a phone-only login page; the request moves behind the order button', async () => {
    const files = teaShop({
      pages: [MENU, LOGIN, SHOP, ORDER],
      // The seed's entry wall: every launch goes to the login page, whose only action asks for the number.
      appJs: `App({\n  onLaunch() {\n    wx.onNeedPrivacyAuthorization((resolve) => {\n      this.resolvePrivacy = resolve;\n    });\n    wx.reLaunch({ url: '/${LOGIN}' });\n  },\n});\n`,
      files: {
        [`${LOGIN}.wxml`]: `<view class="login">\n  <text>欢迎来到山茶小铺</text>\n  <button type="primary" open-type="getPhoneNumber" bindgetphonenumber="onPhoneLogin">手机号一键登录</button>\n</view>\n`,
        [`${LOGIN}.js`]: `Page({\n  onPhoneLogin(e) {\n    if (!e.detail.code) return;\n    wx.setStorageSync('token', e.detail.code);\n    wx.reLaunch({ url: '/${MENU}' });\n  },\n});\n`,
      },
    });
    const after = resolveCase(
      files,
      'phone-on-entry',
      'move-phone-to-checkout',
      'Move getPhoneNumber behind the checkout button',
    );
    assert.doesNotMatch(after['app.js'], /wx\.reLaunch/, 'nothing sends the user to the login page at launch');
    assert.equal(after[`${LOGIN}.js`], files[`${LOGIN}.js`], 'the login page is left as it was');
    const run = runPageScript(after[`${ORDER}.js`]);
    const pay = run.instance.mpPrivacyCheckoutWithPhone as (e: unknown) => Promise<void>;
    await pay.call(run.instance, { detail: { code: 'C1' } });
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['requestPayment'],
      'shared: the order is paid, and the login handler (it navigates) does not race it',
    );
    run.wxCalls.length = 0;
    await pay.call(run.instance, { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    assert.deepEqual(
      run.wxCalls.map((c) => c.api),
      ['showToast'],
      'refused: the user stays on the order page',
    );
  });

  it('browsing wall: the shop page asks for the number before anything else; the request moves to the order', () => {
    const files = teaShop({
      files: {
        // A "see more" that asks for the number first: browsing the menu is held behind the phone request.
        [`${SHOP}.wxml`]: `<view class="shop">\n  <text class="name">山茶小铺</text>\n  <text class="hours">营业时间 9:00-21:00</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onMore">查看更多</button>\n</view>\n`,
        [`${SHOP}.js`]: `Page({\n  onMore(e) {\n    wx.navigateTo({ url: '/${MENU}' });\n  },\n});\n`,
      },
    });
    const after = resolveCase(
      files,
      'phone-while-browsing',
      'move-phone-to-checkout',
      'Move getPhoneNumber behind the checkout button',
    );
    assert.match(after[`${SHOP}.wxml`], /<button bindtap="onMore">查看更多<\/button>/, '"see more" just shows more');
    assert.match(after[`${ORDER}.wxml`], /open-type="getPhoneNumber"/, 'the order button asks');
  });

  it('checkout without purpose: the order page asks without saying why; a dialog says why first', () => {
    const files = teaShop({
      files: {
        [`${ORDER}.wxml`]: ORDER_WXML(
          `  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">填写手机号</button>\n`,
        ),
      },
    });
    const after = resolveCase(
      files,
      'phone-purpose-at-checkout',
      'add-purpose-modal',
      'Add a purpose-explanation modal',
    );
    assert.match(after[`${ORDER}.wxml`], /为什么需要你的手机号/, "the dialog in the shop's language");
  });
});
