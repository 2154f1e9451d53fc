import * as path from 'path';
import type { FileSystemHost } from './host';
import type { Locale, LocalizedText, SourceRange } from './types';
import { ProjectModel, settingsValue } from './model';
import type { ParsedFileCache } from './model';
import {
  PRIVACY_INFO_KINDS,
  PrivacyInfoKind,
  REQUIRED_PRIVATE_INFOS,
  LOCATION_SCOPE_OF,
  authorizeScope,
  callRangeOf,
  declaredPrivateInfos,
  platformUses,
} from './analysis';
import { attribute, documentElements, parseJsonc } from './parse';
import { projectLanguage } from './fixes/project-language';

/**
 * What personal information a mini program collects, where, and through which interface: the facts a
 * developer needs to fill in the privacy guideline (用户隐私保护指引) in the admin console.
 */
export interface InventoryUse {
  range: SourceRange;
  /** `wx.getLocation`, `open-type="getPhoneNumber"`, `<camera>`… */
  via: string;
  /** The page whose code or template it is in, when known. */
  page?: string;
  /** For APIs that must be listed in app.json requiredPrivateInfos: whether they are. */
  declaredInRequiredPrivateInfos?: boolean;
}

export interface InventoryItem {
  kind: string;
  label: LocalizedText;
  uses: InventoryUse[];
  /** For location: the `permission` purpose WeChat shows, when app.json states one. */
  permissionDesc?: string;
}

export interface Inventory {
  root: string;
  /** What the project calls itself: app.json's window title, else project.config.json's projectname. */
  name?: string;
  /** The language of the project's own UI, when its text tells (the draft declaration is written in it). */
  language?: Locale;
  items: InventoryItem[];
}

export function buildInventory(model: ProjectModel): Inventory {
  const byKind = new Map<PrivacyInfoKind, InventoryUse[]>();
  const add = (kind: PrivacyInfoKind | undefined, use: InventoryUse) => {
    if (!kind) return;
    // Pushed in place: copying the list on each use was quadratic (23,000 wx.getLocation calls took seconds).
    const uses = byKind.get(kind);
    if (uses) uses.push(use);
    else byKind.set(kind, [use]);
  };
  const declared = new Set(declaredPrivateInfos(model).entries.map((e) => e.api));
  const pageOfScript = new Map(model.pages.filter((p) => p.script).map((p) => [p.script!.file, p.route]));

  for (const use of platformUses(model)) {
    const api = use.call.api;
    const scope = api === 'authorize' ? authorizeScope(use.call.argumentText) : undefined;
    const kind = scope
      ? PRIVACY_INFO_KINDS.find((k) => k.scopes?.includes(scope))
      : PRIVACY_INFO_KINDS.find((k) => k.apis.includes(api));
    add(kind, {
      range: callRangeOf(use),
      via: scope ? `wx.authorize(${scope})` : `wx.${api}`,
      page: pageOfScript.get(use.script.file),
      declaredInRequiredPrivateInfos: REQUIRED_PRIVATE_INFOS.includes(api) ? declared.has(api) : undefined,
    });
  }
  for (const page of model.pages) {
    for (const unit of [page, ...page.components.values()]) {
      if (!unit.wxml) continue;
      for (const element of documentElements(unit.wxml)) {
        const range = { file: unit.wxml.file, start: element.start, end: element.startTagEnd };
        for (const openType of attribute(element, 'open-type')?.value.split('|') ?? []) {
          add(
            PRIVACY_INFO_KINDS.find((k) => k.openTypes?.includes(openType.trim())),
            { range, via: `open-type="${openType.trim()}"`, page: page.route },
          );
        }
        if (element.name === 'input' && attribute(element, 'type')?.value === 'nickname')
          add(
            PRIVACY_INFO_KINDS.find((k) => k.id === 'user-info'),
            { range, via: '<input type="nickname">', page: page.route },
          );
        add(
          PRIVACY_INFO_KINDS.find((k) => k.tags?.includes(element.name)),
          { range, via: `<${element.name}>`, page: page.route },
        );
      }
    }
  }

  const permission = settingsValue(model.app.settings)?.permission as Record<string, { desc?: unknown }> | undefined;
  const items: InventoryItem[] = [];
  for (const kind of PRIVACY_INFO_KINDS) {
    const uses = byKind.get(kind);
    if (!uses?.length) continue;
    // A component used on several pages shows up once per page: keep each place once.
    const unique = [...new Map(uses.map((u) => [`${u.range.file}:${u.range.start}`, u])).values()];
    const scopes = [...new Set(unique.map((u) => LOCATION_SCOPE_OF[u.via.replace(/^wx\./, '')]).filter(Boolean))];
    const desc = scopes.map((s) => permission?.[s]?.desc).find((d): d is string => typeof d === 'string');
    items.push({ kind: kind.id, label: kind.label, uses: unique, permissionDesc: desc });
  }
  return { root: model.root, items, language: projectLanguage(model) };
}

/** The project's name: app.json window.navigationBarTitleText, else projectname in project.config.json (here or above). */
function projectName(model: ProjectModel, host: FileSystemHost): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const window = (model.app.config?.value as { window?: Record<string, unknown> } | undefined)?.window;
  const title = text(window?.navigationBarTitleText);
  if (title) return title;
  for (const dir of [model.root, path.dirname(model.root)]) {
    const content = host.readFile(path.join(dir, 'project.config.json'));
    const name =
      content === undefined ? undefined : (parseJsonc(content).value as { projectname?: unknown } | undefined);
    if (content !== undefined) return text(name?.projectname);
  }
  return undefined;
}

/** Builds the inventory of one root with the analyzer's parse cache (see ProjectAnalyzer.inventory). */
export function inventoryOf(root: string, host: FileSystemHost, cache: ParsedFileCache): Inventory {
  const model = new ProjectModel(root, host, cache);
  return { ...buildInventory(model), name: projectName(model, host) };
}
