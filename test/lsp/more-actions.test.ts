/** The code actions every finding gets besides its own fix: "Fix all … in this file" and "Show documentation". */
import { strict as assert } from 'assert';
import { after, describe, it } from 'node:test';
import { CodeAction, ExecuteCommandRequest, ShowDocumentRequest } from 'vscode-languageserver-protocol/node';
import { LspSession } from './lsp-session';

describe('fix all in this file, and show documentation', () => {
  const sessions: LspSession[] = [];
  after(() => sessions.forEach((session) => session.dispose()));

  it('fixes every undeclared API of the file in one edit, leaving app.json valid', async () => {
    const session = await LspSession.onFixture('fix-all', { locale: 'en' });
    sessions.push(session);
    await session.open('pages/stores/stores.js');
    const diagnostic = await session.waitForFinding('pages/stores/stores.js', 'undeclared-private-info');
    const actions = ((await session.codeActions('pages/stores/stores.js', diagnostic.range)) ?? []).filter(
      CodeAction.is,
    );
    const fixAll = actions.find((a) => a.title === 'Fix all undeclared-private-info problems in this file');
    assert.ok(fixAll?.edit, actions.map((a) => a.title).join(' | '));
    const mark = session.mark();
    await session.applyEdit(fixAll.edit);
    await session.waitForCleared('pages/stores/stores.js', 'undeclared-private-info', mark);
    assert.deepEqual(JSON.parse(session.read('app.json')).requiredPrivateInfos.sort(), [
      'chooseAddress',
      'choosePoi',
      'getLocation',
    ]);
  });

  it('returns the privacy inventory of the workspace as Markdown (the "Show privacy inventory" command)', async () => {
    const session = await LspSession.onFixture('fix-all', { locale: 'zh-cn' });
    sessions.push(session);
    const markdown = await session.withTimeout(
      session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'mp-privacy.inventory', arguments: [] }),
      'executeCommand',
    );
    assert.equal(typeof markdown, 'string');
    assert.match(markdown, /^# 隐私信息清单: fix-all\n/);
    assert.match(markdown, /\| 位置信息 \| `wx\.getLocation` \| pages\/stores\/stores\.js:3 \| \*\*未声明\*\* \|/);
    assert.match(markdown, /收集你的地址。/);
    // The journey model follows, drawn in Mermaid: the page that calls wx.getLocation and the call.
    assert.match(markdown, /## 隐私旅程[^\n]*\n\n```mermaid\nflowchart LR\n/);
    assert.match(markdown, /\{\{"wx\.getLocation pages\/stores\/stores\.js:3"\}\}/);
  });

  it('asks the editor to open the rule page, in the editor language', async () => {
    const session = await LspSession.onFixture('fix-all', { locale: 'zh-cn' });
    sessions.push(session);
    const shown: string[] = [];
    session.connection.onRequest(ShowDocumentRequest.type, (params) => {
      shown.push(params.uri);
      return { success: true };
    });
    await session.open('pages/stores/stores.js');
    const diagnostic = await session.waitForFinding('pages/stores/stores.js', 'undeclared-private-info');
    const actions = ((await session.codeActions('pages/stores/stores.js', diagnostic.range)) ?? []).filter(
      CodeAction.is,
    );
    const show = actions.find((a) => a.title === '查看 undeclared-private-info 规则文档');
    assert.ok(show?.command, actions.map((a) => a.title).join(' | '));
    await session.withTimeout(
      session.connection.sendRequest(ExecuteCommandRequest.type, {
        command: show.command.command,
        arguments: show.command.arguments,
      }),
      'executeCommand',
    );
    assert.equal(shown.length, 1);
    assert.match(shown[0], /^file:\/\/.*\/docs\/rules\/undeclared-private-info\.md$/);
  });
});
