// eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript's own import form for a CommonJS module
import ts = require('typescript');
import * as path from 'path';
import type { FileCreation, FileEdit, FixScope } from '../types';
import type { PageUnit, ProjectModel } from '../model';
import type { WxmlDocument, WxmlElement } from '../parse';
import { elementScope } from './edit-helpers';
import { closingTagStart, insertLastChild, newImport } from './framework-purpose-modal';

/**
 * The privacy popup in a framework's own source (fixes/privacy-popup.ts writes a native component): a uni-app
 * component where easycom finds it without registration (`components/<name>/<name>.vue`,
 * uniapp.dcloud.net.cn/collocation/pages.html#easycom), calling WeChat's interface under `#ifdef MP-WEIXIN`; a
 * Taro function component (`components/mp-privacy-popup/index.tsx`) using Taro.onNeedPrivacyAuthorization
 * (docs.taro.zone/docs/apis/open-api/privacy/onNeedPrivacyAuthorization), imported by the pages that mount it.
 * Pages mount it as the last child of their template's outermost element.
 */
export interface PopupWords {
  title: string;
  before: string;
  contract: string;
  agree: string;
  disagree: string;
}

export const POPUP_NAME = 'mp-privacy-popup';
const POPUP_COMPONENT = 'MpPrivacyPopup';

/** The outermost element of a template as written (the largest with an end tag; JSX conditions are not elements). */
function templateRoot(document: WxmlDocument): { element: WxmlElement; closing: number } | undefined {
  let best: { element: WxmlElement; closing: number } | undefined;
  for (const node of document.roots) {
    if (node.kind !== 'element' || node.startTagEnd <= node.start) continue;
    const closing = closingTagStart(document, node);
    if (closing !== undefined && (!best || node.end - node.start > best.element.end - best.element.start))
      best = { element: node, closing };
  }
  return best;
}

/** Where the popup file goes in a framework project, or undefined for a native one. */
export function frameworkPopupFile(model: ProjectModel): string | undefined {
  if (model.framework === 'uni-app') return path.join(model.root, 'components', POPUP_NAME, `${POPUP_NAME}.vue`);
  if (model.framework !== 'taro') return undefined;
  const typed = model.app.script?.isTypeScript ?? /\.tsx?$/.test(model.app.script?.file ?? '');
  return path.join(model.root, 'components', POPUP_NAME, typed ? 'index.tsx' : 'index.jsx');
}

/**
 * Mounts the popup on a framework page: `<tag></tag>` (Vue) or `<Tag />` (JSX, imported from `importFrom`
 * when given) as the last child of the template's outermost element. Undefined when the page has none.
 */
export function frameworkMount(
  page: PageUnit,
  tag: string,
  importFrom?: string,
): { edits: FileEdit[]; scope: FixScope[] } | undefined {
  const document = page.wxml;
  const root = document && templateRoot(document);
  if (!document || !root) return undefined;
  const markup = document.dialect === 'vue' ? `<${tag}></${tag}>` : `<${importFrom ? POPUP_COMPONENT : tag} />`;
  const edits: FileEdit[] = [{ ...insertLastChild(document, root.element, root.closing, [markup]), snippet: false }];
  const scope: FixScope[] = [elementScope(document, root.element)];
  const script = page.script;
  if (document.dialect === 'jsx' && importFrom && script) {
    const source = ts.createSourceFile(script.file, script.content, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    let specifier = path.relative(path.dirname(page.base), importFrom).split(path.sep).join('/');
    if (!specifier.startsWith('.')) specifier = `./${specifier}`;
    edits.push(newImport(script, source, POPUP_COMPONENT, specifier));
    const lastImport = source.statements.filter(ts.isImportDeclaration).at(-1);
    scope.push({ file: script.file, start: 0, end: lastImport?.end ?? 0, construct: 'the import declarations' });
  }
  return { edits, scope };
}

/** The popup component's file for a uni-app or Taro project. */
export function frameworkPopup(model: ProjectModel, file: string, words: PopupWords, css: string): FileCreation {
  if (model.framework === 'uni-app') return { file, content: vuePopup(words, css) };
  return { file, content: taroPopup(words, file.endsWith('.tsx')) };
}

function vuePopup(w: PopupWords, css: string): string {
  return `<template>
  <view v-if="visible" class="mp-privacy-popup">
    <view class="mp-privacy-popup__dialog">
      <view class="mp-privacy-popup__title">${w.title}</view>
      <view class="mp-privacy-popup__text">${w.before}<text class="mp-privacy-popup__link" @tap="openContract">{{ contractName || '${w.contract}' }}</text></view>
      <button id="mp-privacy-agree" type="primary" open-type="agreePrivacyAuthorization" @agreeprivacyauthorization="onAgree">${w.agree}</button>
      <button class="mp-privacy-popup__disagree" @tap="onDisagree">${w.disagree}</button>
    </view>
  </view>
</template>

<script>
// mp-privacy: asks for consent to the privacy guideline when WeChat needs it (wx.onNeedPrivacyAuthorization, base library 2.32.3+).
// WeChat's own interfaces, so they are compiled for mp-weixin only (#ifdef MP-WEIXIN).
export default {
  data() {
    return { visible: false, contractName: '' };
  },
  mounted() {
    // #ifdef MP-WEIXIN
    if (!wx.onNeedPrivacyAuthorization) return;
    wx.getPrivacySetting({
      success: (res) => {
        this.contractName = res.privacyContractName;
      },
    });
    wx.onNeedPrivacyAuthorization((resolve) => {
      this.resolvePrivacy = resolve;
      this.visible = true;
    });
    // #endif
  },
  methods: {
    openContract() {
      // #ifdef MP-WEIXIN
      wx.openPrivacyContract({});
      // #endif
    },
    onAgree() {
      this.visible = false;
      if (this.resolvePrivacy) this.resolvePrivacy({ event: 'agree', buttonId: 'mp-privacy-agree' });
    },
    onDisagree() {
      this.visible = false;
      if (this.resolvePrivacy) this.resolvePrivacy({ event: 'disagree' });
    },
  },
};
</script>

<style>
${css.trim()}
</style>
`;
}

function taroPopup(w: PopupWords, typed: boolean): string {
  const t = (annotation: string) => (typed ? annotation : '');
  return `import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'

// mp-privacy: asks for consent to the privacy guideline when WeChat needs it (Taro.onNeedPrivacyAuthorization, base library 2.32.3+).
export default function ${POPUP_COMPONENT}() {
  const [visible, setVisible] = useState(false)
  const [contractName, setContractName] = useState('')
  const resolvePrivacy = useRef${t('<any>')}(null)
  useEffect(() => {
    if (!Taro.onNeedPrivacyAuthorization) return
    Taro.getPrivacySetting({ success: (res${t(': any')}) => setContractName(res.privacyContractName) })
    Taro.onNeedPrivacyAuthorization((resolve${t(': any')}) => {
      resolvePrivacy.current = resolve
      setVisible(true)
    })
  }, [])
  const openContract = () => {
    Taro.openPrivacyContract({})
  }
  const answer = (option${t(': { event: string; buttonId?: string }')}) => {
    setVisible(false)
    if (resolvePrivacy.current) resolvePrivacy.current(option)
  }
  if (!visible) return null
  return (
    <View style={{ position: 'fixed', top: 0, right: 0, bottom: 0, left: 0, zIndex: 9999, display: 'flex', alignItems: 'flex-end', background: 'rgba(0, 0, 0, 0.5)' }}>
      <View style={{ width: '100%', boxSizing: 'border-box', padding: '40rpx 32rpx', background: '#fff', borderRadius: '24rpx 24rpx 0 0' }}>
        <View style={{ fontSize: '34rpx', fontWeight: 600, marginBottom: '24rpx' }}>${w.title}</View>
        <View style={{ fontSize: '28rpx', color: '#555', lineHeight: 1.6, marginBottom: '32rpx' }}>
          ${w.before}
          <Text style={{ color: '#576b95' }} onClick={openContract}>{contractName || '${w.contract}'}</Text>
        </View>
        <Button id="mp-privacy-agree" type="primary" openType="agreePrivacyAuthorization" onClick={() => answer({ event: 'agree', buttonId: 'mp-privacy-agree' })}>${w.agree}</Button>
        <Button style={{ marginTop: '20rpx' }} onClick={() => answer({ event: 'disagree' })}>${w.disagree}</Button>
      </View>
    </View>
  )
}
`;
}
