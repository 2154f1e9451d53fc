import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { LIFECYCLE_EVIDENCE, lifecycleCalls } from './support/lifecycle-reports';

export const clipboardWithoutUserAction = createRule({
  meta: {
    id: 'clipboard-without-user-action',
    defaultSeverity: 'warning',
    title: text('Clipboard read without a user action', '未经用户操作读取剪贴板'),
    description: text(
      'The clipboard is a privacy interface ("读取你的剪切板") that must be declared in the privacy guideline. Reading it from onLaunch/onShow, a page lifecycle or a polling timer collects whatever the user copied elsewhere, without them asking for anything (Platform Operation Rules §15).',
      '剪贴板属于隐私接口（“读取你的剪切板”），必须在用户隐私保护指引中声明。在 onLaunch/onShow、页面生命周期或轮询定时器中读取剪贴板，会在用户没有任何请求时收集其在别处复制的内容（《微信小程序平台运营管理规范》§15）。',
    ),
    howToFix: text(
      'Read the clipboard only when the user taps a "paste" control.',
      '只在用户点击“粘贴”等操作时读取剪贴板。',
    ),
    references: [REFERENCES.getClipboardData, REFERENCES.privacyInterfaces, REFERENCES.privacyGuide],
    messages: {
      lifecycleRead: {
        en: 'wx.getClipboardData reads the clipboard from {{where}}, without a user action.',
        'zh-cn': 'wx.getClipboardData 在 {{where}} 中读取剪贴板，未经用户操作。',
      },
    },
    evidence: { lifecycleRead: LIFECYCLE_EVIDENCE },
  },
  check(context) {
    const calls = lifecycleCalls(context, (api) => api === 'getClipboardData');
    for (const { range, related, where, evidence } of calls)
      context.report({ messageId: 'lifecycleRead', data: { where, ...evidence }, range, related });
  },
});
