/**
 * What the end-to-end scenarios expect to see, taken from the engine itself where it can be (rule titles),
 * so that a reworded title does not break the editor tests. The fixture is test/fixtures/e2e/coffee-checkout:
 * app.js onLaunch wx.reLaunch-es to a login page whose only action is a getPhoneNumber button, and
 * pages/order/confirm has a paying submit button, so the fix moves the phone request there.
 */
import { ruleById } from '../../server/src/engine';

export const FIXTURE = 'coffee-checkout';
export const RULE_ID = 'phone-on-entry';
export const FLAGGED_TEXT = 'wx.reLaunch';
export const EXTENSION_ID = 'mp-privacy.mp-privacy';

const rule = ruleById(RULE_ID);
if (!rule) throw new Error(`the engine has no rule ${RULE_ID}`);

export const RULE_TITLE = rule.meta.title;
export const FIX_TITLE = {
  en: 'Move getPhoneNumber behind the checkout button',
  'zh-cn': '将手机号授权移到结算按钮处',
} as const;
/** package.nls.zh-cn.json's command title, as the zh-cn command palette must show it. */
export const RESTART_COMMAND_TITLE = { en: 'Restart Language Server', 'zh-cn': '重启语言服务器' } as const;
/** After the fix: app.js no longer redirects, the checkout page asks for the phone number. */
export const AFTER_FIX = {
  'app.js': { lacks: 'wx.reLaunch' },
  'pages/order/confirm.wxml': { has: 'getPhoneNumber' },
} as const;
export const CRASH_MESSAGE = { en: /crashed \d+ times/, 'zh-cn': /崩溃了 \d+ 次/ } as const;
