/**
 * Encodings and clear messages: app.json with a UTF-8 BOM or in UTF-16 is read as the editor shows it (findings
 * and columns right) and fixed in its own encoding; binary content is never quoted; `--format sarif --output`
 * always writes a valid log; permission errors, a missing miniprogramRoot and a configuration from above the folder
 * are each one clear line naming the path. Real CLI and server processes.
 */
import { beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cliBin } from '../helpers/paths';
import { assertNoStackTrace, runCli, type CliRun } from '../cli/run-cli';
import { validateSarif } from '../cli/sarif-validator';
import { LspSession } from '../lsp/lsp-session';
import { addObsoleteKey, copyCliFixture, useSandbox, type Sandbox } from './sandbox';

const PAGES = ['pages/index/index', 'pages/profile/profile'];
/** One line, so that the BOM would shift the column of the finding on `"__usePrivacyCheck__": true`. */
const APP_JSON = `{"__usePrivacyCheck__": true, "pages": ${JSON.stringify(PAGES)}}\n`;

const ENCODINGS: [string, (text: string) => Buffer][] = [
  ['UTF-8 with BOM', (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
  ['UTF-16 LE with BOM', (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ['UTF-16 BE with BOM', (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
];

interface JsonFinding {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  message: string;
}

/** Runs the CLI as an unprivileged user (root reads and writes whatever the modes say), else as ourselves. */
function runCliUnprivileged(args: string[], cwd: string): CliRun {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd,
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', MP_PRIVACY_DEBUG: '' },
    encoding: 'utf8',
    timeout: 60_000,
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Hands a tree to the unprivileged user the tests run the CLI as (a no-op when not root). */
function giveAway(dir: string): void {
  if (process.getuid?.() !== 0) return;
  fs.chownSync(dir, 65534, 65534);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) giveAway(full);
    else fs.chownSync(full, 65534, 65534);
  }
}

describe('safety: encodings and clear messages', () => {
  const sandbox = useSandbox();
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });

  for (const [name, encode] of ENCODINGS) {
    it(`app.json in ${name}: read as the editor shows it (no syntax error, right column), fixed in its own encoding`, () => {
      const app = copyCliFixture('clean', path.join(box.work, 'app'));
      const file = path.join(app, 'app.json');
      fs.writeFileSync(file, encode(APP_JSON));
      const lint = runCli(['lint', app, '--format', 'json']);
      const findings = (JSON.parse(lint.stdout) as { findings: JsonFinding[] }).findings.filter(
        (f) => f.file === 'app.json',
      );
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line, f.column]),
        [['privacy-authorization-flow', 1, APP_JSON.indexOf('"__use') + 1]],
        lint.stdout,
      );

      const fix = runCli(['lint', app, '--fix']);
      assert.match(fix.stderr, /fixed privacy-authorization-flow in \S*\/app\/app\.json/);
      const bytes = fs.readFileSync(file);
      const expected = encode('');
      assert.deepEqual([...bytes.subarray(0, expected.length)], [...expected], 'the byte order mark is kept');
      const text = name.includes('BE')
        ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
        : name.includes('16')
          ? bytes.toString('utf16le', 2)
          : bytes.toString('utf8', 3);
      assert.deepEqual(JSON.parse(text), { pages: PAGES });
    });
  }

  it('app.json with a BOM in the language server: the diagnostic sits where the editor shows the text', async () => {
    const app = copyCliFixture('clean', path.join(box.work, 'app'));
    fs.writeFileSync(path.join(app, 'app.json'), ENCODINGS[0][1](APP_JSON));
    const session = await LspSession.start(app);
    try {
      await session.open('pages/index/index.wxml');
      const diagnostic = await session.waitForFinding('app.json', 'privacy-authorization-flow');
      assert.deepEqual(diagnostic.range.start, { line: 0, character: APP_JSON.indexOf('"__use') });
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
  });

  it('binary content is never quoted in a message', () => {
    const app = copyCliFixture('clean', path.join(box.work, 'app'));
    // No NUL byte, and it starts like markup: a tag name made of binary would be quoted by "is never closed".
    const junk = Buffer.from(Array.from({ length: 400 }, (_, i) => 1 + ((i * 131 + 7) % 254)));
    fs.writeFileSync(path.join(app, 'pages/profile/profile.wxml'), Buffer.concat([Buffer.from('<view><a'), junk]));
    const run = runCli(['lint', app, '--format', 'json']);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter(
      (f) => f.file === 'pages/profile/profile.wxml',
    );
    assert.deepEqual(
      findings.map((f) => f.message),
      ['profile.wxml looks like a binary file; mp-privacy skipped it.'],
    );
    assert.doesNotMatch(
      run.stdout,
      /[\u0001-\u0008\u000e-\u001f\u007f]|\\u00[01]/,
      'no control character, raw or escaped, reaches the report',
    );
  });

  it('--format sarif --output on a folder without a mini program writes a valid, empty log with a notification (exit 2)', () => {
    fs.mkdirSync(path.join(box.work, 'empty'));
    const output = path.join(box.work, 'report.sarif');
    const run = runCli(['lint', path.join(box.work, 'empty'), '--format', 'sarif', '--output', output]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no mini program found under/);
    const log = JSON.parse(fs.readFileSync(output, 'utf8'));
    assert.deepEqual(validateSarif(log), []);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /no mini program found under/);
  });

  it('permission errors: an unreadable folder or file and a read-only folder are each one line naming the path', () => {
    const app = copyCliFixture('clean', path.join(box.work, 'app'));
    addObsoleteKey(path.join(app, 'app.json'));
    giveAway(box.work);
    // The sandbox's own folder is private to its creator: the unprivileged user needs to get through it.
    fs.chmodSync(box.parent, 0o755);

    fs.chmodSync(path.join(app, 'pages'), 0o000);
    let run = runCliUnprivileged(['lint', 'app'], box.work);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      'mp-privacy: app/pages: permission denied; mp-privacy could not read it, so it was not checked\n',
    );
    fs.chmodSync(path.join(app, 'pages'), 0o755);

    fs.chmodSync(path.join(app, 'pages', 'index', 'index.wxml'), 0o000);
    run = runCliUnprivileged(['lint', 'app'], box.work);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      'mp-privacy: app/pages/index/index.wxml: permission denied; mp-privacy could not read it, so it was not checked\n',
    );
    fs.chmodSync(path.join(app, 'pages', 'index', 'index.wxml'), 0o644);

    fs.chmodSync(app, 0o000);
    run = runCliUnprivileged(['lint', 'app'], box.work);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      'mp-privacy: app: permission denied; mp-privacy could not read it, so it was not checked\n',
    );

    fs.chmodSync(app, 0o555);
    run = runCliUnprivileged(['lint', 'app', '--fix'], box.work);
    assertNoStackTrace(run.stderr);
    assert.match(
      run.stderr,
      /^mp-privacy: did not fix privacy-authorization-flow in app\/app\.json: cannot write app\/app\.json: its folder is not writable \(permission denied\)$/m,
    );
    assert.match(run.stdout, /__usePrivacyCheck__ is obsolete/, 'the report is still made');
    assert.equal(run.status, 0);
  });

  it('a miniprogramRoot that points nowhere is one warning naming it, while the mini program found is linted', () => {
    copyCliFixture('phone-on-entry', path.join(box.work, 'stale'));
    fs.writeFileSync(path.join(box.work, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'dist/' }));
    const run = runCli(['lint', '.'], { cwd: box.work });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr,
      'mp-privacy: warning: project.config.json: "miniprogramRoot": "dist/" names a folder that does not exist.\n',
    );
    assert.match(run.stdout, /phone-on-entry/);
  });

  it('lint says which configuration it used when it is outside the linted folder', () => {
    const app = copyCliFixture('phone-on-entry', path.join(box.work, 'miniprogram'));
    fs.writeFileSync(
      path.join(box.work, 'mp-privacy.config.json'),
      JSON.stringify({ rules: { 'phone-on-entry': 'off' } }),
    );
    fs.writeFileSync(path.join(box.work, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'miniprogram/' }));
    const run = runCli(['lint', 'miniprogram'], { cwd: box.work });
    assert.equal(run.status, 0, run.stdout);
    assert.equal(
      run.stderr,
      'mp-privacy: mp-privacy.config.json: used this configuration, which is outside miniprogram\n',
    );
    assert.ok(fs.existsSync(app));
  });
});
