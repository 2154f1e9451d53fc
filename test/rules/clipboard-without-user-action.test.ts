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

runRuleTests('clipboard-without-user-action', {
  valid: [
    {
      name: 'paste button',
      files: withMapPage(
        'Page({ locate() { wx.getClipboardData({ success: (r) => this.setData({ code: r.data }) }); } })',
      ),
    },
    {
      name: 'copying is not reading',
      files: withMapPage('Page({ onLoad() { wx.setClipboardData({ data: "x" }); } })'),
    },
    {
      name: 'commented out at launch',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({ onShow() {\n  // wx.getClipboardData({})\n} })',
        ...contentPage(INDEX),
      },
    },
  ],
  invalid: [
    {
      name: 'app onShow reads the clipboard',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({ onShow() { wx.getClipboardData({ success() {} }); } })',
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.js', at: 'wx.getClipboardData(' }],
    },
    {
      name: 'polling with setInterval in onLoad',
      files: withMapPage(
        'Page({ onLoad() { this.timer = setInterval(() => this.poll(), 1000); }, poll() { wx.getClipboardData({}); } })',
      ),
      errors: [{ file: `${MAP}.js`, at: 'this.poll()' }],
    },
    {
      name: 'a page onShow through a helper module',
      files: {
        ...withMapPage(`const share = require('../../utils/share');\nPage({ onShow() { share.readCode(); } })`),
        'utils/share.js': 'module.exports.readCode = () => wx.getClipboardData({});',
      },
      errors: [{ file: `${MAP}.js`, at: 'share.readCode()' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('clipboard-without-user-action', {
  valid: [
    {
      name: 'paste on a tap',
      project: withStores(tapPage('wx.getClipboardData({ success: (res) => console.log(res.data) });', '粘贴')),
    },
  ],
  invalid: [
    {
      name: 'clipboard read when the page shows',
      project: withStores({
        ...content,
        lifecycles: { onShow: 'wx.getClipboardData({ success: (res) => console.log(res.data) });' },
      }),
      errors: [{ page: STORES, part: 'script', at: 'wx.getClipboardData(' }],
    },
  ],
});
