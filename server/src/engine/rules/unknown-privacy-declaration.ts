import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { REQUIRED_PRIVATE_INFOS, declaredPrivateInfos } from '../analysis';
import { findJsonNode } from '../parse';
import { excerpt } from '../text/escape';
import { closestName } from '../text/closest';
import { defineFix, removeSettingArrayElement, setSetting, settingEditable, settingScope } from '../fixes';
import type { FileEdit, SourceRange } from '../types';
import type { AppSettings } from '../model';

/**
 * The only keys app.json `permission` takes: an official answer on the developers community says these three
 * "需要在代码里面声明，其他的都不需要", and DevTools reports any other key as `无效的 app.json permission["…"]`.
 */
const PERMISSION_SCOPES = ['scope.userLocation', 'scope.userLocationBackground', 'scope.userFuzzyLocation'];

/** Real scopes (authorize.html's scope list) that need no `permission` entry: the fix removes them. */
const UNDECLARED_SCOPES = [
  'scope.userInfo',
  'scope.werun',
  'scope.record',
  'scope.writePhotosAlbum',
  'scope.camera',
  'scope.bluetooth',
  'scope.addPhoneContact',
  'scope.addPhoneCalendar',
  'scope.address',
  'scope.invoiceTitle',
  'scope.invoice',
];

/** The scope each declarable location API is authorized under (authorize.html), for keys named after the API. */
const SCOPE_OF_API: Record<string, string> = {
  getLocation: 'scope.userLocation',
  onLocationChange: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  chooseLocation: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  getFuzzyLocation: 'scope.userFuzzyLocation',
};

/** The permission key a developer most likely meant by `key`. */
function meantScope(key: string): string | undefined {
  const bare = key.replace(/^scope\./i, '');
  const byApi = Object.keys(SCOPE_OF_API).find((api) => api.toLowerCase() === bare.toLowerCase());
  if (byApi) return SCOPE_OF_API[byApi];
  return closestName(key.startsWith('scope.') ? key : `scope.${key}`, PERMISSION_SCOPES);
}

interface UnknownEntry {
  written: string;
  range: SourceRange;
  /** What to put instead; undefined when nothing close is known (or it is already declared). */
  replacement?: string;
  /** The edits that remove the entry. */
  remove: () => FileEdit[];
}

const replaceEntry = defineFix({
  title: { en: 'Replace "{{written}}" with "{{replacement}}"', 'zh-cn': '将“{{written}}”改为“{{replacement}}”' },
  offer({ settings, entry, path }: { settings: AppSettings; entry: UnknownEntry; path: (string | number)[] }) {
    const replacement = entry.replacement;
    if (!replacement || !settingEditable(settings, path)) return undefined;
    return {
      data: { written: excerpt(entry.written, 40), replacement },
      build: () => ({
        edits: [
          {
            file: entry.range.file,
            start: entry.range.start,
            end: entry.range.end,
            newText: JSON.stringify(replacement),
          },
        ],
        creations: [],
        scope: [{ ...entry.range, construct: 'the declared name' }],
      }),
    };
  },
});

// Not automatic: the entry may be a placeholder someone meant to fill in.
const removeEntry = defineFix({
  title: { en: 'Remove "{{written}}"', 'zh-cn': '删除“{{written}}”' },
  offer({ settings, entry, path }: { settings: AppSettings; entry: UnknownEntry; path: (string | number)[] }) {
    if (!settingEditable(settings, path)) return undefined;
    return {
      data: { written: excerpt(entry.written, 40) },
      build: () => ({ edits: entry.remove(), creations: [], scope: [settingScope(settings, path)] }),
    };
  },
});

export const unknownPrivacyDeclaration = createRule({
  meta: {
    id: 'unknown-privacy-declaration',
    defaultSeverity: 'warning',
    title: text(
      'Unknown entry in requiredPrivateInfos or permission',
      'requiredPrivateInfos 或 permission 中有无法识别的项',
    ),
    description: text(
      'app.json `requiredPrivateInfos` lists only the eight location interfaces WeChat asks to declare, and `permission` takes only scope.userLocation, scope.userLocationBackground and scope.userFuzzyLocation (DevTools reports other keys as invalid). A misspelt entry ("getLoaction", "scope.getLocation") declares nothing, so the API or purpose it was meant for stays undeclared.',
      'app.json 的 `requiredPrivateInfos` 只接受微信要求声明的 8 个位置接口，`permission` 只接受 scope.userLocation、scope.userLocationBackground 和 scope.userFuzzyLocation（其他键会被开发者工具判为无效）。拼错的项（如“getLoaction”“scope.getLocation”）什么也没有声明，原本要声明的接口或用途仍然缺失。',
    ),
    howToFix: text(
      'Write the exact interface or scope name (the quick fix offers the closest one), or remove the entry when it needs no declaration.',
      '写出准确的接口名或 scope 名（快速修复会给出最接近的一项）；不需要声明的项直接删除。',
    ),
    references: [REFERENCES.requiredPrivateInfos, REFERENCES.permissionConfig, REFERENCES.authorize],
    messages: {
      unknownApi: {
        en: '"{{written}}" is not one of the interfaces requiredPrivateInfos declares.',
        'zh-cn': '“{{written}}”不是 requiredPrivateInfos 可声明的接口。',
      },
      unknownApiDidYouMean: {
        en: '"{{written}}" is not one of the interfaces requiredPrivateInfos declares; did you mean "{{replacement}}"?',
        'zh-cn': '“{{written}}”不是 requiredPrivateInfos 可声明的接口，是否应为“{{replacement}}”？',
      },
      unknownScope: {
        en: 'permission["{{written}}"] is not a key WeChat reads; only scope.userLocation, scope.userLocationBackground and scope.userFuzzyLocation are.',
        'zh-cn':
          'permission["{{written}}"] 不是微信读取的键，只有 scope.userLocation、scope.userLocationBackground 和 scope.userFuzzyLocation 有效。',
      },
      unknownScopeDidYouMean: {
        en: 'permission["{{written}}"] is not a key WeChat reads; did you mean "{{replacement}}"?',
        'zh-cn': 'permission["{{written}}"] 不是微信读取的键，是否应为“{{replacement}}”？',
      },
      scopeNeedsNoPurpose: {
        en: '{{written}} needs no entry in permission; DevTools reports it as invalid.',
        'zh-cn': '{{written}} 不需要在 permission 中声明，开发者工具会判为无效。',
      },
    },
    evidence: {
      unknownApi: { en: 'requiredPrivateInfos takes: {{known}}.', 'zh-cn': 'requiredPrivateInfos 可声明：{{known}}。' },
      unknownApiDidYouMean: {
        en: 'requiredPrivateInfos takes: {{known}}.',
        'zh-cn': 'requiredPrivateInfos 可声明：{{known}}。',
      },
      unknownScope: {
        en: 'An official answer on the developers community: only these three scopes are declared in permission.',
        'zh-cn': '开发者社区官方回答：只有这三个 scope 需要在 permission 中声明。',
      },
      unknownScopeDidYouMean: {
        en: 'An official answer on the developers community: only scope.userLocation, scope.userLocationBackground and scope.userFuzzyLocation are declared in permission.',
        'zh-cn':
          '开发者社区官方回答：只有 scope.userLocation、scope.userLocationBackground 和 scope.userFuzzyLocation 需要在 permission 中声明。',
      },
      scopeNeedsNoPurpose: {
        en: '{{written}} is a real scope, but its purpose is not declared in app.json; the user is asked when the API is called.',
        'zh-cn': '{{written}} 是有效的 scope，但它的用途不在 app.json 中声明，调用接口时由微信询问用户。',
      },
    },
    fixes: { 'replace-privacy-declaration': replaceEntry, 'remove-privacy-declaration': removeEntry },
  },
  check(context) {
    const { model } = context;
    // app.json, or manifest.json "mp-weixin" / app.config in a framework project.
    const settings = model.app.settings;
    const config = settings.doc;
    if (!config) return;
    const known = REQUIRED_PRIVATE_INFOS.join(', ');
    const fixesFor = (entry: UnknownEntry, path: (string | number)[]) => [
      context.fix('replace-privacy-declaration', { settings, entry, path }),
      context.fix('remove-privacy-declaration', { settings, entry, path }),
    ];
    const declared = declaredPrivateInfos(model).entries;
    for (const entry of declared) {
      if (REQUIRED_PRIVATE_INFOS.includes(entry.api)) continue;
      const guess = closestName(entry.api, REQUIRED_PRIVATE_INFOS);
      const replacement = guess && !declared.some((other) => other.api === guess) ? guess : undefined;
      const unknown: UnknownEntry = {
        written: entry.api,
        range: entry.range,
        replacement,
        remove: () => removeSettingArrayElement(settings, ['requiredPrivateInfos'], entry.index),
      };
      const fixes = fixesFor(unknown, ['requiredPrivateInfos']);
      const data = { written: excerpt(entry.api, 60), known: text(known, REQUIRED_PRIVATE_INFOS.join('、')) };
      if (replacement)
        context.report({
          messageId: 'unknownApiDidYouMean',
          data: { ...data, replacement: replacement },
          range: entry.range,
          fixes,
        });
      else context.report({ messageId: 'unknownApi', data, range: entry.range, fixes });
    }

    const permission = findJsonNode(config, [...settings.path, 'permission']);
    if (permission?.type !== 'object') return;
    const keys = (permission.children ?? []).flatMap((property) => {
      const key = property.children?.[0];
      return typeof key?.value === 'string' ? [{ key: key.value, node: key }] : [];
    });
    for (const { key, node } of keys) {
      if (PERMISSION_SCOPES.includes(key)) continue;
      const range = { file: settings.file, start: node.offset, end: node.offset + node.length };
      const guess = UNDECLARED_SCOPES.includes(key) ? undefined : meantScope(key);
      const replacement = guess && !keys.some((other) => other.key === guess) ? guess : undefined;
      const unknown: UnknownEntry = {
        written: key,
        range,
        replacement,
        remove: () => setSetting(settings, ['permission', key], undefined),
      };
      const fixes = fixesFor(unknown, ['permission', key]);
      const written = excerpt(key, 60);
      if (UNDECLARED_SCOPES.includes(key))
        context.report({ messageId: 'scopeNeedsNoPurpose', data: { written }, range, fixes });
      else if (replacement)
        context.report({
          messageId: 'unknownScopeDidYouMean',
          data: { written, replacement: replacement },
          range,
          fixes,
        });
      else context.report({ messageId: 'unknownScope', data: { written }, range, fixes });
    }
  },
});
