import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { platformUsesOf, vocabulary } from '../analysis';
import { appCallSites } from './support/report-helpers';

function quotedKey(argumentText: string): string | undefined {
  return /^\s*['"`]([^'"`]+)['"`]/.exec(argumentText)?.[1] ?? /key\s*:\s*['"`]([^'"`]+)['"`]/.exec(argumentText)?.[1];
}

export const personalDataStorage = createRule({
  meta: {
    id: 'personal-data-storage',
    defaultSeverity: 'info',
    title: text('Personal information kept in local storage', '个人信息保存在本地缓存中'),
    description: text(
      'Local storage (wx.setStorage / wx.setStorageSync) is plain, persistent and kept until the user deletes the mini program. Phone numbers, locations or identity data stored there outlive the purpose they were collected for.',
      '本地缓存（wx.setStorage / wx.setStorageSync）是明文、持久的，直到用户删除小程序才会清除。手机号、位置或身份信息存放在这里，会超出收集时的用途和期限。',
    ),
    howToFix: text(
      'Keep personal data on your server behind the session, or store only what the feature needs and remove it when done.',
      '把个人信息保存在服务器端并通过会话访问；或只保存功能所需的最少数据，并在用完后删除。',
    ),
    references: [REFERENCES.setStorageAsync, REFERENCES.setStorage, REFERENCES.privacyInterfaces],
    messages: {
      stored: {
        en: 'Personal information ("{{key}}") is written to local storage.',
        'zh-cn': '个人信息（“{{key}}”）被写入本地缓存。',
      },
    },
    evidence: {
      stored: {
        en: 'wx.{{api}} stores the key "{{key}}" in {{file}}.',
        'zh-cn': '{{file}} 中的 wx.{{api}} 保存了键“{{key}}”。',
      },
    },
  },
  check(context) {
    for (const use of platformUsesOf(context.model, 'setStorageSync', 'setStorage')) {
      const key = quotedKey(use.call.argumentText);
      // `phoneCode` and friends hold one-time codes for the server to exchange, not the personal data itself.
      // …and `addressId` is a reference to data kept elsewhere.
      if (!key || !vocabulary.PERSONAL_KEY.test(key) || /code|token|captcha|id$|_id\b/i.test(key)) continue;
      const data = { key, api: use.call.api, file: context.model.relative(use.script.file) };
      for (const range of appCallSites(context, use)) context.report({ messageId: 'stored', data, range });
    }
  },
});
