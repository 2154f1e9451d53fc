import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { checkFix } from '../helpers/fix-checks';

const INDEX = 'pages/index/index';
const STORES = 'pages/stores/stores';
const CAMERA = 'pages/scan/scan';
const locate = (api: string) =>
  page(
    STORES,
    '<view><button bindtap="locate">附近门店</button></view>',
    `Page({\n  locate() {\n    wx.${api}({});\n  },\n});\n`,
  );

describe('catalogue fixes', () => {
  it('declare-private-info adds the API to an existing requiredPrivateInfos', () => {
    const files = {
      ...appJson([INDEX, STORES], {
        requiredPrivateInfos: ['chooseLocation'],
        permission: { 'scope.userLocation': { desc: '用于推荐附近门店' } },
      }),
      ...contentPage(INDEX),
      ...locate('getLocation'),
    };
    files[`${STORES}.js`] = files[`${STORES}.js`].replace(
      'wx.getLocation({});',
      'wx.getLocation({});\n    wx.chooseLocation({});',
    );
    const { after } = checkFix(files, 'undeclared-private-info', 'declare-private-info');
    assert.deepEqual(JSON.parse(after['app.json']).requiredPrivateInfos, ['chooseLocation', 'getLocation']);
  });

  it('declare-private-info creates requiredPrivateInfos when app.json has none, keeping comments', () => {
    const files = {
      'app.json': '{\n  // pages\n  "pages": ["pages/index/index", "pages/stores/stores"]\n}\n',
      ...contentPage(INDEX),
      ...locate('chooseAddress'),
    };
    const { after } = checkFix(files, 'undeclared-private-info', 'declare-private-info');
    assert.match(after['app.json'], /\/\/ pages/);
    assert.match(after['app.json'], /"requiredPrivateInfos": \[\n\s+"chooseAddress"\n\s+\]/);
  });

  it('remove-private-info removes an unused declaration', () => {
    const files = {
      ...appJson([INDEX], { requiredPrivateInfos: ['getLocation', 'chooseAddress'] }),
      ...contentPage(INDEX),
    };
    const first = checkFix(files, 'unused-private-info-declaration', 'remove-private-info');
    const second = checkFix(first.after, 'unused-private-info-declaration', 'remove-private-info');
    assert.deepEqual(JSON.parse(second.after['app.json']).requiredPrivateInfos, []);
  });

  for (const locale of ['en', 'zh-cn'] as const) {
    it(`add-location-purpose writes a purpose to complete (${locale})`, () => {
      const files = {
        ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }),
        ...contentPage(INDEX),
        ...locate('getLocation'),
      };
      const { after } = checkFix(files, 'location-purpose', 'add-location-purpose', locale);
      const desc = JSON.parse(after['app.json']).permission['scope.userLocation'].desc;
      assert.match(desc, /^用于【请填写功能/, "in the project's language (its UI is Chinese), whatever the editor's");
      assert.ok(desc.length <= 30, 'within the 30-character limit');
    });
  }

  it('add-location-purpose replaces a template desc', () => {
    const files = {
      ...appJson([INDEX, STORES], {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '获取位置' } },
      }),
      ...contentPage(INDEX),
      ...locate('getLocation'),
    };
    const { after } = checkFix(files, 'location-purpose', 'add-location-purpose');
    assert.notEqual(JSON.parse(after['app.json']).permission['scope.userLocation'].desc, '获取位置');
  });

  it('remove-report-submit drops a leftover attribute', () => {
    const files = {
      ...appJson([INDEX]),
      ...page(
        INDEX,
        '<view wx:for="{{a}}">{{item}}</view>\n<form report-submit bindsubmit="save"><button form-type="submit">保存</button></form>',
        'Page({ save(e) {} })',
      ),
    };
    const { after } = checkFix(files, 'report-submit-formid', 'remove-report-submit');
    assert.match(after[`${INDEX}.wxml`], /<form bindsubmit="save">/);
  });

  for (const locale of ['en', 'zh-cn'] as const) {
    it(`scaffold-privacy-popup creates, registers and mounts a popup (${locale})`, () => {
      const files = {
        ...appJson([INDEX, CAMERA]),
        ...contentPage(INDEX),
        ...page(
          CAMERA,
          '<view><button bindtap="pick">选择照片</button></view>\n',
          'Page({ pick() { wx.chooseMedia({}); } })',
        ),
      };
      const { after, changed } = checkFix(files, 'privacy-authorization-flow', 'scaffold-privacy-popup', locale);
      assert.deepEqual(changed.sort(), [
        'app.json',
        'components/mp-privacy-popup/index.js',
        'components/mp-privacy-popup/index.json',
        'components/mp-privacy-popup/index.wxml',
        'components/mp-privacy-popup/index.wxss',
        `${CAMERA}.wxml`,
      ]);
      assert.equal(
        JSON.parse(after['app.json']).usingComponents['mp-privacy-popup'],
        '/components/mp-privacy-popup/index',
      );
      assert.match(after[`${CAMERA}.wxml`], /<mp-privacy-popup><\/mp-privacy-popup>\n$/);
      assert.match(after['components/mp-privacy-popup/index.wxml'], /open-type="agreePrivacyAuthorization"/);
      assert.match(
        after['components/mp-privacy-popup/index.wxml'],
        /用户隐私保护提示/,
        "in the project's language (its UI is Chinese), whatever the editor's",
      );
    });
  }

  it('scaffold-privacy-popup writes TypeScript for a TypeScript app', () => {
    const files = {
      ...appJson([INDEX, CAMERA]),
      'app.ts': 'App({})',
      ...contentPage(INDEX),
      ...page(CAMERA, '<view><button bindtap="pick">拍照</button></view>', 'Page({ pick() { wx.chooseMedia({}); } })'),
    };
    const { changed } = checkFix(files, 'privacy-authorization-flow', 'scaffold-privacy-popup');
    assert.ok(changed.includes('components/mp-privacy-popup/index.ts'));
  });

  it('mount-privacy-popup puts a registered popup on the pages that need it', () => {
    const files = {
      ...appJson([INDEX, CAMERA], { usingComponents: { 'privacy-popup': '/components/privacy/privacy' } }),
      ...contentPage(INDEX),
      ...page(
        CAMERA,
        '<view><button bindtap="pick">选择照片</button></view>',
        'Page({ pick() { wx.chooseMedia({}); } })',
      ),
      'components/privacy/privacy.wxml':
        '<button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="agree">同意</button>',
      'components/privacy/privacy.js': 'Component({ methods: { agree() {} } })',
    };
    const { after, changed } = checkFix(files, 'privacy-popup-not-mounted', 'mount-privacy-popup');
    assert.deepEqual(changed, [`${CAMERA}.wxml`]);
    assert.match(after[`${CAMERA}.wxml`], /<privacy-popup><\/privacy-popup>/);
  });

  it('remove-use-privacy-check removes the obsolete key', () => {
    const files = {
      'app.json': '{\n  "pages": ["pages/index/index"],\n  "__usePrivacyCheck__": true\n}\n',
      ...contentPage(INDEX),
    };
    const { after } = checkFix(files, 'privacy-authorization-flow', 'remove-use-privacy-check');
    assert.deepEqual(JSON.parse(after['app.json']), { pages: [INDEX] });
  });
});
