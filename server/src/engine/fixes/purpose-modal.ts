import type { FixEdits, Locale, LocalizedText } from '../types';
import { text } from '../types';
import type { PersonalInfoRequest } from '../analysis';
import { gestureBindings } from '../analysis';
import {
  addAttributes,
  addToDefinition,
  appendStyles,
  appendToFile,
  definitionScope,
  endOfFileScope,
  endsWithCompleteMarkup,
  eventParameter,
  hasCleanStartTag,
  removeAttribute,
  replaceAttribute,
  startTagScope,
} from './edit-helpers';
import { PHONE_MODAL_NAMES, PURPOSE_PLACEHOLDER, uniqueSuffix } from './shared-text';
import { defineFix } from './fix-definition';
import { frameworkPurposeModal } from './framework-purpose-modal';
import { projectLocale } from './project-language';
import { codeStyleOf, stringLiteral } from './code-style';
import type { ProjectModel } from '../model';

const MODAL_TEXT = {
  en: {
    title: 'Why we ask for your phone number',
    accept: 'Share my phone number',
    decline: 'Not now',
    declined: 'Phone number not shared',
  },
  'zh-cn': {
    title: '为什么需要你的手机号',
    accept: '同意并提供手机号',
    decline: '暂不提供',
    declined: '你未提供手机号',
  },
} as const;

/** Text as WXML content: the label was read with entities decoded. */
function escapeMarkup(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Quick-fix for phone-purpose-at-checkout: the phone button becomes a plain button that opens a dialog
 * saying why the number is needed; the dialog holds the real phone button (its result still reaches the
 * original handler) and a "not now" button that closes the dialog with a toast, leaving the user on the page.
 * Edits the page's WXML, script and WXSS.
 */
export const purposeModal = defineFix({
  title: text('Add a purpose-explanation modal', '添加用途说明弹窗'),
  offer({ request, model }: { request: PersonalInfoRequest; model: ProjectModel }) {
    const { owner, document, element } = request.view;
    const script = owner.script;
    const definition = script?.definition;
    if (!script || !definition || definition.kind === 'App' || definition.kind === 'Behavior') return undefined;
    // Editing files that do not parse would make them worse: the fix waits until they do.
    if (
      script.syntaxErrorCount ||
      document.problems.length ||
      !(document.dialect || endsWithCompleteMarkup(document.content)) ||
      !hasCleanStartTag(document, element)
    )
      return undefined;
    // A button that already reacts to taps would run that handler too: leave it to the developer.
    if (gestureBindings(element).some((b) => b.event === 'tap')) return undefined;
    // uni-app and Taro sources get the dialog in Vue or JSX (fixes/framework-purpose-modal.ts).
    if (document.dialect) {
      const plan = frameworkPurposeModal(request, script, definition, MODAL_TEXT);
      // As on native pages, users read the dialog in the project's language.
      return 'build' in plan ? { build: (locale: Locale) => plan.build(projectLocale(model, locale)) } : undefined;
    }

    return {
      build(locale: Locale): FixEdits {
        // What users read is in the project's language; the editor's locale only breaks a tie.
        const ui = projectLocale(model, locale);
        const words = MODAL_TEXT[ui];
        const suffix = uniqueSuffix(definition.members, PHONE_MODAL_NAMES, [script.content, document.content]);
        const style = codeStyleOf(script.content);
        const visible = `mpPrivacyPhonePurposeVisible${suffix}`;
        const open = `mpPrivacyOpenPhonePurpose${suffix}`;
        const accept = `mpPrivacyOnPhoneNumber${suffix}`;
        const decline = `mpPrivacyDeclinePhone${suffix}`;
        const handler = request.handlerBinding?.handler;
        const eventAttribute = `bind${request.openType.toLowerCase()}`;
        const label = request.label.includes('{{') || !request.label ? words.accept : escapeMarkup(request.label);
        // Only the open-types themselves are carried over: the attribute as written may hold anything.
        const openTypes = request.openTypeAttribute.value
          .split('|')
          .map((t) => t.trim())
          .filter((t) => /^[A-Za-z]+$/.test(t));
        const openType = openTypes.includes(request.openType) ? openTypes.join('|') : request.openType;

        // The dialog's button takes over every open-type (e.g. getPhoneNumber|agreePrivacyAuthorization); the opener keeps none.
        const edits = [
          removeAttribute(document, request.openTypeAttribute),
          request.handlerBinding
            ? replaceAttribute(document, request.handlerBinding.attribute, `bindtap="${open}"`)
            : addAttributes(document, element, `bindtap="${open}"`),
        ];
        const modal = [
          `<!-- mp-privacy: says why the phone number is needed before WeChat asks for it -->`,
          `<view class="mp-privacy-purpose-mask" wx:if="{{${visible}}}">`,
          `  <view class="mp-privacy-purpose-dialog">`,
          `    <view class="mp-privacy-purpose-title">${words.title}</view>`,
          `    <view class="mp-privacy-purpose-text">${PURPOSE_PLACEHOLDER[ui].snippet}</view>`,
          `    <button class="mp-privacy-purpose-accept" type="primary" open-type="${openType}" ${eventAttribute}="${accept}">${label}</button>`,
          `    <button class="mp-privacy-purpose-decline" bindtap="${decline}">${words.decline}</button>`,
          `  </view>`,
          `</view>`,
        ].join('\n');
        edits.push({ ...appendToFile(document.file, document.content, modal), snippet: true });

        const e = eventParameter(script);
        // bindgetphonenumber="get-phone" is legal WXML but not a JS identifier: call it by name then.
        const callee =
          handler && (/^[A-Za-z_$][\w$]*$/.test(handler) ? `this.${handler}` : `this[${JSON.stringify(handler)}]`);
        const forward = (arg: string) => (callee ? `\n  return ${callee}(${arg});` : '');
        edits.push(
          ...addToDefinition(
            script,
            definition,
            [
              `${open}() {\n  this.setData({ ${visible}: true });\n}`,
              `${accept}(${e}) {\n  this.setData({ ${visible}: false });${forward('e')}\n}`,
              // Declining closes the dialog and says so; the handler is not called with a made-up event.
              `${decline}() {\n  this.setData({ ${visible}: false });\n  wx.showToast({ title: ${stringLiteral(words.declined, style)}, icon: ${stringLiteral('none', style)} });\n}`,
            ],
            `${visible}: false`,
          ),
        );
        const styles = appendStyles(owner.base, owner.wxss, MODAL_STYLES);
        const scope = [
          startTagScope(document, element),
          endOfFileScope(document.file, document.content),
          definitionScope(script, definition),
          ...styles.scope,
        ];
        return { edits: [...edits, ...styles.edits], creations: styles.creations, scope };
      },
    };
  },
});

const MODAL_STYLES = `
/* mp-privacy: purpose-explanation dialog for the phone-number request */
.mp-privacy-purpose-mask { position: fixed; top: 0; right: 0; bottom: 0; left: 0; z-index: 1000; display: flex; align-items: flex-end; background: rgba(0, 0, 0, 0.5); }
.mp-privacy-purpose-dialog { width: 100%; box-sizing: border-box; padding: 40rpx 32rpx; background: #fff; border-radius: 24rpx 24rpx 0 0; }
.mp-privacy-purpose-title { font-size: 34rpx; font-weight: 600; margin-bottom: 24rpx; }
.mp-privacy-purpose-text { font-size: 28rpx; color: #555; line-height: 1.6; margin-bottom: 32rpx; }
.mp-privacy-purpose-decline { margin-top: 20rpx; }
`;

/**
 * Why add-purpose-modal is not offered for a request in a uni-app or Taro source, when the way the source is
 * written is the reason (an inline handler, a class component…): the rule shows it instead of the fix.
 */
export function purposeModalUnavailable(request: PersonalInfoRequest): LocalizedText | undefined {
  const script = request.view.owner.script;
  const definition = script?.definition;
  if (!request.view.document.dialect || !script || !definition || script.syntaxErrorCount) return undefined;
  const plan = frameworkPurposeModal(request, script, definition, MODAL_TEXT);
  return 'unavailable' in plan ? plan.unavailable : undefined;
}
