import type { ComponentUnit, PageUnit, ProjectModel, UnitFiles } from '../model/project';
import type { EventBinding } from '../parse/wxml';
import type { ScriptFacts, ScriptFunction } from '../parse/script';
import { isSynchronous } from '../parse/script';
import type { PhoneAnalysis } from './phone-flow';
import { handlerOf } from './phone-flow';
import { FunctionRef, ReachedCall, reachableCalls } from './reach';
import { ViewElement, gestureBindings } from './wxml-view';
import { documentElements } from '../parse/wxml';
import { memoize } from '../model/memo';

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

const APP_LIFECYCLES = ['onLaunch', 'onShow'];
const PAGE_LIFECYCLES = ['onLoad', 'onShow', 'onReady'];
const COMPONENT_LIFECYCLES = ['created', 'attached', 'ready', 'pageLifetimes.show'];
/** Events that count as a tap for APIs that WeChat allows only "in a tap" (requestSubscribeMessage, openSetting…). */
export const TAP_EVENTS = new Set(['tap', 'submit', 'longpress', 'longtap']);

interface PlatformIndex {
  byApi: Map<string, (ReachedFromEntry & { api: string })[]>;
  ordered: (ReachedFromEntry & { api: string })[];
  byKind: Record<EntryPoint['kind'], (ReachedFromEntry & { api: string })[]>;
}

const LAUNCH_ENTRIES = {};
const OTHER_ENTRIES = {};
const PLATFORM_SLOT = {};

/**
 * The entry points of a unit are remembered on it (memo.ts), one list for either place on the launch path,
 * so they keep their identity across analyses; so does what each one reaches (remembered on the entry).
 */
export class EntryPoints {
  readonly all: EntryPoint[] = [];
  private index: PlatformIndex | undefined;

  constructor(
    private readonly model: ProjectModel,
    phone: PhoneAnalysis,
  ) {
    const launchComponents = new Set<UnitFiles>();
    const collectComponents = (unit: UnitFiles, into: Set<UnitFiles>) => {
      for (const component of unit.components.values()) {
        if (into.has(component)) continue;
        into.add(component);
        collectComponents(component, into);
      }
    };
    for (const page of model.pages) if (phone.launchPages.has(page.route)) collectComponents(page, launchComponents);

    const app = model.app.script;
    if (app) this.all.push(...memoize(app, LAUNCH_ENTRIES, undefined, () => lifecycles('app', app, APP_LIFECYCLES, true)));
    for (const page of model.pages) this.all.push(...entriesOf(page, phone.launchPages.has(page.route)));
    for (const component of model.components()) this.all.push(...entriesOf(component, launchComponents.has(component)));
  }

  /** Every platform API call (wx.api / uni.api) reachable from an entry point, with the entry. */
  platformCalls(accept: (api: string) => boolean, kind?: EntryPoint['kind']): ReachedFromEntry[] {
    const { byApi, ordered, byKind } = this.platformIndex();
    const accepted = [...byApi.keys()].filter(accept);
    // In entry order, as a walk over the entries would give them (rules report the first witness).
    if (accepted.length === 1) {
      const found = byApi.get(accepted[0])!;
      return kind ? found.filter((item) => item.entry.kind === kind) : found;
    }
    const candidates = kind ? byKind[kind] : ordered;
    if (accepted.length === byApi.size) return candidates;
    const wanted = new Set(accepted);
    return candidates.filter((item) => wanted.has(item.api));
  }

  /** Reached platform calls in entry order and by API, built once per analysis from what each entry reaches. */
  private platformIndex(): PlatformIndex {
    if (this.index) return this.index;
    const index: PlatformIndex = { byApi: new Map(), ordered: [], byKind: { lifecycle: [], gesture: [] } };
    for (const entry of this.all) {
      const reached = memoize(entry, PLATFORM_SLOT, this.model.sharedRevision, () =>
        reachableCalls(this.model, entry.ref).flatMap((r) => (r.call.kind === 'platform' ? [{ entry, reached: r, api: r.call.api }] : [])),
      );
      for (const found of reached) {
        const api = found.api;
        index.ordered.push(found);
        index.byKind[entry.kind].push(found);
        const list = index.byApi.get(api);
        if (list) list.push(found);
        else index.byApi.set(api, [found]);
      }
    }
    this.index = index;
    return index;
  }
}

function entriesOf(unit: PageUnit | ComponentUnit, onLaunchPath: boolean): EntryPoint[] {
  return memoize(unit, onLaunchPath ? LAUNCH_ENTRIES : OTHER_ENTRIES, undefined, () => {
    const names = unit.kind === 'page' ? [...PAGE_LIFECYCLES, ...COMPONENT_LIFECYCLES] : COMPONENT_LIFECYCLES;
    return [...lifecycles(unit, unit.script, names, onLaunchPath), ...gestures(unit, onLaunchPath)];
  });
}

function lifecycles(owner: EntryPoint['owner'], script: ScriptFacts | undefined, names: string[], onLaunchPath: boolean): EntryPoint[] {
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
 * True when the whole chain from the entry function to the call still counts as the user's tap: synchronous,
 * or (with `allowUserCallbacks`) inside a payment or dialog callback that follows a tap, with no await or timer.
 */
export function runsSynchronously(reached: ReachedCall, allowUserCallbacks = false): boolean {
  const sites = [...reached.chain.map((hop) => hop.call.site), reached.call.site];
  return sites.every((site) => isSynchronous(site.context) || (allowUserCallbacks && site.context.userCallback && !site.context.timer && !site.context.afterAwait));
}

/** What made the chain asynchronous, for messages. */
export function asynchronousReason(reached: ReachedCall): 'timer' | 'await' | 'callback' | undefined {
  const sites = [...reached.chain.map((hop) => hop.call.site), reached.call.site];
  if (sites.some((s) => s.context.timer)) return 'timer';
  if (sites.some((s) => s.context.afterAwait)) return 'await';
  if (sites.some((s) => s.context.callback)) return 'callback';
  return undefined;
}
