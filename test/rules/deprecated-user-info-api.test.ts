import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';

runRuleTests('deprecated-user-info-api', {
  valid: [
    {
      name: 'avatar and nickname fill-in',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><button open-type="chooseAvatar" bindchooseavatar="pick">头像</button><input type="nickname" />',
          'Page({ pick(e) {} })',
        ),
      },
    },
    {
      name: 'feature check',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({ onLaunch() { this.canProfile = !!wx.getUserProfile; } })',
        ...contentPage(INDEX),
      },
    },
    {
      name: 'commented-out call',
      files: {
        ...appJson([INDEX]),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view>', 'Page({ onLoad() {\n  // wx.getUserInfo({})\n} })'),
      },
    },
  ],
  invalid: [
    {
      name: 'wx.getUserInfo in a request helper',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX),
        'utils/http.js': 'module.exports = function login() { wx.getUserInfo({ success() {} }); };',
        'app.js': "const login = require('./utils/http');\nApp({ onLaunch() { login(); } })",
      },
      errors: [{ file: 'utils/http.js', at: 'wx.getUserInfo(' }],
    },
    {
      name: 'the getUserInfo button',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>\n<button open-type="getUserInfo" bindgetuserinfo="onInfo">登录</button>',
          'Page({ onInfo(e) {} })',
        ),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<button open-type="getUserInfo"' }],
    },
    {
      name: 'getUserProfile in a tap and authorize scope.userInfo',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view><button bindtap="login">登录</button>',
          "Page({ login() { wx.getUserProfile({ desc: '完善资料' }); }, onLoad() { wx.authorize({ scope: 'scope.userInfo' }); } })",
        ),
      },
      errors: [
        { file: `${INDEX}.js`, at: 'wx.getUserProfile(' },
        { file: `${INDEX}.js`, at: 'wx.authorize(' },
      ],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('deprecated-user-info-api', {
  valid: [
    {
      name: 'avatar fill-in',
      project: withStores({
        template: '<view>\n  <button open-type="chooseAvatar" bindchooseavatar="onAvatar">头像</button>\n</view>',
        methods: { onAvatar: 'console.log(e.detail.avatarUrl);' },
      }),
    },
  ],
  invalid: [
    {
      name: 'getUserProfile in a tap',
      project: withStores(tapPage("wx.getUserProfile({ desc: '用于完善会员资料' });", '微信登录')),
      errors: [{ page: STORES, part: 'script', at: 'wx.getUserProfile(' }],
    },
    {
      name: 'a getUserInfo button',
      project: withStores({
        template: '<view>\n  <button open-type="getUserInfo" bindgetuserinfo="onInfo">授权</button>\n</view>',
        methods: { onInfo: 'console.log(e.detail);' },
      }),
      errors: [{ page: STORES, part: 'template', at: '<button' }],
    },
  ],
});
