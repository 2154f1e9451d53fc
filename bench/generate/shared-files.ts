/** The files every generated project shares: app.js, helpers, services, components, stylesheets, a minified SDK. */
import type { Random } from '../prng';
import { COLORS, ITEM_FIELDS, TITLES } from './plan';
// -----------------------------------------------------------------------------------------------------
// Shared helpers, components, app

export const APP_JS = `// App entry: session check on launch, global data, update manager.
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

export const APP_WXSS = `page {
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

export const REQUEST_JS = `// wx.request wrapped in a promise, with the session token and error toasts.
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

export const AUTH_JS = `// Login state. requireLogin() sends users without a session to the login page.
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

export const PHONE_GUARD_JS = `// Member APIs answer 40101 when the account has no phone number: send the user to bind one.
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

export const LOCATION_JS = `// Location helpers used by store pages.
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

export const ORDER_SUBMIT_JS = `// Order creation and payment: every checkout page goes through here.
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

export const FILTER_WXS = `var price = function (value) {
  if (value === undefined || value === null) return '0.00';
  return (value / 100).toFixed(2);
};
module.exports = { price: price };
`;

export const LOGIN_POPUP_WXML = `<view class="login-popup">
  <view class="login-popup-panel">
    <text class="login-popup-title">登录后享受更多会员权益</text>
    <button class="login-popup-phone" type="primary" open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号快捷登录</button>
    <button class="login-popup-cancel" bindtap="onClose">暂不登录</button>
  </view>
</view>
`;

export const LOGIN_POPUP_JS = `const auth = require('../../utils/auth');

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

export const LOGIN_POPUP_WXSS = `.login-popup { position: fixed; top: 0; left: 0; right: 0; bottom: 0; background: rgba(0, 0, 0, 0.5); z-index: 100; }
.login-popup-panel { position: absolute; bottom: 0; width: 100%; padding: 40rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }
.login-popup-title { display: block; font-size: 32rpx; margin-bottom: 32rpx; }
.login-popup-cancel { margin-top: 20rpx; background: none; color: #999; }
`;

export function formatJs(rng: Random, extra: number): string {
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
    lines.push(
      `function ${name}(value) {`,
      `  if (value === undefined || value === null) return '';`,
      `  return String(value).slice(0, ${rng.int(8, 40)})${rng.chance(0.5) ? ".replace(/\\s+/g, ' ')" : ''};`,
      `}`,
      ``,
    );
  }
  lines.push(`module.exports = { ${names.join(', ')} };`, ``);
  return lines.join('\n');
}

export function trackTs(rng: Random, extra: number): string {
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
  for (let i = 0; i < extra; i++)
    lines.push(
      `export function custom${i}(value: ${rng.pick(['string', 'number', 'boolean'])}): void {`,
      `  event('custom_${i}', { value });`,
      `}`,
      ``,
    );
  return lines.join('\n');
}

export function serviceFunctions(rng: Random, domain: string, count: number): string[] {
  const verbs = ['list', 'get', 'search', 'update', 'remove', 'fetch', 'query', 'save', 'count', 'check'];
  const nouns = ['Items', 'Detail', 'Summary', 'Records', 'Config', 'Options', 'Stats', 'Tags', 'History', 'Status'];
  const names = new Set<string>();
  while (names.size < count)
    names.add(`${rng.pick(verbs)}${domain[0].toUpperCase()}${domain.slice(1).replace(/\d+$/, '')}${rng.pick(nouns)}`);
  return [...names];
}

export function serviceJs(rng: Random, domain: string, functions: string[]): string {
  const lines = [`// API calls of the ${domain} module.`, `const { request, post } = require('../utils/request');`, ``];
  for (const name of functions) {
    const write = /^(update|remove|save)/.test(name);
    lines.push(
      `/** ${rng.pick(TITLES)} */`,
      `function ${name}(params) {`,
      write
        ? `  return post('/api/${domain}/${name}', params);`
        : `  return request({ url: '/api/${domain}/${name}', method: 'GET', data: params });`,
      `}`,
      ``,
    );
  }
  lines.push(`module.exports = { ${functions.join(', ')} };`, ``);
  return lines.join('\n');
}

export function serviceTs(rng: Random, domain: string, functions: string[]): string {
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
    lines.push(
      `/** ${rng.pick(TITLES)} */`,
      `export function ${name}(params: Record<string, unknown>): Promise<${type}[]> {`,
      write
        ? `  return post('/api/${domain}/${name}', params);`
        : `  return request({ url: '/api/${domain}/${name}', method: 'GET', data: params });`,
      `}`,
      ``,
    );
  }
  return lines.join('\n');
}

export function componentWxml(rng: Random, name: string): string {
  const lines = [`<view class="${name}" bindtap="onTap">`];
  const count = rng.int(2, 6);
  for (let i = 0; i < count; i++)
    lines.push(`  <text class="${name}-line${i}">{{item.${rng.pick(ITEM_FIELDS)}}}</text>`);
  if (rng.chance(0.5)) lines.push(`  <image class="${name}-image" src="{{item.cover}}" mode="aspectFill"></image>`);
  lines.push(`  <slot></slot>`, `</view>`, ``);
  return lines.join('\n');
}

export function componentJs(rng: Random, name: string, ts: boolean): string {
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

export function wxss(rng: Random, name: string, rules: number, overlay = false): string {
  const lines: string[] = [];
  const props = [
    'margin',
    'padding',
    'font-size',
    'color',
    'background',
    'border-radius',
    'line-height',
    'display',
    'width',
    'height',
    'text-align',
    'border-bottom',
  ];
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
  const classes = [
    'item',
    'title',
    'price',
    'card',
    'section',
    'header',
    'footer',
    'list',
    'tag',
    'button',
    'image',
    'info',
    'row',
    'label',
    'value',
  ];
  for (let i = 0; i < rules; i++) {
    const selector = rng.chance(0.2)
      ? `.${name}-${rng.pick(classes)} .${rng.pick(classes)}`
      : `.${rng.pick(classes)}${rng.chance(0.3) ? `-${i}` : ''}`;
    lines.push(`${selector} {`);
    for (const prop of rng.sample(props, rng.int(2, 6))) lines.push(`  ${prop}: ${values[prop]()};`);
    lines.push(`}`);
  }
  if (overlay)
    lines.push(
      `.auth-mask {`,
      `  position: fixed;`,
      `  top: 0;`,
      `  left: 0;`,
      `  width: 100%;`,
      `  height: 100%;`,
      `  z-index: 999;`,
      `}`,
    );
  return lines.join('\n') + '\n';
}

/** A bundled, minified SDK as real projects ship under libs/ (one long line). */
export function minifiedSdk(rng: Random, functions: number): string {
  const parts = ['var QQMapWX=function(){"use strict";var e={KEY_ERR:311,PARAM_ERR:310};'];
  for (let i = 0; i < functions; i++) {
    parts.push(
      `function f${i}(t,n){var r=t||{};if(!r.key)return n&&n({status:e.KEY_ERR});wx.request({url:"https://apis.map.qq.com/ws/${rng.pick(['geocoder', 'place', 'direction', 'district'])}/v1/?k"+${i},data:r,success:function(o){n&&n(o.data)},fail:function(o){n&&n(o)}})}`,
    );
  }
  parts.push('return{search:f0,reverseGeocoder:f1,calculateDistance:f2}}();module.exports=QQMapWX;');
  return parts.join('') + '\n';
}
