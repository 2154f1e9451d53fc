import type { ScriptCall, ScriptFacts, ScriptFunction } from '../parse';
import { MODULE_CODE, isReExport } from '../parse';
import type { ProjectModel, UnitFiles } from '../model';
import { memoize } from '../model';

/** A function together with the module it lives in. */
export interface FunctionRef {
  script: ScriptFacts;
  fn: ScriptFunction;
}

/** One call on the way to a reached call: the call made in `script` that led onwards. */
export interface Hop {
  script: ScriptFacts;
  call: ScriptCall;
}

export interface ReachedCall {
  script: ScriptFacts;
  call: ScriptCall;
  /** Calls followed from the start function to get here, outermost first (empty for a direct call). */
  chain: Hop[];
}

const MAX_CALL_DEPTH = 8;

/**
 * Looks a member up in a module's exports, following `export { local }` to local functions and
 * `export { x } from '…'` / `export * from '…'` to other modules (a few modules deep).
 */
function exported(model: ProjectModel, script: ScriptFacts, name: string, depth = 0): FunctionRef | undefined {
  const entry = script.exports.get(name);
  if (entry && isReExport(entry)) {
    const target = depth < MAX_REEXPORT_DEPTH ? model.resolveModule(script.file, entry.specifier) : undefined;
    return target && exported(model, target, entry.imported === '*' ? 'default' : entry.imported, depth + 1);
  }
  const fn = typeof entry === 'string' ? script.functions.get(entry) : entry;
  if (fn) return { script, fn };
  if (depth >= MAX_REEXPORT_DEPTH || name === 'default') return undefined;
  for (const specifier of script.exportsAllFrom ?? []) {
    const target = model.resolveModule(script.file, specifier);
    const found = target && exported(model, target, name, depth + 1);
    if (found) return found;
  }
  return inherited(model, script, name, depth);
}

/** A method a class of this module inherits: `class A extends B` with B local or imported (a few classes up). */
function inherited(model: ProjectModel, script: ScriptFacts, name: string, depth: number): FunctionRef | undefined {
  if (!script.superclasses || depth >= MAX_REEXPORT_DEPTH) return undefined;
  for (const superclass of script.superclasses.values()) {
    const local = script.functions.get(`${superclass}.${name}`);
    if (local) return { script, fn: local };
    const imported = script.imports.get(superclass);
    const target = imported && model.resolveModule(script.file, imported.specifier);
    const found = target && exported(model, target, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const MAX_REEXPORT_DEPTH = 4;

/** Where a call lands, when it is a function of this project that we can see. */
export function resolveCall(model: ProjectModel, script: ScriptFacts, call: ScriptCall): FunctionRef | undefined {
  switch (call.kind) {
    case 'method': {
      // `this.x()` in a Page, in a module function, or inside a class or object of helpers (`Class.x`).
      const fn =
        script.definition?.members.get(call.name) ?? script.functions.get(call.name) ?? memberNamed(script, call.name);
      if (fn) return { script, fn };
      // `...mapActions(['getGeo'])` in the definition: `this.getGeo()` dispatches the store action.
      const bound = script.definition?.storeMembers?.get(call.name);
      if (bound) return storeHandler(model, bound.action === 'commit' ? 'mutations' : 'actions', bound.name);
      return inherited(model, script, call.name, 0);
    }
    case 'local': {
      const fn = script.functions.get(call.name);
      if (fn) return { script, fn };
      const imported = script.imports.get(call.name);
      if (!imported) return undefined;
      const target = model.resolveModule(script.file, imported.specifier);
      return target && exported(model, target, imported.imported === '*' ? 'default' : imported.imported);
    }
    case 'member': {
      const imported = script.imports.get(call.object);
      if (!imported) return undefined;
      const target = model.resolveModule(script.file, imported.specifier);
      // `import * as api from` / `require()` reach the module's exports; `import api from` its default export object.
      return target && exported(model, target, call.name);
    }
    case 'load': {
      const target = model.resolveModule(script.file, call.specifier);
      const fn = target?.functions.get(MODULE_CODE);
      return target && fn ? { script: target, fn } : undefined;
    }
    case 'store':
      return storeHandler(model, call.action === 'commit' ? 'mutations' : 'actions', call.name);
    case 'app': {
      const app = model.app.script;
      const fn = app?.definition?.members.get(call.name) ?? app?.functions.get(call.name);
      return app && fn ? { script: app, fn } : undefined;
    }
    default:
      return undefined;
  }
}

const STORE_SLOT = {};

/**
 * The Vuex mutation or action of that name: a method of a module-level `mutations` / `actions` object in one of
 * the app's scripts (a store module: `const mutations = { subscribeMessage(state, type) {…} }`). Indexed once
 * per analysis.
 */
function storeHandler(model: ProjectModel, kind: 'mutations' | 'actions', name: string): FunctionRef | undefined {
  const index = memoize(model, STORE_SLOT, undefined, () => {
    const handlers = new Map<string, FunctionRef>();
    for (const script of model.allScripts()) {
      for (const [qualified, fn] of script.functions) {
        if ((qualified.startsWith('mutations.') || qualified.startsWith('actions.')) && !handlers.has(qualified))
          handlers.set(qualified, { script, fn });
      }
    }
    return handlers;
  });
  return index.get(`${kind}.${name}`);
}

const MEMBERS_SLOT = {};

/**
 * The first `Owner.name` function of the module (a class or object of helpers), looked up in an index made once
 * per module: a scan of every function for each `this.x()` was quadratic in a module with thousands of both.
 */
function memberNamed(script: ScriptFacts, name: string): ScriptFunction | undefined {
  const members = memoize(script, MEMBERS_SLOT, undefined, () => {
    const index = new Map<string, ScriptFunction>();
    for (const [qualified, fn] of script.functions) {
      const first = qualified.indexOf('.');
      if (first < 0) continue;
      // The member name, and its last part when it holds dots itself (`O['a.b']` answers `this.b()` too).
      for (const member of [qualified.slice(first + 1), qualified.slice(qualified.lastIndexOf('.') + 1)]) {
        if (!index.has(member)) index.set(member, fn);
      }
    }
    return index;
  });
  return members.get(name);
}

const REACH_SLOT = {};

/**
 * Every call reachable from `start`, following `this.x()`, module-level functions, helper modules and
 * getApp() methods, each with the chain of calls that led to it. Cycles and depth are bounded.
 * Remembered on the function (memo.ts): the walk reads the function's own module and the shared scripts
 * (helpers, app.js), so it holds while the function's module and the shared revision are unchanged.
 */
export function reachableCalls(model: ProjectModel, start: FunctionRef): ReachedCall[] {
  return memoize(start.fn, REACH_SLOT, model.sharedRevision, () => walkCalls(model, start));
}

function walkCalls(model: ProjectModel, start: FunctionRef): ReachedCall[] {
  const result: ReachedCall[] = [];
  const visited = new Set<string>();
  const walk = (ref: FunctionRef, chain: Hop[]): void => {
    const key = `${ref.script.file}#${ref.fn.name}#${ref.fn.start}`;
    if (visited.has(key) || chain.length > MAX_CALL_DEPTH) return;
    visited.add(key);
    for (const call of ref.fn.calls) {
      result.push({ script: ref.script, call, chain });
      const next = resolveCall(model, ref.script, call);
      if (next) walk(next, [...chain, { script: ref.script, call }]);
    }
  };
  walk(start, []);
  return result;
}

/** The call in the start function that begins the chain: where a finding about the chain belongs. */
export function firstSite(reached: ReachedCall): Hop {
  return reached.chain[0] ?? { script: reached.script, call: reached.call };
}

/** The function a page or component's template names as an event handler (`bindtap="pay"`), when it defines it. */
export function handlerOf(owner: UnitFiles, name: string): FunctionRef | undefined {
  const script = owner.script;
  const fn = script?.definition?.members.get(name);
  return script && fn ? { script, fn } : undefined;
}

/** A call as the developer wrote it, for messages: `wx.reLaunch`, `this.login()`, `auth.check()`… */
export function describeCall(call: ScriptCall): string {
  switch (call.kind) {
    case 'platform':
      return `wx.${call.api}`;
    case 'method':
      return `this.${call.name}()`;
    case 'member':
      return `${call.object}.${call.name}()`;
    case 'load':
      return `require('${call.specifier}')`;
    case 'app':
      return `getApp().${call.name}()`;
    case 'store':
      return `${call.action}('${call.name}')`;
    default:
      return `${call.name}()`;
  }
}
