import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { STORES, lintRendered, tapPage, withStores } from '../helpers/forms';
import { ProjectFiles, relativePath, textAt } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const ORDER = 'pages/order/order';
const orderPage = (
  js: string,
  wxml = '<view><text>{{order.no}}</text><button bindtap="notify">订阅发货通知</button></view>',
) => ({ ...appJson([INDEX, ORDER]), ...contentPage(INDEX), ...page(ORDER, wxml, js) });
const SUBSCRIBE = "wx.requestSubscribeMessage({ tmplIds: ['T1'] })";

// A Vuex-style store module loaded by app.js: a mutation that asks for the subscription, committed by name.
const STORE = {
  'app.js': "const user = require('./store/user');\nApp({ globalData: { user } });",
  'store/user.js': `const mutations = {\n  subscribe(state) {\n    ${SUBSCRIBE};\n  },\n};\nmodule.exports = { mutations };`,
};
const storePages = (indexJs: string, orderJs: string) => ({
  ...appJson([INDEX, ORDER]),
  ...STORE,
  ...page(
    INDEX,
    '<view><view wx:for="{{items}}">{{item}}</view><button bindtap="notify">订阅</button></view>',
    indexJs,
  ),
  ...page(ORDER, '<view><text>{{order.no}}</text><button bindtap="notify">提交</button></view>', orderJs),
});

runRuleTests('subscribe-message-without-tap', {
  valid: [
    {
      name: 'a store mutation committed in the tap',
      files: storePages(
        "Page({ notify() { this.$store.commit('subscribe'); } })",
        "Page({ notify() { this.$store.commit('user/subscribe'); } })",
      ),
    },
    {
      name: 'first thing in a tap handler',
      files: orderPage(`Page({ notify() { ${SUBSCRIBE}; wx.request({ url: 'https://api.example.com/sub' }); } })`),
    },
    {
      name: 'in a helper called synchronously from the tap',
      files: {
        ...orderPage(`const sub = require('../../utils/sub');\nPage({ notify() { sub.ask(); } })`),
        'utils/sub.js': `module.exports = { ask() { ${SUBSCRIBE}; } };`,
      },
    },
    {
      name: 'in the payment success callback (allowed since 2.8.2)',
      files: orderPage(`Page({ notify() { wx.requestPayment({ success: () => { ${SUBSCRIBE}; } }); } })`),
    },
    { name: 'in a method no template binds', files: orderPage(`Page({ notify() {}, later() { ${SUBSCRIBE}; } })`) },
    {
      name: 'in the success callback of a confirmation dialog',
      files: orderPage(
        `Page({ notify() { wx.showModal({ title: '订阅', success: (res) => { if (res.confirm) ${SUBSCRIBE}; } }); } })`,
      ),
    },
  ],
  invalid: [
    {
      name: 'a store mutation committed in one tap and after a request in another: reported at the late commit',
      files: storePages(
        "Page({ notify() { this.$store.commit('subscribe'); } })",
        "Page({ notify() { wx.request({ url: 'https://api.example.com/order', success: () => { this.$store.commit('subscribe'); } }); } })",
      ),
      errors: [{ file: `${ORDER}.js`, at: "this.$store.commit('subscribe')" }],
    },
    {
      name: 'after an await in the tap handler',
      files: orderPage(
        `Page({ async notify() { await this.save(); ${SUBSCRIBE}; }, save() { return Promise.resolve(); } })`,
      ),
      errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }],
    },
    {
      name: 'in a promise then inside the tap',
      files: orderPage(
        `Page({ notify() { this.save().then(() => { ${SUBSCRIBE}; }); }, save() { return Promise.resolve(); } })`,
      ),
      errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }],
    },
    {
      name: 'in the payment fail callback',
      files: orderPage(`Page({ notify() { wx.requestPayment({ fail: () => { ${SUBSCRIBE}; } }); } })`),
      errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }],
    },
    {
      name: 'from onLoad',
      files: orderPage(`Page({ onLoad() { this.ask(); }, ask() { ${SUBSCRIBE}; } })`, '<view>{{order.no}}</view>'),
      errors: [{ file: `${ORDER}.js`, at: 'wx.requestSubscribeMessage(' }],
    },
    {
      name: 'in a wx.request success callback inside a helper',
      files: {
        ...orderPage(`import { subscribe } from '../../utils/sub';\nPage({ notify() { subscribe(); } })`),
        'utils/sub.js': `export function subscribe() { wx.request({ url: 'https://api.example.com/tmpl', success: () => { ${SUBSCRIBE}; } }); }`,
      },
      errors: [{ file: 'utils/sub.js', at: 'wx.requestSubscribeMessage(' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('subscribe-message-without-tap', {
  valid: [
    {
      name: 'subscribed first thing in the tap',
      project: withStores(
        tapPage(
          "wx.requestSubscribeMessage({ tmplIds: ['T1'] });\nwx.request({ url: 'https://api.example.com/subscribe' });",
          '订阅',
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'subscribed after a request came back',
      project: withStores(
        tapPage(
          "wx.request({\n  url: 'https://api.example.com/order',\n  success: () => {\n    wx.requestSubscribeMessage({ tmplIds: ['T1'] });\n  },\n});",
          '下单',
        ),
      ),
      errors: [{ page: STORES, part: 'script', at: 'wx.requestSubscribeMessage(' }],
    },
  ],
});

// A custom hook hands back a function that a tap handler calls later (`const ask = useAskSubscribe()`).
const TARO_CHAT = 'src/pages/chat/index.tsx';
const taroChat = (askBody: string): ProjectFiles => ({
  'config/index.js':
    "module.exports = function () { return { sourceRoot: 'src', outputRoot: 'dist', framework: 'react' }; };\n",
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/chat/index'] })\n",
  'src/app.tsx': 'export default function App({ children }) { return children }\n',
  'src/hooks/subscribe.ts': `import { requestSubscribeMessage, request } from '@tarojs/taro'
export function useAskSubscribe() {
  function ask() {
    ${askBody}
  }
  return ask
}
`,
  [TARO_CHAT]: `import { View, Button } from '@tarojs/components'
import { useAskSubscribe } from '../../hooks/subscribe'

export default function Chat() {
  const ask = useAskSubscribe()
  const onSend = () => {
    ask()
  }
  return (
    <View>
      <View>消息</View>
      <Button onClick={onSend}>发送</Button>
    </View>
  )
}
`,
});

describe('subscribe-message-without-tap through a custom hook (Taro)', () => {
  const reported = (files: ProjectFiles) =>
    lintRendered(files)
      .filter((f) => f.ruleId === 'subscribe-message-without-tap')
      .map((f) => `${relativePath(f.range.file)} ${f.severity} ${textAt(files, f).slice(0, 23)}`);
  it("the hook's function asks after a request: reported in the hook", () => {
    const files = taroChat(
      "request({ url: 'https://api.example.com/times' }).then(() => { requestSubscribeMessage({ tmplIds: ['T1'] }) })",
    );
    assert.deepEqual(reported(files), ['src/hooks/subscribe.ts error requestSubscribeMessage']);
  });
  it("the hook's function asks at once, from the tap that calls it: nothing", () => {
    assert.deepEqual(reported(taroChat("requestSubscribeMessage({ tmplIds: ['T1'] })")), []);
  });
});
