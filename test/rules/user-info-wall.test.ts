import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { LOGIN, content, tapPage } from '../helpers/forms';

const INDEX = 'pages/index/index';
const AUTH = 'pages/auth/auth';
const authPage = (button: string, js = "Page({ login() { wx.getUserProfile({ desc: '用于完善会员资料' }); } })") =>
  page(AUTH, `<view class="auth">\n  <image src="/logo.png"></image>\n  <text>欢迎</text>\n  ${button}\n</view>`, js);
const PROFILE_BUTTON = '<button bindtap="login">微信授权登录</button>';

runRuleTests('user-info-wall', {
  valid: [
    {
      name: 'an auth page opened from a tap',
      files: {
        ...appJson([INDEX, AUTH]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><navigator url="/pages/auth/auth">登录</navigator>',
          'Page({})',
        ),
        ...authPage(PROFILE_BUTTON),
      },
    },
    {
      name: 'avatar fill-in on a profile tab',
      files: {
        ...appJson([INDEX, 'pages/me/me'], {
          tabBar: {
            list: [
              { pagePath: INDEX, text: 'a' },
              { pagePath: 'pages/me/me', text: 'b' },
            ],
          },
        }),
        ...contentPage(INDEX),
        ...page(
          'pages/me/me',
          '<button open-type="chooseAvatar" bindchooseavatar="pick">头像</button><input type="nickname" />',
          'Page({ pick(e) {} })',
        ),
      },
    },
    {
      name: 'entry auth page with a way to browse',
      files: {
        ...appJson([AUTH, INDEX]),
        ...authPage(
          `${PROFILE_BUTTON}\n  <button bindtap="skip">先逛逛</button>`,
          "Page({ login() { wx.getUserProfile({ desc: 'x' }); }, skip() { wx.switchTab({ url: '/pages/index/index' }); } })",
        ),
        ...contentPage(INDEX),
      },
    },
    {
      name: 'a login dialog over a profile page that closes when the mask is tapped',
      files: {
        ...appJson([INDEX, 'pages/ucenter/ucenter']),
        ...contentPage(INDEX),
        ...page(
          'pages/ucenter/ucenter',
          '<view><navigator url="/pages/orders/orders">我的订单</navigator></view>\n<view class="mask" wx:if="{{show}}" bindtap="onCloseLoginDialog">\n  <view catchtap="noop"><button open-type="getUserInfo" bindgetuserinfo="login">微信登录</button></view>\n</view>',
          'Page({ onCloseLoginDialog() { this.setData({ show: false }); }, noop() {}, login(e) {} })',
          '.mask { position: fixed; top: 0; left: 0; width: 100%; height: 100%; }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'entry page is a getUserProfile wall',
      files: { ...appJson([AUTH, INDEX]), ...authPage(PROFILE_BUTTON), ...contentPage(INDEX) },
      errors: [{ file: `${AUTH}.wxml`, at: '<button bindtap="login">' }],
    },
    {
      name: 'app onLaunch redirects to a getUserInfo button page',
      files: {
        ...appJson([INDEX, AUTH]),
        'app.js': "App({ onLaunch() { if (!wx.getStorageSync('user')) wx.redirectTo({ url: '/pages/auth/auth' }); } })",
        ...contentPage(INDEX),
        ...authPage('<button open-type="getUserInfo" bindgetuserinfo="onInfo">授权</button>', 'Page({ onInfo(e) {} })'),
      },
      errors: [{ file: 'app.js', at: 'wx.redirectTo(' }],
    },
    {
      name: 'a detail page onShow sends users to the avatar/nickname wall',
      files: {
        ...appJson([INDEX, 'pages/detail/detail', AUTH]),
        ...contentPage(INDEX),
        ...page(
          'pages/detail/detail',
          '<view>{{detail}}</view>',
          "Page({ onShow() { wx.navigateTo({ url: '/pages/auth/auth' }); } })",
        ),
        ...authPage(
          '<button open-type="chooseAvatar" bindchooseavatar="pick">选择头像</button>',
          'Page({ pick(e) {} })',
        ),
      },
      errors: [{ file: 'pages/detail/detail.js', at: 'wx.navigateTo(' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('user-info-wall', {
  valid: [
    {
      name: 'a profile button behind a link',
      project: {
        pages: {
          [INDEX]: {
            template:
              '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>',
          },
          [LOGIN]: tapPage("wx.getUserProfile({ desc: '用于完善会员资料' });", '微信授权登录'),
        },
      },
    },
  ],
  invalid: [
    {
      name: 'the entry page is a profile wall',
      project: {
        pages: {
          [LOGIN]: {
            template: '<view>\n  <text>欢迎</text>\n  <button bindtap="login">微信授权登录</button>\n</view>',
            methods: { login: "wx.getUserProfile({ desc: '用于完善会员资料' });" },
          },
          [INDEX]: content,
        },
      },
      errors: [{ page: LOGIN, part: 'template', at: '<button' }],
    },
  ],
});
