import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { appJson, contentPage, phoneOnlyPage } from '../helpers/mini-program';
import { applyFix, lintFiles, relativePath } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const LOGIN = 'pages/login/login';
const launch = (line: string) => ({
  ...appJson([INDEX, LOGIN]),
  'app.js': `App({\n  onLaunch() {\n${line}    wx.reLaunch({ url: '/pages/login/login' });\n  },\n});\n`,
  ...contentPage(INDEX),
  ...phoneOnlyPage(LOGIN),
});
const ruleIds = (files: Record<string, string>) =>
  lintFiles(files)
    .filter((f) => f.ruleId !== 'privacy-authorization-flow')
    .map((f) => `${f.ruleId} ${relativePath(f.range.file)}`);

describe('inline suppressions', () => {
  it('a suppression with a reason silences the finding on the next line', () => {
    assert.deepEqual(
      ruleIds(launch('    // mp-privacy-disable-next-line phone-on-entry -- staff-only app, reviewed with WeChat\n')),
      [],
    );
  });

  it('works in WXML comments', () => {
    const files = { ...appJson([LOGIN, INDEX]), ...phoneOnlyPage(LOGIN), ...contentPage(INDEX) };
    files[`${LOGIN}.wxml`] = files[`${LOGIN}.wxml`].replace(
      '  <button',
      '  <!-- mp-privacy-disable-next-line phone-on-entry -- internal tool, login required by policy -->\n  <button',
    );
    assert.deepEqual(ruleIds(files), []);
  });

  it('the "Suppress with a reason" fix inserts a comment whose placeholder reason suppresses nothing until a person writes one', () => {
    const files = launch('');
    const finding = lintFiles(files).find((f) => f.ruleId === 'phone-on-entry')!;
    const after = applyFix(files, finding, 'suppress-with-reason', 'zh-cn');
    assert.match(
      after['app.js'],
      /\n {4}\/\/ mp-privacy-disable-next-line phone-on-entry -- 说明为什么这里合规\n {4}wx\.reLaunch/,
    );
    // One click does not silence the rule: the finding stays, and an info at the comment asks for the reason.
    const placeholder = lintFiles(after).filter((f) => f.ruleId !== 'privacy-authorization-flow');
    assert.deepEqual(placeholder.map((f) => `${f.ruleId} ${f.severity}`).sort(), [
      'invalid-suppression info',
      'phone-on-entry error',
    ]);
    assert.match(placeholder.find((f) => f.ruleId === 'invalid-suppression')!.message.en, /^Write the reason here/);
    const written = { ...after, 'app.js': after['app.js'].replace('说明为什么这里合规', '员工内部工具，已与微信确认') };
    assert.deepEqual(ruleIds(written), []);
  });

  it('a reason that says nothing does not suppress, and is reported', () => {
    for (const reason of ['todo', 'explain why this is compliant', 'x', '...']) {
      const found = ruleIds(launch(`    // mp-privacy-disable-next-line phone-on-entry -- ${reason}\n`));
      assert.deepEqual(found.sort(), ['invalid-suppression app.js', 'phone-on-entry app.js'], reason);
    }
  });

  it('code for other platforms in #ifdef blocks is not analysed', () => {
    const files = launch('');
    files['app.js'] =
      `App({\n  onLaunch() {\n    // #ifdef H5\n    wx.reLaunch({ url: '/pages/login/login' });\n    // #endif\n    // #ifndef MP-WEIXIN\n    wx.getClipboardData({});\n    // #endif\n  },\n});\n`;
    assert.deepEqual(ruleIds(files), []);
    files['app.js'] = files['app.js'].replace('#ifdef H5', '#ifdef MP-WEIXIN || H5');
    assert.deepEqual(ruleIds(files), ['phone-on-entry app.js']);
  });
});
