import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { STORES, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';
const ORDER = 'pages/order/order';
const formPage = (attrs: string, js: string) => ({
  ...appJson([INDEX, ORDER]),
  ...contentPage(INDEX),
  ...page(
    ORDER,
    `<form ${attrs} bindsubmit="onSubmit">\n  <input name="remark" />\n  <button form-type="submit">提交</button>\n</form>`,
    js,
  ),
});

runRuleTests('report-submit-formid', {
  valid: [
    {
      name: 'a form without report-submit',
      files: formPage(
        '',
        'Page({ onSubmit(e) { wx.request({ url: "https://api.example.com/remark", data: e.detail.value }); } })',
      ),
    },
    { name: 'report-submit="false"', files: formPage('report-submit="false"', 'Page({ onSubmit(e) {} })') },
    {
      name: 'report-submit on something that is not a form',
      files: { ...appJson([INDEX]), ...page(INDEX, '<view wx:for="{{a}}" report-submit>{{item}}</view>', 'Page({})') },
    },
  ],
  invalid: [
    {
      name: 'formId read and posted (warning)',
      files: formPage(
        'report-submit',
        "Page({ onSubmit(e) { wx.request({ url: 'https://api.example.com/formid', data: { formId: e.detail.formId } }); } })",
      ),
      errors: [{ file: `${ORDER}.wxml`, at: 'report-submit', severity: 'warning' }],
    },
    {
      name: 'formId collected through a helper (warning)',
      files: {
        ...formPage(
          'report-submit="true"',
          "const api = require('../../api');\nPage({ onSubmit(e) { api.saveFormId(e.detail.formId); } })",
        ),
        'api.js':
          "exports.saveFormId = (formId) => wx.request({ url: 'https://api.example.com/formid', data: { formId } });",
      },
      errors: [{ file: `${ORDER}.wxml`, at: 'report-submit="true"', severity: 'warning' }],
    },
    {
      name: 'a leftover attribute (info)',
      files: formPage('report-submit', 'Page({ onSubmit(e) { this.setData({ remark: e.detail.value.remark }); } })'),
      errors: [{ file: `${ORDER}.wxml`, at: 'report-submit', severity: 'info' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('report-submit-formid', {
  valid: [
    {
      name: 'a plain form',
      project: withStores({
        template: '<form bindsubmit="onSubmit">\n  <button form-type="submit">提交</button>\n</form>',
        methods: { onSubmit: 'console.log(e.detail.value);' },
      }),
    },
  ],
  invalid: [
    {
      name: 'a leftover report-submit',
      project: withStores({
        template:
          '<form report-submit="true" bindsubmit="onSubmit">\n  <button form-type="submit">提交</button>\n</form>',
        methods: { onSubmit: 'console.log(e.detail.value);' },
      }),
      errors: [{ page: STORES, part: 'template', at: 'report-submit', severity: 'info' }],
    },
  ],
});
