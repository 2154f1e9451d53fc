import type { LocalizedText, SourceRange } from '../types';
import { text } from '../types';
import type { PageUnit, ProjectModel, UnitFiles } from '../model/project';
import type { EventBinding, WxmlAttribute, WxmlElement } from '../parse/wxml';
import { ancestors, attribute, eventBindings, replaceMustaches, textContent } from '../parse/wxml';
import type { ScriptCall, ScriptFacts } from '../parse/script';
import { FunctionRef, ReachedCall, reachableCalls } from './reach';
import { ViewElement, coversScreen, gestureBindings, pageView } from './wxml-view';
import * as vocabulary from './vocabulary';
import { memoize, perKey } from '../model/memo';
import { Shown, fillsFormField, shownWhen } from './data-flow';

/**
 * Facts about phone-number requests that the three phone rules share: where each request is, which pages
 * are walls (a phone button and nothing else to do), how the user reaches pages without tapping (launch
 * and lifecycle redirects, through helper modules), and where the project's checkout step is.
 */

export type PhoneOpenType = 'getPhoneNumber' | 'getRealtimePhoneNumber';

/** What a request for personal information is made with: an open-type, an input type or an API behind a tap. */
export interface RequestMatch {
  /** `getPhoneNumber`, `chooseAvatar`, `nickname`, `getUserProfile`… (used in messages and generated markup). */
  openType: string;
  /** The attribute that makes the element a request (open-type, type, or the tap binding). */
  attr: WxmlAttribute;
  /** The event whose handler receives the result (e.g. `getphonenumber`), when there is one. */
  resultEvent?: string;
}

/** Decides which rendered elements ask for the information a gate analysis is about. */
export type RequestMatcher = (view: ViewElement, model: ProjectModel) => RequestMatch | undefined;

export const matchPhoneRequest: RequestMatcher = (view) => {
  const phone = phoneOpenType(view.element);
  return phone && { openType: phone.openType, attr: phone.attr, resultEvent: phone.openType.toLowerCase() };
};

export interface PhoneRequest {
  page: PageUnit;
  view: ViewElement;
  openType: string;
  openTypeAttribute: WxmlAttribute;
  handlerBinding?: EventBinding;
  handler?: FunctionRef;
  label: string;
  /** Whether the request is on screen when the page opens, or only after the user did something. */
  shown: Exclude<Shown, 'never'>;
  /** Its handler fills a form field the user can also type into: a shortcut, not a wall (data-flow.ts). */
  fillsForm: boolean;
}

export interface PhoneGate {
  kind: 'phone-only' | 'overlay';
  page: PageUnit;
  request: PhoneRequest;
  /** For overlays: the full-screen element (the button itself or a mask around it). */
  overlay?: ViewElement;
  /** For phone-only pages: other sign-in or consent controls around the request (the phone request is not literally alone). */
  otherSignInControls?: number;
}

/** A navigation the user did not ask for: made from app or page lifecycle code. */
export interface AutoNavigation {
  origin: PageUnit | 'app';
  lifecycle: string;
  /** The lifecycle function the chain starts in. */
  start: FunctionRef;
  reached: ReachedCall;
  target: PageUnit;
}

export interface CheckoutStep {
  page: PageUnit;
  trigger: WxmlElement;
  binding: EventBinding;
  handler: FunctionRef;
  payment: ReachedCall;
}

export interface CheckoutContext {
  evidence: LocalizedText;
  range?: SourceRange;
}

const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']);
const PAYMENT_APIS = new Set(['requestPayment', 'requestOrderPayment', 'requestPluginPayment', 'requestVirtualPayment']);
const APP_LIFECYCLES = ['onLaunch', 'onShow'];
const PAGE_LIFECYCLES = ['onLoad', 'onShow', 'onReady', 'attached', 'ready', 'created', 'pageLifetimes.show'];
const INTERACTIVE_TAGS = new Set(['navigator', 'button', 'input', 'textarea', 'picker', 'switch', 'checkbox', 'radio', 'slider']);
const CONTENT_TAGS = new Set(['swiper', 'video', 'rich-text', 'web-view', 'map', 'live-player', 'official-account', 'ad']);
const BUILTIN_TAGS = new Set([
  'view', 'text', 'image', 'block', 'template', 'import', 'include', 'wxs', 'scroll-view', 'icon', 'form', 'label',
  'checkbox-group', 'radio-group', 'cover-view', 'cover-image', 'movable-area', 'movable-view', 'page-meta',
  'navigation-bar', 'progress', 'slot', 'canvas', 'camera', 'root-portal', 'page-container', 'match-media',
  'keyboard-accessory', 'share-element', 'grid-view', 'list-view', 'sticky-header', 'sticky-section',
]);
/** Above this much static text outside the phone request, a page shows content of its own. */
const CONTENT_TEXT_CHARS = 150;

export function phoneOpenType(element: WxmlElement): { openType: PhoneOpenType; attr: WxmlAttribute } | undefined {
  const attr = attribute(element, 'open-type');
  if (!attr) return undefined;
  const types = attr.value.split('|').map((t) => t.trim());
  if (types.includes('getPhoneNumber')) return { openType: 'getPhoneNumber', attr };
  if (types.includes('getRealtimePhoneNumber')) return { openType: 'getRealtimePhoneNumber', attr };
  return undefined;
}

export function handlerOf(owner: UnitFiles, name: string): FunctionRef | undefined {
  const script = owner.script;
  const fn = script?.definition?.members.get(name);
  return script && fn ? { script, fn } : undefined;
}

export function isPaymentCall(call: ScriptCall): boolean {
  return call.kind === 'platform' && PAYMENT_APIS.has(call.api);
}

/** A payment, or a call that submits an order (by API, helper name or request URL). */
export function isOrderCall(call: ScriptCall): boolean {
  if (isPaymentCall(call)) return true;
  if (call.kind === 'platform') return call.api === 'request' && vocabulary.ORDER_URL.test(call.url ?? call.argumentText);
  if (call.kind === 'load') return false;
  return vocabulary.ORDER_FUNCTION.test(call.name) || vocabulary.ORDER_URL_LITERAL.test(call.argumentText);
}

/** The payment call if there is one (the strongest evidence), else the first order submission. */
export function firstOrderCall(reached: ReachedCall[]): ReachedCall | undefined {
  return reached.find((r) => isPaymentCall(r.call)) ?? reached.find((r) => isOrderCall(r.call));
}

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
    default:
      return `${call.name}()`;
  }
}

/** A lifecycle navigation before its URL is resolved against the current pages (targets may be re-parsed). */
interface LifecycleNavigation {
  lifecycle: string;
  start: FunctionRef;
  reached: ReachedCall;
  url: string;
}

/** Memo slots per request matcher (phone, user info): the facts of a page differ by what counts as a request. */
interface MatcherSlots {
  requests: object;
  gate: object;
  overlays: object;
  checkout: object;
  alternatives: object;
}

interface Alternatives {
  wayOut?: ViewElement;
  content?: ViewElement;
  otherControls: number;
}
const VIEW_SLOT = {};
const NAVIGATION_SLOT = {};
const CHECKOUT_CONTEXT_SLOT = {};
const PURPOSE_SLOT = {};
const PAGE_CHECKOUT_SLOT = {};

const slotsOf = perKey<RequestMatcher, MatcherSlots>(() => ({ requests: {}, gate: {}, overlays: {}, checkout: {}, alternatives: {} }));

/**
 * The per-page facts (requests, wall or not, lifecycle redirects, checkout candidates) are remembered on
 * the page (memo.ts): after an edit only the edited page's facts are computed again, and the project-wide
 * ones (launch path, checkout step) are assembled from them.
 */
export class PhoneAnalysis {
  readonly requests: PhoneRequest[] = [];
  readonly entryPage: PageUnit | undefined;
  readonly launchPages = new Set<string>();
  /** Redirects made on the launch path (app lifecycle, then the entry page and the pages it sends the user to). */
  readonly launchNavigations: AutoNavigation[] = [];
  /** Redirects made by the lifecycle of pages off the launch path. */
  readonly browsingNavigations: AutoNavigation[] = [];
  readonly checkout: CheckoutStep | undefined;
  private readonly slots: MatcherSlots;
  private readonly revision: object;

  constructor(
    readonly model: ProjectModel,
    private readonly matcher: RequestMatcher = matchPhoneRequest,
  ) {
    this.slots = slotsOf(matcher);
    this.revision = model.sharedRevision;
    // One push per item (not push(...list)): a page with 100,000 requests would overflow the stack as arguments.
    for (const page of model.pages) for (const request of this.requestsOn(page)) this.requests.push(request);
    this.entryPage = model.app.entryRoute ? model.pageByRoute.get(model.app.entryRoute) : undefined;
    this.traceLaunch();
    for (const page of model.pages) {
      if (this.launchPages.has(page.route)) continue;
      for (const navigation of this.lifecycleNavigations(page)) this.browsingNavigations.push(navigation);
    }
    this.checkout = this.findCheckout();
  }

  view(page: PageUnit): ViewElement[] {
    return memoize(page, VIEW_SLOT, undefined, () => pageView(page));
  }

  requestsOn(page: PageUnit): PhoneRequest[] {
    return memoize(page, this.slots.requests, this.revision, () => this.collectRequests(page));
  }

  private collectRequests(page: PageUnit): PhoneRequest[] {
    const requests: PhoneRequest[] = [];
    for (const view of this.view(page)) {
      const match = this.matcher(view, this.model);
      if (!match) continue;
      // A request nothing ever shows (its wx:if/hidden field is never set) asks for nothing.
      const shown = shownWhen(this.model, view);
      if (shown === 'never') continue;
      const handlerBinding = match.resultEvent ? eventBindings(view.element).find((b) => b.event === match.resultEvent) : undefined;
      const handler = handlerBinding ? handlerOf(view.owner, handlerBinding.handler) : undefined;
      requests.push({
        page,
        view,
        openType: match.openType,
        openTypeAttribute: match.attr,
        handlerBinding,
        handler,
        label: textContent(view.element),
        shown,
        fillsForm: fillsFormField(this.model, handler, view.owner),
      });
    }
    return requests;
  }

  /** What kind of control an element is, for deciding whether a page offers anything but the phone request. */
  private controlKind(view: ViewElement): 'way-out' | 'dismiss' | 'login' | 'consent' | undefined {
    const { element } = view;
    // A custom component's events (bind:done) are its own; what the user can tap is inside its template.
    if (view.owner.components.has(element.name)) return undefined;
    const bindings = gestureBindings(element);
    if (!bindings.length && !INTERACTIVE_TAGS.has(element.name)) return undefined;
    if (element.name === 'button' && !bindings.length && !attribute(element, 'open-type') && !attribute(element, 'form-type')) return undefined;
    // What the user reads decides first; handler names only break ties (they are often prefixed, e.g. mpPrivacy…).
    const visible = `${textContent(element)} ${attribute(element, 'url')?.value ?? ''}`;
    const handlers = bindings.map((b) => b.handler).join(' ');
    const openType = attribute(element, 'open-type')?.value ?? '';
    if (['checkbox', 'radio', 'switch'].includes(element.name) || /agreePrivacyAuthorization/.test(openType)) return 'consent';
    // "Cancel" that only closes a dialog leads back to the same page: a way out only where it navigates.
    // A mask's own tap handler (onCloseLoginDialog) tells more than the text of the dialog inside it.
    if (vocabulary.SKIP.test(visible) || vocabulary.DISMISS_HANDLER.test(handlers)) return element.name === 'navigator' || this.navigates(view, bindings) ? 'way-out' : 'dismiss';
    if (vocabulary.AGREEMENT.test(visible)) return 'consent';
    if (['input', 'textarea'].includes(element.name) || /getUserInfo|getUserProfile|chooseAvatar/.test(openType)) return 'login';
    if (vocabulary.LOGIN.test(visible) || (!visible.trim() && vocabulary.LOGIN.test(handlers))) return 'login';
    return 'way-out';
  }

  private navigates(view: ViewElement, bindings: EventBinding[]): boolean {
    return bindings.some((binding) => {
      const handler = handlerOf(view.owner, binding.handler);
      return !!handler && reachableCalls(this.model, handler).some((r) => r.call.kind === 'platform' && (NAVIGATION_APIS.has(r.call.api) || r.call.api === 'navigateBack'));
    });
  }

  private hasContent(view: ViewElement): boolean {
    const { element } = view;
    if (attribute(element, 'wx:for') || CONTENT_TAGS.has(element.name)) return true;
    // A custom component we cannot read may render anything: assume it shows content.
    return element.name.includes('-') && !BUILTIN_TAGS.has(element.name) && !view.owner.components.has(element.name);
  }

  /** Controls and content outside the phone requests, within `scope` (a subtree) or the whole page. */
  private alternatives(page: PageUnit, scope?: WxmlElement): Alternatives {
    // Many requests can sit in the same layer: look at each layer of the page once.
    const known = memoize(page, this.slots.alternatives, this.revision, () => new Map<WxmlElement | undefined, Alternatives>());
    let found = known.get(scope);
    if (!found) known.set(scope, (found = this.findAlternatives(page, scope)));
    return found;
  }

  private findAlternatives(page: PageUnit, scope?: WxmlElement): Alternatives {
    const requestElements = new Set(this.requestsOn(page).map((r) => r.view.element));
    const insideRequest = (element: WxmlElement) => requestElements.has(element) || ancestors(element).some((a) => requestElements.has(a));
    let staticText = 0;
    const result: Alternatives = { otherControls: 0 };
    for (const view of this.view(page)) {
      if (insideRequest(view.element)) continue;
      if (scope && view.element !== scope && !ancestors(view.element).includes(scope)) continue;
      // What the user can see and do before acting: content unlocked only by the request itself does not count.
      if (shownWhen(this.model, view) !== 'on-entry') continue;
      const kind = this.controlKind(view);
      if (kind) result.otherControls++;
      // Inside an overlay, closing it is a way past it; on a page with nothing else, it leads nowhere.
      if (!result.wayOut && (kind === 'way-out' || (scope && kind === 'dismiss'))) result.wayOut = view;
      if (!result.content && this.hasContent(view)) result.content = view;
      for (const child of view.element.children) if (child.kind === 'text') staticText += replaceMustaches(child.text, '').replace(/\s/g, '').length;
    }
    if (!result.content && staticText > CONTENT_TEXT_CHARS && !scope) result.content = this.view(page)[0];
    return result;
  }

  /** Requests that can make a wall: on screen when the page opens, and not a shortcut that fills a form field. */
  private wallCandidates(page: PageUnit): PhoneRequest[] {
    return this.requestsOn(page).filter((request) => request.shown === 'on-entry' && !request.fillsForm);
  }

  /** The page is a wall when its phone request is all the user can do: nothing else to tap, nothing to read. */
  gateOf(page: PageUnit): PhoneGate | undefined {
    return memoize(page, this.slots.gate, this.revision, () => this.findGate(page));
  }

  private findGate(page: PageUnit): PhoneGate | undefined {
    const overlay = this.overlayGates(page)[0];
    if (overlay) return overlay;
    const requests = this.requestsOn(page).filter((request) => !request.fillsForm);
    if (!requests.length) return undefined;
    const alternatives = this.alternatives(page);
    if (alternatives.wayOut || alternatives.content) return undefined;
    // On screen when the page opens, the request is the wall. Shown only after a tap (a popup the page's only
    // button opens), it is one when the user has nowhere else to go: no other tab to browse.
    const request = requests.find((r) => r.shown === 'on-entry') ?? (this.otherTabToBrowse(page) ? undefined : requests[0]);
    return request && { kind: 'phone-only', page, request, otherSignInControls: alternatives.otherControls };
  }

  /** For a tab page: another tab of the tab bar that asks for nothing, or shows content or a way on beside its request. */
  private otherTabToBrowse(page: PageUnit): boolean {
    if (!page.isTab) return false;
    return this.model.pages.some((other) => {
      if (other === page || !other.isTab) return false;
      if (!this.requestsOn(other).length) return true;
      const alternatives = this.alternatives(other);
      return !!(alternatives.content || alternatives.wayOut);
    });
  }

  /**
   * The full-screen layers on the page with no way past them, each with its first phone request, in document
   * order (the first is the page's gate). A page can hold several such layers; each one is a wall of its own.
   */
  overlayGates(page: PageUnit): PhoneGate[] {
    return memoize(page, this.slots.overlays, this.revision, () => {
      const gates: PhoneGate[] = [];
      const layers = new Set<WxmlElement>();
      const add = (request: PhoneRequest, overlay: ViewElement) => {
        if (layers.has(overlay.element)) return;
        layers.add(overlay.element);
        gates.push({ kind: 'overlay', page, request, overlay });
      };
      // Requests of one page share their ancestors: each element is looked at once (a page with thousands of
      // deeply nested requests would otherwise compute the style of the same ancestors again for each).
      const covering = new Map<WxmlElement, boolean>();
      const covers = (view: ViewElement): boolean => {
        let known = covering.get(view.element);
        if (known === undefined) covering.set(view.element, (known = coversScreen(this.model, view)));
        return known;
      };
      for (const request of this.wallCandidates(page)) {
        if (covers(request.view)) {
          add(request, request.view);
          continue;
        }
        const mask = ancestors(request.view.element)
          .map((element) => ({ ...request.view, element }))
          .find(covers);
        if (mask && !this.alternatives(page, mask.element).wayOut) add(request, mask);
      }
      return gates;
    });
  }

  private navigationsFrom(origin: PageUnit | 'app', navigations: LifecycleNavigation[], fromRoute?: string): AutoNavigation[] {
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
        if (call.kind === 'platform' && NAVIGATION_APIS.has(call.api) && call.url) result.push({ lifecycle, start: { script, fn }, reached, url: call.url });
      }
    }
    return result;
  }

  lifecycleNavigations(page: PageUnit): AutoNavigation[] {
    // The calls are remembered on the page; their targets are looked up now (the target page may have changed).
    const calls = memoize(page, NAVIGATION_SLOT, this.revision, () => this.lifecycleCalls(page.script, PAGE_LIFECYCLES));
    return calls.length ? this.navigationsFrom(page, calls, page.route) : [];
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
    for (const nav of this.navigationsFrom('app', this.lifecycleCalls(this.model.app.script, APP_LIFECYCLES))) {
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

  /** The project's checkout step: a tap that (through any helper) pays or submits an order. */
  private findCheckout(): CheckoutStep | undefined {
    let best: { step: CheckoutStep; score: number } | undefined;
    for (const page of this.model.pages) {
      const candidate = page.wxml && memoize(page, this.slots.checkout, this.revision, () => this.checkoutOn(page));
      if (candidate && (!best || candidate.score > best.score)) best = candidate;
    }
    return best?.step;
  }

  /** The page's best checkout trigger, scored (payment over order submission, checkout-like route). */
  private checkoutOn(page: PageUnit): { step: CheckoutStep; score: number } | undefined {
    let best: { step: CheckoutStep; score: number } | undefined;
    for (const view of this.view(page)) {
      if (view.owner !== page || this.matcher(view, this.model)) continue;
      for (const binding of gestureBindings(view.element)) {
        if (binding.event !== 'tap') continue;
        const handler = handlerOf(page, binding.handler);
        if (!handler) continue;
        const reached = reachableCalls(this.model, handler);
        const payment = firstOrderCall(reached);
        if (!payment) continue;
        const score = (isPaymentCall(payment.call) ? 2 : 1) + (vocabulary.CHECKOUT_ROUTE.test(page.route) ? 1 : 0);
        if (!best || score > best.score) best = { step: { page, trigger: view.element, binding, handler, payment }, score };
      }
    }
    return best;
  }

  /** Why a phone request belongs to an ordering or payment flow, if it does (remembered on the request). */
  checkoutContext(request: PhoneRequest): CheckoutContext | undefined {
    return memoize(request, CHECKOUT_CONTEXT_SLOT, this.revision, () => this.findCheckoutContext(request));
  }

  private findCheckoutContext(request: PhoneRequest): CheckoutContext | undefined {
    const rel = (file: string) => this.model.relative(file);
    if (request.handler) {
      const order = firstOrderCall(reachableCalls(this.model, request.handler));
      if (order) {
        const name = describeCall(order.call);
        return {
          evidence: text(`its handler ${request.handler.fn.name}() goes on to ${name} (${rel(order.script.file)})`, `它的处理函数 ${request.handler.fn.name}() 会调用 ${name}（${rel(order.script.file)}）`),
          range: { file: order.script.file, start: order.call.site.start, end: order.call.site.end },
        };
      }
    }
    // The same for every request of the page: once per page, not once per request (a page may hold thousands).
    return memoize(request.page, PAGE_CHECKOUT_SLOT, this.revision, () => this.pageCheckoutContext(request.page));
  }

  private pageCheckoutContext(page: PageUnit): CheckoutContext | undefined {
    for (const view of this.view(page)) {
      for (const binding of gestureBindings(view.element)) {
        const handler = handlerOf(view.owner, binding.handler);
        const order = handler && firstOrderCall(reachableCalls(this.model, handler));
        if (handler && order) {
          const name = describeCall(order.call);
          return {
            evidence: text(`the page's ${binding.handler}() handler calls ${name}, so this is an ordering/payment step`, `页面的 ${binding.handler}() 处理函数会调用 ${name}，属于下单/支付环节`),
            range: { file: order.script.file, start: order.call.site.start, end: order.call.site.end },
          };
        }
      }
    }
    if (vocabulary.CHECKOUT_ROUTE.test(page.route)) {
      return { evidence: text(`the page ${page.route} is an order/payment page by its path`, `页面 ${page.route} 从路径看是下单/支付页面`) };
    }
    return undefined;
  }

  /** True when text next to the request (its label, its container, or the container's container) says why. */
  hasPurposeNearby(request: PhoneRequest): boolean {
    return memoize(request, PURPOSE_SLOT, undefined, () => this.findPurposeNearby(request));
  }

  private findPurposeNearby(request: PhoneRequest): boolean {
    const scopes = [request.view.element, ...ancestors(request.view.element).slice(0, 2)];
    return scopes.some((element) => vocabulary.PURPOSE.test(textContent(element)));
  }
}
