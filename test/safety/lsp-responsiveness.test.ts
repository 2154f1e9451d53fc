/**
 * A long request never stops the language server from answering others (issue 12, item 3), measured on the
 * real server over stdio:
 *   - the documents of the reproduced quadratic cases (400,000 spaces after `#ifdef`, a run of `{{` in a class
 *     attribute or in page text; 50 to 75 s of a frozen server before) are analysed while a hover on another
 *     file waits, and the purpose-modal code action on a stylesheet with a long run of spaces (100 s before)
 *     is computed; each must be answered within the session's 15 s limit, and the time is printed;
 *   - cancellation is honoured: a request cancelled before or while it waits for an analysis is answered with
 *     RequestCancelled (a preloaded test hook, rule-hook.ts, makes one rule take 2 s), and the next is answered.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CancellationTokenSource,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { LspSession, uriOf } from '../lsp/lsp-session';

const HOOK = path.join(__dirname, 'rule-hook.js');
const RUN = 400_000;
const SLOW_RULE_MS = 2_000;

const PROJECT: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index', 'pages/order/checkout'] }, null, 2),
  'pages/index/index.wxml': '<view>{{title}}</view>\n',
  'pages/index/index.js': "Page({\n  onLoad() {\n    wx.setStorageSync('phone', this.data.phone);\n  },\n});\n",
  'pages/order/checkout.wxml':
    '<view class="checkout">\n  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>\n  <button class="pay" bindtap="submitOrder">提交订单</button>\n</view>\n',
  'pages/order/checkout.js':
    "Page({\n  onGetPhone(e) {\n    this.setData({ code: e.detail.code });\n  },\n  submitOrder() {\n    wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });\n  },\n});\n",
  // The purpose-modal fix appends its styles here: trailing whitespace with text after it.
  'pages/order/checkout.wxss': `.pay { margin: 24rpx; }${' '.repeat(RUN)}/* end */\n`,
};

function writeProject(root: string): void {
  for (const [file, content] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

describe('the language server keeps answering', () => {
  let temp: string;
  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-responsive-'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('while it analyses the documents of the reproduced quadratic cases, and computes the code action of the fourth', async (t) => {
    const root = path.join(temp, 'pathological');
    writeProject(root);
    const session = await LspSession.start(root);
    try {
      await session.currentDiagnostics('app.json');
      const documents: [string, string, string][] = [
        [
          '400,000 spaces after #ifdef',
          'pages/index/index.js',
          `Page({});\n// #ifdef MP-WEIXIN${' '.repeat(RUN)}x\n// #endif\n`,
        ],
        [
          'a run of {{ in a class attribute',
          'pages/index/index.wxml',
          `<button class="${'{{'.repeat(RUN / 2)}" open-type="getPhoneNumber" bindgetphonenumber="p">phone</button>\n`,
        ],
        [
          'a run of {{ in page text',
          'pages/index/index.wxml',
          `<view>${'{{'.repeat(RUN / 2)}</view>\n<button open-type="getPhoneNumber" bindgetphonenumber="p">phone</button>\n`,
        ],
      ];
      for (const [what, file, text] of documents) {
        if (session.read(file) === PROJECT[file]) await session.open(file, text);
        else await session.change(file, text);
        await pause(300); // the debounced analysis has started
        const { ms } = await timed(() => session.hover('app.json', { line: 0, character: 0 }));
        t.diagnostic(`${what}: a hover on app.json answered after ${ms} ms`);
      }
      const { value: actions, ms } = await timed(() =>
        session.codeActions('pages/order/checkout.wxml', {
          start: { line: 1, character: 3 },
          end: { line: 1, character: 3 },
        }),
      );
      t.diagnostic(`the purpose-modal code action on the stylesheet with ${RUN.toLocaleString('en')} spaces: ${ms} ms`);
      const titles = (actions ?? []).map((a) => a.title);
      assert.ok(titles.includes('Add a purpose-explanation modal'), `the code action is offered: ${titles.join(', ')}`);
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
  });

  it('cancellation is honoured: a cancelled request is answered as cancelled, the next one is answered', async (t) => {
    const root = path.join(temp, 'cancel');
    writeProject(root);
    const env = {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${HOOK}`.trim(),
      MP_PRIVACY_TEST_SLOW_RULE: `personal-data-storage:${SLOW_RULE_MS}`,
    };
    const session = await LspSession.start(root, { env });
    const hover = (token?: CancellationTokenSource) =>
      session.connection.sendRequest(
        HoverRequest.type,
        { textDocument: { uri: uriOf(session.path('pages/index/index.js')) }, position: { line: 2, character: 6 } },
        token?.token,
      );
    const cancelled = async (request: Promise<unknown>) => {
      const outcome = await session.withTimeout(
        request.then(
          () => 'answered',
          (error: unknown) => error,
        ),
        'the cancelled hover',
      );
      assert.ok(outcome instanceof ResponseError, `answered instead of cancelled: ${String(outcome)}`);
      assert.equal(outcome.code, LSPErrorCodes.RequestCancelled);
    };
    try {
      await session.open('pages/index/index.js');
      await session.waitForDiagnostics('pages/index/index.js', (list) => list.length > 0);

      // Cancelled right after it was sent: answered as cancelled without waiting for the 2 s analysis.
      await session.change('pages/index/index.js', `${session.read('pages/index/index.js')}\n`);
      const first = new CancellationTokenSource();
      const started = Date.now();
      const request = hover(first);
      first.cancel();
      await cancelled(request);
      t.diagnostic(`cancelled at once: answered after ${Date.now() - started} ms`);

      // Cancelled while it waits for the analysis: answered as cancelled when the analysis ends.
      await session.change('pages/index/index.js', `${session.read('pages/index/index.js')}\n`);
      const second = new CancellationTokenSource();
      const waiting = hover(second);
      await pause(300);
      second.cancel();
      const { ms } = await timed(() => cancelled(waiting));
      t.diagnostic(`cancelled during the analysis: answered ${ms} ms after the cancellation`);

      // The next request is answered (the analysis it needs is done).
      const answered = await session.withTimeout(hover(), 'the next hover');
      assert.ok(
        answered && JSON.stringify(answered.contents).includes('personal-data-storage'),
        'the hover explains the finding',
      );
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
  });
});
