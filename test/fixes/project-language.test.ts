import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Locale } from '../../server/src/engine';
import { ParsedFileCache, ProjectModel } from '../../server/src/engine/model';
import { projectLocale } from '../../server/src/engine/fixes/project-language';
import { appJson, checkoutPage, contentPage, page, PHONE_BUTTON } from '../helpers/mini-program';
import { checkFix } from '../helpers/fix-checks';
import { ProjectFiles, VIRTUAL_ROOT, virtualHost } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const CHECKOUT = 'pages/checkout/checkout';
const STORES = 'pages/stores/stores';

function localeOf(files: ProjectFiles, editor: Locale): Locale {
  const host = virtualHost(files);
  const model = new ProjectModel(VIRTUAL_ROOT, host, new ParsedFileCache(host));
  return projectLocale(model, editor);
}

/** A checkout in English: the same page as checkoutPage, its texts translated. */
const englishCheckout = (): ProjectFiles => {
  const files = checkoutPage(CHECKOUT, PHONE_BUTTON.replace('获取手机号', 'Use my phone number'));
  files[`${CHECKOUT}.wxml`] = files[`${CHECKOUT}.wxml`].replace('提交订单', 'Place order');
  return files;
};

describe("the project's own language for text users read", () => {
  it("is read from the templates' text and window titles; the editor's locale only breaks a tie", () => {
    const chinese = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...checkoutPage(CHECKOUT, PHONE_BUTTON) };
    assert.equal(localeOf(chinese, 'en'), 'zh-cn');
    const english = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...englishCheckout() };
    assert.equal(localeOf(english, 'zh-cn'), 'en');
    // Only mustache expressions: no text to go by, so the editor decides.
    const silent = { ...appJson([INDEX]), ...contentPage(INDEX) };
    assert.equal(localeOf(silent, 'en'), 'en');
    assert.equal(localeOf(silent, 'zh-cn'), 'zh-cn');
    // A window title counts.
    const titled = { ...appJson([INDEX], { window: { navigationBarTitleText: '咖啡小馆' } }), ...contentPage(INDEX) };
    assert.equal(localeOf(titled, 'en'), 'zh-cn');
  });

  it('add-purpose-modal writes an English dialog into an English UI when the editor is Chinese', () => {
    const files = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...englishCheckout() };
    const { after } = checkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal', 'zh-cn');
    const wxml = after[`${CHECKOUT}.wxml`];
    assert.match(wxml, /Why we ask for your phone number/);
    assert.match(wxml, /is used to \[say why/);
    assert.doesNotMatch(wxml, /为什么需要你的手机号|请填写用途/);
  });

  it('add-location-purpose writes an English purpose into an English app.json when the editor is Chinese', () => {
    const files = {
      ...appJson([INDEX, STORES], {
        requiredPrivateInfos: ['getLocation'],
        window: { navigationBarTitleText: 'Coffee Corner' },
      }),
      ...contentPage(INDEX),
      ...page(
        STORES,
        '<view><button bindtap="locate">Nearby stores</button></view>',
        'Page({\n  locate() {\n    wx.getLocation({});\n  },\n});\n',
      ),
    };
    const { after } = checkFix(files, 'location-purpose', 'add-location-purpose', 'zh-cn');
    assert.match(JSON.parse(after['app.json']).permission['scope.userLocation'].desc, /^Used to \[name the feature\]/);
  });
});
