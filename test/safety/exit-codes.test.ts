/**
 * Honest exit codes (issue 12, item 4): a rule or stage that fails makes the run exit 2 with the failure named,
 * the findings made without it still printed; nothing a large file holds overflows the stack. Run on the real
 * CLI process (node server/bin/mp-privacy.js) and the real language server over stdio.
 *   - 130,000 wx.* calls in one 3 MB file: `push(...array)` overflowed the stack, eight rules failed, the
 *     failures became warning findings and the JSON run exited 0 (the text run crashed with exit 2);
 *   - a rule that throws (made to by rule-hook.ts, preloaded) was a warning finding and exit 0.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { cliBin } from '../helpers/paths';
import { LspSession } from '../lsp/lsp-session';

const HOOK = path.join(__dirname, 'rule-hook.js');
const FAILING_RULE = 'personal-data-storage';

function writeProject(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

/** The real CLI, English, not in debug mode; `preload` adds the failing-rule hook. */
function lint(root: string, args: string[], preload = false) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  delete env.MP_PRIVACY_DEBUG;
  if (preload) env.MP_PRIVACY_TEST_FAILING_RULE = FAILING_RULE;
  const run = spawnSync(process.execPath, [...(preload ? ['--require', HOOK] : []), cliBin, 'lint', root, ...args], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run;
}

/** Undeclared wx.getLocation in onLoad (an error) and a phone number kept in storage (personal-data-storage). */
const PROJECT = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'] }, null, 2),
  'pages/index/index.wxml': '<view>{{title}}</view>\n',
  'pages/index/index.js':
    "Page({\n  onLoad() {\n    wx.getLocation({ type: 'wgs84' });\n    wx.setStorageSync('phone', this.data.phone);\n  },\n});\n",
};

describe('exit codes when a rule fails or a file is huge', () => {
  let temp: string;
  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-exit-'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it(
    '130,000 wx.* calls in one 3 MB file: every rule runs, exit 1 with the error finding',
    { timeout: 600_000 },
    (t) => {
      const root = path.join(temp, 'huge');
      writeProject(root, {
        ...PROJECT,
        'pages/index/index.js': `Page({\n  onLoad() {\n${'    wx.getLocation();\n'.repeat(130_000)}  },\n});\n`,
      });
      const started = Date.now();
      const run = lint(root, []);
      t.diagnostic(`${Date.now() - started} ms, exit ${run.status}, ${run.stdout.length} chars of output`);
      assert.equal(run.stderr, '', 'nothing on stderr');
      assert.equal(run.status, 1);
      // Lines, not the whole output, in the assertions: a failure message would otherwise hold 18 MB.
      const lines = run.stdout.split('\n');
      assert.ok(
        lines.includes(
          '  3:5       error    wx.getLocation is not declared in app.json requiredPrivateInfos, so the call fails.  undeclared-private-info',
        ),
        lines.slice(0, 12).join('\n'),
      );
      assert.equal(
        lines.filter((line) => line.endsWith('  privacy-api-without-user-action')).length,
        130_000,
        'one finding per call',
      );
      assert.equal(lines.at(-2), '✖ 130003 problems (2 errors, 130000 warnings, 1 info)');
    },
  );

  it('a rule that throws: exit 2, the rule named on stderr, the other findings printed', () => {
    const root = path.join(temp, 'failing');
    writeProject(root, PROJECT);
    const clean = lint(root, []);
    assert.equal(clean.status, 1, 'without the hook: exit 1 (the undeclared location API)');
    assert.match(clean.stdout, / personal-data-storage$/m, 'without the hook the rule reports the stored phone number');

    const run = lint(root, [], true);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `mp-privacy: internal error analysing .: rule ${FAILING_RULE} failed (its findings are missing): injected failure in ${FAILING_RULE}\n`,
    );
    assert.match(run.stdout, / undeclared-private-info$/m, 'the other rules still report');
    assert.doesNotMatch(
      run.stdout,
      /personal-data-storage|unreadable-file|injected/,
      'the failure is not disguised as a finding',
    );

    const json = lint(root, ['--format', 'json'], true);
    assert.equal(json.status, 2);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(report.errors, [
      { root: '.', rule: FAILING_RULE, message: `injected failure in ${FAILING_RULE}` },
    ]);
    assert.ok(report.findings.some((f: { ruleId: string }) => f.ruleId === 'undeclared-private-info'));
    const sarif = JSON.parse(lint(root, ['--format', 'sarif'], true).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.match(
      sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text,
      new RegExp(`rule ${FAILING_RULE} failed`),
    );
  });

  it('a rule that throws in the language server: the user is told which, the stack is logged, the other diagnostics are published', async () => {
    const root = path.join(temp, 'failing-lsp');
    writeProject(root, PROJECT);
    const session = await LspSession.start(root, {
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${HOOK}`.trim(),
        MP_PRIVACY_TEST_FAILING_RULE: FAILING_RULE,
      },
    });
    try {
      await session.open('pages/index/index.js');
      await session.waitForDiagnostics('pages/index/index.js', (list) => list.length > 0);
      // A request round trip: everything the server sent after the diagnostics has arrived too.
      const diagnostics = await session.currentDiagnostics('pages/index/index.js');
      assert.ok(
        diagnostics.some((d) => d.code === 'undeclared-private-info'),
        'the other rules still report',
      );
      assert.ok(!diagnostics.some((d) => d.code === FAILING_RULE || d.code === 'unreadable-file'));
      const shown = session.messages.filter((m) => m.type === MessageType.Error);
      assert.equal(shown.length, 1, `one message: ${JSON.stringify(session.messages)}`);
      assert.match(shown[0].message, new RegExp(`rule ${FAILING_RULE} failed while analysing .*injected failure`));
      assert.ok(
        session.logs.some((line) => line.includes(`rule ${FAILING_RULE} failed`) && /\n\s+at /.test(line)),
        'the stack is in the log',
      );
      // The next analysis fails the same way: logged again, not shown again.
      await session.change('pages/index/index.js', `${session.read('pages/index/index.js')}\n`);
      await session.currentDiagnostics('pages/index/index.js');
      assert.equal(session.messages.filter((m) => m.type === MessageType.Error).length, 1);
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
  });
});
