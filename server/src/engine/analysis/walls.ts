import type { PageUnit, ProjectModel } from '../model';
import type { EventBinding, WxmlElement } from '../parse';
import { ancestors, attribute, eventBindings, replaceMustaches, textContent } from '../parse';
import { handlerOf, reachableCalls } from './reach';
import { ViewElement, coversScreen, gestureBindings, renderedView } from './wxml-view';
import { PersonalInfoRequest, RequestMatcher } from './requests';
import { NAVIGATION_APIS } from './launch-path';
import * as vocabulary from './vocabulary';
import { memoize, perKey } from '../model';
import { fillsFormField, shownWhen } from './data-flow';

/**
 * Walls: pages (or full-screen layers) where a request for personal information is all the user can do.
 * The same analysis serves the phone number and the nickname/avatar; a RequestMatcher says which elements
 * are the requests.
 */

export interface Wall {
  /** `request-only`: the page offers nothing but the request; `overlay`: a full-screen layer with no way past it. */
  kind: 'request-only' | 'overlay';
  page: PageUnit;
  request: PersonalInfoRequest;
  /** For overlays: the full-screen element (the button itself or a mask around it). */
  overlay?: ViewElement;
  /** For request-only pages: other sign-in or consent controls around the request (the request is not literally alone). */
  otherSignInControls?: number;
}

const INTERACTIVE_TAGS = new Set([
  'navigator',
  'button',
  'input',
  'textarea',
  'picker',
  'switch',
  'checkbox',
  'radio',
  'slider',
]);
const CONTENT_TAGS = new Set([
  'swiper',
  'video',
  'rich-text',
  'web-view',
  'map',
  'live-player',
  'official-account',
  'ad',
]);
const BUILTIN_TAGS = new Set([
  'view',
  'text',
  'image',
  'block',
  'template',
  'import',
  'include',
  'wxs',
  'scroll-view',
  'icon',
  'form',
  'label',
  'checkbox-group',
  'radio-group',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'page-meta',
  'navigation-bar',
  'progress',
  'slot',
  'canvas',
  'camera',
  'root-portal',
  'page-container',
  'match-media',
  'keyboard-accessory',
  'share-element',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
]);
/** Above this much static text outside the requests, a page shows content of its own. */
const CONTENT_TEXT_CHARS = 150;

/** Memo slots per request matcher (phone, user info): the facts of a page differ by what counts as a request. */
interface MatcherSlots {
  requests: object;
  /** The pages with requests, and those that are walls (ProjectModel.pagesWhere). */
  pagesWithRequests: object;
  pagesWithWalls: object;
  wall: object;
  overlays: object;
  alternatives: object;
}

interface Alternatives {
  wayOut?: ViewElement;
  content?: ViewElement;
  otherControls: number;
}

const slotsOf = perKey<RequestMatcher, MatcherSlots>(() => ({
  requests: {},
  pagesWithRequests: {},
  pagesWithWalls: {},
  wall: {},
  overlays: {},
  alternatives: {},
}));

/**
 * The per-page facts (requests, wall or not) are remembered on the page (memo.ts): after an edit only the
 * edited page's facts are computed again.
 */
export class Walls {
  private readonly slots: MatcherSlots;
  private readonly revision: object;
  private allRequests: PersonalInfoRequest[] | undefined;

  constructor(
    readonly model: ProjectModel,
    readonly matcher: RequestMatcher,
  ) {
    this.slots = slotsOf(matcher);
    this.revision = model.sharedRevision;
  }

  /** Every request of every page, page by page (assembled on first use from what each page remembers). */
  get requests(): PersonalInfoRequest[] {
    if (!this.allRequests) {
      this.allRequests = [];
      // One push per item (not push(...list)): a page with 100,000 requests would overflow the stack as arguments.
      const { pages } = this.model;
      for (const at of this.model.pagesWhere(this.slots.pagesWithRequests, (page) => !!this.requestsOn(page).length))
        for (const request of this.requestsOn(pages[at])) this.allRequests.push(request);
    }
    return this.allRequests;
  }

  /** True when the element is itself a request of this kind. */
  isRequest(view: ViewElement): boolean {
    return !!this.matcher(view, this.model);
  }

  requestsOn(page: PageUnit): PersonalInfoRequest[] {
    return memoize(page, this.slots.requests, this.revision, () => this.collectRequests(page));
  }

  private collectRequests(page: PageUnit): PersonalInfoRequest[] {
    const requests: PersonalInfoRequest[] = [];
    for (const view of renderedView(page)) {
      const match = this.matcher(view, this.model);
      if (!match) continue;
      // A request nothing ever shows (its wx:if/hidden field is never set) asks for nothing.
      const shown = shownWhen(this.model, view);
      if (shown === 'never') continue;
      const handlerBinding = match.resultEvent
        ? eventBindings(view.element).find((b) => b.event === match.resultEvent)
        : undefined;
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

  /** What kind of control an element is, for deciding whether a page offers anything but the request. */
  private controlKind(view: ViewElement): 'way-out' | 'dismiss' | 'login' | 'consent' | undefined {
    const { element } = view;
    // A custom component's events (bind:done) are its own; what the user can tap is inside its template.
    if (view.owner.components.has(element.name)) return undefined;
    const bindings = gestureBindings(element);
    if (!bindings.length && !INTERACTIVE_TAGS.has(element.name)) return undefined;
    if (
      element.name === 'button' &&
      !bindings.length &&
      !attribute(element, 'open-type') &&
      !attribute(element, 'form-type')
    )
      return undefined;
    // What the user reads decides first; handler names only break ties (they are often prefixed, e.g. mpPrivacy…).
    const visible = `${textContent(element)} ${attribute(element, 'url')?.value ?? ''}`;
    const handlers = bindings.map((b) => b.handler).join(' ');
    const openType = attribute(element, 'open-type')?.value ?? '';
    if (['checkbox', 'radio', 'switch'].includes(element.name) || /agreePrivacyAuthorization/.test(openType))
      return 'consent';
    // "Cancel" that only closes a dialog leads back to the same page: a way out only where it navigates.
    // A mask's own tap handler (onCloseLoginDialog) tells more than the text of the dialog inside it.
    if (vocabulary.SKIP.test(visible) || vocabulary.DISMISS_HANDLER.test(handlers))
      return element.name === 'navigator' || this.navigates(view, bindings) ? 'way-out' : 'dismiss';
    if (vocabulary.AGREEMENT.test(visible)) return 'consent';
    if (['input', 'textarea'].includes(element.name) || /getUserInfo|getUserProfile|chooseAvatar/.test(openType))
      return 'login';
    if (vocabulary.LOGIN.test(visible) || (!visible.trim() && vocabulary.LOGIN.test(handlers))) return 'login';
    return 'way-out';
  }

  private navigates(view: ViewElement, bindings: EventBinding[]): boolean {
    return bindings.some((binding) => {
      const handler = handlerOf(view.owner, binding.handler);
      return (
        !!handler &&
        reachableCalls(this.model, handler).some(
          (r) => r.call.kind === 'platform' && (NAVIGATION_APIS.has(r.call.api) || r.call.api === 'navigateBack'),
        )
      );
    });
  }

  private hasContent(view: ViewElement): boolean {
    const { element } = view;
    if (attribute(element, 'wx:for') || CONTENT_TAGS.has(element.name)) return true;
    // A custom component we cannot read may render anything: assume it shows content.
    return element.name.includes('-') && !BUILTIN_TAGS.has(element.name) && !view.owner.components.has(element.name);
  }

  /** Controls and content outside the requests, within `scope` (a subtree) or the whole page. */
  private alternatives(page: PageUnit, scope?: WxmlElement): Alternatives {
    // Many requests can sit in the same layer: look at each layer of the page once.
    const known = memoize(
      page,
      this.slots.alternatives,
      this.revision,
      () => new Map<WxmlElement | undefined, Alternatives>(),
    );
    let found = known.get(scope);
    if (!found) known.set(scope, (found = this.findAlternatives(page, scope)));
    return found;
  }

  private findAlternatives(page: PageUnit, scope?: WxmlElement): Alternatives {
    const requestElements = new Set(this.requestsOn(page).map((r) => r.view.element));
    const insideRequest = (element: WxmlElement) =>
      requestElements.has(element) || ancestors(element).some((a) => requestElements.has(a));
    let staticText = 0;
    const result: Alternatives = { otherControls: 0 };
    for (const view of renderedView(page)) {
      if (insideRequest(view.element)) continue;
      if (scope && view.element !== scope && !ancestors(view.element).includes(scope)) continue;
      // What the user can see and do before acting: content unlocked only by the request itself does not count.
      if (shownWhen(this.model, view) !== 'on-entry') continue;
      const kind = this.controlKind(view);
      if (kind) result.otherControls++;
      // Inside an overlay, closing it is a way past it; on a page with nothing else, it leads nowhere.
      if (!result.wayOut && (kind === 'way-out' || (scope && kind === 'dismiss'))) result.wayOut = view;
      if (!result.content && this.hasContent(view)) result.content = view;
      for (const child of view.element.children)
        if (child.kind === 'text') staticText += replaceMustaches(child.text, '').replace(/\s/g, '').length;
    }
    if (!result.content && staticText > CONTENT_TEXT_CHARS && !scope) result.content = renderedView(page)[0];
    return result;
  }

  /** Requests that can make a wall: on screen when the page opens, and not a shortcut that fills a form field. */
  private wallCandidates(page: PageUnit): PersonalInfoRequest[] {
    return this.requestsOn(page).filter((request) => request.shown === 'on-entry' && !request.fillsForm);
  }

  /** The pages that are walls (see wallOf), in page order. */
  pagesWithWalls(): PageUnit[] {
    const { pages } = this.model;
    return this.model.pagesWhere(this.slots.pagesWithWalls, (page) => !!this.wallOf(page)).map((at) => pages[at]);
  }

  /** The page is a wall when its request is all the user can do: nothing else to tap, nothing to read. */
  wallOf(page: PageUnit): Wall | undefined {
    return memoize(page, this.slots.wall, this.revision, () => this.findWall(page));
  }

  private findWall(page: PageUnit): Wall | undefined {
    const overlay = this.overlayWalls(page).at(0);
    if (overlay) return overlay;
    const requests = this.requestsOn(page).filter((request) => !request.fillsForm);
    if (!requests.length) return undefined;
    const alternatives = this.alternatives(page);
    if (alternatives.wayOut || alternatives.content) return undefined;
    // On screen when the page opens, the request is the wall. Shown only after a tap (a popup the page's only
    // button opens), it is one when the user has nowhere else to go: no other tab to browse.
    const request =
      requests.find((r) => r.shown === 'on-entry') ?? (this.otherTabToBrowse(page) ? undefined : requests[0]);
    return request && { kind: 'request-only', page, request, otherSignInControls: alternatives.otherControls };
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
   * The full-screen layers on the page with no way past them, each with its first request, in document
   * order (the first is the page's wall). A page can hold several such layers; each one is a wall of its own.
   */
  overlayWalls(page: PageUnit): Wall[] {
    return memoize(page, this.slots.overlays, this.revision, () => {
      const walls: Wall[] = [];
      const layers = new Set<WxmlElement>();
      const add = (request: PersonalInfoRequest, overlay: ViewElement) => {
        if (layers.has(overlay.element)) return;
        layers.add(overlay.element);
        walls.push({ kind: 'overlay', page, request, overlay });
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
      return walls;
    });
  }
}
