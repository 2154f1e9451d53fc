import type { Finding, Fix, RelatedEvidence } from '../types';
import { text } from '../types';
import { LineIndex } from '../text/line-index';

/**
 * Inline suppressions with a required reason, as ESLint's disable comments but stricter:
 *   // mp-privacy-disable-next-line phone-on-entry -- the login page is an internal staff tool
 *   <!-- mp-privacy-disable-next-line phone-while-browsing -- reviewed with WeChat support -->
 */
const MARKER = 'mp-privacy-disable-next-line';
const COMMENT = /(?:\/\/|\/\*|<!--)\s*mp-privacy-disable-next-line\b([^\n]*?)(?:\*\/|-->|$)/gm;

export interface Suppression {
  file: string;
  start: number;
  end: number;
  /** The line the suppression applies to (zero-based): the line after the comment. */
  targetLine: number;
  ruleIds: string[];
  reason: string;
  used: boolean;
}

export function findSuppressions(file: string, content: string): Suppression[] {
  if (!content.includes(MARKER)) return [];
  const lines = new LineIndex(content);
  const result: Suppression[] = [];
  COMMENT.lastIndex = 0;
  for (let match = COMMENT.exec(content); match; match = COMMENT.exec(content)) {
    const [ids, ...reasonParts] = match[1].split(/\s--\s?|\s--$/);
    const ruleIds = ids
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    result.push({
      file,
      start: match.index,
      end: match.index + match[0].length,
      targetLine: lines.positionAt(match.index).line + 1,
      ruleIds,
      reason: reasonParts.join(' -- ').trim(),
      used: false,
    });
  }
  return result;
}

const NOT_SUPPRESSIBLE = new Set(['invalid-suppression', 'unreadable-file']);

/** Drops suppressed findings and returns what is left; `used` is set on the suppressions that matched. */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  linesOf: (file: string) => LineIndex,
): Finding[] {
  if (!suppressions.length) return findings;
  const lineOf = (file: string, offset: number) => linesOf(file).positionAt(offset).line;
  return findings.filter((finding) => {
    if (NOT_SUPPRESSIBLE.has(finding.ruleId)) return true;
    const line = lineOf(finding.range.file, finding.range.start);
    const match = suppressions.find(
      (s) => s.file === finding.range.file && s.targetLine === line && s.ruleIds.includes(finding.ruleId) && s.reason,
    );
    if (match) match.used = true;
    return !match;
  });
}

/** Findings about suppressions that lack a reason, name no known rule, or suppress nothing. */
export function suppressionProblems(
  suppressions: Suppression[],
  knownRules: Set<string>,
  activeRules: Set<string>,
): Omit<Finding, 'severity'>[] {
  const problems: Omit<Finding, 'severity'>[] = [];
  const report = (s: Suppression, en: string, zh: string) =>
    problems.push({
      ruleId: 'invalid-suppression',
      range: { file: s.file, start: s.start, end: s.end },
      message: text(en, zh),
      evidence: text(en, zh),
      related: [] as RelatedEvidence[],
      fixes: [],
    });
  for (const s of suppressions) {
    const unknown = s.ruleIds.filter((id) => !knownRules.has(id));
    if (!s.ruleIds.length)
      report(
        s,
        'This suppression names no rule: write the rule id after mp-privacy-disable-next-line.',
        '该抑制注释没有指定规则：请在 mp-privacy-disable-next-line 后写上规则 id。',
      );
    else if (unknown.length)
      report(
        s,
        `Unknown rule ${unknown.join(', ')} in this suppression.`,
        `抑制注释中的规则 ${unknown.join('、')} 不存在。`,
      );
    else if (!s.reason)
      report(
        s,
        'A suppression needs a reason: add " -- why this is compliant" after the rule id.',
        '抑制注释必须写明原因：在规则 id 后加上“ -- 为什么合规”。',
      );
    else if (!s.used && s.ruleIds.every((id) => activeRules.has(id)))
      report(
        s,
        `This suppression of ${s.ruleIds.join(', ')} suppresses nothing on the next line; remove it.`,
        `该抑制注释（${s.ruleIds.join('、')}）在下一行没有抑制任何问题，请删除。`,
      );
  }
  return problems;
}

const INDENT = /[ \t]*/y;

/**
 * How a comment is written on the line at `at`: in WXML and a Vue template as HTML, in scripts as `//`, between
 * JSX children as `{/* … *\/}`. Undefined where no comment line can go: a file of another kind, or the first
 * element of a JSX expression (`return (` then `<View>`), where a comment would be a second expression.
 */
function commentStyle(
  file: string,
  content: string,
  at: number,
  previousLine: string,
): 'html' | 'line' | 'jsx' | undefined {
  if (file.endsWith('.wxml')) return 'html';
  if (/\.n?vue$/.test(file)) {
    const templateStart = content.indexOf('<template');
    const templateEnd = content.lastIndexOf('</template>');
    return templateStart >= 0 && at > templateStart && at < templateEnd ? 'html' : 'line';
  }
  if (/\.[jt]sx$/.test(file) && content[at] === '<')
    return /(\(|=>|return|&&|\?|:)\s*$/.test(previousLine) ? undefined : 'jsx';
  return /\.(js|ts|jsx|tsx)$/.test(file) ? 'line' : undefined;
}

/**
 * The file's line break: \r\n, a lone \r (old Mac editors) or \n. Scans the whole file: callers with many
 * findings in one file compute it (and the file's LineIndex) once and pass them to suppressFix.
 */
export function lineBreakOf(content: string): string {
  return content.includes('\r\n') ? '\r\n' : content.includes('\r') && !content.includes('\n') ? '\r' : '\n';
}

/** The "Suppress with a reason" quick-fix: a comment line above the finding, in the file's comment syntax. */
export function suppressFix(
  finding: Finding,
  content: string,
  eol = lineBreakOf(content),
  lines = new LineIndex(content),
): Fix | undefined {
  const file = finding.range.file;
  // Any line break style: \n, \r\n or a lone \r (old Mac editors); the comment line uses the file's own.
  const line = lines.positionAt(finding.range.start).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  INDENT.lastIndex = lineStart;
  const indent = INDENT.exec(content)?.[0] ?? '';
  const style = commentStyle(
    file,
    content,
    lineStart + indent.length,
    line > 0 ? content.slice(lines.offsetAt({ line: line - 1, character: 0 }), lineStart) : '',
  );
  if (!style) return undefined;
  return {
    kind: 'suppress-with-reason',
    title: text(
      `Suppress ${finding.ruleId} on this line with a reason`,
      `以注明原因的方式在此行抑制 ${finding.ruleId}`,
    ),
    build: (locale) => {
      const reason = locale === 'zh-cn' ? '${1:说明为什么这里合规}' : '${1:explain why this is compliant}';
      const body = `${MARKER} ${finding.ruleId} -- ${reason}`;
      const comment = style === 'html' ? `<!-- ${body} -->` : style === 'jsx' ? `{/* ${body} */}` : `// ${body}`;
      return {
        edits: [{ file, start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}`, snippet: true }],
        creations: [],
        scope: [{ file, start: lineStart, end: finding.range.start, construct: 'the line of the finding' }],
      };
    },
  };
}
