import type { LocalizedText, RelatedEvidence, SourceRange } from '../../types';
import { text } from '../../types';
import type { ViewElement, Hop, ReachedCall, AutoNavigation, Wall, RunCondition } from '../../analysis';
import { firstSite, runCondition, groupByRoot, describeCall, ApiUse, callRangeOf, isVendored } from '../../analysis';
import type { ProjectModel } from '../../model';
import type { ScriptCall, ScriptFacts } from '../../parse';
import type { RuleFacts } from '../rule';

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
    message: text(
      `then ${describeCall(hop.call)} in ${model.relative(hop.script.file)}`,
      `随后在 ${model.relative(hop.script.file)} 中调用 ${describeCall(hop.call)}`,
    ),
  }));
}

/** `app.js onLaunch calls checkLogin() → wx.reLaunch` as prose for hovers. */
export function chainProse(reached: ReachedCall): string {
  return [...reached.chain, { script: reached.script, call: reached.call }]
    .map((hop) => describeCall(hop.call))
    .join(' → ');
}

/**
 * Where to report a platform call: the call itself in the app's own code; for a call inside vendored code
 * (an SDK, miniprogram_npm), the app's call sites that reach it, and nowhere when no app code reaches it.
 * An API handed on by reference (`promisify(wx.getUserProfile)`) is used where the wrapper is called: the
 * app's calls that reach it, and nowhere when nothing calls the wrapper.
 */
export function appCallSites(context: RuleFacts, use: ApiUse): SourceRange[] {
  const reference = isReference(use.call);
  if (!reference && !isVendored(context.model, use.script)) return [callRangeOf(use)];
  const sites = appSitesByCall(context, use.call.api).get(callKey(use.script, use.call.site.start));
  return sites ? [...sites.values()] : [];
}

const isReference = (call: ScriptCall) => call.kind === 'platform' && call.reference === true;
const callKey = (script: ScriptFacts, start: number) => `${script.file}\0${start}`;

/** Per analysis and API: the app call sites of each call of the API that entry points reach, by call. */
const appSites = new WeakMap<RuleFacts['entries'], Map<string, Map<string, Map<string, SourceRange>>>>();

/**
 * Where the app reaches each call of `api`, gathered in one pass over what the entry points reach (a pass per
 * call was quadratic: a minified SDK with 20,000 calls took minutes).
 */
function appSitesByCall(context: RuleFacts, api: string): Map<string, Map<string, SourceRange>> {
  let byApi = appSites.get(context.entries);
  if (!byApi) appSites.set(context.entries, (byApi = new Map<string, Map<string, Map<string, SourceRange>>>()));
  let byCall = byApi.get(api);
  if (byCall) return byCall;
  byApi.set(api, (byCall = new Map<string, Map<string, SourceRange>>()));
  for (const { reached } of context.entries.platformCalls((name) => name === api)) {
    const reference = isReference(reached.call);
    const hops = [...reached.chain, ...(reference ? [] : [{ script: reached.script, call: reached.call }])];
    const hop =
      hops.filter((h) => !isVendored(context.model, h.script)).pop() ??
      (reference ? { script: reached.script, call: reached.call } : undefined);
    if (!hop) continue;
    const key = callKey(reached.script, reached.call.site.start);
    let sites = byCall.get(key);
    if (!sites) byCall.set(key, (sites = new Map<string, SourceRange>()));
    sites.set(`${hop.script.file}:${hop.call.site.start}`, callRange(hop.script, hop));
  }
  return byCall;
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

/** A redirect to a phone wall as one finding: at its root, with the condition it runs under. */
export interface NavigationFinding {
  site: Hop;
  range: SourceRange;
  members: AutoNavigation[];
  /** Several entry points reach the same redirect (a helper): the finding stands at the helper. */
  shared: boolean;
  gate: Wall;
  condition: RunCondition;
  severity: 'error' | 'warning';
  /** `app.js onLaunch`, `pages/index/index onLoad`… for each entry point, once. */
  origins: string[];
}

/**
 * How a redirect to a phone wall is graded by what decides it (analysis/conditions.ts): made always or on
 * what the app knows of the user (no token, not logged in) it forces the wall on everyone it applies to; on
 * a server answer that the user has no phone, likewise; on another server answer (a session expired) or a
 * condition the analysis cannot read, it is worth a look; after the user confirmed a dialog, the user chose.
 */
export function navigationSeverity(condition: RunCondition): 'error' | 'warning' | undefined {
  switch (condition.kind) {
    case 'always':
    case 'user-state':
      return 'error';
    case 'server-answer':
      return condition.aboutPhone ? 'error' : 'warning';
    case 'other':
      return 'warning';
    case 'user-choice':
      return undefined;
  }
}

export function navigationOrigin(model: ProjectModel, navigation: AutoNavigation): string {
  return `${navigation.origin === 'app' ? model.relative(navigation.start.script.file) : navigation.origin.route} ${navigation.lifecycle}`;
}

/** The redirects to phone walls among `navigations`, one finding per root, graded by their condition. */
export function navigationFindings(
  model: ProjectModel,
  navigations: readonly AutoNavigation[],
  gateOf: (page: AutoNavigation['target']) => Wall | undefined,
): NavigationFinding[] {
  const walled = navigations.filter((navigation) => gateOf(navigation.target));
  const origin = (navigation: AutoNavigation) => navigationOrigin(model, navigation);
  const result: NavigationFinding[] = [];
  for (const group of groupByRoot(
    model,
    walled,
    (n) => n.start,
    (n) => n.reached,
    origin,
  )) {
    let worst: { condition: RunCondition; severity: 'error' | 'warning' } | undefined;
    for (const member of group.members) {
      const condition = runCondition(member.reached);
      const severity = navigationSeverity(condition);
      if (severity && (!worst || (severity === 'error' && worst.severity === 'warning')))
        worst = { condition, severity };
    }
    if (!worst) continue;
    result.push({
      site: group.site,
      range: callRange(group.site.script, group.site),
      members: group.members,
      shared: group.shared,
      gate: gateOf(group.members[0].target)!,
      ...worst,
      origins: [...new Set(group.members.map(origin))],
    });
  }
  return result;
}

/** `3 lifecycles (a onLoad, b onLoad, c onShow)` / `3 处生命周期（…）`. */
export function originsProse(origins: string[]) {
  const shown = origins.slice(0, 3);
  return text(
    `${origins.length} lifecycles (${shown.join(', ')}${origins.length > 3 ? ', …' : ''})`,
    `${origins.length} 处生命周期（${shown.join('、')}${origins.length > 3 ? '等' : ''}）`,
  );
}

/** For a finding at a shared root: where each entry point starts the chain that reaches it. */
export function originEvidence<T>(
  members: readonly T[],
  reachedOf: (member: T) => ReachedCall,
  originOf: (member: T) => string,
): RelatedEvidence[] {
  const related = new Map<string, RelatedEvidence>();
  for (const member of members) {
    const first = firstSite(reachedOf(member));
    const range = callRange(first.script, first);
    const key = `${range.file}:${range.start}`;
    if (!related.has(key))
      related.set(key, { range, message: text(`reached from ${originOf(member)}`, `由 ${originOf(member)} 调用`) });
  }
  return [...related.values()];
}

/** Why a redirect found at a shared helper or under a server answer offers no "move behind checkout" fix. */
export const sharedRedirectAdvice = text(
  'The redirect is in code several pages share, or runs only on a server answer: moving the phone request would change that flow for every page. Make the helper send users to a login page that offers other ways in (or back), and ask for the phone number where it is needed.',
  '这个跳转位于多个页面共用的代码中，或只在服务器返回特定结果时执行：移动手机号请求会改变所有页面的流程。请让该辅助函数把用户带到提供其他登录方式（或可返回）的登录页，并只在确实需要时请求手机号。',
);

/** Why a page is a wall, as a clause for evidence texts ("… and its only action is a getPhoneNumber button"). */
export function describeWall(gate: Wall) {
  const openType = gate.request.openType;
  // The Chinese phrases follow "且" / "该页面", so they carry no subject of their own.
  if (gate.kind === 'overlay')
    return text(
      `a full-screen layer makes its ${openType} button catch every tap`,
      `有一个全屏浮层让 ${openType} 按钮拦截所有点击`,
    );
  if (gate.otherSignInControls) {
    return text(
      `it shows no content and offers nothing but sign-in and authorization, ending in a ${openType} button`,
      `没有内容，只能登录授权，最终指向 ${openType} 按钮`,
    );
  }
  return text(`its only action is a ${openType} button`, `唯一的操作是 ${openType} 按钮`);
}

/**
 * How a redirect finding is worded and graded: made whatever happens (`always`), or under a condition, which
 * forces the wall (`conditional`) or is worth a look (`conditionalToReview`, a warning; see navigationSeverity).
 */
export function redirectKind(found: NavigationFinding): 'always' | 'conditional' | 'conditionalToReview' {
  if (found.condition.kind === 'always' || found.condition.kind === 'user-state') return 'always';
  return found.severity === 'warning' ? 'conditionalToReview' : 'conditional';
}

/** The condition a redirect runs under, as a clause after its target in evidence (`（…）` in Chinese); empty when none. */
export function conditionClause(condition: RunCondition): LocalizedText {
  const { phrase } = condition;
  return text(phrase.en ? ` ${phrase.en}` : '', phrase['zh-cn'] ? `（${phrase['zh-cn']}）` : '');
}

/**
 * Records a finding's place (file and start offset) in `claimed`; false when one of the rule's own findings is
 * already there (a rule reports one problem per place; other rules' findings are settled by `supersedes`).
 */
export function claimPlace(claimed: Set<string>, range: SourceRange): boolean {
  const place = `${range.file}:${range.start}`;
  if (claimed.has(place)) return false;
  claimed.add(place);
  return true;
}
