import * as fs from 'fs';
import * as path from 'path';
import { ProjectAnalyzer, applyFixEdits, type FileSystemHost, type Finding, type Fix } from '../engine/index';
import { parseScript } from '../engine/parse/script';
import { parseWxml } from '../engine/parse/wxml';
import { parseJsonc } from '../engine/parse/jsonc';

const MAX_ROUNDS = 100;

/** Syntax problems in a file's content, by the same parsers the engine uses. */
function syntaxProblems(file: string, content: string): number {
  if (/\.(js|ts)$/.test(file)) return parseScript(file, content).syntaxErrorCount;
  if (file.endsWith('.wxml')) return parseWxml(file, content).problems.length;
  if (file.endsWith('.json')) return parseJsonc(content).errors.length;
  return 0;
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

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
 * Applies the automatic fixes of one root, one at a time and re-analysing after each (offsets move).
 * A fix is skipped when it would write outside the root or leave a file with new syntax errors.
 */
export function applyAutomaticFixes(host: FileSystemHost, root: string): FixOutcome {
  const outcome: FixOutcome = { applied: [], skipped: [] };
  const refused = new Set<string>();
  const key = (finding: Finding, fix: Fix) => `${finding.ruleId}:${fix.kind}:${finding.message.en}`;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const findings = new ProjectAnalyzer(host).analyze(root).findings;
    const candidate = findings.flatMap((finding) => finding.fixes.filter((fix) => fix.automatic && !refused.has(key(finding, fix))).map((fix) => ({ finding, fix })))[0];
    if (!candidate) break;
    const { finding, fix } = candidate;
    const edits = fix.build('en');
    const files = [...edits.edits.map((e) => e.file), ...edits.creations.map((c) => c.file)];
    let reason: string | undefined;
    let changed: Map<string, string> | undefined;
    if (files.some((file) => !inside(root, file))) reason = 'it would write outside the mini program';
    else {
      changed = applyFixEdits(edits, (file) => host.readFile(file));
      for (const [file, content] of changed) {
        const before = host.readFile(file);
        if (syntaxProblems(file, content) > (before === undefined ? 0 : syntaxProblems(file, before))) reason = `${path.basename(file)} would not parse afterwards`;
      }
    }
    const relativeFile = path.relative(root, finding.range.file);
    if (reason || !changed) {
      refused.add(key(finding, fix));
      outcome.skipped.push({ ruleId: finding.ruleId, file: relativeFile, reason: reason ?? 'no change' });
      continue;
    }
    for (const [file, content] of changed) writeAtomically(file, content);
    outcome.applied.push({ ruleId: finding.ruleId, file: relativeFile, title: fix.title.en });
  }
  return outcome;
}
