import type { Finding, Fix, RelatedEvidence, Severity } from '../types';
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

/** The reason the "Suppress with a reason" fix inserts, for a person to replace. */
export const REASON_PLACEHOLDER = { en: 'explain why this is compliant', 'zh-cn': '说明为什么这里合规' } as const;

/** Words that hold no reason (ESLint asks for a description; these are what people type to get past it). */
const EMPTY_REASONS = new Set([
  'todo',
  'fixme',
  'tbd',
  'n/a',
  'na',
  'none',
  'reason',
  'why',
  'ok',
  'okay',
  'fine',
  'xxx',
  'test',
  'temp',
  'ignore',
  '-',
  '...',
  '无',
  '暂无',
  '待定',
  '原因',
  '待补充',
  '略',
]);

/** Why a suppression's reason is no reason: still the inserted placeholder, or empty words. */
function reasonProblem(reason: string): 'missing' | 'placeholder' | 'empty' | undefined {
  const trimmed = reason.trim();
  if (!trimmed) return 'missing';
  if (trimmed === REASON_PLACEHOLDER.en || trimmed === REASON_PLACEHOLDER['zh-cn']) return 'placeholder';
  if (EMPTY_REASONS.has(trimmed.toLowerCase()) || !/[\p{L}\p{N}]{2}/u.test(trimmed)) return 'empty';
  return undefined;
}

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
    // Only a real reason suppresses: the inserted placeholder or 'todo' leaves the finding where it is.
    const match = suppressions.find(
      (s) =>
        s.file === finding.range.file &&
        s.targetLine === line &&
        s.ruleIds.includes(finding.ruleId) &&
        !reasonProblem(s.reason),
    );
    if (match) match.used = true;
    return !match;
  });
}

/**
 * Findings about suppressions that lack a real reason, name no known rule, or suppress nothing. A reason that is
 * still the inserted placeholder is an info finding (a person has yet to write it), unless configured otherwise.
 */
export function suppressionProblems(
  suppressions: Suppression[],
  knownRules: Set<string>,
  activeRules: Set<string>,
): (Omit<Finding, 'severity'> & { severity?: Severity })[] {
  const problems: (Omit<Finding, 'severity'> & { severity?: Severity })[] = [];
  const report = (s: Suppression, en: string, zh: string, severity?: Severity) =>
    problems.push({
      ruleId: 'invalid-suppression',
      range: { file: s.file, start: s.start, end: s.end },
      message: text(en, zh),
      evidence: text(en, zh),
      related: [] as RelatedEvidence[],
      fixes: [],
      ...(severity ? { severity } : {}),
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
    else if (reasonProblem(s.reason) === 'missing')
      report(
        s,
        'A suppression needs a reason: add " -- why this is compliant" after the rule id.',
        '抑制注释必须写明原因：在规则 id 后加上“ -- 为什么合规”。',
      );
    else if (reasonProblem(s.reason) === 'placeholder')
      report(
        s,
        `Write the reason here: this suppression of ${s.ruleIds.join(', ')} still holds the inserted placeholder, so it suppresses nothing yet.`,
        `请在此写明原因：该抑制注释（${s.ruleIds.join('、')}）仍是插入的占位文字，因此尚未抑制任何问题。`,
        'info',
      );
    else if (reasonProblem(s.reason) === 'empty')
      report(
        s,
        `"${s.reason.trim()}" is no reason: say why this is compliant, or the suppression suppresses nothing.`,
        `“${s.reason.trim()}”不是原因：请说明为什么这里合规，否则该抑制注释不起作用。`,
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
      const reason = `\${1:${REASON_PLACEHOLDER[locale]}}`;
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
