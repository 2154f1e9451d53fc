import type { PageUnit, ProjectModel } from '../model';
import type { EventBinding, WxmlAttribute, WxmlElement } from '../parse';
import { attribute } from '../parse';
import { FunctionRef, handlerOf, reachableCalls } from './reach';
import { ViewElement, gestureBindings } from './wxml-view';
import { runsSynchronously } from './entry-points';
import type { Shown } from './data-flow';

/**
 * What counts as a request for personal information on a rendered page. The wall analysis (walls.ts) is the
 * same for every kind of information; a matcher decides which elements ask for it: the phone number, or the
 * nickname and avatar.
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

/** Decides which rendered elements ask for the information a wall analysis is about. */
export type RequestMatcher = (view: ViewElement, model: ProjectModel) => RequestMatch | undefined;

/** An element of a page that asks for personal information. */
export interface PersonalInfoRequest {
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

export function phoneOpenType(element: WxmlElement): { openType: PhoneOpenType; attr: WxmlAttribute } | undefined {
  const attr = attribute(element, 'open-type');
  if (!attr) return undefined;
  const types = attr.value.split('|').map((t) => t.trim());
  if (types.includes('getPhoneNumber')) return { openType: 'getPhoneNumber', attr };
  if (types.includes('getRealtimePhoneNumber')) return { openType: 'getRealtimePhoneNumber', attr };
  return undefined;
}

/** Buttons that ask for the phone number (open-type getPhoneNumber or getRealtimePhoneNumber). */
export const matchPhoneRequest: RequestMatcher = (view) => {
  const phone = phoneOpenType(view.element);
  return phone && { openType: phone.openType, attr: phone.attr, resultEvent: phone.openType.toLowerCase() };
};

/** Elements that ask for the nickname or avatar: the old open-types, the nickname input, or a tap that calls getUserProfile/getUserInfo. */
export const matchUserInfoRequest: RequestMatcher = (view, model) => {
  const { element } = view;
  const openType = attribute(element, 'open-type');
  const type = openType?.value
    .split('|')
    .map((t) => t.trim())
    .find((t) => t === 'getUserInfo' || t === 'chooseAvatar');
  if (openType && type) return { openType: type, attr: openType, resultEvent: type.toLowerCase() };
  const inputType = attribute(element, 'type');
  if (element.name === 'input' && inputType?.value === 'nickname') return { openType: 'nickname', attr: inputType };
  for (const binding of gestureBindings(element)) {
    if (binding.event !== 'tap') continue;
    const handler = handlerOf(view.owner, binding.handler);
    const call =
      handler &&
      reachableCalls(model, handler).find(
        (r) =>
          r.call.kind === 'platform' &&
          (r.call.api === 'getUserProfile' || r.call.api === 'getUserInfo') &&
          runsSynchronously(r),
      );
    if (call && call.call.kind === 'platform') return { openType: call.call.api, attr: binding.attribute };
  }
  return undefined;
};
