import type { FileEdit, FixEdits, Locale, LocalizedText } from '../types';
import { text } from '../types';
import type { CheckoutStep, PersonalInfoRequest, ProjectFacts, ReachedCall, Wall } from '../analysis';
import { NAVIGATION_APIS, gestureBindings, reachableCalls } from '../analysis';
import { attribute, findJsonNode } from '../parse';
import {
  addToDefinition,
  appendStyles,
  definitionScope,
  elementScope,
  eventParameter,
  insertBefore,
  removeAttribute,
  removeOpenType,
  replaceAttribute,
  hasCleanStartTag,
  startTagScope,
} from './edit-helpers';
import { jsonTreeScope } from './json-edits';
import {
  BUTTON_RESET_CSS,
  CHECKOUT_PURPOSE_CSS,
  asButton,
  copiedSource,
  frameworkAttach,
  frameworkCheckoutProblem,
  frameworkRemovalProblem,
  tapBindingFor,
  wrapperBody,
} from './framework-checkout';
import type { CheckoutWords } from './framework-checkout';
import type { FixScope, SourceRange } from '../types';
import { PURPOSE_PLACEHOLDER, uniqueSuffix } from './shared-text';
import { defineFix } from './fix-definition';
import { projectLocale } from './project-language';
import { codeStyleOf } from './code-style';

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

/**
 * Why move-phone-to-checkout is not offered for `wall`: no checkout step, or (in a uni-app or Taro project) a
 * construct the fix does not write, as frameworkCheckoutProblem and frameworkRemovalProblem say.
 */
export function moveToCheckoutUnavailable(flow: PhoneFlow, wall?: Wall, removal?: PhoneRemoval): LocalizedText {
  const checkout = flow.checkout.step;
  if (!checkout || !wall || !checkout.page.script?.definition || !checkout.page.wxml) return noCheckoutAdvice;
  return (
    (removal?.kind === 'request' && frameworkRemovalProblem(removal.request, overlayOf(wall))) ||
    (checkout.page.wxml.dialect &&
      frameworkCheckoutProblem(wall.request, checkout, !handlerNavigates(flow, wall.request))) ||
    noCheckoutAdvice
  );
}

/** The full-screen layer a wall's removal takes away, when it is not the phone button itself. */
function overlayOf(wall: Wall) {
  return wall.kind === 'overlay' && wall.overlay ? wall.overlay.element : undefined;
}

/** Whether the phone handler navigates: run before the order, its navigation would race the order's own flow. */
function handlerNavigates(flow: PhoneFlow, request: PersonalInfoRequest): boolean {
  const handler = request.handler;
  return (
    !!handler &&
    reachableCalls(flow.phone.model, handler).some(
      ({ call }) => call.kind === 'platform' && (NAVIGATION_APIS.has(call.api) || call.api === 'navigateBack'),
    )
  );
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
    // On uni-app and Taro pages it writes Vue or JSX (fixes/framework-checkout.ts) where it can.
    const copies = !handlerNavigates(flow, gate.request);
    if (checkout.page.wxml.dialect && frameworkCheckoutProblem(gate.request, checkout, copies)) return undefined;
    if (removal.kind === 'request' && frameworkRemovalProblem(removal.request, overlayOf(gate))) return undefined;
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
      if (model.framework !== 'native') return swapPageEntries(model, entry.declaredAt, newEntry.declaredAt);
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
            : document.dialect
              ? tapBindingFor(document, request.handlerBinding.attribute)
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

/**
 * Swaps two entries of the pages list as written: uni-app's `{ "path": …, "style": … }` objects keep their
 * page's style, Taro's strings their quotes. Undefined when either is not an element of the top-level list.
 */
function swapPageEntries(model: PhoneFlow['phone']['model'], a: SourceRange, b: SourceRange): FileEdit[] | undefined {
  const config = model.app.config;
  const entries = config && findJsonNode(config, ['pages'])?.children;
  const holding = (range: SourceRange) =>
    entries?.find((node) => node.offset <= range.start && range.end <= node.offset + node.length);
  const [first, second] = [holding(a), holding(b)];
  if (!config || !first || !second || first === second) return undefined;
  const textOf = (node: typeof first) => config.text.slice(node.offset, node.offset + node.length);
  return [
    { file: model.app.configFile, start: first.offset, end: first.offset + first.length, newText: textOf(second) },
    { file: model.app.configFile, start: second.offset, end: second.offset + second.length, newText: textOf(first) },
  ];
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
      const tree = app.config?.tree;
      const length = app.config?.text.length ?? 0;
      // The config's own tree: Taro's app.config is a module, not JSON.
      return app.entryFromEntryPagePath
        ? [jsonTreeScope(app.configFile, tree, length, ['entryPagePath'])]
        : [jsonTreeScope(app.configFile, tree, length, ['pages', 0])];
    }
    case 'request':
      if (gate.kind === 'overlay' && gate.overlay) return [elementScope(gate.overlay.document, gate.overlay.element)];
      return [startTagScope(removal.request.view.document, removal.request.view.element)];
  }
}

/**
 * What the checkout edits say, in any form: the wrapper's name, the submit handler it places the order with, the
 * original phone handler (copied under a new name when the checkout page has a member of that name, with a note;
 * left where it is, with a note, when it navigates), the comments, the toast and the purpose.
 */
function checkoutWords(
  flow: PhoneFlow,
  request: PersonalInfoRequest,
  checkout: CheckoutStep,
  wrapper: string,
  locale: Locale,
  written: string[],
): CheckoutWords {
  const model = flow.phone.model;
  const script = checkout.page.script!;
  const members = script.definition!.members;
  const handler = request.handler;
  // The purpose and the toast are read by users: in the project's language (code comments follow the editor's).
  const ui = projectLocale(model, locale);
  const words: CheckoutWords = {
    wrapper,
    submit: checkout.binding.handler,
    comment:
      locale === 'zh-cn'
        ? `// mp-privacy: 在结算时请求手机号, 并在按钮上方说明用途; 用户提供手机号后才提交订单.`
        : `// mp-privacy: the phone number is asked for here, at checkout, with its purpose stated above the button; the order is placed once the user shares it.`,
    // The result carries a code (phone number quick verification) or, from the older component, encryptedData;
    // neither comes back when the user refuses or the verification fails (docs/rules/phone-on-entry.md).
    declined:
      locale === 'zh-cn'
        ? `// 用户拒绝或验证失败: 留在本页, 并告诉用户原因.`
        : `// Refused, or the number could not be verified: the user stays on this page and is told why.`,
    toast: ORDER_NEEDS_PHONE[ui],
    purpose: PURPOSE_PLACEHOLDER[ui].snippet,
  };
  if (!handler) return words;
  // The original handler comes along, so whatever it did with the result (login, saving the number) still
  // happens, unless it navigates: run before the order, its navigation would race the order's own flow.
  if (handlerNavigates(flow, request)) {
    const origin = `${model.relative(handler.script.file)} ${handler.fn.name}`;
    words.leftBehind =
      locale === 'zh-cn'
        ? `// mp-privacy: ${origin} 会跳转页面, 在此运行会与下单流程冲突, 因此未移过来; 如需手机号, 请在下单时把 e.detail.code 交给服务器.`
        : `// mp-privacy: ${origin} navigates, which would race the order, so it is not run here; hand e.detail.code to your server with the order if it needs the number.`;
    return words;
  }
  const existing = members.get(handler.fn.name);
  const sameFunction = handler.script === script && existing?.start === handler.fn.start;
  words.handler = handler.fn.name;
  if (!sameFunction) {
    if (existing) {
      const moved = `mpPrivacyMoved${words.handler[0].toUpperCase()}${words.handler.slice(1)}`;
      words.handler = `${moved}${uniqueSuffix(members, moved, written)}`;
    }
    const origin = model.relative(handler.script.file);
    const note =
      locale === 'zh-cn'
        ? `// mp-privacy: 从 ${origin} 移来 (原 bindgetphonenumber 处理函数). 它现在在结算时运行, 请检查其中的页面跳转.`
        : `// mp-privacy: moved from ${origin} (the original bindgetphonenumber handler). It now runs at checkout: review any navigation in it.`;
    words.moved = { name: words.handler, note };
  }
  return words;
}

function attachToCheckout(
  flow: PhoneFlow,
  request: PersonalInfoRequest,
  checkout: CheckoutStep,
  locale: Locale,
): FixEdits & { scope: FixScope[] } {
  const page = checkout.page;
  const script = page.script!;
  const definition = script.definition!;
  const wxml = page.wxml!;
  const trigger = checkout.trigger;
  const edits: FileEdit[] = [];
  // Names the page already uses (members, data fields, handlers named in the template) are not taken.
  const written = [script.content, wxml.content];
  const wrapper = `${CHECKOUT_WRAPPER}${uniqueSuffix(definition.members, CHECKOUT_WRAPPER, written)}`;
  const words = checkoutWords(flow, request, checkout, wrapper, locale, written);
  if (wxml.dialect) return { ...frameworkAttach(request, checkout, words), creations: [] };
  const eventAttribute = `bind${request.openType.toLowerCase()}`;

  // The checkout trigger becomes the phone button; a non-button element is turned into a plain-styled button.
  const triggerBinding = checkout.binding.attribute;
  edits.push(replaceAttribute(wxml, triggerBinding, `open-type="${request.openType}" ${eventAttribute}="${wrapper}"`));
  const needsReset = trigger.name !== 'button';
  if (needsReset) edits.push(...asButton(wxml, trigger));
  edits.push({
    ...insertBefore(wxml, trigger, `<view class="mp-privacy-phone-purpose">${words.purpose}</view>`),
    snippet: true,
  });

  const methods = words.moved ? [copiedSource(request.handler!, words.moved.name, words.moved.note, 'method')] : [];
  // `e: any` in TypeScript where it is declared; `e` where it is used.
  const body = wrapperBody(words, (name) => `this.${name}`, 'wx', { ...codeStyleOf(script.content), semicolons: true });
  methods.push([`${wrapper}(${eventParameter(script)}) {`, ...body.map((line) => `  ${line}`), `}`].join('\n'));
  edits.push(...addToDefinition(script, definition, methods));

  const css = [CHECKOUT_PURPOSE_CSS, ...(needsReset ? [BUTTON_RESET_CSS] : [])].join('\n');
  const styles = appendStyles(page.base, page.wxss, css);
  const scope = [elementScope(wxml, trigger), definitionScope(script, definition), ...styles.scope];
  return { edits: [...edits, ...styles.edits], creations: styles.creations, scope };
}
