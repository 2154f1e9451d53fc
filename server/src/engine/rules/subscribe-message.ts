import type { RuleModule } from './rule';
import type { LocalizedText } from '../types';
import { text } from '../types';
import { REFERENCES } from './references';
import { asynchronousReason, isTapEntry, runsSynchronously, callRangeOf, describeCall, handlerOf, FunctionRef, reachableCalls, resolveCall } from '../analysis';
import { attribute, eventBindings, elementsNamed } from '../parse';
import type { ProjectModel } from '../model';

/** The start function and every function it reaches that the project defines. */
function functionsReached(model: ProjectModel, start: FunctionRef): FunctionRef[] {
  const refs = [start];
  for (const reached of reachableCalls(model, start)) {
    const next = resolveCall(model, reached.script, reached.call);
    if (next) refs.push(next);
  }
  return refs;
}
import { startTagRange } from './report-helpers';

const REASONS: Record<string, LocalizedText> = {
  timer: text('it runs in a timer started by the handler', '它在处理函数启动的定时器中执行'),
  await: text('it runs after an `await` in the handler', '它在处理函数中的 `await` 之后执行'),
  callback: text('it runs in the callback of an asynchronous call (wx.request, a promise…)', '它在异步调用（wx.request、Promise 等）的回调中执行'),
  lifecycle: text('it runs from lifecycle code, not from a tap', '它由生命周期代码执行，而不是由点击触发'),
  event: text('it runs from a non-tap event', '它由非点击事件触发'),
};

export const subscribeMessageWithoutTap: RuleModule = {
  meta: {
    id: 'subscribe-message-without-tap',
    defaultSeverity: 'error',
    title: text('Subscribe message requested outside a tap', '在点击之外请求订阅消息'),
    description: text(
      'wx.requestSubscribeMessage may only be called when the user taps (or, since 2.8.2, after a payment); WeChat rejects other calls with "can only be invoked by user TAP gesture". Code after an `await`, in a timer or in the callback of wx.request or a promise is no longer the tap. The success callback of wx.requestPayment, and of wx.showModal/wx.showActionSheet (the user just tapped the dialog), are accepted.',
      'wx.requestSubscribeMessage 只能在用户点击时调用（自 2.8.2 起也可在支付之后调用）；其他情况微信会返回 “can only be invoked by user TAP gesture”。`await` 之后、定时器中、wx.request 或 Promise 回调中的代码都不再属于这次点击。wx.requestPayment 的 success 回调，以及 wx.showModal/wx.showActionSheet 的 success 回调（用户刚点击了弹窗按钮）不报告。',
    ),
    howToFix: text('Call wx.requestSubscribeMessage first thing in the bindtap handler, before any await or request; send the result to the server afterwards.', '在 bindtap 处理函数中最先调用 wx.requestSubscribeMessage（在任何 await 或请求之前），之后再把结果发送给服务器。'),
    references: [REFERENCES.subscribeMessage, REFERENCES.subscribeGuide, REFERENCES.requestPayment],
    fixKinds: [],
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
      if (fromTap.some((i) => runsSynchronously(i.reached, true))) continue;
      const witness = fromTap[0] ?? items.find((i) => i.entry.kind === 'gesture') ?? items[0];
      const reason = witness.entry.kind === 'lifecycle' ? 'lifecycle' : !isTapEntry(context.model, witness.entry) ? 'event' : asynchronousReason(witness.reached) ?? 'callback';
      const handler = witness.entry.ref.fn.name;
      context.report({
        range: callRangeOf(witness.reached),
        message: text(`wx.requestSubscribeMessage is not called directly in a tap, so WeChat rejects it: ${REASONS[reason].en}.`, `wx.requestSubscribeMessage 不是在点击中直接调用的，微信会拒绝：${REASONS[reason]['zh-cn']}。`),
        evidence: text(
          `Reached from ${handler}() (${witness.entry.kind === 'gesture' ? `bind${witness.entry.name}` : 'lifecycle'}) through ${[...witness.reached.chain.map((h) => describeCall(h.call)), 'wx.requestSubscribeMessage'].join(' → ')}.`,
          `从 ${handler}()（${witness.entry.kind === 'gesture' ? `bind${witness.entry.name}` : '生命周期'}）经 ${[...witness.reached.chain.map((h) => describeCall(h.call)), 'wx.requestSubscribeMessage'].join(' → ')} 调用。`,
        ),
        related: witness.entry.binding ? [{ range: startTagRange(witness.entry.binding.view), message: text('the element whose event starts it', '触发它的元素') }] : [],
        fixes: [],
      });
    }
  },
};

export const reportSubmitFormId: RuleModule = {
  meta: {
    id: 'report-submit-formid',
    defaultSeverity: 'warning',
    title: text('Form IDs collected for retired template messages', '为已下线的模板消息收集 formId'),
    description: text(
      'Template messages, sent with the formId that `<form report-submit>` produces, were retired in favour of subscribe messages (from 2020-01-10). Sending formIds to a server today collects identifiers for pushes the user never agreed to; a leftover `report-submit` attribute is harmless but dead (info).',
      '模板消息（依赖 `<form report-submit>` 产生的 formId 发送）已下线（2020-01-10 起），由订阅消息替代。现在仍把 formId 发送到服务器，是在为用户从未同意的推送收集标识；残留的 `report-submit` 属性本身无害但已无用（提示）。',
    ),
    howToFix: text('Remove report-submit and the formId upload; ask for a subscription with wx.requestSubscribeMessage in a tap instead.', '删除 report-submit 和 formId 上传；改为在点击中用 wx.requestSubscribeMessage 请求订阅。'),
    references: [REFERENCES.templateMessage, REFERENCES.form],
    fixKinds: ['remove-report-submit'],
  },
  check(context) {
    const { model } = context;
    const units = [...model.pages, ...model.components()];
    for (const unit of units) {
      if (!unit.wxml) continue;
      const document = unit.wxml;
      for (const element of elementsNamed(document, 'form')) {
        const reportSubmit = attribute(element, 'report-submit');
        if (!reportSubmit || /^\s*(false|\{\{\s*false\s*\}\})\s*$/.test(reportSubmit.value)) continue;
        const submit = eventBindings(element).find((b) => b.event === 'submit');
        const handler = submit && handlerOf(unit, submit.handler);
        const functions = handler ? functionsReached(model, handler) : [];
        const readsFormId = functions.some((ref) => /formId|form_id/.test(ref.script.content.slice(ref.fn.start, ref.fn.end)));
        const sends = handler ? reachableCalls(model, handler).some((r) => r.call.kind === 'platform' && (r.call.api === 'request' || r.call.api === 'uploadFile')) : false;
        const harvesting = readsFormId && sends;
        context.report({
          range: { file: document.file, start: reportSubmit.start, end: reportSubmit.end },
          severity: harvesting ? 'warning' : 'info',
          message: harvesting
            ? text(`This form's formId is read and sent on (${submit!.handler}()), for template messages that no longer exist.`, `该表单的 formId 被读取并发送（${submit!.handler}()），用于已下线的模板消息。`)
            : text('report-submit is left over from retired template messages and does nothing useful.', 'report-submit 是已下线模板消息的残留，已无实际作用。'),
          evidence: harvesting
            ? text(`${submit!.handler}() reads formId and passes it to a request.`, `${submit!.handler}() 读取 formId 并传给请求。`)
            : text('No code reads the formId it produces.', '没有代码读取它产生的 formId。'),
          related: [],
          fixes: [{
            kind: 'remove-report-submit',
          automatic: true,
            title: text('Remove report-submit', '删除 report-submit'),
            build: () => {
              let start = reportSubmit.start;
              while (start > 0 && /\s/.test(document.content[start - 1])) start--;
              return { edits: [{ file: document.file, start, end: reportSubmit.end, newText: '' }], creations: [] };
            },
          }],
        });
      }
    }
  },
};
