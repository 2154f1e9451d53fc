/** The fuzzer's and the pathological-input runs' mini program: files in memory under one fixed root. */
import * as path from 'path';
import type { FileSystemHost } from '../server/src/engine';
import type { Files } from './mutate';

export const FUZZ_ROOT = path.resolve('/fuzz/mini-program');

export function memoryHost(files: Files, root = FUZZ_ROOT): FileSystemHost {
  const absolute = new Map<string, string>();
  const children = new Map<string, Set<string>>();
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    absolute.set(file, content);
    for (let child = file, dir = path.dirname(file); child !== dir; child = dir, dir = path.dirname(dir)) {
      let names = children.get(dir);
      if (!names) children.set(dir, (names = new Set()));
      if (names.has(path.basename(child))) break;
      names.add(path.basename(child));
    }
  }
  return {
    readFile: (file) => absolute.get(path.resolve(file)),
    stat: (file) =>
      absolute.has(path.resolve(file)) ? 'file' : children.has(path.resolve(file)) ? 'directory' : undefined,
    readDirectory: (dir) => [...(children.get(path.resolve(dir)) ?? [])],
  };
}
