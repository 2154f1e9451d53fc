import type { PageUnit, UnitFiles, ProjectModel } from '../model';
import type { EventBinding, WxmlDocument, WxmlElement, WxssDocument } from '../parse';
import {
  NO_BINDINGS,
  attribute,
  derivedFacts,
  eventBindings,
  documentElements,
  replaceMustaches,
  computedStyle,
} from '../parse';
import { memoize } from '../model';

/** An element as the user sees it on a page: possibly inside a custom component's template. */
export interface ViewElement {
  element: WxmlElement;
  /** The page or component whose template holds the element (its script has the handlers). */
  owner: UnitFiles;
  document: WxmlDocument;
  /** For an element of a component's template: the component's tag in the template that uses it. */
  host?: ViewElement;
}

const MAX_COMPONENT_DEPTH = 4;

/**
 * The elements a page renders, descending into the templates of the custom components it uses, so a
 * phone button inside `<login-card>` counts as part of the page that shows the card.
 */
export function pageView(unit: UnitFiles): ViewElement[] {
  const result: ViewElement[] = [];
  const visit = (owner: UnitFiles, depth: number, seen: Set<string>, host: ViewElement | undefined): void => {
    if (!owner.wxml) return;
    for (const element of documentElements(owner.wxml)) {
      const view: ViewElement = { element, owner, document: owner.wxml, host };
      result.push(view);
      const component = owner.components.get(element.name);
      if (component && depth < MAX_COMPONENT_DEPTH && !seen.has(component.base)) {
        visit(component, depth + 1, new Set([...seen, component.base]), view);
      }
    }
  };
  visit(unit, 0, new Set([unit.base]), undefined);
  return result;
}

const RENDERED_SLOT = {};

/** pageView(page), remembered on the page: a page unit is replaced when its files or its components' change. */
export function renderedView(page: PageUnit): ViewElement[] {
  return memoize(page, RENDERED_SLOT, undefined, () => pageView(page));
}

/** Event names that fire without the user doing anything (the rest are gestures or input). */
const NON_GESTURE_EVENTS = new Set([
  'load',
  'error',
  'ready',
  'transitionend',
  'animationstart',
  'animationiteration',
  'animationend',
  'attached',
  'detached',
]);

export function gestureBindings(element: WxmlElement): EventBinding[] {
  const facts = derivedFacts(element);
  if (facts.gestures) return facts.gestures;
  const bindings = eventBindings(element);
  return (facts.gestures =
    bindings === NO_BINDINGS ? NO_BINDINGS : bindings.filter((b) => !NON_GESTURE_EVENTS.has(b.event)));
}

/** Class names of an element, ignoring mustache parts that are decided at run time. */
export function classNames(element: WxmlElement): string[] {
  const value = attribute(element, 'class')?.value ?? '';
  return replaceMustaches(value, ' ').split(/\s+/).filter(Boolean);
}

const MENTIONS_FIXED = /fixed/i;
/** Whether a stylesheet writes "fixed" at all, remembered on it: asked for every request and its ancestors. */
const WRITES_FIXED_SLOT = {};
const ZERO = /^0(px|rpx|%|vw|vh)?$/;
const FULL_WIDTH = /^(100%|100vw|750rpx)$/;
const FULL_HEIGHT = /^(100%|100vh)$/;

/** True when the element is fixed over the whole screen, so it catches every tap. */
export function coversScreen(model: ProjectModel, view: ViewElement): boolean {
  const sheets = [model.app.wxss, view.owner.wxss].filter((s): s is WxssDocument => !!s);
  const classes = classNames(view.element);
  const inline = attribute(view.element, 'style')?.value;
  // A sheet that never writes "fixed" can turn `position: fixed` off but never on: when the sheets that do
  // write it (and the inline style) do not make the element fixed, nothing does, and the other sheets need
  // no parse (most pages' stylesheets are then never parsed).
  const writingFixed = sheets.filter((sheet) =>
    memoize(sheet, WRITES_FIXED_SLOT, undefined, () => MENTIONS_FIXED.test(sheet.content)),
  );
  if (computedStyle(writingFixed, classes, inline).get('position') !== 'fixed') return false;
  const style = computedStyle(sheets, classes, inline);
  if (style.get('position') !== 'fixed') return false;
  const inset = style.get('inset');
  const insetZero = !!inset && inset.split(/\s+/).every((v) => ZERO.test(v));
  const is = (prop: string, pattern: RegExp) => pattern.test(style.get(prop) ?? '');
  const fullWidth = insetZero || is('width', FULL_WIDTH) || (is('left', ZERO) && is('right', ZERO));
  const fullHeight = insetZero || is('height', FULL_HEIGHT) || (is('top', ZERO) && is('bottom', ZERO));
  return fullWidth && fullHeight;
}
