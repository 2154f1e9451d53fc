import * as jsonc from 'jsonc-parser';
import type { FileEdit } from '../types';

function formatting(content: string): jsonc.FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(content)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: content.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * Sets (or with `value` undefined, removes) the value at a JSON path, keeping the file's comments and
 * formatting; `insertAt` inserts into an array at that index (-1 appends).
 */
export function setJsonValue(file: string, content: string, path: jsonc.JSONPath, value: unknown, insertAt?: number): FileEdit[] {
  const target = insertAt === undefined ? path : [...path, insertAt];
  const edits = jsonc.modify(content, target, value, { formattingOptions: formatting(content), isArrayInsertion: insertAt !== undefined });
  return edits.map((edit) => ({ file, start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
}
