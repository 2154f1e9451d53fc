import * as path from 'path';
import type { Node as JsonNode } from 'jsonc-parser';
import type { FileSystemHost } from '../host';
import type { ParseProblem, SourceRange } from '../types';
import { text } from '../types';
import { findJsonNode, JsoncDocument } from '../parse';
import type { ScriptFacts, WxmlDocument, WxssDocument } from '../parse';
import type { ParsedFileCache } from './file-cache';
import { memoize, perKey } from './memo';

/** Component paths remembered on a json document depend on the root too (a folder may be part of two roots). */
const usingSlotOf = perKey<string, object>(() => ({}));

/** The files that make up a page or a custom component: `<base>.wxml`, `.js`/`.ts`, `.json`, `.wxss`. */
export interface UnitFiles {
  base: string;
  wxml?: WxmlDocument;
  script?: ScriptFacts;
  json?: JsoncDocument;
  wxss?: WxssDocument;
  /** Custom components this unit uses (from its json and app.json `usingComponents`), by tag name. */
  components: Map<string, ComponentUnit>;
}

export interface ComponentUnit extends UnitFiles {
  kind: 'component';
}

export interface PageUnit extends UnitFiles {
  kind: 'page';
  /** `pages/index/index`, including the subpackage root for subpackage pages. */
  route: string;
  /** Where app.json lists the page. */
  declaredAt: SourceRange;
  subpackageRoot?: string;
  isEntry: boolean;
  isTab: boolean;
}

export interface AppUnit {
  configFile: string;
  config?: JsoncDocument;
  script?: ScriptFacts;
  wxss?: WxssDocument;
  entryRoute?: string;
  /** Where the entry is decided: `entryPagePath`, or `pages[0]`. */
  entryDeclaredAt?: SourceRange;
  entryFromEntryPagePath: boolean;
  tabRoutes: Set<string>;
}

const SCRIPT_EXTENSIONS = ['.ts', '.js'];

function sameFiles(a: Omit<UnitFiles, 'components'>, b: Omit<UnitFiles, 'components'>): boolean {
  return a.wxml === b.wxml && a.script === b.script && a.json === b.json && a.wxss === b.wxss;
}

function sameComponents(a: Map<string, ComponentUnit>, b: Map<string, ComponentUnit>): boolean {
  if (a.size !== b.size) return false;
  for (const [tag, unit] of a) if (b.get(tag) !== unit) return false;
  return true;
}

/** Routes already normalised: every analysis normalises every page route and navigation URL again. */
const normalisedRoutes = new Map<string, string>();

/** A page route inside the root: `..` cannot climb above it (WeChat resolves paths from the root). */
export function normaliseRoute(route: string): string {
  let normalised = normalisedRoutes.get(route);
  if (normalised === undefined) {
    const clamped = path.posix.normalize('/' + route.replace(/\\/g, '/')).replace(/^\/+/, '');
    normalised = clamped.replace(/\.(wxml|js|ts|json)$/, '');
    if (normalisedRoutes.size > 100_000) normalisedRoutes.clear(); // a bound, far above any real project
    normalisedRoutes.set(route, normalised);
  }
  return normalised;
}

/** Everything the rules need to know about one mini program, built from cached parses. */
export class ProjectModel {
  readonly pages: PageUnit[] = [];
  readonly pageByRoute = new Map<string, PageUnit>();
  readonly problems: ParseProblem[] = [];
  readonly filesRead = new Set<string>();
  readonly app: AppUnit;
  private readonly componentCache = new Map<string, ComponentUnit | null>();
  private readonly scriptCache = new Map<string, ScriptFacts | null>();
  private revision: { inputs: unknown[]; token: object } | undefined;

  /**
   * `previous`: the last model of the same root. Pages and components whose files (and app.json) are
   * unchanged are taken over as the same objects, so facts remembered on them (memo.ts) stay valid.
   */
  constructor(
    readonly root: string,
    private readonly host: FileSystemHost,
    private readonly cache: ParsedFileCache,
    private readonly previous?: ProjectModel,
  ) {
    this.moduleBases = previous?.moduleBases ?? new Map<string, string[]>();
    this.app = this.loadApp();
    this.previousRevision = previous?.revision;
    this.previous = undefined; // only needed while building: do not keep a chain of old models alive
  }

  /**
   * An object that stays the same from one model to the next while the project's shared inputs are the
   * same documents: app.json, app.js, app.wxss, ext.json, every component and every script that other
   * scripts import. Facts about a page that read only its own files and these are valid for this revision.
   */
  get sharedRevision(): object {
    if (this.revision) return this.revision.token;
    const inputs: unknown[] = [this.app.config, this.app.script, this.app.wxss, this.extConfig()];
    for (const component of this.components()) inputs.push(component.wxml, component.script, component.json, component.wxss);
    const pageScripts = new Set(this.pages.map((p) => p.script));
    for (const script of this.allScripts()) if (!pageScripts.has(script) || this.isImported(script)) inputs.push(script);
    const before = this.previousRevision;
    const same = !!before && before.inputs.length === inputs.length && before.inputs.every((input, i) => input === inputs[i]);
    this.revision = { inputs, token: same ? before.token : {} };
    return this.revision.token;
  }

  private previousRevision: { inputs: unknown[]; token: object } | undefined;
  private scripts: { all: ScriptFacts[]; imported: Set<ScriptFacts> } | undefined;
  /** `aliases \0 fromDir \0 specifier` -> candidate base paths: pure string work, carried over from the previous model. */
  private readonly moduleBases: Map<string, string[]>;

  private isImported(script: ScriptFacts): boolean {
    return this.scriptGraph().imported.has(script);
  }

  private load<K extends 'wxml' | 'script' | 'json' | 'wxss'>(file: string, kind: K) {
    return this.cache.load(file, kind, this.problems, this.filesRead);
  }

  private rangeOf(file: string, node: JsonNode | undefined): SourceRange {
    return node ? { file, start: node.offset, end: node.offset + node.length } : { file, start: 0, end: 0 };
  }

  private loadApp(): AppUnit {
    const configFile = path.join(this.root, 'app.json');
    const config = this.load(configFile, 'json');
    const app: AppUnit = { configFile, config, entryFromEntryPagePath: false, tabRoutes: new Set() };
    app.script = this.loadScript(path.join(this.root, 'app'));
    app.wxss = this.load(path.join(this.root, 'app.wxss'), 'wxss');
    if (!config) return app;
    if (config.errors.length) {
      const first = config.errors[0];
      this.problems.push({
        file: configFile,
        start: first.offset,
        end: Math.min(config.text.length, first.offset + Math.max(1, first.length)),
        severity: 'warning',
        message: text(
          `app.json has a syntax error (${first.message}); mp-privacy checked what it could read, so results may be incomplete.`,
          `app.json 存在语法错误（${first.message}）；mp-privacy 仅检查了可读取的部分，结果可能不完整。`,
        ),
      });
    }
    const value = (config.value ?? {}) as Record<string, unknown>;
    const appComponents = this.usingComponents(config, configFile);

    // `declaredAt` is looked up only for a page that is not carried over from the previous model.
    const addPage = (route: string, declaredAt: () => JsonNode | undefined, subpackageRoot?: string): void => {
      // normaliseRoute folds `root//route`: no trim of the root's trailing slashes (a regex trim of them is quadratic).
      const normalised = normaliseRoute(subpackageRoot ? `${subpackageRoot}/${route}` : route);
      if (!normalised || this.pageByRoute.has(normalised)) return;
      const base = path.join(this.root, normalised);
      const files = this.loadUnitFiles(base);
      const own = this.usingComponents(files.json, `${base}.json`);
      // Pages without components of their own share app.json's map (nothing changes these maps once built).
      const components = own.size ? new Map([...appComponents, ...own]) : appComponents;
      const before = this.previous?.app.config === config ? this.previous.pageByRoute.get(normalised) : undefined;
      const page: PageUnit =
        before && sameFiles(before, files) && sameComponents(before.components, components)
          ? before
          : { kind: 'page', route: normalised, declaredAt: this.rangeOf(configFile, declaredAt()), subpackageRoot, isEntry: false, isTab: false, components, ...files };
      this.pages.push(page);
      this.pageByRoute.set(normalised, page);
    };

    if (Array.isArray(value.pages)) {
      value.pages.forEach((route, i) => {
        if (typeof route === 'string') addPage(route, () => findJsonNode(config, ['pages', i]));
      });
    }
    for (const key of ['subPackages', 'subpackages']) {
      const packages = value[key];
      if (!Array.isArray(packages)) continue;
      packages.forEach((pkg, i) => {
        // A JSON element: null or a string as easily as an object.
        const root = (pkg as { root?: unknown } | null)?.root;
        const pages = (pkg as { pages?: unknown } | null)?.pages;
        if (typeof root !== 'string' || !Array.isArray(pages)) return;
        pages.forEach((route, j) => {
          if (typeof route === 'string') addPage(route, () => findJsonNode(config, [key, i, 'pages', j]), root);
        });
      });
    }

    if (typeof value.entryPagePath === 'string' && this.pageByRoute.has(normaliseRoute(value.entryPagePath))) {
      app.entryRoute = normaliseRoute(value.entryPagePath);
      app.entryDeclaredAt = this.rangeOf(configFile, findJsonNode(config, ['entryPagePath']));
      app.entryFromEntryPagePath = true;
    } else if (this.pages.length && !this.pages[0].subpackageRoot) {
      app.entryRoute = this.pages[0].route;
      app.entryDeclaredAt = this.pages[0].declaredAt;
    }
    const tabList = (value.tabBar as { list?: unknown } | undefined)?.list;
    if (Array.isArray(tabList)) {
      for (const item of tabList) {
        const pagePath = (item as { pagePath?: unknown } | null)?.pagePath;
        if (typeof pagePath === 'string') app.tabRoutes.add(normaliseRoute(pagePath));
      }
    }
    for (const page of this.pages) {
      page.isEntry = page.route === app.entryRoute;
      page.isTab = app.tabRoutes.has(page.route);
    }
    return app;
  }

  private loadUnitFiles(base: string): Omit<UnitFiles, 'components'> {
    return {
      base,
      wxml: this.load(`${base}.wxml`, 'wxml'),
      script: this.loadScript(base),
      json: this.load(`${base}.json`, 'json'),
      wxss: this.load(`${base}.wxss`, 'wxss'),
    };
  }

  /** `<base>.ts` or `<base>.js`. */
  loadScript(base: string): ScriptFacts | undefined {
    for (const ext of SCRIPT_EXTENSIONS) {
      const file = base.endsWith(ext) ? base : `${base}${ext}`;
      const cached = this.scriptCache.get(file);
      if (cached) return cached;
      if (cached === null) continue; // known to be missing: try the next extension
      // Reading is the existence check: a missing file reads as undefined (one disk call, not two).
      const script = this.load(file, 'script');
      this.scriptCache.set(file, script ?? null);
      if (script) return script;
    }
    return undefined;
  }

  private usingComponents(json: JsoncDocument | undefined, jsonFile: string): Map<string, ComponentUnit> {
    const result = new Map<string, ComponentUnit>();
    if (!json) return result;
    // Where each tag's files are is a function of the json alone: remembered on the document (memo.ts).
    const declared = memoize(json, usingSlotOf(this.root), undefined, () => this.componentBases(json, jsonFile));
    for (const [tag, base] of declared) {
      const unit = this.component(base);
      if (unit) result.set(tag, unit);
    }
    return result;
  }

  private componentBases(json: JsoncDocument, jsonFile: string): [string, string][] {
    const bases: [string, string][] = [];
    const using = (json.value as { usingComponents?: unknown } | undefined)?.usingComponents;
    if (!using || typeof using !== 'object') return bases;
    for (const [tag, target] of Object.entries(using as Record<string, unknown>)) {
      if (typeof target !== 'string' || target.startsWith('plugin://')) continue;
      const base = target.startsWith('/') ? path.join(this.root, normaliseRoute(target)) : target.startsWith('.') ? this.resolveInRoot(jsonFile, target) : path.join(this.root, 'miniprogram_npm', normaliseRoute(target));
      bases.push([tag, base.replace(/\.(wxml|js|ts|json)$/, '')]);
    }
    return bases;
  }

  private component(base: string): ComponentUnit | undefined {
    const known = this.componentCache.get(base);
    if (known !== undefined) return known ?? undefined;
    let resolvedBase = base;
    if (this.host.stat(`${base}.wxml`) !== 'file' && this.host.stat(path.join(base, 'index.wxml')) === 'file') resolvedBase = path.join(base, 'index');
    if (this.host.stat(`${resolvedBase}.wxml`) !== 'file') {
      this.componentCache.set(base, null);
      return undefined;
    }
    const unit: ComponentUnit = { kind: 'component', components: new Map(), ...this.loadUnitFiles(resolvedBase) };
    this.componentCache.set(base, unit); // set before recursing: components may use each other
    unit.components = this.usingComponents(unit.json, `${resolvedBase}.json`);
    const before = this.previous?.componentCache.get(base);
    if (before && before.base === unit.base && sameFiles(before, unit) && sameComponents(before.components, unit.components)) {
      this.componentCache.set(base, before);
      return before;
    }
    return unit;
  }

  /** A navigation URL (`/pages/a/a?x=1`, or relative to the current page) as a route of this project. */
  resolveRoute(url: string, fromRoute?: string): PageUnit | undefined {
    const withoutQuery = url.split('?')[0].trim();
    if (!withoutQuery) return undefined;
    let route: string;
    if (withoutQuery.startsWith('/') || !fromRoute) route = normaliseRoute(withoutQuery);
    else route = normaliseRoute(path.posix.normalize(path.posix.join(path.posix.dirname(fromRoute), withoutQuery)));
    return this.pageByRoute.get(route);
  }

  /** A module specifier used in `fromFile` as a script of this project (relative, root-absolute or miniprogram_npm). */
  resolveModule(fromFile: string, specifier: string): ScriptFacts | undefined {
    for (const base of this.moduleBasesOf(fromFile, specifier)) {
      const found = this.loadScript(base) ?? this.loadScript(path.join(base, 'index'));
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Where a `require`/`import` path may point, in the order the runtime tries them
   * (https://developers.weixin.qq.com/miniprogram/dev/reference/api/require.html): an app.json `resolveAlias`
   * mapping (longest key first, https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#resolveAlias);
   * a path relative to the current file (`'utils/x.js'` is as relative as `'./utils/x.js'`); an npm package
   * built into miniprogram_npm.
   */
  private moduleBasesOf(fromFile: string, specifier: string): string[] {
    const alias = this.resolveAliasKey();
    const key = `${alias}\0${specifier.startsWith('/') ? '' : path.dirname(fromFile)}\0${specifier}`;
    let bases = this.moduleBases.get(key);
    if (bases === undefined) {
      const candidates: string[] = [];
      const aliased = this.applyResolveAlias(specifier);
      if (aliased !== undefined) candidates.push(path.join(this.root, normaliseRoute(aliased)));
      if (specifier.startsWith('/')) candidates.push(path.join(this.root, normaliseRoute(specifier)));
      else {
        candidates.push(this.resolveInRoot(fromFile, specifier));
        if (!specifier.startsWith('.')) candidates.push(path.join(this.root, 'miniprogram_npm', normaliseRoute(specifier)));
      }
      bases = candidates.map((base) => base.replace(/\.(js|ts)$/, ''));
      if (this.moduleBases.size > 100_000) this.moduleBases.clear(); // a bound, far above any real project
      this.moduleBases.set(key, bases);
    }
    return bases;
  }

  private aliases: { key: string; rules: [string, string][] } | undefined;

  /** app.json `resolveAlias`: `{ "@utils/*": "utils/*" }`, as prefix rules, longest first. */
  private resolveAliasRules() {
    if (!this.aliases) {
      // Asked while app.json is still being read (app.js imports): no aliases yet, and none remembered.
      if (!(this.app as AppUnit | undefined)) return { key: '', rules: [] as [string, string][] };
      const value = (this.app.config?.value as { resolveAlias?: unknown } | undefined)?.resolveAlias;
      const rules: [string, string][] = [];
      if (value && typeof value === 'object') {
        for (const [from, to] of Object.entries(value as Record<string, unknown>)) {
          if (typeof to === 'string' && from.endsWith('/*') && to.endsWith('/*')) rules.push([from.slice(0, -1), to.slice(0, -1)]);
        }
      }
      rules.sort((a, b) => b[0].length - a[0].length);
      this.aliases = { key: JSON.stringify(rules), rules };
    }
    return this.aliases;
  }

  private resolveAliasKey(): string {
    return this.resolveAliasRules().key;
  }

  private applyResolveAlias(specifier: string): string | undefined {
    const rule = this.resolveAliasRules().rules.find(([from]) => specifier.startsWith(from));
    return rule && rule[1] + specifier.slice(rule[0].length);
  }

  /**
   * A relative path from a file, resolved the way WeChat resolves it: like a URL whose root is the
   * mini program root, so `../` past the root stays at the root.
   */
  resolveInRoot(fromFile: string, relative: string): string {
    const fromDir = '/' + this.relative(path.dirname(fromFile));
    const resolved = path.posix.normalize(path.posix.join(fromDir, relative.replace(/\\/g, '/')));
    return path.join(this.root, resolved);
  }

  /** ext.json, which third-party platform apps use for settings such as requiredPrivateInfos. */
  extConfig() {
    return this.load(path.join(this.root, 'ext.json'), 'json');
  }

  /** Every custom component the pages use (directly or through other components). */
  components(): ComponentUnit[] {
    return [...this.componentCache.values()].filter((unit): unit is ComponentUnit => unit !== null);
  }

  /** Every script of the app, its pages and components, and the modules they import, transitively. */
  allScripts(): ScriptFacts[] {
    return this.scriptGraph().all;
  }

  /** The scripts of the app (see allScripts) and those of them that another script imports; built once per model. */
  private scriptGraph(): { all: ScriptFacts[]; imported: Set<ScriptFacts> } {
    if (this.scripts) return this.scripts;
    const found = new Map<string, ScriptFacts>();
    const imported = new Set<ScriptFacts>();
    const queue = [this.app.script, ...this.pages.map((p) => p.script), ...this.components().map((c) => c.script)];
    while (queue.length) {
      const script = queue.pop();
      if (!script || found.has(script.file)) continue;
      found.set(script.file, script);
      for (const entry of script.imports.values()) {
        const target = this.resolveModule(script.file, entry.specifier);
        if (target) {
          imported.add(target);
          queue.push(target);
        }
      }
    }
    this.scripts = { all: [...found.values()], imported };
    return this.scripts;
  }

  /** Route of a unit's file relative to the root, with forward slashes (for messages). */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }
}
