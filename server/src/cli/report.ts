import * as path from 'path';
import {
  LineIndex,
  terminalText,
  type AnalysisFailure,
  type Finding,
  type LocalizedText,
  type Severity,
  type SourceRange,
} from '../engine/index';
import type { BaselineSummary } from './baseline';
import type { PackageInfo } from './package-info';

/**
 * What every output format is built from: findings with resolved 1-based positions and paths relative to the
 * scanned folder. Messages stay bilingual; formatters pick the language.
 */
export interface LintReport {
  tool: PackageInfo;
  /** Absolute path of the scanned folder; every `file` below is relative to it, with forward slashes. */
  baseDir: string;
  /** Mini program roots that were analysed, relative to baseDir ('.' for baseDir itself). */
  roots: string[];
  /** Sorted by file, then position, then rule. */
  findings: ReportFinding[];
  /** Roots whose analysis threw, or in which a rule or stage threw: some or all of their findings are missing. */
  failures: RootFailure[];
  /** About the run rather than the code: what was not followed or could not be read, which config was used. */
  notices: RunNotice[];
  /** Present when a baseline file was used or written: `findings` then holds only what it does not record. */
  baseline?: BaselineSummary;
}

/**
 * One line about the run. `error`: part of what was asked was not checked (the run exits 2); `warning`: something
 * looks wrong but everything found was checked; `note`: for information.
 */
export interface RunNotice {
  level: 'error' | 'warning' | 'note';
  /** The path it is about, relative to baseDir with forward slashes ('.' for baseDir); none for a message that names it. */
  file?: string;
  /** Already in the report's language. */
  message: string;
}

/** 1-based line and column; columns count UTF-16 code units, as SARIF's default columnKind does. */
export interface Position {
  line: number;
  column: number;
}

export interface ReportRange {
  file: string;
  start: Position;
  /** Exclusive: the position just after the last character. */
  end: Position;
}

export interface ReportRelated extends ReportRange {
  message: LocalizedText;
}

export interface ReportFinding extends ReportRange {
  ruleId: string;
  severity: Severity;
  message: LocalizedText;
  evidence: LocalizedText;
  related: ReportRelated[];
  fixTitles: LocalizedText[];
}

export interface RootFailure {
  root: string;
  /** The rule that failed; absent when the whole analysis of the root or a stage before the rules failed. */
  rule?: string;
  /** What failed when only part of the analysis did (`rule <id>`, a stage); absent when the whole root failed. */
  what?: string;
  message: string;
}

/**
 * The outcome of analysing one root: its findings with the rules or stages that failed on the way, or the
 * exception the whole analysis threw (stacks only for debugging).
 */
export type RootOutcome =
  | { root: string; findings: Finding[]; failures?: AnalysisFailure[]; stack?: string }
  | { root: string; error: string; stack?: string };

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** Path of `file` relative to `baseDir` with forward slashes, so reports read the same on every OS. */
export function relativePath(baseDir: string, file: string): string {
  return path.relative(baseDir, file).split(path.sep).join('/') || '.';
}

/** Turns engine results into a report; `readFile` supplies contents for offset-to-line conversion. */
export function buildReport(
  tool: PackageInfo,
  baseDir: string,
  outcomes: RootOutcome[],
  readFile: (file: string) => string | undefined,
  notices: RunNotice[] = [],
): LintReport {
  const lineIndexes = new Map<string, LineIndex>();
  const resolve = (range: SourceRange): ReportRange => {
    let index = lineIndexes.get(range.file);
    if (!index) {
      // An unreadable file still gets a location: its offsets then all map to 1:1.
      index = new LineIndex(readFile(range.file) ?? '');
      lineIndexes.set(range.file, index);
    }
    const start = index.positionAt(range.start);
    const end = index.positionAt(Math.max(range.start, range.end));
    return {
      file: relativePath(baseDir, range.file),
      start: { line: start.line + 1, column: start.character + 1 },
      end: { line: end.line + 1, column: end.character + 1 },
    };
  };

  const findings: ReportFinding[] = [];
  const failures: RootFailure[] = [];
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      failures.push({ root: relativePath(baseDir, outcome.root), message: outcome.error });
      continue;
    }
    for (const failure of outcome.failures ?? []) {
      failures.push({
        root: relativePath(baseDir, outcome.root),
        rule: failure.ruleId,
        what: failure.what,
        message: failure.message,
      });
    }
    for (const finding of outcome.findings) {
      findings.push({
        ...resolve(finding.range),
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        evidence: finding.evidence,
        related: finding.related.map((related) => ({ ...resolve(related.range), message: related.message })),
        fixTitles: finding.fixes.map((fix) => fix.title),
      });
    }
  }
  findings.sort(compareFindings);
  return {
    tool,
    baseDir,
    roots: outcomes.map((outcome) => relativePath(baseDir, outcome.root)),
    findings,
    failures,
    notices,
  };
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    compareStrings(a.ruleId, b.ruleId)
  );
}

/** Code-unit order rather than localeCompare, so output does not depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(findings: readonly ReportFinding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** How a notice is described everywhere (stderr, SARIF notifications): it names its path first. */
export function describeNotice(notice: RunNotice): string {
  return notice.file === undefined ? notice.message : `${notice.file}: ${notice.message}`;
}

/** How a failed root is described everywhere (stderr, SARIF notifications). */
export function describeFailure(failure: RootFailure): string {
  const part = failure.what ? `${failure.what} failed (its findings are missing): ` : '';
  // The root is a folder name and the message may quote project text: both shown escaped (see terminalText).
  return terminalText(`internal error analysing ${failure.root}: ${part}${failure.message}`);
}
