/** The editor shows findings recorded in mp-privacy-baseline.json at hint level, and new ones as usual. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { after, before, describe, it } from 'node:test';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { runCli } from '../cli/run-cli';
import { LspSession, PHONE_ON_ENTRY, uriOf } from './lsp-session';

describe('baseline in the editor (phone-on-entry fixture)', () => {
  let session: LspSession;
  before(async () => (session = await LspSession.onFixture('phone-on-entry', { locale: 'en' })));
  after(() => session.dispose());

  it('a baselined finding turns into a hint naming the baseline; a new one keeps its severity; deleting the file restores it', async () => {
    await session.open('app.js');
    const error = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    assert.equal(error.severity, DiagnosticSeverity.Error);

    // The real CLI records today's findings; the editor learns of the new file from the file watcher.
    const written = runCli(['lint', session.root, '--baseline', 'write']);
    assert.equal(written.status, 0, written.stderr);
    const baseline = session.path('mp-privacy-baseline.json');
    let mark = session.mark();
    await session.writeOnDisk('mp-privacy-baseline.json', fs.readFileSync(baseline, 'utf8'));
    const hinted = await session.waitForDiagnostics(
      'app.js',
      (list) => list.some((d) => d.code === PHONE_ON_ENTRY && d.severity === DiagnosticSeverity.Hint),
      { after: mark, what: 'the baselined finding as a hint' },
    );
    const hint = hinted.find((d) => d.code === PHONE_ON_ENTRY)!;
    assert.match(hint.message, /mp-privacy-baseline\.json/);
    assert.deepEqual(hint.range, error.range, 'the same place, only the level changes');
    // Its fixes are still offered.
    const actions = (await session.codeActions('app.js', hint.range)) ?? [];
    assert.ok(actions.some((a) => 'diagnostics' in a && a.diagnostics?.[0]?.severity === DiagnosticSeverity.Hint));

    // Moving the code down keeps it baselined; a new privacy call in the same file is not.
    mark = session.mark();
    const moved = `// entry\n\n${session.read('app.js').replace('onLaunch() {', 'onLaunch() {\n    wx.getLocation({ type: "gcj02" })')}`;
    await session.change('app.js', moved);
    const after = await session.waitForDiagnostics(
      'app.js',
      (list) => list.some((d) => d.code === 'undeclared-private-info'),
      { after: mark, what: 'the new finding' },
    );
    assert.equal(after.find((d) => d.code === PHONE_ON_ENTRY)?.severity, DiagnosticSeverity.Hint);
    assert.notEqual(after.find((d) => d.code === 'undeclared-private-info')?.severity, DiagnosticSeverity.Hint);

    mark = session.mark();
    fs.rmSync(baseline);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(baseline), type: FileChangeType.Deleted }],
    });
    await session.waitForDiagnostics(
      'app.js',
      (list) => list.some((d) => d.code === PHONE_ON_ENTRY && d.severity === DiagnosticSeverity.Error),
      { after: mark, what: 'the error again' },
    );
  });

  it('a file that is not a baseline is left aside, with a line in the log', async () => {
    await session.writeOnDisk('mp-privacy-baseline.json', '{ "version": 7 }');
    const diagnostics = await session.currentDiagnostics('app.js');
    assert.equal(diagnostics.find((d) => d.code === PHONE_ON_ENTRY)?.severity, DiagnosticSeverity.Error);
    assert.ok(
      session.logs.some((line) => /mp-privacy-baseline\.json is not used: unsupported version 7/.test(line)),
      session.logs.join('\n'),
    );
  });
});
