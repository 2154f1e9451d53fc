/**
 * One quick-fix per rule through the real server process: the rule's own fix where it has one, otherwise
 * "Suppress … with a reason". Each case runs on a fresh copy of the fixture, like an editor session would.
 */
import { strict as assert } from 'assert';
import { after, describe, it } from 'node:test';
import { CodeAction, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { LspSession } from './lsp-session';

interface Case {
  fixture: string;
  file: string;
  ruleId: string;
  /** The start of the fix title (English). */
  title: string;
  /** A file the fix must change besides the diagnostic's own. */
  alsoTouches?: string;
}

const suppress = (ruleId: string) => `Suppress ${ruleId} on this line with a reason`;
const REASON_PLACEHOLDER = 'explain why this is compliant';

/**
 * The suppression's edit with its placeholder reason replaced, as a person types one: the placeholder alone
 * suppresses nothing (it stays an info invalid-suppression finding).
 */
function withReasonTyped(edit: WorkspaceEdit, reason: string): WorkspaceEdit {
  let typed = 0;
  const type = <T extends { newText: string }>(textEdit: T): T => {
    if (!textEdit.newText.includes(REASON_PLACEHOLDER)) return textEdit;
    typed++;
    return { ...textEdit, newText: textEdit.newText.replace(REASON_PLACEHOLDER, reason) };
  };
  const result: WorkspaceEdit = {
    ...edit,
    ...(edit.documentChanges && {
      documentChanges: edit.documentChanges.map((change) =>
        TextDocumentEdit.is(change) ? { ...change, edits: change.edits.map(type) } : change,
      ),
    }),
    ...(edit.changes && {
      changes: Object.fromEntries(Object.entries(edit.changes).map(([uri, edits]) => [uri, edits.map(type)])),
    }),
  };
  assert.equal(typed, 1, 'the suppression holds the placeholder reason once');
  return result;
}

const CASES: Case[] = [
  {
    fixture: 'catalogue',
    file: 'pages/stores/stores.js',
    ruleId: 'undeclared-private-info',
    title: 'Declare getLocation in app.json requiredPrivateInfos',
    alsoTouches: 'app.json',
  },
  {
    fixture: 'catalogue',
    file: 'pages/stores/stores.js',
    ruleId: 'location-purpose',
    title: 'State the purpose of scope.userLocation in app.json',
    alsoTouches: 'app.json',
  },
  {
    fixture: 'catalogue',
    file: 'app.json',
    ruleId: 'unused-private-info-declaration',
    title: 'Remove choosePoi from requiredPrivateInfos',
  },
  {
    fixture: 'catalogue',
    file: 'app.json',
    ruleId: 'privacy-authorization-flow',
    title: 'Add a privacy popup component and mount it',
    alsoTouches: 'components/mp-privacy-popup/index.wxml',
  },
  {
    fixture: 'catalogue',
    file: 'pages/index/index.wxml',
    ruleId: 'report-submit-formid',
    title: 'Remove report-submit',
  },
  {
    fixture: 'catalogue',
    file: 'app.js',
    ruleId: 'privacy-api-without-user-action',
    title: suppress('privacy-api-without-user-action'),
  },
  {
    fixture: 'catalogue',
    file: 'app.js',
    ruleId: 'open-setting-without-tap',
    title: suppress('open-setting-without-tap'),
  },
  {
    fixture: 'catalogue',
    file: 'app.js',
    ruleId: 'clipboard-without-user-action',
    title: suppress('clipboard-without-user-action'),
  },
  {
    fixture: 'catalogue',
    file: 'pages/index/index.js',
    ruleId: 'subscribe-message-without-tap',
    title: suppress('subscribe-message-without-tap'),
  },
  {
    fixture: 'catalogue',
    file: 'pages/index/index.js',
    ruleId: 'deprecated-user-info-api',
    title: suppress('deprecated-user-info-api'),
  },
  {
    fixture: 'catalogue',
    file: 'pages/index/index.js',
    ruleId: 'personal-data-storage',
    title: suppress('personal-data-storage'),
  },
  {
    fixture: 'catalogue',
    file: 'pages/index/index.js',
    ruleId: 'personal-data-third-party',
    title: suppress('personal-data-third-party'),
  },
  {
    fixture: 'catalogue',
    file: 'pages/coupons/coupons.wxml',
    ruleId: 'user-info-wall',
    title: suppress('user-info-wall'),
  },
  {
    fixture: 'popup-unmounted',
    file: 'app.json',
    ruleId: 'privacy-popup-not-mounted',
    title: 'Mount <privacy-popup> on the pages that use privacy interfaces',
    alsoTouches: 'pages/scan/scan.wxml',
  },
];

describe('a quick-fix for every catalogue rule, through the language server', () => {
  const sessions: LspSession[] = [];
  after(() => sessions.forEach((session) => session.dispose()));

  for (const testCase of CASES) {
    it(`${testCase.ruleId}: "${testCase.title}"`, async () => {
      const session = await LspSession.onFixture(testCase.fixture, { locale: 'en' });
      sessions.push(session);
      await session.open(testCase.file);
      const diagnostic = await session.waitForFinding(testCase.file, testCase.ruleId);
      const actions = ((await session.codeActions(testCase.file, diagnostic.range)) ?? []).filter(CodeAction.is);
      const fix = actions.find(
        (action) =>
          action.title.startsWith(testCase.title) && action.diagnostics?.some((d) => d.code === testCase.ruleId),
      );
      assert.ok(fix?.edit, `"${testCase.title}" among ${actions.map((a) => a.title).join(' | ')}`);
      const mark = session.mark();
      const suppression = testCase.title === suppress(testCase.ruleId);
      const touched = await session.applyEdit(
        suppression ? withReasonTyped(fix.edit, 'the catalogue fixture shows this call on purpose') : fix.edit,
      );
      if (testCase.alsoTouches)
        assert.ok(touched.includes(testCase.alsoTouches), `${testCase.alsoTouches} in ${touched.join(', ')}`);
      await session.waitForCleared(testCase.file, testCase.ruleId, mark);
      const left = await session.settledFindings();
      assert.ok(
        !left.some((finding) => finding.endsWith(`: ${testCase.ruleId}`) && finding.startsWith(testCase.file)),
        `${testCase.ruleId} gone from ${testCase.file}: ${left.join(', ')}`,
      );
      assert.ok(
        !left.some((finding) => finding.endsWith(': invalid-suppression')),
        `no invalid suppression: ${left.join(', ')}`,
      );
    });
  }
});
