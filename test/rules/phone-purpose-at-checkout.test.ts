import { runRuleTests } from '../helpers/rule-tester';
import { PHONE_BUTTON, appJson, checkoutPage, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { content, checkout } from '../helpers/forms';

const INDEX = 'pages/index/index';
const CHECKOUT = 'pages/checkout/checkout';

runRuleTests('phone-purpose-at-checkout', {
  valid: [
    {
      name: 'a sentence next to the button says why (Chinese)',
      files: {
        ...appJson([INDEX, CHECKOUT]),
        ...contentPage(INDEX),
        ...checkoutPage(
          CHECKOUT,
          `<view class="contact">\n    <text>我们需要您的手机号，用于配送时联系您</text>\n    ${PHONE_BUTTON}\n  </view>`,
        ),
      },
    },
    {
      name: 'a sentence next to the button says why (English)',
      files: {
        ...appJson([INDEX, CHECKOUT]),
        ...contentPage(INDEX),
        ...checkoutPage(
          CHECKOUT,
          `<view class="contact">\n    <text>Your number is used to contact you about delivery.</text>\n    ${PHONE_BUTTON}\n  </view>`,
        ),
      },
    },
    {
      name: 'the button label states the purpose',
      files: {
        ...appJson([INDEX, CHECKOUT]),
        ...contentPage(INDEX),
        ...checkoutPage(
          CHECKOUT,
          '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">授权手机号（用于接收取餐通知）</button>',
        ),
      },
    },
    {
      name: 'a phone button on a page with no order or payment',
      files: {
        ...appJson([INDEX, 'pages/profile/profile']),
        ...contentPage(INDEX),
        ...page(
          'pages/profile/profile',
          `<view>\n  <text>{{user.name}}</text>\n  ${PHONE_BUTTON}\n</view>`,
          'Page({ onGetPhone(e) {} })',
        ),
      },
    },
    {
      name: 'a commented-out phone button at checkout',
      files: {
        ...appJson([INDEX, CHECKOUT]),
        ...contentPage(INDEX),
        ...checkoutPage(CHECKOUT, `<!-- ${PHONE_BUTTON} -->`),
      },
    },
  ],
  invalid: [
    {
      name: 'a bare phone button above a paying submit button',
      files: { ...appJson([INDEX, CHECKOUT]), ...contentPage(INDEX), ...checkoutPage(CHECKOUT, PHONE_BUTTON) },
      errors: [{ file: `${CHECKOUT}.wxml`, at: '<button open-type="getPhoneNumber"' }],
    },
    {
      name: 'the phone handler submits the order through an API helper',
      files: {
        ...appJson([INDEX, 'pages/shop/shop']),
        ...contentPage(INDEX),
        ...page(
          'pages/shop/shop',
          '<view>\n  <view wx:for="{{cart}}">{{item.name}}</view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="buyNow">立即购买</button>\n</view>',
          `const api = require('../../api/index');\nPage({\n  buyNow(e) {\n    api.createOrder({ phoneCode: e.detail.code });\n  },\n});`,
        ),
        'api/index.js': `module.exports = {\n  createOrder(data) {\n    return new Promise((resolve) => wx.request({ url: 'https://api.example.com/order/create', method: 'POST', data, success: resolve }));\n  },\n};\n`,
      },
      errors: [{ file: 'pages/shop/shop.wxml', at: '<button open-type="getPhoneNumber" bindgetphonenumber="buyNow">' }],
    },
    {
      name: 'an order page recognised by its path',
      files: {
        ...appJson([INDEX, 'pages/order/confirm']),
        ...contentPage(INDEX),
        ...page(
          'pages/order/confirm',
          `<view>\n  <text>{{order.title}}</text>\n  ${PHONE_BUTTON}\n</view>`,
          'Page({ onGetPhone(e) {} })',
        ),
      },
      errors: [{ file: 'pages/order/confirm.wxml', at: '<button open-type="getPhoneNumber"' }],
    },
    {
      name: 'real-time verification at checkout',
      files: {
        ...appJson([INDEX, CHECKOUT]),
        ...contentPage(INDEX),
        ...checkoutPage(
          CHECKOUT,
          '<button open-type="getRealtimePhoneNumber" bindgetrealtimephonenumber="onGetPhone">验证手机号</button>',
        ),
      },
      errors: [{ file: `${CHECKOUT}.wxml`, at: '<button open-type="getRealtimePhoneNumber"' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('phone-purpose-at-checkout', {
  valid: [
    {
      name: 'purpose stated next to the button',
      project: {
        pages: {
          [INDEX]: content,
          [CHECKOUT]: checkout(
            '<view>\n    <text>手机号仅用于配送时联系您</text>\n    <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>\n  </view>',
          ),
        },
      },
    },
  ],
  invalid: [
    {
      name: 'a bare phone button at checkout',
      project: {
        pages: {
          [INDEX]: content,
          [CHECKOUT]: checkout(
            '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">获取手机号</button>',
          ),
        },
      },
      errors: [{ page: CHECKOUT, part: 'template', at: '<button' }],
    },
  ],
});
