import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/index';
import { repoRoot } from '../helpers/paths';
import { assertNoStackTrace, cliFixture, copyFixture, lineOf, makeTempDir, runCli } from './run-cli';
import { validateSarif } from './sarif-validator';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

interface JsonReport {
  version: string;
  roots: string[];
  findings: JsonFinding[];
  errors: unknown[];
}

function lintJson(
  dir: string,
  extraArgs: string[] = [],
): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['lint', dir, '--format', 'json', ...extraArgs]);
  assertNoStackTrace(run.stderr);
  return { status: run.status, report: JSON.parse(run.stdout), stderr: run.stderr };
}

/** Asserts that the report holds this finding, naming the exact file and line users would open. */
function assertFinding(
  report: JsonReport,
  expected: { ruleId: string; severity: string; file: string; line: number },
): void {
  const found = report.findings.find(
    (f) => f.ruleId === expected.ruleId && f.file === expected.file && f.line === expected.line,
  );
  assert.ok(found, `expected ${JSON.stringify(expected)} among ${JSON.stringify(report.findings, null, 2)}`);
  assert.strictEqual(found.severity, expected.severity);
}

describe('mp-privacy usage', () => {
  it('prints help with the exit codes and exits 0', () => {
    const run = runCli(['--help']);
    assert.strictEqual(run.status, 0);
    assert.match(run.stdout, /mp-privacy lint \[dir\]/);
    assert.match(run.stdout, /Exit codes:/);
    assert.match(run.stdout, /internal error analysing <root>/);
  });

  it('prints the package.json version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const run = runCli(['--version']);
    assert.strictEqual(run.status, 0);
    assert.strictEqual(run.stdout.trim(), pkg.version);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['an unknown command', ['check', '.'], /unknown command "check"/],
    ['an unknown option', ['lint', cliFixture('clean'), '--fixx'], /unknown option "--fixx"/],
    ['an unknown format', ['lint', cliFixture('clean'), '--format', 'xml'], /unknown format "xml"/],
    ['an unknown locale', ['lint', cliFixture('clean'), '--locale', 'fr'], /unknown locale "fr"/],
    ['a missing dir', ['lint', path.join(repoRoot, 'no-such-dir')], /directory not found/],
    ['a file given as dir', ['lint', path.join(cliFixture('clean'), 'app.json')], /not a directory/],
    [
      'a dir without a mini program',
      ['lint', path.join(repoRoot, 'test', 'helpers')],
      /no mini program found under .*"pages" array/,
    ],
    [
      'a dir inside a mini program',
      ['lint', path.join(cliFixture('clean'), 'pages')],
      /inside the mini program at test[\\/]fixtures[\\/]cli[\\/]clean, lint that folder/,
    ],
  ];
  for (const [name, args, message] of usageErrors) {
    it(`exits 2 with a clear message for ${name}`, () => {
      const run = runCli(args);
      assert.strictEqual(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /^mp-privacy: /);
      assert.strictEqual(run.stdout, '');
      assertNoStackTrace(run.stderr);
    });
  }
});

describe('mp-privacy lint on single mini programs', () => {
  it('exits 0 and says so for a clean project', () => {
    const run = runCli(['lint', cliFixture('clean')]);
    assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    assert.strictEqual(run.stdout, 'No problems found in 1 mini program(s).\n');
    assert.strictEqual(run.stderr, '');
  });

  it('lints the current folder when no dir is given', () => {
    const run = runCli(['lint', '--format', 'json'], { cwd: cliFixture('clean') });
    assert.strictEqual(run.status, 0);
    assert.deepStrictEqual(JSON.parse(run.stdout).roots, ['.']);
  });

  it('exits 1 for a phone number requested on the first page, pointing at the button', () => {
    const dir = cliFixture('phone-on-entry');
    const buttonLine = lineOf(path.join(dir, 'pages/login/login.wxml'), 'getPhoneNumber');
    const text = runCli(['lint', dir]);
    assert.strictEqual(text.status, 1, text.stdout + text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^pages/login/login\\.wxml\\n {2}${buttonLine}:\\d+ +error +.+ {2}phone-on-entry$`, 'm'),
    );
    assert.match(text.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\)/);

    const { status, report } = lintJson(dir);
    assert.strictEqual(status, 1);
    assertFinding(report, {
      ruleId: 'phone-on-entry',
      severity: 'error',
      file: 'pages/login/login.wxml',
      line: buttonLine,
    });
  });

  it('exits 1 for wx.reLaunch to the phone page at launch, pointing at the call in app.js', () => {
    const dir = cliFixture('phone-on-entry-relaunch');
    const { status, report } = lintJson(dir);
    assert.strictEqual(status, 1, JSON.stringify(report, null, 2));
    assertFinding(report, {
      ruleId: 'phone-on-entry',
      severity: 'error',
      file: 'app.js',
      line: lineOf(path.join(dir, 'app.js'), 'wx.reLaunch'),
    });
  });

  it('warns (exit 0) about a phone request at checkout that does not say why', () => {
    const dir = cliFixture('phone-purpose-at-checkout');
    const { status, report } = lintJson(dir);
    assert.strictEqual(status, 0, JSON.stringify(report, null, 2));
    const file = 'pages/order/confirm.wxml';
    assertFinding(report, {
      ruleId: 'phone-purpose-at-checkout',
      severity: 'warning',
      file,
      line: lineOf(path.join(dir, file), 'getPhoneNumber'),
    });
  });

  it('reports nothing once the checkout page explains why it needs the phone number', () => {
    const temp = makeTempDir();
    try {
      const dir = copyFixture('phone-purpose-at-checkout', path.join(temp.dir, 'shop'));
      const page = path.join(dir, 'pages/order/confirm.wxml');
      const explained = fs
        .readFileSync(page, 'utf8')
        .replace(
          '  <button open-type="getPhoneNumber"',
          '  <text>我们需要您的手机号，用于配送时联系您</text>\n  <button open-type="getPhoneNumber|agreePrivacyAuthorization"',
        );
      fs.writeFileSync(page, explained);
      const { status, report } = lintJson(dir);
      assert.strictEqual(status, 0);
      assert.deepStrictEqual(report.findings, []);
    } finally {
      temp.cleanup();
    }
  });

  it('has no findings for the clean project in JSON either', () => {
    const { status, report } = lintJson(cliFixture('clean'));
    assert.strictEqual(status, 0);
    assert.deepStrictEqual(report.findings, []);
    assert.deepStrictEqual(report.errors, []);
  });
});

describe('mp-privacy lint options', () => {
  it('writes Chinese when asked with --locale or by LANG, and LC_ALL overrides LANG', () => {
    const dir = cliFixture('clean');
    assert.strictEqual(runCli(['lint', dir, '--locale', 'zh-cn']).stdout, '在 1 个小程序中未发现问题。\n');
    assert.strictEqual(runCli(['lint', dir], { env: { LANG: 'zh_CN.UTF-8' } }).stdout, '在 1 个小程序中未发现问题。\n');
    assert.strictEqual(
      runCli(['lint', dir], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' } }).stdout,
      'No problems found in 1 mini program(s).\n',
    );
  });

  it('writes messages in the chosen language', () => {
    const en = lintJson(cliFixture('phone-on-entry'), ['--locale', 'en']).report.findings[0];
    const zh = lintJson(cliFixture('phone-on-entry'), ['--locale', 'zh-cn']).report.findings[0];
    assert.ok(en && zh);
    assert.notStrictEqual(en.message, zh.message);
    assert.match(zh.message, /[\u4e00-\u9fff]/);
  });

  it('writes the report to --output, creating folders, and keeps the exit code', () => {
    const temp = makeTempDir();
    try {
      const target = path.join(temp.dir, 'reports', 'mp.sarif');
      const run = runCli(['lint', cliFixture('phone-on-entry'), '--format', 'sarif', '--output', target]);
      assert.strictEqual(run.status, 1, run.stderr);
      assert.strictEqual(run.stdout, '');
      assert.deepStrictEqual(validateSarif(JSON.parse(fs.readFileSync(target, 'utf8'))), []);
    } finally {
      temp.cleanup();
    }
  });

  it('exits 2 when the report cannot be written', () => {
    const run = runCli([
      'lint',
      cliFixture('clean'),
      '--output',
      path.join(cliFixture('clean'), 'app.json', 'report.txt'),
    ]);
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /cannot write report/);
    assertNoStackTrace(run.stderr);
  });
});

describe('mp-privacy lint on a folder holding several mini programs', () => {
  const temp = makeTempDir();
  const repo = path.join(temp.dir, 'repo');

  before(() => {
    copyFixture('clean', path.join(repo, 'shop'));
    copyFixture('phone-on-entry', path.join(repo, 'store'));
    fs.mkdirSync(path.join(repo, 'tool'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, 'tool', 'project.config.json'),
      JSON.stringify({ miniprogramRoot: 'miniprogram/', appid: 'touristappid' }),
    );
    copyFixture('phone-purpose-at-checkout', path.join(repo, 'tool', 'miniprogram'));
    // Dependencies are never linted, even when they ship a mini program.
    copyFixture('phone-on-entry', path.join(repo, 'node_modules', 'some-sdk'));
  });
  after(() => temp.cleanup());

  it('finds every root, lists them and reports paths relative to the scanned folder', () => {
    const run = runCli(['lint', repo]);
    assert.strictEqual(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^Scanned 3 mini programs:\n {2}shop\n {2}store\n {2}tool\/miniprogram\n/);
    assert.match(run.stdout, /^store\/pages\/login\/login\.wxml$/m);
    assert.match(run.stdout, /^tool\/miniprogram\/pages\/order\/confirm\.wxml$/m);
    assert.doesNotMatch(run.stdout, /node_modules/);
  });

  it('gives the same roots and findings in JSON', () => {
    const { status, report } = lintJson(repo);
    assert.strictEqual(status, 1);
    assert.deepStrictEqual(report.roots, ['shop', 'store', 'tool/miniprogram']);
    const files = new Set(report.findings.map((f) => f.file));
    assert.ok(files.has('store/pages/login/login.wxml'), [...files].join(', '));
    assert.ok(files.has('tool/miniprogram/pages/order/confirm.wxml'), [...files].join(', '));
    assert.ok(![...files].some((file) => file.startsWith('shop/')), 'the clean project has no findings');
  });

  it('writes SARIF 2.1.0 that passes the structural checks and lists every rule', () => {
    const run = runCli(['lint', repo, '--format', 'sarif']);
    assert.strictEqual(run.status, 1, run.stderr);
    assertNoStackTrace(run.stderr);
    const sarif = JSON.parse(run.stdout);
    assert.deepStrictEqual(validateSarif(sarif), []);
    const sarifRun = sarif.runs[0];
    assert.strictEqual(sarifRun.tool.driver.name, 'mp-privacy');
    const ruleIds = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const rule of allRules)
      assert.ok(ruleIds.includes(rule.meta.id), `rule ${rule.meta.id} missing from driver.rules`);
    assert.ok(sarifRun.results.length >= 2);
    const uris = sarifRun.results.map(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.includes('store/pages/login/login.wxml'), uris.join(', '));
    assert.deepStrictEqual(sarifRun.invocations, [{ executionSuccessful: true }]);
  });
});
