import type { ComponentUnit, PageUnit, ProjectModel, UnitFiles } from '../model/project';
import type { EventBinding } from '../parse/wxml';
import type { ScriptFacts, ScriptFunction } from '../parse/script';
import { isSynchronous } from '../parse/script';
import type { PhoneAnalysis } from './phone-flow';
import { handlerOf } from './phone-flow';
import { FunctionRef, ReachedCall, reachableCalls } from './reach';
import { ViewElement, gestureBindings } from './wxml-view';
import { documentElements } from '../parse/wxml';

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

export class EntryPoints {
  readonly all: EntryPoint[] = [];
  private readonly reachCache = new Map<EntryPoint, ReachedCall[]>();

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

    this.addLifecycles('app', model.app.script, APP_LIFECYCLES, true);
    for (const page of model.pages) {
      const onLaunchPath = phone.launchPages.has(page.route);
      this.addLifecycles(page, page.script, [...PAGE_LIFECYCLES, ...COMPONENT_LIFECYCLES], onLaunchPath);
      this.addGestures(page, onLaunchPath);
    }
    for (const component of model.components()) {
      const onLaunchPath = launchComponents.has(component);
      this.addLifecycles(component, component.script, COMPONENT_LIFECYCLES, onLaunchPath);
      this.addGestures(component, onLaunchPath);
    }
  }

  private addLifecycles(owner: EntryPoint['owner'], script: ScriptFacts | undefined, names: string[], onLaunchPath: boolean): void {
    for (const name of names) {
      const fn: ScriptFunction | undefined = script?.definition?.members.get(name);
      if (script && fn) this.all.push({ kind: 'lifecycle', name, ref: { script, fn }, owner, onLaunchPath });
    }
  }

  private addGestures(owner: PageUnit | ComponentUnit, onLaunchPath: boolean): void {
    if (!owner.wxml) return;
    for (const element of documentElements(owner.wxml)) {
      for (const binding of gestureBindings(element)) {
        const ref = handlerOf(owner, binding.handler);
        if (!ref) continue;
        const view: ViewElement = { element, owner, document: owner.wxml };
        this.all.push({ kind: 'gesture', name: binding.event, ref, owner, onLaunchPath, binding: { view, binding } });
      }
    }
  }

  reach(entry: EntryPoint): ReachedCall[] {
    let reached = this.reachCache.get(entry);
    if (!reached) this.reachCache.set(entry, (reached = reachableCalls(this.model, entry.ref)));
    return reached;
  }

  /** Every platform API call (wx.api / uni.api) reachable from an entry point, with the entry. */
  platformCalls(accept: (api: string) => boolean, kind?: EntryPoint['kind']): ReachedFromEntry[] {
    const result: ReachedFromEntry[] = [];
    for (const entry of this.all) {
      if (kind && entry.kind !== kind) continue;
      for (const reached of this.reach(entry)) {
        if (reached.call.kind === 'platform' && accept(reached.call.api)) result.push({ entry, reached });
      }
    }
    return result;
  }
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
