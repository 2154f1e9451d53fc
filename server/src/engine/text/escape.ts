/**
 * Text that comes from the project (file and folder names, attribute values, keys, purposes, button labels)
 * must not steer what shows it: a terminal obeys escape sequences (ESC, OSC titles, BEL, a CR that rewinds the
 * line, a LF that starts a fake finding line), bidi overrides reorder what a reader sees, and Markdown turns
 * `|`, `<img onerror>`, `[x](javascript:…)` and `![](http://…)` into table cells, HTML, links and images.
 */

/**
 * C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the bidi
 * marks (U+061C, U+200E, U+200F) and the Unicode line and paragraph separators.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each control character as a visible `\u001b` escape (every other character is kept). */
export function escapeControlCharacters(value: string): string {
  return value.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs of whitespace that hold a line break become one space (each run is met once: linear on any text). */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, (run) => (/[\n\r\u2028\u2029]/.test(run) ? ' ' : run));
}

/** Project text for one line of a terminal: line breaks folded, every other control character escaped. */
export function terminalText(value: string): string {
  return escapeControlCharacters(oneLine(value));
}

/**
 * Project text as literal Markdown, on one line with its controls escaped. The characters that start markup
 * anywhere in a line are backslash-escaped: no `|` ends a table cell, no `<` opens HTML or an autolink, no `[`
 * makes a link or (after `!`) an image, no `&` an entity, no `` ` `` code, `*`, `_` or `~` emphasis; GFM's bare
 * autolinks are broken up (`http\://`, `www\.`, `\@`). Paths and names stay readable in the Markdown source.
 */
export function markdownText(value: string): string {
  return terminalText(value)
    .replace(/[\\`*_[\]<>&|~@]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Project text as Markdown inline code: nothing inside renders. The fence is longer than any run of backticks
 * in the text; in a GFM table cell a `|` would still end the cell, so it is escaped there.
 */
export function markdownCode(value: string, inTableCell = false): string {
  let code = terminalText(value);
  if (inTableCell) code = code.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || code.trim() === '' ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/** At most `max` characters of project text quoted in a message (a purpose or a key may be megabytes long). */
export function excerpt(value: string, max = 80): string {
  const chars = [...value.slice(0, max * 2)];
  return chars.length > max || value.length > max * 2 ? `${chars.slice(0, max).join('')}…` : value;
}
