import { Parser } from 'htmlparser2';
import type { ParseProblem } from '../types';
import { stripOtherPlatforms } from './conditional';
import { text } from '../types';

export interface WxmlAttribute {
  name: string;
  value: string;
  /** Offsets of the whole attribute (`name="value"`). */
  start: number;
  end: number;
  /** Offsets of the value inside the quotes; equal to `end` when the attribute has no value. */
  valueStart: number;
  valueEnd: number;
}

export interface WxmlElement {
  kind: 'element';
  name: string;
  attributes: WxmlAttribute[];
  start: number;
  /** Offset just past the `>` of the start tag. */
  startTagEnd: number;
  /** Offset just past the end tag (or the last child when the element is not closed). */
  end: number;
  selfClosing: boolean;
  children: WxmlNode[];
  parent: WxmlElement | undefined;
  /** Facts read off this element, kept on first use (see derivedFacts). */
  derived: DerivedElementFacts | undefined;
}

/**
 * What rules ask about an element again and again, kept on the element itself: it lives and dies with its
 * parse. (Kept in WeakMaps, every edit's new elements left the maps' tables larger: about 8 MB after 100
 * edits of a 2,000-line page, since V8 never shrinks a WeakMap's table.)
 */
export interface DerivedElementFacts {
  text?: string;
  bindings?: EventBinding[];
  gestures?: EventBinding[];
}

export function derivedFacts(element: WxmlElement): DerivedElementFacts {
  return (element.derived ??= {});
}

export interface WxmlText {
  kind: 'text';
  text: string;
  start: number;
  end: number;
  parent: WxmlElement | undefined;
}

export type WxmlNode = WxmlElement | WxmlText;

export interface WxmlDocument {
  file: string;
  content: string;
  roots: WxmlNode[];
  problems: ParseProblem[];
  /**
   * How the template is written when it is not WXML: a Vue SFC template (parse/vue.ts) or Taro JSX
   * (parse/jsx.ts). Their elements carry WXML attribute names (`open-type`, `bindtap`, `wx:if`) with offsets
   * into the source, so rules read them alike; fixes that write markup must write it in this dialect.
   */
  dialect?: 'vue' | 'jsx';
}

/** Tags a WXML author may write without a closing tag; any other unclosed tag is a problem worth telling. */
const VOID_TAGS = new Set([
  'input',
  'image',
  'img',
  'import',
  'include',
  'br',
  'hr',
  'icon',
  'progress',
  'slider',
  'switch',
  'radio',
  'checkbox',
]);

const MAX_DEPTH = 256;
const WHITESPACE_ONLY = /^\s*$/;

/** Tag and attribute names repeat across a project: one string each instead of one per element. */
const names = new Map<string, string>();
export function interned(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < 10_000) names.set(name, name); // bounded: generated or garbled input has endless names
  return name;
}

const ATTRIBUTE_PATTERN = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Re-scans a start tag for attribute offsets (htmlparser2 reports values but not where they are). */
function scanAttributes(content: string, tagStart: number, tagEnd: number, tagName: string): WxmlAttribute[] {
  const attributes: WxmlAttribute[] = [];
  const bodyStart = tagStart + 1 + tagName.length;
  let bodyEnd = tagEnd - 1; // position of '>'
  if (content[bodyEnd - 1] === '/') bodyEnd -= 1;
  const body = content.slice(bodyStart, Math.max(bodyStart, bodyEnd));
  ATTRIBUTE_PATTERN.lastIndex = 0;
  for (let match = ATTRIBUTE_PATTERN.exec(body); match; match = ATTRIBUTE_PATTERN.exec(body)) {
    const start = bodyStart + match.index;
    const end = start + match[0].length;
    // Groups that did not take part are undefined, which RegExpExecArray's type does not say.
    const [, , double, single, bare] = match as unknown as (string | undefined)[];
    const quoted = double ?? single;
    const value = quoted ?? bare ?? '';
    let valueStart = end;
    let valueEnd = end;
    if (quoted !== undefined) {
      valueEnd = end - 1;
      valueStart = valueEnd - value.length;
    } else if (bare !== undefined) {
      valueStart = end - value.length;
    }
    attributes.push({ name: interned(match[1]), value, start, end, valueStart, valueEnd });
  }
  // Exact length: a pushed-to array keeps room for 17 items, and a project has tens of thousands of these.
  return attributes.length ? attributes.slice() : attributes;
}

/**
 * Parses WXML tolerantly: unclosed or stray tags still give a tree (with a problem noted), never an exception.
 * htmlparser2 runs in HTML mode with self-closing tags recognised, which is what WXML looks like.
 */
export function parseWxml(file: string, content: string): WxmlDocument {
  const roots: WxmlNode[] = [];
  const problems: ParseProblem[] = [];
  const stack: WxmlElement[] = [];
  // Elements nested deeper than MAX_DEPTH become siblings at that depth: every walk over the tree stays
  // bounded (real templates stay far below it; generated or broken input may not).
  let flattened = 0;
  const current = (): WxmlElement | undefined => stack[stack.length - 1];
  const append = (node: WxmlNode): void => {
    const parent = current();
    if (parent) parent.children.push(node);
    else roots.push(node);
  };

  // Elements still open when the input ends are closed by parser.end(): those are the unclosed tags.
  let endingInput = false;
  const parser = new Parser(
    {
      onopentag(parsedName) {
        const start = parser.startIndex;
        // htmlparser2 renames <image> to <img> in HTML mode; WXML means what the source says.
        const name = interned(
          /^[^\s/>]+/.exec(content.slice(start + 1, start + 1 + parsedName.length + 8))?.[0] ?? parsedName,
        );
        const startTagEnd = parser.endIndex + 1;
        const element: WxmlElement = {
          kind: 'element',
          name,
          attributes: scanAttributes(content, start, startTagEnd, name),
          start,
          startTagEnd,
          end: startTagEnd,
          selfClosing: content[startTagEnd - 2] === '/',
          children: [],
          parent: current(),
          derived: undefined,
        };
        append(element);
        if (stack.length >= MAX_DEPTH) {
          if (flattened++ === 0) {
            problems.push({
              file,
              start,
              end: startTagEnd,
              message: text(
                `Elements are nested more than ${MAX_DEPTH} levels deep here; mp-privacy analysed the deeper ones as siblings.`,
                `此处元素嵌套超过 ${MAX_DEPTH} 层；更深的元素被当作同级元素分析。`,
              ),
            });
          }
          return;
        }
        stack.push(element);
      },
      onclosetag(name, isImplied) {
        if (flattened > 0 && stack.length >= MAX_DEPTH) {
          flattened--;
          return;
        }
        const element = stack.pop();
        if (!element) return;
        // Closed: nothing is appended to it any more, so its child list can give back the room push() kept.
        if (element.children.length) element.children = element.children.slice();
        if (!isImplied) {
          element.end = parser.endIndex + 1;
          return;
        }
        // Unclosed: it ends with its last child, or with the whitespace after it (which ontext does not keep).
        const lastChild = element.children.at(-1);
        element.end = Math.max(element.end, lastChild ? lastChild.end : 0);
        if (endingInput && !element.selfClosing && !VOID_TAGS.has(name)) {
          // Closed outermost last: keep only the outermost unclosed element, one finding per file is enough.
          const previous = problems.findIndex((p) => p.message.en.includes('is never closed'));
          if (previous >= 0) problems.splice(previous, 1);
          problems.push({
            file,
            start: element.start,
            end: element.startTagEnd,
            message: text(
              `<${name}> is never closed; mp-privacy analysed the rest of the file as its content.`,
              `<${name}> 没有闭合；mp-privacy 将文件其余部分视为它的内容进行分析。`,
            ),
          });
        }
      },
      ontext(data) {
        const end = parser.endIndex + 1;
        // Whitespace between tags is most text nodes of a template and changes no text the rules read
        // (textContent folds whitespace): not kept, except as the end of an element that is never closed.
        if (WHITESPACE_ONLY.test(data)) {
          const parent = current();
          if (parent) parent.end = Math.max(parent.end, end);
          return;
        }
        append({ kind: 'text', text: data, start: parser.startIndex, end, parent: current() });
      },
    },
    { recognizeSelfClosing: true, lowerCaseTags: false, lowerCaseAttributeNames: false, decodeEntities: true },
  );
  parser.write(stripOtherPlatforms(content));
  endingInput = true;
  parser.end();
  return { file, content, roots, problems };
}

export function attribute(element: WxmlElement, name: string): WxmlAttribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

/** Depth-first walk over elements, in document order (iterative: no recursion per nesting level). */
export function* elements(nodes: readonly WxmlNode[]): Generator<WxmlElement> {
  const stack: WxmlNode[] = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind !== 'element') continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

const elementLists = new WeakMap<WxmlDocument, WxmlElement[]>();

/** Every element of a document in document order, listed once per parse (rules and analyses walk it often). */
export function documentElements(document: WxmlDocument): readonly WxmlElement[] {
  let list = elementLists.get(document);
  if (!list) elementLists.set(document, (list = [...elements(document.roots)]));
  return list;
}

interface ElementIndex {
  byName: Map<string, WxmlElement[]>;
  byAttribute: Map<string, WxmlElement[]>;
  /** Filled on demand by elementsWithOpenType. */
  byOpenType: Map<string, readonly WxmlElement[]>;
}
const indexes = new WeakMap<WxmlDocument, ElementIndex>();
const NONE: readonly WxmlElement[] = [];

function indexOf(document: WxmlDocument): ElementIndex {
  let index = indexes.get(document);
  if (index) return index;
  index = { byName: new Map(), byAttribute: new Map(), byOpenType: new Map() };
  const add = (map: Map<string, WxmlElement[]>, key: string, element: WxmlElement) => {
    const list = map.get(key);
    if (!list) map.set(key, [element]);
    else if (list[list.length - 1] !== element) list.push(element);
  };
  for (const element of documentElements(document)) {
    add(index.byName, element.name, element);
    for (const attr of element.attributes) add(index.byAttribute, attr.name, element);
  }
  indexes.set(document, index);
  return index;
}

/** The elements with this tag name, in document order (looked up in an index built once per parse). */
export function elementsNamed(document: WxmlDocument, name: string): readonly WxmlElement[] {
  return indexOf(document).byName.get(name) ?? NONE;
}

/** The elements that carry this attribute, in document order (looked up in an index built once per parse). */
export function elementsWithAttribute(document: WxmlDocument, name: string): readonly WxmlElement[] {
  return indexOf(document).byAttribute.get(name) ?? NONE;
}

/** The elements whose `open-type` lists this value (`a|b` lists both), in document order, once per parse and value. */
export function elementsWithOpenType(document: WxmlDocument, openType: string): readonly WxmlElement[] {
  const index = indexOf(document);
  let list = index.byOpenType.get(openType);
  if (!list) {
    list = (index.byAttribute.get('open-type') ?? NONE).filter((element) =>
      attribute(element, 'open-type')!.value.split('|').includes(openType),
    );
    index.byOpenType.set(openType, list);
  }
  return list;
}

/**
 * Visible text of a subtree, whitespace folded (mustache expressions kept as written). Remembered per element:
 * rules ask for the text around many elements, and a container's text would otherwise be rebuilt each time.
 */
export function textContent(node: WxmlNode): string {
  if (node.kind === 'text') return node.text;
  if (node.name === 'wxs') return '';
  const facts = derivedFacts(node);
  return (facts.text ??= node.children.map(textContent).join(' ').replace(/\s+/g, ' ').trim());
}

/**
 * `value` with each `{{…}}` replaced by `by`: the shortest one from each `{{`, as `/\{\{[\s\S]*?\}\}/g` finds
 * them, but in linear time (that regular expression rescans the rest of the text from every `{{` that has no
 * `}}` after it: 20 to 30 s on a run of 200,000 `{{` in a class attribute or in page text).
 */
export function replaceMustaches(value: string, by: string): string {
  let result = '';
  let from = 0;
  for (let open = value.indexOf('{{'); open >= 0; open = value.indexOf('{{', from)) {
    const close = value.indexOf('}}', open + 2);
    if (close < 0) break; // no later `{{` has a `}}` after it either
    result += value.slice(from, open) + by;
    from = close + 2;
  }
  return from === 0 ? value : result + value.slice(from);
}

export function ancestors(element: WxmlElement): WxmlElement[] {
  const list: WxmlElement[] = [];
  for (let p = element.parent; p; p = p.parent) list.push(p);
  return list;
}

/** Event bindings: bindtap, catchtap, bind:tap, catch:tap, capture-bind:tap, mut-bind:tap, ... */
const BINDING_PATTERN = /^(?:bind|catch|capture-bind|capture-catch|mut-bind)(?::)?([A-Za-z][\w-]*)$/;

export interface EventBinding {
  event: string;
  handler: string;
  attribute: WxmlAttribute;
}

export function eventBindings(element: WxmlElement): EventBinding[] {
  return (derivedFacts(element).bindings ??= readEventBindings(element));
}

/** Most elements bind nothing: they share one frozen empty list. */
export const NO_BINDINGS: EventBinding[] = Object.freeze([]) as unknown as EventBinding[];

function readEventBindings(element: WxmlElement): EventBinding[] {
  let bindings: EventBinding[] | undefined;
  for (const attr of element.attributes) {
    const match = BINDING_PATTERN.exec(attr.name);
    if (!match) continue;
    const handler = attr.value.trim();
    // `bindtap="{{dynamic}}"` names its handler at run time: nothing static to follow.
    if (!handler || handler.includes('{{')) continue;
    (bindings ??= []).push({ event: match[1].toLowerCase(), handler, attribute: attr });
  }
  return bindings ?? NO_BINDINGS;
}
