import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';

/** Suppression comments that lack a reason, name no rule, or suppress nothing (checked by the analyzer). */
export const invalidSuppression = createRule({
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    title: text('Invalid suppression comment', '无效的抑制注释'),
    description: text(
      'A finding may be suppressed only with a reason a reviewer can read: `// mp-privacy-disable-next-line <rule-id> -- <reason>` in JS/TS, `<!-- mp-privacy-disable-next-line <rule-id> -- <reason> -->` in WXML. A suppression without a reason, for an unknown rule, or with nothing to suppress hides nothing useful and is reported.',
      '只有写明审阅者能看懂的原因才能抑制问题：JS/TS 中写 `// mp-privacy-disable-next-line <规则 id> -- <原因>`，WXML 中写 `<!-- mp-privacy-disable-next-line <规则 id> -- <原因> -->`。没有原因、规则不存在或没有可抑制内容的注释都会被报告。',
    ),
    howToFix: text(
      'Add the reason after " -- ", correct the rule id, or delete the comment.',
      '在“ -- ”后写明原因、改正规则 id，或删除该注释。',
    ),
    references: [REFERENCES.operationRulesPrivacy],
    // No check of its own: findings/suppressions.ts makes its findings.
    messages: {},
    evidence: {},
  },
  check() {},
});
