import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { runRuleTests } from '../helpers/rule-tester';
import { applyFix, lintFiles } from '../helpers/virtual-project';
import type { ProjectFiles } from '../helpers/virtual-project';
import { QQMAP_SDK, appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const storesPage = (js: string) => page(STORES, '<view><button bindtap="locate">附近门店</button></view>', js);
const locateJs = (api: string) =>
  `Page({\n  locate() {\n    wx.${api}({ success: (res) => this.setData({ res }) });\n  },\n});`;

runRuleTests('undeclared-private-info', {
  valid: [
    {
      name: 'getLocation declared',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(locateJs('getLocation')),
      },
    },
    {
      name: 'chooseAddress and chooseLocation declared',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseAddress', 'chooseLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(`Page({ locate() { wx.chooseAddress({}); wx.chooseLocation({}); } })`),
      },
    },
    {
      name: 'a feature check and a commented-out call are not uses',
      files: {
        ...appJson([INDEX, STORES]),
        ...contentPage(INDEX),
        ...storesPage(
          `Page({\n  locate() {\n    if (wx.getLocation) { this.can = true; }\n    // wx.getLocation({})\n  },\n});`,
        ),
      },
    },
    {
      name: 'APIs outside the list need no declaration',
      files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), ...storesPage(locateJs('chooseImage')) },
    },
  ],
  invalid: [
    {
      name: 'no requiredPrivateInfos at all',
      files: { ...appJson([INDEX, STORES]), ...contentPage(INDEX), ...storesPage(locateJs('getLocation')) },
      errors: [{ file: `${STORES}.js`, at: 'wx.getLocation(' }],
    },
    {
      name: 'inside a bundled SDK: reported where the page calls the SDK',
      files: {
        ...appJson([INDEX, STORES]),
        ...contentPage(INDEX),
        'libs/qqmap-wx-jssdk.js': QQMAP_SDK,
        ...storesPage(
          "const QQMapWX = require('../../libs/qqmap-wx-jssdk');\nPage({\n  locate() {\n    this.map = new QQMapWX({ key: 'K' });\n    this.map.reverseGeocoder({});\n  },\n});",
        ),
      },
      errors: [{ file: `${STORES}.js`, at: 'this.map.reverseGeocoder(' }],
    },
    {
      name: 'declared list is partial',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['chooseLocation'] }),
        ...contentPage(INDEX),
        ...storesPage(`Page({ locate() { wx.chooseLocation({}); wx.chooseAddress({}); } })`),
      },
      errors: [{ file: `${STORES}.js`, at: 'wx.chooseAddress(' }],
    },
    {
      name: 'a helper module and uni-app style call',
      files: {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: [] }),
        ...contentPage(INDEX),
        ...storesPage(`const geo = require('../../utils/geo');\nPage({ locate() { geo.here(); } })`),
        'utils/geo.js': `module.exports = {\n  here() {\n    return new Promise((resolve) => uni.startLocationUpdate({ success: resolve }));\n  },\n};\n`,
      },
      errors: [{ file: 'utils/geo.js', at: 'uni.startLocationUpdate(' }],
    },
  ],
});

describe('undeclared-private-info: the declare fix', () => {
  const withList = (requiredPrivateInfos: string[]) => ({
    ...appJson([INDEX, STORES], { requiredPrivateInfos }),
    ...contentPage(INDEX),
    ...storesPage(locateJs('getLocation')),
  });
  const declareFix = (files: ProjectFiles) => {
    const finding = lintFiles(files).find((f) => f.ruleId === 'undeclared-private-info');
    assert.ok(finding, 'the call is reported');
    const fix = finding.fixes.find((f) => f.kind === 'declare-private-info');
    assert.ok(fix?.automatic, 'lint --fix applies it');
    return applyFix(files, finding, 'declare-private-info');
  };
  const listAfter = (files: ProjectFiles) =>
    (JSON.parse(files['app.json']) as { requiredPrivateInfos: string[] }).requiredPrivateInfos;

  it('corrects a misspelling of the API instead of adding the right name beside it', () => {
    assert.deepEqual(listAfter(declareFix(withList(['chooseAddress', 'getLoaction']))), [
      'chooseAddress',
      'getLocation',
    ]);
  });

  it('appends when nothing in the list is a slip of the API', () => {
    assert.deepEqual(listAfter(declareFix(withList(['chooseAddress', 'somethingElse']))), [
      'chooseAddress',
      'somethingElse',
      'getLocation',
    ]);
  });
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('undeclared-private-info', {
  valid: [
    {
      name: 'getLocation declared',
      project: withStores(tapPage('wx.getLocation({ type: "gcj02" });'), { requiredPrivateInfos: ['getLocation'] }),
    },
  ],
  invalid: [
    {
      name: 'not declared',
      project: withStores(tapPage('wx.getLocation({ type: "gcj02" });')),
      errors: [{ page: STORES, part: 'script', at: 'wx.getLocation(' }],
    },
    {
      name: 'one of two declared',
      project: withStores(tapPage('wx.chooseLocation({});\nwx.chooseAddress({});'), {
        requiredPrivateInfos: ['chooseLocation'],
      }),
      errors: [{ page: STORES, part: 'script', at: 'wx.chooseAddress(' }],
    },
  ],
});
