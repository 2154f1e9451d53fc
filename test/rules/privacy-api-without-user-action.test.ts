import { runRuleTests } from '../helpers/rule-tester';
import { QQMAP_SDK, appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, content, lintRendered, tapPage, withStores } from '../helpers/forms';
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ProjectFiles, relativePath } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const MAP = 'pages/map/map';
const withMapPage = (js: string, wxml = '<view><map></map><button bindtap="locate">定位</button></view>') => ({
  ...appJson([INDEX, MAP], { requiredPrivateInfos: ['getLocation'] }),
  ...contentPage(INDEX),
  ...page(MAP, wxml, js),
});

// A Vuex-style store module with an action that asks for the location; pages bind it with mapActions.
const GEO_STORE = {
  'store/location.js':
    'const actions = {\n  locate({ commit }) {\n    wx.getLocation({ type: "gcj02" });\n  },\n};\nmodule.exports = { actions };',
};
const withMappedAction = (members: string) => ({
  ...withMapPage(
    `import { mapActions } from '../../store/index';\nPage({\n  ...mapActions(['locate']),\n${members}\n})`,
  ),
  ...GEO_STORE,
  'store/index.js': "const location = require('./location');\nexport function mapActions() {}\nexport { location };",
});

runRuleTests('privacy-api-without-user-action', {
  valid: [
    {
      name: 'a store action bound by mapActions, dispatched from the tap it is bound to',
      files: withMappedAction(''),
    },
    { name: 'location asked from a tap', files: withMapPage('Page({ locate() { wx.getLocation({}); } })') },
    {
      name: 'tap handler reaching a helper',
      files: {
        ...withMapPage(`const geo = require('../../utils/geo');\nPage({ locate() { geo.where(); } })`),
        'utils/geo.js': 'exports.where = function () { wx.getLocation({}); };',
      },
    },
    {
      name: 'a handler that nothing binds',
      files: withMapPage('Page({ onLoad() {}, unused() { wx.chooseImage({}); } })'),
    },
    {
      name: 'silent wx.login and feature checks at launch',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({ onLaunch() { wx.login({}); if (wx.getLocation) {} } })',
        ...contentPage(INDEX),
      },
    },
  ],
  invalid: [
    {
      name: 'a store action bound by mapActions, called in onLoad after the data is set',
      files: withMappedAction(
        '  onLoad() {\n    this.setData({ ready: true }, () => {\n      this.locate();\n    });\n  },',
      ),
      errors: [{ file: `${MAP}.js`, at: 'this.locate()', severity: 'info' }],
    },
    {
      name: 'app onLaunch asks for location (launch path: warning)',
      files: {
        ...appJson([INDEX]),
        'app.js': 'App({\n  onLaunch() {\n    wx.getLocation({ type: "gcj02" });\n  },\n});',
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.js', at: 'wx.getLocation(', severity: 'warning' }],
    },
    {
      name: 'wx.authorize on the entry page onLoad through a helper',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          `import { askRecord } from '../../utils/perm';\nPage({ onLoad() { askRecord(); } })`,
        ),
        'utils/perm.js': "export function askRecord() { wx.authorize({ scope: 'scope.record' }); }",
      },
      errors: [{ file: `${INDEX}.js`, at: 'askRecord()', severity: 'warning' }],
    },
    {
      name: 'a bundled map SDK called from the entry page onLoad, reported at the app call',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }),
        'libs/qqmap-wx-jssdk.js': QQMAP_SDK,
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          "const QQMapWX = require('../../libs/qqmap-wx-jssdk.js');\nlet qqmapsdk;\nPage({\n  onLoad() {\n    qqmapsdk = new QQMapWX({ key: 'K' });\n    qqmapsdk.reverseGeocoder({ success: (r) => this.setData({ city: r }) });\n  },\n});",
        ),
      },
      errors: [{ file: `${INDEX}.js`, at: 'qqmapsdk.reverseGeocoder(', severity: 'warning' }],
    },
    {
      // A minified SDK: a constructor function with prototype methods, exported by name, calling itself through `var c = this`.
      name: 'a constructor-function SDK made with new sdk.Class() and reached through a this alias',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation'] }),
        'libs/amap.js':
          'function AMapWX(a){this.key=a.key}\nAMapWX.prototype.getWxLocation=function(a,b){wx.getLocation({type:"gcj02",success:function(c){b(c)}})};\nAMapWX.prototype.getRegeo=function(a){var c=this;a.location?a.success(a.location):c.getWxLocation(a,function(d){a.success(d)})};\nmodule.exports.AMapWX=AMapWX;\n',
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>',
          "var amapFile = require('../../libs/amap.js');\nvar myAmap = new amapFile.AMapWX({ key: 'K' });\nPage({\n  onLoad() {\n    myAmap.getRegeo({ success: (d) => this.setData({ place: d }) });\n  },\n});",
        ),
      },
      errors: [{ file: `${INDEX}.js`, at: 'myAmap.getRegeo(', severity: 'warning' }],
    },
    {
      name: 'a map page onShow (not on the launch path: info)',
      files: withMapPage('Page({ onShow() { wx.getLocation({}); } })'),
      errors: [{ file: `${MAP}.js`, at: 'wx.getLocation(', severity: 'info' }],
    },
    {
      name: 'a component attached on the entry page, in a timer',
      files: {
        ...appJson([INDEX], { usingComponents: { 'photo-wall': '/components/wall/wall' } }),
        ...page(INDEX, '<view wx:for="{{a}}">{{item}}</view><photo-wall></photo-wall>', 'Page({})'),
        'components/wall/wall.wxml': '<view>墙</view>',
        'components/wall/wall.js':
          'Component({ lifetimes: { attached() { setTimeout(() => wx.chooseMedia({}), 500); } } })',
      },
      errors: [{ file: 'components/wall/wall.js', at: 'wx.chooseMedia(', severity: 'warning' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('privacy-api-without-user-action', {
  valid: [
    {
      name: 'location asked from a tap',
      project: withStores(tapPage('wx.getLocation({});'), { requiredPrivateInfos: ['getLocation'] }),
    },
  ],
  invalid: [
    {
      name: 'the entry page asks for the location when it loads',
      project: {
        pages: {
          [INDEX]: { ...content, lifecycles: { onLoad: 'wx.getLocation({ success: (res) => console.log(res) });' } },
        },
        settings: { requiredPrivateInfos: ['getLocation'] },
      },
      errors: [{ page: INDEX, part: 'script', at: 'wx.getLocation(', severity: 'warning' }],
    },
    {
      name: 'a page method called from onShow',
      project: withStores({
        ...tapPage('this.pickPhoto();'),
        lifecycles: { onShow: 'this.pickPhoto();' },
        methods: { locate: 'this.pickPhoto();', pickPhoto: 'wx.chooseImage({ count: 1 });' },
      }),
      errors: [{ page: STORES, part: 'script', at: 'this.pickPhoto(', severity: 'info' }],
    },
  ],
});

// A Taro handler factory: `onClick={choose('camera')}` makes the handler while rendering; the photo is asked for on the tap.
const taroAvatar = (useEffectBody: string): ProjectFiles => ({
  'config/index.js':
    "module.exports = function () { return { sourceRoot: 'src', outputRoot: 'dist', framework: 'react' }; };\n",
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/avatar/index'] })\n",
  'src/app.tsx': 'export default function App({ children }) { return children }\n',
  'src/pages/avatar/index.tsx': `import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { chooseMedia } from '@tarojs/taro'

export default function Avatar() {
  const choose = (source) => () => {
    chooseMedia({ count: 1, sourceType: [source] })
  }
  useEffect(() => {
    ${useEffectBody}
  }, [])
  return (
    <View>
      <View>头像</View>
      <View onClick={choose('camera')}>拍照</View>
      <View onClick={choose('album')}>从相册选择</View>
    </View>
  )
}
`,
});

describe('privacy-api-without-user-action and handler factories (Taro)', () => {
  const reported = (files: ProjectFiles) =>
    lintRendered(files)
      .filter((f) => f.ruleId === 'privacy-api-without-user-action')
      .map((f) => `${relativePath(f.range.file)} ${f.severity}`);
  it('onClick={choose(...)}: asked on the tap, not while rendering', () => {
    assert.deepEqual(reported(taroAvatar('console.log(1)')), []);
  });
  it("the same factory's handler called on mount is reported", () => {
    assert.deepEqual(reported(taroAvatar("choose('album')()")), ['src/pages/avatar/index.tsx warning']);
  });
});
