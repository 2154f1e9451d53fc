import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage, page, phoneOnlyPage } from '../helpers/mini-program';

const INDEX = 'pages/index/index';
const LOGIN = 'pages/login/login';
const launch = (line: string) => ({
  ...appJson([INDEX, LOGIN]),
  'app.js': `App({\n  onLaunch() {\n${line}    wx.reLaunch({ url: '/pages/login/login' });\n  },\n});\n`,
  ...contentPage(INDEX),
  ...phoneOnlyPage(LOGIN),
});

runRuleTests('invalid-suppression', {
  valid: [
    {
      name: 'a used suppression with a reason',
      files: launch('    // mp-privacy-disable-next-line phone-on-entry -- kiosk build for staff\n'),
    },
    {
      name: 'several rules with a reason',
      files: launch(
        '    // mp-privacy-disable-next-line phone-on-entry, privacy-api-without-user-action -- kiosk build\n',
      ),
    },
    { name: 'no suppression comments', files: launch('') },
  ],
  invalid: [
    {
      name: 'no reason',
      files: launch('    // mp-privacy-disable-next-line phone-on-entry\n'),
      errors: [{ file: 'app.js', at: '// mp-privacy-disable-next-line phone-on-entry' }],
    },
    {
      name: 'unknown rule',
      files: launch('    // mp-privacy-disable-next-line phone-at-entry -- typo\n'),
      errors: [{ file: 'app.js', at: '// mp-privacy-disable-next-line phone-at-entry' }],
    },
    {
      name: 'nothing to suppress',
      files: {
        ...appJson([INDEX]),
        ...page(
          INDEX,
          '<view wx:for="{{a}}">{{item}}</view>\n<!-- mp-privacy-disable-next-line phone-while-browsing -- old -->\n<view>x</view>',
          'Page({})',
        ),
      },
      errors: [{ file: `${INDEX}.wxml`, at: '<!-- mp-privacy-disable-next-line phone-while-browsing -- old -->' }],
    },
  ],
});
