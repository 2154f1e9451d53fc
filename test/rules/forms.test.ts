import { runRuleTestsInForms } from '../helpers/rule-tester';
import type { ProjectSpec, UnitSpec } from '../helpers/forms';

/**
 * Each rule's cases written once and run in the three forms mp-privacy reads: native, uni-app and Taro
 * (test/helpers/forms.ts renders them). The native-only cases of each rule stay in its own test file.
 */

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const LOGIN = 'pages/login/login';
const CHECKOUT = 'pages/checkout/checkout';

const content: UnitSpec = {
  template: '<view class="list">\n  <view class="item" wx:for="{{items}}">\n    <navigator url="/pages/stores/stores">{{item.title}}</navigator>\n  </view>\n</view>',
};
const tapPage = (body: string, label = '附近门店'): UnitSpec => ({ template: `<view>\n  <text>门店列表</text>\n  <button bindtap="locate">${label}</button>\n</view>`, methods: { locate: body } });
const withStores = (stores: UnitSpec, settings?: Record<string, unknown>): ProjectSpec => ({ pages: { [INDEX]: content, [STORES]: stores }, settings });
const phoneWall: UnitSpec = {
  template: '<view class="login">\n  <text>欢迎使用</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">手机号快捷登录</button>\n</view>',
  methods: { onGetPhone: "wx.setStorageSync('phoneCode', e.detail.code);" },
};

runRuleTestsInForms('undeclared-private-info', {
  valid: [{ name: 'getLocation declared', project: withStores(tapPage('wx.getLocation({ type: "gcj02" });'), { requiredPrivateInfos: ['getLocation'] }) }],
  invalid: [
    { name: 'not declared', project: withStores(tapPage('wx.getLocation({ type: "gcj02" });')), errors: [{ page: STORES, part: 'script', at: 'wx.getLocation(' }] },
    { name: 'one of two declared', project: withStores(tapPage('wx.chooseLocation({});\nwx.chooseAddress({});'), { requiredPrivateInfos: ['chooseLocation'] }), errors: [{ page: STORES, part: 'script', at: 'wx.chooseAddress(' }] },
  ],
});

runRuleTestsInForms('unused-private-info-declaration', {
  valid: [{ name: 'declared and called', project: withStores(tapPage('wx.chooseAddress({});'), { requiredPrivateInfos: ['chooseAddress'] }) }],
  invalid: [{ name: 'declared, never called', project: withStores(tapPage('wx.showToast({ title: "ok" });'), { requiredPrivateInfos: ['chooseAddress'] }), errors: [{ part: 'settings', at: '"chooseAddress"' }] }],
});

runRuleTestsInForms('conflicting-location-declarations', {
  valid: [{ name: 'only precise APIs', project: withStores(tapPage('wx.getLocation({});'), { requiredPrivateInfos: ['getLocation', 'chooseLocation'] }) }],
  invalid: [{ name: 'fuzzy and precise together', project: withStores(tapPage('wx.getLocation({});'), { requiredPrivateInfos: ['getLocation', 'getFuzzyLocation'] }), errors: [{ part: 'settings', at: '"getFuzzyLocation"' }] }],
});

const located = (permission?: Record<string, unknown>) => withStores(tapPage('wx.getLocation({ type: "gcj02" });'), { requiredPrivateInfos: ['getLocation'], ...(permission ? { permission } : {}) });
runRuleTestsInForms('location-purpose', {
  valid: [{ name: 'purpose stated', project: located({ 'scope.userLocation': { desc: '用于为你推荐附近的门店' } }) }],
  invalid: [
    { name: 'no permission purpose', project: located(), errors: [{ page: STORES, part: 'script', at: 'wx.getLocation(' }] },
    { name: 'placeholder purpose', project: located({ 'scope.userLocation': { desc: '测试' } }), errors: [{ part: 'settings', at: '"测试"', severity: 'warning' }] },
  ],
});

runRuleTestsInForms('privacy-api-without-user-action', {
  valid: [{ name: 'location asked from a tap', project: withStores(tapPage('wx.getLocation({});'), { requiredPrivateInfos: ['getLocation'] }) }],
  invalid: [
    {
      name: 'the entry page asks for the location when it loads',
      project: { pages: { [INDEX]: { ...content, lifecycles: { onLoad: 'wx.getLocation({ success: (res) => console.log(res) });' } } }, settings: { requiredPrivateInfos: ['getLocation'] } },
      errors: [{ page: INDEX, part: 'script', at: 'wx.getLocation(', severity: 'warning' }],
    },
    {
      name: 'a page method called from onShow',
      project: withStores({ ...tapPage('this.pickPhoto();'), lifecycles: { onShow: 'this.pickPhoto();' }, methods: { locate: 'this.pickPhoto();', pickPhoto: 'wx.chooseImage({ count: 1 });' } }),
      errors: [{ page: STORES, part: 'script', at: 'this.pickPhoto(', severity: 'info' }],
    },
  ],
});

runRuleTestsInForms('open-setting-without-tap', {
  valid: [
    { name: 'settings opened from a tap', project: withStores(tapPage('wx.openSetting({});', '打开设置')) },
    {
      name: 'settings opened from the confirm of a dialog shown on load (the user taps the dialog)',
      project: withStores({ ...content, lifecycles: { onLoad: "wx.showModal({\n  content: '需要位置权限',\n  success: (res) => {\n    if (res.confirm) wx.openSetting({});\n  },\n});" } }),
    },
  ],
  invalid: [{ name: 'settings opened when the page shows', project: withStores({ ...content, lifecycles: { onShow: 'wx.openSetting({});' } }), errors: [{ page: STORES, part: 'script', at: 'wx.openSetting(' }] }],
});

runRuleTestsInForms('clipboard-without-user-action', {
  valid: [{ name: 'paste on a tap', project: withStores(tapPage('wx.getClipboardData({ success: (res) => console.log(res.data) });', '粘贴')) }],
  invalid: [{ name: 'clipboard read when the page shows', project: withStores({ ...content, lifecycles: { onShow: 'wx.getClipboardData({ success: (res) => console.log(res.data) });' } }), errors: [{ page: STORES, part: 'script', at: 'wx.getClipboardData(' }] }],
});

runRuleTestsInForms('subscribe-message-without-tap', {
  valid: [{ name: 'subscribed first thing in the tap', project: withStores(tapPage("wx.requestSubscribeMessage({ tmplIds: ['T1'] });\nwx.request({ url: 'https://api.example.com/subscribe' });", '订阅')) }],
  invalid: [
    {
      name: 'subscribed after a request came back',
      project: withStores(tapPage("wx.request({\n  url: 'https://api.example.com/order',\n  success: () => {\n    wx.requestSubscribeMessage({ tmplIds: ['T1'] });\n  },\n});", '下单')),
      errors: [{ page: STORES, part: 'script', at: 'wx.requestSubscribeMessage(' }],
    },
  ],
});

runRuleTestsInForms('deprecated-user-info-api', {
  valid: [{ name: 'avatar fill-in', project: withStores({ template: '<view>\n  <button open-type="chooseAvatar" bindchooseavatar="onAvatar">头像</button>\n</view>', methods: { onAvatar: 'console.log(e.detail.avatarUrl);' } }) }],
  invalid: [
    { name: 'getUserProfile in a tap', project: withStores(tapPage("wx.getUserProfile({ desc: '用于完善会员资料' });", '微信登录')), errors: [{ page: STORES, part: 'script', at: 'wx.getUserProfile(' }] },
    { name: 'a getUserInfo button', project: withStores({ template: '<view>\n  <button open-type="getUserInfo" bindgetuserinfo="onInfo">授权</button>\n</view>', methods: { onInfo: 'console.log(e.detail);' } }), errors: [{ page: STORES, part: 'template', at: '<button' }] },
  ],
});

runRuleTestsInForms('privacy-authorization-flow', {
  valid: [
    {
      name: 'an agree button handles consent',
      project: withStores({ template: '<view>\n  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>\n  <button bindtap="locate">定位</button>\n</view>', methods: { onAgree: 'console.log("agreed");', locate: 'wx.getLocation({});' } }, { requiredPrivateInfos: ['getLocation'] }),
    },
  ],
  invalid: [
    { name: 'privacy interfaces without a consent flow', project: withStores(tapPage('wx.chooseImage({ count: 1 });', '上传照片')), errors: [{ part: 'pages', at: '"pages"', severity: 'info' }] },
    {
      name: 'the obsolete __usePrivacyCheck__ switch',
      project: withStores({ template: '<view>\n  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>\n</view>', methods: { onAgree: 'console.log("agreed");' } }, { __usePrivacyCheck__: true }),
      errors: [{ part: 'settings', at: '"__usePrivacyCheck__"', severity: 'info' }],
    },
  ],
});

runRuleTestsInForms('personal-data-storage', {
  valid: [{ name: 'a one-time code', project: withStores(phoneWall) }],
  invalid: [{ name: 'a phone number kept in storage', project: withStores(tapPage("wx.setStorageSync('phone', '13800000000');", '保存')), errors: [{ page: STORES, part: 'script', at: 'wx.setStorageSync(' }] }],
});

runRuleTestsInForms('phone-on-entry', {
  valid: [{ name: 'a phone login page reached from the content', project: { pages: { [INDEX]: { template: '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>' }, [LOGIN]: phoneWall } } }],
  invalid: [
    { name: 'the entry page is a phone wall', project: { pages: { [LOGIN]: phoneWall, [INDEX]: content } }, errors: [{ page: LOGIN, part: 'template', at: '<button' }] },
    { name: 'launch code sends users to a phone wall', project: { pages: { [INDEX]: content, [LOGIN]: phoneWall }, onLaunch: "wx.reLaunch({ url: '/pages/login/login' });" }, errors: [{ part: 'app', at: 'wx.reLaunch(' }] },
    {
      name: 'the entry page shows only a login card component',
      project: { pages: { [INDEX]: { template: '<view>\n  <login-card></login-card>\n</view>' }, [STORES]: content }, components: { 'login-card': phoneWall } },
      errors: [{ component: 'login-card', part: 'template', at: '<button' }],
    },
  ],
});

const checkout = (phoneMarkup: string): UnitSpec => ({
  template: `<view class="checkout">\n  <text>订单金额</text>\n  ${phoneMarkup}\n  <button class="pay" bindtap="submitOrder">提交订单</button>\n</view>`,
  methods: { onGetPhone: 'console.log(e.detail.code);', submitOrder: "wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });" },
});
runRuleTestsInForms('phone-purpose-at-checkout', {
  valid: [{ name: 'purpose stated next to the button', project: { pages: { [INDEX]: content, [CHECKOUT]: checkout('<view>\n    <text>手机号仅用于配送时联系您</text>\n    <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>\n  </view>') } } }],
  invalid: [{ name: 'a bare phone button at checkout', project: { pages: { [INDEX]: content, [CHECKOUT]: checkout('<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>') } }, errors: [{ page: CHECKOUT, part: 'template', at: '<button' }] }],
});

runRuleTestsInForms('user-info-wall', {
  valid: [{ name: 'a profile button behind a link', project: { pages: { [INDEX]: { template: '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>' }, [LOGIN]: tapPage("wx.getUserProfile({ desc: '用于完善会员资料' });", '微信授权登录') } } }],
  invalid: [{ name: 'the entry page is a profile wall', project: { pages: { [LOGIN]: { template: '<view>\n  <text>欢迎</text>\n  <button bindtap="login">微信授权登录</button>\n</view>', methods: { login: "wx.getUserProfile({ desc: '用于完善会员资料' });" } }, [INDEX]: content } }, errors: [{ page: LOGIN, part: 'template', at: '<button' }] }],
});

runRuleTestsInForms('report-submit-formid', {
  valid: [{ name: 'a plain form', project: withStores({ template: '<form bindsubmit="onSubmit">\n  <button form-type="submit">提交</button>\n</form>', methods: { onSubmit: 'console.log(e.detail.value);' } }) }],
  invalid: [{ name: 'a leftover report-submit', project: withStores({ template: '<form report-submit="true" bindsubmit="onSubmit">\n  <button form-type="submit">提交</button>\n</form>', methods: { onSubmit: 'console.log(e.detail.value);' } }), errors: [{ page: STORES, part: 'template', at: 'report-submit', severity: 'info' }] }],
});
