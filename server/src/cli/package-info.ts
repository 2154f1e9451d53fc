import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  name: string;
  version: string;
  /** Only what package.json declares: SARIF's informationUri is optional, and a guessed URL would mislead. */
  homepage?: string;
}

const PACKAGE_NAME = 'mp-privacy';

let cached: PackageInfo | undefined;

/** Reads our own package.json by walking up from this module, so it works from out/ and from an installed copy. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      return (cached = {
        name: PACKAGE_NAME,
        version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
        homepage: typeof manifest.homepage === 'string' ? manifest.homepage : undefined,
      });
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = { name: PACKAGE_NAME, version: '0.0.0' });
    dir = parent;
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown; homepage?: unknown } | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown; homepage?: unknown };
  } catch {
    return undefined;
  }
}
