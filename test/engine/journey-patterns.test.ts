/**
 * Real-world patterns the journey model decides (data that gates the template, roots shared by several
 * pages, wrappers and class inheritance, definitions made through a framework's wrapper), each as a minimal
 * project written for this test: the compliant look-alike stays quiet, the violation is found at its root.
 */
import { runRuleTests } from '../helpers/rule-tester';
import { appJson, checkoutPage, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const HOME = 'pages/home/home';
const MORE = 'pages/more/more';
const ORDER = 'pages/order/order';
const tabs = (pages: string[], extra: Record<string, unknown> = {}) =>
  appJson(pages, { tabBar: { list: pages.map((pagePath) => ({ pagePath, text: pagePath })) }, ...extra });

/** A page whose only button opens a popup that asks for the phone number (with a cancel that closes it). */
const authorizePage = (route: string) =>
  page(
    route,
    '<view class="tip">点击下方按钮开始授权</view>\n<button bindtap="open">授权</button>\n<view class="popup" wx:if="{{popup}}">\n  <button bindtap="close">取消</button>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">确认授权</button>\n</view>',
    'Page({ data: { popup: false }, open() { this.setData({ popup: true }); }, close() { this.setData({ popup: false }); }, onPhone(e) {} })',
  );

runRuleTests('phone-on-entry', {
  valid: [
    {
      name: 'entry tab whose only button opens a phone popup, while another tab lets the user browse',
      files: { ...tabs([HOME, MORE]), ...authorizePage(HOME), ...page(MORE, '<view>更多内容</view>', 'Page({})') },
    },
    {
      name: 'entry page whose phone popup nothing ever opens (its flag is never set)',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view class="popup" hidden="{{!showPhone}}">\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权</button>\n</view>',
          'Page({ data: { showPhone: false }, onHide() { this.setData({ showPhone: false }); }, onPhone(e) {} })',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'entry page whose content is shown only after the phone authorization',
      files: {
        ...appJson([INDEX, MORE]),
        ...page(
          INDEX,
          '<view wx:if="{{hasPhone}}">\n  <view wx:for="{{items}}" wx:key="id">{{item.title}}</view>\n  <navigator url="/pages/more/more">更多</navigator>\n</view>\n<view wx:else>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">查看内容</button>\n</view>',
          'Page({ data: { hasPhone: false, items: [] }, onPhone(e) { this.setData({ hasPhone: true }); } })',
        ),
        ...contentPage(MORE),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">' }],
    },
  ],
});

runRuleTests('phone-purpose-at-checkout', {
  valid: [
    {
      name: 'a phone button that fills the order form phone field beside manual input',
      files: {
        ...appJson([ORDER]),
        ...checkoutPage(
          ORDER,
          '<input type="number" value="{{phone}}" placeholder="手机号" /><button open-type="getPhoneNumber" bindgetphonenumber="fillPhone">使用微信手机号</button>',
        ),
        [`${ORDER}.js`]:
          "Page({\n  data: { phone: '' },\n  fillPhone(e) {\n    wx.request({ url: 'https://api.shop.com/phone', data: { code: e.detail.code }, success: (res) => this.setData({ phone: res.data.phone }) });\n  },\n  submitOrder() { wx.requestPayment({}); },\n});\n",
      },
    },
    {
      name: 'a checkout phone popup that nothing opens (its flag starts false and is only ever set false)',
      files: {
        ...appJson([ORDER]),
        ...checkoutPage(
          ORDER,
          '<view hidden="{{!phonePopup}}"><button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">授权</button></view>',
        ),
        [`${ORDER}.js`]:
          'Page({\n  data: { phonePopup: false },\n  onHide() { this.setData({ phonePopup: false }); },\n  onGetPhone(e) {},\n  submitOrder() { wx.requestPayment({}); },\n});\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the same checkout phone popup, opened by a tap',
      files: {
        ...appJson([ORDER]),
        ...checkoutPage(
          ORDER,
          '<view hidden="{{!phonePopup}}"><button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">授权</button></view><button bindtap="ask">联系方式</button>',
        ),
        [`${ORDER}.js`]:
          'Page({\n  data: { phonePopup: false },\n  ask() { this.setData({ phonePopup: true }); },\n  onGetPhone(e) {},\n  submitOrder() { wx.requestPayment({}); },\n});\n',
      },
      errors: [{ file: `${ORDER}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">' }],
    },
  ],
});

const LOGIN_HELPER = `App({\n  onLaunch() {},\n  checkSession() {\n    if (!wx.getStorageSync('token')) this.loginIn();\n  },\n  loginIn() {\n    wx.getLocation({ type: 'gcj02' });\n    wx.login({ success: (res) => wx.request({ url: 'https://api.shop.com/login', data: { code: res.code } }) });\n  },\n});\n`;
const sessionPage = (route: string) =>
  page(
    route,
    '<view wx:for="{{items}}" wx:key="id">{{item.title}}</view>',
    'const app = getApp();\nPage({ onLoad() { app.checkSession(); } })',
  );

runRuleTests('privacy-api-without-user-action', {
  valid: [
    {
      name: 'a promisified wrapper of wx.getLocation that nothing calls',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }),
        ...contentPage(INDEX),
        'utils/api.js':
          "import promisify from './promisify';\nexport default { getLocation: promisify(wx.getLocation) };\n",
        'utils/promisify.js':
          'export default (fn) => (o) => new Promise((resolve, reject) => fn({ ...o, success: resolve, fail: reject }));\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a login helper that every page calls on load asks for location: one finding at the helper',
      files: {
        ...appJson([INDEX, HOME, MORE], { requiredPrivateInfos: ['getLocation'] }),
        'app.js': LOGIN_HELPER,
        ...sessionPage(INDEX),
        ...sessionPage(HOME),
        ...sessionPage(MORE),
      },
      errors: [{ file: 'app.js', at: "wx.getLocation({ type: 'gcj02' })", severity: 'warning' }],
    },
    {
      name: 'a page onLoad asks a service for location info: inherited method, promisified API, reported at the page',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }),
        ...page(
          INDEX,
          '<view wx:for="{{items}}" wx:key="id">{{item.title}}</view>',
          "import HomeService from './home-service';\nconst service = new HomeService();\nPage({ onLoad() { service.getLocationInfo(); } })",
        ),
        [`pages/index/home-service.js`]:
          "import BaseService from '../../services/base-service';\nclass HomeService extends BaseService {\n  list() { return this.get('/list'); }\n}\nexport default HomeService;\n",
        'services/base-service.js':
          "import Base from './base';\nclass BaseService extends Base {\n  async getLocationInfo() {\n    const { latitude, longitude } = await this.getLocation();\n    return { latitude, longitude };\n  }\n}\nexport default BaseService;\n",
        'services/base.js':
          "import api from './api';\nclass Base {\n  get(url) { return api.request({ url }); }\n  getLocation() { return api.getLocation({ type: 'gcj02' }); }\n}\nexport default Base;\n",
        'services/api.js':
          "import promisify from './promisify';\nexport default { request: promisify(wx.request), getLocation: promisify(wx.getLocation) };\n",
        'services/promisify.js':
          'export default (fn) => (o) => new Promise((resolve, reject) => fn({ ...o, success: resolve, fail: reject }));\n',
      },
      errors: [{ file: `${INDEX}.js`, at: 'service.getLocationInfo()', severity: 'warning' }],
    },
  ],
});

runRuleTests('clipboard-without-user-action', {
  valid: [],
  invalid: [
    {
      name: 'a helper imported by a bare path (relative to the importing file, as the runtime resolves it)',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          "const paste = require('utils/paste.js');\nPage({ onShow() { paste.read(); } })",
        ),
        'pages/index/utils/paste.js': 'exports.read = function () { wx.getClipboardData({}); };',
      },
      errors: [{ file: `${INDEX}.js`, at: 'paste.read()' }],
    },
    {
      name: 'a helper imported through an app.json resolveAlias',
      files: {
        ...appJson([INDEX], { resolveAlias: { '@utils/*': 'common/utils/*' } }),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          "const paste = require('@utils/paste');\nPage({ onShow() { paste.read(); } })",
        ),
        'common/utils/paste.js': 'exports.read = function () { wx.getClipboardData({}); };',
      },
      errors: [{ file: `${INDEX}.js`, at: 'paste.read()' }],
    },
  ],
});

/** A minified analytics SDK in the UMD shape: its factory runs when the module is loaded. */
const UMD_SDK = (factoryBody: string) =>
  `!function(n,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():n.Stat=t()}(this,function(){${factoryBody}});\n`;

runRuleTests('privacy-api-without-user-action', {
  valid: [
    {
      name: 'an SDK required by app.js that only defines a location function, called later from a tap',
      files: {
        ...appJson([INDEX]),
        'app.js': "const stat = require('./utils/stat.js');\nApp({});\n",
        'utils/stat.js': UMD_SDK('function e(){wx.getLocation({type:"wgs84"})}return{locate:e}'),
        ...contentPage(INDEX),
      },
    },
  ],
  invalid: [
    {
      name: 'an SDK required on the first line of app.js asks for the location when it is loaded',
      files: {
        ...appJson([INDEX]),
        'app.js': "const stat = require('./utils/stat.js');\nApp({ onLaunch() {} });\n",
        'utils/stat.js': UMD_SDK(
          'var o={};wx.getSetting({success:function(n){n.authSetting["scope.userLocation"]&&wx.getLocation({type:"wgs84",success:function(n){o.lat=n.latitude}})}});return o',
        ),
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.js', at: "require('./utils/stat.js')", severity: 'warning' }],
    },
  ],
});

runRuleTests('deprecated-user-info-api', {
  valid: [
    {
      name: 'a promisified wrapper of wx.getUserProfile that nothing calls',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX),
        'utils/api.js':
          'const promisify = (fn) => (o) => new Promise((ok) => fn({ ...o, success: ok }));\nmodule.exports = { getUserProfile: promisify(wx.getUserProfile) };\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the same wrapper called from a tap: reported where it is called',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><button bindtap="login">登录</button>',
          "const api = require('../../utils/api');\nPage({ login() { api.getUserProfile({ desc: '完善资料' }); } })",
        ),
        'utils/api.js':
          'const promisify = (fn) => (o) => new Promise((ok) => fn({ ...o, success: ok }));\nmodule.exports = { getUserProfile: promisify(wx.getUserProfile) };\n',
      },
      errors: [{ file: `${INDEX}.js`, at: 'api.getUserProfile(' }],
    },
    {
      name: 'a component defined through a wrapper function calls wx.getUserInfo when created',
      files: {
        ...appJson([INDEX], { usingComponents: { 'page-frame': '/components/frame/frame' } }),
        ...page(INDEX, '<page-frame><view wx:for="{{a}}">{{item}}</view></page-frame>', 'Page({})'),
        'components/frame/frame.wxml': '<view><slot></slot></view>',
        'components/frame/frame.js':
          "import { baseComponent } from '../../lib/component-base';\nbaseComponent({\n  data: { user: null },\n  created() {\n    wx.getUserInfo({ withCredentials: true, success: (res) => this.setData({ user: res.userInfo }) });\n  },\n});\n",
      },
      errors: [{ file: 'components/frame/frame.js', at: 'wx.getUserInfo(' }],
    },
  ],
});

const requestsPage = (js: string) => page(INDEX, '<view wx:for="{{a}}">{{item}}</view>', js);

runRuleTests('personal-data-third-party', {
  valid: [
    {
      name: 'a request that sends only an id and reads an address from the answer',
      files: {
        ...appJson([INDEX]),
        ...requestsPage(
          "Page({ onLoad(o) { wx.request({ url: 'https://partner.example.com/goods', data: { goods_id: o.id }, success: (res) => { const address = res.data.address; this.setData({ address }); } }); } })",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'coordinates sent to a map geocoder that is the host the project names most',
      files: {
        ...appJson([INDEX]),
        ...requestsPage(
          "Page({\n  a(l) { wx.request({ url: 'https://apis.map.qq.com/ws/geocoder/v1/', data: { location: l.latitude + ',' + l.longitude } }); },\n  b() { wx.request({ url: 'https://apis.map.qq.com/ws/district/v1/list' }); },\n  c() { wx.request({ url: BASE + '/orders' }); },\n});\n",
        ),
      },
      errors: [{ file: `${INDEX}.js`, at: "wx.request({ url: 'https://apis.map.qq.com/ws/geocoder" }],
    },
  ],
});

const LOGIN = 'pages/login/login';
const LIST = 'pages/list/list';
/** A request helper, as shops write them: every page loads its data through it. */
const httpHelper = (onAnswer: string) =>
  `function request(url) {\n  return new Promise((resolve) => {\n    wx.request({\n      url: 'https://api.shop.com' + url,\n      success(res) {\n${onAnswer}\n        resolve(res.data);\n      },\n    });\n  });\n}\nmodule.exports = { request };\n`;
const loadingPage = (route: string, hook = 'onLoad') =>
  page(
    route,
    '<view wx:for="{{items}}" wx:key="id">{{item.title}}</view>',
    `const http = require('../../utils/http');\nPage({ ${hook}() { http.request('/${route}').then((items) => this.setData({ items })); } })`,
  );

runRuleTests('phone-while-browsing', {
  valid: [
    {
      name: 'pages whose request helper asks before sending the user to the phone login page (the user chooses)',
      files: {
        ...appJson([INDEX, LIST, MORE, LOGIN]),
        ...contentPage(INDEX),
        ...loadingPage(LIST),
        ...loadingPage(MORE),
        ...phoneOnlyPage(LOGIN),
        'utils/http.js': httpHelper(
          "        if (res.statusCode === 401) wx.showModal({ title: '请先登录', success(r) { if (r.confirm) wx.navigateTo({ url: '/pages/login/login' }); } });",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a request helper that sends the user to a phone-only login page when a request answers 401: one warning at the helper',
      files: {
        ...appJson([INDEX, LIST, MORE, LOGIN]),
        ...contentPage(INDEX),
        ...loadingPage(LIST),
        ...loadingPage(MORE),
        ...phoneOnlyPage(LOGIN),
        'utils/http.js': httpHelper(
          "        if (res.statusCode === 401) wx.navigateTo({ url: '/pages/login/login' });",
        ),
      },
      errors: [{ file: 'utils/http.js', at: "wx.navigateTo({ url: '/pages/login/login' })", severity: 'warning' }],
    },
    {
      name: 'tabs whose onShow sends the user to the phone page when the server answers that they have no phone',
      files: {
        ...appJson([INDEX, LIST, MORE, LOGIN], {
          tabBar: { list: [INDEX, LIST, MORE].map((pagePath) => ({ pagePath, text: pagePath })) },
        }),
        ...contentPage(INDEX),
        ...loadingPage(LIST, 'onShow'),
        ...loadingPage(MORE, 'onShow'),
        ...phoneOnlyPage(LOGIN),
        'utils/http.js': httpHelper("        if (!res.data.user.phone) wx.navigateTo({ url: '/pages/login/login' });"),
      },
      errors: [{ file: 'utils/http.js', at: "wx.navigateTo({ url: '/pages/login/login' })", severity: 'error' }],
    },
  ],
});

runRuleTests('open-setting-without-tap', {
  valid: [
    {
      name: 'wx.openSetting in the confirm of a dialog shown on load (the dialog button is the tap)',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          "Page({ onShow() { wx.showModal({ title: '需要定位权限', success: (res) => { if (res.confirm) wx.openSetting({}); } }); } })",
        ),
      },
    },
  ],
  invalid: [],
});

runRuleTests('subscribe-message-without-tap', {
  valid: [
    {
      name: 'a promise wrapper around requestSubscribeMessage called from a tap',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><button bindtap="notify">提醒我</button>',
          "import { subscribe } from '../../utils/subscribe';\nPage({ notify() { subscribe(['T1']).then(() => wx.showToast({ title: 'ok' })); } })",
        ),
        'utils/subscribe.js':
          'export function subscribe(ids) {\n  return new Promise((resolve, reject) => {\n    wx.requestSubscribeMessage({ tmplIds: ids, success: resolve, fail: reject });\n  });\n}\n',
      },
    },
    {
      name: "in the handler of a custom dialog's confirm event, which the dialog triggers from its button's tap",
      files: {
        ...appJson([INDEX], { usingComponents: { 'my-dialog': '/components/dialog/dialog' } }),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><my-dialog bind:confirm="onConfirm"></my-dialog>',
          "Page({ onConfirm() { wx.requestSubscribeMessage({ tmplIds: ['T1'] }); } })",
        ),
        'components/dialog/dialog.wxml':
          '<view class="dialog"><text>订阅发货提醒？</text><button bindtap="tapOk">好的</button></view>',
        'components/dialog/dialog.js': "Component({ methods: { tapOk() { this.triggerEvent('confirm'); } } })",
      },
    },
    {
      name: 'in a form bind:submit handler',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<form bind:submit="onSubmit"><input name="n" /><button form-type="submit">提交</button></form>',
          "Page({ onSubmit(e) { wx.requestSubscribeMessage({ tmplIds: ['T1'] }); } })",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'in the handler of a custom component event the component triggers when it is attached, not from a tap',
      files: {
        ...appJson([INDEX], { usingComponents: { 'my-dialog': '/components/dialog/dialog' } }),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><my-dialog bind:confirm="onConfirm"></my-dialog>',
          "Page({ onConfirm() { wx.requestSubscribeMessage({ tmplIds: ['T1'] }); } })",
        ),
        'components/dialog/dialog.wxml': '<view class="dialog"><text>订阅</text></view>',
        'components/dialog/dialog.js': "Component({ lifetimes: { attached() { this.triggerEvent('confirm'); } } })",
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.requestSubscribeMessage(' }],
    },
  ],
});

runRuleTests('location-purpose', {
  valid: [],
  invalid: [
    {
      name: 'the scope reaches wx.authorize through a component property that a page sets literally',
      files: {
        ...appJson([INDEX], {
          requiredPrivateInfos: ['chooseLocation'],
          permission: { 'scope.userLocation': { desc: '你的位置信息将用于小程序位置接口的效果展示' } },
        }),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><auth-button scope="scope.userLocation" bind:success="pick"></auth-button>',
          'Page({ pick() { wx.chooseLocation({}); } })',
        ),
        [`${INDEX}.json`]: '{ "usingComponents": { "auth-button": "/components/auth/auth" } }',
        'components/auth/auth.wxml': '<button bindtap="ask"><slot></slot></button>',
        'components/auth/auth.js':
          "Component({\n  properties: { scope: String },\n  methods: {\n    ask() {\n      const { scope } = this.properties;\n      wx.authorize({ scope, success: () => this.triggerEvent('success') });\n    },\n  },\n});\n",
      },
      errors: [{ file: 'app.json', at: '"你的位置信息将用于小程序位置接口的效果展示"', severity: 'warning' }],
    },
  ],
});
