import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { runRuleTests, runRuleTestsInForms } from '../helpers/rule-tester';
import { tapPage, withStores } from '../helpers/forms';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { applyFix, lintFiles } from '../helpers/virtual-project';
import { assertParses } from '../helpers/fix-checks';
import type { ProjectFiles } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const storesPage = page(
  STORES,
  '<view><button bindtap="locate">附近门店</button></view>',
  `Page({\n  locate() {\n    wx.getLocation({ type: 'gcj02', success: (res) => this.setData({ res }) });\n  },\n});`,
);
const withApp = (extra: Record<string, unknown>): ProjectFiles => ({
  ...appJson([INDEX, STORES], extra),
  ...contentPage(INDEX),
  ...storesPage,
});
const RULE = 'unknown-privacy-declaration';
/** The rules a declaration decides (the project has no privacy-consent flow, which another rule reports). */
const declarationRules = (files: ProjectFiles) =>
  lintFiles(files)
    .map((f) => f.ruleId)
    .filter((id) =>
      [RULE, 'undeclared-private-info', 'location-purpose', 'unused-private-info-declaration'].includes(id),
    );

runRuleTests(RULE, {
  valid: [
    {
      name: 'the eight declarable interfaces (fuzzy and precise are another rule)',
      files: withApp({
        requiredPrivateInfos: [
          'getLocation',
          'onLocationChange',
          'startLocationUpdate',
          'startLocationUpdateBackground',
          'chooseLocation',
          'choosePoi',
          'chooseAddress',
        ],
      }),
    },
    {
      name: 'the three permission scopes',
      files: withApp({
        requiredPrivateInfos: ['getLocation'],
        permission: {
          'scope.userLocation': { desc: '用于推荐附近门店' },
          'scope.userLocationBackground': { desc: '用于配送中更新位置' },
          'scope.userFuzzyLocation': { desc: '用于显示所在城市' },
        },
      }),
    },
    { name: 'no declarations at all', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
  ],
  invalid: [
    {
      name: 'a misspelt interface',
      files: withApp({ requiredPrivateInfos: ['getLoaction'] }),
      errors: [{ file: 'app.json', at: '"getLoaction"' }],
    },
    {
      name: 'a wrongly cased interface that is also declared correctly: no rename offered',
      files: withApp({ requiredPrivateInfos: ['getLocation', 'getlocation'] }),
      errors: [{ file: 'app.json', at: '"getlocation"' }],
    },
    {
      name: 'a name that is no interface',
      files: withApp({ requiredPrivateInfos: ['getLocation', 'userLocation'] }),
      errors: [{ file: 'app.json', at: '"userLocation"' }],
    },
    {
      name: 'a permission key named after the API',
      files: withApp({
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.getLocation': { desc: '用于推荐附近门店' } },
      }),
      errors: [{ file: 'app.json', at: '"scope.getLocation"' }],
    },
    {
      name: 'a misspelt scope and one without its prefix',
      files: withApp({
        requiredPrivateInfos: ['getLocation'],
        permission: {
          'scope.userLoaction': { desc: '用于推荐附近门店' },
          userLocationBackground: { desc: '用于配送' },
        },
      }),
      errors: [
        { file: 'app.json', at: '"scope.userLoaction"' },
        { file: 'app.json', at: '"userLocationBackground"' },
      ],
    },
    {
      name: 'a real scope that takes no purpose here',
      files: withApp({
        requiredPrivateInfos: ['getLocation'],
        permission: {
          'scope.userLocation': { desc: '用于推荐附近门店' },
          'scope.writePhotosAlbum': { desc: '保存海报' },
        },
      }),
      errors: [{ file: 'app.json', at: '"scope.writePhotosAlbum"' }],
    },
  ],
});

describe(`${RULE}: messages and fixes`, () => {
  const findingIn = (files: ProjectFiles) => {
    const found = lintFiles(files).filter((f) => f.ruleId === RULE);
    assert.equal(found.length, 1, `one ${RULE} finding`);
    return found[0];
  };

  it('suggests the interface meant and replaces it, after which the call is declared', () => {
    const files = withApp({
      requiredPrivateInfos: ['getLoaction'],
      permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } },
    });
    const finding = findingIn(files);
    assert.match(finding.message.en, /did you mean "getLocation"/);
    assert.match(finding.message['zh-cn'], /是否应为“getLocation”/);
    assert.ok(
      lintFiles(files).some((f) => f.ruleId === 'undeclared-private-info'),
      'the misspelt entry declares nothing',
    );
    const after = applyFix(files, finding, 'replace-privacy-declaration');
    assertParses('app.json', after['app.json']);
    assert.deepEqual((JSON.parse(after['app.json']) as { requiredPrivateInfos: string[] }).requiredPrivateInfos, [
      'getLocation',
    ]);
    assert.deepEqual(declarationRules(after), [], 'declared, with a purpose: nothing left');
  });

  it('maps a key named after an API to its scope, and the purpose then counts', () => {
    const files = withApp({
      requiredPrivateInfos: ['getLocation'],
      permission: { 'scope.getLocation': { desc: '用于推荐附近门店' } },
    });
    const finding = findingIn(files);
    assert.match(finding.message.en, /did you mean "scope\.userLocation"/);
    assert.ok(
      lintFiles(files).some((f) => f.ruleId === 'location-purpose'),
      'the purpose under the wrong key is not seen',
    );
    const after = applyFix(files, finding, 'replace-privacy-declaration');
    assertParses('app.json', after['app.json']);
    assert.deepEqual(Object.keys((JSON.parse(after['app.json']) as { permission: object }).permission), [
      'scope.userLocation',
    ]);
    assert.deepEqual(declarationRules(after), []);
  });

  it('offers no rename to a name already declared, and removes the duplicate instead', () => {
    const files = withApp({
      requiredPrivateInfos: ['getLocation', 'getlocation'],
      permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } },
    });
    const finding = findingIn(files);
    assert.deepEqual(
      finding.fixes.map((f) => f.kind),
      ['remove-privacy-declaration'],
    );
    const after = applyFix(files, finding, 'remove-privacy-declaration');
    assertParses('app.json', after['app.json']);
    assert.deepEqual((JSON.parse(after['app.json']) as { requiredPrivateInfos: string[] }).requiredPrivateInfos, [
      'getLocation',
    ]);
    assert.deepEqual(declarationRules(after), []);
  });

  it('removes a scope that takes no purpose and keeps the others', () => {
    const files = withApp({
      requiredPrivateInfos: ['getLocation'],
      permission: {
        'scope.writePhotosAlbum': { desc: '保存海报' },
        'scope.userLocation': { desc: '用于推荐附近门店' },
      },
    });
    const finding = findingIn(files);
    assert.equal(finding.severity, 'warning');
    assert.ok(
      !finding.fixes.some((f) => f.kind === 'replace-privacy-declaration'),
      'a real scope is not renamed into another',
    );
    const after = applyFix(files, finding, 'remove-privacy-declaration');
    assertParses('app.json', after['app.json']);
    assert.deepEqual((JSON.parse(after['app.json']) as { permission: object }).permission, {
      'scope.userLocation': { desc: '用于推荐附近门店' },
    });
  });

  it('guesses nothing for a name far from every interface', () => {
    const finding = findingIn(
      withApp({
        requiredPrivateInfos: ['getLocation', 'getUserPhoneNumber'],
        permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } },
      }),
    );
    assert.doesNotMatch(finding.message.en, /did you mean/);
    assert.match(finding.evidence.en, /getFuzzyLocation, getLocation/);
  });
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('unknown-privacy-declaration', {
  valid: [
    {
      name: 'known interface and scope',
      project: withStores(tapPage('wx.getLocation({});'), {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '用于为你推荐附近的门店' } },
      }),
    },
  ],
  invalid: [
    {
      name: 'a misspelt interface',
      project: withStores(tapPage('wx.showToast({ title: "ok" });'), { requiredPrivateInfos: ['getLoaction'] }),
      errors: [{ part: 'settings', at: '"getLoaction"', severity: 'warning' }],
    },
    {
      name: 'an API name as a permission key',
      project: withStores(tapPage('wx.showToast({ title: "ok" });'), {
        permission: { 'scope.getLocation': { desc: '用于为你推荐附近的门店' } },
      }),
      errors: [{ part: 'settings', at: '"scope.getLocation"', severity: 'warning' }],
    },
  ],
});
