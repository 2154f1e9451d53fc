import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { hasPrivacyHandling, popupComponents, privacyUses } from '../analysis';
import { findJsonNode } from '../parse';
import { defineFix, scaffoldPrivacyPopup, setSetting, settingEditable, settingScope } from '../fixes';
import { settingPropertyRange } from '../model';
import type { AppSettings } from '../model';

const removeUsePrivacyCheck = defineFix({
  title: text('Remove __usePrivacyCheck__', '删除 __usePrivacyCheck__'),
  automatic: true,
  offer(settings: AppSettings) {
    if (!settingEditable(settings, ['__usePrivacyCheck__'])) return undefined;
    return {
      build: () => ({
        edits: setSetting(settings, ['__usePrivacyCheck__'], undefined),
        creations: [],
        scope: [settingScope(settings, ['__usePrivacyCheck__'])],
      }),
    };
  },
});

const NO_CONSENT_FLOW = {
  en: 'The app uses privacy interfaces ({{interfaces}}) but has no privacy-consent flow of its own; WeChat will show its fallback popup.',
  'zh-cn': '应用使用了隐私接口（{{interfaces}}），但没有自己的隐私同意流程；微信会弹出官方兜底弹窗。',
} as const;

export const privacyAuthorizationFlow = createRule({
  meta: {
    id: 'privacy-authorization-flow',
    defaultSeverity: 'info',
    title: text('No handling of the privacy-guideline consent', '未处理用户隐私保护指引的同意流程'),
    description: text(
      'Since 2023-10-17 WeChat checks, on every call of a privacy interface, that the user has agreed to the mini program\'s privacy guideline. Without a custom flow (wx.onNeedPrivacyAuthorization, a button with open-type="agreePrivacyAuthorization", or wx.requirePrivacyAuthorize) WeChat shows its own fallback popup, so this is information: a custom popup lets you explain in your own words and at the right moment.',
      '自 2023-10-17 起，每次调用隐私接口时微信都会检查用户是否已同意小程序的用户隐私保护指引。如果没有自定义流程（wx.onNeedPrivacyAuthorization、open-type="agreePrivacyAuthorization" 按钮或 wx.requirePrivacyAuthorize），微信会弹出官方兜底弹窗，因此这里仅作提示：自定义弹窗可以用自己的话、在合适的时机说明。',
    ),
    howToFix: text(
      'Add a privacy popup component that listens with wx.onNeedPrivacyAuthorization and offers an agree button (open-type="agreePrivacyAuthorization"), and mount it on the pages that use privacy interfaces.',
      '添加隐私弹窗组件：用 wx.onNeedPrivacyAuthorization 监听，并提供同意按钮（open-type="agreePrivacyAuthorization"），挂载到使用隐私接口的页面上。',
    ),
    references: [REFERENCES.officialPrivacyPopup, REFERENCES.onNeedPrivacyAuthorization, REFERENCES.privacyInterfaces],
    messages: {
      obsoleteKey: {
        en: '__usePrivacyCheck__ is obsolete: the privacy checks are always on since 2023-10-17.',
        'zh-cn': '__usePrivacyCheck__ 已过时：自 2023-10-17 起隐私检查始终开启。',
      },
      noConsentFlow: NO_CONSENT_FLOW,
      // <input type="nickname"> is not covered by the official popup: unagreed, it silently becomes a plain text input.
      noConsentFlowNickname: { ...NO_CONSENT_FLOW, severity: 'warning' },
    },
    evidence: {
      obsoleteKey: {
        en: 'The key only switched the checks on during the 2023 trial period.',
        'zh-cn': '该字段只在 2023 年的过渡期内用于开启检查。',
      },
      noConsentFlow: {
        en: 'No wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize or open-type="agreePrivacyAuthorization" anywhere in the project.',
        'zh-cn':
          '项目中没有 wx.onNeedPrivacyAuthorization、wx.requirePrivacyAuthorize 或 open-type="agreePrivacyAuthorization"。',
      },
      noConsentFlowNickname: {
        en: 'No wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize or open-type="agreePrivacyAuthorization" anywhere in the project, and <input type="nickname"> gets no official popup: until the user agrees it works as a plain text input.',
        'zh-cn':
          '项目中没有 wx.onNeedPrivacyAuthorization、wx.requirePrivacyAuthorize 或 open-type="agreePrivacyAuthorization"；而 <input type="nickname"> 没有官方弹窗兜底，用户同意之前它只是普通文本输入框。',
      },
    },
    fixes: { 'remove-use-privacy-check': removeUsePrivacyCheck, 'scaffold-privacy-popup': scaffoldPrivacyPopup },
  },
  check(context) {
    const { model } = context;
    const config = model.app.config;
    // app.json, or manifest.json "mp-weixin" / app.config in a framework project.
    const settings = model.app.settings;
    const obsolete = settingPropertyRange(settings, ['__usePrivacyCheck__']);
    if (obsolete)
      context.report({
        messageId: 'obsoleteKey',
        range: obsolete,
        fixes: [context.fix('remove-use-privacy-check', settings)],
      });
    if (hasPrivacyHandling(model) || popupComponents(model).length) return;
    const uses = privacyUses(model);
    if (!uses.length) return;
    const kinds = [...new Set(uses.map((u) => u.what))];
    // A project-wide finding sits on app.json "pages", which stays put while pages are edited.
    const pagesNode = config && findJsonNode(config, ['pages'])?.parent?.children?.[0];
    const nickname = uses.some((u) => u.what === '<input type="nickname">');
    const interfaces = text(
      `${kinds.slice(0, 4).join(', ')}${kinds.length > 4 ? '…' : ''}`,
      `${kinds.slice(0, 4).join('、')}${kinds.length > 4 ? '…' : ''}`,
    );
    context.report({
      messageId: nickname ? 'noConsentFlowNickname' : 'noConsentFlow',
      data: { interfaces },
      range: pagesNode
        ? { file: model.app.configFile, start: pagesNode.offset, end: pagesNode.offset + pagesNode.length }
        : uses[0].range,
      related: uses
        .slice(0, 5)
        .map((u) => ({ range: u.range, message: text(`${u.what} is used here`, `此处使用了 ${u.what}`) })),
      fixes: [context.fix('scaffold-privacy-popup', { model, uses })],
    });
  },
});
