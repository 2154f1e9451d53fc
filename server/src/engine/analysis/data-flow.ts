import type { ProjectModel, UnitFiles } from '../model';
import type { DataWrites, ScriptCall, ScriptFacts, ScriptFunction, WxmlElement } from '../parse';
import { attribute, documentElements } from '../parse';
import { memoize } from '../model';
import { reachableCalls } from './reach';
import type { FunctionRef } from './reach';
import { ViewElement, gestureBindings } from './wxml-view';

/**
 * Data flow from a unit's script to its template: which data fields are set before the user does anything
 * (initial `data`, lifecycle code) and which only after a gesture (a tap handler's `setData`), and from there
 * when an element is shown (`wx:if` / `wx:elif` / `wx:else` / `hidden` on it and its ancestors, across the
 * custom components that hold it). This is what tells a phone button that is on screen when a page opens
 * from one revealed by a tap, content unlocked only by an authorization from content anyone can read, and a
 * popup that nothing ever opens.
 *
 * Everything unknown counts as "may be shown": a field set from an expression, by a parent (component
 * properties), or by code we cannot follow. Only literal values and complete writes decide "hidden".
 */

/** When an element can be on screen. */
export type Shown = 'on-entry' | 'after-action' | 'never';

type Truth = boolean | undefined;

/** What each data field of one unit can be, before any gesture (`entry`) and once gestures have run (`any`). */
interface FieldStates {
  entry: (field: string) => Truth;
  any: (field: string) => Truth;
}

const STATES_SLOT = {};
const SHOWN_SLOT = {};

/** The possible truthiness of a field, from the set of values it can take (undefined in the set: unknown). */
function truthOf(values: Set<Truth>): Truth {
  if (values.has(undefined) || values.size !== 1) return undefined;
  return values.values().next().value;
}

function isSetData(call: ScriptCall): call is Extract<ScriptCall, { kind: 'method' }> & { data: DataWrites } {
  return call.kind === 'method' && call.name === 'setData' && call.data !== undefined;
}

/** Every function of a script (definition members, module functions), each once. */
function functionsOf(script: ScriptFacts): ScriptFunction[] {
  const found = new Map<number, ScriptFunction>();
  script.definition?.members.forEach((fn) => found.set(fn.start, fn));
  script.functions.forEach((fn) => found.set(fn.start, fn));
  return [...found.values()];
}

/** The unit's gesture handlers (tap, input, open-type results…), from its own template. */
function gestureHandlers(unit: UnitFiles): FunctionRef[] {
  const script = unit.script;
  if (!script || !unit.wxml) return [];
  const handlers: FunctionRef[] = [];
  for (const element of documentElements(unit.wxml)) {
    for (const binding of gestureBindings(element)) {
      const fn = script.definition?.members.get(binding.handler);
      if (fn) handlers.push({ script, fn });
    }
  }
  return handlers;
}

function fieldStates(model: ProjectModel, unit: UnitFiles): FieldStates {
  return memoize(unit, STATES_SLOT, model.sharedRevision, () => computeFieldStates(model, unit));
}

function computeFieldStates(model: ProjectModel, unit: UnitFiles): FieldStates {
  const script = unit.script;
  const definition = script?.definition;
  if (!script || !definition) return { entry: () => undefined, any: () => undefined };
  // A write reached from a gesture handler runs after the user acted; every other write (lifecycle, a
  // function we cannot see the caller of, a callback of the parent) may have run by the time the page shows.
  const afterGesture = new Set<ScriptCall>();
  for (const handler of gestureHandlers(unit)) {
    for (const reached of reachableCalls(model, handler))
      if (isSetData(reached.call) && reached.script === script) afterGesture.add(reached.call);
  }
  const entryValues = new Map<string, Set<Truth>>();
  const laterValues = new Map<string, Set<Truth>>();
  let openAtEntry = false;
  let openLater = false;
  const add = (into: Map<string, Set<Truth>>, writes: DataWrites) => {
    for (const [field, value] of writes.fields) {
      let values = into.get(field);
      if (!values) into.set(field, (values = new Set()));
      values.add(value);
    }
  };
  for (const fn of functionsOf(script)) {
    for (const call of fn.calls) {
      if (!isSetData(call)) continue;
      if (afterGesture.has(call)) {
        add(laterValues, call.data);
        openLater ||= call.data.open;
      } else {
        add(entryValues, call.data);
        openAtEntry ||= call.data.open;
      }
    }
  }
  const initial = definition.initialData;
  const properties = new Set(definition.properties ?? []);
  const known = (field: string) => initial?.fields.has(field) || entryValues.has(field) || laterValues.has(field);
  const entryTruth = (field: string): Truth => {
    // A field nobody declares or writes may come from a template's data, a wxs module or a parent: unknown.
    if (properties.has(field) || openAtEntry || initial?.open || !known(field)) return undefined;
    const values = new Set<Truth>([initial?.fields.has(field) ? initial.fields.get(field) : false]);
    entryValues.get(field)?.forEach((v) => values.add(v));
    return truthOf(values);
  };
  return {
    entry: entryTruth,
    any(field) {
      if (openLater) return undefined;
      const atEntry = entryTruth(field);
      const later = laterValues.get(field);
      if (!later) return atEntry;
      if (atEntry === undefined) return undefined;
      return truthOf(new Set<Truth>([atEntry, ...later]));
    },
  };
}

/** When a rendered element can be on screen: its own conditions, its ancestors', and the component host's. */
export function shownWhen(model: ProjectModel, view: ViewElement): Shown {
  const known = memoize(view.owner, SHOWN_SLOT, model.sharedRevision, () => new Map<WxmlElement, Shown>());
  let shown = known.get(view.element);
  if (shown === undefined) {
    const states = fieldStates(model, view.owner);
    const atEntry = conditionsHold(view.element, states.entry);
    const ever = atEntry === false ? conditionsHold(view.element, states.any) : atEntry;
    shown = ever === false ? 'never' : atEntry === false ? 'after-action' : 'on-entry';
    known.set(view.element, shown);
  }
  const host = view.host ? shownWhen(model, view.host) : 'on-entry';
  return later(shown, host);
}

const ORDER: Shown[] = ['on-entry', 'after-action', 'never'];
function later(a: Shown, b: Shown): Shown {
  return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))];
}

/** Whether every condition on the element and its ancestors holds (three-valued: undefined when unknown). */
function conditionsHold(element: WxmlElement, field: (name: string) => Truth): Truth {
  let result: Truth = true;
  for (let current: WxmlElement | undefined = element; current; current = current.parent) {
    const own = elementCondition(current, field);
    if (own === false) return false;
    if (own === undefined) result = undefined;
  }
  return result;
}

/** The element's own display condition: `wx:if`/`wx:elif`/`wx:else` (after its siblings) and `hidden`. */
function elementCondition(element: WxmlElement, field: (name: string) => Truth): Truth {
  let result: Truth = true;
  const hidden = attribute(element, 'hidden');
  if (hidden) result = and(result, not(hidden.value === '' ? true : attributeTruth(hidden.value, field)));
  const branch = attribute(element, 'wx:if') ?? attribute(element, 'wx:elif') ?? attribute(element, 'wx:else');
  if (!branch) return result;
  if (branch.name === 'wx:if') return and(result, attributeTruth(branch.value, field));
  // An elif/else shows when every earlier branch of its chain is false.
  let earlier: Truth = false;
  const siblings = element.parent?.children ?? [];
  const index = siblings.indexOf(element);
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (sibling.kind !== 'element') continue;
    const test = attribute(sibling, 'wx:if') ?? attribute(sibling, 'wx:elif');
    if (!test) break;
    earlier = or(earlier, attributeTruth(test.value, field));
    if (test.name === 'wx:if') break;
  }
  const own = branch.name === 'wx:elif' ? attributeTruth(branch.value, field) : true;
  return and(result, and(not(earlier), own));
}

const and = (a: Truth, b: Truth): Truth =>
  a === false || b === false ? false : a === true && b === true ? true : undefined;
const or = (a: Truth, b: Truth): Truth =>
  a === true || b === true ? true : a === false && b === false ? false : undefined;
const not = (a: Truth): Truth => (a === undefined ? undefined : !a);

/** An attribute value's truthiness: a whole `{{expression}}`, or a plain string (any non-empty string is true). */
export function attributeTruth(value: string, field: (name: string) => Truth): Truth {
  const trimmed = value.trim();
  const open = trimmed.indexOf('{{');
  if (open === -1) return trimmed !== '';
  const close = trimmed.lastIndexOf('}}');
  if (open !== 0 || close !== trimmed.length - 2 || trimmed.indexOf('{{', 2) !== -1) return undefined;
  return evaluate(trimmed.slice(2, -2), field);
}

/** Longer expressions are not worth evaluating (and are never needed to decide): they count as unknown. */
const MAX_EXPRESSION_CHARS = 300;
const TOKEN = /\s*(&&|\|\||===|!==|==|!=|<=|>=|[!()<>?:.[\]+\-*/%,]|'[^']*'|"[^"]*"|\d+(?:\.\d+)?|[A-Za-z_$][\w$]*)/y;

/** Evaluates a WXML expression to true, false or unknown (`!`, `&&`, `||`, ternaries, literals, data paths). */
export function evaluate(expression: string, field: (name: string) => Truth): Truth {
  if (expression.length > MAX_EXPRESSION_CHARS) return undefined;
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) {
      if (/^\s*$/.test(expression.slice(start))) break;
      return undefined;
    }
    tokens.push(match[1]);
  }
  let position = 0;
  // Set by the closures below (a plain `false` would be narrowed to the literal and never read as true).
  let failed = false as boolean;
  const peek = (): string | undefined => tokens[position];
  const take = (): string | undefined => tokens[position++];
  const ternary = (): Truth => {
    const test = disjunction();
    if (peek() !== '?') return test;
    take();
    const whenTrue = ternary();
    if (take() !== ':') failed = true;
    const whenFalse = ternary();
    if (test === true) return whenTrue;
    if (test === false) return whenFalse;
    return whenTrue === whenFalse ? whenTrue : undefined;
  };
  const disjunction = (): Truth => {
    let value = conjunction();
    while (peek() === '||') {
      take();
      value = or(value, conjunction());
    }
    return value;
  };
  const conjunction = (): Truth => {
    let value = comparison();
    while (peek() === '&&') {
      take();
      value = and(value, comparison());
    }
    return value;
  };
  const comparison = (): Truth => {
    let value = unary();
    // Comparisons and arithmetic need values, not truthiness: the result is unknown (operands still parsed).
    while (['===', '!==', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%'].includes(peek() ?? '')) {
      take();
      unary();
      value = undefined;
    }
    return value;
  };
  const unary = (): Truth => {
    if (peek() === '!') {
      take();
      return not(unary());
    }
    if (peek() === '-' || peek() === '+') {
      take();
      unary();
      return undefined;
    }
    return primary();
  };
  const primary = (): Truth => {
    const token = take();
    if (token === undefined) {
      failed = true;
      return undefined;
    }
    if (token === '(') {
      const value = ternary();
      if (take() !== ')') failed = true;
      return value;
    }
    if (token === '[') {
      // An array literal: always truthy.
      while (peek() !== undefined && peek() !== ']') take();
      take();
      return true;
    }
    if (token === 'true') return true;
    if (token === 'false' || token === 'null' || token === 'undefined') return false;
    if (/^\d/.test(token)) return Number(token) !== 0;
    if (token.startsWith("'") || token.startsWith('"')) return token.length > 2;
    if (!/^[A-Za-z_$]/.test(token)) {
      failed = true;
      return undefined;
    }
    let value = field(token);
    // `a.b`, `a[0]`: a falsy `a` renders nothing (WXML does not throw); a truthy one says nothing of `a.b`.
    while (peek() === '.' || peek() === '[') {
      if (take() === '.') take();
      else {
        ternary();
        if (take() !== ']') failed = true;
      }
      value = value === false ? false : undefined;
    }
    if (peek() === '(') failed = true; // a call (wxs function): unknown
    return value;
  };
  const result = ternary();
  return failed || position !== tokens.length ? undefined : result;
}

const FILLED_SLOT = {};

/**
 * Whether the handler of a request fills a form field the user can also type into: the data fields it sets
 * (directly or through the calls it makes) are bound to an `<input>`-like element's `value` in the same
 * template. Such a button is a shortcut beside manual entry, not a wall or a forced collection.
 */
export function fillsFormField(model: ProjectModel, handler: FunctionRef | undefined, owner: UnitFiles): boolean {
  if (!handler || !owner.wxml) return false;
  const written = memoize(handler.fn, FILLED_SLOT, model.sharedRevision, () => {
    const fields = new Set<string>();
    for (const reached of reachableCalls(model, handler))
      if (isSetData(reached.call) && reached.script === handler.script)
        reached.call.data.fields.forEach((_v, key) => fields.add(key));
    return fields;
  });
  if (!written.size) return false;
  return documentElements(owner.wxml).some((element) => {
    const value = attribute(element, 'value') ?? attribute(element, 'model:value');
    return !!value && boundFields(value.value).some((name) => written.has(name));
  });
}

/** The data fields a `{{…}}` attribute value reads (first segment of each path). */
function boundFields(value: string): string[] {
  const names: string[] = [];
  const mustache = /\{\{([^}]{0,300})\}\}/g;
  for (let match = mustache.exec(value); match; match = mustache.exec(value)) {
    for (const path of match[1].matchAll(/(?:^|[^\w$.])([A-Za-z_$][\w$]*)/g)) names.push(path[1]);
  }
  return names;
}
