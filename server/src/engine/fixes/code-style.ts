/**
 * How a file is written, so that what a fix inserts reads like the rest of it: its indentation step, line
 * ending, string quote (attribute quote in a template) and, in scripts, whether statements end with `;`.
 * Builders write generated code in one canonical form (two-space steps, `\n`, single quotes, semicolons) and
 * `inFileStyle` turns it into the file's.
 */
export interface CodeStyle {
  indent: string;
  eol: '\n' | '\r\n';
  quote: "'" | '"';
  semicolons: boolean;
}

/** One indentation step as the file uses it (two spaces when it cannot tell). */
export function indentUnit(content: string): string {
  const match = /\n(\t+|[ ]{2,8})\S/.exec(content);
  if (!match) return '  ';
  return match[1].startsWith('\t') ? '\t' : match[1].length >= 4 ? '    ' : '  ';
}

/** The line ending the file uses (its first one). */
export function lineEnding(content: string): '\n' | '\r\n' {
  const first = content.indexOf('\n');
  return first > 0 && content[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The quote a script uses most for strings, or a template for attribute values (`="` against `='`). */
export function quoteOf(content: string, template = false): "'" | '"' {
  const single = (content.match(template ? /=\s*'/g : /'/g) ?? []).length;
  const double = (content.match(template ? /=\s*"/g : /"/g) ?? []).length;
  if (template) return single > double ? "'" : '"';
  return single >= double ? "'" : '"';
}

/** Whether a script ends its statements with `;`: only a file with none at the end of a line does not. */
function usesSemicolons(content: string): boolean {
  if (/;[ \t]*\r?$/m.test(content)) return true;
  return !/[\w)\]'"`][ \t]*\r?$/m.test(content);
}

export function codeStyleOf(content: string, kind: 'script' | 'template' | 'other' = 'script'): CodeStyle {
  return {
    indent: indentUnit(content),
    eol: lineEnding(content),
    quote: kind === 'other' ? '"' : quoteOf(content, kind === 'template'),
    semicolons: kind !== 'script' || usesSemicolons(content),
  };
}

/** A string literal in the file's quote. */
export function stringLiteral(value: string, style: CodeStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').split(q).join(`\\${q}`).replace(/\n/g, '\\n') + q;
}

/**
 * Canonical generated text in the file's style: each leading two-space step becomes the file's step, and
 * every line break the file's line ending; in scripts a `;` ending a line goes where the file has none; in
 * templates `attr="…"` takes the file's quote.
 */
export function inFileStyle(text: string, style: CodeStyle, kind: 'script' | 'template' | 'other'): string {
  let lines = text.split('\n').map((line) => {
    if (style.indent === '  ') return line;
    const spaces = /^(?: {2})*/.exec(line)![0].length;
    return style.indent.repeat(spaces / 2) + line.slice(spaces);
  });
  if (kind === 'script' && !style.semicolons) lines = lines.map((line) => line.replace(/;(?=[ \t]*$)/, ''));
  if (kind === 'template' && style.quote === "'")
    lines = lines.map((line) => line.replace(/=\s*"([^"'\n]*)"/g, "='$1'"));
  return lines.join(style.eol);
}
