import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { startTagRange } from './support/report-helpers';
import { asynchronousReason, callRangeOf, describeCall, isTapEntry, runsSynchronously } from '../analysis';
import type { EntryPoint, Hop } from '../analysis';
import { isSynchronous } from '../parse';

/** How the entry starts, for the evidence: the event binding or lifecycle code. */
const triggerOf = (entry: EntryPoint) =>
  entry.kind === 'gesture' ? text(`bind${entry.name}`, `bind${entry.name}`) : text('lifecycle', '生命周期');

const REACHED_FROM = {
  en: 'Reached from {{handler}}() ({{trigger}}) through {{chain}}.',
  'zh-cn': '从 {{handler}}()（{{trigger}}）经 {{chain}} 调用。',
} as const;

export const subscribeMessageWithoutTap = createRule({
  meta: {
    id: 'subscribe-message-without-tap',
    defaultSeverity: 'error',
    title: text('Subscribe message requested outside a tap', '在点击之外请求订阅消息'),
    description: text(
      'wx.requestSubscribeMessage may only be called when the user taps (or, since 2.8.2, after a payment); WeChat rejects other calls with "can only be invoked by user TAP gesture". Code after an `await`, in a timer or in the callback of wx.request or a promise is no longer the tap. The success callback of wx.requestPayment, and of wx.showModal/wx.showActionSheet (the user just tapped the dialog), are accepted.',
      'wx.requestSubscribeMessage 只能在用户点击时调用（自 2.8.2 起也可在支付之后调用）；其他情况微信会返回 “can only be invoked by user TAP gesture”。`await` 之后、定时器中、wx.request 或 Promise 回调中的代码都不再属于这次点击。wx.requestPayment 的 success 回调，以及 wx.showModal/wx.showActionSheet 的 success 回调（用户刚点击了弹窗按钮）不报告。',
    ),
    howToFix: text(
      'Call wx.requestSubscribeMessage first thing in the bindtap handler, before any await or request; send the result to the server afterwards.',
      '在 bindtap 处理函数中最先调用 wx.requestSubscribeMessage（在任何 await 或请求之前），之后再把结果发送给服务器。',
    ),
    references: [REFERENCES.subscribeMessage, REFERENCES.subscribeGuide, REFERENCES.requestPayment],
    // One message per reason the call is no longer the tap.
    messages: {
      timer: {
        en: 'wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: it runs in a timer started by the handler.',
        'zh-cn': 'wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：它在处理函数启动的定时器中执行。',
      },
      await: {
        en: 'wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: it runs after an `await` in the handler.',
        'zh-cn': 'wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：它在处理函数中的 `await` 之后执行。',
      },
      callback: {
        en: 'wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: it runs in the callback of an asynchronous call (wx.request, a promise…).',
        'zh-cn':
          'wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：它在异步调用（wx.request、Promise 等）的回调中执行。',
      },
      lifecycle: {
        en: 'wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: it runs from lifecycle code, not from a tap.',
        'zh-cn':
          'wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：它由生命周期代码执行，而不是由点击触发。',
      },
      event: {
        en: 'wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: it runs from a non-tap event.',
        'zh-cn': 'wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：它由非点击事件触发。',
      },
    },
    evidence: {
      timer: REACHED_FROM,
      await: REACHED_FROM,
      callback: REACHED_FROM,
      lifecycle: REACHED_FROM,
      event: REACHED_FROM,
    },
  },
  check(context) {
    const { entries } = context;
    const found = entries.platformCalls((api) => api === 'requestSubscribeMessage');
    const bySite = new Map<string, typeof found>();
    for (const item of found) {
      const key = `${item.reached.script.file}:${item.reached.call.site.start}`;
      bySite.set(key, [...(bySite.get(key) ?? []), item]);
    }
    for (const items of bySite.values()) {
      const fromTap = items.filter((i) => isTapEntry(context.model, i.entry));
      if (fromTap.some((i) => runsSynchronously(i.reached, true))) {
        // Fine where a tap reaches it directly (a shared helper, a store mutation committed in the tap); a tap
        // that reaches it only after a request, an await or a timer is reported at the last call of the chain made after it (in a callback, after an await, in a timer).
        const late = new Map<string, { item: (typeof fromTap)[number]; hop: Hop }>();
        for (const item of fromTap) {
          const hop = runsSynchronously(item.reached, true)
            ? undefined
            : [...item.reached.chain]
                .reverse()
                .find((h) => !isSynchronous(h.call.site.context) && !h.call.site.context.userCallback);
          const key = hop && `${hop.script.file}:${hop.call.site.start}`;
          if (hop && key && !late.has(key)) late.set(key, { item, hop });
        }
        for (const { item, hop } of late.values()) {
          const chain = [...item.reached.chain.map((h) => describeCall(h.call)), 'wx.requestSubscribeMessage'].join(
            ' → ',
          );
          context.report({
            messageId: asynchronousReason(item.reached) ?? 'callback',
            data: { handler: item.entry.ref.fn.name, trigger: triggerOf(item.entry), chain },
            range: callRangeOf(hop),
          });
        }
        continue;
      }
      const witness = fromTap.at(0) ?? items.find((i) => i.entry.kind === 'gesture') ?? items[0];
      const reason =
        witness.entry.kind === 'lifecycle'
          ? 'lifecycle'
          : !isTapEntry(context.model, witness.entry)
            ? 'event'
            : (asynchronousReason(witness.reached) ?? 'callback');
      const chain = [...witness.reached.chain.map((h) => describeCall(h.call)), 'wx.requestSubscribeMessage'].join(
        ' → ',
      );
      const trigger = triggerOf(witness.entry);
      context.report({
        messageId: reason,
        data: { handler: witness.entry.ref.fn.name, trigger, chain },
        range: callRangeOf(witness.reached),
        related: witness.entry.binding
          ? [
              {
                range: startTagRange(witness.entry.binding.view),
                message: text('the element whose event starts it', '触发它的元素'),
              },
            ]
          : [],
      });
    }
  },
});
