/** The 2,000-line checkout page the editor benchmark types into: its WXML and its script. */
import type { Random } from '../prng';
import { relativeModule } from './page';
import { TITLES } from './plan';
// -----------------------------------------------------------------------------------------------------
// The 2,000-line checkout page

export function bigCheckoutWxml(rng: Random, targetLines: number): string {
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
  const tail = [
    `  <view class="submit-bar">`,
    `    <text class="total">合计：¥{{filter.price(total)}}</text>`,
    `    <button class="submit" type="primary" bindtap="submitOrder">提交订单</button>`,
    `  </view>`,
    `</view>`,
    ``,
  ];
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

export function bigCheckoutJs(rng: Random, route: string, targetLines: number): string {
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
    (n) => [
      `  calcGroup${n}(group) {`,
      `    let count = 0;`,
      `    let subtotal = 0;`,
      `    for (const item of group.items || []) {`,
      `      count += item.count;`,
      `      subtotal += item.price * item.count;`,
      `    }`,
      `    const discount = group.coupon ? group.coupon.amount : 0;`,
      `    const shipping = subtotal >= FREE_SHIPPING ? 0 : ${rng.int(5, 12)};`,
      `    return { count, subtotal: Math.max(0, subtotal - discount) + shipping };`,
      `  },`,
      ``,
    ],
    (n) => [
      `  validateGroup${n}(group) {`,
      `    if (!group.items || !group.items.length) return '商品不能为空';`,
      `    for (const item of group.items) {`,
      `      if (item.count > item.stock) return item.title + ' 库存不足';`,
      `      if (item.count <= 0) return '数量有误';`,
      `    }`,
      `    if (group.remark && group.remark.length > 200) return '备注过长';`,
      `    return '';`,
      `  },`,
      ``,
    ],
    (n) => [
      `  applyCoupon${n}(groupIndex, coupon) {`,
      `    const groups = this.data.groups.slice();`,
      `    const group = { ...groups[groupIndex], coupon };`,
      `    Object.assign(group, this.calcGroup${Math.max(0, n - 1)} ? this.calcGroup${Math.max(0, n - 1)}(group) : {});`,
      `    groups[groupIndex] = group;`,
      `    this.setData({ groups, total: this.sumTotal(groups) });`,
      `    track.event('apply_coupon', { id: coupon && coupon.id, n: ${n} });`,
      `  },`,
      ``,
    ],
    (n) => [
      `  formatGroup${n}(group) {`,
      `    return {`,
      `      ...group,`,
      `      subtotalText: format.formatPrice(group.subtotal),`,
      `      deliveryText: group.delivery || '快递配送',`,
      `      itemsText: (group.items || []).map((item) => item.title + ' x' + item.count).join('，'),`,
      `    };`,
      `  },`,
      ``,
    ],
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
