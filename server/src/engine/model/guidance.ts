import * as path from 'path';
import type { FileSystemHost } from '../host';
import type { LocalizedText } from '../types';
import { text } from '../types';
import { parseJsonc } from '../parse';
import { TARO_APP_CONFIGS } from './frameworks';

/**
 * What a folder holds when mp-privacy finds no mini program source in it, and what to do about it: build
 * output of a framework (dist/, unpackage/dist/<mode>/<platform>) that is not a WeChat build, or a project
 * of a framework mp-privacy does not read. Also whether a linted root is itself build output, whose findings
 * point into compiled files.
 */
export interface FolderGuidance {
  /** One sentence per thing found: what it is and what to do. */
  notes: LocalizedText[];
}

/** Frameworks whose sources mp-privacy does not read, by the configuration file or dependency that marks them. */
const UNSUPPORTED: { name: string; files: string[]; dependencies: string[] }[] = [
  { name: 'WePY', files: ['wepy.config.js'], dependencies: ['wepy', '@wepy/core'] },
  { name: 'Mpx', files: ['mpx.config.js'], dependencies: ['@mpxjs/core'] },
  { name: 'mpvue', files: [], dependencies: ['mpvue'] },
  { name: 'Chameleon', files: ['chameleon.config.js'], dependencies: ['chameleon-api'] },
  {
    name: 'Remax',
    files: ['remax.config.js', 'remax.config.ts'],
    dependencies: ['remax', '@remax/one', '@remax/wechat'],
  },
  { name: 'kbone', files: [], dependencies: ['kbone-api', 'mp-webpack-plugin'] },
];

const MAX_DEPTH = 3;
const SKIPPED = new Set(['node_modules', '.git', 'miniprogram_npm']);

function dependenciesOf(host: FileSystemHost, dir: string): Set<string> {
  const content = host.readFile(path.join(dir, 'package.json'));
  const value = content ? (parseJsonc(content).value as Record<string, unknown> | undefined) : undefined;
  const names = new Set<string>();
  for (const key of ['dependencies', 'devDependencies']) {
    const list = value?.[key];
    if (list && typeof list === 'object') for (const name of Object.keys(list)) names.add(name);
  }
  return names;
}

/** Notes about `dir` (and its subfolders, a few levels down) for a run that found no mini program. */
export function guidanceFor(host: FileSystemHost, dir: string): FolderGuidance {
  const notes: LocalizedText[] = [];
  const visit = (current: string, depth: number): void => {
    const names = host.readDirectory(current);
    const rel = path.relative(dir, current).split(path.sep).join('/') || '.';
    const dependencies = names.includes('package.json') ? dependenciesOf(host, current) : new Set<string>();
    for (const framework of UNSUPPORTED) {
      const marker =
        framework.files.find((file) => names.includes(file)) ??
        framework.dependencies.find((dep) => dependencies.has(dep));
      if (marker) {
        notes.push(
          text(
            `${rel} looks like a ${framework.name} project (${marker}); mp-privacy reads native, uni-app and Taro sources. Build it for WeChat and lint the output folder that holds app.json (e.g. dist/).`,
            `${rel} 看起来是 ${framework.name} 项目（${marker}）；mp-privacy 读取原生、uni-app 和 Taro 源码。请先构建微信小程序，再检查包含 app.json 的输出文件夹（例如 dist/）。`,
          ),
        );
      }
    }
    if (dependencies.has('@tarojs/taro') && !names.includes('src')) {
      notes.push(
        text(
          `${rel} uses Taro (package.json) but has no src/ folder with ${TARO_APP_CONFIGS[0]}: lint the folder that holds the Taro project (config/ and src/).`,
          `${rel} 使用 Taro（package.json），但没有包含 ${TARO_APP_CONFIGS[0]} 的 src/ 文件夹：请检查包含 Taro 项目（config/ 和 src/）的文件夹。`,
        ),
      );
    }
    if (
      (dependencies.has('@dcloudio/uni-app') || dependencies.has('@dcloudio/vue-cli-plugin-uni')) &&
      !names.includes('pages.json') &&
      !names.includes('src')
    ) {
      notes.push(
        text(
          `${rel} uses uni-app (package.json) but holds no pages.json and manifest.json: lint the folder that holds them (the project root or src/).`,
          `${rel} 使用 uni-app（package.json），但没有 pages.json 和 manifest.json：请检查包含它们的文件夹（项目根目录或 src/）。`,
        ),
      );
    }
    for (const output of ['dist', 'unpackage']) {
      if (!names.includes(output) || host.stat(path.join(current, output)) !== 'directory') continue;
      const outputRel = rel === '.' ? output : `${rel}/${output}`;
      notes.push(
        text(
          `${outputRel}/ is build output without a WeChat mini program (no app.json with "pages"): build for WeChat (uni-app: mp-weixin, Taro: weapp) and lint the folder that holds app.json, or lint the project's sources.`,
          `${outputRel}/ 是构建输出，但其中没有微信小程序（没有声明 "pages" 的 app.json）：请构建微信小程序（uni-app：mp-weixin，Taro：weapp）后检查包含 app.json 的文件夹，或直接检查项目源码。`,
        ),
      );
    }
    if (depth >= MAX_DEPTH) return;
    for (const name of names) {
      if (name.startsWith('.') || SKIPPED.has(name) || name === 'dist' || name === 'unpackage') continue;
      const child = path.join(current, name);
      if (host.stat(child) === 'directory') visit(child, depth + 1);
    }
  };
  visit(path.resolve(dir), 0);
  const unique = new Map(notes.map((note) => [note.en, note]));
  return { notes: [...unique.values()].slice(0, 10) };
}

/** True when a mini program root lies in a build output folder (`…/dist`, `…/unpackage/dist/dev/mp-weixin`). */
export function isBuildOutput(root: string): boolean {
  return root.split(/[\\/]/).some((part) => part === 'dist' || part === 'unpackage');
}
