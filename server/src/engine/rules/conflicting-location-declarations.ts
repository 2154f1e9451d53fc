import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { PRECISE_LOCATION_APIS, declaredPrivateInfos } from '../analysis';

export const conflictingLocationDeclarations = createRule({
  meta: {
    id: 'conflicting-location-declarations',
    defaultSeverity: 'error',
    title: text('Fuzzy and precise location declared together', '模糊位置与精确位置接口同时声明'),
    description: text(
      '`getFuzzyLocation` cannot be declared in requiredPrivateInfos together with getLocation, onLocationChange, startLocationUpdate or startLocationUpdateBackground; WeChat DevTools refuses to compile ("互斥").',
      '`getFuzzyLocation` 不能与 getLocation、onLocationChange、startLocationUpdate、startLocationUpdateBackground 同时在 requiredPrivateInfos 中声明，微信开发者工具会报错“互斥”并拒绝编译。',
    ),
    howToFix: text(
      'Keep either the fuzzy or the precise location APIs, whichever the features need, and remove the other declarations.',
      '根据功能需要，只保留模糊位置或精确位置接口之一，删除另一类的声明。',
    ),
    references: [REFERENCES.locationChangeNotice, REFERENCES.getFuzzyLocation],
    messages: {
      conflict: {
        en: 'getFuzzyLocation cannot be declared together with {{precise}}.',
        'zh-cn': 'getFuzzyLocation 不能与 {{precise}} 同时声明。',
      },
    },
    evidence: {
      conflict: {
        en: 'requiredPrivateInfos lists both the fuzzy and a precise location API; DevTools rejects this at compile time.',
        'zh-cn': 'requiredPrivateInfos 同时列出了模糊位置和精确位置接口；开发者工具会在编译时报错。',
      },
    },
  },
  check(context) {
    const { entries } = declaredPrivateInfos(context.model);
    const fuzzy = entries.find((e) => e.api === 'getFuzzyLocation');
    const precise = entries.filter((e) => PRECISE_LOCATION_APIS.includes(e.api));
    if (!fuzzy || !precise.length) return;
    context.report({
      messageId: 'conflict',
      data: { precise: text(precise.map((p) => p.api).join(', '), precise.map((p) => p.api).join('、')) },
      range: fuzzy.range,
      related: precise.map((p) => ({
        range: p.range,
        message: text(`precise location API ${p.api}`, `精确位置接口 ${p.api}`),
      })),
    });
  },
});
