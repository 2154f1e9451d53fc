import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const popup = {
  'components/privacy/privacy.wxml':
    '<view wx:if="{{show}}"><button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="agree">同意</button></view>',
  'components/privacy/privacy.js':
    'Component({ lifetimes: { attached() { wx.onNeedPrivacyAuthorization((resolve) => { this.resolve = resolve; this.setData({ show: true }); }); } }, methods: { agree() { this.resolve({ event: "agree" }); } } })',
};

runRuleTests('privacy-popup-not-mounted', {
  valid: [
    {
      name: 'mounted where registered',
      files: {
        ...appJson([INDEX], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><privacy-popup />', 'Page({})'),
        ...popup,
      },
    },
    {
      name: 'registered in a page json and mounted there',
      files: {
        ...appJson([INDEX]),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><privacy-popup></privacy-popup>', 'Page({})'),
        [`${INDEX}.json`]: '{ "usingComponents": { "privacy-popup": "../../components/privacy/privacy" } }',
        ...popup,
      },
    },
    {
      name: 'a component that is not a privacy popup',
      files: {
        ...appJson([INDEX], { usingComponents: { card: '/components/card/card' } }),
        ...contentPage(INDEX),
        'components/card/card.wxml': '<view>card</view>',
        'components/card/card.js': 'Component({})',
      },
    },
  ],
  invalid: [
    {
      name: 'registered globally, used nowhere',
      files: {
        ...appJson([INDEX], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }),
        ...contentPage(INDEX),
        ...popup,
      },
      errors: [{ file: 'app.json', at: '"privacy-popup": "/components/privacy/privacy"' }],
    },
    {
      name: 'registered in a page json, not in its template',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX),
        [`${INDEX}.json`]: '{ "usingComponents": { "privacy-dialog": "/components/privacy/privacy" } }',
        ...popup,
      },
      errors: [{ file: `${INDEX}.json`, at: '"privacy-dialog"' }],
    },
    {
      name: 'a popup that only listens (no agree button in its own template)',
      files: {
        ...appJson([INDEX], { usingComponents: { pp: '/components/pp/pp' } }),
        ...contentPage(INDEX),
        'components/pp/pp.wxml': '<view>隐私</view>',
        'components/pp/pp.js': 'Component({ lifetimes: { attached() { wx.onNeedPrivacyAuthorization(() => {}); } } })',
      },
      errors: [{ file: 'app.json', at: '"pp"' }],
    },
  ],
});
