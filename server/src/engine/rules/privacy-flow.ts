import type { RuleModule } from './rule';
import type { FileCreation, FileEdit, Locale, SourceRange } from '../types';
import { text } from '../types';
import { REFERENCES } from './references';
import { callRangeOf, platformUses, platformUsesOf, privacyKindOfApi, privacyKindOfOpenType, PRIVACY_INFO_KINDS } from '../analysis';
import type { ComponentUnit, PageUnit, ProjectModel } from '../model';
import type { WxmlDocument, WxmlElement } from '../parse';
import { attribute, elementsNamed, elementsWithAttribute, elementsWithOpenType, findJsonNode } from '../parse';
import { memoize } from '../model';
import { jsonEditable, setJsonValue, appendElement } from '../fixes';
import * as path from 'path';

const PRIVACY_TAGS = new Set(PRIVACY_INFO_KINDS.flatMap((k) => k.tags ?? []));

interface PrivacyUse {
  range: SourceRange;
  what: string;
  page?: PageUnit;
}

/** Where the project uses privacy interfaces: API calls, open-type buttons, nickname inputs, camera tags. */
function privacyUses(model: ProjectModel): PrivacyUse[] {
  const uses: PrivacyUse[] = [];
  const pageOfScript = new Map<unknown, PageUnit>();
  for (const page of model.pages) if (page.script && !pageOfScript.has(page.script)) pageOfScript.set(page.script, page);
  for (const use of platformUses(model)) {
    if (privacyKindOfApi(use.call.api)) uses.push({ range: callRangeOf(use), what: `wx.${use.call.api}`, page: pageOfScript.get(use.script) });
  }
  for (const page of model.pages) for (const use of memoize(page, PAGE_PRIVACY_ELEMENTS_SLOT, undefined, () => pagePrivacyElementUses(page))) uses.push(use);
  return uses;
}

const PRIVACY_ELEMENTS_SLOT = {};
const PAGE_PRIVACY_ELEMENTS_SLOT = {};

/** The privacy elements a page shows, in its own template and its components' (a page unit is replaced when any of them changes). */
function pagePrivacyElementUses(page: PageUnit): PrivacyUse[] {
  const uses: PrivacyUse[] = [];
  for (const unit of [page, ...page.components.values()]) {
    if (unit.wxml) for (const use of memoize(unit.wxml, PRIVACY_ELEMENTS_SLOT, undefined, () => privacyElementUses(unit.wxml!))) uses.push({ ...use, page });
  }
  return uses;
}

/** Privacy interfaces in a template (open-type buttons, nickname inputs, camera-like tags), in document order. */
function privacyElementUses(document: WxmlDocument): Omit<PrivacyUse, 'page'>[] {
  const candidates = new Set<WxmlElement>([...elementsWithAttribute(document, 'open-type'), ...elementsNamed(document, 'input')]);
  for (const tag of PRIVACY_TAGS) for (const element of elementsNamed(document, tag)) candidates.add(element);
  const uses: Omit<PrivacyUse, 'page'>[] = [];
  for (const element of [...candidates].sort((a, b) => a.start - b.start)) {
    const openTypes = attribute(element, 'open-type')?.value.split('|') ?? [];
    const kindOpenType = openTypes.find((t) => privacyKindOfOpenType(t));
    const nickname = element.name === 'input' && attribute(element, 'type')?.value === 'nickname';
    if (kindOpenType || nickname || PRIVACY_TAGS.has(element.name)) {
      const what = kindOpenType ? `open-type="${kindOpenType}"` : nickname ? '<input type="nickname">' : `<${element.name}>`;
      uses.push({ range: { file: document.file, start: element.start, end: element.startTagEnd }, what });
    }
  }
  return uses;
}

function hasAgreeButton(document: WxmlDocument): boolean {
  return elementsWithOpenType(document, 'agreePrivacyAuthorization').length > 0;
}

/** Registered components that implement the privacy popup (an agree button or the onNeedPrivacyAuthorization listener). */
const popupsOfModel = new WeakMap<ProjectModel, ComponentUnit[]>();

function popupComponents(model: ProjectModel): ComponentUnit[] {
  let popups = popupsOfModel.get(model);
  if (popups) return popups;
  const listening = new Set(platformUsesOf(model, 'onNeedPrivacyAuthorization').map((u) => u.script));
  popups = model.components().filter((component) => (component.wxml && hasAgreeButton(component.wxml)) || (component.script && listening.has(component.script)));
  popupsOfModel.set(model, popups);
  return popups;
}

function hasPrivacyHandling(model: ProjectModel): boolean {
  if (platformUsesOf(model, 'onNeedPrivacyAuthorization').length || platformUsesOf(model, 'requirePrivacyAuthorize').length) return true;
  const units = [...model.pages, ...model.components()];
  return units.some((unit) => unit.wxml && hasAgreeButton(unit.wxml));
}

/** Appends `<tag></tag>` to the WXML of each page (skipping pages without a template). */
function mountEdits(pages: PageUnit[], tag: string): FileEdit[] {
  return pages.flatMap((page) => (page.wxml ? appendElement(page.wxml, tag) ?? [] : []));
}

function pagesToMount(model: ProjectModel, uses: PrivacyUse[]): PageUnit[] {
  const pages = [...new Set(uses.map((u) => u.page).filter((p): p is PageUnit => !!p))];
  if (pages.length) return pages;
  const entry = model.app.entryRoute ? model.pageByRoute.get(model.app.entryRoute) : undefined;
  return entry ? [entry] : [];
}

const POPUP_TAG = 'mp-privacy-popup';
const POPUP_DIR = 'components/mp-privacy-popup';

const POPUP_TEXT = {
  en: { title: 'Privacy notice', before: 'Before you continue, please read and agree to ', contract: 'the privacy guideline', agree: 'Agree', disagree: 'Decline' },
  'zh-cn': { title: '用户隐私保护提示', before: '使用前请阅读并同意', contract: '《用户隐私保护指引》', agree: '同意', disagree: '拒绝' },
} as const;

function scaffoldPopup(model: ProjectModel, locale: Locale): FileCreation[] {
  const words = POPUP_TEXT[locale];
  const dir = path.join(model.root, POPUP_DIR);
  const useTs = model.app.script?.isTypeScript ?? false;
  return [
    { file: path.join(dir, 'index.json'), content: '{\n  "component": true\n}\n' },
    {
      file: path.join(dir, 'index.wxml'),
      content: [
        `<view class="mp-privacy-popup" wx:if="{{visible}}">`,
        `  <view class="mp-privacy-popup__dialog">`,
        `    <view class="mp-privacy-popup__title">${words.title}</view>`,
        `    <view class="mp-privacy-popup__text">${words.before}<text class="mp-privacy-popup__link" bindtap="openContract">{{contractName || '${words.contract}'}}</text></view>`,
        `    <button id="mp-privacy-agree" type="primary" open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">${words.agree}</button>`,
        `    <button class="mp-privacy-popup__disagree" bindtap="onDisagree">${words.disagree}</button>`,
        `  </view>`,
        `</view>`,
        '',
      ].join('\n'),
    },
    {
      file: path.join(dir, useTs ? 'index.ts' : 'index.js'),
      content: [
        `// mp-privacy: asks for consent to the privacy guideline when WeChat needs it (wx.onNeedPrivacyAuthorization, base library 2.32.3+).`,
        `Component({`,
        `  data: { visible: false, contractName: '' },`,
        `  lifetimes: {`,
        `    attached() {`,
        `      if (!wx.onNeedPrivacyAuthorization) return;`,
        `      wx.getPrivacySetting({ success: (res${useTs ? ': any' : ''}) => this.setData({ contractName: res.privacyContractName }) });`,
        `      wx.onNeedPrivacyAuthorization((resolve${useTs ? ': any' : ''}) => {`,
        `        ${useTs ? '(this as any)' : 'this'}.resolvePrivacy = resolve;`,
        `        this.setData({ visible: true });`,
        `      });`,
        `    },`,
        `  },`,
        `  methods: {`,
        `    openContract() {`,
        `      wx.openPrivacyContract({});`,
        `    },`,
        `    onAgree() {`,
        `      this.setData({ visible: false });`,
        `      const resolve = ${useTs ? '(this as any)' : 'this'}.resolvePrivacy;`,
        `      if (resolve) resolve({ event: 'agree', buttonId: 'mp-privacy-agree' });`,
        `    },`,
        `    onDisagree() {`,
        `      this.setData({ visible: false });`,
        `      const resolve = ${useTs ? '(this as any)' : 'this'}.resolvePrivacy;`,
        `      if (resolve) resolve({ event: 'disagree' });`,
        `    },`,
        `  },`,
        `});`,
        '',
      ].join('\n'),
    },
    {
      file: path.join(dir, 'index.wxss'),
      content: [
        `.mp-privacy-popup { position: fixed; top: 0; right: 0; bottom: 0; left: 0; z-index: 9999; display: flex; align-items: flex-end; background: rgba(0, 0, 0, 0.5); }`,
        `.mp-privacy-popup__dialog { width: 100%; box-sizing: border-box; padding: 40rpx 32rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }`,
        `.mp-privacy-popup__title { font-size: 34rpx; font-weight: 600; margin-bottom: 24rpx; }`,
        `.mp-privacy-popup__text { font-size: 28rpx; color: #555; line-height: 1.6; margin-bottom: 32rpx; }`,
        `.mp-privacy-popup__link { color: #576b95; }`,
        `.mp-privacy-popup__disagree { margin-top: 20rpx; }`,
        '',
      ].join('\n'),
    },
  ];
}

export const privacyAuthorizationFlow: RuleModule = {
  meta: {
    id: 'privacy-authorization-flow',
    defaultSeverity: 'info',
    title: text('No handling of the privacy-guideline consent', '未处理用户隐私保护指引的同意流程'),
    description: text(
      'Since 2023-10-17 WeChat checks, on every call of a privacy interface, that the user has agreed to the mini program\'s privacy guideline. Without a custom flow (wx.onNeedPrivacyAuthorization, a button with open-type="agreePrivacyAuthorization", or wx.requirePrivacyAuthorize) WeChat shows its own fallback popup, so this is information: a custom popup lets you explain in your own words and at the right moment.',
      '自 2023-10-17 起，每次调用隐私接口时微信都会检查用户是否已同意小程序的用户隐私保护指引。如果没有自定义流程（wx.onNeedPrivacyAuthorization、open-type="agreePrivacyAuthorization" 按钮或 wx.requirePrivacyAuthorize），微信会弹出官方兜底弹窗，因此这里仅作提示：自定义弹窗可以用自己的话、在合适的时机说明。',
    ),
    howToFix: text('Add a privacy popup component that listens with wx.onNeedPrivacyAuthorization and offers an agree button (open-type="agreePrivacyAuthorization"), and mount it on the pages that use privacy interfaces.', '添加隐私弹窗组件：用 wx.onNeedPrivacyAuthorization 监听，并提供同意按钮（open-type="agreePrivacyAuthorization"），挂载到使用隐私接口的页面上。'),
    references: [REFERENCES.officialPrivacyPopup, REFERENCES.onNeedPrivacyAuthorization, REFERENCES.privacyInterfaces],
    fixKinds: ['scaffold-privacy-popup'],
  },
  check(context) {
    const { model } = context;
    const config = model.app.config;
    const obsolete = config && findJsonNode(config, ['__usePrivacyCheck__']);
    if (obsolete && obsolete.parent) {
      const property = obsolete.parent;
      context.report({
        range: { file: model.app.configFile, start: property.offset, end: property.offset + property.length },
        message: text('__usePrivacyCheck__ is obsolete: the privacy checks are always on since 2023-10-17.', '__usePrivacyCheck__ 已过时：自 2023-10-17 起隐私检查始终开启。'),
        evidence: text('The key only switched the checks on during the 2023 trial period.', '该字段只在 2023 年的过渡期内用于开启检查。'),
        related: [],
        fixes: !jsonEditable(config!, ['__usePrivacyCheck__']) ? [] : [{
          kind: 'remove-use-privacy-check',
          automatic: true,
          title: text('Remove __usePrivacyCheck__', '删除 __usePrivacyCheck__'),
          build: () => ({ edits: setJsonValue(model.app.configFile, config!.text, ['__usePrivacyCheck__'], undefined), creations: [] }),
        }],
      });
    }
    if (hasPrivacyHandling(model) || popupComponents(model).length) return;
    const uses = privacyUses(model);
    if (!uses.length) return;
    const kinds = [...new Set(uses.map((u) => u.what))];
    // A project-wide finding sits on app.json "pages", which stays put while pages are edited.
    const pagesNode = config && findJsonNode(config, ['pages'])?.parent?.children?.[0];
    // <input type="nickname"> is not covered by the official popup: unagreed, it silently becomes a plain text input.
    const nickname = uses.some((u) => u.what === '<input type="nickname">');
    context.report({
      severity: nickname ? 'warning' : undefined,
      range: pagesNode ? { file: model.app.configFile, start: pagesNode.offset, end: pagesNode.offset + pagesNode.length } : uses[0].range,
      message: text(`The app uses privacy interfaces (${kinds.slice(0, 4).join(', ')}${kinds.length > 4 ? '…' : ''}) but has no privacy-consent flow of its own; WeChat will show its fallback popup.`, `应用使用了隐私接口（${kinds.slice(0, 4).join('、')}${kinds.length > 4 ? '…' : ''}），但没有自己的隐私同意流程；微信会弹出官方兜底弹窗。`),
      evidence: nickname
        ? text('No wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize or open-type="agreePrivacyAuthorization" anywhere in the project, and <input type="nickname"> gets no official popup: until the user agrees it works as a plain text input.', '项目中没有 wx.onNeedPrivacyAuthorization、wx.requirePrivacyAuthorize 或 open-type="agreePrivacyAuthorization"；而 <input type="nickname"> 没有官方弹窗兜底，用户同意之前它只是普通文本输入框。')
        : text('No wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize or open-type="agreePrivacyAuthorization" anywhere in the project.', '项目中没有 wx.onNeedPrivacyAuthorization、wx.requirePrivacyAuthorize 或 open-type="agreePrivacyAuthorization"。'),
      related: uses.slice(0, 5).map((u) => ({ range: u.range, message: text(`${u.what} is used here`, `此处使用了 ${u.what}`) })),
      fixes: config && jsonEditable(config, ['usingComponents', POPUP_TAG])
        ? [{
            kind: 'scaffold-privacy-popup',
            title: text('Add a privacy popup component and mount it', '添加隐私弹窗组件并挂载'),
            build: (locale) => ({
              edits: [...setJsonValue(model.app.configFile, config.text, ['usingComponents', POPUP_TAG], `/${POPUP_DIR}/index`), ...mountEdits(pagesToMount(model, uses), POPUP_TAG)],
              creations: scaffoldPopup(model, locale),
            }),
          }]
        : [],
    });
  },
};

export const privacyPopupNotMounted: RuleModule = {
  meta: {
    id: 'privacy-popup-not-mounted',
    defaultSeverity: 'warning',
    title: text('Privacy popup component is never shown', '隐私弹窗组件从未挂载'),
    description: text(
      'A component that implements the privacy-consent popup only works on pages whose template contains it. Registered but never used in any page, it never runs, and users see WeChat\'s fallback popup (or nothing you designed).',
      '实现隐私同意弹窗的组件只有在页面模板中使用时才会生效。只注册而没有在任何页面中使用，它就不会运行，用户看到的是微信的兜底弹窗。',
    ),
    howToFix: text('Put the component tag in the templates of the pages that use privacy interfaces.', '在使用隐私接口的页面模板中加入该组件标签。'),
    references: [REFERENCES.privacyGuide, REFERENCES.onNeedPrivacyAuthorization],
    fixKinds: ['mount-privacy-popup'],
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
      for (const [owner, json, file] of [[undefined, appConfig, model.app.configFile] as const, ...units.map((u) => [u, u.json, `${u.base}.json`] as const)]) {
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
      const mounted = units.some((unit) => unit !== popup && unit.wxml && [...tags].some((tag) => elementsNamed(unit.wxml!, tag).length > 0));
      if (mounted || !registrations.length) continue;
      const registration = registrations[0];
      const node = findJsonNode(registration.json, ['usingComponents', registration.tag]);
      const range = node?.parent ? { file: registration.file, start: node.parent.offset, end: node.parent.offset + node.parent.length } : { file: registration.file, start: 0, end: 0 };
      const pages = pagesToMount(model, privacyUses(model));
      // A popup registered in a page's own json can only be mounted there.
      const usable = registration.file === model.app.configFile ? pages : model.pages.filter((p) => `${p.base}.json` === registration.file);
      const mounts = mountEdits(usable, registration.tag);
      context.report({
        range,
        message: text(`The privacy popup <${registration.tag}> is registered but no page shows it.`, `隐私弹窗 <${registration.tag}> 已注册，但没有任何页面使用它。`),
        evidence: text(`${model.relative(popup.base)} handles the privacy consent, but no page or component template contains <${registration.tag}>.`, `${model.relative(popup.base)} 处理隐私同意流程，但没有任何页面或组件模板包含 <${registration.tag}>。`),
        related: [],
        // Only offered when some page can take the tag (not, e.g., one that ends inside a half-typed tag).
        fixes: mounts.length ? [{
          kind: 'mount-privacy-popup',
          title: text(`Mount <${registration.tag}> on the pages that use privacy interfaces`, `在使用隐私接口的页面中挂载 <${registration.tag}>`),
          build: () => ({ edits: mounts, creations: [] }),
        }] : [],
      });
    }
  },
};
