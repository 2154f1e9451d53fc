import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { claimPlace, startTagRange } from './support/report-helpers';
import { purposeModal, purposeModalUnavailable } from '../fixes';

/**
 * Rule 3 of the user's requirements: in an ordering or payment flow, a phone-number request must say why
 * the number is needed, next to the request. Fires on phone buttons on pages or handlers that pay or
 * submit an order, when no text around the button states a purpose.
 */
export const phonePurposeAtCheckout = createRule({
  meta: {
    id: 'phone-purpose-at-checkout',
    defaultSeverity: 'warning',
    title: text('Phone number requested at checkout without a stated purpose', '下单/支付环节索要手机号但未说明用途'),
    description: text(
      'Where a phone number is genuinely needed (delivery, booking), WeChat requires the mini program to tell the user clearly why it is collected before asking, and to leave a way to refuse; a bare phone button in the order flow does not (Platform Operation Rules §15; 2023 notice on collecting phone numbers).',
      '确需手机号的场景（配送、预约等），微信要求在请求前明确向用户说明收集的必要原因，并提供拒绝的方式；下单流程中孤零零的手机号按钮不符合要求（《微信小程序平台运营管理规范》§15；2023 年关于收集手机号的规范）。',
    ),
    howToFix: text(
      'Put a sentence next to the button that says what the number is used for (e.g. "used to contact you about delivery"), or open a dialog that explains it and offers "not now" without blocking the order.',
      '在按钮旁写明手机号的用途（例如“用于配送时联系您”），或先弹出说明弹窗，并提供不影响下单的“暂不提供”选项。',
    ),
    references: [REFERENCES.getPhoneNumber, REFERENCES.operationRulesPrivacy, REFERENCES.requestPayment],
    // A phone button that is also a nickname/avatar request is reported here, with the purpose it lacks.
    supersedes: ['user-info-wall'],
    messages: {
      noPurpose: {
        en: 'This {{openType}} request is part of an order/payment flow but nothing next to it says why the number is needed.',
        'zh-cn': '这个 {{openType}} 请求位于下单/支付流程中，但旁边没有说明为什么需要手机号。',
      },
      unwrittenPurpose: {
        en: 'Write the purpose here: the sentence next to this {{openType}} request still holds the inserted placeholder.',
        'zh-cn': '请在此写明用途：这个 {{openType}} 请求旁边的说明仍是插入的占位文字。',
        severity: 'info',
      },
    },
    evidence: {
      noPurpose: {
        en: 'On {{route}}, {{orderFlow}}; the text around the button ("{{label}}") states no purpose.',
        'zh-cn': '在 {{route}} 中，{{orderFlow}}；按钮周围的文字（“{{label}}”）没有说明用途。',
      },
      unwrittenPurpose: {
        en: 'A fix put a purpose sentence on {{route}} for a person to complete; until the bracketed part is replaced it tells users nothing.',
        'zh-cn': '修复在 {{route}} 中插入了一句待补充的用途说明；在替换括号中的内容之前，它没有告诉用户任何信息。',
      },
    },
    fixes: { 'add-purpose-modal': purposeModal },
  },
  check(context) {
    const { phone, checkout: orders } = context;
    const claimed = new Set<string>();
    for (const request of phone.requests) {
      // A button that fills a phone field the user can also type into collects nothing the user did not choose to give.
      if (request.fillsForm) continue;
      const checkout = orders.contextOf(request);
      if (!checkout) continue;
      if (orders.hasPurposeNearby(request)) {
        // A purpose sentence a fix inserted is no purpose until a person writes it: said at the placeholder.
        const unwritten = orders.unwrittenPurposeNear(request);
        const range = unwritten && { file: request.view.document.file, start: unwritten.start, end: unwritten.end };
        if (range && claimPlace(claimed, range))
          context.report({
            messageId: 'unwrittenPurpose',
            data: { openType: request.openType, route: request.page.route },
            range,
          });
        continue;
      }
      // A component's request shows on every page that uses it: one finding for its place.
      const range = startTagRange(request.view);
      if (!claimPlace(claimed, range)) continue;
      const fix = context.fix('add-purpose-modal', { request, model: context.model });
      context.report({
        messageId: 'noPurpose',
        data: {
          openType: request.openType,
          route: request.page.route,
          orderFlow: checkout.evidence,
          label: request.label,
        },
        range,
        related: checkout.range
          ? [{ range: checkout.range, message: text('the order/payment call', '下单/支付调用') }]
          : [],
        fixes: [fix],
        fixUnavailable: fix ? undefined : purposeModalUnavailable(request),
      });
    }
  },
});
