import type { FileEdit, FixEdits, Locale, LocalizedText } from '../types';
import { text } from '../types';
import type { CheckoutStep, PersonalInfoRequest, ProjectFacts, ReachedCall, Wall } from '../analysis';
import { NAVIGATION_APIS, gestureBindings, reachableCalls } from '../analysis';
import { attribute } from '../parse';
import type { ScriptFacts } from '../parse';
import {
  addAttributes,
  addToDefinition,
  appendStyles,
  definitionScope,
  elementScope,
  eventParameter,
  indentationAt,
  insertBefore,
  removeAttribute,
  removeOpenType,
  replaceAttribute,
  hasCleanStartTag,
  startTagScope,
} from './edit-helpers';
import { jsonScope } from './json-edits';
import type { FixScope } from '../types';
import { PURPOSE_PLACEHOLDER, uniqueSuffix } from './shared-text';
import { defineFix } from './fix-definition';
import { projectLocale } from './project-language';
import { codeStyleOf, indentUnit, stringLiteral } from './code-style';

/** The facts the fix reads: where the checkout step is, the entry page, and which pages are phone walls. */
export type PhoneFlow = Pick<ProjectFacts, 'phone' | 'launch' | 'checkout'>;

/** What takes the phone request off the entry or browsing path. */
export type PhoneRemoval =
  | { kind: 'entry-page' }
  /** `reached`: the redirect to remove, and any others from the same call site to the same wall (one finding). */
  | { kind: 'navigation'; reached: ReachedCall; alsoReached?: ReachedCall[] }
  | { kind: 'request'; request: PersonalInfoRequest };

export const noCheckoutAdvice = text(
  'mp-privacy found no checkout step in this project (a tap whose handler calls wx.requestPayment or submits an order), so it cannot move the request there. Remove the phone request from this path, let users reach the content without it, and ask for the number only in the feature that needs it, saying why.',
  'mp-privacy 在项目中没有找到结算环节（点击后调用 wx.requestPayment 或提交订单的处理函数），无法自动把手机号请求移过去。请把手机号请求从这条路径上去掉，让用户无需手机号即可看到内容，只在真正需要的功能中请求手机号并说明原因。',
);

export const frameworkMoveAdvice = text(
  'mp-privacy does not move the phone request in uni-app or Taro sources yet (the fix writes WXML and Page methods). Remove the phone request from this path by hand, let users reach the content without it, and ask for the number at checkout, saying why (the add-purpose-modal fix writes that dialog in .vue and .tsx pages).',
  'mp-privacy 目前还不能在 uni-app 或 Taro 源码中自动移动手机号请求（该修复写入的是 WXML 和 Page 方法）。请手动把手机号请求从这条路径上去掉，让用户无需手机号即可看到内容，并在结算时请求手机号并说明原因（“添加用途说明弹窗”修复可在 .vue 和 .tsx 页面中写入该弹窗）。',
);

/** Why move-phone-to-checkout is not offered: no checkout step, or a uni-app/Taro project, whose sources it does not write. */
export function moveToCheckoutUnavailable(flow: PhoneFlow): LocalizedText {
  return flow.checkout.step && flow.phone.model.framework !== 'native' ? frameworkMoveAdvice : noCheckoutAdvice;
}

const CHECKOUT_WRAPPER = 'mpPrivacyCheckoutWithPhone';

/** The toast a refusal at checkout shows (users read it: in the project's language). */
const ORDER_NEEDS_PHONE = {
  en: 'Share your phone number to place the order',
  'zh-cn': '提供手机号后才能提交订单',
} as const;

/**
 * Quick-fix for phone-on-entry and phone-while-browsing: takes the phone request off the path the user
 * did not choose (removes the launch/lifecycle redirect, makes a content page the entry, or turns the
 * phone button back into a plain control), and attaches it to the checkout page's submit button, with
 * its purpose stated there. The order is placed from the phone callback's success path (after the original
 * bindgetphonenumber handler, copied to the checkout page, has had the result, unless it navigates: then it
 * would race the order and is left where it is); on a refusal the user stays on the page and a toast says why.
 * Not offered when the project has no identifiable checkout step.
 */
export const moveToCheckout = defineFix({
  title: text('Move getPhoneNumber behind the checkout button', '将手机号授权移到结算按钮处'),
  offer({ flow, wall: gate, removal }: { flow: PhoneFlow; wall: Wall; removal: PhoneRemoval }) {
    const checkout = flow.checkout.step;
    if (!checkout || checkout.page === gate.page || !checkout.page.script?.definition || !checkout.page.wxml)
      return undefined;
    if (attribute(checkout.trigger, 'open-type')) return undefined;
    // The markup and methods it writes are WXML and Page methods: not offered on uni-app or Taro sources (yet).
    if (checkout.page.wxml.dialect || gate.request.view.document.dialect) return undefined;
    // Every file the fix reads code from or writes to must parse: a half-typed file is left to its author.
    const scripts = [
      checkout.page.script,
      gate.request.handler?.script,
      ...(removal.kind === 'navigation' ? [removal.reached, ...(removal.alsoReached ?? [])].map((r) => r.script) : []),
    ];
    if (
      scripts.some((script) => script && script.syntaxErrorCount) ||
      checkout.page.wxml.problems.length ||
      gate.request.view.document.problems.length
    )
      return undefined;
    if (
      !hasCleanStartTag(gate.request.view.document, gate.request.view.element) ||
      !hasCleanStartTag(checkout.page.wxml, checkout.trigger)
    )
      return undefined;
    if (removal.kind === 'entry-page' && flow.phone.model.app.config?.errors.length) return undefined;
    if (!removalEditsFor(flow, gate, removal, checkout, 'en')) return undefined;

    return {
      build(locale: Locale): FixEdits {
        const removalEdits = removalEditsFor(flow, gate, removal, checkout, locale) ?? [];
        const checkoutEdits = attachToCheckout(flow, gate.request, checkout, locale);
        return {
          edits: [...removalEdits, ...checkoutEdits.edits],
          creations: checkoutEdits.creations,
          scope: [...removalScope(flow, gate, removal), ...checkoutEdits.scope],
        };
      },
    };
  },
});

function removalEditsFor(
  flow: PhoneFlow,
  gate: Wall,
  removal: PhoneRemoval,
  checkout: CheckoutStep,
  locale: Locale,
): FileEdit[] | undefined {
  const model = flow.phone.model;
  switch (removal.kind) {
    case 'navigation': {
      // Code comments use ASCII punctuation: editors flag full-width colons and brackets in code as ambiguous.
      const note =
        locale === 'zh-cn'
          ? `mp-privacy: 已移除跳转到 ${gate.page.route} 的代码; 现在在结算时 (${checkout.page.route}) 请求手机号`
          : `mp-privacy: removed the redirect to ${gate.page.route}; the phone number is now asked for at checkout (${checkout.page.route})`;
      const edits = new Map<string, FileEdit>();
      for (const { call, script } of [removal.reached, ...(removal.alsoReached ?? [])]) {
        // `if (x) wx.reLaunch(…);` needs a statement where the call was: an empty block keeps the if valid.
        const edit = !call.site.isStatement
          ? { file: script.file, start: call.site.start, end: call.site.end, newText: `undefined /* ${note} */` }
          : {
              file: script.file,
              start: call.site.statementStart,
              end: call.site.statementEnd,
              newText: call.site.statementInBlock ? `// ${note}` : `{ /* ${note} */ }`,
            };
        edits.set(`${edit.file}:${edit.start}`, edit);
      }
      // Overlapping edits cannot both apply: should one redirect sit inside another's statement, only the first goes.
      const sorted = [...edits.values()].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
      return sorted.some((edit, i) => i > 0 && sorted[i - 1].file === edit.file && sorted[i - 1].end > edit.start)
        ? [sorted[0]]
        : sorted;
    }
    case 'entry-page': {
      const entry = flow.launch.entryPage;
      const newEntry = model.pages.find(
        (p) => p !== entry && !p.subpackageRoot && !flow.phone.wallOf(p) && p.route !== checkout.page.route,
      );
      if (!entry || !newEntry) return undefined;
      const configFile = model.app.configFile;
      if (model.app.entryFromEntryPagePath && model.app.entryDeclaredAt) {
        return [
          {
            file: configFile,
            start: model.app.entryDeclaredAt.start,
            end: model.app.entryDeclaredAt.end,
            newText: JSON.stringify(newEntry.route),
          },
        ];
      }
      // pages[0] is the entry: swap it with the first content page so the login page stays available.
      return [
        {
          file: configFile,
          start: entry.declaredAt.start,
          end: entry.declaredAt.end,
          newText: JSON.stringify(newEntry.route),
        },
        {
          file: configFile,
          start: newEntry.declaredAt.start,
          end: newEntry.declaredAt.end,
          newText: JSON.stringify(entry.route),
        },
      ];
    }
    case 'request': {
      const { request } = removal;
      const { document } = request.view;
      if (gate.kind === 'overlay' && gate.overlay) {
        return [
          {
            file: gate.overlay.document.file,
            start: gate.overlay.element.start,
            end: gate.overlay.element.end,
            newText: '',
          },
        ];
      }
      const edits: FileEdit[] = [removeOpenType(document, request.openTypeAttribute, request.openType)];
      const hasTap = gestureBindings(request.view.element).some((b) => b.event === 'tap');
      if (request.handlerBinding) {
        // The button keeps doing what it did, now on a plain tap and without the phone number.
        edits.push(
          hasTap
            ? removeAttribute(document, request.handlerBinding.attribute)
            : replaceAttribute(
                document,
                request.handlerBinding.attribute,
                `bindtap="${request.handlerBinding.handler}"`,
              ),
        );
      }
      return edits;
    }
  }
}

/** The constructs the removal owns: the redirect statements, the entry declaration, or the phone button's start tag. */
function removalScope(flow: PhoneFlow, gate: Wall, removal: PhoneRemoval): FixScope[] {
  switch (removal.kind) {
    case 'navigation':
      return [removal.reached, ...(removal.alsoReached ?? [])].map(({ call, script }) => ({
        file: script.file,
        start: call.site.statementStart,
        end: call.site.statementEnd,
        construct: "the redirect's statement",
      }));
    case 'entry-page': {
      const app = flow.phone.model.app;
      const content = app.config?.text ?? '';
      return app.entryFromEntryPagePath
        ? [jsonScope(app.configFile, content, ['entryPagePath'])]
        : [jsonScope(app.configFile, content, ['pages', 0])];
    }
    case 'request':
      if (gate.kind === 'overlay' && gate.overlay) return [elementScope(gate.overlay.document, gate.overlay.element)];
      return [startTagScope(removal.request.view.document, removal.request.view.element)];
  }
}

/** Copies a method's source with its inner lines re-based to column 0 (insertion re-indents it). */
function methodSource(
  script: ScriptFacts,
  start: number,
  end: number,
  nameStart: number,
  nameEnd: number,
  newName: string,
): string {
  const source = script.content.slice(start, nameStart) + newName + script.content.slice(nameEnd, end);
  const indent = indentationAt(script.content, start);
  // In the two-space steps generated code is written in (insertion writes them in the target file's steps).
  const unit = indentUnit(script.content);
  return source
    .split(/\r?\n/)
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .map((line) => {
      if (unit === '  ') return line;
      const leading = /^[ \t]*/.exec(line)![0];
      const steps = unit === '\t' ? leading.split('\t').length - 1 : Math.floor(leading.length / unit.length);
      return '  '.repeat(steps) + line.slice(leading.length);
    })
    .join('\n')
    .replace(/,\s*$/, '');
}

function attachToCheckout(
  flow: PhoneFlow,
  request: PersonalInfoRequest,
  checkout: CheckoutStep,
  locale: Locale,
): FixEdits & { scope: FixScope[] } {
  const model = flow.phone.model;
  const page = checkout.page;
  const script = page.script!;
  const definition = script.definition!;
  const wxml = page.wxml!;
  const trigger = checkout.trigger;
  const edits: FileEdit[] = [];
  // Names the page already uses (members, data fields, handlers named in the template) are not taken.
  const written = [script.content, wxml.content];
  const wrapper = `${CHECKOUT_WRAPPER}${uniqueSuffix(definition.members, CHECKOUT_WRAPPER, written)}`;
  const eventAttribute = `bind${request.openType.toLowerCase()}`;

  // The checkout trigger becomes the phone button; a non-button element is turned into a plain-styled button.
  const triggerBinding = checkout.binding.attribute;
  edits.push(replaceAttribute(wxml, triggerBinding, `open-type="${request.openType}" ${eventAttribute}="${wrapper}"`));
  let needsReset = false;
  if (trigger.name !== 'button') {
    needsReset = true;
    edits.push({
      file: wxml.file,
      start: trigger.start + 1,
      end: trigger.start + 1 + trigger.name.length,
      newText: 'button',
    });
    const closeTag = `</${trigger.name}>`;
    if (!trigger.selfClosing && wxml.content.slice(trigger.end - closeTag.length, trigger.end) === closeTag) {
      edits.push({
        file: wxml.file,
        start: trigger.end - closeTag.length + 2,
        end: trigger.end - 1,
        newText: 'button',
      });
    }
    const classAttribute = attribute(trigger, 'class');
    edits.push(
      classAttribute
        ? {
            file: wxml.file,
            start: classAttribute.valueEnd,
            end: classAttribute.valueEnd,
            newText: ' mp-privacy-button-reset',
          }
        : addAttributes(wxml, trigger, 'class="mp-privacy-button-reset"'),
    );
  }
  // The purpose is read by users: in the project's language (code comments follow the editor's).
  edits.push({
    ...insertBefore(
      wxml,
      trigger,
      `<view class="mp-privacy-phone-purpose">${PURPOSE_PLACEHOLDER[projectLocale(model, locale)].snippet}</view>`,
    ),
    snippet: true,
  });

  // The original handler comes along, so whatever it did with the result (login, saving the number) still happens,
  // unless it navigates: run before the order, its navigation would race the order's own flow.
  const methods: string[] = [];
  const submit = checkout.binding.handler;
  // `e: any` in TypeScript where it is declared; `e` where it is used.
  const parameter = eventParameter(script);
  const ui = projectLocale(model, locale);
  const style = codeStyleOf(script.content);
  let placeOrder = `return this.${submit}(e);`;
  let leftBehind = '';
  const handler = request.handler;
  const navigates =
    handler &&
    reachableCalls(model, handler).some(
      ({ call }) => call.kind === 'platform' && (NAVIGATION_APIS.has(call.api) || call.api === 'navigateBack'),
    );
  if (handler && navigates) {
    const origin = `${model.relative(handler.script.file)} ${handler.fn.name}`;
    leftBehind =
      locale === 'zh-cn'
        ? `\n  // mp-privacy: ${origin} 会跳转页面, 在此运行会与下单流程冲突, 因此未移过来; 如需手机号, 请在下单时把 e.detail.code 交给服务器.`
        : `\n  // mp-privacy: ${origin} navigates, which would race the order, so it is not run here; hand e.detail.code to your server with the order if it needs the number.`;
  } else if (handler) {
    const existing = definition.members.get(handler.fn.name);
    const sameFunction = handler.script === script && existing?.start === handler.fn.start;
    let name = handler.fn.name;
    if (!sameFunction) {
      if (existing) {
        const moved = `mpPrivacyMoved${name[0].toUpperCase()}${name.slice(1)}`;
        name = `${moved}${uniqueSuffix(definition.members, moved, written)}`;
      }
      const origin = model.relative(handler.script.file);
      const note =
        locale === 'zh-cn'
          ? `// mp-privacy: 从 ${origin} 移来 (原 bindgetphonenumber 处理函数). 它现在在结算时运行, 请检查其中的页面跳转.`
          : `// mp-privacy: moved from ${origin} (the original bindgetphonenumber handler). It now runs at checkout: review any navigation in it.`;
      methods.push(
        `${note}\n${methodSource(handler.script, handler.fn.start, handler.fn.end, handler.fn.nameStart, handler.fn.nameEnd, name)}`,
      );
    }
    placeOrder = `return Promise.resolve(this.${name}(e)).then(() => this.${submit}(e));`;
  }
  const comment =
    locale === 'zh-cn'
      ? `// mp-privacy: 在结算时请求手机号, 并在按钮上方说明用途; 用户提供手机号后才提交订单.`
      : `// mp-privacy: the phone number is asked for here, at checkout, with its purpose stated above the button; the order is placed once the user shares it.`;
  // The result carries a code (phone number quick verification) or, from the older component, encryptedData;
  // neither comes back when the user refuses or the verification fails (docs/rules/phone-on-entry.md).
  const declined =
    locale === 'zh-cn'
      ? `// 用户拒绝或验证失败: 留在本页, 并告诉用户原因.`
      : `// Refused, or the number could not be verified: the user stays on this page and is told why.`;
  methods.push(
    [
      `${wrapper}(${parameter}) {`,
      `  ${comment}`,
      `  if (!e.detail || !(e.detail.code || e.detail.encryptedData)) {`,
      `    ${declined}`,
      `    wx.showToast({ title: ${stringLiteral(ORDER_NEEDS_PHONE[ui], style)}, icon: ${stringLiteral('none', style)} });`,
      `    return;`,
      `  }${leftBehind}`,
      `  ${placeOrder}`,
      `}`,
    ].join('\n'),
  );
  edits.push(...addToDefinition(script, definition, methods));

  const css = [
    `/* mp-privacy: states why the phone number is asked for at checkout */`,
    `.mp-privacy-phone-purpose { font-size: 24rpx; color: #666; line-height: 1.5; margin: 16rpx 0; }`,
    needsReset
      ? `.mp-privacy-button-reset { margin: 0; padding: 0; border-radius: 0; background: none; font-size: inherit; line-height: inherit; color: inherit; text-align: inherit; }\n.mp-privacy-button-reset::after { border: none; }`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  const styles = appendStyles(page.base, page.wxss, css);
  const scope = [elementScope(wxml, trigger), definitionScope(script, definition), ...styles.scope];
  return { edits: [...edits, ...styles.edits], creations: styles.creations, scope };
}
