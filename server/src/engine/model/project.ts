import * as path from 'path';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ChangedPaths, FileSystemHost } from '../host';
import type { ParseProblem, SourceRange } from '../types';
import { text } from '../types';
import { documentElements, findJsonNode, isReExport, JsoncDocument, kebabCase } from '../parse';
import type { ScriptFacts, WxmlDocument, WxssDocument } from '../parse';
import type { ParsedByKind, ParsedFileCache } from './file-cache';
import { memoize, perKey } from './memo';
import { Framework, FrameworkLayout, frameworkLayout } from './frameworks';
import { ProjectReads, type LoadAnswer } from './reads';

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

/**
 * Where the mini program's own settings (`requiredPrivateInfos`, `permission`, `__usePrivacyCheck__`) are
 * written: app.json, uni-app's manifest.json under "mp-weixin", or Taro's app.config. `path` is the JSON
 * path of the settings object inside `doc`.
 */
export interface AppSettings {
  file: string;
  doc?: JsoncDocument;
  path: string[];
  /** How messages name the place, e.g. `app.json` or `manifest.json "mp-weixin"`. */
  label: string;
}

/** The settings object itself (app.json's root, manifest.json's "mp-weixin"). */
export function settingsValue(settings: AppSettings): Record<string, unknown> | undefined {
  let value: unknown = settings.doc?.value;
  for (const key of settings.path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The range of the value at `path`, when it is written in the settings file. */
export function settingRange(settings: AppSettings, path: (string | number)[]): SourceRange | undefined {
  if (!settings.doc) return undefined;
  const node = findJsonNode(settings.doc, [...settings.path, ...path]);
  return node ? { file: settings.file, start: node.offset, end: node.offset + node.length } : undefined;
}

/** The property (`"key": value`) at `path`, for findings about the setting as a whole. */
export function settingPropertyRange(settings: AppSettings, path: (string | number)[]): SourceRange | undefined {
  if (!settings.doc) return undefined;
  const property = findJsonNode(settings.doc, [...settings.path, ...path])?.parent;
  return property ? { file: settings.file, start: property.offset, end: property.offset + property.length } : undefined;
}

export interface AppUnit {
  /** The file that lists the pages: app.json, uni-app's pages.json or Taro's app.config. */
  configFile: string;
  config?: JsoncDocument;
  settings: AppSettings;
  script?: ScriptFacts;
  wxss?: WxssDocument;
  entryRoute?: string;
  /** Where the entry is decided: `entryPagePath`, or `pages[0]`. */
  entryDeclaredAt?: SourceRange;
  entryFromEntryPagePath: boolean;
  tabRoutes: Set<string>;
}

const SCRIPT_EXTENSIONS = ['.ts', '.js'];
const TARO_SCRIPT_EXTENSIONS = ['.ts', '.js', '.tsx', '.jsx'];

function sameFiles(a: Omit<UnitFiles, 'components'>, b: Omit<UnitFiles, 'components'>): boolean {
  return a.wxml === b.wxml && a.script === b.script && a.json === b.json && a.wxss === b.wxss;
}

function sameComponents(a: Map<string, ComponentUnit>, b: Map<string, ComponentUnit>): boolean {
  if (a.size !== b.size) return false;
  for (const [tag, unit] of a) if (b.get(tag) !== unit) return false;
  return true;
}

/** The modules a script imports and those it passes on (`export * from`, `export { x } from`), in order. */
function moduleSpecifiers(script: ScriptFacts): string[] {
  return [
    ...[...script.imports.values()].map((entry) => entry.specifier),
    ...(script.exportsAllFrom ?? []),
    ...[...script.exports.values()].filter(isReExport).map((entry) => entry.specifier),
  ];
}

function sameModuleSpecifiers(a: ScriptFacts | undefined, b: ScriptFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const before = moduleSpecifiers(a);
  const after = moduleSpecifiers(b);
  return before.length === after.length && before.every((specifier, i) => specifier === after[i]);
}

/** The files a unit's documents were loaded from. */
function unitFiles(unit: Omit<UnitFiles, 'components'>): string[] {
  const files: string[] = [];
  if (unit.wxml) files.push(unit.wxml.file);
  if (unit.script && !files.includes(unit.script.file)) files.push(unit.script.file);
  if (unit.json) files.push(`${unit.base}.json`);
  if (unit.wxss && !files.includes(unit.wxss.file)) files.push(unit.wxss.file);
  return files;
}

/** Thrown while a page is re-loaded on its own when it uses a component the previous model did not know. */
const COMPONENT_SET_CHANGED = new Error('the component set changed');

const PAGE_BY_SCRIPT = {};

/** Where `value` goes in an ascending list. */
export function sortedPlace(list: number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
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

/** What a model that took the previous one over replaced (see ProjectModel.derived). */
export interface ModelChanges {
  /** Pages replaced, before and after: the new page is at the old one's place in `pages`. */
  pages: [PageUnit, PageUnit][];
  /** Scripts replaced at their place in allScripts(): the place, before and after. */
  scripts: [number, ScriptFacts, ScriptFacts][];
}

/** Everything the rules need to know about one mini program, built from cached parses. */
export class ProjectModel {
  readonly pages: PageUnit[];
  readonly pageByRoute: Map<string, PageUnit>;
  readonly problems: ParseProblem[];
  readonly filesRead: Set<string>;
  readonly app: AppUnit;
  private readonly componentCache: Map<string, ComponentUnit | null>;
  /** How the sources are written (model/frameworks.ts); framework projects keep their files in their own layout. */
  readonly framework: Framework;
  private readonly layout: FrameworkLayout | undefined;
  private readonly scriptCache: Map<string, ScriptFacts | null>;
  private revision: { inputs: unknown[]; token: object } | undefined;

  /** What this model read, answered from the previous model's reads where the paths did not change. */
  private readonly reads: ProjectReads;
  /** The host as this model sees it (see ProjectReads). */
  private readonly host: FileSystemHost;
  /** The loads whose file and problems this model has noted (each once, however often it loads them). */
  private readonly loadsNoted: Set<LoadAnswer>;
  /** How many loads answered with problems, noted or not (resolveModule remembers only resolutions without). */
  private problemsNoted = 0;
  /** The files whose loads answered with problems. */
  private readonly filesWithProblems: Set<string>;
  /** The components app.json (uni-app: pages.json "globalStyle") registers for every page. */
  private appComponents = new Map<string, ComponentUnit>();
  /** uni-app: each page's "style" in pages.json, by route (where its own components are registered). */
  private readonly pageStyles: Map<string, unknown>;
  /** The files resolveModule resolved an import to (a page's script among them is not the page's alone). */
  private readonly resolvedTargets: Set<string>;
  /** While a page is re-loaded on its own: any component not known yet means the component set changed. */
  private componentsFrozen = false;

  /**
   * `previous`: the last model of the same root. Pages and components whose files (and app.json) are
   * unchanged are taken over as the same objects, so facts remembered on them (memo.ts) stay valid.
   * `changed`: the paths that changed since `previous` was built, when the host knows (see host.ts ChangeLog):
   * what `previous` read of every other path is taken over without asking the host. When they are only files
   * of pages that nothing else loads (not a component, app file or imported module), the rest of `previous` is
   * taken over as it is and only those pages are loaded again (see succeed): an edit costs its page, not
   * the project. `previous` is given up in both cases: it must not be used any more.
   */
  constructor(
    readonly root: string,
    host: FileSystemHost,
    cache: ParsedFileCache,
    private readonly previous?: ProjectModel,
    changed?: ChangedPaths,
  ) {
    const edited = previous && changed ? previous.pagesEditedBy(changed) : undefined;
    this.reads = new ProjectReads(host, cache, previous?.reads, changed);
    this.host = this.reads.host;
    if (previous && changed && edited) {
      this.layout = previous.layout;
      this.framework = previous.framework;
      this.moduleBases = previous.moduleBases;
      this.modulePaths = previous.modulePaths;
      this.app = previous.app;
      this.pages = previous.pages;
      this.pageByRoute = previous.pageByRoute;
      this.filesRead = previous.filesRead;
      this.problems = previous.problems.filter((problem) => !changed.has(problem.file));
      this.loadsNoted = previous.loadsNoted;
      for (const file of changed.files)
        for (const [, answer] of this.reads.answersBefore(file)) this.loadsNoted.delete(answer);
      this.problemsNoted = previous.problemsNoted;
      this.filesWithProblems = previous.filesWithProblems;
      for (const file of changed.files) this.filesWithProblems.delete(file);
      this.componentCache = previous.componentCache;
      this.scriptCache = previous.scriptCache;
      for (const file of changed.files) this.scriptCache.delete(file);
      this.resolvedModules = previous.resolvedModules;
      for (const file of changed.files) this.resolvedModules.delete(file);
      this.resolvedTargets = previous.resolvedTargets;
      this.appComponents = previous.appComponents;
      this.pageStyles = previous.pageStyles;
      this.easycomByTag = previous.easycomByTag;
      this.easycomRules = previous.easycomRules;
      this.uniModules = previous.uniModules;
      this.aliases = previous.aliases;
      this.sharedFileSet = previous.sharedFileSet;
      this.scripts = previous.scripts;
      this.revision = previous.revision;
      this.previousRevision = previous.revision ? undefined : previous.previousRevision;
      const replaced = this.reloadPages(edited);
      if (replaced) {
        this.carried = { values: previous.derivedValues, changes: this.replacePages(replaced) };
        previous.carried = undefined;
        this.previous = undefined;
        return;
      }
      // The edit reached further than its pages (a component not known yet, other imports): build it all.
      this.revision = undefined;
      this.scripts = undefined;
      this.sharedFileSet = undefined;
    }
    this.pages = [];
    this.pageByRoute = new Map<string, PageUnit>();
    this.problems = [];
    this.filesRead = new Set<string>();
    this.loadsNoted = new Set<LoadAnswer>();
    this.problemsNoted = 0;
    this.filesWithProblems = new Set<string>();
    this.componentCache = new Map<string, ComponentUnit | null>();
    this.scriptCache = new Map<string, ScriptFacts | null>();
    this.resolvedModules = new Map<string, Map<string, ScriptFacts | null>>();
    this.resolvedTargets = new Set<string>();
    this.pageStyles = new Map<string, unknown>();
    this.easycomByTag = new Map<string, ComponentUnit | undefined>();
    this.easycomRules = undefined;
    this.uniModules = undefined;
    this.aliases = undefined;
    this.layout = frameworkLayout(this.host, root);
    this.framework = this.layout?.framework ?? 'native';
    this.moduleBases =
      previous?.framework === this.framework
        ? previous.moduleBases
        : new Map<string, Map<string, Map<string, string[]>>>();
    this.modulePaths =
      previous?.framework === this.framework && this.reads.sameFilesLoad()
        ? previous.modulePaths
        : new Map<string, Map<string, Map<string, string | null>>>();
    this.app = this.loadApp();
    this.previousRevision = previous?.revision;
    if (previous) previous.carried = undefined;
    this.previous = undefined; // only needed while building: do not keep a chain of old models alive
  }

  /**
   * The pages `changed` names files of, when that is all it names: every changed path is a file a page of this
   * model loaded as its own (template, script, json, stylesheet) and no other unit, app file or module resolution
   * loaded it. Undefined when anything else may have changed. Asked of the previous model before it is given up.
   */
  private pagesEditedBy(changed: ChangedPaths): Set<PageUnit> | undefined {
    const shared = this.sharedFiles();
    const edited = new Set<PageUnit>();
    for (const file of changed.files) {
      if (shared.has(file) || this.resolvedTargets.has(file)) return undefined;
      const base = file.replace(/\.[^./\\]+$/, '');
      const page = this.pageByRoute.get(this.relative(base));
      if (!page || page.base !== base || !unitFiles(page).includes(file)) return undefined;
      edited.add(page);
    }
    return edited;
  }

  private sharedFileSet: Set<string> | undefined;

  /** The files of the app, ext.json, every component and every module another script imports. */
  private sharedFiles(): Set<string> {
    if (this.sharedFileSet) return this.sharedFileSet;
    const files = new Set<string>([this.app.configFile, this.app.settings.file, path.join(this.root, 'ext.json')]);
    if (this.app.script) files.add(this.app.script.file);
    if (this.app.wxss) files.add(this.app.wxss.file);
    for (const component of this.components()) for (const file of unitFiles(component)) files.add(file);
    for (const script of this.scriptGraph().imported) files.add(script.file);
    this.sharedFileSet = files;
    return files;
  }

  /**
   * The edited pages loaded again, each with its new unit (or the same one when its files parse to the same
   * documents), or undefined when the edit reaches beyond them: a file that no longer loads, a component no
   * page used before, other imports (the script graph and the shared revision would change).
   */
  private reloadPages(edited: Set<PageUnit>): [PageUnit, PageUnit][] | undefined {
    const replaced: [PageUnit, PageUnit][] = [];
    this.componentsFrozen = true;
    try {
      for (const before of edited) {
        const files = this.loadUnitFiles(before.base);
        if (!sameModuleSpecifiers(before.script, files.script)) return undefined;
        for (const file of unitFiles(before)) if (!unitFiles(files).includes(file)) return undefined;
        const components = this.pageComponents(before.base, files, this.pageStyles.get(before.route));
        const page: PageUnit =
          sameFiles(before, files) && sameComponents(before.components, components)
            ? before
            : {
                kind: 'page',
                route: before.route,
                declaredAt: before.declaredAt,
                subpackageRoot: before.subpackageRoot,
                isEntry: before.isEntry,
                isTab: before.isTab,
                components,
                ...files,
              };
        replaced.push([before, page]);
      }
    } catch (error) {
      if (error === COMPONENT_SET_CHANGED) return undefined;
      throw error;
    } finally {
      this.componentsFrozen = false;
    }
    return replaced;
  }

  /** Puts the reloaded pages in place of the previous ones, in the page list, the routes and the script graph. */
  private replacePages(replaced: [PageUnit, PageUnit][]): ModelChanges {
    const changes: ModelChanges = { pages: [], scripts: [] };
    for (const [before, page] of replaced) {
      if (before === page) continue;
      this.pages[this.pages.indexOf(before)] = page;
      this.pageByRoute.set(page.route, page);
      changes.pages.push([before, page]);
      if (this.scripts && before.script !== page.script && before.script && page.script) {
        const at = this.scripts.all.indexOf(before.script);
        this.scripts.all[at] = page.script;
        changes.scripts.push([at, before.script, page.script]);
      }
    }
    return changes;
  }

  /** Values derived from the whole model (see derived), by slot. */
  private readonly derivedValues = new Map<object, unknown>();
  /** The previous model's derived values and what this model replaced, when it took that model over. */
  private carried: { values: Map<object, unknown>; changes: ModelChanges } | undefined;

  /**
   * A value derived from the whole model (an index over its scripts or units), made once per model by `build`.
   * When this model took the previous one over and replaced pages (see the constructor), `update` may make it
   * from the previous model's value and what was replaced instead, in time proportional to the change (it may
   * change and return that value: the previous model is given up); undefined from `update` means build it.
   */
  derived<T>(slot: object, build: () => T, update?: (before: T, changes: ModelChanges) => T | undefined): T {
    if (this.derivedValues.has(slot)) return this.derivedValues.get(slot) as T;
    let value: T | undefined;
    if (update && this.carried?.values.has(slot))
      value = update(this.carried.values.get(slot) as T, this.carried.changes);
    if (value === undefined) value = build();
    this.derivedValues.set(slot, value);
    return value;
  }

  /**
   * The pages `has` holds for, in page order, as their places in `pages` (see derived: after a page edit only
   * the replaced pages are asked again). `has` must read only the page and the shared files (a fact remembered
   * on the page with the shared revision), and `slot` stand for `has` in every model.
   */
  pagesWhere(slot: object, has: (page: PageUnit) => boolean): number[] {
    return this.derived(
      slot,
      () => {
        const places: number[] = [];
        for (let at = 0; at < this.pages.length; at++) if (has(this.pages[at])) places.push(at);
        return places;
      },
      (places, changes) => {
        for (const [, page] of changes.pages) {
          const at = this.pages.indexOf(page);
          const i = sortedPlace(places, at);
          const listed = places[i] === at;
          const holds = has(page);
          if (listed && !holds) places.splice(i, 1);
          else if (!listed && holds) places.splice(i, 0, at);
        }
        return places;
      },
    );
  }

  /** The page whose script `script` is, if any (one map per model, patched for the replaced pages; see derived). */
  pageOfScript(script: ScriptFacts): PageUnit | undefined {
    const pageByScript = this.derived(
      PAGE_BY_SCRIPT,
      () => {
        const map = new Map<ScriptFacts, PageUnit>();
        for (const page of this.pages) if (page.script && !map.has(page.script)) map.set(page.script, page);
        return map;
      },
      (map, changes) => {
        for (const [before, after] of changes.pages) {
          if (before.script && map.get(before.script) === before) map.delete(before.script);
          if (after.script && !map.has(after.script)) map.set(after.script, after);
        }
        return map;
      },
    );
    return pageByScript.get(script);
  }

  /**
   * An object that stays the same from one model to the next while the project's shared inputs are the
   * same documents: app.json, app.js, app.wxss, ext.json, every component and every script that other
   * scripts import. Facts about a page that read only its own files and these are valid for this revision.
   */
  get sharedRevision(): object {
    if (this.revision) return this.revision.token;
    const inputs: unknown[] = [
      this.app.config,
      this.app.settings.doc,
      this.app.script,
      this.app.wxss,
      this.extConfig(),
    ];
    for (const component of this.components())
      inputs.push(component.wxml, component.script, component.json, component.wxss);
    const pageScripts = new Set(this.pages.map((p) => p.script));
    for (const script of this.allScripts())
      if (!pageScripts.has(script) || this.isImported(script)) inputs.push(script);
    const before = this.previousRevision;
    const same =
      !!before && before.inputs.length === inputs.length && before.inputs.every((input, i) => input === inputs[i]);
    this.revision = { inputs, token: same ? before.token : {} };
    return this.revision.token;
  }

  private previousRevision: { inputs: unknown[]; token: object } | undefined;
  private scripts: { all: ScriptFacts[]; imported: Set<ScriptFacts> } | undefined;
  /**
   * Aliases -> importing file -> specifier -> candidate base paths: pure string work, carried over from the
   * previous model (of the same framework). Nested maps: no key string to build per lookup.
   */
  private readonly moduleBases: Map<string, Map<string, Map<string, string[]>>>;
  /**
   * Aliases -> importing file -> specifier -> the file the import resolved to (null: none). Carried over while
   * every changed file still loads as it did: which candidate exists and parses is then the same.
   */
  private readonly modulePaths: Map<string, Map<string, Map<string, string | null>>>;

  private isImported(script: ScriptFacts): boolean {
    return this.scriptGraph().imported.has(script);
  }

  /** A file's parse; the file is noted as read and its problems as found the first time this model loads it. */
  private load<K extends keyof ParsedByKind>(file: string, kind: K): ParsedByKind[K] | undefined {
    const answer = this.reads.answer(file, kind);
    if (answer.problems) {
      this.problemsNoted++;
      this.filesWithProblems.add(file);
    }
    if (!this.loadsNoted.has(answer)) {
      this.loadsNoted.add(answer);
      if (answer.read) this.filesRead.add(file);
      if (answer.problems) for (const problem of answer.problems) this.problems.push(problem);
    }
    return answer.parsed as ParsedByKind[K] | undefined;
  }

  private rangeOf(file: string, node: JsonNode | undefined): SourceRange {
    return node ? { file, start: node.offset, end: node.offset + node.length } : { file, start: 0, end: 0 };
  }

  private loadApp(): AppUnit {
    const layout = this.layout;
    const configFile = layout ? layout.pagesFile : path.join(this.root, 'app.json');
    const config = layout?.framework === 'taro' ? this.load(configFile, 'staticConfig') : this.load(configFile, 'json');
    const settings: AppSettings =
      layout?.framework === 'uni-app'
        ? {
            file: layout.settingsFile,
            doc: this.load(layout.settingsFile, 'json'),
            path: layout.settingsPath,
            label: 'manifest.json "mp-weixin"',
          }
        : { file: configFile, doc: config, path: [], label: path.basename(configFile) };
    const app: AppUnit = { configFile, config, settings, entryFromEntryPagePath: false, tabRoutes: new Set() };
    if (layout) {
      const appFile = layout.appFiles.find((file) => this.host.stat(file) === 'file');
      const unit = appFile ? this.loadFrameworkUnit(appFile) : undefined;
      app.script = unit?.script;
      app.wxss = unit?.wxss;
    } else {
      app.script = this.loadScript(path.join(this.root, 'app'));
      app.wxss = this.load(path.join(this.root, 'app.wxss'), 'wxss');
    }
    if (!config) return app;
    if (config.errors.length) {
      const first = config.errors[0];
      const name = path.basename(configFile);
      this.problems.push({
        file: configFile,
        start: first.offset,
        end: Math.min(config.text.length, first.offset + Math.max(1, first.length)),
        severity: 'warning',
        message: text(
          `${name} has a syntax error (${first.message}); mp-privacy checked what it could read, so results may be incomplete.`,
          `${name} 存在语法错误（${first.message}）；mp-privacy 仅检查了可读取的部分，结果可能不完整。`,
        ),
      });
    }
    const value = (config.value ?? {}) as Record<string, unknown>;
    // uni-app registers components for every page in pages.json "globalStyle" (uniapp.dcloud.net.cn/collocation/pages.html#globalstyle).
    this.appComponents =
      layout?.framework === 'uni-app'
        ? this.usingComponentsOf(
            (value.globalStyle as { usingComponents?: unknown } | undefined)?.usingComponents,
            configFile,
          )
        : this.usingComponents(config, configFile);

    // `declaredAt` is looked up only for a page that is not carried over from the previous model.
    // uni-app lists a page as `{ "path": …, "style": { "usingComponents": … } }`; app.json and Taro as a string.
    const addPage = (
      route: string,
      declaredAt: () => JsonNode | undefined,
      subpackageRoot?: string,
      style?: unknown,
    ): void => {
      // normaliseRoute folds `root//route`: no trim of the root's trailing slashes (a regex trim of them is quadratic).
      const normalised = normaliseRoute(subpackageRoot ? `${subpackageRoot}/${route}` : route);
      if (!normalised || this.pageByRoute.has(normalised)) return;
      const base = path.join(this.root, normalised);
      const files = this.loadUnitFiles(base);
      if (style !== undefined) this.pageStyles.set(normalised, style);
      const components = this.pageComponents(base, files, style);
      const before = this.previous?.app.config === config ? this.previous.pageByRoute.get(normalised) : undefined;
      const page: PageUnit =
        before && sameFiles(before, files) && sameComponents(before.components, components)
          ? before
          : {
              kind: 'page',
              route: normalised,
              declaredAt: this.rangeOf(configFile, declaredAt()),
              subpackageRoot,
              isEntry: false,
              isTab: false,
              components,
              ...files,
            };
      this.pages.push(page);
      this.pageByRoute.set(normalised, page);
    };

    if (Array.isArray(value.pages)) {
      value.pages.forEach((route, i) => {
        if (typeof route === 'string') addPage(route, () => findJsonNode(config, ['pages', i]));
        else if (typeof (route as { path?: unknown } | null)?.path === 'string')
          addPage(
            (route as { path: string }).path,
            () => findJsonNode(config, ['pages', i, 'path']),
            undefined,
            (route as { style?: unknown }).style,
          );
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
          else if (typeof (route as { path?: unknown } | null)?.path === 'string')
            addPage(
              (route as { path: string }).path,
              () => findJsonNode(config, [key, i, 'pages', j, 'path']),
              root,
              (route as { style?: unknown }).style,
            );
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

  /** The components a page uses: app.json's, and those of its own json (uni-app: its pages.json "style"). */
  private pageComponents(
    base: string,
    files: Omit<UnitFiles, 'components'>,
    style: unknown,
  ): Map<string, ComponentUnit> {
    const own = this.layout
      ? this.usingComponentsOf(
          (style as { usingComponents?: unknown } | undefined)?.usingComponents,
          this.layout.pagesFile,
          files,
        )
      : this.usingComponents(files.json, `${base}.json`);
    // Pages without components of their own share app.json's map (nothing changes these maps once built).
    return own.size ? new Map([...this.appComponents, ...own]) : this.appComponents;
  }

  private loadUnitFiles(base: string): Omit<UnitFiles, 'components'> {
    if (this.layout) {
      const file = this.layout.unitExtensions
        .map((ext) => base + ext)
        .find((candidate) => this.host.stat(candidate) === 'file');
      return (file && this.loadFrameworkUnit(file)) || { base };
    }
    return {
      base,
      wxml: this.load(`${base}.wxml`, 'wxml'),
      script: this.loadScript(base),
      json: this.load(`${base}.json`, 'json'),
      wxss: this.load(`${base}.wxss`, 'wxss'),
    };
  }

  /**
   * A framework module as a unit's files: a .vue/.nvue SFC's template, script and styles, or a Taro module's
   * JSX and script. `base` is the file without its extension, as for native units.
   */
  private loadFrameworkUnit(file: string): Omit<UnitFiles, 'components'> | undefined {
    const base = file.replace(/\.[^./\\]+$/, '');
    if (/\.n?vue$/.test(file)) {
      const sfc = this.load(file, 'vue');
      return sfc && { base, wxml: sfc.template, script: sfc.script, wxss: sfc.style };
    }
    const module = this.load(file, 'taro');
    return module && { base, wxml: module.template, script: module.script };
  }

  /** `<base>.ts` or `<base>.js` (Taro projects: also .tsx and .jsx). */
  loadScript(base: string): ScriptFacts | undefined {
    for (const ext of this.framework === 'taro' ? TARO_SCRIPT_EXTENSIONS : SCRIPT_EXTENSIONS) {
      const file = base.endsWith(ext) ? base : `${base}${ext}`;
      const cached = this.scriptCache.get(file);
      if (cached) return cached;
      if (cached === null) {
        // Known to be missing, or skipped with a problem (a binary file): a resolution through it is not remembered.
        if (this.filesWithProblems.has(file)) this.problemsNoted++;
        continue;
      }
      // Reading is the existence check: a missing file reads as undefined (one disk call, not two).
      const script = this.load(file, 'script');
      this.scriptCache.set(file, script ?? null);
      if (script) return script;
    }
    return undefined;
  }

  /**
   * The components a uni-app or Taro unit uses: those registered in configuration (`using`: pages.json
   * globalStyle or page style `usingComponents`), those its script imports (`import LoginCard from
   * '@/components/login-card.vue'`, used as `<login-card>` or `<LoginCard>`), and for uni-app the easycom
   * components its template names (`components/<tag>/<tag>.vue`, `uni_modules/<plugin>/components/<tag>/<tag>.vue`,
   * and pages.json "easycom.custom" rules; uniapp.dcloud.net.cn/collocation/pages.html#easycom).
   */
  private usingComponentsOf(
    using: unknown,
    configFile: string,
    files?: Omit<UnitFiles, 'components'>,
  ): Map<string, ComponentUnit> {
    const result = new Map<string, ComponentUnit>();
    if (using && typeof using === 'object') {
      for (const [tag, target] of Object.entries(using as Record<string, unknown>)) {
        if (typeof target !== 'string' || target.startsWith('plugin://')) continue;
        const unit = this.frameworkComponentAt(
          target.startsWith('.')
            ? this.resolveInRoot(configFile, target)
            : path.join(this.root, normaliseRoute(target)),
        );
        if (unit) result.set(tag, unit);
      }
    }
    if (!files) return result;
    for (const [local, entry] of files.script?.imports ?? []) {
      if (
        !/^[A-Za-z]/.test(local) ||
        entry.specifier.startsWith('@dcloudio/') ||
        entry.specifier.startsWith('@tarojs/')
      )
        continue;
      if (this.framework === 'uni-app' && !/\.n?vue$/.test(entry.specifier)) continue;
      if (this.framework === 'taro' && !/^[A-Z]/.test(local)) continue;
      const unit = this.moduleBasesOf(files.base, entry.specifier)
        .map((base) => this.frameworkComponentAt(base))
        .find(Boolean);
      if (!unit) continue;
      result.set(kebabCase(local), unit);
      result.set(local, unit);
    }
    if (this.framework === 'uni-app' && files.wxml) {
      for (const element of documentElements(files.wxml)) {
        if (result.has(element.name) || !element.name.includes('-')) continue;
        const unit = this.easycomComponent(element.name);
        if (unit) result.set(element.name, unit);
      }
    }
    return result;
  }

  private easycomRules: [RegExp, string][] | undefined;
  private uniModules: string[] | undefined;

  private readonly easycomByTag: Map<string, ComponentUnit | undefined>;

  private easycomComponent(tag: string): ComponentUnit | undefined {
    if (this.easycomByTag.has(tag)) return this.easycomByTag.get(tag);
    if (this.componentsFrozen) throw COMPONENT_SET_CHANGED;
    const unit = this.findEasycomComponent(tag);
    this.easycomByTag.set(tag, unit);
    return unit;
  }

  private findEasycomComponent(tag: string): ComponentUnit | undefined {
    if (!this.easycomRules) {
      const custom = (
        (this.app as AppUnit | undefined)?.config?.value as { easycom?: { custom?: unknown } } | undefined
      )?.easycom?.custom;
      this.easycomRules = [];
      if (custom && typeof custom === 'object') {
        for (const [pattern, target] of Object.entries(custom as Record<string, unknown>)) {
          try {
            if (typeof target === 'string' && pattern.length < 200)
              this.easycomRules.push([new RegExp(pattern), target]);
          } catch {
            // An invalid pattern matches nothing, as in uni-app's compiler.
          }
        }
      }
      this.uniModules = this.host.readDirectory(path.join(this.root, 'uni_modules'));
    }
    for (const [pattern, target] of this.easycomRules) {
      const match = pattern.exec(tag);
      if (!match) continue;
      const file = target.replace(/\$(\d)/g, (_all, n: string) => match[Number(n)] ?? '');
      const unit = this.moduleBasesOf(path.join(this.root, 'pages.json'), file)
        .map((base) => this.frameworkComponentAt(base))
        .find(Boolean);
      if (unit) return unit;
    }
    const candidates = [
      path.join(this.root, 'components', tag, tag),
      ...(this.uniModules ?? []).map((plugin) => path.join(this.root, 'uni_modules', plugin, 'components', tag, tag)),
    ];
    for (const candidate of candidates) {
      const unit = this.frameworkComponentAt(candidate);
      if (unit) return unit;
    }
    return undefined;
  }

  /** The component whose module is at `target` (with or without its extension, or a folder with index.*), loaded once. */
  private frameworkComponentAt(target: string): ComponentUnit | undefined {
    const base = target.replace(/\.(n?vue|[jt]sx?)$/, '');
    const known = this.componentCache.get(base);
    if (known !== undefined) return known ?? undefined;
    if (this.componentsFrozen) throw COMPONENT_SET_CHANGED;
    const extensions = this.layout?.unitExtensions ?? [];
    const file = [
      ...extensions.map((ext) => base + ext),
      ...extensions.map((ext) => path.join(base, `index${ext}`)),
    ].find((candidate) => this.host.stat(candidate) === 'file');
    if (!file) {
      // A native component inside a framework project (uni-app's wxcomponents/).
      const native = this.component(base);
      if (!native) this.componentCache.set(base, null);
      return native;
    }
    const files = this.loadFrameworkUnit(file);
    if (!files) {
      this.componentCache.set(base, null);
      return undefined;
    }
    const unit: ComponentUnit = { kind: 'component', components: new Map(), ...files };
    this.componentCache.set(base, unit); // set before recursing: components may use each other
    unit.components = this.usingComponentsOf(undefined, file, files);
    return this.reusedComponent(base, unit);
  }

  /** The previous model's unit for this component when nothing it is made of changed (callers keep its identity). */
  private reusedComponent(base: string, unit: ComponentUnit): ComponentUnit {
    const before = this.previous?.componentCache.get(base);
    if (
      !before ||
      before.base !== unit.base ||
      !sameFiles(before, unit) ||
      !sameComponents(before.components, unit.components)
    )
      return unit;
    this.componentCache.set(base, before);
    return before;
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
      const base = target.startsWith('/')
        ? path.join(this.root, normaliseRoute(target))
        : target.startsWith('.')
          ? this.resolveInRoot(jsonFile, target)
          : path.join(this.root, 'miniprogram_npm', normaliseRoute(target));
      bases.push([tag, base.replace(/\.(wxml|js|ts|json)$/, '')]);
    }
    return bases;
  }

  private component(base: string): ComponentUnit | undefined {
    const known = this.componentCache.get(base);
    if (known !== undefined) return known ?? undefined;
    if (this.componentsFrozen) throw COMPONENT_SET_CHANGED;
    let resolvedBase = base;
    if (this.host.stat(`${base}.wxml`) !== 'file' && this.host.stat(path.join(base, 'index.wxml')) === 'file')
      resolvedBase = path.join(base, 'index');
    if (this.host.stat(`${resolvedBase}.wxml`) !== 'file') {
      this.componentCache.set(base, null);
      return undefined;
    }
    const unit: ComponentUnit = { kind: 'component', components: new Map(), ...this.loadUnitFiles(resolvedBase) };
    this.componentCache.set(base, unit); // set before recursing: components may use each other
    unit.components = this.usingComponents(unit.json, `${resolvedBase}.json`);
    return this.reusedComponent(base, unit);
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
    let bySpecifier = this.resolvedModules.get(fromFile);
    if (!bySpecifier) this.resolvedModules.set(fromFile, (bySpecifier = new Map<string, ScriptFacts | null>()));
    let found = bySpecifier.get(specifier);
    if (found === undefined) {
      const alias = this.resolveAliasKey();
      let byFile = this.modulePaths.get(alias);
      if (!byFile) this.modulePaths.set(alias, (byFile = new Map<string, Map<string, string | null>>()));
      let paths = byFile.get(fromFile);
      if (!paths) {
        if (byFile.size > 100_000) byFile.clear(); // a bound, far above any real project
        byFile.set(fromFile, (paths = new Map<string, string | null>()));
      }
      const known = paths.get(specifier);
      found = known === null ? null : known !== undefined ? (this.scriptAt(known) ?? null) : null;
      if (known === undefined || (known !== null && !found)) {
        const problemsBefore = this.problemsNoted;
        for (const base of this.moduleBasesOf(fromFile, specifier)) {
          found = this.loadScript(base) ?? this.loadScript(path.join(base, 'index')) ?? null;
          if (found) break;
        }
        // Only a resolution that noted no problem on the way (a binary candidate) is remembered: the next model
        // must note them again.
        if (this.problemsNoted === problemsBefore) paths.set(specifier, found ? found.file : null);
        else paths.delete(specifier);
      }
      bySpecifier.set(specifier, found);
      if (found) this.resolvedTargets.add(found.file);
    }
    return found ?? undefined;
  }

  /** The script at this exact path, loaded once per model. */
  private scriptAt(file: string): ScriptFacts | undefined {
    const cached = this.scriptCache.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const script = this.load(file, 'script');
    this.scriptCache.set(file, script ?? null);
    return script;
  }

  /** Modules resolved in this model (reach.ts asks for the same imports again and again), null when missing. */
  private readonly resolvedModules: Map<string, Map<string, ScriptFacts | null>>;

  /**
   * Where a `require`/`import` path may point, in the order the runtime tries them
   * (https://developers.weixin.qq.com/miniprogram/dev/reference/api/require.html): an app.json `resolveAlias`
   * mapping (longest key first, https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#resolveAlias);
   * a path relative to the current file (`'utils/x.js'` is as relative as `'./utils/x.js'`); an npm package
   * built into miniprogram_npm.
   */
  private moduleBasesOf(fromFile: string, specifier: string): string[] {
    const alias = this.resolveAliasKey();
    let byFile = this.moduleBases.get(alias);
    if (!byFile) this.moduleBases.set(alias, (byFile = new Map<string, Map<string, string[]>>()));
    let bySpecifier = byFile.get(fromFile);
    if (!bySpecifier) {
      if (byFile.size > 100_000) byFile.clear(); // a bound, far above any real project
      byFile.set(fromFile, (bySpecifier = new Map<string, string[]>()));
    }
    let bases = bySpecifier.get(specifier);
    if (bases === undefined) {
      const candidates: string[] = [];
      const aliased = this.applyResolveAlias(specifier);
      if (aliased !== undefined) candidates.push(path.join(this.root, normaliseRoute(aliased)));
      // uni-app and Taro projects import from the source root as `@/…` (their default alias).
      if (this.layout && /^~?@\//.test(specifier))
        candidates.push(path.join(this.root, normaliseRoute(specifier.replace(/^~?@\//, ''))));
      if (specifier.startsWith('/')) candidates.push(path.join(this.root, normaliseRoute(specifier)));
      else {
        candidates.push(this.resolveInRoot(fromFile, specifier));
        if (!specifier.startsWith('.'))
          candidates.push(path.join(this.root, 'miniprogram_npm', normaliseRoute(specifier)));
      }
      bases = candidates.map((base) => base.replace(/\.(js|ts|jsx|tsx)$/, ''));
      bySpecifier.set(specifier, bases);
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
          if (typeof to === 'string' && from.endsWith('/*') && to.endsWith('/*'))
            rules.push([from.slice(0, -1), to.slice(0, -1)]);
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
      // Modules it imports, and those it passes on (`export * from`, `export { x } from`): a call followed through
      // a re-export reads them too, so they are shared inputs like any imported module.
      for (const specifier of moduleSpecifiers(script)) {
        const target = this.resolveModule(script.file, specifier);
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
