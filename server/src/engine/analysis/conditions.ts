import type { LocalizedText } from '../types';
import { text } from '../types';
import type { CallSite, Continuation, Guard } from '../parse';
import type { ReachedCall } from './reach';
import { memoize } from '../model';

/**
 * Under which condition a reached call runs, from the guards and continuations of every call on its chain
 * (parse/script.ts records them). The kinds grade findings; they never make one on their own:
 *   - `always`: nothing on the way decides;
 *   - `user-state`: what the app knows of the user (a token, a login flag, a bound phone, an authorization);
 *   - `server-answer`: a request's answer (a status or error code, a `fail` callback, code after `await request`);
 *   - `user-choice`: the user's answer to a dialog (`wx.showModal` success, `res.confirm`);
 *   - `other`: some other condition (a scene value, an option), which the analysis cannot read.
 * Words only tell user state from a server answer; whether there is a condition at all is structural.
 */
export type ConditionKind = 'always' | 'user-state' | 'server-answer' | 'user-choice' | 'other';

export interface RunCondition {
  kind: ConditionKind;
  /** The condition is about the user's phone number (no phone on record, phone not bound). */
  aboutPhone: boolean;
  /** The guard's source text that decided the kind (cut short), when a guard did. */
  test?: string;
  /** "when a request answers `res.code === 401`", for messages. Empty for `always`. */
  phrase: LocalizedText;
}

const DIALOG_APIS = new Set(['showModal', 'showActionSheet']);
const REQUEST_APIS = new Set(['request', 'uploadFile', 'downloadFile']);
const STATE_APIS = new Set(['getSetting', 'checkSession', 'getStorage', 'getStorageSync', 'getPrivacySetting']);
/** What a request helper is called: the receiver of `.then`/`await`, or a helper taking `{ success }`. */
const REQUEST_RECEIVER = /request|http|fetch|ajax|axios|\bapi\b|\.(get|post|put|delete)\b|\b(get|post)\(/i;
const SERVER_ANSWER_TEST =
  /statusCode|\b(err)?code\b|errcode|errno|\bstatus\b|\b(401|403|40\d|50\d)\b|res\.data|\.success\b|result/i;
const USER_STATE_TEST =
  /token|login|logged|session|openid|unionid|user_?id|userinfo|member|auth|phone|mobile|\btel\b|bind|register|storage/i;
const PHONE_TEST = /phone|mobile|\btel\b/i;
/** A dialog's answer, or the result of an authorization the user just answered (`e.detail.code`, `errMsg`). */
const CHOICE_TEST =
  /\bconfirm\b|\bcancel\b|tapIndex|\b(e|ev|evt|event)\.detail\b|detail\.(code|errMsg|encryptedData|userInfo)/;

const NONE = text('', '');

function sitesOf(reached: ReachedCall): CallSite[] {
  return [...reached.chain.map((hop) => hop.call.site), reached.call.site];
}

export function runCondition(reached: ReachedCall): RunCondition {
  // A function of the chain's call sites alone: remembered on the reached call, which keeps its identity while
  // the modules it runs through are unchanged (reach.ts).
  return memoize(reached, CONDITION_SLOT, undefined, () => findRunCondition(reached));
}

const CONDITION_SLOT = {};

function findRunCondition(reached: ReachedCall): RunCondition {
  const guards: Guard[] = [];
  const continuations: Continuation[] = [];
  for (const site of sitesOf(reached)) {
    // Item by item, not push(...): a call nested in thousands of conditions must not overflow the stack.
    for (const guard of site.guards ?? []) guards.push(guard);
    for (const continuation of site.continuations ?? []) continuations.push(continuation);
  }
  const tests = guards.filter((g) => g.kind !== 'catch').map((g) => g.test);
  const aboutPhone = tests.some((t) => PHONE_TEST.test(t));
  const quoted = (test: string) => `\`${test.replace(/\s+/g, ' ').replace(/`/g, "'")}\``;

  const dialog = continuations.find((c) => c.via === 'option' && c.api !== undefined && DIALOG_APIS.has(c.api));
  if (dialog || tests.some((t) => CHOICE_TEST.test(t))) {
    return {
      kind: 'user-choice',
      aboutPhone,
      phrase: text('after the user confirms a dialog', '在用户确认对话框之后'),
    };
  }

  const answered = continuations.some(
    (c) =>
      (c.api !== undefined && REQUEST_APIS.has(c.api)) ||
      ((c.via === 'then' || c.via === 'await' || c.via === 'option') &&
        c.api === undefined &&
        REQUEST_RECEIVER.test(c.receiver)),
  );
  // Code in a request's callback (or after awaiting one) runs when the server answered; a status or error
  // code test also says so when the request itself was made further up (an interceptor, a response handler).
  const serverTest = tests.find((t) => SERVER_ANSWER_TEST.test(t));
  if (answered || serverTest) {
    const test = serverTest ?? tests[0];
    const failed =
      continuations.some((c) => c.option === 'fail' || c.via === 'catch') || guards.some((g) => g.kind === 'catch');
    return {
      kind: 'server-answer',
      aboutPhone,
      test,
      phrase: test
        ? text(`when a request answers ${quoted(test)}`, `在请求返回 ${quoted(test)} 时`)
        : failed
          ? text('when a request fails', '在请求失败时')
          : text('after a request answers', '在请求返回之后'),
    };
  }

  const stateTest = tests.find((t) => USER_STATE_TEST.test(t));
  const stateContinuation = continuations.find((c) => c.api !== undefined && STATE_APIS.has(c.api));
  if (stateTest || (stateContinuation && tests.length)) {
    const test = stateTest ?? tests[0];
    return { kind: 'user-state', aboutPhone, test, phrase: text(`when ${quoted(test)}`, `在 ${quoted(test)} 时`) };
  }

  if (tests.length || guards.length) {
    const test = tests[0] ?? 'catch';
    return { kind: 'other', aboutPhone, test, phrase: text(`when ${quoted(test)}`, `在 ${quoted(test)} 时`) };
  }
  return { kind: 'always', aboutPhone, phrase: NONE };
}
