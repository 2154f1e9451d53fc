import type { RuleContext } from '../rule';
import type { LocalizedText } from '../../types';
import { text } from '../../types';
import type { ReachedFromEntry } from '../../analysis';
import { groupByRoot, runCondition } from '../../analysis';
import { callRange, chainEvidence, chainProse, originEvidence, originsProse } from './report-helpers';

function ownerName(context: RuleContext, found: ReachedFromEntry): string {
  const owner = found.entry.owner;
  if (owner === 'app') return context.model.relative(found.entry.ref.script.file);
  return owner.kind === 'page' ? owner.route : context.model.relative(owner.base);
}

/**
 * Reports calls that lifecycle code reaches, once per root (analysis/roots.ts): at the lifecycle's own call
 * when one page reaches it, at the shared helper when several do (each page then a related location).
 */
export function reportFromLifecycle(
  context: RuleContext,
  accept: (found: ReachedFromEntry) => boolean,
  describe: (found: ReachedFromEntry, where: LocalizedText) => { message: LocalizedText; severity?: 'error' | 'warning' | 'info' },
): void {
  // After the user confirmed a dialog ("use your location?"), the call answers the user's choice.
  const accepted = context.entries.platformCalls(() => true, 'lifecycle').filter((found) => accept(found) && runCondition(found.reached).kind !== 'user-choice');
  const whereOf = (found: ReachedFromEntry) => `${ownerName(context, found)} ${found.entry.name}`;
  const groups = groupByRoot(context.model, accepted, (found) => found.entry.ref, (found) => found.reached, whereOf);
  const seen = new Set<string>();
  for (const group of groups) {
    const found = group.members.find((m) => m.entry.onLaunchPath) ?? group.members[0];
    const range = callRange(group.site.script, group.site);
    const key = `${range.file}:${range.start}:${found.reached.call.kind === 'platform' ? found.reached.call.api : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const origins = [...new Set(group.members.map(whereOf))];
    const where = group.shared ? originsProse(origins) : text(whereOf(found), whereOf(found));
    const { message, severity } = describe(found, where);
    const timer = [...found.reached.chain.map((h) => h.call.site), found.reached.call.site].some((s) => s.context.timer);
    const onLaunchPath = group.members.some((m) => m.entry.onLaunchPath);
    context.report({
      range,
      severity,
      message,
      evidence: text(
        `${whereOf(found)} calls ${chainProse(found.reached)}${timer ? ' (in a timer)' : ''}${group.shared ? `, and so do ${origins.length - 1} more` : ''}: this runs without the user asking for it${onLaunchPath ? ', before they have seen any content' : ''}.`,
        `${whereOf(found)} 调用了 ${chainProse(found.reached)}${timer ? '（在定时器中）' : ''}${group.shared ? `，另有 ${origins.length - 1} 处同样调用` : ''}：这段代码不经用户操作就会执行${onLaunchPath ? '，而且发生在用户看到任何内容之前' : ''}。`,
      ),
      related: group.shared ? originEvidence(group.members, (m) => m.reached, whereOf) : chainEvidence(context.model, found.reached),
      fixes: [],
    });
  }
}
