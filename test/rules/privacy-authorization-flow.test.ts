import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const CAMERA = 'pages/scan/scan';
const popup = {
  'components/privacy/privacy.wxml':
    '<view wx:if="{{show}}"><button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="agree">同意</button></view>',
  'components/privacy/privacy.js':
    'Component({ lifetimes: { attached() { wx.onNeedPrivacyAuthorization((resolve) => { this.resolve = resolve; this.setData({ show: true }); }); } }, methods: { agree() { this.resolve({ event: "agree" }); } } })',
};
const cameraPage = page(
  CAMERA,
  '<view><button bindtap="pick">选择照片</button></view>',
  'Page({ pick() { wx.chooseMedia({ count: 1 }); } })',
);

runRuleTests('privacy-authorization-flow', {
  valid: [
    { name: 'no privacy interface used', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
    {
      name: 'a popup component mounted',
      files: {
        ...appJson([INDEX, CAMERA], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }),
        ...contentPage(INDEX),
        ...page(
          CAMERA,
          '<view><button bindtap="pick">选择照片</button><privacy-popup></privacy-popup></view>',
          'Page({ pick() { wx.chooseMedia({}); } })',
        ),
        ...popup,
      },
    },
    {
      name: 'the phone button carries agreePrivacyAuthorization',
      files: {
        ...appJson([INDEX, 'pages/me/me']),
        ...contentPage(INDEX),
        ...page(
          'pages/me/me',
          '<view><text>我的</text><button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="bind">绑定手机号</button></view>',
          'Page({ bind(e) {} })',
        ),
      },
    },
    {
      name: 'wx.requirePrivacyAuthorize in app.js',
      files: {
        ...appJson([INDEX, CAMERA]),
        'app.js': 'App({ onLaunch() { wx.requirePrivacyAuthorize({}); } })',
        ...contentPage(INDEX),
        ...cameraPage,
      },
    },
  ],
  invalid: [
    {
      name: 'chooseMedia with no flow',
      files: { ...appJson([INDEX, CAMERA]), ...contentPage(INDEX), ...cameraPage },
      errors: [{ file: 'app.json', at: '"pages"' }],
    },
    {
      name: 'a nickname input with no flow',
      files: {
        ...appJson([INDEX]),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><input type="nickname" />', 'Page({})'),
      },
      errors: [{ file: 'app.json', at: '"pages"', severity: 'warning' }],
    },
    {
      name: 'obsolete __usePrivacyCheck__ and a camera tag',
      files: {
        'app.json': JSON.stringify({ pages: [INDEX, CAMERA], __usePrivacyCheck__: true }, null, 2),
        ...contentPage(INDEX),
        ...page(CAMERA, '<camera device-position="back"></camera>', 'Page({})'),
      },
      errors: [
        { file: 'app.json', at: '"pages"' },
        { file: 'app.json', at: '"__usePrivacyCheck__": true' },
      ],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('privacy-authorization-flow', {
  valid: [
    {
      name: 'an agree button handles consent',
      project: withStores(
        {
          template:
            '<view>\n  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>\n  <button bindtap="locate">定位</button>\n</view>',
          methods: { onAgree: 'console.log("agreed");', locate: 'wx.getLocation({});' },
        },
        { requiredPrivateInfos: ['getLocation'] },
      ),
    },
  ],
  invalid: [
    {
      name: 'privacy interfaces without a consent flow',
      project: withStores(tapPage('wx.chooseImage({ count: 1 });', '上传照片')),
      errors: [{ part: 'pages', at: '"pages"', severity: 'info' }],
    },
    {
      name: 'the obsolete __usePrivacyCheck__ switch',
      project: withStores(
        {
          template:
            '<view>\n  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>\n</view>',
          methods: { onAgree: 'console.log("agreed");' },
        },
        { __usePrivacyCheck__: true },
      ),
      errors: [{ part: 'settings', at: '"__usePrivacyCheck__"', severity: 'info' }],
    },
  ],
});
