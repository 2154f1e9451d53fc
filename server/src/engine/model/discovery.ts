import * as path from 'path';
import type { FileSystemHost } from '../host';
import type { LocalizedText } from '../types';
import { text } from '../types';
import { isInside } from '../boundary';
import { parseJsonc } from '../parse/jsonc';
import { buildOutputFolders, frameworkLayout } from './frameworks';

/** Folders never searched for mini programs: dependencies, build output of other tools, VCS data. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'miniprogram_npm', '.git', '.svn', '.hg']);
const MAX_SEARCH_DEPTH = 8;

/** A project.config.json whose `miniprogramRoot` was not followed, and why. */
export interface DiscoveryProblem {
  /** The project.config.json. */
  file: string;
  /** `error`: it leads outside the searched folder; `warning`: it names a folder that is missing or not a mini program. */
  severity: 'error' | 'warning';
  message: LocalizedText;
}

export interface Discovery {
  /** Absolute folder paths, sorted; each real folder once. */
  roots: string[];
  problems: DiscoveryProblem[];
}

/**
 * True when `dir` is a mini program root: `dir/app.json` declares a `pages` array, or `dir` is the root of a
 * uni-app or Taro project (model/frameworks.ts).
 */
export function isMiniProgramRoot(host: FileSystemHost, dir: string): boolean {
  return isNativeRoot(host, dir) || !!frameworkLayout(host, dir);
}

function isNativeRoot(host: FileSystemHost, dir: string): boolean {
  const content = host.readFile(path.join(dir, 'app.json'));
  if (content === undefined) return false;
  const parsed = parseJsonc(content);
  // An app.json that does not parse still marks a root: the user is editing it and wants to hear why.
  if (parsed.value === undefined) return /"pages"\s*:/.test(content);
  return (
    typeof parsed.value === 'object' &&
    parsed.value !== null &&
    Array.isArray((parsed.value as { pages?: unknown }).pages)
  );
}

/** `project.config.json` may move the mini program into a subfolder (`miniprogramRoot`): the value and where it leads. */
function configuredRoot(host: FileSystemHost, dir: string): { value: string; folder: string } | undefined {
  const content = host.readFile(path.join(dir, 'project.config.json'));
  if (content === undefined) return undefined;
  const value = parseJsonc(content).value as { miniprogramRoot?: unknown } | undefined;
  if (value && typeof value.miniprogramRoot === 'string' && value.miniprogramRoot.trim()) {
    return { value: value.miniprogramRoot, folder: path.resolve(dir, value.miniprogramRoot) };
  }
  return undefined;
}

/**
 * Every mini program under `dir` (a repository may hold several). `dir` is the boundary: a `miniprogramRoot`
 * that leads outside it (`../other`, an absolute path, a link) is reported and not followed, and each real
 * folder is visited once, so links to a folder above (`ln -s . a`) neither loop nor multiply the project.
 */
export function discoverMiniPrograms(host: FileSystemHost, dir: string): Discovery {
  const top = path.resolve(dir);
  const realTop = host.realPath?.(top) ?? top;
  const roots = new Map<string, string>();
  const problems: DiscoveryProblem[] = [];
  const visited = new Set<string>();
  const addRoot = (folder: string): void => {
    const real = host.realPath?.(folder) ?? folder;
    if (!roots.has(real)) roots.set(real, folder);
  };
  const followConfig = (current: string): void => {
    const configured = configuredRoot(host, current);
    if (!configured) return;
    const file = path.join(current, 'project.config.json');
    const quoted = JSON.stringify(configured.value);
    const real = host.realPath?.(configured.folder);
    if (!isInside(top, configured.folder) || (real !== undefined && !isInside(realTop, real))) {
      const where = isInside(top, configured.folder)
        ? text(` (a symbolic link to ${real})`, `（符号链接，指向 ${real}）`)
        : text('', '');
      problems.push({
        file,
        severity: 'error',
        message: text(
          `"miniprogramRoot": ${quoted} leads outside the folder being checked${where.en}; mp-privacy did not follow it.`,
          `"miniprogramRoot": ${quoted} 指向被检查的文件夹之外${where['zh-cn']}；mp-privacy 没有跟随。`,
        ),
      });
      return;
    }
    if (isMiniProgramRoot(host, configured.folder)) {
      addRoot(configured.folder);
      return;
    }
    const missing = host.stat(configured.folder) !== 'directory';
    problems.push({
      file,
      severity: 'warning',
      message: missing
        ? text(
            `"miniprogramRoot": ${quoted} names a folder that does not exist.`,
            `"miniprogramRoot": ${quoted} 指向的文件夹不存在。`,
          )
        : text(
            `"miniprogramRoot": ${quoted} names a folder without an app.json that declares "pages".`,
            `"miniprogramRoot": ${quoted} 指向的文件夹中没有声明 "pages" 的 app.json。`,
          ),
    });
  };
  const visit = (current: string, depth: number): void => {
    const real = host.realPath?.(current) ?? current;
    if (visited.has(real)) return;
    visited.add(real);
    // The listing says whether there is an app.json or project.config.json to read: most folders have
    // neither, and a read that fails costs more than the listing.
    const names = host.readDirectory(current);
    if (frameworkLayout(host, current, names)) addRoot(current);
    // A framework project's compiled output (and project.config.json, which points at it) is not its source.
    const output = buildOutputFolders(host, current, names);
    if (names.includes('project.config.json') && !output.length) followConfig(current);
    if (names.includes('app.json') && isNativeRoot(host, current)) addRoot(current);
    if (depth >= MAX_SEARCH_DEPTH) return;
    for (const name of names) {
      if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name) || output.includes(name)) continue;
      const child = path.join(current, name);
      if (host.stat(child) === 'directory') visit(child, depth + 1);
    }
  };
  visit(top, 0);
  return { roots: [...roots.values()].sort(), problems };
}

/** Every mini program under `dir`, as absolute folder paths, sorted (see discoverMiniPrograms). */
export function findMiniProgramRoots(host: FileSystemHost, dir: string): string[] {
  return discoverMiniPrograms(host, dir).roots;
}

/**
 * The mini program root that owns `file`: the nearest ancestor folder that is a root, or the `miniprogramRoot`
 * of an ancestor's project.config.json when that folder is below the config and holds the file.
 */
export function findRootForFile(host: FileSystemHost, file: string): string | undefined {
  const resolved = path.resolve(file);
  let dir = path.dirname(resolved);
  for (;;) {
    if (isMiniProgramRoot(host, dir)) return dir;
    const configured = configuredRoot(host, dir)?.folder;
    if (
      configured &&
      isInside(dir, configured) &&
      resolved.startsWith(configured + path.sep) &&
      isMiniProgramRoot(host, configured)
    )
      return configured;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
