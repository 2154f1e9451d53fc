import {
  CachingFileSystemHost,
  fixRepeatedly,
  type FileBoundary,
  type FileSystemHost,
  type Finding,
  type Fix,
} from '../engine/index';
import type { Journal } from './journal';
import { commitWrites, unwritableReason } from './safe-write';

export interface FixOutcome {
  applied: { ruleId: string; file: string; title: string }[];
  skipped: { ruleId: string; file: string; reason: string }[];
  /** Set when nothing was written: the file that stopped the write, and why. */
  notWritten?: { file: string; reason: string };
}

/**
 * Applies the automatic fixes of the given roots, one at a time (see fixRepeatedly), then writes every changed
 * file at once, all or nothing (commitWrites). A fix is skipped when it would write outside the root, into a
 * read-only file or a link, or leave a file with new syntax errors; nothing is written when a file changed on
 * disk since it was read. Paths in the outcome are given by `display`.
 */
export function applyAutomaticFixes(
  host: FileSystemHost,
  boundary: FileBoundary,
  roots: readonly string[],
  display: (file: string) => string,
  journal?: Journal,
): FixOutcome {
  // What the fixes are computed from, each file read once: the write checks the disk still says the same.
  const snapshot = new CachingFileSystemHost(host);
  const outcome: FixOutcome = { applied: [], skipped: [] };
  const changed = new Map<string, string>();
  for (const root of roots) {
    const blocked = new Map<string, { finding: Finding; file: string; reason: string }>();
    const unwritableFile = (fix: Fix) => {
      const edits = fix.build('en');
      for (const file of [
        ...edits.edits.map((edit) => edit.file),
        ...edits.creations.map((creation) => creation.file),
      ]) {
        const reason = unwritableReason(boundary, file);
        if (reason) return { file, reason };
      }
      return undefined;
    };
    const result = fixRepeatedly(snapshot, root, (findings, refused) => {
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          if (!fix.automatic || refused(finding, fix)) continue;
          const key = `${finding.ruleId}:${fix.kind}:${finding.range.file}:${finding.message.en}`;
          if (blocked.has(key)) continue;
          const unwritable = unwritableFile(fix);
          if (!unwritable) return { finding, fix };
          blocked.set(key, { finding, ...unwritable });
        }
      }
      return undefined;
    });
    for (const [file, content] of result.changed) changed.set(file, content);
    outcome.applied.push(
      ...result.applied.map(({ finding, fix }) => ({
        ruleId: finding.ruleId,
        file: display(finding.range.file),
        title: fix.title.en,
      })),
    );
    outcome.skipped.push(
      ...result.skipped.map(({ finding, reason }) => ({
        ruleId: finding.ruleId,
        file: display(finding.range.file),
        reason:
          reason === 'outside-root' ? 'it would write outside the mini program' : 'a file would not parse afterwards',
      })),
      ...[...blocked.values()].map(({ finding, file, reason }) => ({
        ruleId: finding.ruleId,
        file: display(finding.range.file),
        reason: `cannot write ${display(file)}: ${reason}`,
      })),
    );
  }
  if (changed.size === 0) return outcome;
  const committed = commitWrites(
    boundary,
    [...changed].map(([file, content]) => ({ file, content, original: snapshot.readFile(file) })),
    journal,
  );
  if (!committed.ok) {
    outcome.notWritten = { file: display(committed.file), reason: committed.reason };
    outcome.applied = [];
  }
  return outcome;
}
