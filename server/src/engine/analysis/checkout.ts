import type { LocalizedText, SourceRange } from '../types';
import { text } from '../types';
import type { PageUnit, ProjectModel } from '../model';
import type { EventBinding, WxmlElement, WxmlNode, WxmlText, ScriptCall } from '../parse';
import { ancestors, textContent } from '../parse';
import { FunctionRef, ReachedCall, describeCall, handlerOf, reachableCalls } from './reach';
import { gestureBindings, renderedView } from './wxml-view';
import type { PersonalInfoRequest } from './requests';
import type { Walls } from './walls';
import * as vocabulary from './vocabulary';
import { memoize, perKey } from '../model';

/**
 * The ordering and payment side of the journey: the project's checkout step (where a phone request may
 * legitimately go), whether a phone request sits in an order flow, and whether text next to it says why.
 */

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

const PAYMENT_APIS = new Set([
  'requestPayment',
  'requestOrderPayment',
  'requestPluginPayment',
  'requestVirtualPayment',
]);

export function isPaymentCall(call: ScriptCall): boolean {
  return call.kind === 'platform' && PAYMENT_APIS.has(call.api);
}

/** A payment, or a call that submits an order (by API, helper name or request URL). */
export function isOrderCall(call: ScriptCall): boolean {
  if (isPaymentCall(call)) return true;
  if (call.kind === 'platform')
    return call.api === 'request' && vocabulary.ORDER_URL.test(call.url ?? call.argumentText);
  if (call.kind === 'load') return false;
  return vocabulary.ORDER_FUNCTION.test(call.name) || vocabulary.ORDER_URL_LITERAL.test(call.argumentText);
}

/** The payment call if there is one (the strongest evidence), else the first order submission. */
export function firstOrderCall(reached: ReachedCall[]): ReachedCall | undefined {
  return reached.find((r) => isPaymentCall(r.call)) ?? reached.find((r) => isOrderCall(r.call));
}

const CHECKOUT_CONTEXT_SLOT = {};
const PURPOSE_SLOT = {};
const PAGE_CHECKOUT_SLOT = {};
/** A page's checkout candidate leaves out the requests' own elements, so it is remembered per request matcher. */
const candidateSlotOf = perKey<Walls['matcher'], object>(() => ({}));
/** The pages with a checkout candidate, per request matcher (ProjectModel.pagesWhere). */
const pagesWithCandidateOf = perKey<Walls['matcher'], object>(() => ({}));

/** Checkout candidates are remembered per page (memo.ts); the project's step is the best of them. */
export class Checkout {
  /** The project's checkout step: a tap that (through any helper) pays or submits an order. */
  readonly step: CheckoutStep | undefined;
  private readonly model: ProjectModel;
  private readonly revision: object;

  /** `requests`: the requests that are not checkout triggers themselves (a phone button that pays is not the step). */
  constructor(private readonly requests: Walls) {
    this.model = requests.model;
    this.revision = this.model.sharedRevision;
    this.step = this.findStep();
  }

  private findStep(): CheckoutStep | undefined {
    const slot = candidateSlotOf(this.requests.matcher);
    const candidateOf = (page: PageUnit) =>
      page.wxml && memoize(page, slot, this.revision, () => this.candidateOn(page));
    let best: { step: CheckoutStep; score: number } | undefined;
    const { pages } = this.model;
    for (const at of this.model.pagesWhere(
      pagesWithCandidateOf(this.requests.matcher),
      (page) => !!candidateOf(page),
    )) {
      const candidate = candidateOf(pages[at]);
      if (candidate && (!best || candidate.score > best.score)) best = candidate;
    }
    return best?.step;
  }

  /** The page's best checkout trigger, scored (payment over order submission, checkout-like route). */
  private candidateOn(page: PageUnit): { step: CheckoutStep; score: number } | undefined {
    let best: { step: CheckoutStep; score: number } | undefined;
    for (const view of renderedView(page)) {
      if (view.owner !== page || this.requests.isRequest(view)) continue;
      for (const binding of gestureBindings(view.element)) {
        if (binding.event !== 'tap') continue;
        const handler = handlerOf(page, binding.handler);
        if (!handler) continue;
        const reached = reachableCalls(this.model, handler);
        const payment = firstOrderCall(reached);
        if (!payment) continue;
        const score = (isPaymentCall(payment.call) ? 2 : 1) + (vocabulary.CHECKOUT_ROUTE.test(page.route) ? 1 : 0);
        if (!best || score > best.score)
          best = { step: { page, trigger: view.element, binding, handler, payment }, score };
      }
    }
    return best;
  }

  /** Why a request belongs to an ordering or payment flow, if it does (remembered on the request). */
  contextOf(request: PersonalInfoRequest): CheckoutContext | undefined {
    return memoize(request, CHECKOUT_CONTEXT_SLOT, this.revision, () => this.findContext(request));
  }

  private findContext(request: PersonalInfoRequest): CheckoutContext | undefined {
    const rel = (file: string) => this.model.relative(file);
    if (request.handler) {
      const order = firstOrderCall(reachableCalls(this.model, request.handler));
      if (order) {
        const name = describeCall(order.call);
        return {
          evidence: text(
            `its handler ${request.handler.fn.name}() goes on to ${name} (${rel(order.script.file)})`,
            `它的处理函数 ${request.handler.fn.name}() 会调用 ${name}（${rel(order.script.file)}）`,
          ),
          range: { file: order.script.file, start: order.call.site.start, end: order.call.site.end },
        };
      }
    }
    // The same for every request of the page: once per page, not once per request (a page may hold thousands).
    return memoize(request.page, PAGE_CHECKOUT_SLOT, this.revision, () => this.pageContext(request.page));
  }

  private pageContext(page: PageUnit): CheckoutContext | undefined {
    for (const view of renderedView(page)) {
      for (const binding of gestureBindings(view.element)) {
        const handler = handlerOf(view.owner, binding.handler);
        const order = handler && firstOrderCall(reachableCalls(this.model, handler));
        if (handler && order) {
          const name = describeCall(order.call);
          return {
            evidence: text(
              `the page's ${binding.handler}() handler calls ${name}, so this is an ordering/payment step`,
              `页面的 ${binding.handler}() 处理函数会调用 ${name}，属于下单/支付环节`,
            ),
            range: { file: order.script.file, start: order.call.site.start, end: order.call.site.end },
          };
        }
      }
    }
    if (vocabulary.CHECKOUT_ROUTE.test(page.route)) {
      return {
        evidence: text(
          `the page ${page.route} is an order/payment page by its path`,
          `页面 ${page.route} 从路径看是下单/支付页面`,
        ),
      };
    }
    return undefined;
  }

  /** True when text next to the request (its label, its container, or the container's container) says why. */
  hasPurposeNearby(request: PersonalInfoRequest): boolean {
    return memoize(request, PURPOSE_SLOT, undefined, () => findPurposeNearby(request));
  }

  /** The text next to the request that still holds the placeholder a fix inserted for its purpose, if any. */
  unwrittenPurposeNear(request: PersonalInfoRequest): WxmlText | undefined {
    const scopes = [request.view.element, ...ancestors(request.view.element).slice(0, 2)];
    if (!scopes.some((element) => isUnwritten(textContent(element)))) return undefined;
    const stack: WxmlNode[] = [scopes[scopes.length - 1]];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.kind === 'text') {
        if (isUnwritten(node.text)) return node;
      } else for (const child of node.children) stack.push(child);
    }
    return undefined;
  }
}

const isUnwritten = (value: string) =>
  value.includes(vocabulary.UNWRITTEN_PURPOSE.en) || value.includes(vocabulary.UNWRITTEN_PURPOSE['zh-cn']);

function findPurposeNearby(request: PersonalInfoRequest): boolean {
  const scopes = [request.view.element, ...ancestors(request.view.element).slice(0, 2)];
  return scopes.some((element) => vocabulary.PURPOSE.test(textContent(element)));
}
