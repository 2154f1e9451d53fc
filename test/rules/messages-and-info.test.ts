import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const ORDER = 'pages/order/order';
const orderPage = (js: string, wxml = '<view><text>{{order.no}}</text><button bindtap="notify">订阅发货通知</button></view>') => ({ ...appJson([INDEX, ORDER]), ...contentPage(INDEX), ...page(ORDER, wxml, js) });
const SUBSCRIBE = "wx.requestSubscribeMessage({ tmplIds: ['T1'] })";

runRuleTests('subscribe-message-without-tap', {
  valid: [
    { name: 'first thing in a tap handler', files: orderPage(`Page({ notify() { ${SUBSCRIBE}; wx.request({ url: 'https://api.example.com/sub' }); } })`) },
    { name: 'in a helper called synchronously from the tap', files: { ...orderPage(`const sub = require('../../utils/sub');\nPage({ notify() { sub.ask(); } })`), 'utils/sub.js': `module.exports = { ask() { ${SUBSCRIBE}; } };` } },
    { name: 'in the payment success callback (allowed since 2.8.2)', files: orderPage(`Page({ notify() { wx.requestPayment({ success: () => { ${SUBSCRIBE}; } }); } })`) },
    { name: 'in a method no template binds', files: orderPage(`Page({ notify() {}, later() { ${SUBSCRIBE}; } })`) },
    { name: 'in the success callback of a confirmation dialog', files: orderPage(`Page({ notify() { wx.showModal({ title: '订阅', success: (res) => { if (res.confirm) ${SUBSCRIBE}; } }); } })`) },
  ],
  invalid: [
    { name: 'after an await in the tap handler', files: orderPage(`Page({ async notify() { await this.save(); ${SUBSCRIBE}; }, save() { return Promise.resolve(); } })`), errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }] },
    { name: 'in a promise then inside the tap', files: orderPage(`Page({ notify() { this.save().then(() => { ${SUBSCRIBE}; }); }, save() { return Promise.resolve(); } })`), errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }] },
    { name: 'in the payment fail callback', files: orderPage(`Page({ notify() { wx.requestPayment({ fail: () => { ${SUBSCRIBE}; } }); } })`), errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }] },
    { name: 'from onLoad', files: orderPage(`Page({ onLoad() { this.ask(); }, ask() { ${SUBSCRIBE}; } })`, '<view>{{order.no}}</view>'), errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }] },
    { name: 'in a wx.request success callback inside a helper', files: { ...orderPage(`import { subscribe } from '../../utils/sub';\nPage({ notify() { subscribe(); } })`), 'utils/sub.js': `export function subscribe() { wx.request({ url: 'https://api.example.com/tmpl', success: () => { ${SUBSCRIBE}; } }); }` }, errors: [{ file: 'utils/sub.js', at: 'wx.requestSubscribeMessage(' }] },
  ],
});

const formPage = (attrs: string, js: string) => ({ ...appJson([INDEX, ORDER]), ...contentPage(INDEX), ...page(ORDER, `<form ${attrs} bindsubmit="onSubmit">\n  <input name="remark" />\n  <button form-type="submit">提交</button>\n</form>`, js) });

runRuleTests('report-submit-formid', {
  valid: [
    { name: 'a form without report-submit', files: formPage('', 'Page({ onSubmit(e) { wx.request({ url: "https://api.example.com/remark", data: e.detail.value }); } })') },
    { name: 'report-submit="false"', files: formPage('report-submit="false"', 'Page({ onSubmit(e) {} })') },
    { name: 'report-submit on something that is not a form', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}" report-submit>{{item}}</view>', 'Page({})') } },
  ],
  invalid: [
    { name: 'formId read and posted (warning)', files: formPage('report-submit', "Page({ onSubmit(e) { wx.request({ url: 'https://api.example.com/formid', data: { formId: e.detail.formId } }); } })"), errors: [{ file: `${ORDER}.wxml`, at: 'report-submit', severity: 'warning' }] },
    { name: 'formId collected through a helper (warning)', files: { ...formPage('report-submit="true"', "const api = require('../../api');\nPage({ onSubmit(e) { api.saveFormId(e.detail.formId); } })"), 'api.js': "exports.saveFormId = (formId) => wx.request({ url: 'https://api.example.com/formid', data: { formId } });" }, errors: [{ file: `${ORDER}.wxml`, at: 'report-submit="true"', severity: 'warning' }] },
    { name: 'a leftover attribute (info)', files: formPage('report-submit', 'Page({ onSubmit(e) { this.setData({ remark: e.detail.value.remark }); } })'), errors: [{ file: `${ORDER}.wxml`, at: 'report-submit', severity: 'info' }] },
  ],
});

runRuleTests('deprecated-user-info-api', {
  valid: [
    { name: 'avatar and nickname fill-in', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><button open-type="chooseAvatar" bindchooseavatar="pick">头像</button><input type="nickname" />', 'Page({ pick(e) {} })') } },
    { name: 'feature check', files: { ...appJson([INDEX]), 'app.js': 'App({ onLaunch() { this.canProfile = !!wx.getUserProfile; } })', ...contentPage(INDEX) } },
    { name: 'commented-out call', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view>', 'Page({ onLoad() {\n  // wx.getUserInfo({})\n} })') } },
  ],
  invalid: [
    { name: 'wx.getUserInfo in a request helper', files: { ...appJson([INDEX]), ...contentPage(INDEX), 'utils/http.js': 'module.exports = function login() { wx.getUserInfo({ success() {} }); };' , 'app.js': "const login = require('./utils/http');\nApp({ onLaunch() { login(); } })" }, errors: [{ file: 'utils/http.js', at: 'wx.getUserInfo(' }] },
    { name: 'the getUserInfo button', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view>\n<button open-type="getUserInfo" bindgetuserinfo="onInfo">登录</button>', 'Page({ onInfo(e) {} })') }, errors: [{ file: `${INDEX}.wxml`, at: '<button open-type="getUserInfo"' }] },
    { name: 'getUserProfile in a tap and authorize scope.userInfo', files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><button bindtap="login">登录</button>', "Page({ login() { wx.getUserProfile({ desc: '完善资料' }); }, onLoad() { wx.authorize({ scope: 'scope.userInfo' }); } })") }, errors: [{ file: `${INDEX}.js`, at: 'wx.getUserProfile(' }, { file: `${INDEX}.js`, at: 'wx.authorize(' }] },
  ],
});
