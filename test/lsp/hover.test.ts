/** The client's locale decides the language of messages, hovers and fix titles. */
import { strict as assert } from 'assert';
import { after, describe, it } from 'node:test';
import { CodeAction, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspSession, PHONE_ON_ENTRY, SessionOptions } from './lsp-session';

const CJK = /[\u4e00-\u9fff]/;

describe('hover and locale', () => {
  const sessions: LspSession[] = [];
  after(() => sessions.forEach((session) => session.dispose()));

  /** A server on a fresh copy of phone-on-entry, with the error on app.js published. */
  async function startWithFinding(options: SessionOptions) {
    const session = await LspSession.onFixture('phone-on-entry', options);
    sessions.push(session);
    await session.open('app.js');
    const diagnostic = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    const hover = await session.hover('app.js', diagnostic.range.start);
    assert.ok(hover, 'a hover inside the finding');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.deepEqual(hover.range, diagnostic.range);
    const titles = ((await session.codeActions('app.js', diagnostic.range)) ?? [])
      .filter(CodeAction.is)
      .map((a) => a.title);
    return { session, diagnostic, markdown: contents.value, titles };
  }

  it('speaks English to an English client', async () => {
    const { session, diagnostic, markdown, titles } = await startWithFinding({ locale: 'en' });
    assert.match(markdown, /phone-on-entry/);
    assert.match(markdown, /\*\*Why here:\*\*/);
    assert.doesNotMatch(markdown, /为什么在这里报告/);
    assert.match(diagnostic.message, /[A-Za-z]{4,}/);
    assert.ok(titles.includes('Move getPhoneNumber behind the checkout button'), JSON.stringify(titles));
    assert.equal(await session.hover('app.js', { line: 0, character: 0 }), null, 'no hover outside findings');
  });

  it('speaks Chinese to a zh-CN client', async () => {
    const { markdown, diagnostic, titles } = await startWithFinding({ locale: 'zh-CN' });
    assert.match(markdown, /\*\*为什么在这里报告:\*\*/);
    assert.doesNotMatch(markdown, /Why here/);
    assert.match(diagnostic.message, CJK);
    assert.ok(titles.includes('将手机号授权移到结算按钮处'), JSON.stringify(titles));
  });

  it('lets initializationOptions.locale override the initialize locale', async () => {
    const { markdown, diagnostic } = await startWithFinding({
      locale: 'en',
      initializationOptions: { locale: 'zh-cn' },
    });
    assert.match(markdown, /为什么在这里报告/);
    assert.match(diagnostic.message, CJK);
  });
});
