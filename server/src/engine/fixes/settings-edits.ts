// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import type { FileEdit, FixScope } from '../types';
import type { AppSettings } from '../model';
import { findJsonNode } from '../parse';
import type { ConfigNode, StaticConfigDocument } from '../parse';
import { jsonEditable, jsonTreeScope, removeArrayElement, setJsonValue } from './json-edits';
import { indentationAt } from './edit-helpers';
import { indentUnit, quoteOf } from './code-style';

/**
 * Reads and edits the mini program's settings wherever they are written (model/project.ts AppSettings):
 * app.json, manifest.json "mp-weixin" (JSON with comments, edited with jsonc-parser), or Taro's app.config
 * (a module, edited as source in the file's own quotes and indentation). Paths are relative to the settings
 * object, e.g. ['requiredPrivateInfos'] or ['permission', 'scope.userLocation', 'desc'].
 */

type Path = (string | number)[];

/** The settings document when it is a module (Taro's app.config), read by parse/static-config.ts. */
function moduleDoc(settings: AppSettings): StaticConfigDocument | undefined {
  const doc = settings.doc as StaticConfigDocument | undefined;
  return doc?.language === 'ts' ? doc : undefined;
}

/** Whether a fix may write `path`: the file parses and, in a module, each object on the way is written literally in it. */
export function settingEditable(settings: AppSettings, path: Path): boolean {
  if (!settings.doc) return false;
  const doc = moduleDoc(settings);
  if (!doc) return jsonEditable(settings.doc, [...settings.path, ...path]);
  const tree = doc.tree;
  if (doc.errors.length || !tree?.syntax || !ts.isObjectLiteralExpression(tree.syntax)) return false;
  let node: ConfigNode = tree;
  for (const segment of path) {
    if (!node.syntax) return false;
    const next: ConfigNode | undefined =
      node.type === 'object'
        ? node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1]
        : node.type === 'array' && typeof segment === 'number'
          ? node.children?.[segment]
          : undefined;
    if (!next) return node.type === 'object';
    node = next;
  }
  return !!node.syntax;
}

/** Sets the value at `path` (undefined removes it); `insertAt` -1 appends to the array at `path`. */
export function setSetting(settings: AppSettings, path: Path, value: unknown, insertAt?: number): FileEdit[] {
  if (!settings.doc) return [];
  const doc = moduleDoc(settings);
  if (!doc) return setJsonValue(settings.file, settings.doc.text, [...settings.path, ...path], value, insertAt);
  return setModuleValue(settings.file, doc, path, value, insertAt);
}

/**
 * The construct an edit of the settings at `path` stays in (FixEdits.scope): the deepest object or array of the
 * path written in the file, in app.json, manifest.json and app.config alike (the array itself for `insertAt`).
 */
export function settingScope(settings: AppSettings, path: Path, insertAt?: number): FixScope {
  const doc = settings.doc;
  return jsonTreeScope(settings.file, doc?.tree, doc?.text.length ?? 0, [...settings.path, ...path], insertAt);
}

export function removeSettingArrayElement(settings: AppSettings, path: Path, index: number): FileEdit[] {
  if (!settings.doc) return [];
  const doc = moduleDoc(settings);
  if (!doc) return removeArrayElement(settings.file, settings.doc, [...settings.path, ...path], index);
  const array = nodeAt(doc, path);
  const items = array?.children ?? [];
  const item = items.at(index);
  if (!array?.syntax || !item || index < 0) return [];
  const start = index > 0 ? items[index - 1].offset + items[index - 1].length : item.offset;
  const end = index > 0 || items.length === 1 ? item.offset + item.length : items[index + 1].offset;
  return [{ file: settings.file, start, end, newText: '' }];
}

// ---------------------------------------------------------------------------------------------------------
// Module settings (Taro app.config)

function nodeAt(doc: StaticConfigDocument, path: Path): ConfigNode | undefined {
  return doc.tree ? findJsonNode(doc, path) : undefined;
}

/** A value as source text in the module's style: its quotes, unquoted keys where they are identifiers. */
function render(value: unknown, quote: string, indent: string, unit: string): string {
  if (typeof value === 'string') return quote + value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`) + quote;
  if (Array.isArray(value)) return `[${value.map((v) => render(v, quote, indent, unit)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const inner = indent + unit;
    const entries = Object.entries(value).map(
      ([key, v]) =>
        `${inner}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : render(key, quote, '', unit)}: ${render(v, quote, inner, unit)}`,
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function setModuleValue(
  file: string,
  doc: StaticConfigDocument,
  path: Path,
  value: unknown,
  insertAt?: number,
): FileEdit[] {
  const content = doc.text;
  const quote = quoteOf(content);
  const unit = indentUnit(content);
  // The deepest node of the path written in the module, and what is left to create under it.
  let node = doc.tree;
  let depth = 0;
  while (node && depth < path.length) {
    const segment = path[depth];
    const next: ConfigNode | undefined =
      node.type === 'object'
        ? node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1]
        : node.type === 'array' && typeof segment === 'number'
          ? node.children?.[segment]
          : undefined;
    if (!next) break;
    node = next;
    depth++;
  }
  if (!node?.syntax) return [];
  const rest = path.slice(depth);
  if (!rest.length) {
    if (insertAt !== undefined && ts.isArrayLiteralExpression(node.syntax))
      return [appendToArray(file, content, doc.source, node.syntax, render(value, quote, '', unit))];
    if (value === undefined) return removeProperty(file, content, node);
    return [
      {
        file,
        start: node.offset,
        end: node.offset + node.length,
        newText: render(value, quote, indentationAt(content, node.offset), unit),
      },
    ];
  }
  if (!ts.isObjectLiteralExpression(node.syntax) || value === undefined) return [];
  let created: unknown = insertAt !== undefined ? [value] : value;
  for (let i = rest.length - 1; i > 0; i--) created = { [rest[i]]: created };
  const key = String(rest[0]);
  return [
    insertProperty(
      file,
      content,
      doc.source,
      node.syntax,
      `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : render(key, quote, '', unit)}: `,
      created,
      quote,
      unit,
    ),
  ];
}

function insertProperty(
  file: string,
  content: string,
  source: ts.SourceFile,
  object: ts.ObjectLiteralExpression,
  keyText: string,
  value: unknown,
  quote: string,
  unit: string,
): FileEdit {
  const properties = object.properties;
  const last = properties.at(-1);
  const objectStart = object.getStart(source);
  const indent = last ? indentationAt(content, last.getStart(source)) : indentationAt(content, objectStart) + unit;
  const text = `${keyText}${render(value, quote, indent, unit)}`;
  if (!last)
    return {
      file,
      start: objectStart + 1,
      end: object.end - 1,
      newText: `\n${indent}${text}\n${indentationAt(content, objectStart)}`,
    };
  const between = content.slice(last.end, object.end - 1);
  const trailingComma = between.trimStart().startsWith(',');
  const at = trailingComma ? last.end + between.indexOf(',') + 1 : last.end;
  return {
    file,
    start: at,
    end: at,
    newText: `${trailingComma ? '' : ','}\n${indent}${text}${trailingComma ? ',' : ''}`,
  };
}

function appendToArray(
  file: string,
  content: string,
  source: ts.SourceFile,
  array: ts.ArrayLiteralExpression,
  itemText: string,
): FileEdit {
  const elements = array.elements;
  const last = elements.at(-1);
  if (!last) return { file, start: array.getStart(source) + 1, end: array.end - 1, newText: itemText };
  const multiline = content.slice(array.getStart(source), last.getStart(source)).includes('\n');
  const between = content.slice(last.end, array.end - 1);
  const trailingComma = between.trimStart().startsWith(',');
  const at = trailingComma ? last.end + between.indexOf(',') + 1 : last.end;
  const separator = multiline ? `\n${indentationAt(content, last.getStart(source))}` : ' ';
  return {
    file,
    start: at,
    end: at,
    newText: `${trailingComma ? '' : ','}${separator}${itemText}${trailingComma ? ',' : ''}`,
  };
}

/** Removes the property holding `valueNode`, with its comma. */
function removeProperty(file: string, content: string, valueNode: ConfigNode): FileEdit[] {
  const property = valueNode.parent;
  const object = property?.parent;
  if (!property?.syntax || !object?.children) return [];
  const siblings = object.children;
  const index = siblings.indexOf(property);
  const start = index > 0 ? siblings[index - 1].offset + siblings[index - 1].length : property.offset;
  let end = property.offset + property.length;
  if (index === 0 && siblings.length > 1) end = siblings[1].offset;
  else if (index === 0) {
    const after = /^\s*,/.exec(content.slice(end));
    if (after) end += after[0].length;
  }
  return [{ file, start, end, newText: '' }];
}
