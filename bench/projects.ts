/**
 * The projects the benchmark measures: generated ones (bench/generate) at 1x (~500 pages), 2x and 4x, and the
 * largest native entry of the development corpus (read in place, never copied), beside them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { generateProject, writeProject } from './generate';
import { toUniApp } from './generate/uni-app';

export const PAGES_1X = 500;
export const BIG_PAGE_LINES = 2000;

export interface BenchProject {
  label: string;
  dir: string;
  /** Generated: the scale (1, 2, 4); real: null. */
  scale: number | null;
  /** The page the editor benchmark types into, when known in advance (the generated 2,000-line page). */
  editRoute?: string;
  /** A generated project in a framework's form (compared with the native project of its scale). */
  form?: 'uni-app';
}

export function generated(base: string, scale: number, seed: number, log: (message: string) => void): BenchProject {
  const dir = path.join(base, `${scale}x`);
  fs.rmSync(dir, { recursive: true, force: true });
  const t = performance.now();
  const project = generateProject({ pages: PAGES_1X * scale, seed, bigPageLines: BIG_PAGE_LINES });
  writeProject(project.files, dir);
  log(
    `[bench ${scale}x] generated ${Object.keys(project.files).length} files in ${(performance.now() - t).toFixed(0)} ms at ${dir}`,
  );
  return { label: `${scale}x`, dir, scale, editRoute: project.bigPage };
}

/** The 1x project in uni-app form (bench/generate/uni-app.ts): the same pages as .vue files, pages.json, manifest.json. */
export function generatedUniApp(base: string, seed: number, log: (message: string) => void): BenchProject {
  const dir = path.join(base, 'uni-app-1x');
  fs.rmSync(dir, { recursive: true, force: true });
  const t = performance.now();
  const project = toUniApp(generateProject({ pages: PAGES_1X, seed, bigPageLines: BIG_PAGE_LINES }));
  writeProject(project.files, dir);
  log(
    `[bench uni-app 1x] generated ${Object.keys(project.files).length} files in ${(performance.now() - t).toFixed(0)} ms at ${dir}`,
  );
  return { label: 'uni-app 1x', dir, scale: 1, editRoute: project.bigPage, form: 'uni-app' };
}

/** Where the development corpus is extracted (../shared/dev-corpus/README.md), or MP_PRIVACY_CORPUS. */
export function corpusDir(): string | undefined {
  const candidates = [
    process.env.MP_PRIVACY_CORPUS,
    path.resolve(__dirname, '..', '..', '..', 'corpus'),
    '/work/corpus',
  ];
  return candidates.find((dir): dir is string => !!dir && fs.existsSync(dir) && fs.statSync(dir).isDirectory());
}

/** Framework sources: an entry with any of these is not a native mini program. */
const FRAMEWORK_FILE = /\.(vue|nvue|tsx|jsx)$/;

/** Bytes of the source files under a folder, or undefined when it holds framework sources. */
function nativeSourceBytes(dir: string): number | undefined {
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (FRAMEWORK_FILE.test(entry.name)) return undefined;
      else if (/\.(wxml|js|ts|json|wxss)$/.test(entry.name)) bytes += fs.statSync(full).size;
    }
  }
  return bytes;
}

/** The largest native entry of the corpus (by source bytes; an app.json somewhere, no .vue/.tsx/.jsx). */
export function largestNativeEntry(corpus: string): BenchProject | undefined {
  let best: { dir: string; bytes: number } | undefined;
  for (const entry of fs.readdirSync(corpus, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(corpus, entry.name);
    const bytes = nativeSourceBytes(dir);
    if (bytes !== undefined && (!best || bytes > best.bytes)) best = { dir, bytes };
  }
  return best && { label: `real: ${path.basename(best.dir)}`, dir: best.dir, scale: null };
}
