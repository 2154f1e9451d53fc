import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { appCallSites } from './support/report-helpers';
import type { ApiUse } from '../analysis';
import { PRECISE_LOCATION_APIS, REQUIRED_PRIVATE_INFOS, declaredPrivateInfos, platformUsesWhere } from '../analysis';
import { defineFix, setSetting, settingEditable, settingScope } from '../fixes';
import { closestName } from '../text/closest';
import type { DeclaredInfo } from '../analysis';
import type { AppSettings } from '../model';

function conflictsWith(api: string, declared: string[]): boolean {
  if (api === 'getFuzzyLocation') return declared.some((d) => PRECISE_LOCATION_APIS.includes(d));
  return PRECISE_LOCATION_APIS.includes(api) && declared.includes('getFuzzyLocation');
}

/** The first use of each API, in file order (one finding per file and API keeps the Problems panel readable). */
function usesByApi(uses: ApiUse[]): Map<string, ApiUse[]> {
  const byApi = new Map<string, ApiUse[]>();
  for (const use of uses) {
    const list = byApi.get(use.call.api) ?? [];
    list.push(use);
    byApi.set(use.call.api, list);
  }
  return byApi;
}

const declarePrivateInfo = defineFix({
  title: {
    en: 'Declare {{api}} in {{where}} requiredPrivateInfos',
    'zh-cn': '在 {{where}} 的 requiredPrivateInfos 中声明 {{api}}',
  },
  offer({
    settings,
    api,
    listed,
    declaredApis,
    misspelt,
  }: {
    settings: AppSettings;
    api: string;
    listed: boolean;
    declaredApis: string[];
    misspelt?: DeclaredInfo;
  }) {
    if (!settingEditable(settings, ['requiredPrivateInfos'])) return undefined;
    // A misspelling of this API already in the list ("getLoaction") is corrected, not left beside the right name.
    const correct = misspelt && {
      file: misspelt.range.file,
      start: misspelt.range.start,
      end: misspelt.range.end,
      newText: JSON.stringify(api),
    };
    return {
      data: { api, where: settings.label },
      // Adding a precise API next to getFuzzyLocation (or the reverse) would not compile: leave that to a person.
      automatic: !conflictsWith(api, declaredApis),
      build: () => ({
        edits: correct
          ? [correct]
          : listed
            ? setSetting(settings, ['requiredPrivateInfos'], api, -1)
            : setSetting(settings, ['requiredPrivateInfos'], [api]),
        creations: [],
        scope: [
          listed
            ? settingScope(settings, ['requiredPrivateInfos'], -1)
            : settingScope(settings, ['requiredPrivateInfos']),
        ],
      }),
    };
  },
});

const UNDECLARED = {
  en: 'wx.{{api}} is not declared in {{where}} requiredPrivateInfos, so the call fails.',
  'zh-cn': 'wx.{{api}} 未在 {{where}} 的 requiredPrivateInfos 中声明，调用会失败。',
} as const;

export const undeclaredPrivateInfo = createRule({
  meta: {
    id: 'undeclared-private-info',
    defaultSeverity: 'error',
    title: text('Location API not declared in requiredPrivateInfos', '位置接口未在 requiredPrivateInfos 中声明'),
    description: text(
      'Since 2022-07-14, a mini program must list each of getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate, startLocationUpdateBackground, chooseLocation, choosePoi and chooseAddress that it uses in app.json `requiredPrivateInfos`; otherwise the call fails with "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json".',
      '自 2022-07-14 起，小程序使用 getFuzzyLocation、getLocation、onLocationChange、startLocationUpdate、startLocationUpdateBackground、chooseLocation、choosePoi、chooseAddress 中的任何一个，都必须在 app.json 的 `requiredPrivateInfos` 中声明，否则调用会失败并提示 “the api need to be declared in the requiredPrivateInfos field in app.json/ext.json”。',
    ),
    howToFix: text(
      'Add the API to `requiredPrivateInfos` in app.json (and apply for it under 开发管理-接口设置 in the admin console).',
      '在 app.json 的 `requiredPrivateInfos` 中加入该接口（并在小程序后台“开发管理-接口设置”中申请开通）。',
    ),
    references: [REFERENCES.requiredPrivateInfos, REFERENCES.locationChangeNotice],
    messages: { notListed: UNDECLARED, noList: UNDECLARED },
    evidence: {
      notListed: {
        en: '{{where}} requiredPrivateInfos lists {{listed}}, not {{api}}.',
        'zh-cn': '{{where}} 的 requiredPrivateInfos 只列出了 {{listed}}，没有 {{api}}。',
      },
      noList: {
        en: '{{where}} has no requiredPrivateInfos field.',
        'zh-cn': '{{where}} 中没有 requiredPrivateInfos 字段。',
      },
    },
    fixes: { 'declare-private-info': declarePrivateInfo },
  },
  check(context) {
    const { model } = context;
    const declared = declaredPrivateInfos(model);
    const declaredApis = new Set([...declared.entries.map((e) => e.api), ...declared.extra]);
    const listed = text(
      declared.entries.map((e) => e.api).join(', ') || 'nothing',
      declared.entries.map((e) => e.api).join('、') || '空列表',
    );
    const uses = platformUsesWhere(model, (api) => REQUIRED_PRIVATE_INFOS.includes(api) && !declaredApis.has(api));
    for (const [api, list] of usesByApi(uses)) {
      const seen = new Set<string>();
      for (const use of list) {
        // A call inside a bundled SDK is reported where the app calls the SDK.
        for (const range of appCallSites(context, use)) {
          if (seen.has(range.file)) continue;
          seen.add(range.file);
          const misspelt = declared.entries.find(
            (entry) =>
              !REQUIRED_PRIVATE_INFOS.includes(entry.api) && closestName(entry.api, REQUIRED_PRIVATE_INFOS) === api,
          );
          // app.json, or where a framework project keeps it: manifest.json "mp-weixin", app.config.
          const settings = model.app.settings;
          const where = settings.label;
          const fix = context.fix('declare-private-info', {
            settings,
            api,
            listed: declared.present,
            declaredApis: [...declaredApis],
            misspelt,
          });
          if (declared.present)
            context.report({ messageId: 'notListed', data: { api, listed, where }, range, fixes: [fix] });
          else context.report({ messageId: 'noList', data: { api, where }, range, fixes: [fix] });
        }
      }
    }
  },
});
