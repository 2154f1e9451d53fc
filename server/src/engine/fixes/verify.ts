import * as path from 'path';
import postcss from 'postcss';
import { parseScript, parseWxml, parseJsonc, parseVue } from '../parse';
import { LineIndex } from '../text/line-index';
import type { FileEdit, Finding, Fix, FixEdits, FixScope, Locale } from '../types';
import { applyFixEdits } from './apply';

/** Syntax problems in a file's content, by the engine's own parsers (postcss, strict, for WXSS; 0 for other kinds). */
export function syntaxProblemCount(file: string, content: string): number {
  if (/\.(js|ts|jsx|tsx)$/.test(file)) return parseScript(file, content).syntaxErrorCount;
  if (/\.n?vue$/.test(file)) {
    const component = parseVue(file, content);
    return component.problems.length + (component.script?.syntaxErrorCount ?? 0);
  }
  if (file.endsWith('.wxml')) return parseWxml(file, content).problems.length;
  if (file.endsWith('.json')) return parseJsonc(content).errors.length;
  if (file.endsWith('.wxss')) {
    try {
      postcss.parse(content);
      return 0;
    } catch {
      return 1;
    }
  }
  return 0;
}

/** True when every changed file has no more syntax problems than before (`read` gives the old content). */
export function keepsFilesParsing(changed: Map<string, string>, read: (file: string) => string | undefined): boolean {
  for (const [file, content] of changed) {
    const before = read(file);
    if (syntaxProblemCount(file, content) > (before === undefined ? 0 : syntaxProblemCount(file, before))) return false;
  }
  return true;
}

/** What can be wrong with a fix applied to its finding (see verifyFix). */
export type FixFailureKind =
  | 'build-throws'
  | 'no-edit'
  | 'outside-root'
  | 'bad-edits'
  | 'breaks-syntax'
  | 'finding-remains'
  | 'new-error'
  | 'new-warning'
  | 'not-idempotent'
  | 'no-scope'
  | 'outside-scope'
  | 'silent-placeholder';

export const FIX_FAILURE_KINDS: readonly FixFailureKind[] = [
  'build-throws',
  'no-edit',
  'outside-root',
  'bad-edits',
  'breaks-syntax',
  'finding-remains',
  'new-error',
  'new-warning',
  'not-idempotent',
  'no-scope',
  'outside-scope',
  'silent-placeholder',
];

export interface FixFailure {
  kind: FixFailureKind;
  detail: string;
}

/** The project a fix is verified on. */
export interface FixProject {
  /** The mini program root: a fix writes nothing outside it. */
  root: string;
  read(file: string): string | undefined;
  /** The root's findings before the fix. */
  before: readonly Finding[];
  /** The root's findings with `changed` laid over the files (the analysis is handed in: fixes/ sits below the analyzer). */
  analyzeWith(changed: ReadonlyMap<string, string>): readonly Finding[];
}

export interface FixVerification {
  /** The files the fix changed or created, with their new content (undefined when it could not be applied). */
  changed?: Map<string, string>;
  failures: FixFailure[];
}

/** What identifies "the same finding" across an edit: offsets move, rule, file and message do not. */
export const findingKey = (finding: Finding): string =>
  `${finding.ruleId}\u0000${finding.range.file}\u0000${finding.message.en}`;

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function counts(findings: readonly Finding[], keep: (finding: Finding) => boolean): Map<string, number> {
  const map = new Map<string, number>();
  for (const finding of findings)
    if (keep(finding)) map.set(findingKey(finding), (map.get(findingKey(finding)) ?? 0) + 1);
  return map;
}

/**
 * The fix contract, checked on one finding of a real project: the fix builds and changes something inside the
 * root; every touched file parses no worse than before; the finding is gone and no new error or warning
 * appears; applying the fix again changes nothing (no finding like it offers the fix any more); and every edit
 * stays on the lines of a construct the fix names in `scope`.
 */
export function verifyFix(project: FixProject, finding: Finding, fix: Fix, locale: Locale = 'en'): FixVerification {
  const failures: FixFailure[] = [];
  const fail = (kind: FixFailureKind, detail: string): FixVerification => {
    failures.push({ kind, detail });
    return { failures };
  };
  let built: FixEdits;
  try {
    built = fix.build(locale);
  } catch (error) {
    return fail('build-throws', String(error));
  }
  if (!built.edits.length && !built.creations.length)
    return fail('no-edit', 'offered, but it builds no edit and creates no file');
  const outside = [...built.edits.map((e) => e.file), ...built.creations.map((c) => c.file)].filter(
    (file) => !inside(project.root, file),
  );
  if (outside.length) return fail('outside-root', outside.join(', '));
  for (const edit of built.edits) {
    const content = project.read(edit.file);
    if (content === undefined || !(edit.start >= 0 && edit.start <= edit.end && edit.end <= content.length))
      return fail('bad-edits', `${edit.file} [${edit.start}, ${edit.end})`);
  }
  let changed: Map<string, string>;
  let filled: Map<string, string>;
  try {
    changed = applyFixEdits(built, (file) => project.read(file));
    filled = applyFixEdits({ ...built, edits: built.edits.map(fillTabStops) }, (file) => project.read(file));
  } catch (error) {
    return fail('bad-edits', String(error));
  }
  const hasPlaceholder = built.edits.some((edit) => edit.snippet && TAB_STOP.test(edit.newText));
  failures.push(...scopeFailures(built, (file) => project.read(file)));
  for (const [file, content] of changed) {
    const old = project.read(file);
    const before = old === undefined ? 0 : syntaxProblemCount(file, old);
    const after = syntaxProblemCount(file, content);
    if (after > before)
      failures.push({ kind: 'breaks-syntax', detail: `${file}: ${before} syntax problem(s) before, ${after} after` });
  }

  // Text for a person to write (a snippet's tab stop) must not pass silently: while it is as inserted, a
  // finding says so. The rest of the contract is checked once it is written, as a person would.
  const unfilled = project.analyzeWith(changed);
  if (hasPlaceholder) {
    // An info by default; a severity configured for the rule wins, so any new finding says it.
    const known = counts(project.before, () => true);
    const said = [...counts(unfilled, () => true)].some(([newKey, count]) => count > (known.get(newKey) ?? 0));
    if (!said)
      failures.push({
        kind: 'silent-placeholder',
        detail: 'nothing says the inserted placeholder is still to be written',
      });
  }
  const after = hasPlaceholder ? project.analyzeWith(filled) : unfilled;
  const key = findingKey(finding);
  const same = (list: readonly Finding[]) => list.filter((f) => findingKey(f) === key);
  // Several findings may share rule, file and message (two redirects in one handler): one fewer is enough.
  if (same(after).length >= same(project.before).length)
    failures.push({ kind: 'finding-remains', detail: finding.message.en });
  for (const severity of ['error', 'warning'] as const) {
    const was = counts(project.before, (f) => f.severity === severity);
    for (const [newKey, count] of counts(after, (f) => f.severity === severity)) {
      if (count > (was.get(newKey) ?? 0))
        failures.push({
          kind: severity === 'error' ? 'new-error' : 'new-warning',
          detail: newKey.split('\u0000').join(' | '),
        });
    }
  }
  const offering = (list: readonly Finding[]) =>
    same(list).filter((f) => f.fixes.some((x) => x.kind === fix.kind)).length;
  if (offering(project.before) > 0 && offering(after) >= offering(project.before))
    failures.push({ kind: 'not-idempotent', detail: `${fix.kind} is still offered for: ${finding.message.en}` });
  return { changed, failures };
}

const TAB_STOP = /\$\{\d+:([^}]*)\}/;
const TAB_STOPS = new RegExp(TAB_STOP.source, 'g');

/** A snippet's tab stops written by a person (in the placeholder's language): what the fix asks for, done. */
export function fillTabStops(edit: FileEdit): FileEdit {
  if (!edit.snippet) return edit;
  return {
    ...edit,
    newText: edit.newText.replace(TAB_STOPS, (_, placeholder: string) =>
      /[\u3400-\u9fff]/.test(placeholder) ? '配送时联系你确认地址' : 'contact you about your delivery',
    ),
  };
}

/** Edits outside every construct the fix names (by line, as a reviewer reads a diff). */
function scopeFailures(built: FixEdits, read: (file: string) => string | undefined): FixFailure[] {
  if (!built.edits.length) return [];
  if (!built.scope?.length) return [{ kind: 'no-scope', detail: 'the fix names no construct it owns' }];
  const failures: FixFailure[] = [];
  const lines = new Map<string, LineIndex>();
  const lineOf = (file: string, offset: number) => {
    let index = lines.get(file);
    if (!index) lines.set(file, (index = new LineIndex(read(file) ?? '')));
    return index.positionAt(offset).line;
  };
  const within = (scope: FixScope, file: string, start: number, end: number) =>
    scope.file === file &&
    lineOf(file, scope.start) <= lineOf(file, start) &&
    lineOf(file, end) <= lineOf(file, scope.end);
  for (const edit of built.edits) {
    if (built.creations.some((c) => c.file === edit.file)) continue;
    if (!built.scope.some((scope) => within(scope, edit.file, edit.start, edit.end))) {
      const named = built.scope
        .filter((s) => s.file === edit.file)
        .map((s) => `${s.construct} (lines ${lineOf(s.file, s.start) + 1}-${lineOf(s.file, s.end) + 1})`);
      failures.push({
        kind: 'outside-scope',
        detail: `${edit.file} lines ${lineOf(edit.file, edit.start) + 1}-${lineOf(edit.file, edit.end) + 1}; the fix names ${named.join(', ') || 'nothing in this file'}`,
      });
    }
  }
  return failures;
}
