/**
 * A module reached only through another module's re-export (`export * from './subscribe'`) is a shared input
 * like an imported one: editing it must update the facts of the pages that reach it through the re-export.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { OverlayFileSystemHost, ProjectAnalyzer } from '../../server/src/engine';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { VIRTUAL_ROOT, virtualHost } from '../helpers/virtual-project';

const ORDER = 'pages/order/order';
const SUBSCRIBE_MODULE = 'utils/subscribe.js';
const subscribeModule = (comment: string) =>
  `export function notify() {\n  wx.request({\n    url: 'https://api.example.com/order',\n    success: () => {\n${comment}      wx.requestSubscribeMessage({ tmplIds: ['T1'] });\n    },\n  });\n}\n`;
const files = {
  ...appJson(['pages/index/index', ORDER]),
  ...contentPage('pages/index/index'),
  ...page(
    ORDER,
    '<view><text>{{order.no}}</text><button bindtap="submit">提交订单</button></view>',
    "import { notify } from '../../utils/index';\nPage({ submit() { notify(); } })",
  ),
  'utils/index.js': "export * from './subscribe';\nexport { notify as tell } from './subscribe';\n",
  [SUBSCRIBE_MODULE]: subscribeModule(''),
};

test('editing a module reached through export * updates the pages that reach it', () => {
  const overlay = new OverlayFileSystemHost(virtualHost(files));
  const analyzer = new ProjectAnalyzer(overlay);
  const subscribeFindings = (analyzer: ProjectAnalyzer) =>
    analyzer
      .analyze(VIRTUAL_ROOT)
      .findings.filter((f) => f.ruleId === 'subscribe-message-without-tap')
      .map((f) => `${path.relative(VIRTUAL_ROOT, f.range.file)} ${f.range.start}`);
  const before = subscribeFindings(analyzer);
  assert.equal(before.length, 1, 'the late subscribe request is reported');
  // A reasoned suppression above the call moves it down a line and silences it.
  overlay.set(
    path.join(VIRTUAL_ROOT, SUBSCRIBE_MODULE),
    subscribeModule(
      '      // mp-privacy-disable-next-line subscribe-message-without-tap -- the order service sends the notice only after payment\n',
    ),
  );
  assert.deepEqual(subscribeFindings(analyzer), subscribeFindings(new ProjectAnalyzer(overlay)));
  assert.deepEqual(subscribeFindings(analyzer), []);
});
