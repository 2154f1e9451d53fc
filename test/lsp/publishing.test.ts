/**
 * What the server publishes after an edit: only files whose diagnostics changed, and a file again when the
 * position of one of its related locations moved in another file.
 */
import { strict as assert } from 'assert';
import { after, before, describe, it } from 'node:test';
import { LspSession, offsetRange, PHONE_ON_ENTRY, uriOf } from './lsp-session';

describe('publishing only what changed (phone-on-entry fixture)', () => {
  let session: LspSession;
  before(async () => (session = await LspSession.onFixture('phone-on-entry', { locale: 'en' })));
  after(() => session.dispose());

  /** The related location of app.js's finding in the login page, as a line and the text it covers. */
  async function loginEvidence(): Promise<{ line: number; text: string }> {
    const [diagnostic] = (await session.currentDiagnostics('app.js')).filter((d) => d.code === PHONE_ON_ENTRY);
    const related = diagnostic.relatedInformation?.find(
      (r) => r.location.uri === uriOf(session.path('pages/login/login.wxml')),
    );
    assert.ok(related, 'app.js points at the login page');
    const range = offsetRange(session.read('pages/login/login.wxml'), related.location.range);
    return {
      line: related.location.range.start.line,
      text: session.read('pages/login/login.wxml').slice(range.start, range.end),
    };
  }

  it('does not re-send a file whose diagnostics stay the same', async () => {
    await session.open('app.js');
    await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    await session.open('pages/index/index.wxss');
    await session.currentDiagnostics('app.js');
    const sent = session.publishCount('app.js');
    await session.change('pages/index/index.wxss', `${session.read('pages/index/index.wxss')}\n/* edited */\n`);
    await session.currentDiagnostics('app.js');
    assert.equal(session.publishCount('app.js'), sent);
  });

  it('re-sends a file when a related location in another file moved, with the new position', async () => {
    const before = await loginEvidence();
    const sent = session.publishCount('app.js');
    await session.open('pages/login/login.wxml');
    await session.change('pages/login/login.wxml', `<!-- a line above -->\n${session.read('pages/login/login.wxml')}`);
    const after = await loginEvidence();
    assert.equal(session.publishCount('app.js'), sent + 1);
    assert.deepEqual(after, { line: before.line + 1, text: before.text });
  });

  it('re-sends the edited file with its new version and positions', async () => {
    const sent = session.publishCount('app.js');
    await session.change('app.js', `// a line above\n${session.read('app.js')}`);
    const [diagnostic] = (await session.currentDiagnostics('app.js')).filter((d) => d.code === PHONE_ON_ENTRY);
    assert.equal(session.publishCount('app.js'), sent + 1);
    assert.equal(
      diagnostic.range.start.line,
      session
        .read('app.js')
        .split('\n')
        .findIndex((line) => line.includes('wx.reLaunch')),
    );
  });
});
