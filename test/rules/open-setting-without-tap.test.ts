import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, content, tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const MAP = 'pages/map/map';
const withMapPage = (js: string, wxml = '<view><map></map><button bindtap="locate">定位</button></view>') => ({
  ...appJson([INDEX, MAP], { requiredPrivateInfos: ['getLocation'] }),
  ...contentPage(INDEX),
  ...page(MAP, wxml, js),
});

runRuleTests('open-setting-without-tap', {
  valid: [
    { name: 'openSetting from a tap', files: withMapPage('Page({ locate() { wx.openSetting({}); } })') },
    {
      name: 'the openSetting button',
      files: withMapPage('Page({})', '<view><button open-type="openSetting">去设置</button></view>'),
    },
    { name: 'openSetting in an unbound method', files: withMapPage('Page({ later() { wx.openSetting({}); } })') },
  ],
  invalid: [
    {
      name: 'page onShow',
      files: withMapPage('Page({ onShow() { wx.openSetting({}); } })'),
      errors: [{ file: `${MAP}.js`, at: 'wx.openSetting(' }],
    },
    {
      name: 'app onLaunch through a method',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({ onLaunch() { this.fix(); }, fix() { wx.openSetting({}); } })',
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.js', at: 'this.fix()' }],
    },
    {
      name: 'entry page onLoad in a getSetting callback',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          'Page({ onLoad() { wx.getSetting({ success: () => wx.openSetting({}) }); } })',
        ),
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.openSetting(' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('open-setting-without-tap', {
  valid: [
    { name: 'settings opened from a tap', project: withStores(tapPage('wx.openSetting({});', '打开设置')) },
    {
      name: 'settings opened from the confirm of a dialog shown on load (the user taps the dialog)',
      project: withStores({
        ...content,
        lifecycles: {
          onLoad:
            "wx.showModal({\n  content: '需要位置权限',\n  success: (res) => {\n    if (res.confirm) wx.openSetting({});\n  },\n});",
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'settings opened when the page shows',
      project: withStores({ ...content, lifecycles: { onShow: 'wx.openSetting({});' } }),
      errors: [{ page: STORES, part: 'script', at: 'wx.openSetting(' }],
    },
  ],
});
