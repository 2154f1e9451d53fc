import * as fs from 'fs';
import * as path from 'path';

/**
 * How the engine sees files. The CLI reads the disk; the language server lays open editor buffers over it.
 * `readFile` returns undefined for a missing or unreadable file instead of throwing.
 */
export interface FileSystemHost {
  readFile(filePath: string): string | undefined;
  stat(filePath: string): 'file' | 'directory' | undefined;
  readDirectory(dirPath: string): string[];
}

/** Paths the engine builds are already absolute and normal; only the others pay for path.resolve (hot: every read). */
const NEEDS_RESOLVE = path.sep === '/' ? /\/\/|\/\.\.?(\/|$)|.\/$/ : /./;

/** The key a path is stored under: absolute and normalised. */
export function canonicalPath(filePath: string): string {
  return path.isAbsolute(filePath) && !NEEDS_RESOLVE.test(filePath) ? filePath : path.resolve(filePath);
}

export function createNodeFileSystemHost(): FileSystemHost {
  return {
    readFile(filePath) {
      // Most reads of a missing file are expected (`page.ts` before `page.js`, a page without .json): a failed
      // read costs ~10 µs for its exception, the existence check ~1 µs.
      if (!fs.existsSync(filePath)) return undefined;
      try {
        return fs.readFileSync(filePath, 'utf8');
      } catch {
        return undefined;
      }
    },
    stat(filePath) {
      try {
        const stats = fs.statSync(filePath, { throwIfNoEntry: false });
        return stats?.isDirectory() ? 'directory' : stats?.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    readDirectory(dirPath) {
      try {
        return fs.readdirSync(dirPath);
      } catch {
        return [];
      }
    },
  };
}

/** Editor buffers over a base host: an open document wins over the file on disk. */
export class OverlayFileSystemHost implements FileSystemHost {
  private readonly overlays = new Map<string, string>();

  constructor(private readonly base: FileSystemHost) {}

  set(filePath: string, content: string): void {
    this.overlays.set(canonicalPath(filePath), content);
  }

  delete(filePath: string): void {
    this.overlays.delete(canonicalPath(filePath));
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

  /** Off: every call goes to the disk (for clients that never say when files change). */
  enabled = true;

  constructor(private readonly base: FileSystemHost) {}

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

  /** A file was created, changed or deleted: forget it, and the listings and stats of the folders above it. */
  invalidate(filePath: string): void {
    const key = canonicalPath(filePath);
    this.files.delete(key);
    for (let dir = key; ; dir = path.dirname(dir)) {
      this.stats.delete(dir);
      this.directories.delete(dir);
      if (path.dirname(dir) === dir) break;
    }
  }

  invalidateAll(): void {
    this.files.clear();
    this.stats.clear();
    this.directories.clear();
  }
}
