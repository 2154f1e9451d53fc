import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { located } from '../helpers/forms';

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const storesPage = (js: string) => page(STORES, '<view><button bindtap="locate">附近门店</button></view>', js);
const locateJs = (api: string) =>
  `Page({\n  locate() {\n    wx.${api}({ success: (res) => this.setData({ res }) });\n  },\n});`;

runRuleTests('location-purpose', {
  valid: [
    {
      name: 'a real purpose',
      files: {
        ...appJson([INDEX, STORES], {
          requiredPrivateInfos: ['getLocation'],
          permission: { 'scope.userLocation': { desc: '用于为你推荐附近的门店' } },
        }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
    },
    {
      name: 'chooseLocation needs no scope purpose',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('chooseLocation')),
      },
    },
    {
      name: 'fuzzy location with its own scope purpose',
      files: {
        ...appJson([INDEX, STORES], {
          requiredPrivateInfos: ['getFuzzyLocation'],
          permission: { 'scope.userFuzzyLocation': { desc: 'Shows weather for your city' } },
        }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getFuzzyLocation')),
      },
    },
  ],
  invalid: [
    {
      name: 'no permission entry',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
      errors: [{ file: `${STORES}.js`, at: 'wx.getLocation(' }],
    },
    {
      name: 'template text',
      files: {
        ...appJson([INDEX, STORES], {
          requiredPrivateInfos: ['getLocation'],
          permission: { 'scope.userLocation': { desc: '你的位置信息将用于小程序位置接口的效果展示' } },
        }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
      errors: [{ file: 'app.json', at: '"你的位置信息将用于小程序位置接口的效果展示"', severity: 'warning' }],
    },
    {
      name: 'wx.authorize for background location with an empty desc',
      files: {
        ...appJson([INDEX, STORES], { permission: { 'scope.userLocationBackground': { desc: '' } } }),
        ...contentPage(INDEX),
        ...storesPage(`Page({ locate() { wx.authorize({ scope: 'scope.userLocationBackground' }); } })`),
      },
      errors: [{ file: 'app.json', at: '""', severity: 'warning' }],
    },
    {
      name: 'a purpose longer than 30 characters',
      files: {
        ...appJson([INDEX, STORES], {
          requiredPrivateInfos: ['getLocation'],
          permission: {
            'scope.userLocation': {
              desc: '我们会使用你的位置信息来为你推荐附近的门店并计算配送距离和预计送达时间以及运费',
            },
          },
        }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
      errors: [{ file: 'app.json', at: '"我们会使用' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('location-purpose', {
  valid: [{ name: 'purpose stated', project: located({ 'scope.userLocation': { desc: '用于为你推荐附近的门店' } }) }],
  invalid: [
    {
      name: 'no permission purpose',
      project: located(),
      errors: [{ page: STORES, part: 'script', at: 'wx.getLocation(' }],
    },
    {
      name: 'placeholder purpose',
      project: located({ 'scope.userLocation': { desc: '测试' } }),
      errors: [{ part: 'settings', at: '"测试"', severity: 'warning' }],
    },
  ],
});
