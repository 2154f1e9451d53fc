import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';

const SDK = `var Utils = {\n  getWXLocation(success, fail) {\n    wx.getLocation({ type: 'gcj02', success: success, fail: fail });\n  },\n};\nclass QQMapWX {\n  constructor(options) { this.key = options.key; }\n  reverseGeocoder(options) {\n    Utils.getWXLocation(options.success, options.fail);\n  }\n}\nmodule.exports = QQMapWX;\n`;
const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const storesPage = (js: string) => page(STORES, '<view><button bindtap="locate">附近门店</button></view>', js);
const locateJs = (api: string) => `Page({\n  locate() {\n    wx.${api}({ success: (res) => this.setData({ res }) });\n  },\n});`;

runRuleTests('undeclared-private-info', {
  valid: [
    { name: 'getLocation declared', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) } },
    { name: 'chooseAddress and chooseLocation declared', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseAddress', 'chooseLocation'] }), ...contentPage(INDEX), ...storesPage(`Page({ locate() { wx.chooseAddress({}); wx.chooseLocation({}); } })`) } },
    { name: 'a feature check and a commented-out call are not uses', files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), ...storesPage(`Page({\n  locate() {\n    if (wx.getLocation) { this.can = true; }\n    // wx.getLocation({})\n  },\n});`) } },
    { name: 'APIs outside the list need no declaration', files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), ...storesPage(locateJs('chooseImage')) } },
  ],
  invalid: [
    { name: 'no requiredPrivateInfos at all', files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) }, errors: [{ file: `${STORES}.js`, at: 'wx.getLocation(' }] },
    {
      name: 'inside a bundled SDK: reported where the page calls the SDK',
      files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), 'libs/qqmap-wx-jssdk.js': SDK, ...storesPage("const QQMapWX = require('../../libs/qqmap-wx-jssdk');\nPage({\n  locate() {\n    this.map = new QQMapWX({ key: 'K' });\n    this.map.reverseGeocoder({});\n  },\n});") },
      errors: [{ file: `${STORES}.js`, at: 'this.map.reverseGeocoder(' }],
    },
    { name: 'declared list is partial', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseLocation'] }), ...contentPage(INDEX), ...storesPage(`Page({ locate() { wx.chooseLocation({}); wx.chooseAddress({}); } })`) }, errors: [{ file: `${STORES}.js`, at: 'wx.chooseAddress(' }] },
    {
      name: 'a helper module and uni-app style call',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: [] }),
        ...contentPage(INDEX),
        ...storesPage(`const geo = require('../../utils/geo');\nPage({ locate() { geo.here(); } })`),
        'utils/geo.js': `module.exports = {\n  here() {\n    return new Promise((resolve) => uni.startLocationUpdate({ success: resolve }));\n  },\n};\n`,
      },
      errors: [{ file: 'utils/geo.js', at: 'uni.startLocationUpdate(' }],
    },
  ],
});

runRuleTests('conflicting-location-declarations', {
  valid: [
    { name: 'only the fuzzy API', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getFuzzyLocation'] }), ...contentPage(INDEX) } },
    { name: 'only precise APIs', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getLocation', 'onLocationChange', 'startLocationUpdate'] }), ...contentPage(INDEX) } },
    { name: 'fuzzy with choose* APIs, which are not exclusive', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation', 'chooseAddress', 'choosePoi'] }), ...contentPage(INDEX) } },
  ],
  invalid: [
    { name: 'fuzzy and getLocation', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getLocation', 'getFuzzyLocation'] }), ...contentPage(INDEX) }, errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }] },
    { name: 'fuzzy and startLocationUpdateBackground', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getFuzzyLocation', 'startLocationUpdateBackground'] }), ...contentPage(INDEX) }, errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }] },
    { name: 'fuzzy and onLocationChange', files: { ...appJson([INDEX], { requiredPrivateInfos: ['onLocationChange', 'chooseAddress', 'getFuzzyLocation'] }), ...contentPage(INDEX) }, errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }] },
  ],
});

runRuleTests('unused-private-info-declaration', {
  valid: [
    { name: 'every declared API is called', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) } },
    { name: 'called from a component', files: { ...appJson([INDEX], { requiredPrivateInfos: ['chooseAddress'], usingComponents: { 'addr-picker': '/components/addr/addr' } }), ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><addr-picker></addr-picker>', 'Page({})'), 'components/addr/addr.wxml': '<button bindtap="pick">选择地址</button>', 'components/addr/addr.js': 'Component({ methods: { pick() { wx.chooseAddress({}); } } })' } },
    { name: 'no declarations', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
  ],
  invalid: [
    { name: 'declared, never called', files: { ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }), ...contentPage(INDEX) }, errors: [{ file: 'app.json', at: '"getLocation"' }] },
    { name: 'one of two unused', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation', 'chooseAddress'] }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) }, errors: [{ file: 'app.json', at: '"chooseAddress"' }] },
    { name: 'only a commented-out call', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['choosePoi'] }), ...contentPage(INDEX), ...storesPage('Page({ locate() { /* wx.choosePoi({}) */ } })') }, errors: [{ file: 'app.json', at: '"choosePoi"' }] },
  ],
});

runRuleTests('location-purpose', {
  valid: [
    { name: 'a real purpose', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'], permission: { 'scope.userLocation': { desc: '用于为你推荐附近的门店' } } }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) } },
    { name: 'chooseLocation needs no scope purpose', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseLocation'] }), ...contentPage(INDEX), ...storesPage(locateJs('chooseLocation')) } },
    { name: 'fuzzy location with its own scope purpose', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getFuzzyLocation'], permission: { 'scope.userFuzzyLocation': { desc: 'Shows weather for your city' } } }), ...contentPage(INDEX), ...storesPage(locateJs('getFuzzyLocation')) } },
  ],
  invalid: [
    { name: 'no permission entry', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) }, errors: [{ file: `${STORES}.js`, at: 'wx.getLocation(' }] },
    { name: 'template text', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'], permission: { 'scope.userLocation': { desc: '你的位置信息将用于小程序位置接口的效果展示' } } }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) }, errors: [{ file: 'app.json', at: '"你的位置信息将用于小程序位置接口的效果展示"', severity: 'warning' }] },
    { name: 'wx.authorize for background location with an empty desc', files: { ...appJson([INDEX, STORES], { permission: { 'scope.userLocationBackground': { desc: '' } } }), ...contentPage(INDEX), ...storesPage(`Page({ locate() { wx.authorize({ scope: 'scope.userLocationBackground' }); } })`) }, errors: [{ file: 'app.json', at: '""', severity: 'warning' }] },
    { name: 'a purpose longer than 30 characters', files: { ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'], permission: { 'scope.userLocation': { desc: '我们会使用你的位置信息来为你推荐附近的门店并计算配送距离和预计送达时间以及运费' } } }), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) }, errors: [{ file: 'app.json', at: '"我们会使用' }] },
  ],
});
