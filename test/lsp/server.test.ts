/** The server process: start-up, capabilities, robustness against bad input, clean shutdown. */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { after, before, describe, it } from 'node:test';
import { CodeAction, TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { serverBin } from '../helpers/paths';
import { LspSession, PHONE_ON_ENTRY, uriOf } from './lsp-session';

describe('language server process', () => {
  let session: LspSession;
  before(async () => (session = await LspSession.onFixture('phone-on-entry')));
  after(() => session.dispose());

  it('prints its usage and exits with 2 when started without a transport', () => {
    const result = spawnSync(process.execPath, [serverBin], { encoding: 'utf8', timeout: 10000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: mp-privacy-language-server --stdio/);
  });

  it('advertises full document sync, quick fixes and hover', () => {
    const capabilities = session.initializeResult?.capabilities;
    assert.equal(capabilities?.textDocumentSync, TextDocumentSyncKind.Full);
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities?.hoverProvider, true);
  });

  it('survives binary, huge and malformed documents and malformed requests', async () => {
    await session.open('app.js');
    await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    await session.open('pages/index/index.js', `\u0000\u0001${binary}`);
    // About 6 MB, and never closed.
    await session.open(
      'pages/index/index.wxml',
      `<view><navigator url="/pages/order/confirm">${'<text>大</text>'.repeat(400_000)}`,
    );
    await session.open('pages/index/index.json', '{ "usingComponents": ');
    // The rest of the root is still analysed after all that: app.js keeps its finding.
    assert.ok((await session.currentDiagnostics('app.js')).some((d) => d.code === PHONE_ON_ENTRY));

    assert.equal(await session.hover('pages/index/index.js', { line: 0, character: 1 }), null);
    const malformed = session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(session.path('app.js')) },
    });
    assert.deepEqual(
      await session.withTimeout(malformed, 'malformed codeAction'),
      [],
      'a failing handler answers empty',
    );
    assert.ok(
      session.logs.some((line) => /code action failed/.test(line)),
      'and logs why',
    );
    assert.equal(await session.hover('app.js', { line: 0, character: 0 }), null);
    const untitled = session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'untitled:Untitled-1' },
      position: { line: 0, character: 0 },
    });
    assert.equal(await session.withTimeout(untitled, 'hover on untitled'), null);
    const diagnostic = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    assert.ok(
      ((await session.codeActions('app.js', diagnostic.range)) ?? []).filter(CodeAction.is).length > 0,
      'still offers fixes',
    );
    assert.ok(session.alive);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await session.shutdown(), 0);
  });
});
