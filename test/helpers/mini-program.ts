import type { ProjectFiles } from './virtual-project';

/**
 * Building blocks for test projects: small, realistic pages written for these tests. Each returns the
 * files of one page by path, so a test composes a project in a few lines and states only what matters.
 */

export function appJson(pages: string[], extra: Record<string, unknown> = {}): ProjectFiles {
  return { 'app.json': JSON.stringify({ pages, ...extra }, null, 2) };
}

export function page(route: string, wxml: string, js: string, wxss?: string): ProjectFiles {
  const files: ProjectFiles = { [`${route}.wxml`]: wxml, [`${route}.js`]: js };
  if (wxss !== undefined) files[`${route}.wxss`] = wxss;
  return files;
}

/** A page with real content: a list of items and links to details. */
export function contentPage(route: string, extraJs = ''): ProjectFiles {
  return page(
    route,
    `<view class="list">\n  <view class="item" wx:for="{{items}}" wx:key="id">\n    <navigator url="/pages/detail/detail?id={{item.id}}">{{item.title}}</navigator>\n  </view>\n</view>\n`,
    `Page({\n  data: { items: [] },\n${extraJs}\n  onPullDownRefresh() {\n    wx.stopPullDownRefresh();\n  },\n});\n`,
  );
}

/** A login page whose only action is a phone-number button. */
export function phoneOnlyPage(route: string, openType = 'getPhoneNumber'): ProjectFiles {
  const event = `bind${openType.toLowerCase()}`;
  return page(
    route,
    `<view class="login">\n  <image class="logo" src="/images/logo.png"></image>\n  <text>欢迎使用</text>\n  <button type="primary" open-type="${openType}" ${event}="onGetPhone">手机号快捷登录</button>\n</view>\n`,
    `Page({\n  onGetPhone(e) {\n    if (e.detail.code) {\n      wx.setStorageSync('phoneCode', e.detail.code);\n      wx.switchTab({ url: '/pages/index/index' });\n    }\n  },\n});\n`,
  );
}

/** A checkout page whose submit button pays; `phoneMarkup` goes above the button. */
export function checkoutPage(route: string, phoneMarkup = '', submitTag = 'button'): ProjectFiles {
  return page(
    route,
    `<view class="checkout">\n  <view class="summary">\n    <text>{{order.title}}</text>\n    <text>¥{{order.amount}}</text>\n  </view>\n${phoneMarkup ? `  ${phoneMarkup}\n` : ''}  <${submitTag} class="pay" bindtap="submitOrder">提交订单</${submitTag}>\n</view>\n`,
    `Page({\n  data: { order: {} },\n\n  onGetPhone(e) {\n    this.setData({ phoneCode: e.detail.code });\n  },\n\n  submitOrder() {\n    wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });\n  },\n});\n`,
    `.pay { margin: 24rpx; }\n`,
  );
}

export const PHONE_BUTTON = `<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>`;

/** A bundled map SDK (vendored code: its location call is reported where the app calls the SDK). */
export const QQMAP_SDK = `var Utils = {\n  getWXLocation(success, fail) {\n    wx.getLocation({ type: 'gcj02', success: success, fail: fail });\n  },\n};\nclass QQMapWX {\n  constructor(options) { this.key = options.key; }\n  reverseGeocoder(options) {\n    Utils.getWXLocation(options.success, options.fail);\n  }\n}\nmodule.exports = QQMapWX;\n`;
