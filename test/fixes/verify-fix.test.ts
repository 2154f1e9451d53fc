import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { FileEdit, Finding, Fix, FixScope } from '../../server/src/engine';
import { verifyFix, type FixFailureKind } from '../../server/src/engine/fixes/verify';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { ProjectFiles, VIRTUAL_ROOT, lintFiles, relativePath } from '../helpers/virtual-project';
import { verifyFixesUnder } from '../../eval/verify-fixes';
import { repoRoot } from '../helpers/paths';

const INDEX = 'pages/index/index';
const ORDER = 'pages/order/order';
const WXML = `<form report-submit bindsubmit="onSubmit">\n  <input name="remark" />\n  <button form-type="submit">提交</button>\n</form>\n<view>footer</view>\n`;
const files: ProjectFiles = {
  ...appJson([INDEX, ORDER]),
  ...contentPage(INDEX),
  ...page(ORDER, WXML, 'Page({ onSubmit(e) { this.setData({ remark: e.detail.value.remark }); } })'),
};
const ORDER_WXML = path.join(VIRTUAL_ROOT, `${ORDER}.wxml`);
const ATTRIBUTE: FixScope = { file: ORDER_WXML, start: 6, end: 19, construct: 'the report-submit attribute' };

/** The leftover report-submit finding, and the fix contract checked on it with a hand-made fix. */
function verify(edits: FileEdit[], scope: FixScope[] = [ATTRIBUTE]): Set<FixFailureKind> {
  const before = lintFiles(files);
  const finding = before.find((f) => f.ruleId === 'report-submit-formid');
  assert.ok(finding, 'the fixture has a report-submit finding');
  const fix: Fix = {
    kind: finding.fixes[0].kind,
    title: { en: 'test', 'zh-cn': 'test' },
    build: () => ({ edits, creations: [], scope }),
  };
  const read = (file: string) => files[relativePath(file)];
  const analyzeWith = (changed: ReadonlyMap<string, string>): Finding[] => {
    const next = { ...files };
    for (const [file, content] of changed) next[relativePath(file)] = content;
    return lintFiles(next);
  };
  return new Set(
    verifyFix({ root: VIRTUAL_ROOT, read, before, analyzeWith }, finding, fix).failures.map((f) => f.kind),
  );
}

describe('verifyFix: the fix contract on one finding', () => {
  const removeAttribute: FileEdit = { file: ORDER_WXML, start: 5, end: 19, newText: '' };

  it('accepts a fix that removes the attribute within the construct it names', () => {
    assert.deepEqual([...verify([removeAttribute])], []);
  });

  it('names a fix that declares no construct', () => {
    assert.deepEqual([...verify([removeAttribute], [])], ['no-scope']);
  });

  it('names an edit on lines outside the constructs the fix names (a footer rewritten on the side)', () => {
    const footer = WXML.indexOf('footer');
    assert.deepEqual(
      [...verify([removeAttribute, { file: ORDER_WXML, start: footer, end: footer + 6, newText: 'changed' }])],
      ['outside-scope'],
    );
  });

  it('names a fix that breaks the template', () => {
    // `<form></form><view bindsubmit…>`: the <view> is never closed.
    assert.deepEqual([...verify([{ ...removeAttribute, newText: '></form><view' }])], ['breaks-syntax']);
  });

  it('names a fix that leaves its finding (and would be offered again)', () => {
    assert.deepEqual([...verify([{ file: ORDER_WXML, start: 5, end: 5, newText: ' ' }])].sort(), [
      'finding-remains',
      'not-idempotent',
    ]);
  });

  it('names a fix that brings a new error', () => {
    const js = path.join(VIRTUAL_ROOT, `${ORDER}.js`);
    const failures = verify(
      [removeAttribute, { file: js, start: 0, end: 0, newText: 'wx.getLocation({});\n' }],
      [ATTRIBUTE, { file: js, start: 0, end: 0, construct: 'the top of the script' }],
    );
    assert.deepEqual([...failures], ['new-error']);
  });

  it('names a fix that writes outside the mini program', () => {
    assert.deepEqual(
      [
        ...verify([
          removeAttribute,
          { file: path.resolve(VIRTUAL_ROOT, '..', 'elsewhere.wxml'), start: 0, end: 0, newText: 'x' },
        ]),
      ],
      ['outside-root'],
    );
  });
});

/** The contract failures of the `kind` fix of the first `ruleId` finding of a project (every other finding may change). */
function contract(project: ProjectFiles, ruleId: string, kind: string): string[] {
  const before = lintFiles(project);
  const finding = before.find((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === kind));
  assert.ok(finding, `a ${ruleId} finding offering ${kind}`);
  const analyzeWith = (changed: ReadonlyMap<string, string>) =>
    lintFiles({
      ...project,
      ...Object.fromEntries([...changed].map(([file, content]) => [relativePath(file), content])),
    });
  return verifyFix(
    { root: VIRTUAL_ROOT, read: (file) => project[relativePath(file)], before, analyzeWith },
    finding,
    finding.fixes.find((x) => x.kind === kind)!,
  ).failures.map((f) => `${f.kind}: ${f.detail}`);
}

describe('the fixes of unknown-privacy-declaration keep the contract', () => {
  const typo = {
    ...appJson([INDEX], {
      requiredPrivateInfos: ['getLoaction'],
      permission: { 'scope.userLocaton': { desc: '用于推荐附近门店' } },
    }),
    ...contentPage(INDEX),
  };
  for (const kind of ['replace-privacy-declaration', 'remove-privacy-declaration']) {
    it(kind, () => assert.deepEqual(contract(typo, 'unknown-privacy-declaration', kind), []));
  }
});

describe("fix verification on the repository's own projects (the fixture version of npm run eval's)", () => {
  for (const locale of ['en', 'zh-cn'] as const) {
    it(`every fix offered in examples/ and test/fixtures/ keeps the contract (${locale})`, () => {
      const report = verifyFixesUnder(path.join(repoRoot, 'examples'), [locale]);
      const fixtures = verifyFixesUnder(path.join(repoRoot, 'test', 'fixtures'), [locale]);
      const failed = [...report.failed, ...fixtures.failed];
      assert.deepEqual(
        failed.map((f) => `${f.at} ${f.fixKind}: ${f.failures.map((x) => `${x.kind} ${x.detail}`).join('; ')}`),
        [],
      );
      // Every kind of fix the project has is exercised here, so a new failure cannot hide behind an empty run.
      const kinds = new Set([...Object.keys(report.byFix), ...Object.keys(fixtures.byFix)]);
      for (const kind of [
        'add-location-purpose',
        'add-purpose-modal',
        'declare-private-info',
        'mount-privacy-popup',
        'move-phone-to-checkout',
        'remove-private-info',
        'remove-report-submit',
        'scaffold-privacy-popup',
        'suppress-with-reason',
      ])
        assert.ok(kinds.has(kind), `${kind} is applied somewhere`);
      assert.ok(report.applied + fixtures.applied >= 60, `${report.applied + fixtures.applied} fixes applied`);
    });
  }
});
