import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const CAMERA = 'pages/scan/scan';
const popup = {
  'components/privacy/privacy.wxml': '<view wx:if="{{show}}"><button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="agree">同意</button></view>',
  'components/privacy/privacy.js': 'Component({ lifetimes: { attached() { wx.onNeedPrivacyAuthorization((resolve) => { this.resolve = resolve; this.setData({ show: true }); }); } }, methods: { agree() { this.resolve({ event: "agree" }); } } })',
};
const cameraPage = page(CAMERA, '<view><button bindtap="pick">选择照片</button></view>', 'Page({ pick() { wx.chooseMedia({ count: 1 }); } })');

runRuleTests('privacy-authorization-flow', {
  valid: [
    { name: 'no privacy interface used', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
    { name: 'a popup component mounted', files: { ...appJson([INDEX, CAMERA], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }), ...contentPage(INDEX), ...page(CAMERA, '<view><button bindtap="pick">选择照片</button><privacy-popup></privacy-popup></view>', 'Page({ pick() { wx.chooseMedia({}); } })'), ...popup } },
    { name: 'the phone button carries agreePrivacyAuthorization', files: { ...appJson([INDEX, 'pages/me/me']), ...contentPage(INDEX), ...page('pages/me/me', '<view><text>我的</text><button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="bind">绑定手机号</button></view>', 'Page({ bind(e) {} })') } },
    { name: 'wx.requirePrivacyAuthorize in app.js', files: { ...appJson([INDEX, CAMERA]), 'app.js': 'App({ onLaunch() { wx.requirePrivacyAuthorize({}); } })', ...contentPage(INDEX), ...cameraPage } },
  ],
  invalid: [
    { name: 'chooseMedia with no flow', files: { ...appJson([INDEX, CAMERA]), ...contentPage(INDEX), ...cameraPage }, errors: [{ file: 'app.json', at: '"pages"' }] },
    { name: 'a nickname input with no flow', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><input type="nickname" />', 'Page({})') }, errors: [{ file: 'app.json', at: '"pages"', severity: 'warning' }] },
    { name: 'obsolete __usePrivacyCheck__ and a camera tag', files: { 'app.json': JSON.stringify({ pages: [INDEX, CAMERA], __usePrivacyCheck__: true }, null, 2), ...contentPage(INDEX), ...page(CAMERA, '<camera device-position="back"></camera>', 'Page({})') }, errors: [{ file: 'app.json', at: '"pages"' }, { file: 'app.json', at: '"__usePrivacyCheck__": true' }] },
  ],
});

runRuleTests('privacy-popup-not-mounted', {
  valid: [
    { name: 'mounted where registered', files: { ...appJson([INDEX], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><privacy-popup />', 'Page({})'), ...popup } },
    { name: 'registered in a page json and mounted there', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><privacy-popup></privacy-popup>', 'Page({})'), [`${INDEX}.json`]: '{ "usingComponents": { "privacy-popup": "../../components/privacy/privacy" } }', ...popup } },
    { name: 'a component that is not a privacy popup', files: { ...appJson([INDEX], { usingComponents: { card: '/components/card/card' } }), ...contentPage(INDEX), 'components/card/card.wxml': '<view>card</view>', 'components/card/card.js': 'Component({})' } },
  ],
  invalid: [
    { name: 'registered globally, used nowhere', files: { ...appJson([INDEX], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }), ...contentPage(INDEX), ...popup }, errors: [{ file: 'app.json', at: '"privacy-popup": "/components/privacy/privacy"' }] },
    { name: 'registered in a page json, not in its template', files: { ...appJson([INDEX]), ...contentPage(INDEX), [`${INDEX}.json`]: '{ "usingComponents": { "privacy-dialog": "/components/privacy/privacy" } }', ...popup }, errors: [{ file: `${INDEX}.json`, at: '"privacy-dialog"' }] },
    { name: 'a popup that only listens (no agree button in its own template)', files: { ...appJson([INDEX], { usingComponents: { 'pp': '/components/pp/pp' } }), ...contentPage(INDEX), 'components/pp/pp.wxml': '<view>隐私</view>', 'components/pp/pp.js': 'Component({ lifetimes: { attached() { wx.onNeedPrivacyAuthorization(() => {}); } } })' }, errors: [{ file: 'app.json', at: '"pp"' }] },
  ],
});

runRuleTests('personal-data-storage', {
  valid: [
    { name: 'a token', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('token', 'x'); },") } },
    { name: 'a one-time phone code', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('phoneCode', 'x'); },") } },
    { name: 'reading storage', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.getStorageSync('phone'); },") } },
    { name: 'an id that points at an address kept on the server', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  pick(id) { wx.setStorageSync('addressId', id); },") } },
  ],
  invalid: [
    { name: 'the phone number', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('userPhone', this.data.phone); },") }, errors: [{ file: `${INDEX}.js`, at: 'wx.setStorageSync(' }] },
    { name: 'a location with setStorage', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorage({ key: 'lastLocation', data: {} }); },") }, errors: [{ file: `${INDEX}.js`, at: 'wx.setStorage(' }] },
    { name: 'an ID card number', files: { ...appJson([INDEX]), ...contentPage(INDEX, "  save(v) { wx.setStorageSync('idCard', v); },") }, errors: [{ file: `${INDEX}.js`, at: 'wx.setStorageSync(' }] },
  ],
});

const requests = (extra: string) => contentPage(INDEX, `  load() { wx.request({ url: 'https://api.shop.com/a' }); wx.request({ url: 'https://api.shop.com/b' }); },\n${extra}`);

runRuleTests('personal-data-third-party', {
  valid: [
    { name: 'phone sent to the own API', files: { ...appJson([INDEX]), ...requests("  send(p) { wx.request({ url: 'https://api.shop.com/phone', data: { phone: p } }); },") } },
    { name: 'third-party host without personal data', files: { ...appJson([INDEX]), ...requests("  weather() { wx.request({ url: 'https://weather.example.net/today', data: { city: 'sh' } }); },") } },
    { name: 'a configured partner host', files: { ...appJson([INDEX]), 'mp-privacy.config.json': '{ "apiHosts": ["api.shop.com", "delivery.partner.cn"] }', ...requests("  ship(a) { wx.request({ url: 'https://delivery.partner.cn/order', data: { address: a } }); },") } },
  ],
  invalid: [
    { name: 'location to an analytics host', files: { ...appJson([INDEX]), ...requests("  track(l) { wx.request({ url: 'https://stats.tracker.io/e', data: { latitude: l.latitude, longitude: l.longitude } }); },") }, errors: [{ file: `${INDEX}.js`, at: "wx.request({ url: 'https://stats.tracker.io/e'" }] },
    { name: 'phone uploaded elsewhere', files: { ...appJson([INDEX]), ...requests("  up(p) { wx.uploadFile({ url: 'https://cdn.other.com/up', formData: { mobile: p } }); },") }, errors: [{ file: `${INDEX}.js`, at: 'wx.uploadFile(' }] },
    { name: 'configured hosts exclude the most used one', files: { ...appJson([INDEX]), 'mp-privacy.config.json': '{ "apiHosts": ["own.example.com"] }', ...requests("") , [`${INDEX}.js`]: "Page({ s(p) { wx.request({ url: 'https://api.shop.com/x', data: { phone: p } }); } })" }, errors: [{ file: `${INDEX}.js`, at: 'wx.request(' }] },
  ],
});
