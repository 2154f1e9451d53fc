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

/**
 * '' or the smallest number from 2 that makes every `base + suffix` a new name: not a member of the definition
 * and not written anywhere in `texts` (the page's script and template, where a data field or handler may be
 * used without being a member yet). A fix applied twice on one page, or a page that has the name already,
 * gets `…2`.
 */
export function uniqueSuffix(
  members: ReadonlyMap<string, unknown>,
  bases: string | string[],
  texts: readonly string[] = [],
): string {
  const names = typeof bases === 'string' ? [bases] : bases;
  const taken = (suffix: string) =>
    names.some((base) => members.has(base + suffix) || texts.some((text) => text.includes(base + suffix)));
  if (!taken('')) return '';
  let n = 2;
  while (taken(String(n))) n++;
  return String(n);
}

/** The names add-purpose-modal adds to a page (native, Vue or JSX): none may clash with one the page has (uniqueSuffix). */
export const PHONE_MODAL_NAMES = [
  'mpPrivacyPhonePurposeVisible',
  'mpPrivacySetPhonePurposeVisible',
  'mpPrivacyOpenPhonePurpose',
  'mpPrivacyOnPhoneNumber',
  'mpPrivacyDeclinePhone',
];
