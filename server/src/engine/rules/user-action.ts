import type { RuleContext, RuleModule } from './rule';
import type { LocalizedText } from '../types';
import { text } from '../types';
import { REFERENCES } from './references';
import type { ReachedFromEntry } from '../analysis';
import { firstSite, privacyKindOfApi, authorizeScope, groupByRoot, runCondition } from '../analysis';
import { callRange, chainEvidence, chainProse, originEvidence, originsProse } from './report-helpers';

function ownerName(context: RuleContext, found: ReachedFromEntry): string {
  const owner = found.entry.owner;
  if (owner === 'app') return context.model.relative(found.entry.ref.script.file);
  return owner.kind === 'page' ? owner.route : context.model.relative(owner.base);
}

/**
 * Reports calls that lifecycle code reaches, once per root (analysis/roots.ts): at the lifecycle's own call
 * when one page reaches it, at the shared helper when several do (each page then a related location).
 */
function reportFromLifecycle(
  context: RuleContext,
  accept: (found: ReachedFromEntry) => boolean,
  describe: (found: ReachedFromEntry, where: LocalizedText) => { message: LocalizedText; severity?: 'error' | 'warning' | 'info' },
): void {
  // After the user confirmed a dialog ("use your location?"), the call answers the user's choice.
  const accepted = context.entries.platformCalls(() => true, 'lifecycle').filter((found) => accept(found) && runCondition(found.reached).kind !== 'user-choice');
  const whereOf = (found: ReachedFromEntry) => `${ownerName(context, found)} ${found.entry.name}`;
  const groups = groupByRoot(context.model, accepted, (found) => found.entry.ref, (found) => found.reached, whereOf);
  const seen = new Set<string>();
  for (const group of groups) {
    const found = group.members.find((m) => m.entry.onLaunchPath) ?? group.members[0];
    const range = callRange(group.site.script, group.site);
    const key = `${range.file}:${range.start}:${found.reached.call.kind === 'platform' ? found.reached.call.api : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const origins = [...new Set(group.members.map(whereOf))];
    const where = group.shared ? originsProse(origins) : text(whereOf(found), whereOf(found));
    const { message, severity } = describe(found, where);
    const timer = [...found.reached.chain.map((h) => h.call.site), found.reached.call.site].some((s) => s.context.timer);
    const onLaunchPath = group.members.some((m) => m.entry.onLaunchPath);
    context.report({
      range,
      severity,
      message,
      evidence: text(
        `${whereOf(found)} calls ${chainProse(found.reached)}${timer ? ' (in a timer)' : ''}${group.shared ? `, and so do ${origins.length - 1} more` : ''}: this runs without the user asking for it${onLaunchPath ? ', before they have seen any content' : ''}.`,
        `${whereOf(found)} 调用了 ${chainProse(found.reached)}${timer ? '（在定时器中）' : ''}${group.shared ? `，另有 ${origins.length - 1} 处同样调用` : ''}：这段代码不经用户操作就会执行${onLaunchPath ? '，而且发生在用户看到任何内容之前' : ''}。`,
      ),
      related: group.shared ? originEvidence(group.members, (m) => m.reached, whereOf) : chainEvidence(context.model, found.reached),
      fixes: [],
    });
  }
}

const OWN_RULE_APIS = new Set(['getClipboardData', 'setClipboardData', 'openSetting', 'requestSubscribeMessage', 'getUserProfile', 'getUserInfo']);

export const privacyApiWithoutUserAction: RuleModule = {
  meta: {
    id: 'privacy-api-without-user-action',
    defaultSeverity: 'warning',
    title: text('Personal information requested without a user action', '未经用户操作即申请个人信息'),
    description: text(
      'WeChat forbids asking for permissions or collecting personal information before the user has triggered a feature that needs it (Platform Operation Rules §15). wx.authorize and privacy interfaces (location, address, photos, microphone…) called from onLaunch, onLoad/onShow, component lifecycles or timers ask before the user did anything. On the launch path this is reported as a warning; on other pages as info.',
      '微信禁止在用户未触发需要相关权限或个人信息的功能时，提前申请权限或收集个人信息（《微信小程序平台运营管理规范》§15）。在 onLaunch、onLoad/onShow、组件生命周期或定时器中调用 wx.authorize 和隐私接口（位置、地址、相册、麦克风等），就是在用户还没有任何操作时申请。启动路径上报告为警告，其他页面报告为提示。',
    ),
    howToFix: text('Call the API from the tap handler of the feature that needs it (e.g. "use my location"), and explain why before asking.', '在需要该能力的功能的点击处理函数中调用（例如“使用我的位置”），并在申请前说明原因。'),
    references: [REFERENCES.operationRulesPrivacy, REFERENCES.authorize, REFERENCES.privacyInterfaces],
    fixKinds: [],
  },
  check(context) {
    reportFromLifecycle(
      context,
      ({ reached }) => {
        const call = reached.call;
        if (call.kind !== 'platform' || OWN_RULE_APIS.has(call.api)) return false;
        if (call.api === 'authorize') {
          const scope = authorizeScope(call.argumentText);
          return scope !== 'scope.userInfo'; // scope.userInfo no longer shows a dialog; deprecated-user-info-api covers it
        }
        return !!privacyKindOfApi(call.api) && call.api !== 'onLocationChange';
      },
      (found, where) => {
        const call = found.reached.call as { api: string; argumentText: string };
        const what = call.api === 'authorize' ? `wx.authorize(${authorizeScope(call.argumentText) ?? '…'})` : `wx.${call.api}`;
        return {
          severity: found.entry.onLaunchPath ? 'warning' : 'info',
          message: text(`${what} runs from ${where.en}, before the user asked for the feature.`, `${what} 在 ${where['zh-cn']} 中执行，用户尚未使用相关功能。`),
        };
      },
    );
  },
};

export const openSettingWithoutTap: RuleModule = {
  meta: {
    id: 'open-setting-without-tap',
    defaultSeverity: 'error',
    title: text('wx.openSetting outside a tap', '在点击之外调用 wx.openSetting'),
    description: text(
      'Since base library 2.3.0, wx.openSetting only opens the settings page after the user taps something; called from lifecycle code it does nothing.',
      '自基础库 2.3.0 起，wx.openSetting 只能在用户发生点击行为后调用；在生命周期代码中调用不会打开设置页。',
    ),
    howToFix: text('Use `<button open-type="openSetting">`, or call wx.openSetting from a bindtap handler.', '使用 `<button open-type="openSetting">`，或在 bindtap 处理函数中调用 wx.openSetting。'),
    references: [REFERENCES.openSetting, REFERENCES.openSettingNotice, REFERENCES.button],
    fixKinds: [],
  },
  check(context) {
    reportFromLifecycle(
      context,
      ({ reached }) => reached.call.kind === 'platform' && reached.call.api === 'openSetting',
      (_found, where) => ({ message: text(`wx.openSetting runs from ${where.en}, not from a tap, so it will not open.`, `wx.openSetting 在 ${where['zh-cn']} 中执行而非点击触发，因此不会打开设置页。`) }),
    );
  },
};

export const clipboardWithoutUserAction: RuleModule = {
  meta: {
    id: 'clipboard-without-user-action',
    defaultSeverity: 'warning',
    title: text('Clipboard read without a user action', '未经用户操作读取剪贴板'),
    description: text(
      'The clipboard is a privacy interface ("读取你的剪切板") that must be declared in the privacy guideline. Reading it from onLaunch/onShow, a page lifecycle or a polling timer collects whatever the user copied elsewhere, without them asking for anything (Platform Operation Rules §15).',
      '剪贴板属于隐私接口（“读取你的剪切板”），必须在用户隐私保护指引中声明。在 onLaunch/onShow、页面生命周期或轮询定时器中读取剪贴板，会在用户没有任何请求时收集其在别处复制的内容（《微信小程序平台运营管理规范》§15）。',
    ),
    howToFix: text('Read the clipboard only when the user taps a "paste" control.', '只在用户点击“粘贴”等操作时读取剪贴板。'),
    references: [REFERENCES.getClipboardData, REFERENCES.privacyInterfaces, REFERENCES.privacyGuide],
    fixKinds: [],
  },
  check(context) {
    reportFromLifecycle(
      context,
      ({ reached }) => reached.call.kind === 'platform' && reached.call.api === 'getClipboardData',
      (_found, where) => ({ message: text(`wx.getClipboardData reads the clipboard from ${where.en}, without a user action.`, `wx.getClipboardData 在 ${where['zh-cn']} 中读取剪贴板，未经用户操作。`) }),
    );
  },
};
