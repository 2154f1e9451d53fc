import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import type { UnitSpec } from '../helpers/forms';

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

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
const privacyPopup: UnitSpec = {
  template:
    '<view wx:if="{{show}}">\n  <text>隐私保护指引</text>\n  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="agree">同意</button>\n</view>',
  lifecycles: { onLoad: 'wx.onNeedPrivacyAuthorization((resolve) => {\n  this.resolve = resolve;\n});' },
  methods: { agree: "this.resolve({ event: 'agree' });" },
};
const LIST = '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n</view>';
runRuleTestsInForms('privacy-popup-not-mounted', {
  valid: [
    {
      name: 'mounted on the page',
      project: {
        pages: { [INDEX]: { template: `${LIST}\n<privacy-popup></privacy-popup>` } },
        components: { 'privacy-popup': privacyPopup },
      },
    },
  ],
  invalid: [
    {
      // Native only, for now: uni-app's easycom and Taro's imports load a component into the model only where
      // a template uses its tag, so a popup nobody mounts is not seen there (a known gap, issue 16).
      forms: ['native'],
      name: 'a privacy popup that no page mounts',
      project: { pages: { [INDEX]: { template: LIST } }, components: { 'privacy-popup': privacyPopup } },
      errors: [{ page: INDEX, part: 'pages', at: '"privacy-popup"' }],
    },
  ],
});
