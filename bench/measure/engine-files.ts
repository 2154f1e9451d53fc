/**
 * What the engine really parses in a cold lint, so that the floor parses exactly that: runs the CLI's own
 * `lint` in-process with the parse cache and the stylesheet rules watched, and lists every file parsed with
 * the parser kind it was parsed as (a stylesheet's rules only count when the analysis asked for them). Also
 * lists the pages the analysis uses, with their template and script, for picking the page an edit types into.
 */
import * as fs from 'fs';
import * as path from 'path';

export type ParserKind = 'wxml' | 'script' | 'json' | 'wxss' | 'vue';

export interface ParsedFile {
  file: string;
  kind: ParserKind;
  /** Stylesheets only: the analysis parsed its rules (most stylesheets are read, never parsed). */
  rules?: boolean;
}

export interface EnginePage {
  root: string;
  route: string;
  wxml?: string;
  script?: string;
  /** Size of template + script in bytes. */
  bytes: number;
  lines: number;
}

export interface EngineFiles {
  roots: string[];
  parsed: ParsedFile[];
  pages: EnginePage[];
  lintExit: number;
}

/** Child mode: writes the EngineFiles of a cold lint of `dir` to `outFile`. */
export function childEngineFiles(dir: string, outFile: string): { files: number } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cache =
    require('../../server/src/engine/model/file-cache') as typeof import('../../server/src/engine/model/file-cache');
  const wxss = require('../../server/src/engine/parse/wxss') as typeof import('../../server/src/engine/parse/wxss');
  const engine = require('../../server/src/engine') as typeof import('../../server/src/engine');
  const model = require('../../server/src/engine/model') as typeof import('../../server/src/engine/model');
  const cli = require('../../server/src/cli/main') as typeof import('../../server/src/cli/main');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const parsed = new Map<string, ParsedFile>();
  let recording = true;
  const prototype = cache.ParsedFileCache.prototype as unknown as {
    parse: (file: string, kind: ParserKind, content: string) => unknown;
  };
  const parse = prototype.parse;
  prototype.parse = function (this: unknown, file: string, kind: ParserKind, content: string) {
    if (recording && !parsed.has(`${kind}\0${file}`))
      parsed.set(`${kind}\0${file}`, { file, kind, ...(kind === 'wxss' ? { rules: false } : {}) });
    return parse.call(this, file, kind, content);
  };
  // Called below with the document as `this` (rulesGetter.call), never unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const rulesGetter = Object.getOwnPropertyDescriptor(wxss.WxssDocument.prototype, 'rules')!.get!;
  Object.defineProperty(wxss.WxssDocument.prototype, 'rules', {
    get(this: import('../../server/src/engine/parse/wxss').WxssDocument) {
      const entry = parsed.get(`wxss\0${this.file}`);
      if (recording && entry) entry.rules = true;
      return rulesGetter.call(this) as unknown;
    },
  });
  const lintExit = cli.run(['lint', dir, '--format', 'json'], {
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    cwd: process.cwd(),
  });
  recording = false;

  const host = engine.createNodeFileSystemHost();
  const roots = engine.discoverMiniPrograms(host, dir).roots;
  const pages: EnginePage[] = [];
  const sizeOf = (file: string | undefined) => (file && fs.existsSync(file) ? fs.statSync(file).size : 0);
  const linesOf = (file: string | undefined) =>
    file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').length : 0;
  for (const root of roots) {
    const project = new model.ProjectModel(root, host, new model.ParsedFileCache(host));
    for (const page of project.pages) {
      // A framework page's template is in its source file (.vue), like its script.
      const wxml = page.wxml?.file;
      const script = page.script?.file;
      pages.push({
        root,
        route: page.route,
        wxml,
        script,
        bytes: sizeOf(wxml) + (script === wxml ? 0 : sizeOf(script)),
        lines: linesOf(wxml) + (script === wxml ? 0 : linesOf(script)),
      });
    }
  }
  const result: EngineFiles = {
    roots,
    parsed: [...parsed.values()].sort((a, b) => a.file.localeCompare(b.file)),
    pages,
    lintExit,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result));
  return { files: result.parsed.length };
}

/** The page an edit types into: the given route (the generated 2,000-line page), else the largest page with both files. */
export function pickEditedPage(files: EngineFiles, route?: string): EnginePage {
  const complete = files.pages.filter((p) => p.wxml && p.script);
  const page = route ? complete.find((p) => p.route === route) : complete.sort((a, b) => b.bytes - a.bytes)[0];
  if (!page)
    throw new Error(route ? `the analysis does not use the page ${route}` : 'no page with a template and a script');
  return page;
}
