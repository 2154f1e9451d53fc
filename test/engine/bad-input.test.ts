import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { appJson, checkoutPage, contentPage, phoneOnlyPage, PHONE_BUTTON } from '../helpers/mini-program';
import { lintFiles, relativePath } from '../helpers/virtual-project';

const INDEX = 'pages/index/index';
const LOGIN = 'pages/login/login';

// These tests are about reading bad files: the project-wide privacy-consent note is beside the point.
const relevant = (files: Record<string, string>) =>
  lintFiles(files).filter((f) => f.ruleId !== 'privacy-authorization-flow');
const summary = (files: Record<string, string>) =>
  relevant(files).map((f) => `${f.ruleId} ${relativePath(f.range.file)}`);

describe('bad input gives partial results, never an exception', () => {
  it('truncated WXML: still analysed, and the unclosed tag is reported', () => {
    const files = { ...appJson([LOGIN, INDEX]), ...phoneOnlyPage(LOGIN), ...contentPage(INDEX) };
    files[`${LOGIN}.wxml`] = files[`${LOGIN}.wxml`].replace(/<\/view>\n$/, ''); // cut before the last close tag
    assert.deepEqual(summary(files).sort(), [`phone-on-entry ${LOGIN}.wxml`, `unreadable-file ${LOGIN}.wxml`]);
    const problem = relevant(files).find((f) => f.ruleId === 'unreadable-file')!;
    assert.equal(problem.severity, 'info');
    assert.match(problem.message.en, /<view> is never closed/);
    assert.match(problem.message['zh-cn'], /没有闭合/);
  });

  it('half-typed JS: the calls before the cursor are still followed', () => {
    const files = {
      ...appJson([INDEX, LOGIN]),
      'app.js': `App({\n  onLaunch() {\n    wx.reLaunch({ url: '/pages/login/login' });\n    this.glob\n`,
      ...contentPage(INDEX),
      ...phoneOnlyPage(LOGIN),
    };
    assert.deepEqual(summary(files), ['phone-on-entry app.js']);
  });

  it('invalid app.json: a warning that says results are partial', () => {
    const files = { 'app.json': '{ "pages": ["pages/index/index", }', ...contentPage(INDEX) };
    const findings = relevant(files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'unreadable-file');
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message.en, /app\.json has a syntax error/);
  });

  it('app.json with comments and trailing commas is accepted', () => {
    const files = {
      'app.json': '{\n  // entry first\n  "pages": ["pages/login/login", "pages/index/index",],\n}',
      ...phoneOnlyPage(LOGIN),
      ...contentPage(INDEX),
    };
    assert.deepEqual(summary(files), [`phone-on-entry ${LOGIN}.wxml`]);
  });

  it('a page listed in app.json with no files is skipped quietly', () => {
    const files = {
      ...appJson(['pages/missing/missing', INDEX, 'pages/checkout/checkout']),
      ...contentPage(INDEX),
      ...checkoutPage('pages/checkout/checkout', PHONE_BUTTON),
    };
    assert.deepEqual(summary(files), ['phone-purpose-at-checkout pages/checkout/checkout.wxml']);
  });

  it('a binary file named .js is skipped with a message', () => {
    const files = {
      ...appJson([INDEX, LOGIN]),
      'app.js': '\u0000\u0001\u0002PNG\u0000garbage',
      ...contentPage(INDEX),
      ...phoneOnlyPage(LOGIN),
    };
    const findings = relevant(files);
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${relativePath(f.range.file)}`),
      ['unreadable-file app.js'],
    );
    assert.match(findings[0].message.en, /binary/);
  });

  it('deeply nested and odd markup does not throw', () => {
    const deep = '<view>'.repeat(5000) + PHONE_BUTTON + '</view>'.repeat(10);
    const files = {
      ...appJson([INDEX]),
      [`${INDEX}.wxml`]: `${deep}<<<>>> </unknown> <view a="unterminated`,
      [`${INDEX}.js`]: 'Page({',
    };
    assert.doesNotThrow(() => lintFiles(files));
  });

  it('app.json whose pages is not an array, and non-string entries', () => {
    assert.deepEqual(summary({ 'app.json': '{ "pages": "pages/index/index" }', ...contentPage(INDEX) }), []);
    assert.deepEqual(
      summary({
        'app.json':
          '{ "pages": [1, null, {"a": 1}, "pages/index/index"], "subPackages": [{"root": 3}], "tabBar": {"list": [null]} }',
        ...contentPage(INDEX),
      }),
      [],
    );
  });
});
