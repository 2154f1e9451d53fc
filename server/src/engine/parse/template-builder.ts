import type { WxmlAttribute, WxmlElement, WxmlNode } from './wxml';
import { interned } from './wxml';

/**
 * Shared by the framework template adapters (parse/vue.ts, parse/jsx.ts): they turn a Vue template or JSX into
 * the element tree of parse/wxml.ts, with WXML attribute names and offsets into the source file, so that every
 * rule reads a uni-app or Taro page the way it reads a native one.
 */

export function newElement(
  name: string,
  start: number,
  startTagEnd: number,
  end: number,
  selfClosing: boolean,
  parent: WxmlElement | undefined,
): WxmlElement {
  return {
    kind: 'element',
    name: interned(name),
    attributes: [],
    start,
    startTagEnd,
    end,
    selfClosing,
    children: [],
    parent,
    derived: undefined,
  };
}

export function newAttribute(
  name: string,
  value: string,
  start: number,
  end: number,
  valueStart = end,
  valueEnd = end,
): WxmlAttribute {
  return { name: interned(name), value, start, end, valueStart, valueEnd };
}

export function appendChild(parent: WxmlElement | undefined, roots: WxmlNode[], node: WxmlNode): void {
  if (parent) parent.children.push(node);
  else roots.push(node);
}

/**
 * The mini program event a framework event compiles to. uni-app maps web `click` to `tap` (its "事件映射表",
 * uniapp.dcloud.net.cn/tutorial/vue-basics.html); Taro's `onClick` is the mini program's `bindtap`
 * (docs.taro.zone/docs/event). Other names are the component's own events (getphonenumber, chooseavatar…).
 */
export function miniProgramEvent(event: string): string {
  const lower = event.toLowerCase();
  return lower === 'click' ? 'tap' : lower;
}

/** `openType` -> `open-type`, `ScrollView` -> `scroll-view`: JSX and Vue PascalCase names as WXML writes them. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** A handler named by an expression: `onTap`, `this.onTap`, `onTap(item)`, `this.onTap.bind(this)`; else undefined. */
export function handlerName(expression: string): string | undefined {
  // A handler is named in a few words; a longer expression is an inline statement (and stays linear to read).
  if (expression.length > 300) return undefined;
  const match = /^\s*(?:this\.)?([A-Za-z_$][\w$]*)\s*(?:\.bind\s*\([^)]*\)\s*)?(?:\([^;]*\))?\s*;?\s*$/.exec(
    expression,
  );
  if (!match || match[1] === '$emit' || match[1] === 'this') return undefined;
  return match[1];
}
