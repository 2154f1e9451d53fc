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
