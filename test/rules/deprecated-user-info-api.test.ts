import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { STORES, lintRendered, tapPage, withStores } from '../helpers/forms';
import { ProjectFiles, relativePath, textAt } from '../helpers/virtual-project';

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

// A hook library outside the project's sources: taro-hooks' useUserInfo hands back a getUserProfile wrapper.
const TARO_LOGIN = 'src/pages/login/index.tsx';
const taroLogin = (hookImport: string, component = 'export default function Login() {', end = '}') => ({
  'config/index.js':
    "module.exports = function () { return { sourceRoot: 'src', outputRoot: 'dist', framework: 'react' }; };\n",
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/login/index'] })\n",
  'src/app.tsx': 'export default function App({ children }) { return children }\n',
  [TARO_LOGIN]: `import { View, Button } from '@tarojs/components'
${hookImport}

${component}
  const [, { getUserProfile: profile }] = useUserInfo()
  const onLogin = () => {
    profile({ lang: 'zh_CN', desc: '用于完善会员资料' }).then((res) => console.log(res))
  }
  return (
    <View>
      <View>欢迎</View>
      <Button onClick={onLogin}>微信登录</Button>
    </View>
  )
${end}
`,
});

describe('deprecated-user-info-api through a hook library (Taro)', () => {
  const reported = (files: ProjectFiles) =>
    lintRendered(files)
      .filter((f) => f.ruleId === 'deprecated-user-info-api')
      .map((f) => `${relativePath(f.range.file)} ${f.severity} ${textAt(files, f).slice(0, 20)}`);
  it("taro-hooks' useUserInfo getUserProfile wrapper, renamed, called from a tap", () => {
    assert.deepEqual(reported(taroLogin("import { useUserInfo } from 'taro-hooks'")), [
      `${TARO_LOGIN} warning profile({ lang: 'zh_`,
    ]);
  });
  it('a component written as an arrow and exported by name reports the call once, from its handler', () => {
    const files = taroLogin(
      "import { useUserInfo } from 'taro-hooks'",
      'const Login = () => {',
      '}\nexport default Login',
    );
    assert.deepEqual(reported(files), [`${TARO_LOGIN} warning profile({ lang: 'zh_`]);
  });
  it('a useUserInfo hook of the project itself is not taro-hooks', () => {
    assert.deepEqual(reported(taroLogin("import { useUserInfo } from '../../hooks/user'")), []);
  });
});
