import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import postcss from 'postcss';
import type { Finding, Fix, Locale } from '../../server/src/engine';
import { parseScript } from '../../server/src/engine/parse/script';
import { parseWxml } from '../../server/src/engine/parse/wxml';
import { parseJsonc } from '../../server/src/engine/parse/jsonc';
import { verifyFix } from '../../server/src/engine/fixes/verify';
import { ProjectFiles, VIRTUAL_ROOT, applyFix, lintFiles, relativePath } from './virtual-project';

/** A file still parses after a fix: no syntax error that was not there before. */
export function assertParses(file: string, content: string): void {
  if (/\.(js|ts)$/.test(file))
    assert.equal(
      parseScript(file, content).syntaxErrorCount,
      0,
      `${file} has syntax errors after the fix:\n${content}`,
    );
  else if (file.endsWith('.wxml'))
    assert.deepEqual(
      parseWxml(file, content).problems.map((p) => p.message.en),
      [],
      `${file} after the fix`,
    );
  else if (file.endsWith('.json')) assert.deepEqual(parseJsonc(content).errors, [], `${file} after the fix`);
  else if (file.endsWith('.wxss')) assert.doesNotThrow(() => postcss.parse(content), `${file} after the fix`);
}

const key = (f: Finding) => `${f.ruleId} ${relativePath(f.range.file)} ${f.message.en}`;

/** How a test lints an in-memory project: the linter, where the mini program's root is, how files are named. */
export interface InMemoryLinter {
  lint: (files: ProjectFiles) => Finding[];
  root: (files: ProjectFiles) => string;
  relative: (file: string) => string;
}

export const NATIVE_LINTER: InMemoryLinter = { lint: lintFiles, root: () => VIRTUAL_ROOT, relative: relativePath };

/**
 * The engine's own fix contract (fixes/verify.ts, the same check npm run eval runs on the corpus: edits within the
 * constructs the fix names, syntax, the finding gone, nothing new, idempotence) on an in-memory project.
 */
export function assertKeepsFixContract(
  files: ProjectFiles,
  before: Finding[],
  target: Finding,
  fix: Fix,
  locale: Locale,
  linter: InMemoryLinter = NATIVE_LINTER,
): void {
  const verified = verifyFix(
    {
      root: linter.root(files),
      read: (file) => files[linter.relative(file)],
      before,
      analyzeWith: (changed) =>
        linter.lint({
          ...files,
          ...Object.fromEntries([...changed].map(([file, content]) => [linter.relative(file), content])),
        }),
    },
    target,
    fix,
    locale,
  );
  assert.deepEqual(verified.failures, [], `${fix.kind} keeps the fix contract`);
}

/**
 * The fix contract every quick-fix test checks: apply the fix, every touched file re-parses, the finding
 * is gone and no new finding appears, and linting again offers nothing more to do for that rule.
 */
export function checkFix(
  files: ProjectFiles,
  ruleId: string,
  fixKind: string,
  locale: Locale = 'en',
): { after: ProjectFiles; changed: string[] } {
  const before = lintFiles(files);
  const target = before.find((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === fixKind));
  assert.ok(target, `a ${ruleId} finding offering ${fixKind}; found: ${before.map(key).join('; ') || 'nothing'}`);
  assertKeepsFixContract(
    files,
    before,
    target,
    target.fixes.find((x) => x.kind === fixKind)!,
    locale,
  );
  const after = applyFix(files, target, fixKind, locale);
  const changed = Object.keys(after).filter((file) => after[file] !== files[file]);
  assert.ok(changed.length >= 1, 'the fix changes files');
  for (const file of changed) assertParses(file, after[file]);

  const remaining = lintFiles(after);
  const expected = before
    .filter((f) => f !== target)
    .map(key)
    .sort();
  // Text left for a person to write (a purpose) is said by an info finding until written; nothing else is new.
  const unwritten = (f: Finding) => f.severity === 'info' && /^Write the \w+ here/.test(f.message.en);
  assert.deepEqual(
    remaining
      .filter((f) => !unwritten(f))
      .map(key)
      .sort(),
    expected,
    'only the fixed finding disappears',
  );
  assert.ok(
    !remaining.some((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === fixKind) && key(f) === key(target)),
    'nothing left to do',
  );
  return { after, changed };
}

export interface PageRun {
  definition: Record<string, (...args: unknown[]) => unknown> & { data?: Record<string, unknown> };
  wxCalls: { api: string; args: unknown[] }[];
  instance: Record<string, unknown> & { data: Record<string, unknown> };
}

/**
 * Runs a page script that a test wrote (never a user's workspace) with stand-ins for Page() and wx, to
 * check that generated handlers call what they should. Only self-contained page scripts are supported.
 */
export function runPageScript(source: string): PageRun {
  const wxCalls: { api: string; args: unknown[] }[] = [];
  const wx = new Proxy(
    {},
    {
      get:
        (_t, api: string) =>
        (...args: unknown[]) =>
          void wxCalls.push({ api, args }),
    },
  );
  let definition: PageRun['definition'] | undefined;
  vm.runInNewContext(source, {
    Page: (d: PageRun['definition']) => (definition = d),
    Component: (d: PageRun['definition']) => (definition = d),
    wx,
    Promise,
    console,
  });
  assert.ok(definition, 'the script calls Page()');
  const instance = Object.assign(Object.create(definition), {
    data: { ...(definition.data ?? {}) },
    setData(patch: Record<string, unknown>) {
      Object.assign(this.data, patch);
    },
  });
  return { definition, wxCalls, instance };
}
