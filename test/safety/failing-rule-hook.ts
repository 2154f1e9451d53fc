/**
 * A test hook, preloaded with `node --require` into the real CLI and language server by exit-codes.test.ts:
 * makes the rule named by MP_PRIVACY_TEST_FAILING_RULE throw, as a bug in it would. The product never reads
 * that variable; only this file does, and it is loaded only where a test asks for it. (node --test also loads
 * every .js file under out/test/ as a test file: without the variable this module does nothing.)
 */
import { allRules } from '../../server/src/engine/rules';

const ruleId = process.env.MP_PRIVACY_TEST_FAILING_RULE;
if (ruleId) {
  const rule = allRules.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`failing-rule-hook: no rule ${ruleId}`);
  rule.check = () => {
    throw new Error(`injected failure in ${ruleId}`);
  };
}
