import * as fs from 'fs';
import * as path from 'path';
import type { FileSystemHost, Finding, Locale } from '../../server/src/engine';
import { ProjectAnalyzer, applyFixEdits } from '../../server/src/engine';

/** Files of a mini program by path relative to its root. */
export type ProjectFiles = Record<string, string>;

export const VIRTUAL_ROOT = path.resolve('/virtual/mini-program');

/** An in-memory file system over `files`, rooted at VIRTUAL_ROOT: rule tests need no disk. */
export function virtualHost(files: ProjectFiles): FileSystemHost {
  const absolute = new Map(Object.entries(files).map(([rel, content]) => [path.join(VIRTUAL_ROOT, rel), content]));
  const directories = new Set<string>();
  for (const file of absolute.keys()) {
    for (let dir = path.dirname(file); dir.startsWith(VIRTUAL_ROOT); dir = path.dirname(dir)) directories.add(dir);
  }
  return {
    readFile: (file) => absolute.get(path.resolve(file)),
    stat: (file) =>
      absolute.has(path.resolve(file)) ? 'file' : directories.has(path.resolve(file)) ? 'directory' : undefined,
    readDirectory: (dir) => {
      const resolved = path.resolve(dir);
      const names = new Set<string>();
      for (const entry of [...absolute.keys(), ...directories])
        if (path.dirname(entry) === resolved) names.add(path.basename(entry));
      return [...names];
    },
  };
}

export function relativePath(file: string): string {
  return path.relative(VIRTUAL_ROOT, file).split(path.sep).join('/');
}

/** The findings of a project; throws when a rule or stage failed (its findings would be missing silently). */
export function lintFiles(files: ProjectFiles): Finding[] {
  // scripts/compare-findings.js collects the projects the tests lint, to compare findings before/after a refactor.
  const record = process.env.MP_PRIVACY_RECORD_PROJECTS;
  if (record) fs.appendFileSync(record, JSON.stringify(files) + '\n');
  const result = new ProjectAnalyzer(virtualHost(files)).analyze(VIRTUAL_ROOT);
  if (result.failures.length)
    throw new Error(`the analysis failed: ${result.failures.map((f) => `${f.what}: ${f.message}`).join('; ')}`);
  return result.findings;
}

/** The source text a finding's range starts with (what a test asserts the squiggle is under). */
export function textAt(files: ProjectFiles, finding: Finding): string {
  const content = files[relativePath(finding.range.file)] ?? '';
  return content.slice(finding.range.start, finding.range.end);
}

/** Applies one fix of a finding and returns the whole project's files afterwards. */
export function applyFix(files: ProjectFiles, finding: Finding, fixKind: string, locale: Locale = 'en'): ProjectFiles {
  const fix = finding.fixes.find((f) => f.kind === fixKind);
  if (!fix)
    throw new Error(
      `finding ${finding.ruleId} offers no ${fixKind} fix (offers: ${finding.fixes.map((f) => f.kind).join(', ') || 'none'})`,
    );
  const changed = applyFixEdits(fix.build(locale), (file) => files[relativePath(file)]);
  const next = { ...files };
  for (const [file, content] of changed) next[relativePath(file)] = content;
  return next;
}
