import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PHONE_BUTTON, appJson, checkoutPage, contentPage, page } from '../helpers/mini-program';
import { applyFix, lintFiles, relativePath, type ProjectFiles } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const CHECKOUT = 'pages/checkout/checkout';
const STORES = 'pages/stores/stores';

const described = (files: ProjectFiles) =>
  lintFiles(files)
    .filter((f) => f.ruleId !== 'privacy-authorization-flow')
    .map((f) => `${f.ruleId} ${f.severity} ${relativePath(f.range.file)}`);

/** Applies the fix of the rule's first finding. */
function fixed(files: ProjectFiles, ruleId: string, kind: string): ProjectFiles {
  const finding = lintFiles(files).find((f) => f.ruleId === ruleId);
  assert.ok(finding, `a ${ruleId} finding`);
  return applyFix(files, finding, kind, 'zh-cn');
}

describe('no silent placeholders: text a fix leaves for a person stays an info finding until written', () => {
  it('add-purpose-modal: the inserted purpose is an info at the placeholder until it is written', () => {
    const files = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...checkoutPage(CHECKOUT, PHONE_BUTTON) };
    const after = fixed(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    const infos = lintFiles(after).filter((f) => f.ruleId === 'phone-purpose-at-checkout');
    assert.deepEqual(
      infos.map((f) => f.severity),
      ['info'],
    );
    assert.match(infos[0].message.en, /^Write the purpose here/);
    assert.match(
      after[`${CHECKOUT}.wxml`].slice(infos[0].range.start, infos[0].range.end),
      /请填写用途/,
      'at the placeholder',
    );
    const written = {
      ...after,
      [`${CHECKOUT}.wxml`]: after[`${CHECKOUT}.wxml`].replace('【请填写用途，例如：配送时联系你】', '配送时联系你'),
    };
    assert.deepEqual(described(written), []);
  });

  it('add-location-purpose: the inserted desc is an info until it is written', () => {
    const files = {
      ...appJson([INDEX, STORES], { requiredPrivateInfos: ['getLocation'] }),
      ...contentPage(INDEX),
      ...page(
        STORES,
        '<view><button bindtap="locate">附近门店</button></view>',
        'Page({\n  locate() {\n    wx.getLocation({});\n  },\n});\n',
      ),
    };
    const after = fixed(files, 'location-purpose', 'add-location-purpose');
    assert.deepEqual(described(after), ['location-purpose info app.json']);
    const written = {
      ...after,
      'app.json': after['app.json'].replace('【请填写功能，如推荐附近门店】', '推荐附近门店'),
    };
    assert.deepEqual(described(written), []);
  });
});
