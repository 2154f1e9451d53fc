import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import type { FunctionRef } from '../analysis';
import { handlerOf, reachableCalls, resolveCall } from '../analysis';
import type { ProjectModel } from '../model';
import { attribute, elementsNamed, eventBindings } from '../parse';
import type { WxmlAttribute, WxmlDocument } from '../parse';
import { defineFix } from '../fixes';

/** The start function and every function it reaches that the project defines. */
function functionsReached(model: ProjectModel, start: FunctionRef): FunctionRef[] {
  const refs = [start];
  for (const reached of reachableCalls(model, start)) {
    const next = resolveCall(model, reached.script, reached.call);
    if (next) refs.push(next);
  }
  return refs;
}

const removeReportSubmit = defineFix({
  title: { en: 'Remove report-submit', 'zh-cn': '删除 report-submit' },
  automatic: true,
  offer({ document, attribute: reportSubmit }: { document: WxmlDocument; attribute: WxmlAttribute }) {
    return {
      build: () => {
        let start = reportSubmit.start;
        while (start > 0 && /\s/.test(document.content[start - 1])) start--;
        return {
          edits: [{ file: document.file, start, end: reportSubmit.end, newText: '' }],
          creations: [],
          scope: [{ file: document.file, start, end: reportSubmit.end, construct: 'the report-submit attribute' }],
        };
      },
    };
  },
});

export const reportSubmitFormId = createRule({
  meta: {
    id: 'report-submit-formid',
    defaultSeverity: 'warning',
    title: text('Form IDs collected for retired template messages', '为已下线的模板消息收集 formId'),
    description: text(
      'Template messages, sent with the formId that `<form report-submit>` produces, were retired in favour of subscribe messages (from 2020-01-10). Sending formIds to a server today collects identifiers for pushes the user never agreed to; a leftover `report-submit` attribute is harmless but dead (info).',
      '模板消息（依赖 `<form report-submit>` 产生的 formId 发送）已下线（2020-01-10 起），由订阅消息替代。现在仍把 formId 发送到服务器，是在为用户从未同意的推送收集标识；残留的 `report-submit` 属性本身无害但已无用（提示）。',
    ),
    howToFix: text(
      'Remove report-submit and the formId upload; ask for a subscription with wx.requestSubscribeMessage in a tap instead.',
      '删除 report-submit 和 formId 上传；改为在点击中用 wx.requestSubscribeMessage 请求订阅。',
    ),
    references: [REFERENCES.templateMessage, REFERENCES.form],
    messages: {
      harvesting: {
        en: "This form's formId is read and sent on ({{handler}}()), for template messages that no longer exist.",
        'zh-cn': '该表单的 formId 被读取并发送（{{handler}}()），用于已下线的模板消息。',
      },
      leftover: {
        en: 'report-submit is left over from retired template messages and does nothing useful.',
        'zh-cn': 'report-submit 是已下线模板消息的残留，已无实际作用。',
        severity: 'info',
      },
    },
    evidence: {
      harvesting: {
        en: '{{handler}}() reads formId and passes it to a request.',
        'zh-cn': '{{handler}}() 读取 formId 并传给请求。',
      },
      leftover: { en: 'No code reads the formId it produces.', 'zh-cn': '没有代码读取它产生的 formId。' },
    },
    fixes: { 'remove-report-submit': removeReportSubmit },
  },
  // What a form's submit handler reaches runs through the unit's script and the modules it imports (shared files).
  checkUnit(context, unit) {
    const { model } = context;
    if (!unit.wxml) return;
    const document = unit.wxml;
    for (const element of elementsNamed(document, 'form')) {
      const reportSubmit = attribute(element, 'report-submit');
      if (!reportSubmit || /^\s*(false|\{\{\s*false\s*\}\})\s*$/.test(reportSubmit.value)) continue;
      const submit = eventBindings(element).find((b) => b.event === 'submit');
      const handler = submit && handlerOf(unit, submit.handler);
      const functions = handler ? functionsReached(model, handler) : [];
      const readsFormId = functions.some((ref) =>
        /formId|form_id/.test(ref.script.content.slice(ref.fn.start, ref.fn.end)),
      );
      const sends = handler
        ? reachableCalls(model, handler).some(
            (r) => r.call.kind === 'platform' && (r.call.api === 'request' || r.call.api === 'uploadFile'),
          )
        : false;
      const range = { file: document.file, start: reportSubmit.start, end: reportSubmit.end };
      const fixes = [context.fix('remove-report-submit', { document, attribute: reportSubmit })];
      if (submit && readsFormId && sends)
        context.report({ messageId: 'harvesting', data: { handler: submit.handler }, range, fixes });
      else context.report({ messageId: 'leftover', range, fixes });
    }
  },
});
