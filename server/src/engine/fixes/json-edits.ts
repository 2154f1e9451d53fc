import * as jsonc from 'jsonc-parser';
import type { FileEdit, FixScope } from '../types';
import type { JsoncDocument } from '../parse';

function formatting(content: string): jsonc.FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(content)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: content.includes('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * Sets (or with `value` undefined, removes) the value at a JSON path, keeping the file's comments and
 * formatting; `insertAt` inserts into an array at that index (-1 appends).
 */
export function setJsonValue(
  file: string,
  content: string,
  path: jsonc.JSONPath,
  value: unknown,
  insertAt?: number,
): FileEdit[] {
  const target = insertAt === undefined ? path : [...path, insertAt];
  const edits = jsonc.modify(content, target, value, {
    formattingOptions: formatting(content),
    isArrayInsertion: insertAt !== undefined,
  });
  return edits.map((edit) => ({ file, start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
}

/**
 * Removes one element of a JSON array with the comma that separates it, leaving the rest of the text as it
 * is (jsonc-parser's own removal re-prints a one-line array and can garble it).
 */
export function removeArrayElement(
  file: string,
  doc: JsoncDocument,
  arrayPath: jsonc.JSONPath,
  index: number,
): FileEdit[] {
  const array = doc.tree && jsonc.findNodeAtLocation(doc.tree, arrayPath);
  const items = array?.children ?? [];
  const item = items.at(index);
  if (!item || index < 0) return [];
  const start = index > 0 ? items[index - 1].offset + items[index - 1].length : item.offset;
  const end = index > 0 || items.length === 1 ? item.offset + item.length : items[index + 1].offset;
  return [{ file, start, end, newText: '' }];
}

/**
 * Whether a fix may edit `path` of a JSON document: it parses, and no object on the way holds the key twice.
 * With duplicate keys, jsonc-parser edits the first one while the platform (like JSON.parse) reads the last,
 * so the edit would change nothing that counts.
 */
export function jsonEditable(doc: JsoncDocument, path: jsonc.JSONPath): boolean {
  if (doc.errors.length) return false;
  let node = doc.tree;
  for (const segment of path) {
    if (!node || node.type !== 'object' || typeof segment !== 'string') return true;
    const matches = (node.children ?? []).filter((property) => property.children?.[0]?.value === segment);
    if (matches.length > 1) return false;
    node = matches[0]?.children?.[1];
  }
  return true;
}

/**
 * The JSON construct an edit at `path` owns: the deepest object or array on the way that exists (the array
 * itself for an insertion into it, the object holding the key otherwise; the whole document at worst).
 */
export function jsonScope(file: string, content: string, path: jsonc.JSONPath, insertAt?: number): FixScope {
  return jsonTreeScope(file, jsonc.parseTree(content), content.length, path, insertAt);
}

/** jsonScope over a tree already parsed (a JSON document's, or a settings module's tree of the same shape). */
export function jsonTreeScope(
  file: string,
  root: jsonc.Node | undefined,
  contentLength: number,
  path: jsonc.JSONPath,
  insertAt?: number,
): FixScope {
  const container = insertAt === undefined ? path.slice(0, -1) : path;
  for (let length = container.length; length > 0; length--) {
    const node = root && jsonc.findNodeAtLocation(root, container.slice(0, length));
    if (node && (node.type === 'object' || node.type === 'array'))
      return {
        file,
        start: node.offset,
        end: node.offset + node.length,
        construct: `"${container.slice(0, length).join('.')}" in ${file.split(/[\\/]/).pop()}`,
      };
  }
  return {
    file,
    start: root?.offset ?? 0,
    end: root ? root.offset + root.length : contentLength,
    construct: `the top level of ${file.split(/[\\/]/).pop()}`,
  };
}
