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

export function createNodeFileSystemHost(): FileSystemHost {
  return {
    readFile(filePath) {
      try {
        return fs.readFileSync(filePath, 'utf8');
      } catch {
        return undefined;
      }
    },
    stat(filePath) {
      try {
        const stats = fs.statSync(filePath);
        return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : undefined;
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
    this.overlays.set(path.resolve(filePath), content);
  }

  delete(filePath: string): void {
    this.overlays.delete(path.resolve(filePath));
  }

  readFile(filePath: string): string | undefined {
    const overlay = this.overlays.get(path.resolve(filePath));
    return overlay !== undefined ? overlay : this.base.readFile(filePath);
  }

  stat(filePath: string): 'file' | 'directory' | undefined {
    if (this.overlays.has(path.resolve(filePath))) return 'file';
    return this.base.stat(filePath);
  }

  readDirectory(dirPath: string): string[] {
    const names = new Set(this.base.readDirectory(dirPath));
    const resolved = path.resolve(dirPath);
    for (const file of this.overlays.keys()) {
      if (path.dirname(file) === resolved) names.add(path.basename(file));
    }
    return [...names];
  }
}
