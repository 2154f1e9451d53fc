/**
 * The generated mini program in uni-app form, for the benchmark's framework figures: the same pages, helpers
 * and privacy scenarios, written as a uni-app project is (uniapp.dcloud.net.cn/collocation/pages.html):
 * pages.json (pages with their styles, subPackages, tabBar, globalStyle), manifest.json with the "mp-weixin"
 * settings, App.vue, and one single-file component per page and component (components/<name>/<name>.vue,
 * found by easycom) holding the template (WXML turned into Vue syntax), the script (`export default {…}`,
 * `uni.*`) and the styles. Shared helpers stay .js/.ts modules. Native npm components are left out.
 */
import { parseWxml } from '../../server/src/engine/parse/wxml';
import type { WxmlElement, WxmlNode } from '../../server/src/engine/parse/wxml';
import type { GeneratedProject, ProjectFiles } from './index';

export function toUniApp(project: GeneratedProject): GeneratedProject {
  const native = project.files;
  const files: ProjectFiles = {};
  const app = JSON.parse(native['app.json']) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
    window: Record<string, unknown>;
    tabBar: unknown;
    permission: unknown;
    requiredPrivateInfos: string[];
    lazyCodeLoading: string;
  };
  const style = (route: string) => {
    const json = fileIn(native, `${route}.json`);
    const { navigationBarTitleText, enablePullDownRefresh } = (json ? JSON.parse(json) : {}) as Record<string, unknown>;
    return { navigationBarTitleText, ...(enablePullDownRefresh ? { enablePullDownRefresh } : {}) };
  };
  files['pages.json'] =
    JSON.stringify(
      {
        pages: app.pages.map((route) => ({ path: route, style: style(route) })),
        subPackages: app.subPackages.map(({ root, pages }) => ({
          root,
          pages: pages.map((page) => ({ path: page, style: style(`${root}/${page}`) })),
        })),
        globalStyle: app.window,
        tabBar: app.tabBar,
        easycom: { autoscan: true },
      },
      null,
      2,
    ) + '\n';
  files['manifest.json'] =
    JSON.stringify(
      {
        name: 'bench-shop',
        appid: '__UNI__BENCH',
        versionName: '1.0.0',
        'mp-weixin': {
          appid: 'wx0000000000000000',
          setting: { urlCheck: false },
          permission: app.permission,
          requiredPrivateInfos: app.requiredPrivateInfos,
          lazyCodeLoading: app.lazyCodeLoading,
        },
      },
      null,
      2,
    ) + '\n';
  files['App.vue'] = sfc(undefined, native['app.js'], false, native['app.wxss']);

  for (const file of Object.keys(native)) {
    if (file.startsWith('miniprogram_npm/') || /^(app|project\.config|sitemap)\.json$|^app\.(js|wxss)$/.test(file))
      continue;
    const base = file.replace(/\.(wxml|js|ts|json|wxss)$/, '');
    const wxml = fileIn(native, `${base}.wxml`);
    if (!wxml) {
      files[file] = file.endsWith('.js') || file.endsWith('.ts') ? toUni(native[file]) : native[file];
      continue;
    }
    if (!file.endsWith('.wxml')) continue;
    const ts = fileIn(native, `${base}.ts`) !== undefined;
    const script = fileIn(native, `${base}.${ts ? 'ts' : 'js'}`) ?? '';
    files[`${base}.vue`] = sfc(wxml, script, ts, fileIn(native, `${base}.wxss`));
  }
  return { ...project, files };
}

/** A generated file, or undefined when the project has none of that name. */
function fileIn(files: ProjectFiles, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
}

function toUni(code: string): string {
  return code.replace(/\bwx\./g, 'uni.');
}

/** `Page({…});` / `Component({…});` / `App({…});` as `export default {…};`. */
function toOptions(code: string): string {
  const start = /\b(Page|Component|App)\(\{/.exec(code);
  if (!start) return toUni(code);
  const end = code.lastIndexOf('});');
  const body = code.slice(start.index + start[0].length, end < 0 ? code.length : end);
  return toUni(`${code.slice(0, start.index)}export default {${body}};${end < 0 ? '' : code.slice(end + 3)}`);
}

function sfc(wxml: string | undefined, script: string, ts: boolean, css: string | undefined): string {
  const parts: string[] = [];
  if (wxml !== undefined)
    parts.push(`<template>\n  <view class="uni-page">\n${vueTemplate(wxml, '    ')}\n  </view>\n</template>`);
  parts.push(`<script${ts ? ' lang="ts"' : ''}>\n${toOptions(script).trimEnd()}\n</script>`);
  if (css) parts.push(`<style>\n${css.trimEnd()}\n</style>`);
  return parts.join('\n\n') + '\n';
}

/** WXML written in Vue's template syntax: v-if / v-for / @event / :bound="expression". */
function vueTemplate(wxml: string, indent: string): string {
  return parseWxml('page.wxml', wxml)
    .roots.map((node) => vueNode(node, indent))
    .filter(Boolean)
    .join('\n');
}

const MUSTACHE = /\{\{([\s\S]*?)\}\}/g;

/** An attribute value as a Vue expression: `{{a}}` -> a, `x{{a}}y` -> 'x' + (a) + 'y'. */
function boundValue(value: string): string | undefined {
  const whole = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value);
  if (whole && !whole[1].includes('}}')) return whole[1].trim();
  if (!value.includes('{{')) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const match of value.matchAll(MUSTACHE)) {
    if (match.index > at) parts.push(`'${value.slice(at, match.index).replace(/'/g, "\\'")}'`);
    parts.push(`(${match[1].trim()})`);
    at = match.index + match[0].length;
  }
  if (at < value.length) parts.push(`'${value.slice(at).replace(/'/g, "\\'")}'`);
  return parts.join(' + ');
}

function vueNode(node: WxmlNode, indent: string): string {
  if (node.kind === 'text') {
    const text = node.text.trim();
    return text ? indent + text : '';
  }
  // uni-app writes WXS as <script module lang="wxs"> blocks; the benchmark's filters are left out.
  if (node.name === 'wxs') return '';
  const attributes = vueAttributes(node);
  const open = `<${node.name}${attributes.length ? ` ${attributes.join(' ')}` : ''}`;
  const children = node.children.map((child) => vueNode(child, `${indent}  `)).filter(Boolean);
  if (!children.length) return `${indent}${open}></${node.name}>`;
  return `${indent}${open}>\n${children.join('\n')}\n${indent}</${node.name}>`;
}

function vueAttributes(element: WxmlElement): string[] {
  const out: string[] = [];
  const item = element.attributes.find((a) => a.name === 'wx:for-item')?.value || 'item';
  const index = element.attributes.find((a) => a.name === 'wx:for-index')?.value || 'index';
  for (const { name, value } of element.attributes) {
    const bound = boundValue(value);
    const event = /^(bind|catch):?(\w+)$/.exec(name);
    if (name === 'wx:key' || name === 'wx:for-item' || name === 'wx:for-index') continue;
    if (name === 'wx:for') out.push(`v-for="(${item}, ${index}) in ${bound ?? value}" :key="${index}"`);
    else if (name === 'wx:if') out.push(`v-if="${bound ?? value}"`);
    else if (name === 'wx:elif') out.push(`v-else-if="${bound ?? value}"`);
    else if (name === 'wx:else') out.push('v-else');
    else if (event) out.push(`@${event[2]}${event[1] === 'catch' ? '.stop' : ''}="${value}"`);
    else if (bound !== undefined) out.push(`:${name}="${bound.replace(/"/g, "'")}"`);
    else out.push(value === '' ? name : `${name}="${value}"`);
  }
  return out;
}
