/** Diagnostics are per mini program root: a change to app.json or a closed page updates app.js. */
import { strict as assert } from 'assert';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspSession, offsetRange, PHONE_ON_ENTRY, textAt, uriOf } from './lsp-session';

describe('diagnostics (phone-on-entry fixture)', () => {
  let session: LspSession;
  before(async () => (session = await LspSession.onFixture('phone-on-entry', { locale: 'en' })));
  after(() => session.dispose());

  it('publishes an error at the wx.reLaunch call in app.js, with docs link and the login button as evidence', async () => {
    await session.open('app.js');
    const diagnostic = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'mp-privacy');
    assert.match(diagnostic.codeDescription?.href ?? '', /^file:\/\/.*phone-on-entry\.md$/);
    assert.match(textAt(session.read('app.js'), diagnostic.range), /^wx\.reLaunch\(/);
    assert.equal((diagnostic.data as { ruleId?: string }).ruleId, PHONE_ON_ENTRY);

    const loginWxml = session.read('pages/login/login.wxml');
    const button = { start: loginWxml.indexOf('<button'), end: loginWxml.indexOf('</button>') + '</button>'.length };
    const evidence = (diagnostic.relatedInformation ?? []).find((related) => {
      if (related.location.uri !== uriOf(session.path('pages/login/login.wxml'))) return false;
      const range = offsetRange(loginWxml, related.location.range);
      return button.start <= range.start && range.end <= button.end;
    });
    assert.ok(
      evidence,
      `related information points at the login button: ${JSON.stringify(diagnostic.relatedInformation)}`,
    );
    assert.ok(evidence.message.length > 0);
  });

  it('republishes diagnostics of app.js when app.json becomes invalid, then valid again', async () => {
    await session.open('app.json');
    assert.ok((await session.currentDiagnostics('app.js')).some((d) => d.code === PHONE_ON_ENTRY));
    const valid = session.read('app.json');

    let mark = session.mark();
    await session.change('app.json', valid.replace(/"pages\/order\/confirm"\]/, '"pages/order/confirm"'));
    await session.waitForDiagnostics('app.json', (list) => list.length > 0, {
      after: mark,
      what: 'the broken app.json reported',
    });
    // What could still be read of app.json keeps the finding (app.js is re-sent only if its diagnostics change).
    assert.ok((await session.currentDiagnostics('app.js')).some((d) => d.code === PHONE_ON_ENTRY));

    mark = session.mark();
    await session.change('app.json', valid);
    await session.waitForDiagnostics('app.json', (list) => list.length === 0, {
      after: mark,
      what: 'app.json cleared',
    });
    assert.ok((await session.currentDiagnostics('app.js')).some((d) => d.code === PHONE_ON_ENTRY));
  });

  it('follows changes of closed files on disk reported through workspace/didChangeWatchedFiles', async () => {
    const original = session.read('pages/login/login.wxml');
    let mark = session.mark();
    await session.writeOnDisk(
      'pages/login/login.wxml',
      '<view class="login"><text>欢迎</text><navigator url="/pages/index/index">随便看看</navigator></view>\n',
    );
    await session.waitForCleared('app.js', PHONE_ON_ENTRY, mark);

    mark = session.mark();
    await session.writeOnDisk('pages/login/login.wxml', original);
    await session.waitForFinding('app.js', PHONE_ON_ENTRY, mark);
  });
});
