import * as path from 'path';
import type { FileSystemHost } from '../host';

/**
 * The kinds of mini program source mp-privacy reads, and where each keeps its files.
 *
 * - native: `app.json` lists the pages; a page is `<route>.wxml/.js/.json/.wxss`.
 * - uni-app: `pages.json` lists the pages and `manifest.json` holds the mp-weixin settings, in the project
 *   folder (HBuilderX) or in `src/` (CLI projects); a page is `<route>.vue` (or `.nvue`), the app `App.vue`
 *   (uniapp.dcloud.net.cn/collocation/pages.html, /collocation/manifest.html#mp-weixin).
 * - taro: `src/app.config.ts|js` lists the pages next to a project with `config/index.*`; a page is
 *   `<route>.tsx|jsx|ts|js`, the app `app.tsx|…` (docs.taro.zone/docs/app-config, /docs/folder).
 *
 * The mini program root of a framework project is the folder its routes are relative to: where pages.json
 * is, or Taro's `src`.
 */
export type Framework = 'native' | 'uni-app' | 'taro';

export const TARO_APP_CONFIGS = ['app.config.ts', 'app.config.js', 'app.config.tsx', 'app.config.jsx'];
const TARO_PROJECT_CONFIGS = ['index.ts', 'index.js', 'index.mjs', 'index.cjs'];

/** Where a framework project's settings and app module are, relative to its root. */
export interface FrameworkLayout {
  framework: Exclude<Framework, 'native'>;
  /** The file that lists the pages (pages.json, app.config.ts). */
  pagesFile: string;
  /** The file fixes to requiredPrivateInfos / permission edit (manifest.json, app.config.ts). */
  settingsFile: string;
  /** The path inside the settings file under which the mini program settings are (['mp-weixin'] in manifest.json). */
  settingsPath: string[];
  /** Candidate files of the app module (App.vue, app.tsx…). */
  appFiles: string[];
  /** Extensions a page or component module may have, in the order they are tried. */
  unitExtensions: string[];
}

/** The framework layout of `dir` when it is the root of a uni-app or Taro project; `names` is its listing when known. */
export function frameworkLayout(
  host: FileSystemHost,
  dir: string,
  names?: readonly string[],
): FrameworkLayout | undefined {
  const has = (name: string) => (names ? names.includes(name) : host.stat(path.join(dir, name)) === 'file');
  if (has('pages.json') && has('manifest.json')) {
    return {
      framework: 'uni-app',
      pagesFile: path.join(dir, 'pages.json'),
      settingsFile: path.join(dir, 'manifest.json'),
      settingsPath: ['mp-weixin'],
      appFiles: ['App.vue', 'App.nvue'].map((n) => path.join(dir, n)),
      unitExtensions: ['.vue', '.nvue'],
    };
  }
  const appConfig = TARO_APP_CONFIGS.find(has);
  if (appConfig && isTaroProject(host, path.dirname(dir))) {
    const file = path.join(dir, appConfig);
    return {
      framework: 'taro',
      pagesFile: file,
      settingsFile: file,
      settingsPath: [],
      appFiles: ['app.tsx', 'app.jsx', 'app.ts', 'app.js'].map((n) => path.join(dir, n)),
      unitExtensions: ['.tsx', '.jsx', '.ts', '.js'],
    };
  }
  return undefined;
}

/** A Taro project folder: it has the build configuration `config/index.*` (docs.taro.zone/docs/config). */
function isTaroProject(host: FileSystemHost, projectDir: string): boolean {
  return TARO_PROJECT_CONFIGS.some((name) => host.stat(path.join(projectDir, 'config', name)) === 'file');
}

/**
 * Folders of a framework project that hold its build output (compiled mini programs): never searched,
 * since findings belong on the sources. uni-app writes `unpackage/dist/…` (HBuilderX) or `dist/…` (CLI);
 * Taro writes `dist/` (its `outputRoot`).
 */
export function buildOutputFolders(host: FileSystemHost, projectDir: string, names: readonly string[]): string[] {
  const folders: string[] = [];
  const sourceIsFramework = names.includes('src') && !!frameworkLayout(host, path.join(projectDir, 'src'));
  if (frameworkLayout(host, projectDir, names) || sourceIsFramework) folders.push('unpackage', 'dist');
  return folders;
}
