import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { REQUIRED_PRIVATE_INFOS, declaredPrivateInfos, platformUsesOf } from '../analysis';
import { defineFix, removeSettingArrayElement, settingEditable, settingScope } from '../fixes';
import type { DeclaredInfo } from '../analysis';
import type { AppSettings } from '../model';

// Not automatic: a plugin or web-view bridge may call it where mp-privacy cannot see.
const removePrivateInfo = defineFix({
  title: { en: 'Remove {{api}} from requiredPrivateInfos', 'zh-cn': '从 requiredPrivateInfos 中删除 {{api}}' },
  offer({ settings, entry }: { settings: AppSettings; entry: DeclaredInfo }) {
    if (!settingEditable(settings, ['requiredPrivateInfos'])) return undefined;
    return {
      data: { api: entry.api },
      build: () => ({
        edits: removeSettingArrayElement(settings, ['requiredPrivateInfos'], entry.index),
        creations: [],
        scope: [settingScope(settings, ['requiredPrivateInfos'], entry.index)],
      }),
    };
  },
});

export const unusedPrivateInfoDeclaration = createRule({
  meta: {
    id: 'unused-private-info-declaration',
    defaultSeverity: 'info',
    title: text('Declared private info API is never used', '声明的隐私接口从未使用'),
    description: text(
      'Every API in requiredPrivateInfos must also be approved in the admin console and appears in what users are told the mini program collects. Declaring one the code never calls asks for more than the app uses.',
      'requiredPrivateInfos 中的每个接口都需要在后台申请，并会出现在向用户说明的收集范围中。声明代码从未调用的接口，等于申请了超出实际需要的权限。',
    ),
    howToFix: text(
      'Remove the entry, or keep it if the API is called from code mp-privacy cannot see (a plugin, a web-view bridge).',
      '删除该声明；如果该接口在 mp-privacy 看不到的代码中使用（插件、web-view 桥接），可以保留。',
    ),
    references: [REFERENCES.requiredPrivateInfos],
    messages: {
      unused: {
        en: 'requiredPrivateInfos declares {{api}}, but no code calls wx.{{api}}.',
        'zh-cn': 'requiredPrivateInfos 声明了 {{api}}，但没有代码调用 wx.{{api}}。',
      },
    },
    evidence: {
      unused: {
        en: 'No call of wx.{{api}} in the app, its pages, components or the modules they import.',
        'zh-cn': '在 app、页面、组件及其引用的模块中没有 wx.{{api}} 调用。',
      },
    },
    fixes: { 'remove-private-info': removePrivateInfo },
  },
  check(context) {
    const { model } = context;
    // app.json, or manifest.json "mp-weixin" / app.config in a framework project.
    const settings = model.app.settings;
    for (const entry of declaredPrivateInfos(model).entries) {
      if (!REQUIRED_PRIVATE_INFOS.includes(entry.api) || platformUsesOf(model, entry.api).length) continue;
      context.report({
        messageId: 'unused',
        data: { api: entry.api },
        range: entry.range,
        fixes: [context.fix('remove-private-info', { settings, entry })],
      });
    }
  },
});
