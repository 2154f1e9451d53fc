import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { authorizeScope, privacyKindOfApi } from '../analysis';
import { LIFECYCLE_EVIDENCE, lifecycleCalls } from './support/lifecycle-reports';

/** Privacy APIs whose lifecycle calls another rule reports, with its own message and severity (checked by a test). */
export const LEFT_TO_OTHER_RULES: Readonly<Record<string, string>> = {
  getClipboardData: 'clipboard-without-user-action',
  openSetting: 'open-setting-without-tap',
  requestSubscribeMessage: 'subscribe-message-without-tap',
  getUserProfile: 'deprecated-user-info-api',
  getUserInfo: 'deprecated-user-info-api',
};
/** Writing the clipboard collects nothing. */
const NOT_COLLECTING = new Set(['setClipboardData']);

const RUNS_BEFORE_ASKED = {
  en: '{{what}} runs from {{where}}, before the user asked for the feature.',
  'zh-cn': '{{what}} 在 {{where}} 中执行，用户尚未使用相关功能。',
} as const;

export const privacyApiWithoutUserAction = createRule({
  meta: {
    id: 'privacy-api-without-user-action',
    defaultSeverity: 'warning',
    title: text('Personal information requested without a user action', '未经用户操作即申请个人信息'),
    description: text(
      'WeChat forbids asking for permissions or collecting personal information before the user has triggered a feature that needs it (Platform Operation Rules §15). wx.authorize and privacy interfaces (location, address, photos, microphone…) called from onLaunch, onLoad/onShow, component lifecycles or timers ask before the user did anything. On the launch path this is reported as a warning; on other pages as info.',
      '微信禁止在用户未触发需要相关权限或个人信息的功能时，提前申请权限或收集个人信息（《微信小程序平台运营管理规范》§15）。在 onLaunch、onLoad/onShow、组件生命周期或定时器中调用 wx.authorize 和隐私接口（位置、地址、相册、麦克风等），就是在用户还没有任何操作时申请。启动路径上报告为警告，其他页面报告为提示。',
    ),
    howToFix: text(
      'Call the API from the tap handler of the feature that needs it (e.g. "use my location"), and explain why before asking.',
      '在需要该能力的功能的点击处理函数中调用（例如“使用我的位置”），并在申请前说明原因。',
    ),
    references: [REFERENCES.operationRulesPrivacy, REFERENCES.authorize, REFERENCES.privacyInterfaces],
    messages: {
      onLaunchPath: RUNS_BEFORE_ASKED,
      // Off the launch path the user has at least seen content first.
      offLaunchPath: { ...RUNS_BEFORE_ASKED, severity: 'info' },
    },
    evidence: { onLaunchPath: LIFECYCLE_EVIDENCE, offLaunchPath: LIFECYCLE_EVIDENCE },
  },
  check(context) {
    const calls = lifecycleCalls(
      context,
      (api) =>
        !(api in LEFT_TO_OTHER_RULES) &&
        !NOT_COLLECTING.has(api) &&
        (api === 'authorize' || (!!privacyKindOfApi(api) && api !== 'onLocationChange')),
      // scope.userInfo no longer shows a dialog; deprecated-user-info-api covers it
      ({ reached }) =>
        reached.call.kind !== 'platform' ||
        reached.call.api !== 'authorize' ||
        authorizeScope(reached.call.argumentText) !== 'scope.userInfo',
    );
    for (const { found, range, related, where, onLaunchPath, evidence } of calls) {
      const call = found.reached.call as { api: string; argumentText: string };
      const what =
        call.api === 'authorize' ? `wx.authorize(${authorizeScope(call.argumentText) ?? '…'})` : `wx.${call.api}`;
      context.report({
        messageId: onLaunchPath ? 'onLaunchPath' : 'offLaunchPath',
        data: { what, where, ...evidence },
        range,
        related,
      });
    }
  },
});
