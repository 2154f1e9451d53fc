import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import type { ApiUse } from '../analysis';
import { authorizeScopes, callRangeOf, platformUsesWhere, LOCATION_SCOPE_OF } from '../analysis';
import { excerpt } from '../text/escape';
import { defineFix, projectLocale, setSetting, settingEditable, settingScope } from '../fixes';
import { settingRange, settingsValue } from '../model';
import type { AppSettings, ProjectModel } from '../model';

/** permission.desc longer than this is rejected by DevTools ("无效的json文件"). */
const MAX_DESC_CHARS = 30;

/** Purpose texts copied from tutorials or left as placeholders: they tell the user nothing. */
const PLACEHOLDER_DESC =
  /效果展示|请点击确定|^(获取|获得)?(你的|您的|用户)?(当前)?(地理)?位置(信息)?$|^位置$|测试|^test|^desc$|^x+$|^todo|^placeholder|^描述$/i;

/** The part of the inserted purpose a person must replace; while it is there, nothing is said yet. */
const UNWRITTEN = { en: '[name the feature]', 'zh-cn': '【请填写功能，如推荐附近门店】' } as const;

/** A purpose sentence for the developer to complete (it must still be edited: it names no real feature). */
const PURPOSE_TO_COMPLETE = {
  // Both stay within the 30-character limit of permission.desc.
  en: `Used to ${UNWRITTEN.en}`,
  'zh-cn': `用于${UNWRITTEN['zh-cn']}`,
} as const;

const addLocationPurpose = defineFix({
  title: { en: 'State the purpose of {{scope}} in {{where}}', 'zh-cn': '在 {{where}} 中说明 {{scope}} 的用途' },
  offer({ model, settings, scope }: { model: ProjectModel; settings: AppSettings; scope: string }) {
    if (!settingEditable(settings, ['permission', scope, 'desc'])) return undefined;
    return {
      data: { scope, where: settings.label },
      build: (locale) => ({
        edits: setSetting(settings, ['permission', scope, 'desc'], PURPOSE_TO_COMPLETE[projectLocale(model, locale)]),
        creations: [],
        scope: [settingScope(settings, ['permission', scope, 'desc'])],
      }),
    };
  },
});

export const locationPurpose = createRule({
  meta: {
    id: 'location-purpose',
    defaultSeverity: 'error',
    title: text(
      'Location used without a purpose in app.json permission',
      '使用位置但未在 app.json permission 中说明用途',
    ),
    description: text(
      'When a mini program asks for scope.userLocation, scope.userLocationBackground or scope.userFuzzyLocation, app.json `permission` must state what the location is used for: since 2019-01-14 versions without it cannot call the location APIs (error), and a `desc` over 30 characters makes DevTools reject app.json (error). An empty or template text ("你的位置信息将用于小程序位置接口的效果展示") tells the user nothing (warning).',
      '小程序申请 scope.userLocation、scope.userLocationBackground 或 scope.userFuzzyLocation 时，必须在 app.json 的 `permission` 中说明位置用途：自 2019-01-14 起缺少用途说明的版本无法正常调用位置接口（错误）；`desc` 超过 30 个字符会被开发者工具判为无效的 app.json（错误）。空白或模板文字（如“你的位置信息将用于小程序位置接口的效果展示”）无法让用户了解用途（警告）。',
    ),
    howToFix: text(
      'Add `"permission": { "scope.userLocation": { "desc": "…" } }` to app.json with the real purpose, e.g. "用于为你推荐附近的门店".',
      '在 app.json 中加入 `"permission": { "scope.userLocation": { "desc": "…" } }`，写明真实用途，例如“用于为你推荐附近的门店”。',
    ),
    references: [REFERENCES.permissionConfig, REFERENCES.authorize, REFERENCES.locationNotice],
    messages: {
      noPurpose: {
        en: 'wx.{{api}} needs {{scope}}, but {{where}} permission does not say what the location is used for, so the call fails.',
        'zh-cn': 'wx.{{api}} 需要 {{scope}}，但 {{where}} 的 permission 没有说明位置用途，调用会失败。',
      },
      tooLong: {
        en: 'The purpose for {{scope}} is {{length}} characters; WeChat allows at most {{max}}, and DevTools rejects {{where}}.',
        'zh-cn': '{{scope}} 的用途说明有 {{length}} 个字符，超过上限 {{max}}，开发者工具会判定 {{where}} 无效。',
      },
      templatePurpose: {
        en: 'The purpose given for {{scope}} ("{{desc}}") does not say what the location is used for.',
        'zh-cn': '{{scope}} 的用途说明（“{{desc}}”）没有说明位置的实际用途。',
        severity: 'warning',
      },
      unwrittenPurpose: {
        en: 'Write the purpose here: the purpose for {{scope}} still holds the inserted placeholder.',
        'zh-cn': '请在此写明用途：{{scope}} 的用途说明仍是插入的占位文字。',
        severity: 'info',
      },
    },
    evidence: {
      noPurpose: {
        en: '{{where}} has no permission["{{scope}}"].desc.',
        'zh-cn': '{{where}} 中没有 permission["{{scope}}"].desc。',
      },
      tooLong: { en: 'permission["{{scope}}"].desc: "{{desc}}"', 'zh-cn': 'permission["{{scope}}"].desc：“{{desc}}”' },
      templatePurpose: {
        en: '"{{desc}}" is empty, too short or template text; WeChat shows it in the location dialog.',
        'zh-cn': '“{{desc}}”为空、过短或是模板文字；微信会在位置授权弹窗中展示它。',
      },
      unwrittenPurpose: {
        en: 'A fix wrote "{{desc}}" for a person to complete; WeChat would show it as it is in the location dialog.',
        'zh-cn': '修复写入了待补充的“{{desc}}”；微信会在位置授权弹窗中原样展示它。',
      },
    },
    fixes: { 'add-location-purpose': addLocationPurpose },
  },
  check(context) {
    const { model } = context;
    // app.json, or where a framework project keeps its settings (manifest.json "mp-weixin", app.config).
    const settings = model.app.settings;
    if (!settings.doc) return;
    const where = settings.label;
    const permission = settingsValue(settings)?.permission as Record<string, { desc?: unknown }> | undefined;
    const firstUseOfScope = new Map<string, ApiUse>();
    // Only the calls that can ask for a location scope (the others add none).
    for (const use of platformUsesWhere(model, (api) => api === 'authorize' || !!LOCATION_SCOPE_OF[api])) {
      const scopes = use.call.api === 'authorize' ? authorizeScopes(model, use) : [LOCATION_SCOPE_OF[use.call.api]];
      for (const scope of scopes) {
        if (
          scope &&
          (scope.startsWith('scope.userLocation') || scope === 'scope.userFuzzyLocation') &&
          !firstUseOfScope.has(scope)
        )
          firstUseOfScope.set(scope, use);
      }
    }
    for (const [scope, use] of firstUseOfScope) {
      const entry = permission && typeof permission === 'object' ? permission[scope] : undefined;
      const desc = typeof entry?.desc === 'string' ? entry.desc.trim() : undefined;
      const descRange = () => settingRange(settings, ['permission', scope, 'desc']) ?? callRangeOf(use);
      if (desc === undefined) {
        const fix = context.fix('add-location-purpose', { model: context.model, settings, scope });
        context.report({
          messageId: 'noPurpose',
          data: { api: use.call.api, scope, where },
          range: callRangeOf(use),
          fixes: [fix],
        });
      } else if ([...desc].length > MAX_DESC_CHARS) {
        context.report({
          messageId: 'tooLong',
          data: { scope, length: [...desc].length, max: MAX_DESC_CHARS, desc: excerpt(desc), where },
          range: descRange(),
        });
      } else if (desc.includes(UNWRITTEN.en) || desc.includes(UNWRITTEN['zh-cn'])) {
        context.report({ messageId: 'unwrittenPurpose', data: { scope, desc }, range: descRange() });
      } else if (!desc || desc.length < 4 || PLACEHOLDER_DESC.test(desc)) {
        const fix = context.fix('add-location-purpose', { model: context.model, settings, scope });
        context.report({
          messageId: 'templatePurpose',
          data: { scope, desc },
          range: descRange(),
          related: [
            {
              range: callRangeOf(use),
              message: text(`wx.${use.call.api} asks for ${scope}`, `wx.${use.call.api} 申请 ${scope}`),
            },
          ],
          fixes: [fix],
        });
      }
    }
  },
});
