import type { ProjectModel } from '../model';
import { memoize } from '../model';
import type { ScriptFunction } from '../parse';
import type { FunctionRef, Hop, ReachedCall } from './reach';
import { firstSite, resolveCall } from './reach';
import { isVendored } from './api-usage';

/**
 * Where a finding about a reached call belongs: at its root, the one place a developer changes to fix it.
 *
 * A chain runs from an entry function (a lifecycle) through helpers to the call (a platform API, a
 * navigation). The root is the deepest call on the chain that decides something: wrappers that only hand an
 * API on (`promisify(wx.getLocation)`, a method whose body is one call) and vendored SDK code are skipped
 * upwards. When several
 * entry points reach the same root (a login helper every page calls on load, a request helper that
 * redirects on 401), one finding stands at the root for all of them; when only one does, the finding stays
 * at the call in the entry function, where that page decided to start the chain.
 */

export interface Rooted<T> {
  /** The call the finding is reported at. */
  site: Hop;
  /** Every occurrence that shares the root, in the order met. */
  members: T[];
  /** Whether the finding stands at a shared root (several entry points) rather than at one entry's call. */
  shared: boolean;
}

/**
 * The words of a platform API that name what it gets (`getLocation` -> location, `chooseAddress` -> address):
 * a helper whose name says it gets that (`getLocationInfo`, `fetchAddress`) is asked for it by its caller,
 * which is where the decision lies. A helper named otherwise (`checkSession`, `loginIn`) hides the request.
 */
function subjectWords(api: string): string[] {
  return api
    .replace(/^[a-z]+/, '')
    .split(/(?=[A-Z])/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 5 && !GENERIC_WORDS.has(word));
}
const GENERIC_WORDS = new Set(['update', 'background', 'message', 'setting', 'settings']);

/** The calls of a chain, outermost first, each with the function it is written in. */
function frames(
  model: ProjectModel,
  start: FunctionRef,
  reached: ReachedCall,
): { hop: Hop; fn: ScriptFunction | undefined }[] {
  const hops: Hop[] = [...reached.chain, { script: reached.script, call: reached.call }];
  const result: { hop: Hop; fn: ScriptFunction | undefined }[] = [];
  let fn: ScriptFunction | undefined = start.fn;
  for (const hop of hops) {
    result.push({ hop, fn });
    fn = resolveCall(model, hop.script, hop.call)?.fn;
  }
  return result;
}

const ROOT_SLOT = {};

/**
 * The deepest call on the chain that is not inside a wrapper. Remembered on the reached call (it reads the
 * chain's modules, as reachableCalls does, so it holds for the same shared revision); asked for every call
 * lifecycle code reaches on every analysis, to group them by root.
 */
export function rootOf(model: ProjectModel, start: FunctionRef, reached: ReachedCall): Hop {
  const known = memoize(reached, ROOT_SLOT, model.sharedRevision, () => ({
    fn: start.fn,
    root: findRoot(model, start, reached),
  }));
  return known.fn === start.fn ? known.root : findRoot(model, start, reached);
}

function findRoot(model: ProjectModel, start: FunctionRef, reached: ReachedCall): Hop {
  const all = frames(model, start, reached);
  let index = all.length - 1;
  const subject = reached.call.kind === 'platform' ? subjectWords(reached.call.api) : [];
  const isWrapper = (i: number) => {
    const { hop, fn } = all[i];
    if (hop.call.kind === 'platform' && hop.call.reference === true) return true;
    // Inside vendored code (an SDK, miniprogram_npm) the app decides nothing: its call into the SDK does.
    if (isVendored(model, hop.script)) return true;
    if (!fn || fn === start.fn) return false;
    const name = fn.name.slice(fn.name.lastIndexOf('.') + 1).toLowerCase();
    // A body that is one call passes the chain on; a helper named for what the API gets is asked for it.
    return fn.calls.length <= 1 || subject.some((word) => name.includes(word));
  };
  while (index > 0 && isWrapper(index)) index--;
  return all[index].hop;
}

const siteKey = (hop: Hop) => `${hop.script.file}\0${hop.call.site.start}`;

/**
 * Groups occurrences by root. `originOf` names the entry point an occurrence starts from (owner and
 * lifecycle); a root reached from two or more origins is shared.
 */
export function groupByRoot<T>(
  model: ProjectModel,
  items: readonly T[],
  startOf: (item: T) => FunctionRef,
  reachedOf: (item: T) => ReachedCall,
  originOf: (item: T) => string,
): Rooted<T>[] {
  const groups = new Map<string, { root: Hop; members: T[]; origins: Set<string> }>();
  for (const item of items) {
    const root = rootOf(model, startOf(item), reachedOf(item));
    const key = siteKey(root);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { root, members: [], origins: new Set() }));
    group.members.push(item);
    group.origins.add(originOf(item));
  }
  const result: Rooted<T>[] = [];
  for (const group of groups.values()) {
    if (group.origins.size >= 2) {
      result.push({ site: group.root, members: group.members, shared: true });
      continue;
    }
    // One origin: the finding stays at the entry function's own call, once per such call.
    const byFirst = new Map<string, Rooted<T>>();
    for (const member of group.members) {
      const first = firstSite(reachedOf(member));
      const key = siteKey(first);
      const known = byFirst.get(key);
      if (known) known.members.push(member);
      else byFirst.set(key, { site: first, members: [member], shared: false });
    }
    for (const rooted of byFirst.values()) result.push(rooted); // not push(...): 130,000 calls of one onLoad overflow the stack as arguments
  }
  return result;
}
