/**
 * Writes that cannot be turned: `lint --fix`, `init` and `--output` write through exclusive temporary files with
 * unpredictable names, never through a link, keep the file's mode, leave read-only files and files changed since
 * they were read alone, and write a set of files all or nothing. Real CLI processes throughout; a preload
 * (write-interposer.ts) plays the attacker or the user at the moment the CLI opens its temporary file.
 */
import { beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cliBin } from '../helpers/paths';
import { runCli } from '../cli/run-cli';
import { addObsoleteKey, copyCliFixture, useSandbox, type Sandbox } from './sandbox';

const INTERPOSER = path.join(__dirname, 'write-interposer.js');
const TEMPORARY = /mp-privacy.*\.tmp$/;

function interposed(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${INTERPOSER}`.trim() };
}

/** Every file below `dir` whose name looks like a temporary file of mp-privacy. */
function temporaryFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((name) => TEMPORARY.test(path.basename(name)));
}

/** A mini program whose app.json carries an obsolete key that `lint --fix` removes (one automatic fix). */
function fixableProject(dir: string): string {
  const app = copyCliFixture('clean', dir);
  addObsoleteKey(path.join(app, 'app.json'));
  return app;
}

/** A mini program with `pages` pages whose forms carry a leftover report-submit: `lint --fix` edits every template. */
function manyFilesToFix(dir: string, pages: number): string[] {
  const routes = Array.from({ length: pages }, (_, i) => `pages/p${i}/p${i}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: routes }, null, 2) + '\n');
  for (const route of routes) {
    fs.mkdirSync(path.join(dir, path.dirname(route)), { recursive: true });
    fs.writeFileSync(
      path.join(dir, `${route}.wxml`),
      `<view class="page">\n  <form report-submit="true" bindsubmit="onSubmit">\n    <input name="note" />\n    <button form-type="submit">保存</button>\n  </form>\n</view>\n`,
    );
    fs.writeFileSync(
      path.join(dir, `${route}.js`),
      `Page({\n  onSubmit(e) {\n    this.setData({ note: e.detail.value.note });\n  },\n});\n`,
    );
  }
  return routes.map((route) => path.join(dir, `${route}.wxml`));
}

describe('safety: writes that cannot be turned', () => {
  const sandbox = useSandbox();
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });

  it('a planted temporary-file symlink: the write does not follow it, and the fix still lands', () => {
    const app = fixableProject(path.join(box.work, 'app'));
    const opened = path.join(box.parent, 'opened.log');
    const run = runCli(['lint', app, '--fix'], {
      env: interposed({
        MP_PRIVACY_TEST_PLANT_LINK: path.join(box.outside, 'secret.txt'),
        MP_PRIVACY_TEST_OPENED: opened,
      }),
    });
    const names = fs
      .readFileSync(opened, 'utf8')
      .trim()
      .split('\n')
      .map((file) => path.basename(file));
    assert.ok(names.length >= 2, `a new name after the planted one: ${names.join(', ')}`);
    // Unpredictable: pid and 64 random bits, not the file name.
    for (const name of names) assert.match(name, /^\.mp-privacy-\d+-[0-9a-f]{16}\.tmp$/);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /fixed privacy-authorization-flow/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(app, 'app.json'), 'utf8')).__usePrivacyCheck__, undefined);
    // The planted link stays (not ours to remove) and still points where it did; secret.txt is unchanged (afterEach).
    assert.equal(fs.readlinkSync(path.join(app, names[0])), path.join(box.outside, 'secret.txt'));
  });

  it('modes kept: a 0600 file stays 0600; a 0444 file is reported and not rewritten', () => {
    const privateApp = fixableProject(path.join(box.work, 'private'));
    fs.chmodSync(path.join(privateApp, 'app.json'), 0o600);
    const readOnlyApp = fixableProject(path.join(box.work, 'readonly'));
    const readOnly = path.join(readOnlyApp, 'app.json');
    const before = fs.readFileSync(readOnly, 'utf8');
    fs.chmodSync(readOnly, 0o444);

    const run = runCli(['lint', box.work, '--fix']);
    assert.equal(fs.statSync(path.join(privateApp, 'app.json')).mode & 0o777, 0o600);
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(privateApp, 'app.json'), 'utf8')).__usePrivacyCheck__,
      undefined,
      'the 0600 file is fixed',
    );
    assert.match(run.stderr, /fixed privacy-authorization-flow in \S*\/private\/app\.json/);
    assert.match(
      run.stderr,
      /did not fix privacy-authorization-flow in \S*\/readonly\/app\.json: cannot write \S*\/readonly\/app\.json: it is read-only/,
    );
    assert.equal(fs.statSync(readOnly).mode & 0o777, 0o444);
    assert.equal(fs.readFileSync(readOnly, 'utf8'), before);
  });

  it('a dangling symlink named mp-privacy.config.json: init refuses to write through it', () => {
    const target = path.join(box.outside, 'created-by-init.json');
    fs.symlinkSync(target, path.join(box.work, 'mp-privacy.config.json'));
    for (const args of [
      ['init', box.work],
      ['init', box.work, '--force'],
    ]) {
      const run = runCli(args);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /mp-privacy\.config\.json is a symbolic link; mp-privacy does not write through links/);
      assert.equal(fs.existsSync(target), false);
    }
    // A regular file is still replaced with --force, keeping its mode.
    fs.rmSync(path.join(box.work, 'mp-privacy.config.json'));
    fs.writeFileSync(path.join(box.work, 'mp-privacy.config.json'), '{}\n', { mode: 0o640 });
    fs.chmodSync(path.join(box.work, 'mp-privacy.config.json'), 0o640);
    assert.equal(runCli(['init', box.work, '--force']).status, 0);
    assert.equal(fs.statSync(path.join(box.work, 'mp-privacy.config.json')).mode & 0o777, 0o640);
    assert.ok(JSON.parse(fs.readFileSync(path.join(box.work, 'mp-privacy.config.json'), 'utf8')).rules);
  });

  it('--output never writes through a planted link', () => {
    const app = fixableProject(path.join(box.work, 'app'));
    const report = path.join(box.work, 'report.sarif');
    fs.symlinkSync(path.join(box.outside, 'secret.txt'), report);
    const run = runCli(['lint', app, '--format', 'sarif', '--output', report]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot write report to .*report\.sarif: it is a symbolic link/);
  });

  it('a concurrent edit kept: a file saved after it was read is not overwritten, and nothing else is written', () => {
    const dir = path.join(box.work, 'app');
    const templates = manyFilesToFix(dir, 3);
    const edited = templates[1];
    const before = templates.map((file) => fs.readFileSync(file, 'utf8'));
    const run = runCli(['lint', dir, '--fix'], { env: interposed({ MP_PRIVACY_TEST_EDIT: edited }) });
    assert.match(
      run.stderr,
      /no fix was written: \S*\/pages\/p1\/p1\.wxml: it changed on disk since mp-privacy read it/,
    );
    assert.equal(fs.readFileSync(edited, 'utf8'), `${before[1]}<!-- edited -->\n`, 'the edit is kept');
    assert.equal(
      fs.readFileSync(templates[0], 'utf8'),
      before[0],
      'all or nothing: the other files are not written either',
    );
    assert.equal(fs.readFileSync(templates[2], 'utf8'), before[2]);
    assert.deepEqual(temporaryFiles(dir), []);
  });

  it('SIGKILL during a 40-file fix, 20 trials: every file all old or all new, stray temporary files removed by the next run', async () => {
    const dir = path.join(box.work, 'app');
    const templates = manyFilesToFix(dir, 40);
    const old = templates.map((file) => fs.readFileSync(file, 'utf8'));
    // One uninterrupted run gives the new contents and how long a run takes.
    const started = Date.now();
    const full = runCli(['lint', dir, '--fix']);
    const duration = Date.now() - started;
    assert.equal((full.stderr.match(/fixed report-submit-formid/g) ?? []).length, 40, full.stderr);
    const fixed = templates.map((file) => fs.readFileSync(file, 'utf8'));
    assert.ok(fixed.every((content, i) => content !== old[i]));

    const outcomes: string[] = [];
    const contents = () =>
      templates.map((file, i) => {
        const content = fs.readFileSync(file, 'utf8');
        return content === old[i] ? 'old' : content === fixed[i] ? 'new' : 'torn';
      });
    for (let trial = 0; trial < 20; trial++) {
      templates.forEach((file, i) => fs.writeFileSync(file, old[i]));
      // Three kinds of kill, in turn: after a random delay over the whole run (mostly while the fixes are
      // computed); inside the write, as the CLI opens its k-th temporary file; between two renames, right after
      // the k-th. k is random; the last two are moments a random delay hardly ever hits.
      const kind = ['delay', 'temporary', 'rename'][trial % 3];
      const k = String(1 + Math.floor(Math.random() * templates.length));
      const delay = kind === 'delay' ? Math.random() * duration * 1.1 : duration * 5;
      const env =
        kind === 'temporary'
          ? interposed({ MP_PRIVACY_TEST_KILL_AT: k })
          : kind === 'rename'
            ? interposed({ MP_PRIVACY_TEST_KILL_AFTER_RENAME: k })
            : process.env;
      const child = spawn(process.execPath, [cliBin, 'lint', dir, '--fix'], { stdio: 'ignore', env });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, sig) => resolve(sig)),
      );
      clearTimeout(timer);
      const when = kind === 'delay' ? `after ${Math.round(delay)} ms` : `at ${kind} ${k}`;
      const killed = contents();
      assert.ok(!killed.includes('torn'), `trial ${trial} (killed ${when}): ${killed.join(' ')}`);
      // The next run (a plain lint) finishes an interrupted set of renames and removes what the killed run left.
      const next = runCli(['lint', dir]);
      const after = [...new Set(contents())];
      assert.ok(
        after.length === 1,
        `trial ${trial} (killed ${when}): after the next run ${contents().join(' ')}\n${next.stderr}`,
      );
      assert.deepEqual(temporaryFiles(dir), [], next.stderr);
      const mixed = new Set(killed).size > 1;
      outcomes.push(
        `${signal ? `killed at ${kind}` : 'finished'}: ${mixed ? 'mixed, finished by the next run' : after[0]} -> ${after[0]}`,
      );
    }
    const counts = outcomes.reduce<Record<string, number>>(
      (acc, outcome) => ({ ...acc, [outcome]: (acc[outcome] ?? 0) + 1 }),
      {},
    );
    console.log(`# SIGKILL trials (run ${duration} ms): ${JSON.stringify(counts)}`);
    assert.ok(
      outcomes.some((outcome) => outcome.startsWith('killed')),
      'at least one run was killed',
    );
    assert.ok(
      outcomes.some((outcome) => outcome.includes('mixed')),
      'a kill between renames was finished by the next run',
    );
  });

  it('stray temporary files of a stopped run are removed by the next run; those of a live run are kept', () => {
    const app = fixableProject(path.join(box.work, 'app'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stray = path.join(app, 'pages', 'index', `.mp-privacy-${gone}-0123456789abcdef.tmp`);
    const strayLink = path.join(app, `.mp-privacy-${gone}-fedcba9876543210.tmp`);
    const live = path.join(app, `.mp-privacy-${process.pid}-00112233445566ff.tmp`);
    const lookalike = path.join(app, '.mp-privacy-notes.tmp');
    fs.writeFileSync(stray, 'half a file');
    fs.symlinkSync(path.join(box.outside, 'secret.txt'), strayLink);
    fs.writeFileSync(live, 'being written');
    fs.writeFileSync(lookalike, 'not ours');
    const run = runCli(['lint', app]);
    assert.match(run.stderr, /removed 2 temporary files left by an mp-privacy run that was stopped/);
    assert.equal(fs.existsSync(stray), false);
    assert.equal(
      fs.lstatSync(strayLink, { throwIfNoEntry: false }),
      undefined,
      'the stray link itself is removed, not what it points to',
    );
    assert.ok(fs.existsSync(live), 'a live process may still need it');
    assert.ok(fs.existsSync(lookalike));
  });
});
