import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { popupComponents } from '../analysis';
import type { PageUnit } from '../model';
import { elementsNamed, findJsonNode } from '../parse';
import { mountPrivacyPopup } from '../fixes';

export const privacyPopupNotMounted = createRule({
  meta: {
    id: 'privacy-popup-not-mounted',
    defaultSeverity: 'warning',
    title: text('Privacy popup component is never shown', '隐私弹窗组件从未挂载'),
    description: text(
      "A component that implements the privacy-consent popup only works on pages whose template contains it. Registered but never used in any page, it never runs, and users see WeChat's fallback popup (or nothing you designed).",
      '实现隐私同意弹窗的组件只有在页面模板中使用时才会生效。只注册而没有在任何页面中使用，它就不会运行，用户看到的是微信的兜底弹窗。',
    ),
    howToFix: text(
      'Put the component tag in the templates of the pages that use privacy interfaces.',
      '在使用隐私接口的页面模板中加入该组件标签。',
    ),
    references: [REFERENCES.privacyGuide, REFERENCES.onNeedPrivacyAuthorization],
    messages: {
      notMounted: {
        en: 'The privacy popup <{{tag}}> is registered but no page shows it.',
        'zh-cn': '隐私弹窗 <{{tag}}> 已注册，但没有任何页面使用它。',
      },
    },
    evidence: {
      notMounted: {
        en: '{{popup}} handles the privacy consent, but no page or component template contains <{{tag}}>.',
        'zh-cn': '{{popup}} 处理隐私同意流程，但没有任何页面或组件模板包含 <{{tag}}>。',
      },
    },
    fixes: { 'mount-privacy-popup': mountPrivacyPopup },
  },
  check(context) {
    const { model } = context;
    const popups = popupComponents(model);
    if (!popups.length) return;
    const units = [...model.pages, ...model.components()];
    for (const popup of popups) {
      const tags = new Set<string>();
      const registrations: { file: string; json: NonNullable<PageUnit['json']>; tag: string }[] = [];
      const appConfig = model.app.config;
      for (const [owner, json, file] of [
        [undefined, appConfig, model.app.configFile] as const,
        ...units.map((u) => [u, u.json, `${u.base}.json`] as const),
      ]) {
        const using = (json?.value as { usingComponents?: Record<string, unknown> } | undefined)?.usingComponents;
        if (!json || !using) continue;
        for (const tag of Object.keys(using)) {
          const resolved = owner ? owner.components.get(tag) : model.pages[0]?.components.get(tag);
          if (resolved === popup) {
            tags.add(tag);
            registrations.push({ file, json, tag });
          }
        }
      }
      const mounted = units.some(
        (unit) => unit !== popup && unit.wxml && [...tags].some((tag) => elementsNamed(unit.wxml!, tag).length > 0),
      );
      if (mounted || !registrations.length) continue;
      const registration = registrations[0];
      const node = findJsonNode(registration.json, ['usingComponents', registration.tag]);
      const range = node?.parent
        ? { file: registration.file, start: node.parent.offset, end: node.parent.offset + node.parent.length }
        : { file: registration.file, start: 0, end: 0 };
      context.report({
        messageId: 'notMounted',
        data: { tag: registration.tag, popup: model.relative(popup.base) },
        range,
        fixes: [context.fix('mount-privacy-popup', { model, tag: registration.tag, registeredIn: registration.file })],
      });
    }
  },
});
