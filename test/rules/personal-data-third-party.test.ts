import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, content, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const requests = (extra: string) =>
  contentPage(
    INDEX,
    `  load() { wx.request({ url: 'https://api.shop.com/a' }); wx.request({ url: 'https://api.shop.com/b' }); },\n${extra}`,
  );

runRuleTests('personal-data-third-party', {
  valid: [
    {
      name: 'phone sent to the own API',
      files: {
        ...appJson([INDEX]),
        ...requests("  send(p) { wx.request({ url: 'https://api.shop.com/phone', data: { phone: p } }); },"),
      },
    },
    {
      name: 'third-party host without personal data',
      files: {
        ...appJson([INDEX]),
        ...requests("  weather() { wx.request({ url: 'https://weather.example.net/today', data: { city: 'sh' } }); },"),
      },
    },
    {
      name: 'a configured partner host',
      files: {
        ...appJson([INDEX]),
        'mp-privacy.config.json': '{ "apiHosts": ["api.shop.com", "delivery.partner.cn"] }',
        ...requests("  ship(a) { wx.request({ url: 'https://delivery.partner.cn/order', data: { address: a } }); },"),
      },
    },
  ],
  invalid: [
    {
      name: 'location to an analytics host',
      files: {
        ...appJson([INDEX]),
        ...requests(
          "  track(l) { wx.request({ url: 'https://stats.tracker.io/e', data: { latitude: l.latitude, longitude: l.longitude } }); },",
        ),
      },
      errors: [{ file: `${INDEX}.js`, at: "wx.request({ url: 'https://stats.tracker.io/e'" }],
    },
    {
      name: 'phone uploaded elsewhere',
      files: {
        ...appJson([INDEX]),
        ...requests("  up(p) { wx.uploadFile({ url: 'https://cdn.other.com/up', formData: { mobile: p } }); },"),
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.uploadFile(' }],
    },
    {
      name: 'configured hosts exclude the most used one',
      files: {
        ...appJson([INDEX]),
        'mp-privacy.config.json': '{ "apiHosts": ["own.example.com"] }',
        ...requests(''),
        [`${INDEX}.js`]: "Page({ s(p) { wx.request({ url: 'https://api.shop.com/x', data: { phone: p } }); } })",
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.request(' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
const OWN_REQUESTS = "wx.request({ url: 'https://api.shop.com/a' });\nwx.request({ url: 'https://api.shop.com/b' });";
const sending = (request: string) =>
  withStores({
    template: '<view>\n  <text>门店列表</text>\n  <button bindtap="send">提交</button>\n</view>',
    lifecycles: { onLoad: OWN_REQUESTS },
    methods: { send: request },
  });
runRuleTestsInForms('personal-data-third-party', {
  valid: [
    {
      name: 'phone sent to the own API',
      project: sending("wx.request({ url: 'https://api.shop.com/phone', data: { phone: e.detail.value } });"),
    },
    { name: 'no personal data anywhere', project: { pages: { [STORES]: content } } },
  ],
  invalid: [
    {
      name: 'location sent to an analytics host',
      project: sending(
        "wx.request({ url: 'https://stats.tracker.io/e', data: { latitude: e.detail.latitude, longitude: e.detail.longitude } });",
      ),
      errors: [{ page: STORES, part: 'script', at: "wx.request({ url: 'https://stats.tracker.io/e'" }],
    },
  ],
});
