export interface StyleRule {
  /** Per selector, the classes its last compound requires (empty: it targets no element by class alone). */
  targetClasses: string[][];
  declarations: Map<string, string>;
  start: number;
  end: number;
}

/**
 * A stylesheet whose rules are parsed on first use. Only the overlay check (does an element asking for
 * personal information cover the screen?) reads style rules, for the pages that have such an element; the
 * other pages' stylesheets are read (fixes append to them) but never parsed, which a cold lint of a large
 * project notices (about a tenth of its parse work is WXSS).
 */
export class WxssDocument {
  private parsedRules: StyleRule[] | undefined;

  constructor(
    readonly file: string,
    readonly content: string,
  ) {}

  get rules(): StyleRule[] {
    return (this.parsedRules ??= parseRules(this.content));
  }
}

/** Deeper brace nesting than this is not a real stylesheet. */
const MAX_BRACE_DEPTH = 64;

function braceDepth(content: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < content.length; i++) {
    const ch = content.charCodeAt(i);
    if (ch === 123 /* { */) max = Math.max(max, ++depth);
    else if (ch === 125 /* } */ && depth > 0) depth--;
  }
  return max;
}

export function parseWxss(file: string, content: string): WxssDocument {
  return new WxssDocument(file, content);
}

/** An open `{ … }` block while reading: a style rule (declarations are collected into it) or an at-rule's block. */
interface OpenBlock {
  rule: StyleRule | undefined;
}

/**
 * The style rules of a stylesheet, nested ones (in @media, or CSS nesting) included, in document order. Read in
 * one pass, tolerant of anything: comments and strings are skipped, an unclosed block ends with the file, and a
 * `;` inside parentheses (`url(data:…;base64,…)`) does not end a declaration. (postcss-safe-parser did this
 * before; it re-reads the rest of a declaration for every `a: b` inside it without a semicolon, so one long
 * declaration of that shape did not finish in minutes.)
 */
function parseRules(content: string): StyleRule[] {
  const rules: StyleRule[] = [];
  if (braceDepth(content) > MAX_BRACE_DEPTH) return rules;
  const open: OpenBlock[] = [];
  // The text since the last `{`, `}` or `;` (comments left out), and where it started.
  let pieces: string[] = [];
  let pieceStart = 0;
  let segmentStart = 0;
  let parens = 0;
  const segment = (end: number): string => {
    pieces.push(content.slice(pieceStart, end));
    const text = pieces.join('');
    pieces = [];
    return text;
  };
  const declare = (text: string): void => {
    const rule = open[open.length - 1]?.rule;
    const colon = text.indexOf(':');
    if (!rule || colon < 0) return;
    const prop = text.slice(0, colon).trim().toLowerCase();
    if (prop)
      rule.declarations.set(
        prop,
        withoutImportant(text.slice(colon + 1))
          .trim()
          .toLowerCase(),
      );
  };
  let i = 0;
  while (i < content.length) {
    const ch = content[i];
    if (ch === '/' && content[i + 1] === '*') {
      pieces.push(content.slice(pieceStart, i));
      const close = content.indexOf('*/', i + 2);
      i = close < 0 ? content.length : close + 2;
      pieceStart = i;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = stringEnd(content, i);
      continue;
    }
    if (ch === '(') parens++;
    else if (ch === ')' && parens > 0) parens--;
    else if (ch === ';' && parens === 0) {
      declare(segment(i));
      segmentStart = pieceStart = i + 1;
    } else if (ch === '{') {
      const prelude = segment(i);
      const selector = prelude.trim();
      let rule: StyleRule | undefined;
      if (!selector.startsWith('@')) {
        const start =
          segmentStart + (content.slice(segmentStart, i).length - content.slice(segmentStart, i).trimStart().length);
        rule = {
          targetClasses: splitSelectors(selector).map(classesTargeted),
          declarations: new Map(),
          start,
          end: content.length,
        };
        rules.push(rule);
      }
      open.push({ rule });
      segmentStart = pieceStart = i + 1;
      parens = 0;
    } else if (ch === '}') {
      declare(segment(i));
      const closed = open.pop();
      if (closed?.rule) closed.rule.end = i + 1;
      segmentStart = pieceStart = i + 1;
      parens = 0;
    }
    i++;
  }
  declare(segment(content.length));
  return rules;
}

/** Just past a quoted string that starts at `start`: its closing quote, or the end of its line when unclosed. */
function stringEnd(content: string, start: number): number {
  const quote = content[start];
  for (let i = start + 1; i < content.length; i++) {
    const ch = content[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n') return i;
  }
  return content.length;
}

/** `fixed !important` -> `fixed ` (the value without its priority). */
function withoutImportant(value: string): string {
  const bang = value.lastIndexOf('!');
  return bang >= 0 &&
    value
      .slice(bang + 1)
      .trim()
      .toLowerCase() === 'important'
    ? value.slice(0, bang)
    : value;
}

/** `a, b:is(c, d)` -> ['a', 'b:is(c, d)']: commas inside parentheses, brackets or strings do not separate. */
function splitSelectors(selector: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '"' || ch === "'") i = stringEnd(selector, i) - 1;
    else if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      selectors.push(selector.slice(from, i).trim());
      from = i + 1;
    }
  }
  selectors.push(selector.slice(from).trim());
  return selectors.filter(Boolean);
}

/** `a: b; c: d` from a style attribute. Mustache values are kept as written. */
export function parseInlineStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    declarations.set(
      part.slice(0, colon).trim().toLowerCase(),
      part
        .slice(colon + 1)
        .trim()
        .toLowerCase(),
    );
  }
  return declarations;
}

/** The classes a selector's last compound requires; none for pseudo-element rules (they are not the element). */
function classesTargeted(selector: string): string[] {
  if (selector.includes('::') || /:(before|after)\b/.test(selector)) return [];
  const last =
    selector
      .trim()
      .split(/[\s>+~]+/)
      .pop() ?? '';
  return (last.match(/\.[\w-]+/g) ?? []).map((c) => c.slice(1));
}

/** Declarations that apply to an element with these classes, later sheets and inline style winning. */
export function computedStyle(
  sheets: readonly WxssDocument[],
  classes: readonly string[],
  inlineStyle: string | undefined,
): Map<string, string> {
  const result = new Map<string, string>();
  const classSet = new Set(classes);
  if (classSet.size) {
    for (const sheet of sheets) {
      for (const rule of sheet.rules) {
        if (!rule.targetClasses.some((required) => required.length > 0 && required.every((c) => classSet.has(c))))
          continue;
        for (const [prop, value] of rule.declarations) result.set(prop, value);
      }
    }
  }
  if (inlineStyle) for (const [prop, value] of parseInlineStyle(inlineStyle)) result.set(prop, value);
  return result;
}
