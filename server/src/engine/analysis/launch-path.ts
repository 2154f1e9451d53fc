import type { PageUnit, ProjectModel } from '../model';
import type { ScriptFacts } from '../parse';
import { FunctionRef, ReachedCall, reachableCalls } from './reach';
import { memoize } from '../model';
import { appLifecycles, pageLifecycles } from './lifecycles';

/**
 * How the user reaches pages without tapping anything: the entry page, and the redirects that app and page
 * lifecycle code makes (through helper modules). The pages reached that way before any tap form the launch path.
 */

/** A navigation the user did not ask for: made from app or page lifecycle code. */
export interface AutoNavigation {
  origin: PageUnit | 'app';
  lifecycle: string;
  /** The lifecycle function the chain starts in. */
  start: FunctionRef;
  reached: ReachedCall;
  target: PageUnit;
}

export const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']);

/** A lifecycle navigation before its URL is resolved against the current pages (targets may be re-parsed). */
interface LifecycleNavigation {
  lifecycle: string;
  start: FunctionRef;
  reached: ReachedCall;
  url: string;
}

const NAVIGATION_SLOT = {};
/** The pages whose lifecycle code navigates (ProjectModel.pagesWhere). */
const PAGES_NAVIGATING = {};

/**
 * Each page's lifecycle redirects are remembered on the page (memo.ts); the launch path is assembled from
 * them on each analysis, and their targets are looked up each time (the target page may have changed).
 */
export class LaunchPath {
  readonly entryPage: PageUnit | undefined;
  /** Routes of the pages a user lands on before tapping anything. */
  readonly launchPages = new Set<string>();
  /** Redirects made on the launch path (app lifecycle, then the entry page and the pages it sends the user to). */
  readonly launchNavigations: AutoNavigation[] = [];
  /** Redirects made by the lifecycle of pages off the launch path. */
  readonly browsingNavigations: AutoNavigation[] = [];
  private readonly revision: object;

  constructor(readonly model: ProjectModel) {
    this.revision = model.sharedRevision;
    this.entryPage = model.app.entryRoute ? model.pageByRoute.get(model.app.entryRoute) : undefined;
    this.traceLaunch();
    for (const at of model.pagesWhere(PAGES_NAVIGATING, (page) => this.lifecycleCallsOf(page).length > 0)) {
      const page = model.pages[at];
      if (this.launchPages.has(page.route)) continue;
      for (const navigation of this.lifecycleNavigations(page)) this.browsingNavigations.push(navigation);
    }
  }

  private navigationsFrom(
    origin: PageUnit | 'app',
    navigations: LifecycleNavigation[],
    fromRoute?: string,
  ): AutoNavigation[] {
    const result: AutoNavigation[] = [];
    for (const { lifecycle, start, reached, url } of navigations) {
      const target = this.model.resolveRoute(url, fromRoute);
      if (target && target !== origin) result.push({ origin, lifecycle, start, reached, target });
    }
    return result;
  }

  private lifecycleCalls(script: ScriptFacts | undefined, lifecycles: string[]): LifecycleNavigation[] {
    const result: LifecycleNavigation[] = [];
    for (const lifecycle of lifecycles) {
      const fn = script?.definition?.members.get(lifecycle);
      if (!script || !fn) continue;
      for (const reached of reachableCalls(this.model, { script, fn })) {
        const call = reached.call;
        if (call.kind === 'platform' && NAVIGATION_APIS.has(call.api) && call.url)
          result.push({ lifecycle, start: { script, fn }, reached, url: call.url });
      }
    }
    return result;
  }

  lifecycleNavigations(page: PageUnit): AutoNavigation[] {
    // The calls are remembered on the page; their targets are looked up now (the target page may have changed).
    const calls = this.lifecycleCallsOf(page);
    return calls.length ? this.navigationsFrom(page, calls, page.route) : [];
  }

  private lifecycleCallsOf(page: PageUnit): LifecycleNavigation[] {
    return memoize(page, NAVIGATION_SLOT, this.revision, () =>
      this.lifecycleCalls(page.script, pageLifecycles(this.model.framework)),
    );
  }

  /** The pages a user lands on before tapping anything: the entry page and wherever launch code sends them. */
  private traceLaunch(): void {
    const queue: PageUnit[] = [];
    const visit = (page: PageUnit) => {
      if (this.launchPages.has(page.route)) return;
      this.launchPages.add(page.route);
      queue.push(page);
    };
    if (this.entryPage) visit(this.entryPage);
    for (const nav of this.navigationsFrom(
      'app',
      this.lifecycleCalls(this.model.app.script, appLifecycles(this.model.framework)),
    )) {
      this.launchNavigations.push(nav);
      visit(nav.target);
    }
    while (queue.length) {
      const page = queue.shift()!;
      for (const nav of this.lifecycleNavigations(page)) {
        this.launchNavigations.push(nav);
        visit(nav.target);
      }
    }
  }
}
