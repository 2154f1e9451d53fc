/** Work-done progress of a workspace's first analysis, over the real server process. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import {
  WorkDoneProgressCreateRequest,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, LspSession, PHONE_ON_ENTRY } from './lsp-session';

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Source files under a folder, counted independently of the server: .wxml, .js, .ts (not .d.ts), .json, .wxss. */
function countSourceFiles(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) count += countSourceFiles(path.join(dir, entry.name));
    else if (/\.(wxml|js|ts|json|wxss)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) count++;
  }
  return count;
}

describe('work-done progress of the first analysis', () => {
  let session: LspSession;
  const created: ProgressToken[] = [];
  const events: { value: ProgressValue; publishedBefore: number }[] = [];

  before(async () => {
    session = await LspSession.onFixture('phone-on-entry', {
      capabilities: { ...FULL_CAPABILITIES, window: { workDoneProgress: true } },
    });
    session.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => void created.push(token));
    session.connection.onNotification(
      '$/progress',
      ({ token, value }: { token: ProgressToken; value: ProgressValue }) => {
        if (created.includes(token)) events.push({ value, publishedBefore: session.mark() });
      },
    );
  });
  after(() => session.dispose());

  it('reports files parsed out of the total, then ends before the diagnostics are published', async () => {
    // A stray script no page uses: parsed ahead (it counts), then dropped from memory by the analysis.
    fs.writeFileSync(session.path('stray.js'), 'module.exports = 1;\n');
    const total = countSourceFiles(session.root);
    const mark = session.mark();
    await session.open('app.js');
    await session.waitForFinding('app.js', PHONE_ON_ENTRY, mark);
    assert.equal(created.length, 1, 'one progress for the root');
    const [begin, ...rest] = events.map((e) => e.value);
    assert.equal(begin.kind, 'begin');
    assert.match(begin.title, /^mp-privacy: phone-on-entry$/);
    assert.equal(begin.message, `0/${total} files parsed`);
    const end = rest.pop()!;
    assert.equal(end.kind, 'end');
    const last = rest[rest.length - 1] as WorkDoneProgressReport;
    assert.deepEqual(
      { kind: last.kind, message: last.message, percentage: last.percentage },
      { kind: 'report', message: `${total}/${total} files parsed`, percentage: 100 },
    );
    const percentages = rest.map((r) => (r as WorkDoneProgressReport).percentage ?? 0);
    assert.deepEqual(
      percentages,
      [...percentages].sort((a, b) => a - b),
      'never goes backwards',
    );
    assert.equal(events[events.length - 1].publishedBefore, mark, 'ends before the first diagnostics');
  });

  it('reports nothing for later analyses of the same root', async () => {
    const before = events.length;
    const mark = session.mark();
    await session.change('app.js', `${session.read('app.js')}\n// edited\n`);
    await session.waitForFinding('app.js', PHONE_ON_ENTRY, mark);
    await session.currentDiagnostics('app.js');
    assert.equal(created.length, 1);
    assert.equal(events.length, before);
  });
});
