import * as fs from 'fs';
import * as path from 'path';
import { FileBoundary, reportDenied } from './boundary';
import { decodeText } from './text/encoding';

/**
 * How the engine sees files. The CLI reads the disk; the language server lays open editor buffers over it.
 * `readFile` returns undefined for a missing or unreadable file instead of throwing.
 */
export interface FileSystemHost {
  readFile(filePath: string): string | undefined;
  stat(filePath: string): 'file' | 'directory' | undefined;
  readDirectory(dirPath: string): string[];
  /**
   * Where a path really is (symbolic links resolved), when the host knows; undefined when it does not exist.
   * Discovery uses it to visit each real folder once and to tell where a link leads.
   */
  realPath?(filePath: string): string | undefined;
  /**
   * The paths whose answers have changed, when the host knows every change (the language server's buffers and
   * the disk changes its client reports). An analysis then takes over what it read last time for every other
   * path instead of asking again; a host without a log is asked everything each time.
   */
  readonly changes?: ChangeLog;
}

/**
 * Which paths changed, in order. A path stands for its own content and existence and for the listing and kind of
 * every folder above it (what CachingFileSystemHost.invalidate forgets).
 */
export class ChangeLog {
  private version = 0;
  private readonly changedAt = new Map<string, number>();
  /** The version of the last change to everything (a cache dropped, folders added): older reads are all stale. */
  private everythingAt = 0;

  get current(): number {
    return this.version;
  }

  record(filePath: string): void {
    const key = canonicalPath(filePath);
    this.changedAt.delete(key);
    this.changedAt.set(key, ++this.version);
  }

  recordEverything(): void {
    this.changedAt.clear();
    this.everythingAt = ++this.version;
  }

  /** The paths changed after `version`, or undefined when anything may have changed since. */
  changedSince(version: number): ChangedPaths | undefined {
    if (version < this.everythingAt || version > this.version) return undefined;
    const files = new Set<string>();
    // Most recent last (record moves a path to the end): stop at the first change not newer than `version`.
    const entries = [...this.changedAt];
    for (let i = entries.length - 1; i >= 0 && entries[i][1] > version; i--) files.add(entries[i][0]);
    return new ChangedPaths(files);
  }
}

/** A set of changed paths, and the folders above them (whose listings and kinds may have changed with them). */
export class ChangedPaths {
  private readonly folders = new Set<string>();

  constructor(readonly files: ReadonlySet<string>) {
    for (const file of files)
      for (let dir = path.dirname(file); !this.folders.has(dir); dir = path.dirname(dir)) {
        this.folders.add(dir);
        if (path.dirname(dir) === dir) break;
      }
  }

  /** Whether reading `file` may answer differently. */
  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Whether the kind or listing of `filePath` may answer differently. */
  touches(filePath: string): boolean {
    return this.files.has(filePath) || this.folders.has(filePath);
  }
}

/** Paths the engine builds are already absolute and normal; only the others pay for path.resolve (hot: every read). */
const NEEDS_RESOLVE = path.sep === '/' ? /\/\/|\/\.\.?(\/|$)|.\/$/ : /./;

/** The key a path is stored under: absolute and normalised. */
export function canonicalPath(filePath: string): string {
  return path.isAbsolute(filePath) && !NEEDS_RESOLVE.test(filePath) ? filePath : path.resolve(filePath);
}

/**
 * The disk. With a boundary, only what the boundary allows is read (see FileBoundary): anything else is
 * "missing", and a symbolic link counts as what it points to only when that stays inside. Without one, any path.
 * `denied` hears of paths that exist but could not be read for lack of permission.
 */
export function createNodeFileSystemHost(
  boundary?: FileBoundary,
  denied: (file: string, code: string) => void = () => undefined,
): FileSystemHost {
  const readFile = (real: string): string | undefined => {
    try {
      // Without its BOM, as an editor shows it (see text/encoding.ts).
      return decodeText(fs.readFileSync(real)).text;
    } catch (error) {
      reportDenied(error, real, denied);
      return undefined;
    }
  };
  const readDirectory = (real: string): string[] => {
    try {
      return fs.readdirSync(real);
    } catch (error) {
      reportDenied(error, real, denied);
      return [];
    }
  };
  const realPath = (filePath: string): string | undefined => {
    try {
      return fs.realpathSync.native(filePath);
    } catch {
      return undefined;
    }
  };
  if (boundary) {
    return {
      readFile(filePath) {
        const located = boundary.locate(filePath);
        return located?.kind === 'file' ? readFile(located.real) : undefined;
      },
      stat(filePath) {
        const kind = boundary.locate(filePath)?.kind;
        return kind === 'file' || kind === 'directory' ? kind : undefined;
      },
      readDirectory(dirPath) {
        const located = boundary.locate(dirPath);
        return located?.kind === 'directory' ? readDirectory(located.real) : [];
      },
      realPath(filePath) {
        const located = boundary.locate(filePath);
        return located && located.kind !== 'missing' ? located.real : realPath(filePath);
      },
    };
  }
  return {
    readFile(filePath) {
      // Most reads of a missing file are expected (`page.ts` before `page.js`, a page without .json): a failed
      // read costs ~10 µs for its exception, the existence check ~1 µs.
      if (!fs.existsSync(filePath)) return undefined;
      return readFile(filePath);
    },
    stat(filePath) {
      try {
        const stats = fs.statSync(filePath, { throwIfNoEntry: false });
        return stats?.isDirectory() ? 'directory' : stats?.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    readDirectory,
    realPath,
  };
}

/** Editor buffers over a base host: an open document wins over the file on disk. */
export class OverlayFileSystemHost implements FileSystemHost {
  private readonly overlays = new Map<string, string>();

  constructor(private readonly base: FileSystemHost) {}

  /** The base's log, which buffers are recorded in too: without one, changes on disk would go unnoticed. */
  get changes(): ChangeLog | undefined {
    return this.base.changes;
  }

  set(filePath: string, content: string): void {
    this.overlays.set(canonicalPath(filePath), content);
    this.base.changes?.record(filePath);
  }

  delete(filePath: string): void {
    this.overlays.delete(canonicalPath(filePath));
    this.base.changes?.record(filePath);
  }

  readFile(filePath: string): string | undefined {
    const key = canonicalPath(filePath);
    const overlay = this.overlays.get(key);
    return overlay !== undefined ? overlay : this.base.readFile(key);
  }

  stat(filePath: string): 'file' | 'directory' | undefined {
    if (this.overlays.has(canonicalPath(filePath))) return 'file';
    return this.base.stat(filePath);
  }

  realPath(filePath: string): string | undefined {
    return this.base.realPath?.(filePath);
  }

  readDirectory(dirPath: string): string[] {
    const names = new Set(this.base.readDirectory(dirPath));
    const resolved = canonicalPath(dirPath);
    for (const file of this.overlays.keys()) {
      if (path.dirname(file) === resolved) names.add(path.basename(file));
    }
    return [...names];
  }
}

/**
 * Remembers what the disk said until told it changed. For a long-running server whose client reports file
 * changes (LSP didChangeWatchedFiles): each edit then costs no disk reads for the files that did not change.
 */
export class CachingFileSystemHost implements FileSystemHost {
  private readonly files = new Map<string, string | undefined>();
  private readonly stats = new Map<string, 'file' | 'directory' | undefined>();
  private readonly directories = new Map<string, string[]>();

  private readonly log = new ChangeLog();
  private caching = true;

  constructor(private readonly base: FileSystemHost) {}

  /** Off: every call goes to the disk (for clients that never say when files change). */
  get enabled(): boolean {
    return this.caching;
  }

  set enabled(enabled: boolean) {
    this.caching = enabled;
    this.log.recordEverything();
  }

  /** What changed since a read, while reads are remembered: exactly what `invalidate` was told. */
  get changes(): ChangeLog | undefined {
    return this.caching ? this.log : undefined;
  }

  readFile(filePath: string): string | undefined {
    if (!this.enabled) return this.base.readFile(filePath);
    const key = canonicalPath(filePath);
    if (!this.files.has(key)) this.files.set(key, this.base.readFile(key));
    return this.files.get(key);
  }

  stat(filePath: string): 'file' | 'directory' | undefined {
    if (!this.enabled) return this.base.stat(filePath);
    const key = canonicalPath(filePath);
    if (!this.stats.has(key)) this.stats.set(key, this.base.stat(key));
    return this.stats.get(key);
  }

  readDirectory(dirPath: string): string[] {
    if (!this.enabled) return this.base.readDirectory(dirPath);
    const key = canonicalPath(dirPath);
    let names = this.directories.get(key);
    if (!names) this.directories.set(key, (names = this.base.readDirectory(key)));
    return names;
  }

  realPath(filePath: string): string | undefined {
    return this.base.realPath?.(filePath);
  }

  /** A file was created, changed or deleted: forget it, and the listings and stats of the folders above it. */
  invalidate(filePath: string): void {
    const key = canonicalPath(filePath);
    this.log.record(key);
    this.files.delete(key);
    for (let dir = key; ; dir = path.dirname(dir)) {
      this.stats.delete(dir);
      this.directories.delete(dir);
      if (path.dirname(dir) === dir) break;
    }
  }

  invalidateAll(): void {
    this.log.recordEverything();
    this.files.clear();
    this.stats.clear();
    this.directories.clear();
  }
}
