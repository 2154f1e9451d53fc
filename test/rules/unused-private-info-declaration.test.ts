import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const storesPage = (js: string) => page(STORES, '<view><button bindtap="locate">附近门店</button></view>', js);
const locateJs = (api: string) =>
  `Page({\n  locate() {\n    wx.${api}({ success: (res) => this.setData({ res }) });\n  },\n});`;

runRuleTests('unused-private-info-declaration', {
  valid: [
    {
      name: 'every declared API is called',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
    },
    {
      name: 'called from a component',
      files: {
        ...appJson([INDEX], {
          requiredPrivateInfos: ['chooseAddress'],
          usingComponents: { 'addr-picker': '/components/addr/addr' },
        }),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><addr-picker></addr-picker>', 'Page({})'),
        'components/addr/addr.wxml': '<button bindtap="pick">选择地址</button>',
        'components/addr/addr.js': 'Component({ methods: { pick() { wx.chooseAddress({}); } } })',
      },
    },
    { name: 'no declarations', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
  ],
  invalid: [
    {
      name: 'declared, never called',
      files: { ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }), ...contentPage(INDEX) },
      errors: [{ file: 'app.json', at: '"getLocation"' }],
    },
    {
      name: 'one of two unused',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation', 'chooseAddress'] }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
      errors: [{ file: 'app.json', at: '"chooseAddress"' }],
    },
    {
      name: 'only a commented-out call',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['choosePoi'] }),
        ...contentPage(INDEX),
        ...storesPage('Page({ locate() { /* wx.choosePoi({}) */ } })'),
      },
      errors: [{ file: 'app.json', at: '"choosePoi"' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('unused-private-info-declaration', {
  valid: [
    {
      name: 'declared and called',
      project: withStores(tapPage('wx.chooseAddress({});'), { requiredPrivateInfos: ['chooseAddress'] }),
    },
  ],
  invalid: [
    {
      name: 'declared, never called',
      project: withStores(tapPage('wx.showToast({ title: "ok" });'), { requiredPrivateInfos: ['chooseAddress'] }),
      errors: [{ part: 'settings', at: '"chooseAddress"' }],
    },
  ],
});
