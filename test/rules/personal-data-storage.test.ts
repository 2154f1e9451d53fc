import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, tapPage, withStores, phoneWall } from '../helpers/forms';

const INDEX = 'pages/index/index';

runRuleTests('personal-data-storage', {
  valid: [
    {
      name: 'a token',
      files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('token', 'x'); },") },
    },
    {
      name: 'a one-time phone code',
      files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('phoneCode', 'x'); },") },
    },
    {
      name: 'reading storage',
      files: { ...appJson([INDEX]), ...contentPage(INDEX, "  onLoad() { wx.getStorageSync('phone'); },") },
    },
    {
      name: 'an id that points at an address kept on the server',
      files: { ...appJson([INDEX]), ...contentPage(INDEX, "  pick(id) { wx.setStorageSync('addressId', id); },") },
    },
  ],
  invalid: [
    {
      name: 'the phone number',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX, "  onLoad() { wx.setStorageSync('userPhone', this.data.phone); },"),
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.setStorageSync(' }],
    },
    {
      name: 'a location with setStorage',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX, "  onLoad() { wx.setStorage({ key: 'lastLocation', data: {} }); },"),
      },
      errors: [{ file: `${INDEX}.js`, at: 'wx.setStorage(' }],
    },
    {
      name: 'an ID card number',
      files: { ...appJson([INDEX]), ...contentPage(INDEX, "  save(v) { wx.setStorageSync('idCard', v); },") },
      errors: [{ file: `${INDEX}.js`, at: 'wx.setStorageSync(' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('personal-data-storage', {
  valid: [{ name: 'a one-time code', project: withStores(phoneWall) }],
  invalid: [
    {
      name: 'a phone number kept in storage',
      project: withStores(tapPage("wx.setStorageSync('phone', '13800000000');", '保存')),
      errors: [{ page: STORES, part: 'script', at: 'wx.setStorageSync(' }],
    },
  ],
});
