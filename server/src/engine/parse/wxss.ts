import type { Root, Rule } from 'postcss';
// postcss-safe-parser ships no types; it turns any input into a postcss Root without throwing.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const safeParse: (css: string) => Root = require('postcss-safe-parser');

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

/** Deeper brace nesting than this is not a real stylesheet; postcss-safe-parser slows down badly on it. */
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

function parseRules(content: string): StyleRule[] {
  const rules: StyleRule[] = [];
  if (braceDepth(content) > MAX_BRACE_DEPTH) return rules;
  let root: Root;
  try {
    root = safeParse(content);
  } catch {
    return rules;
  }
  root.walkRules((rule: Rule) => {
    const declarations = new Map<string, string>();
    rule.walkDecls((decl) => {
      declarations.set(decl.prop.toLowerCase(), decl.value.trim().toLowerCase());
    });
    rules.push({
      targetClasses: (rule.selectors ?? []).map(classesTargeted),
      declarations,
      start: rule.source?.start?.offset ?? 0,
      end: rule.source?.end?.offset ?? 0,
    });
  });
  return rules;
}

/** `a: b; c: d` from a style attribute. Mustache values are kept as written. */
export function parseInlineStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    declarations.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim().toLowerCase());
  }
  return declarations;
}

/** The classes a selector's last compound requires; none for pseudo-element rules (they are not the element). */
function classesTargeted(selector: string): string[] {
  if (selector.includes('::') || /:(before|after)\b/.test(selector)) return [];
  const last = selector.trim().split(/[\s>+~]+/).pop() ?? '';
  return (last.match(/\.[\w-]+/g) ?? []).map((c) => c.slice(1));
}

/** Declarations that apply to an element with these classes, later sheets and inline style winning. */
export function computedStyle(sheets: readonly WxssDocument[], classes: readonly string[], inlineStyle: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  const classSet = new Set(classes);
  if (classSet.size) {
    for (const sheet of sheets) {
      for (const rule of sheet.rules) {
        if (!rule.targetClasses.some((required) => required.length > 0 && required.every((c) => classSet.has(c)))) continue;
        for (const [prop, value] of rule.declarations) result.set(prop, value);
      }
    }
  }
  if (inlineStyle) for (const [prop, value] of parseInlineStyle(inlineStyle)) result.set(prop, value);
  return result;
}
