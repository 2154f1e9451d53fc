import type { RuleReference } from './rule';
import { text } from '../types';

/** Official pages cited by rule metadata (checked against developers.weixin.qq.com; see docs/rules/). */
export const REFERENCES = {
  operationRulesPrivacy: {
    title: text('WeChat Mini Program Platform Operation Rules §15 User privacy and data', '《微信小程序平台运营管理规范》§15 用户隐私和数据规范'),
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
} satisfies Record<string, RuleReference>;
