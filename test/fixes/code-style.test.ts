import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeStyleOf, inFileStyle } from '../../server/src/engine/fixes/code-style';
import { PHONE_BUTTON, appJson, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';
import { checkFix, runPageScript } from '../helpers/fix-checks';
import type { ProjectFiles } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const LOGIN = 'pages/login/login';
const CHECKOUT = 'pages/checkout/checkout';

/** A checkout page written with four-space steps, CRLF, double quotes, no semicolons, and a BOM on its script. */
function fourSpaceCheckout(phoneMarkup: string): ProjectFiles {
  const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
  return page(
    CHECKOUT,
    crlf([
      `<view class='checkout'>`,
      `    <text>¥{{order.amount}}</text>`,
      ...(phoneMarkup ? [`    ${phoneMarkup.replace(/"/g, "'")}`] : []),
      `    <button class='pay' bindtap='submitOrder'>提交订单</button>`,
      `</view>`,
    ]),
    '\uFEFF' +
      crlf([
        `Page({`,
        `    data: { order: {} },`,
        `    onGetPhone(e) {`,
        `        this.setData({ phoneCode: e.detail.code })`,
        `    },`,
        `    submitOrder() {`,
        `        wx.requestPayment({ timeStamp: "", nonceStr: "", package: "", signType: "RSA", paySign: "" })`,
        `    },`,
        `})`,
      ]),
    crlf([`.pay {`, `    margin: 24rpx;`, `}`]),
  );
}

/** The lines a fix added to a file (those not in the original). */
function addedLines(before: string, after: string): string[] {
  const old = new Set(before.split(/\r?\n/));
  return after.split(/\r?\n/).filter((line) => line.trim() && !old.has(line));
}

function assertFileStyle(before: string, after: string, what: string): void {
  assert.ok(after.startsWith('\uFEFF') === before.startsWith('\uFEFF'), `${what}: the BOM is kept`);
  assert.doesNotMatch(after, /(^|[^\r])\n/, `${what}: every line ends with CRLF, as the file's do`);
  for (const line of addedLines(before, after)) {
    const indent = /^ */.exec(line)![0].length;
    assert.equal(indent % 4, 0, `${what}: four-space steps: ${JSON.stringify(line)}`);
  }
}

describe("fixes write in the project's own style", () => {
  it('reads indentation, line ending, quotes and semicolons per file', () => {
    const script = 'Page({\r\n    data: {},\r\n    go() {\r\n        wx.navigateTo({ url: "/a" })\r\n    },\r\n})\r\n';
    assert.deepEqual(codeStyleOf(script), { indent: '    ', eol: '\r\n', quote: '"', semicolons: false });
    assert.deepEqual(codeStyleOf("Page({\n\tgo() {\n\t\tx('a');\n\t},\n});\n"), {
      indent: '\t',
      eol: '\n',
      quote: "'",
      semicolons: true,
    });
    assert.equal(codeStyleOf(`<view class='a'>\n  <text id='b'>x</text>\n</view>\n`, 'template').quote, "'");
    assert.equal(
      inFileStyle('go() {\n  this.setData({ a: 1 });\n}', codeStyleOf(script), 'script'),
      'go() {\r\n    this.setData({ a: 1 })\r\n}',
    );
    assert.equal(
      inFileStyle(
        '<view class="a">\n  <text>x</text>\n</view>',
        { ...codeStyleOf('', 'template'), quote: "'" },
        'template',
      ),
      "<view class='a'>\n  <text>x</text>\n</view>",
    );
  });

  it('add-purpose-modal: four-space steps, CRLF, single-quoted attributes, no semicolons, the BOM kept', () => {
    const files = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...fourSpaceCheckout(PHONE_BUTTON) };
    const { after } = checkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    for (const ext of ['js', 'wxml', 'wxss'])
      assertFileStyle(files[`${CHECKOUT}.${ext}`], after[`${CHECKOUT}.${ext}`], `${CHECKOUT}.${ext}`);
    const js = addedLines(files[`${CHECKOUT}.js`], after[`${CHECKOUT}.js`]);
    assert.ok(js.length > 3, 'methods were added');
    assert.deepEqual(
      js.filter((line) => /;\s*$/.test(line)),
      [],
      'no semicolons where the file has none',
    );
    assert.ok(
      js.some((line) => line.includes('wx.showToast({ title: "你未提供手机号", icon: "none" })')),
      "strings in the file's double quotes",
    );
    const wxml = addedLines(files[`${CHECKOUT}.wxml`], after[`${CHECKOUT}.wxml`]);
    assert.deepEqual(
      wxml.filter((line) => /=\s*"/.test(line)),
      [],
      "attributes in the template's single quotes",
    );
    // Still a working page: its handlers run.
    const run = runPageScript(after[`${CHECKOUT}.js`].replace(/^\uFEFF/, ''));
    (run.instance.mpPrivacyOpenPhonePurpose as () => void).call(run.instance);
    assert.equal(run.instance.data.mpPrivacyPhonePurposeVisible, true);
  });

  it("move-phone-to-checkout: the copied handler and the checkout method in the checkout file's style", () => {
    const login = phoneOnlyPage(LOGIN);
    login[`${LOGIN}.js`] = login[`${LOGIN}.js`].replace("\n      wx.switchTab({ url: '/pages/index/index' });", '');
    const files = {
      ...appJson([LOGIN, INDEX, CHECKOUT]),
      ...login,
      ...contentPage(INDEX),
      ...fourSpaceCheckout(''),
    };
    const { after } = checkFix(files, 'phone-on-entry', 'move-phone-to-checkout');
    assertFileStyle(files[`${CHECKOUT}.js`], after[`${CHECKOUT}.js`], `${CHECKOUT}.js`);
    assertFileStyle(files[`${CHECKOUT}.wxml`], after[`${CHECKOUT}.wxml`], `${CHECKOUT}.wxml`);
    const js = addedLines(files[`${CHECKOUT}.js`], after[`${CHECKOUT}.js`]);
    assert.deepEqual(
      js.filter((line) => /;\s*$/.test(line)),
      [],
      'no semicolons where the file has none',
    );
    assert.ok(
      js.some((line) => /^ {8}wx\.setStorageSync\("phoneCode"|^ {12}wx\.setStorageSync/.test(line)),
      js.join('\n'),
    );
  });

  it('generated names never clash with a name the page already uses (a data field, a handler in the template)', () => {
    const files = { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...fourSpaceCheckout(PHONE_BUTTON) };
    // A data field is no member of the definition, yet setData on it would overwrite the page's state.
    files[`${CHECKOUT}.js`] = files[`${CHECKOUT}.js`].replace(
      'data: { order: {} }',
      'data: { order: {}, mpPrivacyPhonePurposeVisible: "kept" }',
    );
    const { after } = checkFix(files, 'phone-purpose-at-checkout', 'add-purpose-modal');
    const js = after[`${CHECKOUT}.js`];
    assert.match(js, /mpPrivacyPhonePurposeVisible2: false/);
    assert.match(js, /mpPrivacyOpenPhonePurpose2\(\)/);
    assert.match(after[`${CHECKOUT}.wxml`], /wx:if='\{\{mpPrivacyPhonePurposeVisible2\}\}'/);
  });
});
