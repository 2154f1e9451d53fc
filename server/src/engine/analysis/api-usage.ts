import type { ProjectModel } from '../model';
import type { ScriptCall, ScriptFacts, ScriptFunction } from '../parse';
import { isReExport, attribute, elementsNamed } from '../parse';
import type { SourceRange } from '../types';
import { authorizeScope } from './privacy-apis';
import { memoize, settingRange, settingsValue, sortedPlace } from '../model';

export type PlatformCall = Extract<ScriptCall, { kind: 'platform' }>;

export interface ApiUse {
  script: ScriptFacts;
  fn: ScriptFunction;
  call: PlatformCall;
}

const usageCache = new WeakMap<ProjectModel, ApiUse[]>();
const USES_SLOT = {};

/** One script's `wx.*` calls in source order, and by API: the small summary project-wide queries join. */
interface ScriptUses {
  ordered: ApiUse[];
  byApi: Map<string, ApiUse[]>;
}

/** Remembered on the script (its calls depend on its own text only), so an edit re-indexes the edited script alone. */
function scriptUses(script: ScriptFacts): ScriptUses {
  return memoize(script, USES_SLOT, undefined, () => {
    const ordered = usesIn(script);
    const byApi = new Map<string, ApiUse[]>();
    for (const use of ordered) {
      const list = byApi.get(use.call.api);
      if (list) list.push(use);
      else byApi.set(use.call.api, [use]);
    }
    return { ordered, byApi };
  });
}

/** Every `wx.*` call written in the project's scripts, reachable or not (what the code asks the platform for). */
export function platformUses(model: ProjectModel): ApiUse[] {
  let uses = usageCache.get(model);
  if (uses) return uses;
  uses = [];
  // One push per use, not push(...list): spreading 130,000 calls of one file as arguments overflows the stack.
  for (const script of model.allScripts()) for (const use of scriptUses(script).ordered) uses.push(use);
  usageCache.set(model, uses);
  return uses;
}

const usesByApi = new WeakMap<ProjectModel, Map<string, ApiUse[]>>();

/** The `wx.*` calls of these APIs (see platformUses), in the same order; one API's are kept for the analysis. */
export function platformUsesOf(model: ProjectModel, ...apis: string[]): ApiUse[] {
  if (apis.length !== 1) {
    const wanted = new Set(apis);
    return platformUsesWhere(model, (api) => wanted.has(api));
  }
  let index = usesByApi.get(model);
  if (!index) usesByApi.set(model, (index = new Map<string, ApiUse[]>()));
  let uses = index.get(apis[0]);
  if (!uses) index.set(apis[0], (uses = platformUsesWhere(model, (api) => api === apis[0])));
  return uses;
}

/** The scripts that call each API, by their place in `model.allScripts()`, in that order (see ProjectModel.derived). */
const SCRIPTS_BY_API = {};

function scriptsCalling(model: ProjectModel): Map<string, number[]> {
  return model.derived(
    SCRIPTS_BY_API,
    () => {
      const index = new Map<string, number[]>();
      const scripts = model.allScripts();
      for (let at = 0; at < scripts.length; at++) {
        for (const api of scriptUses(scripts[at]).byApi.keys()) {
          const list = index.get(api);
          if (list) list.push(at);
          else index.set(api, [at]);
        }
      }
      return index;
    },
    // A replaced script keeps its place: only the APIs it stopped or started calling move.
    (index, changes) => {
      for (const [at, before, after] of changes.scripts) {
        const was = scriptUses(before).byApi;
        const is = scriptUses(after).byApi;
        for (const api of was.keys()) {
          if (is.has(api)) continue;
          const list = index.get(api)!;
          list.splice(list.indexOf(at), 1);
          if (!list.length) index.delete(api);
        }
        for (const api of is.keys()) {
          if (was.has(api)) continue;
          const list = index.get(api);
          if (!list) index.set(api, [at]);
          else list.splice(sortedPlace(list, at), 0, at);
        }
      }
      return index;
    },
  );
}

/** The scripts that call any API `accept` takes, in the order of `model.allScripts()` (found in one index per analysis). */
export function scriptsCallingWhere(model: ProjectModel, accept: (api: string) => boolean): ScriptFacts[] {
  const acceptedApis: number[][] = [];
  for (const [api, places] of scriptsCalling(model)) if (accept(api)) acceptedApis.push(places);
  const places = acceptedApis.length === 1 ? acceptedApis[0] : [...new Set(acceptedApis.flat())].sort((a, b) => a - b);
  const scripts = model.allScripts();
  return places.map((at) => scripts[at]);
}

/** One script's `wx.*` calls of the APIs `accept` takes, in source order. */
export function scriptUsesWhere(script: ScriptFacts, accept: (api: string) => boolean): ApiUse[] {
  const { ordered, byApi } = scriptUses(script);
  let accepted = 0;
  let onlyApi: string | undefined;
  for (const api of byApi.keys()) {
    if (!accept(api)) continue;
    accepted++;
    onlyApi = api;
  }
  if (accepted === byApi.size) return ordered;
  if (accepted === 1) return byApi.get(onlyApi!)!;
  return accepted ? ordered.filter((use) => accept(use.call.api)) : [];
}

/**
 * The `wx.*` calls of the APIs `accept` takes, in the order of platformUses, joined from the scripts' own
 * indexes (remembered on each script) through one index of which scripts call which API (one pass per
 * analysis): a query visits the scripts that make the calls it wants, not every call of the project.
 */
export function platformUsesWhere(model: ProjectModel, accept: (api: string) => boolean): ApiUse[] {
  const uses: ApiUse[] = [];
  for (const script of scriptsCallingWhere(model, accept))
    for (const use of scriptUsesWhere(script, accept)) uses.push(use);
  return uses;
}

function usesIn(script: ScriptFacts): ApiUse[] {
  const functions = new Map<number, ScriptFunction>();
  const add = (fn: ScriptFunction) => functions.set(fn.start, fn);
  script.definition?.members.forEach(add);
  script.functions.forEach(add);
  script.exports.forEach((entry) => typeof entry !== 'string' && !isReExport(entry) && add(entry));
  // One use per call site: a Taro component's handler (`const onLogin = () => …` inside it) is a function of its
  // own and also part of the component's body, so its calls are listed twice; the innermost function owns them.
  const bySite = new Map<number, ApiUse>();
  for (const fn of functions.values()) {
    for (const call of fn.calls) {
      if (call.kind !== 'platform') continue;
      const seen = bySite.get(call.site.start);
      if (!seen || fn.start > seen.fn.start) bySite.set(call.site.start, { script, fn, call });
    }
  }
  return [...bySite.values()];
}

export function callRangeOf(use: { script: ScriptFacts; call: ScriptCall }): SourceRange {
  return { file: use.script.file, start: use.call.site.start, end: use.call.site.end };
}

export interface DeclaredInfo {
  api: string;
  range: SourceRange;
  index: number;
}

/**
 * `requiredPrivateInfos` with ranges (in app.json, manifest.json "mp-weixin" or app.config: model.app.settings),
 * plus the APIs ext.json declares (third-party platform apps).
 */
export function declaredPrivateInfos(model: ProjectModel): {
  entries: DeclaredInfo[];
  present: boolean;
  extra: string[];
} {
  const settings = model.app.settings;
  const entries: DeclaredInfo[] = [];
  const list = settingsValue(settings)?.requiredPrivateInfos;
  if (Array.isArray(list)) {
    list.forEach((api, index) => {
      const range = settingRange(settings, ['requiredPrivateInfos', index]);
      if (typeof api === 'string' && range) entries.push({ api, index, range });
    });
  }
  // Third-party platform apps declare in ext.json; its entries count too (they are reported on app.json only).
  const ext = model.extConfig();
  const extList = (ext?.value as { requiredPrivateInfos?: unknown } | undefined)?.requiredPrivateInfos;
  const extra = Array.isArray(extList) ? extList.filter((api): api is string => typeof api === 'string') : [];
  return { entries, present: Array.isArray(list), extra };
}

/** Third-party code shipped with the app: npm packages and bundled SDKs (map SDKs, minified libraries). */
export function isVendored(model: ProjectModel, script: ScriptFacts): boolean {
  // Asked for every hop of every chain a rule reports: remembered on the script (its path and text decide).
  return memoize(script, VENDORED_SLOT, undefined, () => {
    const relative = model.relative(script.file);
    if (/(^|\/)(miniprogram_npm|node_modules|vendor|vendors)\//.test(relative)) return true;
    if (/\.min\.js$|jssdk|[-_.]sdk\.js$|^sdk\//i.test(relative)) return true;
    // Compiled library output (a component library's dist copied into the project: `exports.__esModule`).
    if (
      /^(?:\s*(?:"use strict"|'use strict');?)?\s*Object\.defineProperty\(exports, ["']__esModule["']/.test(
        script.content.slice(0, 200),
      )
    )
      return true;
    if (script.content.length <= 2000) return false;
    let lines = 1;
    for (let at = script.content.indexOf('\n'); at !== -1; at = script.content.indexOf('\n', at + 1)) lines++;
    return script.content.length / lines > 300; // minified
  });
}

const VENDORED_SLOT = {};

/**
 * The scopes a `wx.authorize` call asks for: the literal one it names, or, in a component that takes the scope
 * as a property (`wx.authorize({ scope: this.properties.scope })`, `{ scope }`), the literal values the
 * templates that use the component pass for that property (`<authorize-button scope="scope.userLocation">`).
 */
export function authorizeScopes(model: ProjectModel, use: ApiUse): string[] {
  const literal = authorizeScope(use.call.argumentText);
  if (literal) return [literal];
  const property =
    /\bscope\s*:\s*(?:this\.(?:data|properties)\.)?([A-Za-z_$][\w$]*)/.exec(use.call.argumentText)?.[1] ??
    (/\bscope\s*[,}]/.test(use.call.argumentText) ? 'scope' : undefined);
  if (!property) return [];
  const components = model
    .components()
    .filter((unit) => unit.script === use.script && unit.script.definition?.properties?.includes(property));
  if (!components.length) return [];
  const scopes = new Set<string>();
  for (const user of [...model.pages, ...model.components()]) {
    if (!user.wxml) continue;
    const tags = [...user.components].filter(([, unit]) => components.includes(unit)).map(([tag]) => tag);
    for (const tag of tags) {
      for (const element of elementsNamed(user.wxml, tag)) {
        const value = attribute(element, property)?.value.trim();
        if (value && value.startsWith('scope.') && !value.includes('{{')) scopes.add(value);
      }
    }
  }
  return [...scopes];
}
