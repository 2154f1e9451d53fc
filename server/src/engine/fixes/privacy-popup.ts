import type { FileCreation, FileEdit, Locale } from '../types';
import { text } from '../types';
import type { PageUnit, ProjectModel } from '../model';
import type { PrivacyUse } from '../analysis';
import { privacyUses } from '../analysis';
import { appendElement, endOfFileScope } from './edit-helpers';
import { jsonEditable, jsonScope, setJsonValue } from './json-edits';
import { defineFix } from './fix-definition';
import { projectLocale } from './project-language';
import * as path from 'path';
import { frameworkMount, frameworkPopup, frameworkPopupFile } from './framework-popup';

// The privacy popup component that privacy-authorization-flow scaffolds and privacy-popup-not-mounted mounts.

/** Adds a popup component (four files), registers it in app.json and mounts it on the pages that use privacy interfaces. */
export const scaffoldPrivacyPopup = defineFix({
  title: text('Add a privacy popup component and mount it', '添加隐私弹窗组件并挂载'),
  offer({ model, uses }: { model: ProjectModel; uses: PrivacyUse[] }) {
    const config = model.app.config;
    if (model.framework !== 'native') return frameworkScaffold(model, uses);
    if (!config || !jsonEditable(config, ['usingComponents', POPUP_TAG])) return undefined;
    return {
      build: (locale) => {
        const pages = pagesToMount(model, uses);
        return {
          edits: [
            ...setJsonValue(model.app.configFile, config.text, ['usingComponents', POPUP_TAG], `/${POPUP_DIR}/index`),
            ...mountEdits(pages, POPUP_TAG),
          ],
          creations: scaffoldPopup(model, locale),
          scope: [jsonScope(model.app.configFile, config.text, ['usingComponents', POPUP_TAG]), ...mountScope(pages)],
        };
      },
    };
  },
});

/**
 * The popup written as a uni-app or Taro component (fixes/framework-popup.ts), mounted on the pages that use
 * privacy interfaces: not offered when no such page has a template it can be added to.
 */
function frameworkScaffold(model: ProjectModel, uses: PrivacyUse[]) {
  const file = frameworkPopupFile(model);
  const mounts = pagesToMount(model, uses).flatMap(
    (page) => frameworkMount(page, POPUP_TAG, file && path.dirname(file)) ?? [],
  );
  if (!file || !mounts.length) return undefined;
  return {
    build: (locale: Locale) => ({
      edits: mounts.flatMap((m) => m.edits),
      creations: [frameworkPopup(model, file, POPUP_TEXT[projectLocale(model, locale)], POPUP_CSS)],
      scope: mounts.flatMap((m) => m.scope),
    }),
  };
}

/** Mounts a registered popup component on the pages that use privacy interfaces. */
export const mountPrivacyPopup = defineFix({
  title: {
    en: 'Mount <{{tag}}> on the pages that use privacy interfaces',
    'zh-cn': '在使用隐私接口的页面中挂载 <{{tag}}>',
  },
  offer({ model, tag, registeredIn }: { model: ProjectModel; tag: string; registeredIn: string }) {
    const pages = pagesToMount(model, privacyUses(model));
    // A popup registered in a page's own json can only be mounted there.
    const usable =
      registeredIn === model.app.configFile ? pages : model.pages.filter((p) => `${p.base}.json` === registeredIn);
    const mounts = mountEdits(usable, tag);
    // Only offered when some page can take the tag (not, e.g., one that ends inside a half-typed tag).
    return mounts.length
      ? { data: { tag }, build: () => ({ edits: mounts, creations: [], scope: mountScope(usable) }) }
      : undefined;
  },
});

/**
 * Appends `<tag></tag>` to the WXML of each page, or adds it as the last child of a uni-app or Taro page's
 * outermost element (skipping pages without a template that can take it).
 */
function mountEdits(pages: PageUnit[], tag: string): FileEdit[] {
  return pages.flatMap((page) =>
    page.wxml?.dialect
      ? (frameworkMount(page, tag)?.edits ?? [])
      : page.wxml
        ? (appendElement(page.wxml, tag) ?? [])
        : [],
  );
}

/** Where mounting edits: the end of each page's template, or its outermost element. */
function mountScope(pages: PageUnit[]) {
  return pages.flatMap((page) =>
    page.wxml?.dialect
      ? (frameworkMount(page, '')?.scope ?? [])
      : page.wxml
        ? [endOfFileScope(page.wxml.file, page.wxml.content)]
        : [],
  );
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
  en: {
    title: 'Privacy notice',
    before: 'Before you continue, please read and agree to ',
    contract: 'the privacy guideline',
    agree: 'Agree',
    disagree: 'Decline',
  },
  'zh-cn': {
    title: '用户隐私保护提示',
    before: '使用前请阅读并同意',
    contract: '《用户隐私保护指引》',
    agree: '同意',
    disagree: '拒绝',
  },
} as const;

function scaffoldPopup(model: ProjectModel, locale: Locale): FileCreation[] {
  const words = POPUP_TEXT[projectLocale(model, locale)];
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
    { file: path.join(dir, 'index.wxss'), content: POPUP_CSS },
  ];
}

const POPUP_CSS = [
  `.mp-privacy-popup { position: fixed; top: 0; right: 0; bottom: 0; left: 0; z-index: 9999; display: flex; align-items: flex-end; background: rgba(0, 0, 0, 0.5); }`,
  `.mp-privacy-popup__dialog { width: 100%; box-sizing: border-box; padding: 40rpx 32rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }`,
  `.mp-privacy-popup__title { font-size: 34rpx; font-weight: 600; margin-bottom: 24rpx; }`,
  `.mp-privacy-popup__text { font-size: 28rpx; color: #555; line-height: 1.6; margin-bottom: 32rpx; }`,
  `.mp-privacy-popup__link { color: #576b95; }`,
  `.mp-privacy-popup__disagree { margin-top: 20rpx; }`,
  '',
].join('\n');
