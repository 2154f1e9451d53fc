import * as fs from 'fs';
import * as path from 'path';
import { fixRepeatedly, type FileSystemHost, type Finding } from '../engine/index';


/** Writes through a temporary file in the same folder, so a crash never leaves a half-written file. */
function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.mp-privacy-${process.pid}.tmp`);
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

export interface FixOutcome {
  applied: { ruleId: string; file: string; title: string }[];
  skipped: { ruleId: string; file: string; reason: string }[];
}

/**
 * Applies the automatic fixes of one root, one at a time (see fixRepeatedly), then writes each changed file
 * once, atomically. A fix is skipped when it would write outside the root or leave a file with new syntax errors.
 */
export function applyAutomaticFixes(host: FileSystemHost, root: string): FixOutcome {
  const result = fixRepeatedly(host, root, (findings, refused) =>
    findings.flatMap((finding) => finding.fixes.filter((fix) => fix.automatic && !refused(finding, fix)).map((fix) => ({ finding, fix })))[0],
  );
  for (const [file, content] of result.changed) writeAtomically(file, content);
  const relative = (finding: Finding) => path.relative(root, finding.range.file);
  return {
    applied: result.applied.map(({ finding, fix }) => ({ ruleId: finding.ruleId, file: relative(finding), title: fix.title.en })),
    skipped: result.skipped.map(({ finding, reason }) => ({ ruleId: finding.ruleId, file: relative(finding), reason: reason === 'outside-root' ? 'it would write outside the mini program' : 'a file would not parse afterwards' })),
  };
}
