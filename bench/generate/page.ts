/** The WXML and script of an ordinary generated page, written from its plan. */
import * as path from 'path';
import type { Random } from '../prng';
import { CHECKOUT_ROUTE, ITEM_FIELDS, PARAGRAPHS, TITLES, type PageKind, type PagePlan } from './plan';
// -----------------------------------------------------------------------------------------------------
// WXML and script of an ordinary page

export class PageWriter {
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
    const out: string[] = [
      `<wxs module="filter" src="${relativeModule(`${plan.route}.wxml`, 'utils/filter.wxs')}.wxs"></wxs>`,
      `<view class="page page-${path.posix.basename(plan.route)}">`,
    ];
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
        webview: () => [
          `  <web-view src="https://m.example-shop.com/activity/{{id}}" bindmessage="${this.handler('onWebMessage')}"></web-view>`,
        ],
      };
      out.push(...main[plan.kind]());
      for (let i = 0; i < blocks; i++)
        out.push(
          ...rng.pick([
            () => this.card(),
            () => this.list(`extra${i}`),
            () => this.notice(),
            () => this.empty(),
            () => this.grid(),
          ])(),
        );
      for (const component of plan.components)
        out.push(
          `  <${component} title="${rng.pick(TITLES)}" item="{{current}}" bind:change="${this.handler('onComponentChange')}"></${component}>`,
        );
      if (plan.disguisedPhone)
        out.push(
          `  <view class="result-card">`,
          `    <text class="result-title">{{result.title}}</text>`,
          `    <button class="more-link" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onMoreWithPhone')}">查看更多 ></button>`,
          `  </view>`,
        );
      if (plan.overlayWall)
        out.push(
          `  <view class="auth-mask">`,
          `    <button class="auth-btn" type="primary" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onMaskPhone')}">授权手机号后查看</button>`,
          `  </view>`,
        );
      if (rng.chance(0.15))
        out.push(`  <login-popup wx:if="{{showLogin}}" bind:close="${this.handler('closeLogin')}"></login-popup>`);
      out.push(`  <view class="footer-space"></view>`);
    }
    out.push('</view>', '');
    return out.join('\n');
  }

  private searchBar(): string[] {
    return [
      `  <view class="search-bar" bindtap="${this.handler('goSearch')}">`,
      `    <icon type="search" size="14"></icon>`,
      `    <text class="placeholder">搜索商品、店铺</text>`,
      `  </view>`,
    ];
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
    for (const f of fields)
      lines.push(
        f === 'price' || f === 'originalPrice'
          ? `        <text class="item-${f}">¥{{filter.price(item.${f})}}</text>`
          : `        <text class="item-${f}">{{item.${f}}}</text>`,
      );
    if (rng.chance(0.4))
      lines.push(
        `        <view class="item-tags"><text class="tag" wx:for="{{item.tags}}" wx:for-item="tag" wx:key="*this">{{tag}}</text></view>`,
      );
    lines.push(`      </view>`);
    if (rng.chance(0.5))
      lines.push(
        `      <button class="item-action" size="mini" catchtap="${this.handler('addToCart')}" data-id="{{item.id}}">加入购物车</button>`,
      );
    lines.push(
      `    </view>`,
      `    <view wx:if="{{loading}}" class="loading">加载中...</view>`,
      `    <view wx:elif="{{!hasMore}}" class="no-more">没有更多了</view>`,
      `  </view>`,
    );
    this.dataFields.set('loading', 'false');
    this.dataFields.set('hasMore', 'true');
    return lines;
  }

  private card(): string[] {
    const rng = this.rng;
    const lines = [`  <view class="card">`, `    <view class="card-title">${rng.pick(TITLES)}</view>`];
    const paragraphs = this.compact ? 1 : rng.int(1, 4);
    for (let i = 0; i < paragraphs; i++) lines.push(`    <text class="card-text">${rng.pick(PARAGRAPHS)}</text>`);
    if (rng.chance(0.5))
      lines.push(
        `    <view class="card-row"><text class="label">{{info.label${paragraphs}}}</text><text class="value">{{info.value${paragraphs}}}</text></view>`,
      );
    lines.push(`  </view>`);
    return lines;
  }

  private notice(): string[] {
    return [
      `  <view class="notice" wx:if="{{notice}}">`,
      `    <icon type="info" size="14" color="#fa8c16"></icon>`,
      `    <text class="notice-text">{{notice}}</text>`,
      `    <text class="notice-close" bindtap="${this.handler('closeNotice')}">×</text>`,
      `  </view>`,
    ];
  }

  private empty(): string[] {
    return [
      `  <view class="empty" wx:if="{{isEmpty}}">`,
      `    <image class="empty-image" src="/images/icon-1.png"></image>`,
      `    <text class="empty-text">暂无数据</text>`,
      `    <navigator class="empty-link" open-type="switchTab" url="/pages/index/index">去逛逛</navigator>`,
      `  </view>`,
    ];
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
    const lines = [
      `  <view class="article">`,
      `    <view class="article-title">{{article.title}}</view>`,
      `    <view class="article-meta">{{article.author}} · {{article.date}}</view>`,
    ];
    const count = this.compact ? 2 : rng.int(6, 14);
    for (let i = 0; i < count; i++)
      lines.push(`    <text class="article-paragraph">${rng.pick(PARAGRAPHS)}${rng.pick(PARAGRAPHS)}</text>`);
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
      lines.push(
        `    <view class="form-item">`,
        `      <text class="form-label">${label}</text>`,
        `      <input class="form-input" name="${name}" type="${type}" placeholder="请输入${label}" value="{{form.${name}}}" bindinput="${this.handler('onInput')}" data-field="${name}" />`,
        `    </view>`,
      );
    }
    lines.push(
      `    <view class="form-item">`,
      `      <text class="form-label">类型</text>`,
      `      <picker mode="selector" range="{{types}}" bindchange="${this.handler('onTypeChange')}"><view class="picker">{{types[typeIndex] || '请选择'}}</view></picker>`,
      `    </view>`,
    );
    if (rng.chance(0.4))
      lines.push(
        `    <view class="upload" bindtap="${this.handler('chooseImages')}"><text>上传图片（最多9张）</text></view>`,
      );
    lines.push(
      `    <textarea class="form-textarea" name="content" maxlength="500" placeholder="请描述具体情况"></textarea>`,
      `    <button class="submit" type="primary" form-type="submit">提交</button>`,
      `  </form>`,
    );
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
      lines.push(
        `  <view class="bind-phone">`,
        `    <text class="bind-tip">绑定手机号，用于接收订单和物流通知</text>`,
        `    <button class="bind-btn" size="mini" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onBindPhone')}">绑定手机号</button>`,
        `  </view>`,
      );
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
      if (this.plan.phone === 'with-purpose')
        lines.push(`    <text class="contact-tip">手机号仅用于配送时联系您，不会用于其他用途</text>`);
      lines.push(
        `    <button class="contact-btn" size="mini" open-type="getPhoneNumber" bindgetphonenumber="${this.handler('onGetPhone')}">获取手机号</button>`,
        `  </view>`,
      );
    }
    lines.push(
      `  <view class="submit-bar">`,
      `    <text class="total">合计：¥{{filter.price(total)}}</text>`,
      `    <button class="submit" type="primary" bindtap="${this.handler('submitOrder')}">提交订单</button>`,
      `  </view>`,
    );
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
    if (this.plan.loginWithSkip)
      lines.push(
        `  <navigator class="skip" open-type="switchTab" url="/pages/index/index">暂不登录，先逛逛</navigator>`,
      );
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
      onLoad.push(
        `  ${guard}.requestWithPhone({ url: '/api/member/profile' }).then((data) => this.setData({ member: data }));`,
      );
    } else onLoad.push(`  this.loadData();`);
    if (plan.kind === 'store') {
      const location = this.use('location', 'utils/location');
      onLoad.push(
        `  ${location}.getCurrentLocation().then((pos) => {`,
        `    this.setData({ latitude: pos.latitude, longitude: pos.longitude });`,
        `    this.loadStores(pos);`,
        `  });`,
      );
      this.methods.push([
        `loadStores(pos${ts ? ': { latitude: number; longitude: number }' : ''}) {`,
        `  ${svc}.${fetch}({ lat: pos.latitude, lng: pos.longitude }).then((stores) => this.setData({ stores }));`,
        `}`,
      ]);
    }
    if (plan.kind === 'webview') onLoad.push(`  wx.hideShareMenu();`);
    onLoad.push(`}`);
    this.methods.push(onLoad);
    const onShow = [`onShow() {`];
    if (plan.loginOnShow) onShow.push(`  ${this.use('auth', 'utils/auth')}.requireLogin();`);
    if (rng.chance(0.5)) onShow.push(`  ${this.use('track', 'utils/track')}.pageView('${plan.route}');`);
    if (plan.kind === 'home')
      onShow.push(
        `  if (typeof this.getTabBar === 'function' && this.getTabBar()) this.getTabBar().setData({ selected: 0 });`,
      );
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
      this.methods.push([
        `onPullDownRefresh() {`,
        `  this.setData({ page: 1 });`,
        `  this.loadData().then(() => wx.stopPullDownRefresh());`,
        `}`,
      ]);
      this.methods.push([
        `onReachBottom() {`,
        `  if (!this.data.hasMore) return;`,
        `  this.setData({ page: (this.data.page || 1) + 1 });`,
        `  this.loadData();`,
        `}`,
      ]);
    }

    // Handlers bound in the WXML
    const format = this.use('format', 'utils/format');
    for (const name of this.handlers) this.methods.push(this.handlerBody(name, e, svc, fetch, format));
    // Helpers a real page accumulates
    const extra = this.compact ? 1 : rng.int(3, 9);
    for (let i = 0; i < extra; i++) this.methods.push(this.helperMethod(i, svc, fetch, format));
    this.methods.push([
      `onShareAppMessage() {`,
      `  return { title: '${rng.pick(TITLES)}', path: '/${plan.route}?id=' + (this.data.id || '') };`,
      `}`,
    ]);

    const lines: string[] = [];
    if (ts) {
      for (const [binding, specifier] of this.imports) lines.push(`import * as ${binding} from '${specifier}';`);
      lines.push(
        '',
        `interface PageData {`,
        `  id: string;`,
        `  loading: boolean;`,
        `  list: Array<{ id: number; title: string; price: number }>;`,
        `  [key: string]: unknown;`,
        `}`,
        '',
      );
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
        return [
          `openDetail(${e}) {`,
          `  const { id } = ${ds};`,
          `  wx.navigateTo({ url: \`/pages/goods/detail/detail?id=\${id}\` });`,
          `}`,
        ];
      case 'goSearch':
        return [`goSearch() {`, `  wx.navigateTo({ url: '/pages/goods/search/search' });`, `}`];
      case 'openBanner':
        return [`openBanner(${e}) {`, `  const { url } = ${ds};`, `  if (url) wx.navigateTo({ url });`, `}`];
      case 'switchTab':
        return [
          `switchTab(${e}) {`,
          `  this.setData({ activeTab: Number(${ds}.index), page: 1 });`,
          `  this.loadData();`,
          `}`,
        ];
      case 'addToCart':
        return [
          `addToCart(${e}) {`,
          `  if (!${this.use('auth', 'utils/auth')}.requireLogin()) return;`,
          `  const { id } = ${ds};`,
          `  ${svc}.${fetch}({ id, action: 'cart' }).then(() => wx.showToast({ title: '已加入购物车' }));`,
          `}`,
        ];
      case 'buyNow':
        return [`buyNow() {`, `  wx.navigateTo({ url: '/${CHECKOUT_ROUTE}?goodsId=' + this.data.id });`, `}`];
      case 'closeNotice':
        return [`closeNotice() {`, `  this.setData({ notice: '' });`, `}`];
      case 'onInput':
        return [
          `onInput(${e}) {`,
          `  const field = ${ds}.field;`,
          `  this.setData({ [\`form.\${field}\`]: (e as any).detail.value });`.replace(
            /\(e as any\)/,
            this.plan.ts ? '(e as any)' : 'e',
          ),
          `}`,
        ];
      case 'onTypeChange':
        return [
          `onTypeChange(${e}) {`,
          `  this.setData({ typeIndex: Number(${this.plan.ts ? '(e as any)' : 'e'}.detail.value) });`,
          `}`,
        ];
      case 'chooseImages':
        return [
          `chooseImages() {`,
          `  wx.chooseMedia({`,
          `    count: 9,`,
          `    mediaType: ['image'],`,
          `    sourceType: ['album', 'camera'],`,
          `    success: (res) => this.setData({ images: res.tempFiles.map((f) => f.tempFilePath) }),`,
          `  });`,
          `}`,
        ];
      case 'onSubmit':
        return [
          `onSubmit(${e}) {`,
          `  const values = ${this.plan.ts ? '(e as any)' : 'e'}.detail.value;`,
          `  if (!values.name) {`,
          `    wx.showToast({ title: '请填写完整信息', icon: 'none' });`,
          `    return;`,
          `  }`,
          `  ${svc}.${fetch}(values).then(() => {`,
          `    wx.showToast({ title: '提交成功' });`,
          `    setTimeout(() => wx.navigateBack(), 1500);`,
          `  });`,
          `}`,
        ];
      case 'onChooseAvatar':
        return [
          `onChooseAvatar(${e}) {`,
          `  const avatar = ${this.plan.ts ? '(e as any)' : 'e'}.detail.avatarUrl;`,
          `  this.setData({ 'user.avatar': avatar });`,
          `  wx.uploadFile({ url: 'https://api.example-shop.com/api/user/avatar', filePath: avatar, name: 'file' });`,
          `}`,
        ];
      case 'onNickname':
        return [
          `onNickname(${e}) {`,
          `  this.setData({ 'user.nickname': ${this.plan.ts ? '(e as any)' : 'e'}.detail.value });`,
          `}`,
        ];
      case 'openSettings':
        return [`openSettings() {`, `  wx.navigateTo({ url: '/pages/mine/settings/settings' });`, `}`];
      case 'onBindPhone':
        return [
          `onBindPhone(${e}) {`,
          `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`,
          `  if (!code) return;`,
          `  ${svc}.${fetch}({ phoneCode: code }).then(() => wx.showToast({ title: '绑定成功' }));`,
          `}`,
        ];
      case 'chooseAddress':
        return [
          `chooseAddress() {`,
          `  wx.chooseAddress({`,
          `    success: (address) => this.setData({ address }),`,
          `  });`,
          `}`,
        ];
      case 'onGetPhone':
        return [
          `onGetPhone(${e}) {`,
          `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`,
          `  if (code) this.setData({ phoneCode: code });`,
          `}`,
        ];
      case 'submitOrder': {
        const order = this.use('orderSubmit', 'services/order-submit');
        return [
          `submitOrder() {`,
          `  if (!this.data.address) {`,
          `    wx.showToast({ title: '请选择收货地址', icon: 'none' });`,
          `    return;`,
          `  }`,
          `  ${order}.createOrder({ items: this.data.cartItems, address: this.data.address, phoneCode: this.data.phoneCode })`,
          `    .then((order) => ${order}.payOrder(order))`,
          `    .then(() => wx.redirectTo({ url: '/pages/order/list/list' }));`,
          `}`,
        ];
      }
      case 'onGetPhoneNumber':
        return [
          `onGetPhoneNumber(${e}) {`,
          `  const code = ${this.plan.ts ? '(e as any)' : 'e'}.detail.code;`,
          `  if (!code) return;`,
          `  ${this.use('auth', 'utils/auth')}.loginWithPhone(code).then(() => wx.switchTab({ url: '/pages/index/index' }));`,
          `}`,
        ];
      case 'onMarkerTap':
        return [
          `onMarkerTap(${e}) {`,
          `  const marker = this.data.markers.find((m) => m.id === ${this.plan.ts ? '(e as any)' : 'e'}.detail.markerId);`,
          `  if (marker) this.setData({ current: marker });`,
          `}`,
        ];
      case 'openStore':
        return [
          `openStore(${e}) {`,
          `  const store = this.data.stores[${ds}.index];`,
          `  wx.navigateTo({ url: '/pages/store/detail/detail?id=' + store.id });`,
          `}`,
        ];
      case 'navigateToStore':
        return [
          `navigateToStore(${e}) {`,
          `  const store = this.data.stores[${ds}.index];`,
          `  wx.openLocation({ latitude: store.latitude, longitude: store.longitude, name: store.name, address: store.address });`,
          `}`,
        ];
      case 'previewImage':
        return [`previewImage(${e}) {`, `  wx.previewImage({ current: ${ds}.src, urls: this.data.images });`, `}`];
      case 'chooseMedia':
        return [
          `chooseMedia() {`,
          `  wx.chooseMedia({ count: 9, mediaType: ['image', 'video'], success: (res) => this.setData({ images: this.data.images.concat(res.tempFiles.map((f) => f.tempFilePath)) }) });`,
          `}`,
        ];
      case 'saveToAlbum':
        return [
          `saveToAlbum() {`,
          `  wx.saveImageToPhotosAlbum({`,
          `    filePath: this.data.poster,`,
          `    success: () => wx.showToast({ title: '已保存' }),`,
          `    fail: () => wx.openSetting(),`,
          `  });`,
          `}`,
        ];
      case 'toggleNotify':
        return [
          `toggleNotify(${e}) {`,
          `  wx.requestSubscribeMessage({ tmplIds: ['TEMPLATE_ID_1'], complete: () => this.setData({ notify: ${this.plan.ts ? '(e as any)' : 'e'}.detail.value }) });`,
          `}`,
        ];
      case 'openAuthSetting':
        return [`openAuthSetting() {`, `  wx.openSetting();`, `}`];
      case 'clearCache':
        return [
          `clearCache() {`,
          `  wx.showModal({`,
          `    title: '提示',`,
          `    content: '确定清除缓存吗？',`,
          `    success: (res) => {`,
          `      if (res.confirm) {`,
          `        wx.clearStorageSync();`,
          `        this.setData({ cacheSize: '0KB' });`,
          `      }`,
          `    },`,
          `  });`,
          `}`,
        ];
      case 'onMoreWithPhone':
        return [
          `onMoreWithPhone(${e}) {`,
          `  if (${this.plan.ts ? '(e as any)' : 'e'}.detail.code) wx.navigateTo({ url: '/pages/goods/list/list?more=1' });`,
          `}`,
        ];
      case 'onMaskPhone':
        return [
          `onMaskPhone(${e}) {`,
          `  if (${this.plan.ts ? '(e as any)' : 'e'}.detail.code) this.setData({ authorized: true });`,
          `}`,
        ];
      case 'closeLogin':
        return [`closeLogin() {`, `  this.setData({ showLogin: false });`, `}`];
      case 'onWebMessage':
        return [
          `onWebMessage(${e}) {`,
          `  ${this.use('track', 'utils/track')}.event('web_message', ${this.plan.ts ? '(e as any)' : 'e'}.detail);`,
          `}`,
        ];
      default:
        return [
          `${name}(${e}) {`,
          `  console.log('${name}', ${rng.chance(0.5) ? 'e.detail' : `${format}.formatDate(Date.now())`});`,
          `}`,
        ];
    }
  }

  private helperMethod(i: number, svc: string, fetch: string, format: string): string[] {
    const rng = this.rng;
    const variants: (() => string[])[] = [
      () => [
        `formatList${i}(list${this.plan.ts ? ': any[]' : ''}) {`,
        `  return (list || []).map((item) => ({`,
        `    ...item,`,
        `    priceText: ${format}.formatPrice(item.price),`,
        `    dateText: ${format}.formatDate(item.createdAt),`,
        `  }));`,
        `}`,
      ],
      () => [`refresh${i}() {`, `  this.setData({ page: 1, list: [] });`, `  return this.loadData();`, `}`],
      () => [
        `checkStock${i}(id${this.plan.ts ? ': number' : ''}) {`,
        `  return ${svc}.${fetch}({ id, fields: 'stock' }).then((res) => {`,
        `    if (!res || res.stock <= 0) {`,
        `      wx.showToast({ title: '库存不足', icon: 'none' });`,
        `      return false;`,
        `    }`,
        `    return true;`,
        `  });`,
        `}`,
      ],
      () => [
        `startCountdown${i}(seconds${this.plan.ts ? ': number' : ''}) {`,
        `  clearInterval(this.timer${i});`,
        `  let left = seconds;`,
        `  this.timer${i} = setInterval(() => {`,
        `    left -= 1;`,
        `    this.setData({ countdown${i}: ${format}.formatDuration(left) });`,
        `    if (left <= 0) clearInterval(this.timer${i});`,
        `  }, 1000);`,
        `}`,
      ],
      () => [
        `copyText${i}(${this.plan.ts ? 'text: string' : 'text'}) {`,
        `  wx.setClipboardData({ data: text, success: () => wx.showToast({ title: '已复制' }) });`,
        `}`,
      ],
      () => [`callService${i}() {`, `  wx.makePhoneCall({ phoneNumber: '4000000000' });`, `}`],
      () => [
        `validate${i}(form${this.plan.ts ? ': Record<string, string>' : ''}) {`,
        `  const errors = [];`,
        `  if (!form.name) errors.push('请填写姓名');`,
        `  if (form.mobile && !/^1\\d{10}$/.test(form.mobile)) errors.push('手机号格式不正确');`,
        `  if (errors.length) wx.showToast({ title: errors[0], icon: 'none' });`,
        `  return errors.length === 0;`,
        `}`,
      ],
      () => [
        `scan${i}() {`,
        `  wx.scanCode({ onlyFromCamera: true, success: (res) => this.setData({ code${i}: res.result }) });`,
        `}`,
      ],
    ];
    return rng.pick(variants)();
  }
}

/** A relative module specifier from a file to a project path (without extension), as pages write them. */
export function relativeModule(fromFile: string, target: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromFile), target);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
