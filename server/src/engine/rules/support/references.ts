import type { RuleReference } from '../rule';
import { text } from '../../types';

/** Official pages cited by rule metadata (checked against developers.weixin.qq.com; see docs/rules/). */
export const REFERENCES = {
  operationRulesPrivacy: {
    title: text(
      'WeChat Mini Program Platform Operation Rules §15 User privacy and data',
      '《微信小程序平台运营管理规范》§15 用户隐私和数据规范',
    ),
    url: 'https://developers.weixin.qq.com/miniprogram/product/#_15-%E7%94%A8%E6%88%B7%E9%9A%90%E7%A7%81%E5%92%8C%E6%95%B0%E6%8D%AE%E8%A7%84%E8%8C%83',
  },
  getPhoneNumber: {
    title: text('Quick phone-number verification (getPhoneNumber)', '手机号快速验证组件'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html',
  },
  getRealtimePhoneNumber: {
    title: text('Real-time phone-number verification (getRealtimePhoneNumber)', '手机号实时验证组件'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getRealtimePhoneNumber.html',
  },
  appJson: {
    title: text('Global configuration app.json (entryPagePath)', '全局配置 app.json（entryPagePath）'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html',
  },
  requestPayment: {
    title: text('wx.requestPayment', 'wx.requestPayment 发起微信支付'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/payment/wx.requestPayment.html',
  },
  locationNotice: {
    title: text(
      'wx.getLocation (requiredPrivateInfos, permission)',
      'wx.getLocation（requiredPrivateInfos、permission 声明）',
    ),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getLocation.html',
  },
  authorize: {
    title: text('Authorization (wx.authorize and scopes)', '授权（wx.authorize 与 scope 列表）'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html',
  },
  privacyGuide: {
    title: text('Privacy agreement development guide', '小程序隐私协议开发指南'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html',
  },
  privacyInterfaces: {
    title: text('Privacy guideline content: interfaces covered', '小程序用户隐私保护指引内容介绍'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html',
  },
  subscribeMessage: {
    title: text('wx.requestSubscribeMessage', 'wx.requestSubscribeMessage 订阅消息'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html',
  },
  openSetting: {
    title: text('wx.openSetting', 'wx.openSetting 打开设置页'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/setting/wx.openSetting.html',
  },
  getClipboardData: {
    title: text('wx.getClipboardData', 'wx.getClipboardData 获取剪贴板内容'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/device/clipboard/wx.getClipboardData.html',
  },
  getUserProfile: {
    title: text('wx.getUserProfile', 'wx.getUserProfile 获取用户信息'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html',
  },
  userProfileFill: {
    title: text('Avatar and nickname fill-in', '头像昵称填写能力'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/userProfile.html',
  },
  setStorage: {
    title: text('wx.setStorageSync', 'wx.setStorageSync 数据缓存'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorageSync.html',
  },
  form: {
    title: text('form component (report-submit)', 'form 表单组件（report-submit）'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/component/form.html',
  },
  requiredPrivateInfos: {
    title: text('Global configuration app.json: requiredPrivateInfos', '全局配置 app.json：requiredPrivateInfos'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos',
  },
  permissionConfig: {
    title: text('Global configuration app.json: permission', '全局配置 app.json：permission'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#permission',
  },
  locationChangeNotice: {
    title: text('Notice: new location API and process changes (2022-07)', '地理位置接口新增与相关流程调整（官方公告）'),
    url: 'https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01',
  },
  getFuzzyLocation: {
    title: text('wx.getFuzzyLocation', 'wx.getFuzzyLocation'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getFuzzyLocation.html',
  },
  openSettingNotice: {
    title: text('Notice: wx.openSetting change', '打开小程序设置页（wx.openSetting）接口调整'),
    url: 'https://developers.weixin.qq.com/community/develop/doc/000cea2305cc5047af5733de751008',
  },
  button: {
    title: text('button component (open-type)', 'button 组件（open-type）'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/component/button.html',
  },
  subscribeGuide: {
    title: text('Subscribe messages', '订阅消息'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html',
  },
  templateMessage: {
    title: text('Template messages (retired 2020-01-10)', '模板消息'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/template-message.html',
  },
  userInfoNotice2021: {
    title: text('Notice: login and user-info API changes (2021)', '小程序登录、用户信息相关接口调整说明'),
    url: 'https://developers.weixin.qq.com/community/develop/doc/000cacfa20ce88df04cb468bc52801',
  },
  userInfoNotice2022: {
    title: text('Notice: avatar and nickname rule change (2022)', '小程序用户头像昵称获取规则调整公告'),
    url: 'https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01',
  },
  officialPrivacyPopup: {
    title: text(
      'Privacy agreement guide §6: official privacy popup',
      '小程序隐私协议开发指南 六、官方隐私弹窗功能说明',
    ),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html#%E5%85%AD%E3%80%81%E5%AE%98%E6%96%B9%E9%9A%90%E7%A7%81%E5%BC%B9%E7%AA%97%E5%8A%9F%E8%83%BD%E8%AF%B4%E6%98%8E',
  },
  onNeedPrivacyAuthorization: {
    title: text('wx.onNeedPrivacyAuthorization', 'wx.onNeedPrivacyAuthorization'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html',
  },
  setStorageAsync: {
    title: text('wx.setStorage (encrypt)', 'wx.setStorage'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorage.html',
  },
  network: {
    title: text('Network: server domain configuration', '网络（服务器域名配置）'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html',
  },
  request: {
    title: text('wx.request', 'wx.request'),
    url: 'https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html',
  },
} satisfies Record<string, RuleReference>;
