import * as assert from 'assert';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';
import { examplesDir } from '../helpers/paths';

/** The examples are the demo: each rule fires exactly where examples/README.md says, and nowhere else. */
describe('mp-privacy lint examples', () => {
  it('reports each rule where expected across both mini programs and their subpackages', () => {
    const run = runCli(['lint', examplesDir, '--format', 'json']);
    assert.strictEqual(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.deepStrictEqual(report.roots, ['coffee-shop', 'fresh-market']);
    const found = report.findings
      .map((f: { ruleId: string; file: string; severity: string }) => `${f.severity} ${f.ruleId} ${f.file}`)
      .sort();
    assert.deepStrictEqual(found, [
      'error conflicting-location-declarations fresh-market/app.json',
      'error open-setting-without-tap fresh-market/pkg-member/pages/settings/settings.js',
      'error phone-on-entry coffee-shop/app.js',
      'error phone-while-browsing coffee-shop/pages/article/article.wxml',
      'error phone-while-browsing coffee-shop/pages/index/index.wxml',
      'error phone-while-browsing coffee-shop/pages/menu/menu.js',
      'error subscribe-message-without-tap fresh-market/pkg-shop/pages/goods/goods.js',
      'error undeclared-private-info fresh-market/pkg-shop/pages/stores/stores.js',
      'info personal-data-storage fresh-market/pkg-shop/pages/stores/stores.js',
      'info privacy-api-without-user-action fresh-market/pkg-shop/pages/stores/stores.js',
      'info privacy-authorization-flow coffee-shop/app.json',
      'info report-submit-formid fresh-market/pages/index/index.wxml',
      'info unused-private-info-declaration fresh-market/app.json',
      'info unused-private-info-declaration fresh-market/app.json',
      'warning clipboard-without-user-action fresh-market/app.js',
      'warning deprecated-user-info-api fresh-market/pages/profile/profile.wxml',
      'warning invalid-suppression fresh-market/pkg-member/pages/coupons/coupons.wxml',
      'warning location-purpose fresh-market/app.json',
      'warning personal-data-third-party fresh-market/pkg-shop/pages/stores/stores.js',
      'warning phone-purpose-at-checkout coffee-shop/pages/order/confirm.wxml',
      'warning privacy-api-without-user-action fresh-market/app.js',
      'warning privacy-popup-not-mounted fresh-market/app.json',
    ]);
  });
});
