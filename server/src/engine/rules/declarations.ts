import type { RuleModule } from './rule';
import { text } from '../types';
import { REFERENCES } from './references';
import { ApiUse, declaredPrivateInfos, platformUses, PRECISE_LOCATION_APIS, REQUIRED_PRIVATE_INFOS } from '../analysis';
import { appCallSites } from './report-helpers';
import { jsonEditable, removeArrayElement, setJsonValue } from '../fixes';

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

export const undeclaredPrivateInfo: RuleModule = {
  meta: {
    id: 'undeclared-private-info',
    defaultSeverity: 'error',
    title: text('Location API not declared in requiredPrivateInfos', '位置接口未在 requiredPrivateInfos 中声明'),
    description: text(
      'Since 2022-07-14, a mini program must list each of getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate, startLocationUpdateBackground, chooseLocation, choosePoi and chooseAddress that it uses in app.json `requiredPrivateInfos`; otherwise the call fails with "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json".',
      '自 2022-07-14 起，小程序使用 getFuzzyLocation、getLocation、onLocationChange、startLocationUpdate、startLocationUpdateBackground、chooseLocation、choosePoi、chooseAddress 中的任何一个，都必须在 app.json 的 `requiredPrivateInfos` 中声明，否则调用会失败并提示 “the api need to be declared in the requiredPrivateInfos field in app.json/ext.json”。',
    ),
    howToFix: text('Add the API to `requiredPrivateInfos` in app.json (and apply for it under 开发管理-接口设置 in the admin console).', '在 app.json 的 `requiredPrivateInfos` 中加入该接口（并在小程序后台“开发管理-接口设置”中申请开通）。'),
    references: [REFERENCES.requiredPrivateInfos, REFERENCES.locationChangeNotice],
    fixKinds: ['declare-private-info'],
  },
  check(context) {
    const { model } = context;
    const declared = declaredPrivateInfos(model);
    const declaredApis = new Set([...declared.entries.map((e) => e.api), ...declared.extra]);
    const uses = platformUses(model).filter((u) => REQUIRED_PRIVATE_INFOS.includes(u.call.api) && !declaredApis.has(u.call.api));
    for (const [api, list] of usesByApi(uses)) {
      const seen = new Set<string>();
      for (const use of list) {
        // A call inside a bundled SDK is reported where the app calls the SDK.
        for (const range of appCallSites(context, use)) {
        if (seen.has(range.file)) continue;
        seen.add(range.file);
        const configFile = model.app.configFile;
        const config = model.app.config;
        context.report({
          range,
          message: text(`wx.${api} is not declared in app.json requiredPrivateInfos, so the call fails.`, `wx.${api} 未在 app.json 的 requiredPrivateInfos 中声明，调用会失败。`),
          evidence: text(
            declared.present ? `app.json requiredPrivateInfos lists ${declared.entries.map((e) => e.api).join(', ') || 'nothing'}, not ${api}.` : 'app.json has no requiredPrivateInfos field.',
            declared.present ? `app.json 的 requiredPrivateInfos 只列出了 ${declared.entries.map((e) => e.api).join('、') || '空列表'}，没有 ${api}。` : 'app.json 中没有 requiredPrivateInfos 字段。',
          ),
          related: [],
          fixes: config && jsonEditable(config, ['requiredPrivateInfos'])
            ? [{
                kind: 'declare-private-info',
                // Adding a precise API next to getFuzzyLocation (or the reverse) would not compile: leave that to a person.
                automatic: !conflictsWith(api, [...declaredApis]),
                title: text(`Declare ${api} in app.json requiredPrivateInfos`, `在 app.json 的 requiredPrivateInfos 中声明 ${api}`),
                build: () => ({
                  edits: declared.present ? setJsonValue(configFile, config.text, ['requiredPrivateInfos'], api, -1) : setJsonValue(configFile, config.text, ['requiredPrivateInfos'], [api]),
                  creations: [],
                }),
              }]
            : [],
        });
        }
      }
    }
  },
};

export const conflictingLocationDeclarations: RuleModule = {
  meta: {
    id: 'conflicting-location-declarations',
    defaultSeverity: 'error',
    title: text('Fuzzy and precise location declared together', '模糊位置与精确位置接口同时声明'),
    description: text(
      '`getFuzzyLocation` cannot be declared in requiredPrivateInfos together with getLocation, onLocationChange, startLocationUpdate or startLocationUpdateBackground; WeChat DevTools refuses to compile ("互斥").',
      '`getFuzzyLocation` 不能与 getLocation、onLocationChange、startLocationUpdate、startLocationUpdateBackground 同时在 requiredPrivateInfos 中声明，微信开发者工具会报错“互斥”并拒绝编译。',
    ),
    howToFix: text('Keep either the fuzzy or the precise location APIs, whichever the features need, and remove the other declarations.', '根据功能需要，只保留模糊位置或精确位置接口之一，删除另一类的声明。'),
    references: [REFERENCES.locationChangeNotice, REFERENCES.getFuzzyLocation],
    fixKinds: [],
  },
  check(context) {
    const { entries } = declaredPrivateInfos(context.model);
    const fuzzy = entries.find((e) => e.api === 'getFuzzyLocation');
    const precise = entries.filter((e) => PRECISE_LOCATION_APIS.includes(e.api));
    if (!fuzzy || !precise.length) return;
    context.report({
      range: fuzzy.range,
      message: text(`getFuzzyLocation cannot be declared together with ${precise.map((p) => p.api).join(', ')}.`, `getFuzzyLocation 不能与 ${precise.map((p) => p.api).join('、')} 同时声明。`),
      evidence: text('requiredPrivateInfos lists both the fuzzy and a precise location API; DevTools rejects this at compile time.', 'requiredPrivateInfos 同时列出了模糊位置和精确位置接口；开发者工具会在编译时报错。'),
      related: precise.map((p) => ({ range: p.range, message: text(`precise location API ${p.api}`, `精确位置接口 ${p.api}`) })),
      fixes: [],
    });
  },
};

export const unusedPrivateInfoDeclaration: RuleModule = {
  meta: {
    id: 'unused-private-info-declaration',
    defaultSeverity: 'info',
    title: text('Declared private info API is never used', '声明的隐私接口从未使用'),
    description: text(
      'Every API in requiredPrivateInfos must also be approved in the admin console and appears in what users are told the mini program collects. Declaring one the code never calls asks for more than the app uses.',
      'requiredPrivateInfos 中的每个接口都需要在后台申请，并会出现在向用户说明的收集范围中。声明代码从未调用的接口，等于申请了超出实际需要的权限。',
    ),
    howToFix: text('Remove the entry, or keep it if the API is called from code mp-privacy cannot see (a plugin, a web-view bridge).', '删除该声明；如果该接口在 mp-privacy 看不到的代码中使用（插件、web-view 桥接），可以保留。'),
    references: [REFERENCES.requiredPrivateInfos],
    fixKinds: ['remove-private-info'],
  },
  check(context) {
    const { model } = context;
    const used = new Set(platformUses(model).map((u) => u.call.api));
    const config = model.app.config;
    for (const entry of declaredPrivateInfos(model).entries) {
      // Not automatic: a plugin or web-view bridge may call it where mp-privacy cannot see.
      if (used.has(entry.api) || !REQUIRED_PRIVATE_INFOS.includes(entry.api) || !config) continue;
      const editable = jsonEditable(config, ['requiredPrivateInfos']);
      context.report({
        range: entry.range,
        message: text(`requiredPrivateInfos declares ${entry.api}, but no code calls wx.${entry.api}.`, `requiredPrivateInfos 声明了 ${entry.api}，但没有代码调用 wx.${entry.api}。`),
        evidence: text(`No call of wx.${entry.api} in the app, its pages, components or the modules they import.`, `在 app、页面、组件及其引用的模块中没有 wx.${entry.api} 调用。`),
        related: [],
        fixes: !editable ? [] : [{
          kind: 'remove-private-info',
          title: text(`Remove ${entry.api} from requiredPrivateInfos`, `从 requiredPrivateInfos 中删除 ${entry.api}`),
          build: () => ({ edits: removeArrayElement(model.app.configFile, config, ['requiredPrivateInfos'], entry.index), creations: [] }),
        }],
      });
    }
  },
};
