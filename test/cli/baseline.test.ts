import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { assertNoStackTrace, copyFixture, makeTempDir, runCli } from './run-cli';

interface JsonReport {
  findings: { file: string; ruleId: string; severity: string; line: number }[];
  baseline?: { file: string; baselined: number; gone: number; updated?: string };
}

function lint(dir: string, args: string[] = []): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['lint', dir, '--format', 'json', ...args]);
  assertNoStackTrace(run.stderr);
  return { status: run.status, report: JSON.parse(run.stdout), stderr: run.stderr };
}

function edit(file: string, change: (content: string) => string): void {
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

describe('lint --baseline', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let project: string;
  beforeEach(() => {
    temp = makeTempDir();
    project = copyFixture('phone-on-entry', path.join(temp.dir, 'shop'));
  });
  afterEach(() => temp.cleanup());

  it('write records every finding in mp-privacy-baseline.json at the linted folder and exits 0', () => {
    const before = lint(project);
    assert.strictEqual(before.status, 1, 'the fixture has an error-level finding');
    const written = lint(project, ['--baseline', 'write']);
    assert.strictEqual(written.status, 0);
    assert.deepStrictEqual(written.report.findings, []);
    assert.deepStrictEqual(written.report.baseline, {
      file: 'mp-privacy-baseline.json',
      baselined: before.report.findings.length,
      gone: 0,
      updated: 'written',
    });
    const file = JSON.parse(fs.readFileSync(path.join(project, 'mp-privacy-baseline.json'), 'utf8'));
    assert.strictEqual(file.version, 1);
    const recorded = file.entries.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`).sort();
    assert.deepStrictEqual(recorded, before.report.findings.map((f) => `${f.file} ${f.ruleId}`).sort());
    for (const entry of file.entries) assert.match(entry.fingerprint, /^[0-9a-f]{16}$/);
    assert.match(written.stderr, /recorded \d+ findings? in mp-privacy-baseline\.json/);
  });

  it('a later run reports only new findings, exits by them, and survives moved and re-indented lines', () => {
    lint(project, ['--baseline', 'write']);
    // Lines move and are re-indented: the baselined finding stays baselined.
    const wxml = path.join(project, 'pages/login/login.wxml');
    edit(wxml, (c) => `<!-- a banner -->\n<view class="banner">新品上市</view>\n\n${c.replace(/\n {2}/g, '\n      ')}`);
    const moved = lint(project);
    assert.strictEqual(moved.status, 0, JSON.stringify(moved.report.findings));
    assert.deepStrictEqual(moved.report.findings, []);
    assert.ok(moved.report.baseline && moved.report.baseline.baselined > 0 && moved.report.baseline.gone === 0);

    // A new violation on another page is reported, and fails the run, alone.
    edit(path.join(project, 'pages/index/index.js'), (c) =>
      c.replace('Page({', 'Page({\n  onLoad() { wx.getLocation({ type: "gcj02" }) },'),
    );
    const fresh = lint(project);
    assert.ok(fresh.report.findings.length > 0);
    assert.ok(
      fresh.report.findings.every((f) => f.file === 'pages/index/index.js'),
      JSON.stringify(fresh.report.findings),
    );
    assert.strictEqual(fresh.status, fresh.report.findings.some((f) => f.severity === 'error') ? 1 : 0);

    // --baseline off shows everything again.
    const off = lint(project, ['--baseline', 'off']);
    assert.ok(off.report.findings.some((f) => f.ruleId === 'phone-on-entry'));
    assert.strictEqual(off.report.baseline, undefined);
  });

  it('says how many baselined findings are gone, and prune removes them from the file', () => {
    lint(project, ['--baseline', 'write']);
    const baselineFile = path.join(project, 'mp-privacy-baseline.json');
    const entriesBefore = JSON.parse(fs.readFileSync(baselineFile, 'utf8')).entries.length;
    // The phone wall goes: the login page becomes a plain welcome page.
    edit(path.join(project, 'pages/login/login.wxml'), (c) =>
      c.replace(/<button[^]*?<\/button>/, '<button bindtap="onStart">开始</button>'),
    );
    const checked = lint(project);
    assert.strictEqual(checked.status, 0);
    assert.ok(checked.report.baseline && checked.report.baseline.gone > 0);
    assert.match(checked.stderr, /no longer occurs?: run "mp-privacy lint --baseline prune"/);
    assert.strictEqual(
      JSON.parse(fs.readFileSync(baselineFile, 'utf8')).entries.length,
      entriesBefore,
      'a plain run does not rewrite the file',
    );

    const pruned = lint(project, ['--baseline', 'prune']);
    assert.strictEqual(pruned.status, 0);
    assert.strictEqual(pruned.report.baseline?.updated, 'pruned');
    const entriesAfter = JSON.parse(fs.readFileSync(baselineFile, 'utf8')).entries;
    assert.ok(entriesAfter.length < entriesBefore);
    assert.ok(!entriesAfter.some((e: { rule: string }) => e.rule === 'phone-on-entry'));
    assert.strictEqual(lint(project).report.baseline?.gone, 0);
  });

  it('--baseline <file> reads and writes another file, with paths relative to its folder', () => {
    const elsewhere = path.join(temp.dir, 'ci', 'privacy-baseline.json');
    fs.mkdirSync(path.dirname(elsewhere));
    assert.strictEqual(lint(project, ['--baseline', 'write', '--baseline', elsewhere]).status, 0);
    assert.ok(!fs.existsSync(path.join(project, 'mp-privacy-baseline.json')));
    const entries = JSON.parse(fs.readFileSync(elsewhere, 'utf8')).entries;
    assert.ok(
      entries.every((e: { file: string }) => e.file.startsWith('../shop/')),
      JSON.stringify(entries),
    );
    assert.strictEqual(lint(project).status, 1, 'without the file named, nothing is baselined');
    assert.strictEqual(lint(project, ['--baseline', elsewhere]).status, 0);
  });

  it('a named baseline that is missing or not a baseline is a usage error (exit 2)', () => {
    const missing = runCli(['lint', project, '--baseline', path.join(temp.dir, 'nope.json')]);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /file not found/);
    fs.writeFileSync(path.join(project, 'mp-privacy-baseline.json'), '{"version": 1, "entries": [{"file": 3}]}');
    const invalid = runCli(['lint', project]);
    assert.strictEqual(invalid.status, 2);
    assert.match(invalid.stderr, /entry 1 needs/);
    assertNoStackTrace(invalid.stderr);
    assert.strictEqual(runCli(['lint', project, '--baseline', 'write', '--baseline', 'prune']).status, 2);
    assert.strictEqual(runCli(['inventory', project, '--baseline', 'write']).status, 2);
  });

  it('--help documents the baseline', () => {
    const help = runCli(['--help']).stdout;
    assert.match(help, /--baseline write/);
    assert.match(help, /--baseline prune/);
    assert.match(help, /mp-privacy-baseline\.json/);
  });

  it('the baseline is written as every file is (safe-write): never through a symbolic link', () => {
    const elsewhere = path.join(temp.dir, 'elsewhere.json');
    fs.writeFileSync(elsewhere, 'kept');
    fs.symlinkSync(elsewhere, path.join(project, 'mp-privacy-baseline.json'));
    const run = runCli(['lint', project, '--format', 'json', '--baseline', 'write']);
    assertNoStackTrace(run.stderr);
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /cannot write the baseline mp-privacy-baseline\.json: .*symbolic link/);
    assert.strictEqual(fs.readFileSync(elsewhere, 'utf8'), 'kept');
  });
});
