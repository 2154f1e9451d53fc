/** Quick fixes end to end: request, apply the WorkspaceEdit like an editor, and see the finding go away. */
import { strict as assert } from 'assert';
import { after, describe, it } from 'node:test';
import { CodeAction, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import {
  fixtureText,
  LspSession,
  offsetRange,
  PHONE_ON_ENTRY,
  PHONE_PURPOSE_AT_CHECKOUT,
  SessionOptions,
} from './lsp-session';

const SNIPPET_SYNTAX = /\$\{\d+[:}]|\$\d/;
const MOVE_TO_CHECKOUT = 'Move getPhoneNumber behind the checkout button';
const ADD_PURPOSE_MODAL = 'Add a purpose-explanation modal';

/** The info a fix's placeholder leaves until a person writes the text (fixes never silence a rule on their own). */
const isPlaceholderNote = (d: Diagnostic) =>
  d.severity === DiagnosticSeverity.Information && /^Write the \w+ here/.test(d.message);

/** Everything left after a fix, but for the placeholder notes; and those notes, as `file: rule`. */
async function leftAfterFix(session: LspSession): Promise<{ findings: string[]; placeholders: string[] }> {
  const settled = await session.settledDiagnostics();
  const named = (list: typeof settled) => list.map(({ file, diagnostic }) => `${file}: ${diagnostic.code}`).sort();
  return {
    findings: named(settled.filter(({ diagnostic }) => !isPlaceholderNote(diagnostic))),
    placeholders: named(settled.filter(({ diagnostic }) => isPlaceholderNote(diagnostic))),
  };
}

/** The quick fixes offered for `diagnostic`, checking kind and that only the first one is preferred. */
async function fixesFor(session: LspSession, file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const actions = ((await session.codeActions(file, diagnostic.range)) ?? []).filter(CodeAction.is);
  const fixes = actions.filter((action) => action.diagnostics?.some((d) => d.code === diagnostic.code));
  assert.ok(fixes.length > 0, `no quick fix for ${diagnostic.code}`);
  fixes.forEach((fix, index) => {
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, index === 0, `isPreferred of "${fix.title}"`);
  });
  return fixes;
}

describe('code actions', () => {
  const sessions: LspSession[] = [];
  after(() => sessions.forEach((session) => session.dispose()));

  async function start(fixtureName: string, options?: SessionOptions): Promise<LspSession> {
    const session = await LspSession.onFixture(fixtureName, { locale: 'en', ...options });
    sessions.push(session);
    return session;
  }

  /**
   * Opens `file` of a fresh fixture copy, applies the fix titled `title` of its `ruleId` finding and waits
   * until that finding is gone. Returns the session, the fix and the files the fix touched.
   */
  async function applyFix(fixtureName: string, file: string, ruleId: string, title: string, options?: SessionOptions) {
    const session = await start(fixtureName, options);
    await session.open(file);
    const diagnostic = await session.waitForFinding(file, ruleId);
    const fix = (await fixesFor(session, file, diagnostic)).find((action) => action.title === title);
    assert.ok(fix?.edit, `"${title}" with its edit`);
    const mark = session.mark();
    const touched = await session.applyEdit(fix.edit);
    await session.waitForDiagnostics(file, (list) => !list.some((d) => d.code === ruleId && !isPlaceholderNote(d)), {
      after: mark,
      what: `${ruleId} to clear`,
    });
    return { session, diagnostic, edit: fix.edit, touched };
  }

  it('moves the phone request behind the checkout button (documentChanges): the error is gone, the purpose left to write is an info', async () => {
    const { session, edit, touched } = await applyFix('phone-on-entry', 'app.js', PHONE_ON_ENTRY, MOVE_TO_CHECKOUT);
    assert.ok(edit.documentChanges, 'documentChanges for a client that supports them');
    assert.equal(edit.changes, undefined);
    for (const file of ['app.js', 'pages/order/confirm.wxml', 'pages/order/confirm.js'])
      assert.ok(touched.includes(file), `${file} in ${touched.join(', ')}`);
    for (const file of touched)
      assert.doesNotMatch(session.read(file), SNIPPET_SYNTAX, `no snippet syntax left in ${file}`);
    assert.deepEqual(await leftAfterFix(session), {
      findings: [],
      placeholders: ['pages/order/confirm.wxml: phone-purpose-at-checkout'],
    });
  });

  it('shows the move fix greyed out with why (disabled.reason) when the project has no checkout step', async () => {
    const session = await start('phone-on-entry');
    // The order page no longer pays: there is no checkout step to move the request to.
    await session.open('pages/order/confirm.js', 'Page({ submitOrder() {} })\n');
    await session.open('app.js');
    const diagnostic = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    // Not CodeAction.is: it wants an edit or a command, and a disabled action has neither.
    const actions = ((await session.codeActions('app.js', diagnostic.range)) ?? []) as CodeAction[];
    const move = actions.find((action) => action.title === MOVE_TO_CHECKOUT);
    assert.ok(move, `the move fix is listed: ${actions.map((a) => a.title).join('; ')}`);
    assert.equal(move.edit, undefined);
    assert.match(move.disabled?.reason ?? '', /no checkout step/);
    assert.equal(move.isPreferred, false);
  });

  it('adds a purpose-explanation modal at checkout: the warning is gone, the purpose left to write is an info', async () => {
    const { session, diagnostic, touched } = await applyFix(
      'phone-purpose-at-checkout',
      'pages/order/confirm.wxml',
      PHONE_PURPOSE_AT_CHECKOUT,
      ADD_PURPOSE_MODAL,
    );
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    const wxml = fixtureText('phone-purpose-at-checkout', 'pages/order/confirm.wxml');
    const phoneButton = {
      start: wxml.indexOf('<button open-type="getPhoneNumber"'),
      end: wxml.indexOf('</button>') + '</button>'.length,
    };
    const range = offsetRange(wxml, diagnostic.range);
    assert.ok(phoneButton.start <= range.start && range.end <= phoneButton.end, 'the warning is on the phone button');
    for (const file of ['pages/order/confirm.wxml', 'pages/order/confirm.js', 'pages/order/confirm.wxss'])
      assert.ok(touched.includes(file), `${file} in ${touched.join(', ')}`);
    for (const file of touched)
      assert.doesNotMatch(session.read(file), SNIPPET_SYNTAX, `no snippet syntax left in ${file}`);
    assert.deepEqual(await leftAfterFix(session), {
      findings: [],
      placeholders: ['pages/order/confirm.wxml: phone-purpose-at-checkout'],
    });
  });

  it('uses plain `changes` for a client without documentChanges', async () => {
    const { edit } = await applyFix(
      'phone-purpose-at-checkout',
      'pages/order/confirm.wxml',
      PHONE_PURPOSE_AT_CHECKOUT,
      ADD_PURPOSE_MODAL,
      {
        capabilities: {},
      },
    );
    assert.ok(edit.changes);
    assert.equal(edit.documentChanges, undefined);
  });

  it('offers nothing outside findings or for other kinds than quickfix', async () => {
    const session = await start('phone-on-entry');
    await session.open('app.js');
    const diagnostic = await session.waitForFinding('app.js', PHONE_ON_ENTRY);
    assert.deepEqual(await session.codeActions('app.js', diagnostic.range, ['refactor']), []);
    const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(await session.codeActions('app.js', firstLine), []);
  });
});
