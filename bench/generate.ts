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
import { Random } from './prng';

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

type PageKind = 'home' | 'list' | 'detail' | 'article' | 'form' | 'profile' | 'checkout' | 'login' | 'store' | 'media' | 'settings' | 'webview';

interface PagePlan {
  route: string;
  kind: PageKind;
  ts: boolean;
  subpackage?: string;
  /** Custom components the page uses, by tag. */
  components: string[];
  /** onShow calls auth.requireLogin(): a redirect to the phone wall while browsing. */
  loginOnShow?: boolean;
  /** onLoad loads data through the helper that reLaunches to the phone wall on a "phone missing" code. */
  phoneCheckedRequest?: boolean;
  /** Checkout pages: a phone button, with or without a sentence saying why. */
  phone?: 'with-purpose' | 'without-purpose';
  /** A full-screen layer holding only a phone button. */
  overlayWall?: boolean;
  /** A "查看更多" button that is really a getPhoneNumber button. */
  disguisedPhone?: boolean;
  /** Login pages: the phone button is not the only way in. */
  loginWithSkip?: boolean;
  /** Profile pages: a "bind phone" tile that states its purpose. */
  bindPhoneTile?: boolean;
  big?: boolean;
}

const SECTIONS: Record<string, string[]> = {
  goods: ['list', 'detail', 'search', 'compare', 'reviews', 'specs', 'brand', 'ranking', 'new-arrivals', 'hot'],
  order: ['list', 'detail', 'refund', 'logistics', 'comment', 'after-sale', 'invoice', 'pay-result'],
  mine: ['settings', 'address', 'address-edit', 'coupons', 'points', 'favorites', 'history', 'feedback', 'about', 'security'],
  store: ['list', 'detail', 'map', 'nearby', 'booking'],
  article: ['list', 'detail', 'topic', 'author', 'column'],
  activity: ['list', 'detail', 'signup', 'lottery', 'group-buy', 'seckill', 'bargain'],
  member: ['center', 'card', 'level', 'benefits', 'recharge'],
  service: ['center', 'chat', 'faq', 'repair', 'complaint'],
  media: ['upload', 'album', 'poster', 'camera', 'video'],
  message: ['list', 'detail', 'notice', 'web'],
};

const KIND_BY_NOUN: Record<string, PageKind> = {
  detail: 'detail', specs: 'detail', brand: 'detail', reviews: 'detail', compare: 'detail',
  'address-edit': 'form', feedback: 'form', refund: 'form', signup: 'form', repair: 'form', complaint: 'form', comment: 'form', 'after-sale': 'form', invoice: 'form',
  settings: 'settings', security: 'settings', about: 'settings', faq: 'settings',
  map: 'store', nearby: 'store',
  upload: 'media', album: 'media', poster: 'media', camera: 'media', video: 'media',
  center: 'profile', card: 'profile', level: 'profile', benefits: 'profile',
  booking: 'checkout', recharge: 'checkout', 'group-buy': 'checkout', seckill: 'checkout', bargain: 'checkout',
  web: 'webview',
};

const TITLES = ['精选好物', '限时特惠', '新品上市', '热销榜单', '为你推荐', '会员专享', '今日必抢', '品质生活', '人气好店', '附近门店', '猜你喜欢', '口碑推荐', '店长推荐', '季节限定', '爆款直降'];
/** Page prose. None of it states why a phone number is needed (the purpose vocabulary is added on purpose only). */
const PARAGRAPHS = [
  '本店精选优质咖啡豆，每日新鲜烘焙，口感醇厚，回味悠长。',
  '活动期间全场满100减20，部分特价商品除外，具体以结算页面为准。',
  '下单后将在24小时内发货，偏远地区可能会有延迟，敬请谅解。',
  '商品支持七天无理由退换，请保持商品及包装完好。',
  '会员每消费1元累积1积分，积分可在积分商城兑换好礼。',
  '门店营业时间为每天上午九点至晚上十点，节假日正常营业。',
  '如遇质量问题请联系在线客服，我们将第一时间为您处理。',
  '本活动最终解释权归本店所有，请以页面展示信息为准。',
  '新鲜水果每日清晨从产地直发，冷链配送，保证新鲜。',
  '满减券与折扣券不可叠加使用，每个订单限用一张。',
  '精选食材，匠心制作，每一口都是家的味道。',
  '预约成功后请按时到店，超时十五分钟预约将自动取消。',
];
const ITEM_FIELDS = ['title', 'price', 'cover', 'sales', 'tag', 'desc', 'shopName', 'distance', 'stock', 'originalPrice', 'rating', 'comments'];
const COLORS = ['#333', '#666', '#999', '#ff4d4f', '#fa8c16', '#07c160', '#1677ff', '#f5f5f5', '#fff', '#eee'];
const SERVICE_DOMAINS = ['goods', 'order', 'user', 'cart', 'store', 'article', 'activity', 'member', 'coupon', 'address', 'message', 'upload', 'search', 'point', 'feedback', 'service', 'media', 'config', 'stat', 'invoice'];
const COMPONENT_NAMES = ['goods-card', 'shop-card', 'price', 'tag', 'empty', 'loading', 'nav-bar', 'tab-bar', 'search-bar', 'coupon-card', 'countdown', 'rate', 'stepper', 'address-card', 'order-card', 'banner', 'notice-bar', 'skeleton', 'share-sheet', 'filter-bar', 'sku-popup', 'comment-item', 'article-card', 'store-card', 'member-card'];
const NPM_COMPONENTS = ['button', 'cell', 'cell-group', 'icon', 'popup', 'toast', 'dialog', 'tabs', 'tab', 'image'];

const LOGIN_ROUTE = 'pages/login/login';
const CHECKOUT_ROUTE = 'pages/order/confirm/confirm';

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
    add({ route: CHECKOUT_ROUTE, kind: 'checkout', ts: false, components: [], phone: 'without-purpose', big: (this.options.bigPageLines ?? 0) > 0 });
    if (total > 5) add({ route: 'pages/cart/cart', kind: 'list', ts: false, components: [] });

    const subpackageCount = Math.max(1, Math.round(total / 60));
    const subpackages = Array.from({ length: subpackageCount }, (_, i) => (i % 3 === 0 ? `package-${pickSection(i)}` : i % 3 === 1 ? `subpackages/${pickSection(i)}${i}` : `pkg${i}`));
    const sections = Object.keys(SECTIONS);
    const mainShare = 0.4;
    let remaining = total - plans.length;
    const compactScenarios = this.compact ? ['loginOnShow', 'phoneCheckedRequest', 'overlayWall', 'disguisedPhone', 'loginWithSkip', 'with-purpose', 'ts'] : [];
    let index = 0;
    while (remaining-- > 0) {
      const section = rng.pick(sections);
      const noun = rng.pick(SECTIONS[section]);
      const kind = KIND_BY_NOUN[noun] ?? (section === 'article' && noun !== 'list' ? 'article' : 'list');
      const inMain = rng.chance(mainShare) || subpackages.length === 0;
      const subpackage = inMain ? undefined : subpackages[index % subpackages.length];
      let name = noun;
      let route = subpackage ? `${subpackage}/pages/${section}-${name}/${section}-${name}` : `pages/${section}/${name}/${name}`;
      for (let n = 2; used.has(route); n++) {
        name = `${noun}${n}`;
        route = subpackage ? `${subpackage}/pages/${section}-${name}/${section}-${name}` : `pages/${section}/${name}/${name}`;
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
      for (const key of ['loginOnShow', 'phoneCheckedRequest', 'overlayWall', 'disguisedPhone', 'bindPhoneTile'] as const) if (plan[key]) this.count(`scenario:${key}`);
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
      const domain = SERVICE_DOMAINS[i % SERVICE_DOMAINS.length] + (i >= SERVICE_DOMAINS.length ? String(Math.floor(i / SERVICE_DOMAINS.length) + 1) : '');
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
      const name = COMPONENT_NAMES[i % COMPONENT_NAMES.length] + (i >= COMPONENT_NAMES.length ? String(Math.floor(i / COMPONENT_NAMES.length) + 1) : '');
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
        this.files[`${base}.js`] = `"use strict";Object.defineProperty(exports,"__esModule",{value:!0});var component_1=require("../common/component");(0,component_1.VantComponent)({classes:["custom-class"],props:{type:{type:String,value:"default"},disabled:Boolean},methods:{onClick:function(t){this.$emit("click",t)}}});\n`;
        this.files[`${base}.json`] = '{"component":true}\n';
        this.files[`${base}.wxss`] = `.van-${name}{position:relative;display:inline-block;box-sizing:border-box;padding:0 15px;font-size:14px}\n`;
      }
      this.files['miniprogram_npm/@vant/weapp/common/component.js'] = `"use strict";Object.defineProperty(exports,"__esModule",{value:!0});exports.VantComponent=void 0;function VantComponent(e){var o={};o.properties=e.props;o.methods=e.methods;Component(o)}exports.VantComponent=VantComponent;\n`;
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
    const tabs = ['pages/index/index', 'pages/category/category', ...(main.includes('pages/cart/cart') ? ['pages/cart/cart'] : []), 'pages/mine/mine'];
    const app = {
      pages: main,
      subPackages: [...packages].map(([root, pages]) => ({ root, pages })),
      window: { navigationBarTitleText: '优选商城', navigationBarBackgroundColor: '#ffffff', navigationBarTextStyle: 'black', backgroundColor: '#f5f5f5', enablePullDownRefresh: false },
      tabBar: {
        color: '#999999',
        selectedColor: '#ff4d4f',
        list: tabs.map((pagePath, i) => ({ pagePath, text: ['首页', '分类', '购物车', '我的'][Math.min(i, 3)], iconPath: `images/tab-${i}.png`, selectedIconPath: `images/tab-${i}-active.png` })),
      },
      usingComponents: { 'van-button': '@vant/weapp/button/index', 'nav-bar': '/components/nav-bar/nav-bar', 'login-popup': '/components/login-popup/login-popup' },
      permission: { 'scope.userLocation': { desc: '你的位置信息将用于小程序位置接口的效果展示' } },
      requiredPrivateInfos: ['getLocation', 'chooseAddress'],
      lazyCodeLoading: 'requiredComponents',
      sitemapLocation: 'sitemap.json',
    };
    if (this.compact) {
      delete (app.usingComponents as Record<string, string>)['van-button'];
      (app.usingComponents as Record<string, string>)['nav-bar'] = `/components/${this.components[0]}/${this.components[0]}`;
    }
    this.files['app.json'] = JSON.stringify(app, null, 2) + '\n';
    this.files['app.js'] = APP_JS;
    this.files['app.wxss'] = APP_WXSS + wxss(this.rng, 'app', this.compact ? 4 : 30);
    this.files['sitemap.json'] = JSON.stringify({ rules: [{ action: 'allow', page: '*' }] }, null, 2) + '\n';
    this.files['project.config.json'] = JSON.stringify({ appid: 'wx0000000000000000', projectname: 'bench-shop', compileType: 'miniprogram', setting: { es6: true, minified: true }, libVersion: '3.4.0' }, null, 2) + '\n';
  }

  private writeAssets(): void {
    const count = this.compact ? 2 : 40;
    for (let i = 0; i < count; i++) this.files[`images/icon-${i}.png`] = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
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
      this.files[`${plan.route}.json`] = JSON.stringify({ navigationBarTitleText: '确认订单', usingComponents: {} }, null, 2) + '\n';
      this.files[`${plan.route}.wxss`] = wxss(rng, 'confirm', 60);
      return;
    }
    const used = this.compact ? this.components.slice(0, 1) : rng.sample(this.components, rng.int(0, 3));
    plan.components = used;
    const usingComponents: Record<string, string> = {};
    for (const name of used) usingComponents[name] = `/components/${name}/${name}`;
    if (!this.compact && rng.chance(0.2)) usingComponents['van-cell'] = '@vant/weapp/cell/index';
    this.files[`${plan.route}.json`] = JSON.stringify({ navigationBarTitleText: rng.pick(TITLES), usingComponents, ...(plan.kind === 'list' ? { enablePullDownRefresh: true } : {}) }, null, 2) + '\n';
    const page = new PageWriter(rng, plan, this.services, this.compact);
    this.files[`${plan.route}.wxml`] = page.wxml();
    this.files[`${plan.route}.${ext}`] = page.script();
    this.files[`${plan.route}.wxss`] = wxss(rng, path.posix.basename(plan.route), this.compact ? 5 : rng.int(14, 30), plan.overlayWall);
  }
}

function pickSection(i: number): string {
  const names = Object.keys(SECTIONS);
  return names[i % names.length];
}

/** A relative module specifier from a file to a project path (without extension), as pages write them. */
function relativeModule(fromFile: string, target: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromFile), target);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

// -----------------------------------------------------------------------------------------------------
// WXML and script of an ordinary page

class PageWriter {
  private readonly methods: string[][] = [];
  private readonly handlers = new Set<string>();
  private readonly imports = new Map<string, string>();
  private readonly dataFields = new Map<string, string>();

  constructor(
    private readonly rng: Random,
    private readonly plan: PagePlan,
    private readonly services: { file: string; domain: string; ts: boolean; functions: string[] }[],
    private readonly compact: boolean,
  ) {}

  private get file(): string {
    return `${this.plan.route}.${this.plan.ts ? 'ts' : 'js'}`;
  }

  private use(binding: string, target: string): string {
    this.imports.set(binding, relativeModule(this.file, target));
    return binding;
  }

  private handler(name: string): string {
    this.handlers.add(name);
    return name;
  }

  // ---- WXML

  wxml(): string {
    const rng = this.rng;
    const plan = this.plan;
    const out: string[] = [`<wxs module="filter" src="${relativeModule(`${plan.route}.wxml`, 'utils/filter.wxs')}.wxs"></wxs>`, `<view class="page page-${path.posix.basename(plan.route)}">`];
    const blocks = this.compact ? 1 : rng.int(3, 6);
    if (plan.kind === 'login') out.push(...this.loginBlock());
    else {
      if (plan.kind !== 'checkout' && plan.kind !== 'form') out.push(...this.searchBar());
      if (plan.kind === 'home' || rng.chance(0.3)) out.push(...this.banner());
      const main: Record<PageKind, () => string[]> = {
        home: () => [...this.grid(), ...this.list('recommend')],
        list: () => [...this.tabs(), ...this.list('list')],
        detail: () => this.detail(),
        article: () => this.article(),
        form: () => this.form(),
        profile: () => this.profile(),
        checkout: () => this.checkout(),
        login: () => [],
        store: () => this.store(),
        media: () => this.media(),
        settings: () => this.settings(),
        webview: () => [`  <web-view src="https://m.example-shop.com/activity/{{id}}" bindmessage="${this.handler('onWebMessage')}"></web-view>`],
      };
      out.push(...main[plan.kind]());
      for (let i = 0; i < blocks; i++) out.push(...rng.pick([() => this.card(), () => this.list(`extra${i}`), () => this.notice(), () => this.empty(), () => this.grid()])());
      for (const component of plan.components) out.push(`  <${component} title="${rng.pick(TITLES)}" item="{{current}}" bind:change="${this.handler('onComponentChange')}"></${component}>`);
      if (plan.disguisedPhone) out.push(`  <view class="result-card">`, `    <text class="result-title">{{result.title}}</text>`, `    <button class="more-link" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onMoreWithPhone')}">查看更多 ></button>`, `  </view>`);
      if (plan.overlayWall) out.push(`  <view class="auth-mask">`, `    <button class="auth-btn" type="primary" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onMaskPhone')}">授权手机号后查看</button>`, `  </view>`);
      if (rng.chance(0.15)) out.push(`  <login-popup wx:if="{{showLogin}}" bind:close="${this.handler('closeLogin')}"></login-popup>`);
      out.push(`  <view class="footer-space"></view>`);
    }
    out.push('</view>', '');
    return out.join('\n');
  }

  private searchBar(): string[] {
    return [`  <view class="search-bar" bindtap="${this.handler('goSearch')}">`, `    <icon type="search" size="14"></icon>`, `    <text class="placeholder">搜索商品、店铺</text>`, `  </view>`];
  }

  private banner(): string[] {
    this.dataFields.set('banners', '[]');
    return [
      `  <swiper class="banner" indicator-dots autoplay circular interval="4000">`,
      `    <swiper-item wx:for="{{banners}}" wx:key="id">`,
      `      <image class="banner-image" src="{{item.image}}" mode="aspectFill" data-url="{{item.url}}" bindtap="${this.handler('openBanner')}"></image>`,
      `    </swiper-item>`,
      `  </swiper>`,
    ];
  }

  private grid(): string[] {
    this.dataFields.set('categories', '[]');
    return [
      `  <view class="grid">`,
      `    <navigator class="grid-item" wx:for="{{categories}}" wx:key="id" url="/pages/goods/list/list?category={{item.id}}">`,
      `      <image class="grid-icon" src="{{item.icon}}" mode="aspectFit"></image>`,
      `      <text class="grid-text">{{item.name}}</text>`,
      `    </navigator>`,
      `  </view>`,
    ];
  }

  private tabs(): string[] {
    this.dataFields.set('tabs', "['全部', '热销', '新品', '价格']");
    this.dataFields.set('activeTab', '0');
    return [
      `  <scroll-view class="tabs" scroll-x enable-flex>`,
      `    <view class="tab {{activeTab === index ? 'active' : ''}}" wx:for="{{tabs}}" wx:key="*this" data-index="{{index}}" bindtap="${this.handler('switchTab')}">{{item}}</view>`,
      `  </scroll-view>`,
    ];
  }

  private list(name: string): string[] {
    const rng = this.rng;
    const field = `${name}List`;
    this.dataFields.set(field, '[]');
    const fields = rng.sample(ITEM_FIELDS.slice(1), this.compact ? 2 : rng.int(3, 7));
    const lines = [
      `  <view class="section">`,
      `    <view class="section-header">`,
      `      <text class="section-title">${rng.pick(TITLES)}</text>`,
      `      <navigator class="section-more" url="/pages/goods/list/list?from=${name}">更多</navigator>`,
      `    </view>`,
      `    <view class="item" wx:for="{{${field}}}" wx:key="id" data-id="{{item.id}}" bindtap="${this.handler('openDetail')}">`,
      `      <image class="item-cover" src="{{item.cover}}" mode="aspectFill" lazy-load></image>`,
      `      <view class="item-info">`,
      `        <text class="item-title">{{item.title}}</text>`,
    ];
    for (const f of fields) lines.push(f === 'price' || f === 'originalPrice' ? `        <text class="item-${f}">¥{{filter.price(item.${f})}}</text>` : `        <text class="item-${f}">{{item.${f}}}</text>`);
    if (rng.chance(0.4)) lines.push(`        <view class="item-tags"><text class="tag" wx:for="{{item.tags}}" wx:for-item="tag" wx:key="*this">{{tag}}</text></view>`);
    lines.push(`      </view>`);
    if (rng.chance(0.5)) lines.push(`      <button class="item-action" size="mini" catchtap="${this.handler('addToCart')}" data-id="{{item.id}}">加入购物车</button>`);
    lines.push(`    </view>`, `    <view wx:if="{{loading}}" class="loading">加载中...</view>`, `    <view wx:elif="{{!hasMore}}" class="no-more">没有更多了</view>`, `  </view>`);
    this.dataFields.set('loading', 'false');
    this.dataFields.set('hasMore', 'true');
    return lines;
  }

  private card(): string[] {
    const rng = this.rng;
    const lines = [`  <view class="card">`, `    <view class="card-title">${rng.pick(TITLES)}</view>`];
    const paragraphs = this.compact ? 1 : rng.int(1, 4);
    for (let i = 0; i < paragraphs; i++) lines.push(`    <text class="card-text">${rng.pick(PARAGRAPHS)}</text>`);
    if (rng.chance(0.5)) lines.push(`    <view class="card-row"><text class="label">{{info.label${paragraphs}}}</text><text class="value">{{info.value${paragraphs}}}</text></view>`);
    lines.push(`  </view>`);
    return lines;
  }

  private notice(): string[] {
    return [`  <view class="notice" wx:if="{{notice}}">`, `    <icon type="info" size="14" color="#fa8c16"></icon>`, `    <text class="notice-text">{{notice}}</text>`, `    <text class="notice-close" bindtap="${this.handler('closeNotice')}">×</text>`, `  </view>`];
  }

  private empty(): string[] {
    return [`  <view class="empty" wx:if="{{isEmpty}}">`, `    <image class="empty-image" src="/images/icon-1.png"></image>`, `    <text class="empty-text">暂无数据</text>`, `    <navigator class="empty-link" open-type="switchTab" url="/pages/index/index">去逛逛</navigator>`, `  </view>`];
  }

  private detail(): string[] {
    const rng = this.rng;
    const lines = [
      `  <view class="detail">`,
      `    <view class="detail-title">{{goods.title}}</view>`,
      `    <view class="detail-price">¥{{filter.price(goods.price)}} <text class="origin">¥{{goods.originalPrice}}</text></view>`,
      `    <view class="detail-sales">已售 {{goods.sales}} · 库存 {{goods.stock}}</view>`,
      `    <rich-text class="detail-content" nodes="{{goods.content}}"></rich-text>`,
    ];
    if (rng.chance(0.3)) lines.push(`    <video class="detail-video" src="{{goods.video}}" controls></video>`);
    lines.push(
      `  </view>`,
      `  <view class="action-bar">`,
      `    <button class="action share" open-type="share">分享</button>`,
      `    <button class="action service" open-type="contact">客服</button>`,
      `    <button class="action cart" bindtap="${this.handler('addToCart')}">加入购物车</button>`,
      `    <button class="action buy" type="primary" bindtap="${this.handler('buyNow')}">立即购买</button>`,
      `  </view>`,
    );
    this.dataFields.set('goods', '{}');
    return lines;
  }

  private article(): string[] {
    const rng = this.rng;
    const lines = [`  <view class="article">`, `    <view class="article-title">{{article.title}}</view>`, `    <view class="article-meta">{{article.author}} · {{article.date}}</view>`];
    const count = this.compact ? 2 : rng.int(6, 14);
    for (let i = 0; i < count; i++) lines.push(`    <text class="article-paragraph">${rng.pick(PARAGRAPHS)}${rng.pick(PARAGRAPHS)}</text>`);
    lines.push(`  </view>`);
    return lines;
  }

  private form(): string[] {
    const rng = this.rng;
    const fields = [
      ['name', '姓名', 'text'],
      ['mobile', '手机号码', 'number'],
      ['address', '详细地址', 'text'],
      ['remark', '备注', 'text'],
      ['email', '邮箱', 'text'],
      ['company', '单位', 'text'],
    ];
    const lines = [`  <form class="form" bindsubmit="${this.handler('onSubmit')}">`];
    for (const [name, label, type] of rng.sample(fields, this.compact ? 2 : rng.int(3, 6))) {
      lines.push(`    <view class="form-item">`, `      <text class="form-label">${label}</text>`, `      <input class="form-input" name="${name}" type="${type}" placeholder="请输入${label}" value="{{form.${name}}}" bindinput="${this.handler('onInput')}" data-field="${name}" />`, `    </view>`);
    }
    lines.push(`    <view class="form-item">`, `      <text class="form-label">类型</text>`, `      <picker mode="selector" range="{{types}}" bindchange="${this.handler('onTypeChange')}"><view class="picker">{{types[typeIndex] || '请选择'}}</view></picker>`, `    </view>`);
    if (rng.chance(0.4)) lines.push(`    <view class="upload" bindtap="${this.handler('chooseImages')}"><text>上传图片（最多9张）</text></view>`);
    lines.push(`    <textarea class="form-textarea" name="content" maxlength="500" placeholder="请描述具体情况"></textarea>`, `    <button class="submit" type="primary" form-type="submit">提交</button>`, `  </form>`);
    this.dataFields.set('form', '{}');
    this.dataFields.set('types', "['咨询', '投诉', '建议']");
    this.dataFields.set('typeIndex', '-1');
    return lines;
  }

  private profile(): string[] {
    const lines = [
      `  <view class="profile-header">`,
      `    <button class="avatar-wrapper" open-type="chooseAvatar" bindchooseavatar="${this.handler('onChooseAvatar')}">`,
      `      <image class="avatar" src="{{user.avatar || '/images/icon-0.png'}}"></image>`,
      `    </button>`,
      `    <input class="nickname" type="nickname" value="{{user.nickname}}" placeholder="请输入昵称" bindblur="${this.handler('onNickname')}" />`,
      `  </view>`,
      `  <view class="menu">`,
      `    <navigator class="menu-item" url="/pages/order/list/list">我的订单</navigator>`,
      `    <navigator class="menu-item" url="/pages/mine/address/address">收货地址</navigator>`,
      `    <navigator class="menu-item" url="/pages/mine/coupons/coupons">优惠券</navigator>`,
      `    <view class="menu-item" bindtap="${this.handler('openSettings')}">设置</view>`,
      `  </view>`,
    ];
    if (this.plan.bindPhoneTile) {
      lines.push(`  <view class="bind-phone">`, `    <text class="bind-tip">绑定手机号，用于接收订单和物流通知</text>`, `    <button class="bind-btn" size="mini" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onBindPhone')}">绑定手机号</button>`, `  </view>`);
    }
    this.dataFields.set('user', '{}');
    return lines;
  }

  private checkout(): string[] {
    const lines = [
      `  <view class="address" bindtap="${this.handler('chooseAddress')}">`,
      `    <view wx:if="{{address}}">{{address.userName}} {{address.telNumber}}</view>`,
      `    <view wx:else class="address-empty">请选择收货地址</view>`,
      `  </view>`,
      `  <view class="goods-item" wx:for="{{cartItems}}" wx:key="id">`,
      `    <image class="goods-cover" src="{{item.cover}}"></image>`,
      `    <text class="goods-title">{{item.title}}</text>`,
      `    <text class="goods-count">x{{item.count}}</text>`,
      `  </view>`,
    ];
    if (this.plan.phone) {
      lines.push(`  <view class="contact">`);
      if (this.plan.phone === 'with-purpose') lines.push(`    <text class="contact-tip">手机号仅用于配送时联系您，不会用于其他用途</text>`);
      lines.push(`    <button class="contact-btn" size="mini" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onGetPhone')}">获取手机号</button>`, `  </view>`);
    }
    lines.push(`  <view class="submit-bar">`, `    <text class="total">合计：¥{{filter.price(total)}}</text>`, `    <button class="submit" type="primary" bindtap="${this.handler('submitOrder')}">提交订单</button>`, `  </view>`);
    this.dataFields.set('cartItems', '[]');
    this.dataFields.set('total', '0');
    this.dataFields.set('address', 'null');
    return lines;
  }

  private loginBlock(): string[] {
    const lines = [
      `  <image class="logo" src="/images/icon-0.png" mode="aspectFit"></image>`,
      `  <text class="welcome">欢迎来到优选商城</text>`,
      `  <button class="login-btn" type="primary" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onGetPhoneNumber')}">手机号快捷登录</button>`,
    ];
    if (this.plan.loginWithSkip) lines.push(`  <navigator class="skip" open-type="switchTab" url="/pages/index/index">暂不登录，先逛逛</navigator>`);
    return lines;
  }

  private store(): string[] {
    this.dataFields.set('markers', '[]');
    return [
      `  <map class="map" latitude="{{latitude}}" longitude="{{longitude}}" markers="{{markers}}" show-location bindmarkertap="${this.handler('onMarkerTap')}"></map>`,
      `  <view class="store" wx:for="{{stores}}" wx:key="id" data-index="{{index}}" bindtap="${this.handler('openStore')}">`,
      `    <text class="store-name">{{item.name}}</text>`,
      `    <text class="store-distance">{{item.distance}}km</text>`,
      `    <text class="store-address">{{item.address}}</text>`,
      `    <button class="store-nav" size="mini" catchtap="${this.handler('navigateToStore')}" data-index="{{index}}">导航</button>`,
      `  </view>`,
    ];
  }

  private media(): string[] {
    return [
      `  <view class="media-grid">`,
      `    <image class="media-item" wx:for="{{images}}" wx:key="*this" src="{{item}}" mode="aspectFill" data-src="{{item}}" bindtap="${this.handler('previewImage')}"></image>`,
      `    <view class="media-add" bindtap="${this.handler('chooseMedia')}">+</view>`,
      `  </view>`,
      `  <button class="save" bindtap="${this.handler('saveToAlbum')}">保存到相册</button>`,
    ];
  }

  private settings(): string[] {
    return [
      `  <view class="settings">`,
      `    <view class="setting-item"><text>消息通知</text><switch checked="{{notify}}" bindchange="${this.handler('toggleNotify')}"></switch></view>`,
      `    <view class="setting-item" bindtap="${this.handler('openAuthSetting')}"><text>授权管理</text></view>`,
      `    <view class="setting-item" bindtap="${this.handler('clearCache')}"><text>清除缓存</text><text class="value">{{cacheSize}}</text></view>`,
      `    <navigator class="setting-item" url="/pages/mine/about/about">关于我们</navigator>`,
      `  </view>`,
    ];
  }

  // ---- Script

  script(): string {
    const rng = this.rng;
    const plan = this.plan;
    const ts = plan.ts;
    const service = rng.pick(this.services);
    const svc = this.use(`${service.domain.replace(/\d+$/, '')}Service`, service.file.replace(/\.(js|ts)$/, ''));
    const fetch = rng.pick(service.functions);
    const e = ts ? 'e: WechatMiniprogram.BaseEvent' : 'e';
    const opts = ts ? 'options: Record<string, string | undefined>' : 'options';

    // Lifecycle
    const onLoad = [`onLoad(${opts}) {`, `  this.setData({ id: options.id || '' });`];
    if (plan.phoneCheckedRequest) {
      const guard = this.use('phoneGuard', 'utils/phone-guard');
      onLoad.push(`  ${guard}.requestWithPhone({ url: '/api/member/profile' }).then((data) => this.setData({ member: data }));`);
    } else onLoad.push(`  this.loadData();`);
    if (plan.kind === 'store') {
      const location = this.use('location', 'utils/location');
      onLoad.push(`  ${location}.getCurrentLocation().then((pos) => {`, `    this.setData({ latitude: pos.latitude, longitude: pos.longitude });`, `    this.loadStores(pos);`, `  });`);
      this.methods.push([`loadStores(pos${ts ? ': { latitude: number; longitude: number }' : ''}) {`, `  ${svc}.${fetch}({ lat: pos.latitude, lng: pos.longitude }).then((stores) => this.setData({ stores }));`, `}`]);
    }
    if (plan.kind === 'webview') onLoad.push(`  wx.hideShareMenu();`);
    onLoad.push(`}`);
    this.methods.push(onLoad);
    const onShow = [`onShow() {`];
    if (plan.loginOnShow) onShow.push(`  ${this.use('auth', 'utils/auth')}.requireLogin();`);
    if (rng.chance(0.5)) onShow.push(`  ${this.use('track', 'utils/track')}.pageView('${plan.route}');`);
    if (plan.kind === 'home') onShow.push(`  if (typeof this.getTabBar === 'function' && this.getTabBar()) this.getTabBar().setData({ selected: 0 });`);
    onShow.push(`}`);
    this.methods.push(onShow);
    this.methods.push([
      `async loadData() {`,
      `  if (this.data.loading) return;`,
      `  this.setData({ loading: true });`,
      `  try {`,
      `    const result = await ${svc}.${fetch}({ page: this.data.page || 1, size: 20, id: this.data.id });`,
      `    this.setData({ list: result.list || [], hasMore: !!result.hasMore, isEmpty: !(result.list || []).length });`,
      `  } catch (err) {`,
      `    wx.showToast({ title: '加载失败，请重试', icon: 'none' });`,
      `  } finally {`,
      `    this.setData({ loading: false });`,
      `  }`,
      `}`,
    ]);
    if (plan.kind === 'list' || plan.kind === 'home') {
      this.methods.push([`onPullDownRefresh() {`, `  this.setData({ page: 1 });`, `  this.loadData().then(() => wx.stopPullDownRefresh());`, `}`]);
      this.methods.push([`onReachBottom() {`, `  if (!this.data.hasMore) return;`, `  this.setData({ page: (this.data.page || 1) + 1 });`, `  this.loadData();`, `}`]);
    }

    // Handlers bound in the WXML
    const format = this.use('format', 'utils/format');
    for (const name of this.handlers) this.methods.push(this.handlerBody(name, e, svc, fetch, format));
    // Helpers a real page accumulates
    const extra = this.compact ? 1 : rng.int(3, 9);
    for (let i = 0; i < extra; i++) this.methods.push(this.helperMethod(i, svc, fetch, format));
    this.methods.push([`onShareAppMessage() {`, `  return { title: '${rng.pick(TITLES)}', path: '/${plan.route}?id=' + (this.data.id || '') };`, `}`]);

    const lines: string[] = [];
    if (ts) {
      for (const [binding, specifier] of this.imports) lines.push(`import * as ${binding} from '${specifier}';`);
      lines.push('', `interface PageData {`, `  id: string;`, `  loading: boolean;`, `  list: Array<{ id: number; title: string; price: number }>;`, `  [key: string]: unknown;`, `}`, '');
    } else {
      for (const [binding, specifier] of this.imports) lines.push(`const ${binding} = require('${specifier}');`);
      lines.push('');
    }
    lines.push(`const app = getApp();`, '');
    lines.push(`Page({`, `  data: {`, `    id: '',`, `    page: 1,`, `    list: [],`);
    for (const [field, value] of this.dataFields) lines.push(`    ${field}: ${value},`);
    lines.push(`  }${ts ? ' as PageData' : ''},`, '');
    this.methods.forEach((method, i) => {
      lines.push(...method.map((line) => `  ${line}`.replace(/\s+$/, '')));
      lines[lines.length - 1] += ',';
      if (i < this.methods.length - 1) lines.push('');
    });
    lines.push(`});`, '');
    return lines.join('\n');
  }

  private handlerBody(name: string, e: string, svc: string, fetch: string, format: string): string[] {
    const rng = this.rng;
    const dataset = `(e.currentTarget as any).dataset`;
    const ds = this.plan.ts ? dataset : 'e.currentTarget.dataset';
    switch (name) {
      case 'openDetail':
        return [`openDetail(${e}) {`, `  const { id } = ${ds};`, `  wx.navigateTo({ url: \`/pages/goods/detail/detail?id=\${id}\` });`, `}`];
      case 'goSearch':
        return [`goSearch() {`, `  wx.navigateTo({ url: '/pages/goods/search/search' });`, `}`];
      case 'openBanner':
        return [`openBanner(${e}) {`, `  const { url } = ${ds};`, `  if (url) wx.navigateTo({ url });`, `}`];
      case 'switchTab':
        return [`switchTab(${e}) {`, `  this.setData({ activeTab: Number(${ds}.index), page: 1 });`, `  this.loadData();`, `}`];
      case 'addToCart':
        return [`addToCart(${e}) {`, `  if (!${this.use('auth', 'utils/auth')}.requireLogin()) return;`, `  const { id } = ${ds};`, `  ${svc}.${fetch}({ id, action: 'cart' }).then(() => wx.showToast({ title: '已加入购物车' }));`, `}`];
      case 'buyNow':
        return [`buyNow() {`, `  wx.navigateTo({ url: '/${CHECKOUT_ROUTE}?goodsId=' + this.data.id });`, `}`];
      case 'closeNotice':
        return [`closeNotice() {`, `  this.setData({ notice: '' });`, `}`];
      case 'onInput':
        return [`onInput(${e}) {`, `  const field = ${ds}.field;`, `  this.setData({ [\`form.\${field}\`]: (e as any).detail.value });`.replace(/\(e as any\)/, this.plan.ts ? '(e as any)' : 'e'), `}`];
      case 'onTypeChange':
        return [`onTypeChange(${e}) {`, `  this.setData({ typeIndex: Number(${this.plan.ts ? '(e as any)' : 'e'}.detail.value) });`, `}`];
      case 'chooseImages':
        return [`chooseImages() {`, `  wx.chooseMedia({`, `    count: 9,`, `    mediaType: ['image'],`, `    sourceType: ['album', 'camera'],`, `    success: (res) => this.setData({ images: res.tempFiles.map((f) => f.tempFilePath) }),`, `  });`, `}`];
      case 'onSubmit':
        return [`onSubmit(${e}) {`, `  const values = ${this.plan.ts ? '(e as any)' : 'e'}.detail.value;`, `  if (!values.name) {`, `    wx.showToast({ title: '请填写完整信息', icon: 'none' });`, `    return;`, `  }`, `  ${svc}.${fetch}(values).then(() => {`, `    wx.showToast({ title: '提交成功' });`, `    setTimeout(() => wx.navigateBack(), 1500);`, `  });`, `}`];
      case 'onChooseAvatar':
        return [`onChooseAvatar(${e}) {`, `  const avatar = ${this.plan.ts ? '(e as any)' : 'e'}.detail.avatarUrl;`, `  this.setData({ 'user.avatar': avatar });`, `  wx.uploadFile({ url: 'https://api.example-shop.com/api/user/avatar', filePath: avatar, name: 'file' });`, `}`];
      case 'onNickname':
        return [`onNickname(${e}) {`, `  this.setData({ 'user.nickname': ${this.plan.ts ? '(e as any)' : 'e'}.detail.value });`, `}`];
      case 'openSettings':
        return [`openSettings() {`, `  wx.navigateTo({ url: '/pages/mine/settings/settings' });`, `}`];
      case 'onBindPhone':
        return [`onBindPhone(${e}) {`, `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`, `  if (!code) return;`, `  ${svc}.${fetch}({ phoneCode: code }).then(() => wx.showToast({ title: '绑定成功' }));`, `}`];
      case 'chooseAddress':
        return [`chooseAddress() {`, `  wx.chooseAddress({`, `    success: (address) => this.setData({ address }),`, `  });`, `}`];
      case 'onGetPhone':
        return [`onGetPhone(${e}) {`, `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`, `  if (code) this.setData({ phoneCode: code });`, `}`];
      case 'submitOrder': {
        const order = this.use('orderSubmit', 'services/order-submit');
        return [`submitOrder() {`, `  if (!this.data.address) {`, `    wx.showToast({ title: '请选择收货地址', icon: 'none' });`, `    return;`, `  }`, `  ${order}.createOrder({ items: this.data.cartItems, address: this.data.address, phoneCode: this.data.phoneCode })`, `    .then((order) => ${order}.payOrder(order))`, `    .then(() => wx.redirectTo({ url: '/pages/order/list/list' }));`, `}`];
      }
      case 'onGetPhoneNumber':
        return [`onGetPhoneNumber(${e}) {`, `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`, `  if (!code) return;`, `  ${this.use('auth', 'utils/auth')}.loginWithPhone(code).then(() => wx.switchTab({ url: '/pages/index/index' }));`, `}`];
      case 'onMarkerTap':
        return [`onMarkerTap(${e}) {`, `  const marker = this.data.markers.find((m) => m.id === ${this.plan.ts ? '(e as any)' : 'e'}.detail.markerId);`, `  if (marker) this.setData({ current: marker });`, `}`];
      case 'openStore':
        return [`openStore(${e}) {`, `  const store = this.data.stores[${ds}.index];`, `  wx.navigateTo({ url: '/pages/store/detail/detail?id=' + store.id });`, `}`];
      case 'navigateToStore':
        return [`navigateToStore(${e}) {`, `  const store = this.data.stores[${ds}.index];`, `  wx.openLocation({ latitude: store.latitude, longitude: store.longitude, name: store.name, address: store.address });`, `}`];
      case 'previewImage':
        return [`previewImage(${e}) {`, `  wx.previewImage({ current: ${ds}.src, urls: this.data.images });`, `}`];
      case 'chooseMedia':
        return [`chooseMedia() {`, `  wx.chooseMedia({ count: 9, mediaType: ['image', 'video'], success: (res) => this.setData({ images: this.data.images.concat(res.tempFiles.map((f) => f.tempFilePath)) }) });`, `}`];
      case 'saveToAlbum':
        return [`saveToAlbum() {`, `  wx.saveImageToPhotosAlbum({`, `    filePath: this.data.poster,`, `    success: () => wx.showToast({ title: '已保存' }),`, `    fail: () => wx.openSetting(),`, `  });`, `}`];
      case 'toggleNotify':
        return [`toggleNotify(${e}) {`, `  wx.requestSubscribeMessage({ tmplIds: ['TEMPLATE_ID_1'], complete: () => this.setData({ notify: ${this.plan.ts ? '(e as any)' : 'e'}.detail.value }) });`, `}`];
      case 'openAuthSetting':
        return [`openAuthSetting() {`, `  wx.openSetting();`, `}`];
      case 'clearCache':
        return [`clearCache() {`, `  wx.showModal({`, `    title: '提示',`, `    content: '确定清除缓存吗？',`, `    success: (res) => {`, `      if (res.confirm) {`, `        wx.clearStorageSync();`, `        this.setData({ cacheSize: '0KB' });`, `      }`, `    },`, `  });`, `}`];
      case 'onMoreWithPhone':
        return [`onMoreWithPhone(${e}) {`, `  if (${this.plan.ts ? '(e as any)' : 'e'}.detail.code) wx.navigateTo({ url: '/pages/goods/list/list?more=1' });`, `}`];
      case 'onMaskPhone':
        return [`onMaskPhone(${e}) {`, `  if (${this.plan.ts ? '(e as any)' : 'e'}.detail.code) this.setData({ authorized: true });`, `}`];
      case 'closeLogin':
        return [`closeLogin() {`, `  this.setData({ showLogin: false });`, `}`];
      case 'onWebMessage':
        return [`onWebMessage(${e}) {`, `  ${this.use('track', 'utils/track')}.event('web_message', ${this.plan.ts ? '(e as any)' : 'e'}.detail);`, `}`];
      default:
        return [`${name}(${e}) {`, `  console.log('${name}', ${rng.chance(0.5) ? 'e.detail' : `${format}.formatDate(Date.now())`});`, `}`];
    }
  }

  private helperMethod(i: number, svc: string, fetch: string, format: string): string[] {
    const rng = this.rng;
    const variants: (() => string[])[] = [
      () => [`formatList${i}(list${this.plan.ts ? ': any[]' : ''}) {`, `  return (list || []).map((item) => ({`, `    ...item,`, `    priceText: ${format}.formatPrice(item.price),`, `    dateText: ${format}.formatDate(item.createdAt),`, `  }));`, `}`],
      () => [`refresh${i}() {`, `  this.setData({ page: 1, list: [] });`, `  return this.loadData();`, `}`],
      () => [`checkStock${i}(id${this.plan.ts ? ': number' : ''}) {`, `  return ${svc}.${fetch}({ id, fields: 'stock' }).then((res) => {`, `    if (!res || res.stock <= 0) {`, `      wx.showToast({ title: '库存不足', icon: 'none' });`, `      return false;`, `    }`, `    return true;`, `  });`, `}`],
      () => [`startCountdown${i}(seconds${this.plan.ts ? ': number' : ''}) {`, `  clearInterval(this.timer${i});`, `  let left = seconds;`, `  this.timer${i} = setInterval(() => {`, `    left -= 1;`, `    this.setData({ countdown${i}: ${format}.formatDuration(left) });`, `    if (left <= 0) clearInterval(this.timer${i});`, `  }, 1000);`, `}`],
      () => [`copyText${i}(${this.plan.ts ? 'text: string' : 'text'}) {`, `  wx.setClipboardData({ data: text, success: () => wx.showToast({ title: '已复制' }) });`, `}`],
      () => [`callService${i}() {`, `  wx.makePhoneCall({ phoneNumber: '4000000000' });`, `}`],
      () => [`validate${i}(form${this.plan.ts ? ': Record<string, string>' : ''}) {`, `  const errors = [];`, `  if (!form.name) errors.push('请填写姓名');`, `  if (form.mobile && !/^1\\d{10}$/.test(form.mobile)) errors.push('手机号格式不正确');`, `  if (errors.length) wx.showToast({ title: errors[0], icon: 'none' });`, `  return errors.length === 0;`, `}`],
      () => [`scan${i}() {`, `  wx.scanCode({ onlyFromCamera: true, success: (res) => this.setData({ code${i}: res.result }) });`, `}`],
    ];
    return rng.pick(variants)();
  }
}

// -----------------------------------------------------------------------------------------------------
// The 2,000-line checkout page

function bigCheckoutWxml(rng: Random, targetLines: number): string {
  const out = [`<wxs module="filter" src="../../../utils/filter.wxs"></wxs>`, `<view class="confirm">`];
  const head = [
    `  <view class="address" bindtap="chooseAddress">`,
    `    <view wx:if="{{address}}" class="address-info">`,
    `      <text class="address-name">{{address.userName}}</text>`,
    `      <text class="address-tel">{{address.telNumber}}</text>`,
    `      <text class="address-detail">{{address.provinceName}}{{address.cityName}}{{address.countyName}}{{address.detailInfo}}</text>`,
    `    </view>`,
    `    <view wx:else class="address-empty">请选择收货地址</view>`,
    `  </view>`,
    `  <view class="section contact">`,
    `    <view class="contact-row">`,
    `      <text class="label">联系电话</text>`,
    `      <button class="phone-btn" size="mini" open-type="getPhoneNumber" bindgetphonenumber="onGetPhoneNumber">获取手机号</button>`,
    `    </view>`,
    `  </view>`,
  ];
  out.push(...head);
  const tail = [`  <view class="submit-bar">`, `    <text class="total">合计：¥{{filter.price(total)}}</text>`, `    <button class="submit" type="primary" bindtap="submitOrder">提交订单</button>`, `  </view>`, `</view>`, ``];
  let section = 0;
  while (out.length + tail.length < targetLines) {
    const s = section++;
    const block = [
      `  <view class="section group-${s}">`,
      `    <view class="section-header">`,
      `      <text class="section-title">${rng.pick(TITLES)} · 第${s + 1}组</text>`,
      `      <text class="tip">提示</text>`,
      `    </view>`,
      `    <view class="goods-item" wx:for="{{groups[${s}].items}}" wx:key="id">`,
      `      <image class="goods-cover" src="{{item.cover}}" mode="aspectFill"></image>`,
      `      <view class="goods-info">`,
      `        <text class="goods-title">{{item.title}}</text>`,
      `        <text class="goods-spec">{{item.spec}}</text>`,
      `        <text class="goods-price">¥{{filter.price(item.price)}}</text>`,
      `      </view>`,
      `      <view class="stepper">`,
      `        <text class="minus" data-group="${s}" data-index="{{index}}" bindtap="decrease">-</text>`,
      `        <text class="count">{{item.count}}</text>`,
      `        <text class="plus" data-group="${s}" data-index="{{index}}" bindtap="increase">+</text>`,
      `      </view>`,
      `    </view>`,
      `    <view class="row" bindtap="chooseDelivery" data-group="${s}">`,
      `      <text class="label">配送方式</text>`,
      `      <text class="value">{{groups[${s}].delivery || '快递配送'}}</text>`,
      `    </view>`,
      `    <view class="row" bindtap="chooseCoupon" data-group="${s}">`,
      `      <text class="label">优惠券</text>`,
      `      <text class="value">{{groups[${s}].coupon ? '-¥' + groups[${s}].coupon.amount : '暂无可用'}}</text>`,
      `    </view>`,
      `    <view class="row">`,
      `      <text class="label">订单备注</text>`,
      `      <input class="remark" placeholder="选填，请先和商家协商一致" value="{{groups[${s}].remark}}" data-group="${s}" bindinput="onRemark" />`,
      `    </view>`,
      `    <view class="row subtotal">共{{groups[${s}].count}}件，小计：¥{{filter.price(groups[${s}].subtotal)}}</view>`,
      `  </view>`,
    ];
    out.push(...block);
  }
  out.push(...tail);
  return out.slice(0, Math.max(targetLines, out.length)).join('\n');
}

function bigCheckoutJs(rng: Random, route: string, targetLines: number): string {
  const file = `${route}.js`;
  const out = [
    `const orderSubmit = require('${relativeModule(file, 'services/order-submit')}');`,
    `const format = require('${relativeModule(file, 'utils/format')}');`,
    `const track = require('${relativeModule(file, 'utils/track')}');`,
    ``,
    `const app = getApp();`,
    `const FREE_SHIPPING = 99;`,
    ``,
    `Page({`,
    `  data: {`,
    `    address: null,`,
    `    groups: [],`,
    `    total: 0,`,
    `    phoneCode: '',`,
    `    submitting: false,`,
    `  },`,
    ``,
    `  onLoad(options) {`,
    `    this.orderToken = options.token || '';`,
    `    this.loadGroups();`,
    `  },`,
    ``,
    `  onShow() {`,
    `    track.pageView('${route}');`,
    `  },`,
    ``,
    `  chooseAddress() {`,
    `    wx.chooseAddress({ success: (address) => this.setData({ address }) });`,
    `  },`,
    ``,
    `  onGetPhoneNumber(e) {`,
    `    if (e.detail.code) this.setData({ phoneCode: e.detail.code });`,
    `  },`,
    ``,
    `  submitOrder() {`,
    `    if (this.data.submitting) return;`,
    `    if (!this.data.address) {`,
    `      wx.showToast({ title: '请选择收货地址', icon: 'none' });`,
    `      return;`,
    `    }`,
    `    this.setData({ submitting: true });`,
    `    orderSubmit.createOrder({ groups: this.data.groups, address: this.data.address, phoneCode: this.data.phoneCode })`,
    `      .then((order) => orderSubmit.payOrder(order))`,
    `      .then(() => wx.redirectTo({ url: '/pages/order/list/list' }))`,
    `      .catch(() => wx.showToast({ title: '下单失败，请重试', icon: 'none' }))`,
    `      .then(() => this.setData({ submitting: false }));`,
    `  },`,
    ``,
  ];
  const tail = [`});`, ``];
  let i = 0;
  const variants: ((n: number) => string[])[] = [
    (n) => [`  calcGroup${n}(group) {`, `    let count = 0;`, `    let subtotal = 0;`, `    for (const item of group.items || []) {`, `      count += item.count;`, `      subtotal += item.price * item.count;`, `    }`, `    const discount = group.coupon ? group.coupon.amount : 0;`, `    const shipping = subtotal >= FREE_SHIPPING ? 0 : ${rng.int(5, 12)};`, `    return { count, subtotal: Math.max(0, subtotal - discount) + shipping };`, `  },`, ``],
    (n) => [`  validateGroup${n}(group) {`, `    if (!group.items || !group.items.length) return '商品不能为空';`, `    for (const item of group.items) {`, `      if (item.count > item.stock) return item.title + ' 库存不足';`, `      if (item.count <= 0) return '数量有误';`, `    }`, `    if (group.remark && group.remark.length > 200) return '备注过长';`, `    return '';`, `  },`, ``],
    (n) => [`  applyCoupon${n}(groupIndex, coupon) {`, `    const groups = this.data.groups.slice();`, `    const group = { ...groups[groupIndex], coupon };`, `    Object.assign(group, this.calcGroup${Math.max(0, n - 1)} ? this.calcGroup${Math.max(0, n - 1)}(group) : {});`, `    groups[groupIndex] = group;`, `    this.setData({ groups, total: this.sumTotal(groups) });`, `    track.event('apply_coupon', { id: coupon && coupon.id, n: ${n} });`, `  },`, ``],
    (n) => [`  formatGroup${n}(group) {`, `    return {`, `      ...group,`, `      subtotalText: format.formatPrice(group.subtotal),`, `      deliveryText: group.delivery || '快递配送',`, `      itemsText: (group.items || []).map((item) => item.title + ' x' + item.count).join('，'),`, `    };`, `  },`, ``],
  ];
  const base = [
    `  loadGroups() {`,
    `    const cart = wx.getStorageSync('checkoutCart') || [];`,
    `    const groups = cart.map((group) => ({ ...group, count: 0, subtotal: 0 }));`,
    `    this.setData({ groups, total: this.sumTotal(groups) });`,
    `  },`,
    ``,
    `  sumTotal(groups) {`,
    `    return groups.reduce((sum, group) => sum + (group.subtotal || 0), 0);`,
    `  },`,
    ``,
    `  increase(e) {`,
    `    this.changeCount(e, 1);`,
    `  },`,
    ``,
    `  decrease(e) {`,
    `    this.changeCount(e, -1);`,
    `  },`,
    ``,
    `  changeCount(e, delta) {`,
    `    const { group, index } = e.currentTarget.dataset;`,
    `    const groups = this.data.groups.slice();`,
    `    const item = groups[group].items[index];`,
    `    item.count = Math.max(1, item.count + delta);`,
    `    this.setData({ groups, total: this.sumTotal(groups) });`,
    `  },`,
    ``,
    `  chooseDelivery(e) {`,
    `    const group = e.currentTarget.dataset.group;`,
    `    wx.showActionSheet({ itemList: ['快递配送', '到店自提'], success: (res) => this.setData({ [\`groups[\${group}].delivery\`]: ['快递配送', '到店自提'][res.tapIndex] }) });`,
    `  },`,
    ``,
    `  chooseCoupon(e) {`,
    `    wx.navigateTo({ url: '/pages/mine/coupons/coupons?select=1&group=' + e.currentTarget.dataset.group });`,
    `  },`,
    ``,
    `  onRemark(e) {`,
    `    this.setData({ [\`groups[\${e.currentTarget.dataset.group}].remark\`]: e.detail.value });`,
    `  },`,
    ``,
  ];
  out.push(...base);
  while (out.length + tail.length < targetLines) {
    const block = variants[i % variants.length](i);
    out.push(...block);
    i++;
  }
  // The last member must not end with a comma-less brace mismatch: every block ends with "}," and a blank line.
  out.push(...tail);
  return out.join('\n');
}

// -----------------------------------------------------------------------------------------------------
// Shared helpers, components, app

const APP_JS = `// App entry: session check on launch, global data, update manager.
const auth = require('./utils/auth');
const track = require('./utils/track');

App({
  globalData: {
    userInfo: null,
    token: '',
    systemInfo: null,
  },

  onLaunch(options) {
    this.globalData.systemInfo = wx.getSystemInfoSync();
    this.checkUpdate();
    this.checkSession();
    track.launch(options && options.scene);
  },

  onShow() {
    wx.getNetworkType({
      success: (res) => {
        if (res.networkType === 'none') wx.showToast({ title: '网络不可用', icon: 'none' });
      },
    });
  },

  checkSession() {
    const token = wx.getStorageSync('token');
    if (!token) {
      // New users must sign in with their phone number before anything else.
      wx.reLaunch({ url: '/pages/login/login' });
      return;
    }
    this.globalData.token = token;
    auth.refreshToken(token);
  },

  checkUpdate() {
    if (!wx.canIUse('getUpdateManager')) return;
    const manager = wx.getUpdateManager();
    manager.onUpdateReady(() => {
      wx.showModal({
        title: '更新提示',
        content: '新版本已经准备好，是否重启应用？',
        success: (res) => {
          if (res.confirm) manager.applyUpdate();
        },
      });
    });
  },
});
`;

const APP_WXSS = `page {
  background: #f5f5f5;
  font-size: 28rpx;
  color: #333;
  font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Helvetica Neue', sans-serif;
}
.auth-mask {
  position: fixed;
  top: 0;
  left: 0;
  right: 0;
  bottom: 0;
  z-index: 999;
  background: rgba(0, 0, 0, 0.6);
}
`;

const REQUEST_JS = `// wx.request wrapped in a promise, with the session token and error toasts.
const BASE_URL = 'https://api.example-shop.com';

function request(options) {
  const token = wx.getStorageSync('token');
  return new Promise((resolve, reject) => {
    wx.request({
      url: BASE_URL + options.url,
      method: options.method || 'GET',
      data: options.data || {},
      header: {
        'content-type': 'application/json',
        Authorization: token ? 'Bearer ' + token : '',
      },
      success: (res) => {
        if (res.statusCode === 401) {
          wx.removeStorageSync('token');
          wx.showToast({ title: '登录已过期', icon: 'none' });
          reject(res);
          return;
        }
        if (res.statusCode >= 400) {
          wx.showToast({ title: (res.data && res.data.message) || '请求失败', icon: 'none' });
          reject(res);
          return;
        }
        resolve(res.data);
      },
      fail: (err) => {
        wx.showToast({ title: '网络异常', icon: 'none' });
        reject(err);
      },
    });
  });
}

function get(url, data) {
  return request({ url, method: 'GET', data });
}

function post(url, data) {
  return request({ url, method: 'POST', data });
}

module.exports = { request, get, post, BASE_URL };
`;

const AUTH_JS = `// Login state. requireLogin() sends users without a session to the login page.
const { post } = require('./request');

function isLoggedIn() {
  return !!wx.getStorageSync('token');
}

function requireLogin() {
  if (!isLoggedIn()) {
    wx.navigateTo({ url: '/pages/login/login' });
    return false;
  }
  return true;
}

function loginWithPhone(code) {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => {
        post('/api/auth/phone-login', { code: res.code, phoneCode: code })
          .then((data) => {
            wx.setStorageSync('token', data.token);
            resolve(data);
          })
          .catch(reject);
      },
      fail: reject,
    });
  });
}

function refreshToken(token) {
  return post('/api/auth/refresh', { token }).then((data) => wx.setStorageSync('token', data.token));
}

module.exports = { isLoggedIn, requireLogin, loginWithPhone, refreshToken };
`;

const PHONE_GUARD_JS = `// Member APIs answer 40101 when the account has no phone number: send the user to bind one.
const { request } = require('./request');

function requestWithPhone(options) {
  return request(options).then((data) => {
    if (data && data.code === 40101) {
      wx.reLaunch({ url: '/pages/login/login' });
      return Promise.reject(data);
    }
    return data;
  });
}

module.exports = { requestWithPhone };
`;

const LOCATION_JS = `// Location helpers used by store pages.
function getCurrentLocation() {
  return new Promise((resolve, reject) => {
    wx.getLocation({
      type: 'gcj02',
      success: resolve,
      fail: (err) => {
        wx.showModal({ title: '提示', content: '需要获取您的位置以展示附近门店', showCancel: false });
        reject(err);
      },
    });
  });
}

function distance(lat1, lng1, lat2, lng2) {
  const rad = (d) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

module.exports = { getCurrentLocation, distance };
`;

const ORDER_SUBMIT_JS = `// Order creation and payment: every checkout page goes through here.
const { post } = require('../utils/request');

function createOrder(payload) {
  return post('/api/order/create', payload);
}

function payOrder(order) {
  return post('/api/pay/prepay', { orderId: order.id }).then((params) => new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType || 'RSA',
      paySign: params.paySign,
      success: resolve,
      fail: reject,
    });
  }));
}

module.exports = { createOrder, payOrder };
`;

const FILTER_WXS = `var price = function (value) {
  if (value === undefined || value === null) return '0.00';
  return (value / 100).toFixed(2);
};
module.exports = { price: price };
`;

const LOGIN_POPUP_WXML = `<view class="login-popup">
  <view class="login-popup-panel">
    <text class="login-popup-title">登录后享受更多会员权益</text>
    <button class="login-popup-phone" type="primary" open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号快捷登录</button>
    <button class="login-popup-cancel" bindtap="onClose">暂不登录</button>
  </view>
</view>
`;

const LOGIN_POPUP_JS = `const auth = require('../../utils/auth');

Component({
  properties: {},
  methods: {
    onPhone(e) {
      if (!e.detail.code) return;
      auth.loginWithPhone(e.detail.code).then(() => this.triggerEvent('close'));
    },
    onClose() {
      this.triggerEvent('close');
    },
  },
});
`;

const LOGIN_POPUP_WXSS = `.login-popup { position: fixed; top: 0; left: 0; right: 0; bottom: 0; background: rgba(0, 0, 0, 0.5); z-index: 100; }
.login-popup-panel { position: absolute; bottom: 0; width: 100%; padding: 40rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }
.login-popup-title { display: block; font-size: 32rpx; margin-bottom: 32rpx; }
.login-popup-cancel { margin-top: 20rpx; background: none; color: #999; }
`;

function formatJs(rng: Random, extra: number): string {
  const lines = [
    `// Formatting helpers shared by every page.`,
    `function pad(n) {`,
    `  return n < 10 ? '0' + n : String(n);`,
    `}`,
    ``,
    `function formatDate(value, withTime) {`,
    `  const d = new Date(value);`,
    `  const date = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());`,
    `  return withTime ? date + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) : date;`,
    `}`,
    ``,
    `function formatPrice(cents) {`,
    `  return (Number(cents || 0) / 100).toFixed(2);`,
    `}`,
    ``,
    `function formatDuration(seconds) {`,
    `  const h = Math.floor(seconds / 3600);`,
    `  const m = Math.floor((seconds % 3600) / 60);`,
    `  return pad(h) + ':' + pad(m) + ':' + pad(seconds % 60);`,
    `}`,
    ``,
  ];
  const names = ['formatDate', 'formatPrice', 'formatDuration'];
  for (let i = 0; i < extra; i++) {
    const name = `formatField${i}`;
    names.push(name);
    lines.push(`function ${name}(value) {`, `  if (value === undefined || value === null) return '';`, `  return String(value).slice(0, ${rng.int(8, 40)})${rng.chance(0.5) ? ".replace(/\\s+/g, ' ')" : ''};`, `}`, ``);
  }
  lines.push(`module.exports = { ${names.join(', ')} };`, ``);
  return lines.join('\n');
}

function trackTs(rng: Random, extra: number): string {
  const lines = [
    `// Analytics: page views and events, batched and sent by wx.request.`,
    `interface TrackEvent {`,
    `  name: string;`,
    `  params?: Record<string, unknown>;`,
    `  time: number;`,
    `}`,
    ``,
    `const queue: TrackEvent[] = [];`,
    `let timer: number | undefined;`,
    ``,
    `function flush(): void {`,
    `  if (!queue.length) return;`,
    `  const events = queue.splice(0, queue.length);`,
    `  wx.request({ url: 'https://log.example-shop.com/collect', method: 'POST', data: { events } });`,
    `}`,
    ``,
    `export function event(name: string, params?: Record<string, unknown>): void {`,
    `  queue.push({ name, params, time: Date.now() });`,
    `  if (timer === undefined) timer = setTimeout(() => {`,
    `    timer = undefined;`,
    `    flush();`,
    `  }, 3000) as unknown as number;`,
    `}`,
    ``,
    `export function pageView(route: string): void {`,
    `  event('page_view', { route });`,
    `}`,
    ``,
    `export function launch(scene?: number): void {`,
    `  event('launch', { scene });`,
    `}`,
    ``,
  ];
  for (let i = 0; i < extra; i++) lines.push(`export function custom${i}(value: ${rng.pick(['string', 'number', 'boolean'])}): void {`, `  event('custom_${i}', { value });`, `}`, ``);
  return lines.join('\n');
}

function serviceFunctions(rng: Random, domain: string, count: number): string[] {
  const verbs = ['list', 'get', 'search', 'update', 'remove', 'fetch', 'query', 'save', 'count', 'check'];
  const nouns = ['Items', 'Detail', 'Summary', 'Records', 'Config', 'Options', 'Stats', 'Tags', 'History', 'Status'];
  const names = new Set<string>();
  while (names.size < count) names.add(`${rng.pick(verbs)}${domain[0].toUpperCase()}${domain.slice(1).replace(/\d+$/, '')}${rng.pick(nouns)}`);
  return [...names];
}

function serviceJs(rng: Random, domain: string, functions: string[]): string {
  const lines = [`// API calls of the ${domain} module.`, `const { request, post } = require('../utils/request');`, ``];
  for (const name of functions) {
    const write = /^(update|remove|save)/.test(name);
    lines.push(`/** ${rng.pick(TITLES)} */`, `function ${name}(params) {`, write ? `  return post('/api/${domain}/${name}', params);` : `  return request({ url: '/api/${domain}/${name}', method: 'GET', data: params });`, `}`, ``);
  }
  lines.push(`module.exports = { ${functions.join(', ')} };`, ``);
  return lines.join('\n');
}

function serviceTs(rng: Random, domain: string, functions: string[]): string {
  const type = `${domain[0].toUpperCase()}${domain.slice(1).replace(/\d+$/, '')}Record`;
  const lines = [
    `// API calls of the ${domain} module.`,
    `import { request, post } from '../utils/request';`,
    ``,
    `export interface ${type} {`,
    `  id: number;`,
    `  title: string;`,
    `  updatedAt: string;`,
    `  [key: string]: unknown;`,
    `}`,
    ``,
  ];
  for (const name of functions) {
    const write = /^(update|remove|save)/.test(name);
    lines.push(`/** ${rng.pick(TITLES)} */`, `export function ${name}(params: Record<string, unknown>): Promise<${type}[]> {`, write ? `  return post('/api/${domain}/${name}', params);` : `  return request({ url: '/api/${domain}/${name}', method: 'GET', data: params });`, `}`, ``);
  }
  return lines.join('\n');
}

function componentWxml(rng: Random, name: string): string {
  const lines = [`<view class="${name}" bindtap="onTap">`];
  const count = rng.int(2, 6);
  for (let i = 0; i < count; i++) lines.push(`  <text class="${name}-line${i}">{{item.${rng.pick(ITEM_FIELDS)}}}</text>`);
  if (rng.chance(0.5)) lines.push(`  <image class="${name}-image" src="{{item.cover}}" mode="aspectFill"></image>`);
  lines.push(`  <slot></slot>`, `</view>`, ``);
  return lines.join('\n');
}

function componentJs(rng: Random, name: string, ts: boolean): string {
  return [
    `Component({`,
    `  options: { addGlobalClass: true, multipleSlots: true },`,
    `  properties: {`,
    `    title: { type: String, value: '' },`,
    `    item: { type: Object, value: {} },`,
    `  },`,
    `  data: { expanded: false },`,
    `  lifetimes: {`,
    `    attached() {`,
    `      this.setData({ expanded: ${rng.chance(0.5)} });`,
    `    },`,
    `  },`,
    `  methods: {`,
    `    onTap(${ts ? 'e: WechatMiniprogram.BaseEvent' : 'e'}) {`,
    `      this.triggerEvent('change', { name: '${name}', item: this.data.item });`,
    `    },`,
    `    toggle() {`,
    `      this.setData({ expanded: !this.data.expanded });`,
    `    },`,
    `  },`,
    `});`,
    ``,
  ].join('\n');
}

function wxss(rng: Random, name: string, rules: number, overlay = false): string {
  const lines: string[] = [];
  const props = ['margin', 'padding', 'font-size', 'color', 'background', 'border-radius', 'line-height', 'display', 'width', 'height', 'text-align', 'border-bottom'];
  const values: Record<string, () => string> = {
    margin: () => `${rng.int(0, 32)}rpx ${rng.int(0, 32)}rpx`,
    padding: () => `${rng.int(0, 32)}rpx`,
    'font-size': () => `${rng.int(20, 40)}rpx`,
    color: () => rng.pick(COLORS),
    background: () => rng.pick(COLORS),
    'border-radius': () => `${rng.int(0, 24)}rpx`,
    'line-height': () => `${(1 + rng.next()).toFixed(1)}`,
    display: () => rng.pick(['flex', 'block', 'inline-block', 'none']),
    width: () => rng.pick(['100%', '50%', `${rng.int(40, 700)}rpx`]),
    height: () => `${rng.int(40, 400)}rpx`,
    'text-align': () => rng.pick(['left', 'center', 'right']),
    'border-bottom': () => `1rpx solid ${rng.pick(COLORS)}`,
  };
  const classes = ['item', 'title', 'price', 'card', 'section', 'header', 'footer', 'list', 'tag', 'button', 'image', 'info', 'row', 'label', 'value'];
  for (let i = 0; i < rules; i++) {
    const selector = rng.chance(0.2) ? `.${name}-${rng.pick(classes)} .${rng.pick(classes)}` : `.${rng.pick(classes)}${rng.chance(0.3) ? `-${i}` : ''}`;
    lines.push(`${selector} {`);
    for (const prop of rng.sample(props, rng.int(2, 6))) lines.push(`  ${prop}: ${values[prop]()};`);
    lines.push(`}`);
  }
  if (overlay) lines.push(`.auth-mask {`, `  position: fixed;`, `  top: 0;`, `  left: 0;`, `  width: 100%;`, `  height: 100%;`, `  z-index: 999;`, `}`);
  return lines.join('\n') + '\n';
}

/** A bundled, minified SDK as real projects ship under libs/ (one long line). */
function minifiedSdk(rng: Random, functions: number): string {
  const parts = ['var QQMapWX=function(){"use strict";var e={KEY_ERR:311,PARAM_ERR:310};'];
  for (let i = 0; i < functions; i++) {
    parts.push(`function f${i}(t,n){var r=t||{};if(!r.key)return n&&n({status:e.KEY_ERR});wx.request({url:"https://apis.map.qq.com/ws/${rng.pick(['geocoder', 'place', 'direction', 'district'])}/v1/?k"+${i},data:r,success:function(o){n&&n(o.data)},fail:function(o){n&&n(o)}})}`);
  }
  parts.push('return{search:f0,reverseGeocoder:f1,calculateDistance:f2}}();module.exports=QQMapWX;');
  return parts.join('') + '\n';
}

/** Writes generated files under `dir` (created; must not exist or be empty). */
export function writeProject(files: ProjectFiles, dir: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs: typeof import('fs') = require('fs');
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
