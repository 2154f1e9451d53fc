import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { LOGIN as FORM_LOGIN, content, phoneWall } from '../helpers/forms';

const LOGIN = 'pages/login/login';
const INDEX = 'pages/index/index';
const DETAIL = 'pages/detail/detail';
const MASK_PAGE = `<view>\n  <rich-text nodes="{{body}}"></rich-text>\n  <view class="mask">\n    <text>请先授权手机号</text>\n    <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权</button>\n  </view>\n</view>`;
const TABS = (...routes: string[]) => ({ tabBar: { list: routes.map((pagePath) => ({ pagePath, text: pagePath })) } });

runRuleTests('phone-while-browsing', {
  valid: [
    {
      name: 'a "mine" tab that offers to bind a phone number',
      files: {
        ...appJson([INDEX, 'pages/mine/mine'], TABS(INDEX, 'pages/mine/mine')),
        ...contentPage(INDEX),
        ...phoneOnlyPage('pages/mine/mine'),
      },
    },
    {
      name: 'a phone-only login page reached by a tap',
      files: {
        ...appJson([INDEX, LOGIN]),
        ...page(
          INDEX,
          '<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>',
          'Page({})',
        ),
        ...phoneOnlyPage(LOGIN),
      },
    },
    {
      name: '"see more" that is a plain button',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button bindtap="more">查看更多</button>\n</view>',
          'Page({ more() {} })',
        ),
      },
    },
    {
      name: 'a phone dialog with a way to decline',
      files: {
        ...appJson([INDEX, DETAIL]),
        ...contentPage(INDEX),
        ...page(
          DETAIL,
          `<view>\n  <text>{{detail.body}}</text>\n  <view class="mask" wx:if="{{ask}}">\n    <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权手机号</button>\n    <button bindtap="close">暂不授权</button>\n  </view>\n</view>`,
          'Page({ onPhone(e) {}, close() {} })',
          '.mask { position: fixed; inset: 0; background: rgba(0,0,0,.5); }',
        ),
      },
    },
    {
      name: 'a detail page whose onLoad redirects to another content page',
      files: {
        ...appJson([INDEX, DETAIL, 'pages/list/list']),
        ...contentPage(INDEX),
        ...page(
          DETAIL,
          '<view>{{detail}}</view>',
          `Page({\n  onLoad() {\n    wx.redirectTo({ url: '/pages/list/list' });\n  },\n});`,
        ),
        ...contentPage('pages/list/list'),
      },
    },
    {
      name: 'a "bind phone" card on a settings page',
      files: {
        ...appJson([INDEX, 'pages/settings/settings']),
        ...contentPage(INDEX),
        ...page(
          'pages/settings/settings',
          '<view class="card">\n  <text>手机号</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="bind">绑定手机号</button>\n</view>\n<navigator url="/pages/index/index">返回首页</navigator>',
          'Page({ bind(e) {} })',
        ),
      },
    },
    {
      // Only sheets that write "fixed" are parsed first (coversScreen): a page sheet without the word must still win.
      name: 'a mask that app.wxss fixes over the screen and the page stylesheet puts back in the flow',
      files: {
        ...appJson([INDEX, DETAIL]),
        ...contentPage(INDEX),
        'app.wxss': '.mask { position: fixed; inset: 0; }',
        ...page(DETAIL, MASK_PAGE, 'Page({ onPhone(e) {} })', '.mask { position: relative; height: auto; }'),
      },
    },
  ],
  invalid: [
    {
      name: 'detail page onLoad sends the user to the phone wall through a helper',
      files: {
        ...appJson([INDEX, DETAIL, LOGIN]),
        ...contentPage(INDEX),
        ...page(
          DETAIL,
          '<view>{{detail.body}}</view>',
          `import { mustLogin } from '../../utils/session';\nPage({\n  onLoad() {\n    mustLogin();\n  },\n});`,
        ),
        'utils/session.js': `export const mustLogin = () => {\n  if (!wx.getStorageSync('phone')) wx.navigateTo({ url: '/pages/login/login' });\n};\n`,
        ...phoneOnlyPage(LOGIN),
      },
      errors: [{ file: `${DETAIL}.js`, at: 'mustLogin()' }],
    },
    {
      name: 'a tab page that is only a phone button',
      files: {
        ...appJson([INDEX, 'pages/coupons/coupons'], TABS(INDEX, 'pages/coupons/coupons')),
        ...contentPage(INDEX),
        ...phoneOnlyPage('pages/coupons/coupons'),
      },
      errors: [{ file: 'pages/coupons/coupons.wxml', at: '<button type="primary" open-type="getPhoneNumber"' }],
    },
    {
      name: 'a "see more" control that asks for the phone number',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="more">查看更多></button>\n</view>',
          'Page({ more(e) {} })',
        ),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="more">' }],
    },
    {
      name: 'list items wrapped in a phone button',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view>\n  <view wx:for="{{goods}}" wx:key="id">\n    <button open-type="getPhoneNumber" bindgetphonenumber="open" data-id="{{item.id}}">\n      <image src="{{item.cover}}"></image>\n      <text>{{item.name}}</text>\n    </button>\n  </view>\n</view>',
          'Page({ open(e) {} })',
        ),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="open"' }],
    },
    {
      name: 'a full-screen mask holding only the phone button on a detail page',
      files: {
        ...appJson([INDEX, DETAIL]),
        ...contentPage(INDEX),
        ...page(
          DETAIL,
          `<view>\n  <rich-text nodes="{{body}}"></rich-text>\n  <view class="mask">\n    <text>请先授权手机号</text>\n    <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权</button>\n  </view>\n</view>`,
          'Page({ onPhone(e) {} })',
          '.mask { position: fixed; width: 100vw; height: 100vh; top: 0; left: 0; }',
        ),
      },
      errors: [{ file: `${DETAIL}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">' }],
    },
    {
      name: 'a mask fixed over the screen by app.wxss, sized by the page stylesheet',
      files: {
        ...appJson([INDEX, DETAIL]),
        ...contentPage(INDEX),
        'app.wxss': '.mask { position: fixed; top: 0; left: 0; }',
        ...page(
          DETAIL,
          MASK_PAGE,
          'Page({ onPhone(e) {} })',
          '.mask { width: 100vw; height: 100vh; background: #fff; }',
        ),
      },
      errors: [{ file: `${DETAIL}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">' }],
    },
    {
      // Found by fuzzing (seed 11, iteration 11935): only the first layer was reported, so its fix left a wall.
      name: 'two full-screen masks with a phone button each: two walls, each reported',
      files: {
        ...appJson([INDEX, DETAIL]),
        ...contentPage(INDEX),
        ...page(
          DETAIL,
          `<view>\n  <rich-text nodes="{{body}}"></rich-text>\n  <view class="mask">\n    <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权</button>\n  </view>\n  <text>{{more}}</text>\n  <view class="mask">\n    <button open-type="getPhoneNumber" bindgetphonenumber="onPhoneAgain">授权后查看</button>\n  </view>\n</view>`,
          'Page({ onPhone(e) {}, onPhoneAgain(e) {} })',
          '.mask { position: fixed; inset: 0; }',
        ),
      },
      errors: [
        { file: `${DETAIL}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">' },
        { file: `${DETAIL}.wxml`, at: '<button open-type="getPhoneNumber" bindgetphonenumber="onPhoneAgain">' },
      ],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
const COUPONS = 'pages/coupons/coupons';
runRuleTestsInForms('phone-while-browsing', {
  valid: [
    {
      name: 'a phone-only login page reached by a tap',
      project: {
        pages: {
          [INDEX]: {
            template:
              '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>',
          },
          [FORM_LOGIN]: phoneWall,
        },
      },
    },
    {
      name: '"see more" that is a plain button',
      project: {
        pages: {
          [INDEX]: {
            template:
              '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <button bindtap="more">查看更多</button>\n</view>',
            methods: { more: 'console.log(e);' },
          },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'a tab page that is only a phone button',
      project: { pages: { [INDEX]: content, [COUPONS]: phoneWall }, tabBar: [INDEX, COUPONS] },
      errors: [{ page: COUPONS, part: 'template', at: '<button open-type="getPhoneNumber"' }],
    },
    {
      name: 'a "see more" control that asks for the phone number',
      project: {
        pages: {
          [INDEX]: {
            template:
              '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="more">查看更多</button>\n</view>',
            methods: { more: 'console.log(e.detail.code);' },
          },
        },
      },
      errors: [{ page: INDEX, part: 'template', at: '<button open-type="getPhoneNumber"' }],
    },
  ],
});
