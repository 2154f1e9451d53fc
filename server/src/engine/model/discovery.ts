import * as path from 'path';
import type { FileSystemHost } from '../host';
import { parseJsonc } from '../parse/jsonc';

/** Folders never searched for mini programs: dependencies, build output of other tools, VCS data. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'miniprogram_npm', '.git', '.svn', '.hg']);
const MAX_SEARCH_DEPTH = 8;

/** True when `dir/app.json` exists and declares a `pages` array (what makes a folder a mini program root). */
export function isMiniProgramRoot(host: FileSystemHost, dir: string): boolean {
  const content = host.readFile(path.join(dir, 'app.json'));
  if (content === undefined) return false;
  const parsed = parseJsonc(content);
  // An app.json that does not parse still marks a root: the user is editing it and wants to hear why.
  if (parsed.value === undefined) return /"pages"\s*:/.test(content);
  return Array.isArray((parsed.value as { pages?: unknown })?.pages);
}

/** `project.config.json` may move the mini program into a subfolder (`miniprogramRoot`). */
function configuredRoot(host: FileSystemHost, dir: string): string | undefined {
  const content = host.readFile(path.join(dir, 'project.config.json'));
  if (content === undefined) return undefined;
  const value = parseJsonc(content).value as { miniprogramRoot?: unknown } | undefined;
  if (value && typeof value.miniprogramRoot === 'string' && value.miniprogramRoot.trim()) {
    return path.resolve(dir, value.miniprogramRoot);
  }
  return undefined;
}

/** Every mini program under `dir` (a repository may hold several), as absolute folder paths, sorted. */
export function findMiniProgramRoots(host: FileSystemHost, dir: string): string[] {
  const roots = new Set<string>();
  const visit = (current: string, depth: number): void => {
    // The listing says whether there is an app.json or project.config.json to read: most folders have
    // neither, and a read that fails costs more than the listing.
    const names = host.readDirectory(current);
    if (names.includes('project.config.json')) {
      const configured = configuredRoot(host, current);
      if (configured && isMiniProgramRoot(host, configured)) roots.add(configured);
    }
    if (names.includes('app.json') && isMiniProgramRoot(host, current)) roots.add(current);
    if (depth >= MAX_SEARCH_DEPTH) return;
    for (const name of names) {
      if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
      const child = path.join(current, name);
      if (host.stat(child) === 'directory') visit(child, depth + 1);
    }
  };
  visit(path.resolve(dir), 0);
  return [...roots].sort();
}

/** The mini program root that owns `file`: the nearest ancestor folder that is a root. */
export function findRootForFile(host: FileSystemHost, file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (isMiniProgramRoot(host, dir)) return dir;
    const configured = configuredRoot(host, dir);
    if (configured && file.startsWith(configured + path.sep) && isMiniProgramRoot(host, configured)) return configured;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
