import type { LocalizedText, RelatedEvidence } from '../../types';
import { text } from '../../types';
import type { AutoNavigation } from '../../analysis';
import type { ProjectModel } from '../../model';
import type { PhoneRemoval } from '../../fixes';
import {
  chainEvidence,
  navigationOrigin,
  originEvidence,
  redirectKind,
  sameRedirects,
  sharedRedirectAdvice,
  startTagRange,
} from './report-helpers';
import type { NavigationFinding } from './report-helpers';

/** What a finding about a redirect to a phone wall carries besides its words. */
export interface PhoneRedirectParts<F> {
  kind: ReturnType<typeof redirectKind>;
  fix: F | undefined;
  related: RelatedEvidence[];
  fixUnavailable: LocalizedText | undefined;
}

/**
 * The parts phone-on-entry and phone-while-browsing share for a redirect to a phone wall: the move fix only for
 * a redirect of its own that always runs (moving a shared or conditional one would change other pages' flow),
 * the chain (or every origin of a shared redirect) and the phone request as evidence, and why there is no fix
 * otherwise. `navigations` are the redirects of the same kind (launch or browsing), for the fix to remove the
 * others made at the same call site.
 */
export function phoneRedirectParts<F>(
  model: ProjectModel,
  found: NavigationFinding,
  navigations: readonly AutoNavigation[],
  move: (removal: PhoneRemoval) => F | undefined,
  noCheckout: () => LocalizedText,
): PhoneRedirectParts<F> {
  const { gate: wall, shared } = found;
  const navigation = found.members[0];
  const kind = redirectKind(found);
  const movable = !shared && kind === 'always';
  const fix = movable
    ? move({
        kind: 'navigation',
        reached: navigation.reached,
        alsoReached: sameRedirects(navigations, navigation),
      })
    : undefined;
  const related = [
    ...(shared
      ? originEvidence(
          found.members,
          (m) => m.reached,
          (m) => navigationOrigin(model, m),
        )
      : chainEvidence(model, navigation.reached)),
    {
      range: startTagRange(wall.request.view),
      message: text(`the phone request on ${wall.page.route}`, `${wall.page.route} 上的手机号请求`),
    },
  ];
  const fixUnavailable = fix ? undefined : movable ? noCheckout() : sharedRedirectAdvice;
  return { kind, fix, related, fixUnavailable };
}
