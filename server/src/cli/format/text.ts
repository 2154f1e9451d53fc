import { escapeControlCharacters, terminalText, type Locale } from '../../engine/index';
import { countBySeverity, type LintReport, type ReportFinding } from '../report';

/** Chrome of the text report; severity words and rule ids stay English so output can be grepped. */
const STRINGS = {
  en: {
    scanned: (count: number) => `Scanned ${count} mini programs:`,
    summary: (total: number, errors: number, warnings: number, infos: number) =>
      `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`,
    clean: (roots: number) => `No problems found in ${roots} mini program(s).`,
    baselined: (count: number, file: string) => `(${plural(count, 'baselined finding')} not shown: ${file})`,
  },
  'zh-cn': {
    scanned: (count: number) => `已扫描 ${count} 个小程序：`,
    summary: (total: number, errors: number, warnings: number, infos: number) =>
      `✖ ${total} 个问题（${errors} 个错误，${warnings} 个警告，${infos} 个提示）`,
    clean: (roots: number) => `在 ${roots} 个小程序中未发现问题。`,
    baselined: (count: number, file: string) => `（${count} 个已记录在基线中的问题未显示：${file}）`,
  },
} as const;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Strings from the project are shown with their control characters escaped: a folder name must not retitle
 * the terminal, rewind the line or print a fake finding line, and a bidi override must not reorder the rest.
 */
const name = escapeControlCharacters;

/** Messages (which may quote project text) on one line each: authors may wrap long texts. */
function message(value: string): string {
  return terminalText(value).trim();
}

/** ESLint "stylish"-like output: findings grouped by file, then a one-line summary. */
export function formatText(report: LintReport, locale: Locale): string {
  const strings = STRINGS[locale];
  const lines: string[] = [];
  if (report.roots.length > 1) {
    lines.push(strings.scanned(report.roots.length));
    for (const root of report.roots) lines.push(`  ${name(root)}`);
    lines.push('');
  }

  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    const group = byFile.get(finding.file) ?? [];
    group.push(finding);
    byFile.set(finding.file, group);
  }
  for (const [file, findings] of byFile) {
    lines.push(name(file));
    const positions = findings.map((finding) => `${finding.start.line}:${finding.start.column}`);
    // Folded, not Math.max(...list): a file with 130,000 findings would overflow the stack as arguments.
    const positionWidth = positions.reduce((width, position) => Math.max(width, position.length), 0);
    const severityWidth = findings.reduce((width, finding) => Math.max(width, finding.severity.length), 0);
    findings.forEach((finding, i) => {
      const position = positions[i].padEnd(positionWidth);
      const severity = finding.severity.padEnd(severityWidth);
      lines.push(`  ${position}  ${severity}  ${message(finding.message[locale])}  ${finding.ruleId}`);
      for (const related of finding.related) {
        lines.push(`      ↳ ${name(related.file)}:${related.start.line} ${message(related.message[locale])}`);
      }
    });
    lines.push('');
  }

  if (report.findings.length === 0) {
    lines.push(strings.clean(report.roots.length));
  } else {
    const counts = countBySeverity(report.findings);
    lines.push(strings.summary(report.findings.length, counts.error, counts.warning, counts.info));
  }
  if (report.baseline?.baselined) lines.push(strings.baselined(report.baseline.baselined, report.baseline.file));
  return lines.join('\n') + '\n';
}
