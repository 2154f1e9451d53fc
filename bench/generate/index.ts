/**
 * Deterministic generator of a realistic WeChat mini program, for the benchmark (hundreds of pages) and as
 * the fuzzer's corpus (a handful of pages). Everything is decided by a seeded PRNG, so a seed and a size
 * always give the same bytes.
 *
 * Shape (per 500 pages, about 5 MB): a main package with the tab pages and ~40% of the pages, the rest in
 * subpackages; WXML/JS/JSON/WXSS per page, ~15% of the pages in TypeScript; shared helpers (`utils/`,
 * `services/`, a bundled map SDK in `libs/`), custom components (`components/`, some from
 * `miniprogram_npm/`), and privacy-relevant code at the density seen in real projects
 * (../shared/notes/real-world-patterns.md): location and media APIs in lifecycles and taps, a launch check
 * that sends users to a phone-only login page, a request helper that redirects to it on a "phone missing"
 * code, checkout pages with phone buttons (most stating a purpose), "bind phone" tiles in the user centre,
 * login pages with another way in, and a few full-screen phone overlays and "查看更多" phone buttons.
 * One checkout page is 2,000 lines of WXML and 2,000 lines of JS: the page the editor benchmark types into.
 */
import * as path from 'path';
import { Random } from '../prng';
import { bigCheckoutJs, bigCheckoutWxml } from './big-page';
import { PageWriter } from './page';
import {
  CHECKOUT_ROUTE,
  COMPONENT_NAMES,
  KIND_BY_NOUN,
  LOGIN_ROUTE,
  NPM_COMPONENTS,
  SECTIONS,
  SERVICE_DOMAINS,
  TITLES,
  type PagePlan,
} from './plan';
import {
  APP_JS,
  APP_WXSS,
  AUTH_JS,
  FILTER_WXS,
  LOCATION_JS,
  LOGIN_POPUP_JS,
  LOGIN_POPUP_WXML,
  LOGIN_POPUP_WXSS,
  ORDER_SUBMIT_JS,
  PHONE_GUARD_JS,
  REQUEST_JS,
  componentJs,
  componentWxml,
  formatJs,
  minifiedSdk,
  serviceFunctions,
  serviceJs,
  serviceTs,
  trackTs,
  wxss,
} from './shared-files';

export type ProjectFiles = Record<string, string>;

export interface GenerateOptions {
  /** Total number of pages (main package + subpackages). 500 is the benchmark's 1x. */
  pages: number;
  seed: number;
  /** Lines of the big checkout page's WXML and of its JS (0: an ordinary checkout page). */
  bigPageLines?: number;
  /** Small pages and every scenario present at least once: the fuzzer's corpus. */
  compact?: boolean;
}

export interface GeneratedProject {
  files: ProjectFiles;
  /** Route of the big checkout page (its .wxml and .js are the files the editor benchmark edits). */
  bigPage: string;
  /** How many pages of each kind and scenario were generated. */
  counts: Record<string, number>;
}

/** Builds the files of one mini program. */
export function generateProject(options: GenerateOptions): GeneratedProject {
  return new Generator(options).run();
}

class Generator {
  private readonly rng: Random;
  private readonly files: ProjectFiles = {};
  private readonly counts: Record<string, number> = {};
  private readonly compact: boolean;
  private services: { file: string; domain: string; ts: boolean; functions: string[] }[] = [];
  private components: string[] = [];

  constructor(private readonly options: GenerateOptions) {
    this.rng = new Random(options.seed);
    this.compact = !!options.compact;
  }

  private count(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  run(): GeneratedProject {
    const plans = this.planPages();
    this.writeHelpers();
    this.writeComponents();
    this.writeApp(plans);
    for (const plan of plans) this.writePage(plan);
    this.writeAssets();
    return { files: this.files, bigPage: CHECKOUT_ROUTE, counts: this.counts };
  }

  // ---------------------------------------------------------------------------------------------------
  // Page plan

  private planPages(): PagePlan[] {
    const rng = this.rng;
    const total = Math.max(this.compact ? 4 : 6, this.options.pages);
    const plans: PagePlan[] = [];
    const used = new Set<string>();
    const add = (plan: PagePlan): PagePlan => {
      used.add(plan.route);
      plans.push(plan);
      this.count(`kind:${plan.kind}`);
      if (plan.ts) this.count('typescript pages');
      return plan;
    };
    add({ route: 'pages/index/index', kind: 'home', ts: false, components: [] });
    add({ route: 'pages/category/category', kind: 'list', ts: false, components: [] });
    add({ route: 'pages/mine/mine', kind: 'profile', ts: false, components: [], bindPhoneTile: true });
    add({ route: LOGIN_ROUTE, kind: 'login', ts: false, components: [] });
    add({
      route: CHECKOUT_ROUTE,
      kind: 'checkout',
      ts: false,
      components: [],
      phone: 'without-purpose',
      big: (this.options.bigPageLines ?? 0) > 0,
    });
    if (total > 5) add({ route: 'pages/cart/cart', kind: 'list', ts: false, components: [] });

    const subpackageCount = Math.max(1, Math.round(total / 60));
    const subpackages = Array.from({ length: subpackageCount }, (_, i) =>
      i % 3 === 0 ? `package-${pickSection(i)}` : i % 3 === 1 ? `subpackages/${pickSection(i)}${i}` : `pkg${i}`,
    );
    const sections = Object.keys(SECTIONS);
    const mainShare = 0.4;
    let remaining = total - plans.length;
    const compactScenarios = this.compact
      ? ['loginOnShow', 'phoneCheckedRequest', 'overlayWall', 'disguisedPhone', 'loginWithSkip', 'with-purpose', 'ts']
      : [];
    let index = 0;
    while (remaining-- > 0) {
      const section = rng.pick(sections);
      const noun = rng.pick(SECTIONS[section]);
      const kind = KIND_BY_NOUN[noun] ?? (section === 'article' && noun !== 'list' ? 'article' : 'list');
      const inMain = rng.chance(mainShare) || subpackages.length === 0;
      const subpackage = inMain ? undefined : subpackages[index % subpackages.length];
      let name = noun;
      let route = subpackage
        ? `${subpackage}/pages/${section}-${name}/${section}-${name}`
        : `pages/${section}/${name}/${name}`;
      for (let n = 2; used.has(route); n++) {
        name = `${noun}${n}`;
        route = subpackage
          ? `${subpackage}/pages/${section}-${name}/${section}-${name}`
          : `pages/${section}/${name}/${name}`;
      }
      const plan: PagePlan = { route, kind, ts: rng.chance(0.15), subpackage, components: [] };
      // Scenario density per page, from the projects described in real-world-patterns.md.
      if ((kind === 'list' || kind === 'detail') && rng.chance(0.015)) plan.loginOnShow = true;
      if (section === 'member' && kind !== 'checkout' && rng.chance(0.5)) plan.phoneCheckedRequest = true;
      if (kind === 'checkout') plan.phone = rng.chance(0.7) ? 'with-purpose' : 'without-purpose';
      if ((kind === 'detail' || kind === 'list') && rng.chance(0.004)) plan.overlayWall = true;
      if (kind === 'list' && rng.chance(0.006)) plan.disguisedPhone = true;
      if (kind === 'profile' && rng.chance(0.3)) plan.bindPhoneTile = true;
      const scenario = compactScenarios.shift();
      if (scenario) {
        if (scenario === 'ts') plan.ts = true;
        else if (scenario === 'with-purpose') {
          plan.kind = 'checkout';
          plan.phone = 'with-purpose';
        } else if (scenario === 'loginWithSkip') {
          plan.kind = 'login';
          plan.loginWithSkip = true;
        } else (plan as unknown as Record<string, boolean>)[scenario] = true;
      }
      if (plan.kind === 'login' && plan.loginWithSkip === undefined) plan.loginWithSkip = true;
      for (const key of [
        'loginOnShow',
        'phoneCheckedRequest',
        'overlayWall',
        'disguisedPhone',
        'bindPhoneTile',
      ] as const)
        if (plan[key]) this.count(`scenario:${key}`);
      if (plan.phone) this.count(`scenario:checkout phone ${plan.phone}`);
      add(plan);
      index++;
    }
    if (!this.compact && total >= 60) {
      // A login page in a subpackage that has another way in (compliant look-alike).
      const loginLike = plans.find((p) => p.subpackage && p.kind === 'form');
      if (loginLike) {
        loginLike.kind = 'login';
        loginLike.loginWithSkip = true;
      }
    }
    return plans;
  }

  // ---------------------------------------------------------------------------------------------------
  // Shared modules

  private writeHelpers(): void {
    const rng = this.rng;
    this.files['utils/request.js'] = REQUEST_JS;
    this.files['utils/auth.js'] = AUTH_JS;
    this.files['utils/phone-guard.js'] = PHONE_GUARD_JS;
    this.files['utils/format.js'] = formatJs(rng, this.compact ? 4 : 14);
    this.files['utils/location.js'] = LOCATION_JS;
    this.files['utils/track.ts'] = trackTs(rng, this.compact ? 3 : 10);
    this.files['utils/filter.wxs'] = FILTER_WXS;
    if (!this.compact) this.files['libs/qqmap-wx-jssdk.min.js'] = minifiedSdk(rng, 900);
    const count = this.compact ? 3 : Math.max(4, Math.round(this.options.pages / 12));
    for (let i = 0; i < count; i++) {
      const domain =
        SERVICE_DOMAINS[i % SERVICE_DOMAINS.length] +
        (i >= SERVICE_DOMAINS.length ? String(Math.floor(i / SERVICE_DOMAINS.length) + 1) : '');
      const ts = rng.chance(0.2);
      const file = `services/${domain}.${ts ? 'ts' : 'js'}`;
      const functions = serviceFunctions(rng, domain, this.compact ? 3 : rng.int(5, 12));
      this.files[file] = ts ? serviceTs(rng, domain, functions) : serviceJs(rng, domain, functions);
      this.services.push({ file, domain, ts, functions });
    }
    // The order and pay helpers every checkout uses: fixed names, so checkouts are found as in real apps.
    this.files['services/order-submit.js'] = ORDER_SUBMIT_JS;
  }

  private writeComponents(): void {
    const rng = this.rng;
    const count = this.compact ? 3 : Math.max(6, Math.round(this.options.pages * 0.05));
    for (let i = 0; i < count; i++) {
      const name =
        COMPONENT_NAMES[i % COMPONENT_NAMES.length] +
        (i >= COMPONENT_NAMES.length ? String(Math.floor(i / COMPONENT_NAMES.length) + 1) : '');
      const base = `components/${name}/${name}`;
      const ts = rng.chance(0.15);
      this.files[`${base}.wxml`] = componentWxml(rng, name);
      this.files[`${base}.${ts ? 'ts' : 'js'}`] = componentJs(rng, name, ts);
      this.files[`${base}.json`] = JSON.stringify({ component: true, usingComponents: {} }, null, 2) + '\n';
      this.files[`${base}.wxss`] = wxss(rng, name, this.compact ? 6 : rng.int(10, 22));
      this.components.push(name);
    }
    // A login popup with a phone button and a way to close it (compliant: the user can dismiss it).
    this.files['components/login-popup/login-popup.wxml'] = LOGIN_POPUP_WXML;
    this.files['components/login-popup/login-popup.js'] = LOGIN_POPUP_JS;
    this.files['components/login-popup/login-popup.json'] = '{\n  "component": true\n}\n';
    this.files['components/login-popup/login-popup.wxss'] = LOGIN_POPUP_WXSS;
    if (!this.compact) {
      for (const name of NPM_COMPONENTS) {
        const base = `miniprogram_npm/@vant/weapp/${name}/index`;
        this.files[`${base}.wxml`] = `<view class="van-${name} custom-class" bindtap="onClick">\n  <slot />\n</view>\n`;
        this.files[`${base}.js`] =
          `"use strict";Object.defineProperty(exports,"__esModule",{value:!0});var component_1=require("../common/component");(0,component_1.VantComponent)({classes:["custom-class"],props:{type:{type:String,value:"default"},disabled:Boolean},methods:{onClick:function(t){this.$emit("click",t)}}});\n`;
        this.files[`${base}.json`] = '{"component":true}\n';
        this.files[`${base}.wxss`] =
          `.van-${name}{position:relative;display:inline-block;box-sizing:border-box;padding:0 15px;font-size:14px}\n`;
      }
      this.files['miniprogram_npm/@vant/weapp/common/component.js'] =
        `"use strict";Object.defineProperty(exports,"__esModule",{value:!0});exports.VantComponent=void 0;function VantComponent(e){var o={};o.properties=e.props;o.methods=e.methods;Component(o)}exports.VantComponent=VantComponent;\n`;
    }
  }

  private writeApp(plans: PagePlan[]): void {
    const main = plans.filter((p) => !p.subpackage).map((p) => p.route);
    const packages = new Map<string, string[]>();
    for (const plan of plans) {
      if (!plan.subpackage) continue;
      const list = packages.get(plan.subpackage) ?? [];
      list.push(plan.route.slice(plan.subpackage.length + 1));
      packages.set(plan.subpackage, list);
    }
    const tabs = [
      'pages/index/index',
      'pages/category/category',
      ...(main.includes('pages/cart/cart') ? ['pages/cart/cart'] : []),
      'pages/mine/mine',
    ];
    const app = {
      pages: main,
      subPackages: [...packages].map(([root, pages]) => ({ root, pages })),
      window: {
        navigationBarTitleText: '优选商城',
        navigationBarBackgroundColor: '#ffffff',
        navigationBarTextStyle: 'black',
        backgroundColor: '#f5f5f5',
        enablePullDownRefresh: false,
      },
      tabBar: {
        color: '#999999',
        selectedColor: '#ff4d4f',
        list: tabs.map((pagePath, i) => ({
          pagePath,
          text: ['首页', '分类', '购物车', '我的'][Math.min(i, 3)],
          iconPath: `images/tab-${i}.png`,
          selectedIconPath: `images/tab-${i}-active.png`,
        })),
      },
      usingComponents: {
        'van-button': '@vant/weapp/button/index',
        'nav-bar': '/components/nav-bar/nav-bar',
        'login-popup': '/components/login-popup/login-popup',
      },
      permission: { 'scope.userLocation': { desc: '你的位置信息将用于小程序位置接口的效果展示' } },
      requiredPrivateInfos: ['getLocation', 'chooseAddress'],
      lazyCodeLoading: 'requiredComponents',
      sitemapLocation: 'sitemap.json',
    };
    if (this.compact) {
      delete (app.usingComponents as Record<string, string>)['van-button'];
      (app.usingComponents as Record<string, string>)['nav-bar'] =
        `/components/${this.components[0]}/${this.components[0]}`;
    }
    this.files['app.json'] = JSON.stringify(app, null, 2) + '\n';
    this.files['app.js'] = APP_JS;
    this.files['app.wxss'] = APP_WXSS + wxss(this.rng, 'app', this.compact ? 4 : 30);
    this.files['sitemap.json'] = JSON.stringify({ rules: [{ action: 'allow', page: '*' }] }, null, 2) + '\n';
    this.files['project.config.json'] =
      JSON.stringify(
        {
          appid: 'wx0000000000000000',
          projectname: 'bench-shop',
          compileType: 'miniprogram',
          setting: { es6: true, minified: true },
          libVersion: '3.4.0',
        },
        null,
        2,
      ) + '\n';
  }

  private writeAssets(): void {
    const count = this.compact ? 2 : 40;
    for (let i = 0; i < count; i++)
      this.files[`images/icon-${i}.png`] = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
  }

  // ---------------------------------------------------------------------------------------------------
  // Pages

  private writePage(plan: PagePlan): void {
    const rng = this.rng;
    const ext = plan.ts ? 'ts' : 'js';
    if (plan.big) {
      const lines = this.options.bigPageLines ?? 2000;
      this.files[`${plan.route}.wxml`] = bigCheckoutWxml(rng, lines);
      this.files[`${plan.route}.js`] = bigCheckoutJs(rng, plan.route, lines);
      this.files[`${plan.route}.json`] =
        JSON.stringify({ navigationBarTitleText: '确认订单', usingComponents: {} }, null, 2) + '\n';
      this.files[`${plan.route}.wxss`] = wxss(rng, 'confirm', 60);
      return;
    }
    const used = this.compact ? this.components.slice(0, 1) : rng.sample(this.components, rng.int(0, 3));
    plan.components = used;
    const usingComponents: Record<string, string> = {};
    for (const name of used) usingComponents[name] = `/components/${name}/${name}`;
    if (!this.compact && rng.chance(0.2)) usingComponents['van-cell'] = '@vant/weapp/cell/index';
    this.files[`${plan.route}.json`] =
      JSON.stringify(
        {
          navigationBarTitleText: rng.pick(TITLES),
          usingComponents,
          ...(plan.kind === 'list' ? { enablePullDownRefresh: true } : {}),
        },
        null,
        2,
      ) + '\n';
    const page = new PageWriter(rng, plan, this.services, this.compact);
    this.files[`${plan.route}.wxml`] = page.wxml();
    this.files[`${plan.route}.${ext}`] = page.script();
    this.files[`${plan.route}.wxss`] = wxss(
      rng,
      path.posix.basename(plan.route),
      this.compact ? 5 : rng.int(14, 30),
      plan.overlayWall,
    );
  }
}

function pickSection(i: number): string {
  const names = Object.keys(SECTIONS);
  return names[i % names.length];
}

/** Writes generated files under `dir` (created; must not exist or be empty). */
export function writeProject(files: ProjectFiles, dir: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  const made = new Set<string>();
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    const parent = path.dirname(file);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(file, content);
  }
}
