import type { RuleFacts } from '../rule';
import type { LocalizedText, RelatedEvidence, SourceRange } from '../../types';
import { text } from '../../types';
import type { ReachedFromEntry } from '../../analysis';
import { groupByRoot, runCondition } from '../../analysis';
import { memoize } from '../../model';
import { callRange, chainEvidence, chainProse, originEvidence, originsProse } from './report-helpers';

const WHERE_SLOT = {};

/** `pages/a/a onLoad`: remembered on the entry point (lists of entries are remembered on their unit). */
function whereOf(context: RuleFacts, found: ReachedFromEntry): string {
  return memoize(found.entry, WHERE_SLOT, undefined, () => {
    const owner = found.entry.owner;
    const name =
      owner === 'app'
        ? context.model.relative(found.entry.ref.script.file)
        : owner.kind === 'page'
          ? owner.route
          : context.model.relative(owner.base);
    return `${name} ${found.entry.name}`;
  });
}

/** Why a lifecycle call runs without the user, shared by the rules about lifecycle calls (their evidence template). */
export const LIFECYCLE_EVIDENCE = {
  en: '{{origin}} calls {{chain}}{{timer}}{{others}}: this runs without the user asking for it{{beforeContent}}.',
  'zh-cn': '{{origin}} 调用了 {{chain}}{{timer}}{{others}}：这段代码不经用户操作就会执行{{beforeContent}}。',
} as const;

const NOTHING = text('', '');

/** A call lifecycle code reaches, where to report it, and the data of LIFECYCLE_EVIDENCE. */
export interface LifecycleCall {
  found: ReachedFromEntry;
  range: SourceRange;
  related: RelatedEvidence[];
  /** The lifecycle that runs it, or how many do when they share the call. */
  where: LocalizedText;
  /** Some lifecycle reaching it runs on the launch path (before the user has seen any content). */
  onLaunchPath: boolean;
  evidence: {
    origin: string;
    chain: string;
    timer: LocalizedText;
    others: LocalizedText;
    beforeContent: LocalizedText;
  };
}

/**
 * Platform calls of the APIs `acceptApi` takes (and `accept`, when given, of those) that lifecycle code reaches,
 * once per root (analysis/roots.ts): at the lifecycle's own call when one page reaches it, at the shared helper
 * when several do (each page then a related location). Asking by API visits only those calls of each unit.
 */
export function lifecycleCalls(
  context: RuleFacts,
  acceptApi: (api: string) => boolean,
  accept: (found: ReachedFromEntry) => boolean = () => true,
): LifecycleCall[] {
  // After the user confirmed a dialog ("use your location?"), the call answers the user's choice.
  const accepted = context.entries
    .platformCalls(acceptApi, 'lifecycle')
    .filter((found) => accept(found) && runCondition(found.reached).kind !== 'user-choice');
  const groups = groupByRoot(
    context.model,
    accepted,
    (found) => found.entry.ref,
    (found) => found.reached,
    (found) => whereOf(context, found),
  );
  const seen = new Set<string>();
  const calls: LifecycleCall[] = [];
  for (const group of groups) {
    const found = group.members.find((m) => m.entry.onLaunchPath) ?? group.members[0];
    const range = callRange(group.site.script, group.site);
    const key = `${range.file}:${range.start}:${found.reached.call.kind === 'platform' ? found.reached.call.api : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const origins = [...new Set(group.members.map((member) => whereOf(context, member)))];
    const where = group.shared ? originsProse(origins) : text(whereOf(context, found), whereOf(context, found));
    const timer = [...found.reached.chain.map((h) => h.call.site), found.reached.call.site].some(
      (s) => s.context.timer,
    );
    const onLaunchPath = group.members.some((m) => m.entry.onLaunchPath);
    calls.push({
      found,
      range,
      related: group.shared
        ? originEvidence(
            group.members,
            (m) => m.reached,
            (m) => whereOf(context, m),
          )
        : chainEvidence(context.model, found.reached),
      where,
      onLaunchPath,
      evidence: {
        origin: whereOf(context, found),
        chain: chainProse(found.reached),
        timer: timer ? text(' (in a timer)', '（在定时器中）') : NOTHING,
        others: group.shared
          ? text(`, and so do ${origins.length - 1} more`, `，另有 ${origins.length - 1} 处同样调用`)
          : NOTHING,
        beforeContent: onLaunchPath
          ? text(', before they have seen any content', '，而且发生在用户看到任何内容之前')
          : NOTHING,
      },
    });
  }
  return calls;
}
