import type { Locale } from '../types';
import { vocabulary } from '../analysis';

const { UNWRITTEN_PURPOSE } = vocabulary;

/**
 * The purpose sentence a fix inserts. It contains a purpose phrase ("用于" / "used to") so the rule
 * accepts it, and a bracketed part the developer must replace with the real purpose (a snippet tab stop
 * where the client supports it).
 */
export const PURPOSE_PLACEHOLDER: Record<Locale, { snippet: string; plain: string }> = {
  en: {
    snippet: `Your phone number is used to \${1:${UNWRITTEN_PURPOSE.en}}.`,
    plain: `Your phone number is used to ${UNWRITTEN_PURPOSE.en}.`,
  },
  'zh-cn': {
    snippet: `你的手机号将用于\${1:${UNWRITTEN_PURPOSE['zh-cn']}}。`,
    plain: `你的手机号将用于${UNWRITTEN_PURPOSE['zh-cn']}。`,
  },
};

/** '' or a number that makes `base + suffix` a new member name (a fix applied twice on one page). */
export function uniqueSuffix(members: ReadonlyMap<string, unknown>, base: string): string {
  if (!members.has(base)) return '';
  let n = 2;
  while (members.has(`${base}${n}`)) n++;
  return String(n);
}
