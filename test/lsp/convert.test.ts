/** In-process checks of the engine -> LSP conversions that need no findings from the engine. */
import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import * as path from 'path';
import { applyFixEdits, FixEdits } from '../../server/src/engine';
import { EditTarget, pathToUri, RangeConverter, toWorkspaceEdit, uriToPath } from '../../server/src/lsp/convert';
import { applyWorkspaceEdit } from './lsp-session';

const root = path.resolve('/tmp/mp-privacy-convert-test/mini program');
const wxml = path.join(root, 'pages/order/confirm.wxml');
const js = path.join(root, 'pages/order/confirm.js');
const wxss = path.join(root, 'pages/order/confirm.wxss');

/** Files as the server sees them; confirm.wxml is open in the editor at version 3. */
function target(files: Record<string, string>): EditTarget {
  return {
    textOf: (file) => files[file],
    uriFor: pathToUri,
    versionOf: (file) => (file === wxml ? 3 : null),
  };
}

const files = {
  [wxml]: '<view>\r\n  <button bindtap="submitOrder">提交订单</button>\r\n</view>\r\n',
  [js]: 'Page({ submitOrder() {} })\n',
};

/** Adds a modal to the page: edits the open WXML (with a snippet), the closed JS, and creates the WXSS. */
const fix: FixEdits = {
  edits: [
    { file: wxml, start: 8, end: 8, newText: '  <modal title="${1:为什么需要手机号}">$0</modal>\r\n', snippet: true },
    { file: js, start: 7, end: 7, newText: 'showPurpose() {}, ' },
    { file: wxss, start: 0, end: 0, newText: '/* modal */\n' },
  ],
  creations: [{ file: wxss, content: '.modal { padding: 24rpx; }\n' }],
};

/** What the edit does to the files, by path, as an editor would apply it. */
function applied(edit: ReturnType<typeof toWorkspaceEdit>, current: Record<string, string>): Map<string, string> {
  assert.ok(edit);
  const byUri = applyWorkspaceEdit(
    edit,
    (uri) => current[uriToPath(uri)!],
    (uri) => (uri === pathToUri(wxml) ? 3 : null),
  );
  return new Map([...byUri].map(([uri, content]) => [uriToPath(uri)!, content]));
}

describe('toWorkspaceEdit', () => {
  it('uses documentChanges with CreateFile and versioned edits, giving the same files as applyFixEdits', () => {
    const edit = toWorkspaceEdit(fix, target(files), { documentChanges: true, createFiles: true });
    assert.ok(edit?.documentChanges);
    assert.equal(edit.changes, undefined);
    const [first, ...rest] = edit.documentChanges;
    assert.deepEqual(first, {
      kind: 'create',
      uri: pathToUri(wxss),
      options: { overwrite: false, ignoreIfExists: true },
    });
    const versions = Object.fromEntries(
      rest.map((change) => ('textDocument' in change ? [change.textDocument.uri, change.textDocument.version] : [])),
    );
    assert.deepEqual(versions, { [pathToUri(wxss)]: null, [pathToUri(wxml)]: 3, [pathToUri(js)]: null });
    assert.deepEqual(
      applied(edit, files),
      applyFixEdits(fix, (file) => files[file]),
    );
    assert.match(
      applied(edit, files).get(wxml)!,
      /<modal title="为什么需要手机号"><\/modal>/,
      'snippet syntax is stripped',
    );
  });

  it('falls back to `changes` when the client has no documentChanges', () => {
    const noCreation: FixEdits = { edits: fix.edits.filter((e) => e.file !== wxss), creations: [] };
    const edit = toWorkspaceEdit(noCreation, target(files), { documentChanges: false, createFiles: false });
    assert.ok(edit?.changes);
    assert.equal(edit.documentChanges, undefined);
    assert.deepEqual(Object.keys(edit.changes).sort(), [pathToUri(js), pathToUri(wxml)].sort());
    assert.deepEqual(
      applied(edit, files),
      applyFixEdits(noCreation, (file) => files[file]),
    );
  });

  it('gives no edit for a fix that creates a file when the client cannot create files', () => {
    assert.equal(toWorkspaceEdit(fix, target(files), { documentChanges: false, createFiles: false }), undefined);
    assert.equal(toWorkspaceEdit(fix, target(files), { documentChanges: true, createFiles: false }), undefined);
  });

  it('replaces the whole content of a file to create that appeared since the analysis', () => {
    const withWxss = { ...files, [wxss]: '.old {}\n' };
    const edit = toWorkspaceEdit(fix, target(withWxss), { documentChanges: false, createFiles: false });
    assert.equal(applied(edit, withWxss).get(wxss), '/* modal */\n.modal { padding: 24rpx; }\n');
  });
});

describe('RangeConverter and URIs', () => {
  it('maps UTF-16 offsets to LSP positions across CRLF lines and surrogate pairs', () => {
    const content = 'a😀b\r\nsecond\nthird';
    const ranges = new RangeConverter(() => content);
    assert.deepEqual(ranges.toRange('f', 3, 4), { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
    assert.deepEqual(ranges.toRange('f', 6, 12).start, { line: 1, character: 0 });
    assert.deepEqual(ranges.toRange('f', 13, 18).end, { line: 2, character: 5 });
    assert.equal(ranges.toOffset('f', { line: 2, character: 1 }), 14);
  });

  it('gives a deleted file clamped ranges instead of throwing', () => {
    const ranges = new RangeConverter(() => undefined);
    assert.deepEqual(ranges.toRange('gone', 10, 20), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
  });

  it('maps only file URIs to paths', () => {
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath(pathToUri(wxml)), wxml);
    assert.match(pathToUri(wxml), /mini%20program/);
  });
});
