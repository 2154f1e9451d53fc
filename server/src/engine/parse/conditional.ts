/**
 * uni-app style conditional compilation: `// #ifdef MP-WEIXIN … // #endif` (also in block and HTML comments).
 * Code for other platforms is blanked out before parsing, keeping every offset and line in place, so rules
 * never see it and ranges stay right. Unknown conditions are kept (a false alarm beats a silent miss here).
 *
 * Directive lines are read by hand, not with a regular expression: a pattern like
 * `#ifdef\b([^\n]*?)(?:\*\/|-->)?[ \t]*$` backtracks over every space of a long line and took 100 s on one
 * line of 400,000 spaces after a directive.
 */
const OTHER_PLATFORMS =
  /^(H5|WEB|APP|APP-PLUS|APP-PLUS-NVUE|APP-NVUE|APP-ANDROID|APP-IOS|APP-HARMONY|MP-ALIPAY|MP-BAIDU|MP-TOUTIAO|MP-LARK|MP-QQ|MP-KUAISHOU|MP-JD|MP-360|MP-XHS|MP-HARMONY|QUICKAPP-WEBVIEW|QUICKAPP-WEBVIEW-UNION|QUICKAPP-WEBVIEW-HUAWEI)$/i;
const WECHAT = /^(MP-WEIXIN|MP)$/i;

const OPENERS = ['//', '/*', '<!--'];
const KEYWORDS = ['ifdef', 'ifndef', 'endif'] as const;
const CLOSERS = ['*/', '-->'];
type Keyword = (typeof KEYWORDS)[number];

function evaluate(condition: string): boolean | undefined {
  const names = condition
    .split('||')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.some((n) => WECHAT.test(n))) return true;
  if (names.length && names.every((n) => OTHER_PLATFORMS.test(n))) return false;
  return undefined;
}

const isBlank = (ch: string) => ch === ' ' || ch === '\t';
const isWordChar = (ch: string | undefined) => ch !== undefined && /\w/.test(ch);

/** `// #ifdef H5 || APP` -> { kind: 'ifdef', condition: ' H5 || APP' }; undefined for any other line. */
function readDirective(line: string): { kind: Keyword; condition: string } | undefined {
  let at = 0;
  while (at < line.length && isBlank(line[at])) at++;
  const opener = OPENERS.find((o) => line.startsWith(o, at));
  if (!opener) return undefined;
  at += opener.length;
  while (at < line.length && /\s/.test(line[at])) at++;
  if (line[at] !== '#') return undefined;
  at++;
  const kind = KEYWORDS.find((k) => line.startsWith(k, at) && !isWordChar(line[at + k.length]));
  if (!kind) return undefined;
  let end = line.length;
  // A CRLF file keeps its \r at the end of each line: it is trailing space here too.
  while (end > at + kind.length && (isBlank(line[end - 1]) || line[end - 1] === '\r')) end--;
  let condition = line.slice(at + kind.length, end);
  const closer = CLOSERS.find((c) => condition.endsWith(c));
  if (closer) condition = condition.slice(0, -closer.length);
  return { kind, condition };
}

export function stripOtherPlatforms(content: string): string {
  if (!content.includes('#if')) return content;
  const lines = content.split('\n');
  const stack: boolean[] = []; // true = this block is excluded
  // How many open blocks exclude their content: one count instead of a scan of the stack per line (a file of
  // unclosed directives would make that quadratic).
  let excluding = 0;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const directive = lines[i].includes('#') ? readDirective(lines[i]) : undefined;
    if (directive) {
      if (directive.kind === 'endif') {
        if (stack.pop()) excluding--;
      } else {
        const value = evaluate(directive.condition);
        const excluded = directive.kind === 'ifdef' ? value === false : value === true;
        stack.push(excluded);
        if (excluded) excluding++;
      }
      continue;
    }
    if (excluding > 0) {
      lines[i] = lines[i].replace(/[^\r]/g, ' ');
      changed = true;
    }
  }
  return changed ? lines.join('\n') : content;
}
