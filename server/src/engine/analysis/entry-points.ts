import type { ComponentUnit, PageUnit, ProjectModel, UnitFiles } from '../model';
import type { EventBinding, ScriptFacts, ScriptFunction } from '../parse';
import { MODULE_CODE, isSynchronous, documentElements } from '../parse';
import type { LaunchPath } from './launch-path';
import { FunctionRef, ReachedCall, handlerOf, reachableCalls } from './reach';
import { ViewElement, gestureBindings } from './wxml-view';
import { memoize } from '../model';
import type { Framework } from '../model';
import { appLifecycles, componentLifecycles, pageLifecycles } from './lifecycles';

/**
 * Where code starts running, and why: lifecycle code runs by itself (launch, page load, component attach);
 * gesture handlers run because the user did something. Rules about "without user action" follow calls
 * from the first kind; rules about "only in a tap" check that the second kind reaches a call synchronously.
 */
export interface EntryPoint {
  kind: 'lifecycle' | 'gesture';
  /** `onLaunch`, `onLoad`, `attached`…, or the event name (`tap`, `submit`, `change`…). */
  name: string;
  ref: FunctionRef;
  owner: 'app' | PageUnit | ComponentUnit;
  /** Runs before the user has done anything: app launch, or a page on the launch path (or a component on one). */
  onLaunchPath: boolean;
  binding?: { view: ViewElement; binding: EventBinding };
}

export interface ReachedFromEntry {
  entry: EntryPoint;
  reached: ReachedCall;
}

/** Events that count as a tap for APIs that WeChat allows only "in a tap" (requestSubscribeMessage, openSetting…). */
export const TAP_EVENTS = new Set(['tap', 'submit', 'longpress', 'longtap']);

type FoundPlatformCall = ReachedFromEntry & { api: string };

/** The platform calls one unit's entry points reach, in entry order, by entry kind and by API. */
interface UnitPlatformCalls {
  ordered: FoundPlatformCall[];
  byKind: Record<EntryPoint['kind'], FoundPlatformCall[]>;
  byApi: Map<string, FoundPlatformCall[]>;
}

const LAUNCH_ENTRIES = {};
const OTHER_ENTRIES = {};
const PLATFORM_SLOT = {};
const PAGES_CALLING = {};

/**
 * The entry points of a unit are remembered on it (memo.ts), one list for either place on the launch path,
 * so they keep their identity across analyses; so does what they reach, remembered on that list. Queries
 * walk the units' lists: after an edit only the edited unit's calls are looked up again.
 */
export class EntryPoints {
  /** Each unit's entry points (the app's, then the pages', then the components'). */
  private readonly perUnit: EntryPoint[][] = [];
  private calls: UnitPlatformCalls[] | undefined;

  constructor(
    private readonly model: ProjectModel,
    launch: LaunchPath,
  ) {
    const launchComponents = new Set<UnitFiles>();
    const collectComponents = (unit: UnitFiles, into: Set<UnitFiles>) => {
      for (const component of unit.components.values()) {
        if (into.has(component)) continue;
        into.add(component);
        collectComponents(component, into);
      }
    };
    for (const route of launch.launchPages) {
      const page = model.pageByRoute.get(route);
      if (page) collectComponents(page, launchComponents);
    }

    const app = model.app.script;
    if (app)
      this.perUnit.push(
        memoize(app, LAUNCH_ENTRIES, undefined, () => [
          ...moduleLoad(app),
          ...lifecycles('app', app, appLifecycles(model.framework), true),
        ]),
      );
    // Only the pages whose entry points reach a platform call matter to the queries (whether one does is the same
    // on the launch path or off it; ProjectModel.pagesWhere keeps the list across page edits).
    const calling = model.pagesWhere(
      PAGES_CALLING,
      (page) => this.callsOf(entriesOf(page, false, model.framework)).ordered.length > 0,
    );
    for (const at of calling) {
      const page = model.pages[at];
      this.perUnit.push(entriesOf(page, launch.launchPages.has(page.route), model.framework));
    }
    for (const component of model.components())
      this.perUnit.push(entriesOf(component, launchComponents.has(component), model.framework));
  }

  /** Every platform API call (wx.api / uni.api) reachable from an entry point, with the entry, in entry order. */
  platformCalls(accept: (api: string) => boolean, kind?: EntryPoint['kind']): ReachedFromEntry[] {
    const result: ReachedFromEntry[] = [];
    const units = this.unitCalls();
    for (const at of this.unitsCalling(accept)) {
      const unit = units[at];
      let acceptedCount = 0;
      let onlyApi: string | undefined;
      for (const api of unit.byApi.keys()) {
        if (!accept(api)) continue;
        acceptedCount++;
        onlyApi = api;
      }
      if (acceptedCount === 0) continue;
      if (acceptedCount === unit.byApi.size) {
        for (const found of kind ? unit.byKind[kind] : unit.ordered) result.push(found);
      } else if (acceptedCount === 1) {
        for (const found of unit.byApi.get(onlyApi!)!) if (!kind || found.entry.kind === kind) result.push(found);
      } else {
        for (const found of kind ? unit.byKind[kind] : unit.ordered) if (accept(found.api)) result.push(found);
      }
    }
    return result;
  }

  /** The places in unitCalls() of the units that reach a call of an API `accept` takes, ascending. */
  private unitsCalling(accept: (api: string) => boolean): number[] {
    if (!this.byApi) {
      // One index per analysis: each query then visits the units that reach its APIs, not every unit.
      this.byApi = new Map<string, number[]>();
      const units = this.unitCalls();
      for (let at = 0; at < units.length; at++) {
        for (const api of units[at].byApi.keys()) {
          const places = this.byApi.get(api);
          if (places) places.push(at);
          else this.byApi.set(api, [at]);
        }
      }
    }
    const accepted: number[][] = [];
    for (const [api, places] of this.byApi) if (accept(api)) accepted.push(places);
    return accepted.length === 1 ? accepted[0] : [...new Set(accepted.flat())].sort((a, b) => a - b);
  }

  private byApi: Map<string, number[]> | undefined;

  private unitCalls(): UnitPlatformCalls[] {
    this.calls ??= this.perUnit.map((entries) => this.callsOf(entries));
    return this.calls;
  }

  private callsOf(entries: EntryPoint[]): UnitPlatformCalls {
    return memoize(entries, PLATFORM_SLOT, this.model.sharedRevision, () => platformCallsOf(this.model, entries));
  }
}

function platformCallsOf(model: ProjectModel, entries: EntryPoint[]): UnitPlatformCalls {
  const calls: UnitPlatformCalls = { ordered: [], byKind: { lifecycle: [], gesture: [] }, byApi: new Map() };
  for (const entry of entries) {
    for (const reached of reachableCalls(model, entry.ref)) {
      if (reached.call.kind !== 'platform') continue;
      const found = { entry, reached, api: reached.call.api };
      calls.ordered.push(found);
      calls.byKind[entry.kind].push(found);
      const list = calls.byApi.get(found.api);
      if (list) list.push(found);
      else calls.byApi.set(found.api, [found]);
    }
  }
  return calls;
}

function entriesOf(unit: PageUnit | ComponentUnit, onLaunchPath: boolean, framework: Framework): EntryPoint[] {
  return memoize(unit, onLaunchPath ? LAUNCH_ENTRIES : OTHER_ENTRIES, undefined, () => {
    const names = unit.kind === 'page' ? pageLifecycles(framework) : componentLifecycles(framework);
    return [...lifecycles(unit, unit.script, names, onLaunchPath), ...gestures(unit, onLaunchPath)];
  });
}

/**
 * app.js's top-level code and the modules it loads run before onLaunch (an analytics SDK required on the first
 * line that asks for the location at load is as much launch code as onLaunch).
 */
function moduleLoad(app: ScriptFacts): EntryPoint[] {
  const fn = app.functions.get(MODULE_CODE);
  return fn
    ? [{ kind: 'lifecycle', name: 'module load', ref: { script: app, fn }, owner: 'app', onLaunchPath: true }]
    : [];
}

function lifecycles(
  owner: EntryPoint['owner'],
  script: ScriptFacts | undefined,
  names: string[],
  onLaunchPath: boolean,
): EntryPoint[] {
  const result: EntryPoint[] = [];
  for (const name of names) {
    const fn: ScriptFunction | undefined = script?.definition?.members.get(name);
    if (script && fn) result.push({ kind: 'lifecycle', name, ref: { script, fn }, owner, onLaunchPath });
  }
  return result;
}

function gestures(owner: PageUnit | ComponentUnit, onLaunchPath: boolean): EntryPoint[] {
  const result: EntryPoint[] = [];
  if (!owner.wxml) return result;
  for (const element of documentElements(owner.wxml)) {
    for (const binding of gestureBindings(element)) {
      const ref = handlerOf(owner, binding.handler);
      if (!ref) continue;
      const view: ViewElement = { element, owner, document: owner.wxml };
      result.push({ kind: 'gesture', name: binding.event, ref, owner, onLaunchPath, binding: { view, binding } });
    }
  }
  return result;
}

/**
 * Whether a gesture entry is a tap: a tap event itself, or a custom component's event that the component
 * triggers synchronously from a tap inside it (`<u-modal bind:confirm="…">` whose confirm button's tap
 * handler calls `this.triggerEvent('confirm')`): WeChat calls the parent's handler within that tap.
 */
export function isTapEntry(model: ProjectModel, entry: EntryPoint): boolean {
  if (entry.kind !== 'gesture') return false;
  if (TAP_EVENTS.has(entry.name)) return true;
  const component =
    entry.binding && entry.owner !== 'app' ? entry.owner.components.get(entry.binding.view.element.name) : undefined;
  return !!component && triggersOnTap(model, component, entry.name, 0);
}

const MAX_EVENT_DEPTH = 3;

function triggersOnTap(model: ProjectModel, component: ComponentUnit, event: string, depth: number): boolean {
  if (!component.wxml || depth > MAX_EVENT_DEPTH) return false;
  const quoted = new RegExp(`^\\s*['"\`]${event.replace(/[^\w-]/g, '')}['"\`]`);
  for (const element of documentElements(component.wxml)) {
    for (const binding of gestureBindings(element)) {
      const inner = component.components.get(element.name);
      const tap = TAP_EVENTS.has(binding.event) || (!!inner && triggersOnTap(model, inner, binding.event, depth + 1));
      const handler = tap ? handlerOf(component, binding.handler) : undefined;
      if (!handler) continue;
      for (const reached of reachableCalls(model, handler)) {
        if (
          reached.call.kind === 'method' &&
          reached.call.name === 'triggerEvent' &&
          quoted.test(reached.call.argumentText) &&
          runsSynchronously(reached)
        )
          return true;
      }
    }
  }
  return false;
}

/**
 * True when the whole chain from the entry function to the call still counts as the user's tap: synchronous,
 * or (with `allowUserCallbacks`) inside a payment or dialog callback that follows a tap, with no await or timer.
 */
export function runsSynchronously(reached: ReachedCall, allowUserCallbacks = false): boolean {
  const sites = [...reached.chain.map((hop) => hop.call.site), reached.call.site];
  return sites.every(
    (site) =>
      isSynchronous(site.context) ||
      (allowUserCallbacks && site.context.userCallback && !site.context.timer && !site.context.afterAwait),
  );
}

/** What made the chain asynchronous, for messages. */
export function asynchronousReason(reached: ReachedCall): 'timer' | 'await' | 'callback' | undefined {
  const sites = [...reached.chain.map((hop) => hop.call.site), reached.call.site];
  if (sites.some((s) => s.context.timer)) return 'timer';
  if (sites.some((s) => s.context.afterAwait)) return 'await';
  if (sites.some((s) => s.context.callback)) return 'callback';
  return undefined;
}
