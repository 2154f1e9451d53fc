import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, content, phoneWall } from '../helpers/forms';

const LOGIN = 'pages/login/login';
const INDEX = 'pages/index/index';

runRuleTests('phone-on-entry', {
  valid: [
    {
      name: 'entry page shows content; the login page is opened from a tap',
      files: {
        ...appJson([INDEX, LOGIN, 'pages/mine/mine']),
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
        ...page('pages/mine/mine', '<view><navigator url="/pages/login/login">登录</navigator></view>', 'Page({})'),
      },
    },
    {
      name: 'launch redirect that is commented out',
      files: {
        ...appJson([INDEX, LOGIN]),
        'app.js': `App({\n  onLaunch() {\n    // wx.reLaunch({ url: '/pages/login/login' })\n  },\n});\n`,
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
      },
    },
    {
      name: 'redirect in an app method that launch code never calls',
      files: {
        ...appJson([INDEX, LOGIN]),
        'app.js': `App({\n  onLaunch() {},\n  goLogin() {\n    wx.reLaunch({ url: '/pages/login/login' });\n  },\n});\n`,
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
      },
    },
    {
      name: 'phone button among the entry page content',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          `<view>\n  <view wx:for="{{items}}" wx:key="id">{{item.title}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onBind">绑定手机号领券</button>\n</view>`,
          'Page({ onBind(e) {} })',
        ),
      },
    },
    {
      name: 'entry login page that lets the user skip',
      files: {
        ...appJson([LOGIN, INDEX]),
        ...page(
          LOGIN,
          `<view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">手机号登录</button>\n  <button bindtap="skip">暂不登录，先逛逛</button>\n</view>`,
          `Page({\n  onGetPhone(e) {},\n  skip() {\n    wx.switchTab({ url: '/pages/index/index' });\n  },\n});`,
        ),
        ...contentPage(INDEX),
      },
    },
    {
      name: 'feature check and silent wx.login at launch',
      files: {
        ...appJson([INDEX, LOGIN]),
        'app.js': `App({\n  onLaunch() {\n    if (wx.getUserProfile) this.globalData.canProfile = true;\n    wx.login({ success: (res) => this.globalData.code = res.code });\n  },\n  globalData: {},\n});\n`,
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
      },
    },
    {
      name: 'launch redirect to a content page',
      files: {
        ...appJson([INDEX, 'pages/home/home', LOGIN]),
        'app.js': `App({\n  onLaunch() {\n    wx.switchTab({ url: '/pages/home/home' });\n  },\n});\n`,
        ...contentPage(INDEX),
        ...contentPage('pages/home/home'),
        ...phoneOnlyPage(LOGIN),
      },
    },
    {
      name: 'redirect to the login page from a tap handler on the entry page',
      files: {
        ...appJson([INDEX, LOGIN]),
        ...page(
          INDEX,
          `<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button bindtap="login">登录</button>\n</view>`,
          `Page({\n  login() {\n    wx.navigateTo({ url: '/pages/login/login' });\n  },\n});`,
        ),
        ...phoneOnlyPage(LOGIN),
      },
    },
  ],
  invalid: [
    {
      name: 'pages[0] is a phone-only login page',
      files: { ...appJson([LOGIN, INDEX]), ...phoneOnlyPage(LOGIN), ...contentPage(INDEX) },
      errors: [{ file: `${LOGIN}.wxml`, at: '<button type="primary" open-type="getPhoneNumber"' }],
    },
    {
      name: 'entryPagePath names a phone-only page',
      files: { ...appJson([INDEX, LOGIN], { entryPagePath: LOGIN }), ...phoneOnlyPage(LOGIN), ...contentPage(INDEX) },
      errors: [{ file: `${LOGIN}.wxml`, at: '<button type="primary"' }],
    },
    {
      name: 'app onLaunch reLaunches to the phone-only page',
      files: {
        ...appJson([INDEX, LOGIN]),
        'app.js': `App({\n  onLaunch() {\n    if (!wx.getStorageSync('token')) {\n      wx.reLaunch({ url: '/pages/login/login' });\n    }\n  },\n});\n`,
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
      },
      errors: [{ file: 'app.js', at: 'wx.reLaunch(' }],
    },
    {
      name: 'app onShow goes through a CommonJS helper module',
      files: {
        ...appJson([INDEX, LOGIN]),
        'app.js': `const auth = require('./utils/auth');\nApp({\n  onShow() {\n    auth.ensureLogin();\n  },\n});\n`,
        'utils/auth.js': `function ensureLogin() {\n  if (!wx.getStorageSync('token')) wx.navigateTo({ url: '/pages/login/login?from=launch' });\n}\nmodule.exports = { ensureLogin };\n`,
        ...contentPage(INDEX),
        ...phoneOnlyPage(LOGIN),
      },
      errors: [{ file: 'app.js', at: 'auth.ensureLogin()' }],
    },
    {
      name: 'entry page onLoad redirects through this.method()',
      files: {
        ...appJson([INDEX, LOGIN]),
        ...page(
          INDEX,
          '<view wx:for="{{items}}">{{item}}</view>',
          `const LOGIN_URL = '/pages/login/login';\nPage({\n  onLoad() {\n    this.checkLogin();\n  },\n  checkLogin() {\n    wx.redirectTo({ url: LOGIN_URL });\n  },\n});`,
        ),
        ...phoneOnlyPage(LOGIN),
      },
      errors: [{ file: `${INDEX}.js`, at: 'this.checkLogin()' }],
    },
    {
      name: 'TypeScript entry page imports an ES module helper',
      files: {
        ...appJson([INDEX, LOGIN]),
        [`${INDEX}.wxml`]: '<view wx:for="{{items}}">{{item}}</view>',
        [`${INDEX}.ts`]: `import { requireLogin } from '../../utils/auth';\nPage({\n  onShow(): void {\n    requireLogin();\n  },\n});\n`,
        'utils/auth.ts': `export function requireLogin(): void {\n  wx.reLaunch({ url: \`/pages/login/login?t=\${Date.now()}\` });\n}\n`,
        ...phoneOnlyPage(LOGIN),
      },
      errors: [{ file: `${INDEX}.ts`, at: 'requireLogin()' }],
    },
    {
      name: 'entry page covered by a full-screen phone button',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          `<view>\n  <view wx:for="{{items}}">{{item}}</view>\n  <button class="cover" open-type="getPhoneNumber" bindgetphonenumber="onPhone"></button>\n</view>`,
          'Page({ onPhone(e) {} })',
          '.cover { position: fixed; left: 0; top: 0; right: 0; bottom: 0; opacity: 0; }',
        ),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<button class="cover"' }],
    },
    {
      name: 'real-time phone verification on the entry page',
      files: { ...appJson([LOGIN, INDEX]), ...phoneOnlyPage(LOGIN, 'getRealtimePhoneNumber'), ...contentPage(INDEX) },
      errors: [{ file: `${LOGIN}.wxml`, at: '<button type="primary" open-type="getRealtimePhoneNumber"' }],
    },
    {
      name: 'the phone button lives in a custom component that is all the entry page shows',
      files: {
        ...appJson([LOGIN, INDEX]),
        ...page(LOGIN, '<view class="page">\n  <login-panel></login-panel>\n</view>', 'Page({})'),
        [`${LOGIN}.json`]: '{ "usingComponents": { "login-panel": "/components/login-panel/index" } }',
        'components/login-panel/index.wxml':
          '<view>\n  <text>登录后使用</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权手机号</button>\n</view>',
        'components/login-panel/index.js': 'Component({ methods: { onPhone(e) {} } })',
        ...contentPage(INDEX),
      },
      errors: [{ file: 'components/login-panel/index.wxml', at: '<button open-type="getPhoneNumber"' }],
    },
    {
      name: 'the entry page only opens an authorization popup whose cancel just closes it',
      files: {
        ...appJson(['home/home', INDEX]),
        ...page(
          'home/home',
          '<view class="tip">点击下方按钮开始使用</view>\n<button bindtap="openAuth">开始授权</button>\n<auth-popup wx:if="{{showAuth}}" bind:done="onDone"></auth-popup>',
          'Page({ openAuth() { this.setData({ showAuth: true }); }, onDone() {} })',
        ),
        // `../../` past the root resolves to the root, as WeChat resolves component paths.
        'home/home.json': '{ "usingComponents": { "auth-popup": "../../widgets/auth-popup/auth-popup" } }',
        'widgets/auth-popup/auth-popup.wxml':
          '<view class="mask">\n  <text>申请获取你的手机号</text>\n  <button bindtap="cancel">取消</button>\n  <button open-type="getPhoneNumber" bindgetphonenumber="confirm">确认授权</button>\n</view>',
        'widgets/auth-popup/auth-popup.js':
          "Component({ methods: { cancel() { this.triggerEvent('done', -1); }, confirm(e) { this.triggerEvent('done', 1); } } })",
        ...contentPage(INDEX),
      },
      errors: [
        {
          file: 'widgets/auth-popup/auth-popup.wxml',
          at: '<button open-type="getPhoneNumber" bindgetphonenumber="confirm">',
        },
      ],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('phone-on-entry', {
  valid: [
    {
      name: 'a phone login page reached from the content',
      project: {
        pages: {
          [INDEX]: {
            template:
              '<view>\n  <view wx:for="{{items}}">{{item.title}}</view>\n  <navigator url="/pages/login/login">登录</navigator>\n</view>',
          },
          [LOGIN]: phoneWall,
        },
      },
    },
  ],
  invalid: [
    {
      name: 'the entry page is a phone wall',
      project: { pages: { [LOGIN]: phoneWall, [INDEX]: content } },
      errors: [{ page: LOGIN, part: 'template', at: '<button' }],
    },
    {
      name: 'launch code sends users to a phone wall',
      project: {
        pages: { [INDEX]: content, [LOGIN]: phoneWall },
        onLaunch: "wx.reLaunch({ url: '/pages/login/login' });",
      },
      errors: [{ part: 'app', at: 'wx.reLaunch(' }],
    },
    {
      name: 'the entry page shows only a login card component',
      project: {
        pages: { [INDEX]: { template: '<view>\n  <login-card></login-card>\n</view>' }, [STORES]: content },
        components: { 'login-card': phoneWall },
      },
      errors: [{ component: 'login-card', part: 'template', at: '<button' }],
    },
  ],
});
