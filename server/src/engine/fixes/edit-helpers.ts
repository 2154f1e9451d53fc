import type { FileEdit, FileCreation, FixScope } from '../types';
import type {
  WxmlAttribute,
  WxmlDocument,
  WxmlElement,
  ObjectSpan,
  ScriptDefinition,
  ScriptFacts,
  WxssDocument,
} from '../parse';
import { parseWxml } from '../parse';
import { memoize } from '../model';
import { codeStyleOf, indentUnit, inFileStyle } from './code-style';

/** Leading whitespace of the line that holds `offset`. */
export function indentationAt(content: string, offset: number): string {
  const lineStart = content.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(content.slice(lineStart))![0];
}

function reindent(block: string, indent: string): string {
  return block
    .split('\n')
    .map((line) => (line.trim() ? indent + line : line))
    .join('\n');
}

/** Removes an attribute together with the whitespace before it. */
export function removeAttribute(doc: WxmlDocument, attr: WxmlAttribute): FileEdit {
  let start = attr.start;
  while (start > 0 && /\s/.test(doc.content[start - 1])) start--;
  return { file: doc.file, start, end: attr.end, newText: '' };
}

/** Attributes written `name="value"` by a builder, in the quote the template uses. */
function inTemplateQuotes(doc: WxmlDocument, attributes: string): string {
  return inFileStyle(attributes, codeStyleOf(doc.content, 'template'), 'template');
}

export function replaceAttribute(doc: WxmlDocument, attr: WxmlAttribute, newText: string): FileEdit {
  return { file: doc.file, start: attr.start, end: attr.end, newText: inTemplateQuotes(doc, newText) };
}

/** Adds attributes just before the `>` (or `/>`) of the start tag. */
export function addAttributes(doc: WxmlDocument, element: WxmlElement, attributes: string): FileEdit {
  let at = element.startTagEnd - 1;
  if (doc.content[at - 1] === '/') at--;
  while (at > element.start && /\s/.test(doc.content[at - 1])) at--;
  return { file: doc.file, start: at, end: at, newText: ` ${inTemplateQuotes(doc, attributes)}` };
}

/** Removes `value` from an `open-type="a|b"` list, or the whole attribute when nothing else is left. */
export function removeOpenType(doc: WxmlDocument, attr: WxmlAttribute, value: string): FileEdit {
  const rest = attr.value
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t && t !== value);
  if (!rest.length) return removeAttribute(doc, attr);
  return { file: doc.file, start: attr.valueStart, end: attr.valueEnd, newText: rest.join('|') };
}

/** Inserts markup on its own line before an element, at the element's indentation. */
export function insertBefore(doc: WxmlDocument, element: WxmlElement, markup: string): FileEdit {
  const indent = indentationAt(doc.content, element.start);
  const lineStart = doc.content.lastIndexOf('\n', element.start - 1) + 1;
  const onOwnLine = doc.content.slice(lineStart, element.start).trim() === '';
  const style = codeStyleOf(doc.content, 'template');
  const block = inFileStyle(markup, { ...style, eol: '\n' }, 'template')
    .split('\n')
    .map((line, i) => (i === 0 || !line.trim() ? line : indent + line))
    .join(style.eol);
  return {
    file: doc.file,
    start: element.start,
    end: element.start,
    newText: onOwnLine ? `${block}${style.eol}${indent}` : `${block} `,
  };
}

/**
 * Appends a block at the end of a file, separated by a blank line, in the file's indentation, line ending and
 * (for a template) attribute quote.
 */
export function appendToFile(
  file: string,
  content: string,
  block: string,
  kind: 'template' | 'other' = file.endsWith('.wxml') ? 'template' : 'other',
): FileEdit {
  const trimmedEnd = endOfText(content);
  const style = codeStyleOf(content, kind);
  const eol = style.eol;
  return {
    file,
    start: trimmedEnd,
    end: content.length,
    newText: `${trimmedEnd ? eol + eol : ''}${inFileStyle(block.trim(), style, kind)}${eol}`,
  };
}

/** Appends styles to the unit's .wxss, or creates the file when the page has none. */
export function appendStyles(
  base: string,
  wxss: WxssDocument | undefined,
  css: string,
): { edits: FileEdit[]; creations: FileCreation[]; scope: FixScope[] } {
  if (wxss)
    return {
      edits: [appendToFile(wxss.file, wxss.content, css)],
      creations: [],
      scope: [endOfFileScope(wxss.file, wxss.content)],
    };
  return { edits: [], creations: [{ file: `${base}.wxss`, content: `${css.trim()}\n` }], scope: [] };
}

/** The end of a file (after its last text), where blocks are appended. */
export function endOfFileScope(file: string, content: string): FixScope {
  return { file, start: endOfText(content), end: content.length, construct: 'the end of the file' };
}

/** An element's start tag, where attributes are added, changed or removed. */
export function startTagScope(doc: WxmlDocument, element: WxmlElement): FixScope {
  return {
    file: doc.file,
    start: element.start,
    end: element.startTagEnd,
    construct: `the start tag of <${element.name}>`,
  };
}

/** A whole element, from its start tag to its end tag. */
export function elementScope(doc: WxmlDocument, element: WxmlElement): FixScope {
  return { file: doc.file, start: element.start, end: element.end, construct: `the <${element.name}> element` };
}

/** A Page, Component or App definition object, where methods and data fields are added. */
export function definitionScope(script: ScriptFacts, definition: ScriptDefinition): FixScope {
  return {
    file: script.file,
    start: definition.object.start,
    end: definition.object.end,
    construct: `the ${definition.kind}({...}) definition`,
  };
}

/** Inserts properties at the end of an object literal, keeping its indentation and comma style. */
export function insertProperties(script: ScriptFacts, object: ObjectSpan, properties: string[]): FileEdit {
  const { content } = script;
  const last = object.properties.at(-1);
  const closing = object.end - 1; // the `}`
  const style = codeStyleOf(content);
  const unit = indentUnit(content);
  const firstOnOwnLine =
    object.properties.length > 0 && content.slice(object.start, object.properties[0].start).includes('\n');
  const indent = firstOnOwnLine
    ? indentationAt(content, object.properties[0].start)
    : indentationAt(content, object.start) + unit;
  // Generated in two-space steps with semicolons: written in the file's steps, semicolons and line ending.
  const eol = style.eol;
  const body = properties
    .map((p) => reindent(inFileStyle(p, { ...style, eol: '\n' }, 'script'), indent))
    .join(',\n')
    .split('\n')
    .join(eol);
  if (!last) {
    const outer = indentationAt(content, object.start);
    return { file: script.file, start: object.start + 1, end: closing, newText: `${eol}${body}${eol}${outer}` };
  }
  const between = content.slice(last.end, closing);
  const hasTrailingComma = between.trimStart().startsWith(',');
  const at = hasTrailingComma ? last.end + between.indexOf(',') + 1 : last.end;
  return {
    file: script.file,
    start: at,
    end: at,
    newText: `${hasTrailingComma ? '' : ','}${eol}${body}${hasTrailingComma ? ',' : ''}`,
  };
}

/**
 * Adds methods (and optionally one data field) to a Page or Component definition as one edit per object:
 * Component methods go into `methods`, Page methods into the definition object itself.
 */
export function addToDefinition(
  script: ScriptFacts,
  definition: ScriptDefinition,
  methods: string[],
  dataField?: string,
): FileEdit[] {
  const edits: FileEdit[] = [];
  const methodsObject = definition.kind === 'Component' ? definition.methods : definition.object;
  const topLevel: string[] = [];
  if (dataField) {
    if (definition.data) edits.push(insertProperties(script, definition.data, [dataField]));
    else topLevel.push(`data: {\n  ${dataField}\n}`);
  }
  if (methodsObject) {
    if (methodsObject === definition.object) topLevel.push(...methods);
    else edits.push(insertProperties(script, methodsObject, methods));
  } else {
    topLevel.push(`methods: {\n${methods.map((m) => reindent(m, '  ')).join(',\n')}\n}`);
  }
  if (topLevel.length) edits.push(insertProperties(script, definition.object, topLevel));
  return edits;
}

/** The event parameter as the file's language wants it written. */
export function eventParameter(script: ScriptFacts): string {
  return script.isTypeScript ? 'e: any' : 'e';
}

/** False while the file ends inside a tag being typed (`<view class="x`): markup appended then would join it. */
/**
 * Appends an element to a template only where it will really be one: the file, with the element appended,
 * is parsed and the element must come out as a top-level element of that name. (A file that ends inside an
 * unfinished tag or attribute would swallow it, and a registered tag name with spaces or odd characters
 * would not parse as that name.) The answer is remembered per parsed document and tag.
 */
export function appendElement(document: WxmlDocument, tag: string): FileEdit | undefined {
  // A Vue SFC or JSX module ends with script or style, not with markup.
  if (document.dialect) return undefined;
  const known = memoize(document, APPEND_SLOT, undefined, () => new Map<string, FileEdit | null>());
  let edit = known.get(tag);
  if (edit === undefined) {
    const candidate = appendToFile(document.file, document.content, `<${tag}></${tag}>`);
    const after =
      document.content.slice(0, candidate.start) + candidate.newText + document.content.slice(candidate.end);
    const appended = parseWxml(document.file, after).roots.find(
      (node) => node.kind === 'element' && node.start >= candidate.start,
    );
    edit =
      appended && appended.kind === 'element' && appended.name === tag && !appended.attributes.length
        ? candidate
        : null;
    known.set(tag, edit);
  }
  return edit ?? undefined;
}

const APPEND_SLOT = {};

/**
 * True when an element's start tag reads the same to every parser: no `<` inside it and its quotes paired.
 * In a garbled tag (`<button open-type="a"b<view>"…`) attribute offsets are guesses, and editing them could
 * break the file; fixes leave such elements alone.
 */
export function hasCleanStartTag(document: WxmlDocument, element: WxmlElement): boolean {
  const tag = document.content.slice(element.start + 1, element.startTagEnd);
  return (
    !tag.includes('<') &&
    (tag.match(/"/g)?.length ?? 0) % 2 === 0 &&
    (tag.replace(/"[^"]*"/g, '').match(/'/g)?.length ?? 0) % 2 === 0
  );
}

export function endsWithCompleteMarkup(content: string): boolean {
  const end = endOfText(content);
  if (end === 0 || content[end - 1] === '>') return true;
  return content.lastIndexOf('<', end - 1) < content.lastIndexOf('>', end - 1);
}

/**
 * Where the text ends without its trailing whitespace, found from the end backwards. Not `replace(/\s+$/)`: V8
 * tries that from every space of every run, so a run of spaces followed by more text is quadratic (100 s for
 * the purpose-modal fix on a stylesheet with 400,000 spaces before its last comment), and a fix builder asks
 * this once per finding (a 5 MB template with 12,000 findings took minutes: fuzz seed 7, iteration 137).
 */
function endOfText(content: string): number {
  let end = content.length;
  while (end > 0 && TRAILING_SPACE.test(content[end - 1])) end--;
  return end;
}

const TRAILING_SPACE = /\s/;
