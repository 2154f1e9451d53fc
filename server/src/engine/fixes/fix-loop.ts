import * as path from 'path';
import type { FileSystemHost } from '../host';
import { OverlayFileSystemHost } from '../host';
import type { Finding, Fix, Locale } from '../types';
import { applyFixEdits } from './apply';
import { keepsFilesParsing } from './verify';

export interface FixLoopResult {
  /** New content of every file the applied fixes changed or created. */
  changed: Map<string, string>;
  applied: { finding: Finding; fix: Fix }[];
  skipped: { finding: Finding; fix: Fix; reason: 'outside-root' | 'would-not-parse' }[];
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** How the loop sees the project after each fix: the analyzer over the given host (the loop sits below the analyzer, so it is passed in). */
export type AnalyzerOver = (host: FileSystemHost) => (root: string) => Finding[];

/**
 * Applies fixes one at a time, re-analysing in memory after each (a fix's offsets are only valid for the text
 * it was computed on), until `pick` chooses nothing. A fix is skipped when it would write outside the root
 * or leave a file that parses worse than before. Nothing is written: callers decide what to do with `changed`.
 */
export function runFixLoop(
  host: FileSystemHost,
  root: string,
  analyzerOver: AnalyzerOver,
  pick: (
    findings: Finding[],
    refused: (finding: Finding, fix: Fix) => boolean,
  ) => { finding: Finding; fix: Fix } | undefined,
  locale: Locale = 'en',
  maxRounds = 50,
): FixLoopResult {
  const overlay = new OverlayFileSystemHost(host);
  const changed = new Map<string, string>();
  const result: FixLoopResult = { changed, applied: [], skipped: [] };
  const refusedKeys = new Set<string>();
  const key = (finding: Finding, fix: Fix) =>
    `${finding.ruleId}:${fix.kind}:${finding.range.file}:${finding.message.en}`;
  const analyze = analyzerOver(overlay);
  for (let round = 0; round < maxRounds; round++) {
    const chosen = pick(analyze(root), (finding, fix) => refusedKeys.has(key(finding, fix)));
    if (!chosen) break;
    const edits = chosen.fix.build(locale);
    const files = [...edits.edits.map((e) => e.file), ...edits.creations.map((c) => c.file)];
    let next: Map<string, string> | undefined;
    let reason: 'outside-root' | 'would-not-parse' | undefined;
    if (files.some((file) => !inside(root, file))) reason = 'outside-root';
    else {
      next = applyFixEdits(edits, (file) => overlay.readFile(file));
      if (!keepsFilesParsing(next, (file) => overlay.readFile(file))) reason = 'would-not-parse';
    }
    if (reason || !next) {
      refusedKeys.add(key(chosen.finding, chosen.fix));
      result.skipped.push({ ...chosen, reason: reason ?? 'would-not-parse' });
      continue;
    }
    for (const [file, content] of next) {
      overlay.set(file, content);
      changed.set(file, content);
    }
    result.applied.push(chosen);
  }
  return result;
}
