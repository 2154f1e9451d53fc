import * as fs from 'fs';
import * as path from 'path';

/**
 * Files that may be read in the folders above a boundary folder: what finds the mini program that owns a file
 * (app.json, project.config.json) and the configuration and baseline search (mp-privacy.config.json,
 * mp-privacy-baseline.json, stopping at the project folder). Nothing else above the folder is ever read.
 */
const ANCESTOR_FILES = new Set([
  'app.json',
  'project.config.json',
  'mp-privacy.config.json',
  'mp-privacy-baseline.json',
  'package.json',
  '.git',
]);

/** Where a path really is, once allowed: `missing` paths may still be created there (a fix's new file). */
export interface Located {
  real: string;
  kind: 'file' | 'directory' | 'missing' | 'other';
  /** The path itself is a symbolic link (its target is `real`). */
  link: boolean;
}

interface Folder {
  path: string;
  /** Its real path; undefined while the folder does not exist (nothing under it is readable). */
  real: string | undefined;
}

/** True when `child` is `parent` or inside it (both absolute and normal). */
export function isInside(parent: string, child: string): boolean {
  if (child === parent) return true;
  return child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/**
 * The folders mp-privacy may read and write: the linted folder (CLI) or the workspace folders (language server).
 * A path is allowed when its real path (every symbolic link resolved) stays inside the real path of the innermost
 * folder that contains it as written: a link is followed only when its target is inside, and `..` or an absolute
 * path never leads out. Real paths of directories are remembered until `forget()`.
 */
export class FileBoundary {
  private readonly folders: Folder[] = [];
  /** Real path of each directory met so far; null when it is not a directory or leads outside. */
  private readonly directories = new Map<string, string | null>();

  /** `denied` hears of every path that could not be looked at for lack of permission (EACCES, EPERM). */
  constructor(
    folders: readonly string[] = [],
    private readonly denied: (file: string, code: string) => void = () => undefined,
  ) {
    for (const folder of folders) this.add(folder);
  }

  /** Adds a folder; true when it was not covered before. */
  add(folder: string): boolean {
    const resolved = path.resolve(folder);
    if (this.folders.some((known) => known.path === resolved)) return false;
    this.folders.push({ path: resolved, real: realPathOf(resolved) });
    // Innermost first: a path is judged by the closest folder that contains it.
    this.folders.sort((a, b) => b.path.length - a.path.length);
    return true;
  }

  get paths(): string[] {
    return this.folders.map((folder) => folder.path);
  }

  /** True when `file`, as written, is inside one of the folders (its links are not looked at). */
  covers(file: string): boolean {
    return this.folderOf(path.resolve(file)) !== undefined;
  }

  /** Forgets the real paths seen so far (files may have changed on disk); folders are looked up again. */
  forget(): void {
    this.directories.clear();
    for (const folder of this.folders) folder.real = realPathOf(folder.path);
  }

  /** True when `file` may be read or written (see the class comment). */
  allows(file: string): boolean {
    return this.locate(file) !== undefined;
  }

  /**
   * Where `file` really is, or undefined when it is outside the boundary (or in a folder that does not exist).
   * One lstat for the path itself; the directories above it are remembered.
   */
  locate(file: string): Located | undefined {
    const resolved = path.resolve(file);
    const folder = this.folderOf(resolved);
    if (!folder)
      return this.isAncestorFile(resolved) ? { real: resolved, kind: kindOf(resolved, true), link: false } : undefined;
    if (folder.real === undefined) return undefined;
    if (resolved === folder.path) return { real: folder.real, kind: kindOf(folder.real, true), link: false };
    const directory = this.realDirectory(path.dirname(resolved), folder);
    if (!directory) return undefined;
    const candidate = path.join(directory.real, path.basename(resolved));
    const stats = directory.exists ? this.lstat(candidate) : undefined;
    if (!stats) return { real: candidate, kind: 'missing', link: false };
    if (!stats.isSymbolicLink())
      return {
        real: candidate,
        kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
        link: false,
      };
    const target = realPathOf(candidate);
    // A dangling link: nothing to read, and nothing may be created through it.
    if (target === undefined) return { real: candidate, kind: 'other', link: true };
    if (!isInside(folder.real, target)) return undefined;
    return { real: target, kind: kindOf(target, true), link: true };
  }

  private folderOf(resolved: string): Folder | undefined {
    return this.folders.find((folder) => isInside(folder.path, resolved));
  }

  private isAncestorFile(resolved: string): boolean {
    if (!ANCESTOR_FILES.has(path.basename(resolved))) return false;
    const directory = path.dirname(resolved);
    return this.folders.some((folder) => folder.path !== directory && isInside(directory, folder.path));
  }

  private lstat(file: string): fs.Stats | undefined {
    try {
      return fs.lstatSync(file, { throwIfNoEntry: false });
    } catch (error) {
      reportDenied(error, file, this.denied);
      return undefined;
    }
  }

  /**
   * The real path of a directory inside `folder`, walking down from the folder one component at a time; for a
   * directory that does not exist yet, where it would be created. Null when a component leads outside or is not
   * a directory.
   */
  private realDirectory(directory: string, folder: Folder): { real: string; exists: boolean } | null {
    if (directory === folder.path) return folder.real === undefined ? null : { real: folder.real, exists: true };
    const known = this.directories.get(directory);
    if (known !== undefined) return known === null ? null : { real: known, exists: true };
    const parent = this.realDirectory(path.dirname(directory), folder);
    if (!parent) return null;
    const candidate = path.join(parent.real, path.basename(directory));
    const stats = parent.exists ? this.lstat(candidate) : undefined;
    // Not remembered while missing: a fix or the editor may create it next.
    if (!stats) return { real: candidate, exists: false };
    let real: string | null = null;
    if (stats.isDirectory()) real = candidate;
    else if (stats.isSymbolicLink()) {
      const target = realPathOf(candidate);
      if (target !== undefined && isInside(folder.real!, target) && kindOf(target, true) === 'directory') real = target;
    }
    this.directories.set(directory, real);
    return real === null ? null : { real, exists: true };
  }
}

/** Passes a permission error on to `denied`; other errors (a name too long, a loop of links) mean "not there". */
export function reportDenied(error: unknown, file: string, denied: (file: string, code: string) => void): void {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') denied(file, code);
}

function kindOf(file: string, follow: boolean): Located['kind'] {
  try {
    const stats = follow ? fs.statSync(file, { throwIfNoEntry: false }) : fs.lstatSync(file, { throwIfNoEntry: false });
    return !stats ? 'missing' : stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'other';
  }
}
