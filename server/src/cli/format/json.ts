import type { Locale } from '../../engine/index';
import type { LintReport } from '../report';

/**
 * Stable machine-readable output. Keys are only ever added, never renamed; positions are 1-based and
 * end positions exclusive; files are relative to the scanned folder with forward slashes.
 */
export function formatJson(report: LintReport, locale: Locale): string {
  const output = {
    version: report.tool.version,
    locale,
    roots: report.roots,
    findings: report.findings.map((finding) => ({
      file: finding.file,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message[locale],
      /** Why this code triggers the rule (the hover text in the editor). */
      evidence: finding.evidence[locale],
      line: finding.start.line,
      column: finding.start.column,
      endLine: finding.end.line,
      endColumn: finding.end.column,
      related: finding.related.map((related) => ({
        file: related.file,
        line: related.start.line,
        column: related.start.column,
        message: related.message[locale],
      })),
      fixes: finding.fixTitles.map((title) => title[locale]),
    })),
    // `rule` when one rule failed (the other rules' findings are above); absent when the whole root failed.
    errors: report.failures.map((failure) => ({
      root: failure.root,
      ...(failure.rule ? { rule: failure.rule } : {}),
      ...(failure.what && !failure.rule ? { stage: failure.what } : {}),
      message: failure.message,
    })),
    /** About the run: a miniprogramRoot not followed, a path that could not be read, the config file used. */
    notices: report.notices.map((notice) => ({ level: notice.level, file: notice.file, message: notice.message })),
    /** With a baseline: its file, how many findings it left out of `findings`, how many it records that are gone. */
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
  return JSON.stringify(output, null, 2) + '\n';
}
