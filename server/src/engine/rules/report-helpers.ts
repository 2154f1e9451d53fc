import type { RelatedEvidence, SourceRange } from '../types';
import { text } from '../types';
import type { ViewElement } from '../analysis/wxml-view';
import type { Hop, ReachedCall } from '../analysis/reach';
import { firstSite } from '../analysis/reach';
import type { AutoNavigation } from '../analysis/phone-flow';
import { describeCall } from '../analysis/phone-flow';
import type { ProjectModel } from '../model/project';
import type { ScriptFacts } from '../parse/script';
import type { RuleContext } from './rule';
import { ApiUse, callRangeOf, isVendored } from '../analysis/api-usage';

/** The start tag of an element: what a squiggle under a WXML element should cover. */
export function startTagRange(view: ViewElement): SourceRange {
  return { file: view.document.file, start: view.element.start, end: view.element.startTagEnd };
}

export function callRange(script: ScriptFacts, hop: Pick<Hop, 'call'>): SourceRange {
  return { file: script.file, start: hop.call.site.start, end: hop.call.site.end };
}

/** Related locations for every call in a chain, ending at the reached call (e.g. the redirect in a helper). */
export function chainEvidence(model: ProjectModel, reached: ReachedCall): RelatedEvidence[] {
  const hops = [...reached.chain, { script: reached.script, call: reached.call }];
  return hops.slice(1).map((hop) => ({
    range: callRange(hop.script, hop),
    message: text(`then ${describeCall(hop.call)} in ${model.relative(hop.script.file)}`, `随后在 ${model.relative(hop.script.file)} 中调用 ${describeCall(hop.call)}`),
  }));
}

/** `app.js onLaunch calls checkLogin() → wx.reLaunch` as prose for hovers. */
export function chainProse(reached: ReachedCall): string {
  return [...reached.chain, { script: reached.script, call: reached.call }].map((hop) => describeCall(hop.call)).join(' → ');
}

/**
 * Where to report a platform call: the call itself in the app's own code; for a call inside vendored code
 * (an SDK, miniprogram_npm), the app's call sites that reach it, and nowhere when no app code reaches it.
 * An API handed on by reference (`promisify(wx.getUserProfile)`) is used where the wrapper is called: the
 * app's calls that reach it, and nowhere when nothing calls the wrapper.
 */
export function appCallSites(context: RuleContext, use: ApiUse): SourceRange[] {
  const reference = use.call.kind === 'platform' && use.call.reference === true;
  if (!reference && !isVendored(context.model, use.script)) return [callRangeOf(use)];
  const sites = new Map<string, SourceRange>();
  for (const { reached } of context.entries.platformCalls((api) => api === use.call.api)) {
    if (reached.script !== use.script || reached.call.site.start !== use.call.site.start) continue;
    const hops = [...reached.chain, ...(reference ? [] : [{ script: reached.script, call: reached.call }])];
    const hop = hops.filter((h) => !isVendored(context.model, h.script)).pop() ?? (reference ? { script: reached.script, call: reached.call } : undefined);
    if (hop) sites.set(`${hop.script.file}:${hop.call.site.start}`, callRange(hop.script, hop));
  }
  return [...sites.values()];
}

/**
 * The other redirects a finding about `navigation` stands for: from the same call site (the first hop) to the
 * same page, e.g. a helper that redirects to the login page in two branches. Its fix removes them all.
 */
export function sameRedirects(navigations: readonly AutoNavigation[], navigation: AutoNavigation): ReachedCall[] {
  const site = firstSite(navigation.reached);
  return navigations
    .filter((other) => other !== navigation && other.target === navigation.target)
    .filter((other) => {
      const start = firstSite(other.reached);
      return start.script === site.script && start.call.site.start === site.call.site.start;
    })
    .map((other) => other.reached);
}
