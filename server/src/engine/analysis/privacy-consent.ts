import type { SourceRange } from '../types';
import type { ComponentUnit, PageUnit, ProjectModel } from '../model';
import { memoize } from '../model';
import type { ScriptFacts, WxmlDocument, WxmlElement } from '../parse';
import { attribute, elementsNamed, elementsWithAttribute, elementsWithOpenType } from '../parse';
import { callRangeOf, platformUsesOf, scriptUsesWhere, scriptsCallingWhere } from './api-usage';
import { PRIVACY_INFO_KINDS, privacyKindOfApi, privacyKindOfOpenType } from './privacy-apis';

/**
 * The privacy-guideline consent flow (since 2023-10-17 WeChat checks consent on every privacy interface):
 * where the project uses privacy interfaces, and whether it handles the consent itself (a listener, an agree
 * button, a popup component).
 */

const PRIVACY_TAGS = new Set(PRIVACY_INFO_KINDS.flatMap((k) => k.tags ?? []));

export interface PrivacyUse {
  range: SourceRange;
  what: string;
  page?: PageUnit;
}

/** Where the project uses privacy interfaces: API calls, open-type buttons, nickname inputs, camera tags. */
export function privacyUses(model: ProjectModel): PrivacyUse[] {
  const uses: PrivacyUse[] = [];
  for (const script of scriptsCallingWhere(model, isPrivacyApi)) {
    // A page's script is remembered on the page (replaced when its script changes), other scripts on themselves.
    const page = model.pageOfScript(script);
    const calls = page
      ? memoize(page, PAGE_PRIVACY_CALLS_SLOT, undefined, () => privacyCalls(script, page))
      : memoize(script, PRIVACY_CALLS_SLOT, undefined, () => privacyCalls(script, undefined));
    for (const use of calls) uses.push(use);
  }
  const elementUses = (page: PageUnit) =>
    memoize(page, PAGE_PRIVACY_ELEMENTS_SLOT, undefined, () => pagePrivacyElementUses(page));
  for (const at of model.pagesWhere(PAGES_WITH_PRIVACY_ELEMENTS, (page) => elementUses(page).length > 0))
    for (const use of elementUses(model.pages[at])) uses.push(use);
  return uses;
}

const isPrivacyApi = (api: string) => !!privacyKindOfApi(api);
const PRIVACY_CALLS_SLOT = {};
const PAGE_PRIVACY_CALLS_SLOT = {};

/** A script's calls of privacy interfaces, attributed to the page it is the script of (if any). */
function privacyCalls(script: ScriptFacts, page: PageUnit | undefined): PrivacyUse[] {
  return scriptUsesWhere(script, isPrivacyApi).map((use) => ({
    range: callRangeOf(use),
    what: `wx.${use.call.api}`,
    page,
  }));
}

const PRIVACY_ELEMENTS_SLOT = {};
const PAGE_PRIVACY_ELEMENTS_SLOT = {};
const PAGES_WITH_PRIVACY_ELEMENTS = {};

/** The privacy elements a page shows, in its own template and its components' (a page unit is replaced when any of them changes). */
function pagePrivacyElementUses(page: PageUnit): PrivacyUse[] {
  const uses: PrivacyUse[] = [];
  for (const unit of [page, ...page.components.values()]) {
    if (unit.wxml)
      for (const use of memoize(unit.wxml, PRIVACY_ELEMENTS_SLOT, undefined, () => privacyElementUses(unit.wxml!)))
        uses.push({ ...use, page });
  }
  return uses;
}

/** Privacy interfaces in a template (open-type buttons, nickname inputs, camera-like tags), in document order. */
function privacyElementUses(document: WxmlDocument): Omit<PrivacyUse, 'page'>[] {
  const candidates = new Set<WxmlElement>([
    ...elementsWithAttribute(document, 'open-type'),
    ...elementsNamed(document, 'input'),
  ]);
  for (const tag of PRIVACY_TAGS) for (const element of elementsNamed(document, tag)) candidates.add(element);
  const uses: Omit<PrivacyUse, 'page'>[] = [];
  for (const element of [...candidates].sort((a, b) => a.start - b.start)) {
    const openTypes = attribute(element, 'open-type')?.value.split('|') ?? [];
    const kindOpenType = openTypes.find((t) => privacyKindOfOpenType(t));
    const nickname = element.name === 'input' && attribute(element, 'type')?.value === 'nickname';
    if (kindOpenType || nickname || PRIVACY_TAGS.has(element.name)) {
      const what = kindOpenType
        ? `open-type="${kindOpenType}"`
        : nickname
          ? '<input type="nickname">'
          : `<${element.name}>`;
      uses.push({ range: { file: document.file, start: element.start, end: element.startTagEnd }, what });
    }
  }
  return uses;
}

function hasAgreeButton(document: WxmlDocument): boolean {
  return elementsWithOpenType(document, 'agreePrivacyAuthorization').length > 0;
}

const popupsOfModel = new WeakMap<ProjectModel, ComponentUnit[]>();

/** Registered components that implement the privacy popup (an agree button or the onNeedPrivacyAuthorization listener). */
export function popupComponents(model: ProjectModel): ComponentUnit[] {
  let popups = popupsOfModel.get(model);
  if (popups) return popups;
  const listening = new Set(platformUsesOf(model, 'onNeedPrivacyAuthorization').map((u) => u.script));
  popups = model
    .components()
    .filter(
      (component) =>
        (component.wxml && hasAgreeButton(component.wxml)) || (component.script && listening.has(component.script)),
    );
  popupsOfModel.set(model, popups);
  return popups;
}

/** Whether the project handles the consent anywhere: a listener, wx.requirePrivacyAuthorize, or an agree button. */
export function hasPrivacyHandling(model: ProjectModel): boolean {
  if (
    platformUsesOf(model, 'onNeedPrivacyAuthorization').length ||
    platformUsesOf(model, 'requirePrivacyAuthorize').length
  )
    return true;
  const units = [...model.pages, ...model.components()];
  return units.some((unit) => unit.wxml && hasAgreeButton(unit.wxml));
}
