import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { LIFECYCLE_EVIDENCE, lifecycleCalls } from './support/lifecycle-reports';

export const openSettingWithoutTap = createRule({
  meta: {
    id: 'open-setting-without-tap',
    defaultSeverity: 'error',
    title: text('wx.openSetting outside a tap', '在点击之外调用 wx.openSetting'),
    description: text(
      'Since base library 2.3.0, wx.openSetting only opens the settings page after the user taps something; called from lifecycle code it does nothing.',
      '自基础库 2.3.0 起，wx.openSetting 只能在用户发生点击行为后调用；在生命周期代码中调用不会打开设置页。',
    ),
    howToFix: text(
      'Use `<button open-type="openSetting">`, or call wx.openSetting from a bindtap handler.',
      '使用 `<button open-type="openSetting">`，或在 bindtap 处理函数中调用 wx.openSetting。',
    ),
    references: [REFERENCES.openSetting, REFERENCES.openSettingNotice, REFERENCES.button],
    messages: {
      lifecycleCall: {
        en: 'wx.openSetting runs from {{where}}, not from a tap, so it will not open.',
        'zh-cn': 'wx.openSetting 在 {{where}} 中执行而非点击触发，因此不会打开设置页。',
      },
    },
    evidence: { lifecycleCall: LIFECYCLE_EVIDENCE },
  },
  check(context) {
    const calls = lifecycleCalls(context, (api) => api === 'openSetting');
    for (const { range, related, where, evidence } of calls)
      context.report({ messageId: 'lifecycleCall', data: { where, ...evidence }, range, related });
  },
});
