/**
 * Fix verification on real code: every fix offered for every finding under a folder is applied, alone, to the
 * project as it is, and checked with the engine's fix contract (fixes/verify.ts: the files parse, the finding is
 * gone, no new error or warning, applying again changes nothing, edits only on the lines of the constructs the
 * fix names). Part of `npm run eval` (on the development corpus) and of `npm test` (on the repository's fixtures).
 *
 *   node out/eval/verify-fixes.js [DIR...] [--failures]
 *
 * Nothing is written: the fixed files are laid over the disk in memory.
 */
import * as path from 'path';
import { FIX_FAILURE_KINDS, verifyFix, type FixFailureKind } from '../server/src/engine/fixes/verify';
import {
  OverlayFileSystemHost,
  ProjectAnalyzer,
  createNodeFileSystemHost,
  findMiniProgramRoots,
  type Finding,
  type Locale,
} from '../server/src/engine';

export interface FixCheck {
  root: string;
  ruleId: string;
  fixKind: string;
  /** Where the finding is: `file:line` relative to the folder verified. */
  at: string;
  failures: { kind: FixFailureKind; detail: string }[];
}

export interface FixVerificationReport {
  /** Fixes built and applied (a fix that fails to build counts as checked, not applied). */
  checked: number;
  applied: number;
  failed: FixCheck[];
  /** Failed fixes by failure kind (a fix with two kinds of failure counts in both). */
  byKind: Partial<Record<FixFailureKind, number>>;
  /** Applied fixes by kind of fix. */
  byFix: Record<string, { applied: number; failed: number }>;
}

function lineOf(content: string | undefined, offset: number): number {
  if (!content) return 1;
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

/** Verifies every fix of every finding of every mini program under `dir`. */
export function verifyFixesUnder(dir: string, locales: readonly Locale[] = ['en']): FixVerificationReport {
  const disk = createNodeFileSystemHost();
  const report: FixVerificationReport = { checked: 0, applied: 0, failed: [], byKind: {}, byFix: {} };
  for (const root of findMiniProgramRoots(disk, dir)) {
    const overlay = new OverlayFileSystemHost(disk);
    const analyzer = new ProjectAnalyzer(overlay);
    const before = analyzer.analyze(root).findings;
    const analyzeWith = (changed: ReadonlyMap<string, string>): readonly Finding[] => {
      for (const [file, content] of changed) overlay.set(file, content);
      try {
        return analyzer.analyze(root).findings;
      } finally {
        for (const file of changed.keys()) overlay.delete(file);
      }
    };
    for (const finding of before) {
      for (const fix of finding.fixes) {
        for (const locale of locales) {
          report.checked++;
          const result = verifyFix(
            { root, read: (file) => overlay.readFile(file), before, analyzeWith },
            finding,
            fix,
            locale,
          );
          const tally = (report.byFix[fix.kind] ??= { applied: 0, failed: 0 });
          if (result.changed) {
            report.applied++;
            tally.applied++;
          }
          if (!result.failures.length) continue;
          tally.failed++;
          const at = `${path.relative(dir, finding.range.file).split(path.sep).join('/')}:${lineOf(overlay.readFile(finding.range.file), finding.range.start)}`;
          report.failed.push({ root, ruleId: finding.ruleId, fixKind: fix.kind, at, failures: result.failures });
          for (const kind of new Set(result.failures.map((f) => f.kind)))
            report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
        }
      }
    }
  }
  return report;
}

export function formatFixVerification(report: FixVerificationReport, listFailures: boolean): string {
  const out = [
    `Fix verification: ${report.applied} fixes applied (${report.checked} offered), ${report.failed.length} failed`,
  ];
  for (const kind of FIX_FAILURE_KINDS)
    if (report.byKind[kind]) out.push(`  ${kind.padEnd(16)} ${report.byKind[kind]}`);
  out.push('  by fix:');
  for (const [kind, tally] of Object.entries(report.byFix).sort())
    out.push(
      `    ${kind.padEnd(34)} ${String(tally.applied).padStart(5)} applied ${String(tally.failed).padStart(5)} failed`,
    );
  if (listFailures) {
    for (const check of report.failed) {
      out.push(`  ${check.at}  ${check.ruleId} / ${check.fixKind}`);
      for (const failure of check.failures) out.push(`      ${failure.kind}: ${failure.detail}`);
    }
  }
  return out.join('\n');
}

/** Adds one report to another (several corpus entries). */
export function mergeFixVerification(into: FixVerificationReport, from: FixVerificationReport): FixVerificationReport {
  into.checked += from.checked;
  into.applied += from.applied;
  into.failed.push(...from.failed);
  for (const [kind, count] of Object.entries(from.byKind))
    into.byKind[kind as FixFailureKind] = (into.byKind[kind as FixFailureKind] ?? 0) + count;
  for (const [kind, tally] of Object.entries(from.byFix)) {
    const target = (into.byFix[kind] ??= { applied: 0, failed: 0 });
    target.applied += tally.applied;
    target.failed += tally.failed;
  }
  return into;
}

function main(): number {
  const args = process.argv.slice(2);
  const listFailures = args.includes('--failures');
  const dirs = args.filter((a) => !a.startsWith('--')).map((d) => path.resolve(d));
  const total: FixVerificationReport = { checked: 0, applied: 0, failed: [], byKind: {}, byFix: {} };
  for (const dir of dirs) mergeFixVerification(total, verifyFixesUnder(dir));
  process.stdout.write(`${formatFixVerification(total, listFailures)}\n`);
  return total.failed.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
