import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const listPage = (wxml: string, js = 'Page({})') => page(INDEX, `<view wx:for="{{a}}">{{item}}</view>${wxml}`, js);

runRuleTests('unreadable-file', {
  valid: [
    { name: 'every file parses', files: { ...appJson([INDEX]), ...contentPage(INDEX) } },
    {
      name: 'app.json with comments and a trailing comma, as DevTools accepts',
      files: { 'app.json': '{\n  // the pages\n  "pages": ["pages/index/index"],\n}\n', ...contentPage(INDEX) },
    },
    {
      name: 'a valid mp-privacy.config.json',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX),
        'mp-privacy.config.json': '{ "rules": { "phone-on-entry": "warning" } }',
      },
    },
  ],
  invalid: [
    {
      name: 'app.json does not parse (warning: pages may be unknown)',
      files: { 'app.json': '{ "pages": ["pages/index/index"] }x', ...contentPage(INDEX) },
      errors: [{ file: 'app.json', at: 'x', severity: 'warning' }],
    },
    {
      name: 'a WXML element that is never closed',
      files: { ...appJson([INDEX]), ...listPage('<view class="card">') },
      errors: [{ file: `${INDEX}.wxml`, at: '<view class="card">', severity: 'info' }],
    },
    {
      name: 'a binary file with a script extension',
      files: { ...appJson([INDEX]), ...listPage('', '\u0000\u0001PNG\u0000\u0000binary') },
      errors: [{ file: `${INDEX}.js`, at: '', severity: 'info' }],
    },
    {
      name: 'an invalid entry in mp-privacy.config.json (warning)',
      files: {
        ...appJson([INDEX]),
        ...contentPage(INDEX),
        'mp-privacy.config.json': '{ "rules": { "phone-on-entry": "loud" } }',
      },
      errors: [{ file: 'mp-privacy.config.json', at: '', severity: 'warning' }],
    },
  ],
});
