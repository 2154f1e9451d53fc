/**
 * A test hook, preloaded with `node --require` into the real CLI and language server by the safety tests:
 *   MP_PRIVACY_TEST_FAILING_RULE=<id>     the rule throws, as a bug in it would (exit-codes.test.ts);
 *   MP_PRIVACY_TEST_SLOW_RULE=<id>:<ms>   the rule first keeps the thread busy for <ms> ms, as a slow analysis
 *                                         would (lsp-responsiveness.test.ts).
 * The product never reads these variables; only this file does, and it is loaded only where a test asks for
 * it. (node --test also loads every .js file under out/test/ as a test file: without them it does nothing.)
 */
import { allRules } from '../../server/src/engine/rules';

function ruleNamed(id: string) {
  const rule = allRules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`rule-hook: no rule ${id}`);
  return rule;
}

const failing = process.env.MP_PRIVACY_TEST_FAILING_RULE;
if (failing) {
  ruleNamed(failing).check = () => {
    throw new Error(`injected failure in ${failing}`);
  };
}

const slow = process.env.MP_PRIVACY_TEST_SLOW_RULE;
if (slow) {
  const [id, ms] = slow.split(':');
  const rule = ruleNamed(id);
  const check = rule.check.bind(rule);
  rule.check = (context) => {
    const until = Date.now() + Number(ms);
    while (Date.now() < until) {
      // busy, like a long synchronous analysis
    }
    check(context);
  };
}
