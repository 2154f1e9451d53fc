/**
 * The typed rule contract (rules/rule.ts): a rule reports only the messages it declares, with exactly the data
 * its templates name, and offers only the fixes it declares. The compile-time half is checked by tsc: each
 * `@ts-expect-error` below must be an error, or the build (and so `npm test`) fails.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRule, type RuleFinding, type RuleHost } from '../../server/src/engine/rules/rule';
import { defineFix } from '../../server/src/engine/fixes';
import { fillTemplate } from '../../server/src/engine/text/template';
import { text } from '../../server/src/engine';

const greet = defineFix({
  title: { en: 'Greet {{name}}', 'zh-cn': '问候 {{name}}' },
  offer(name: string) {
    return name ? { data: { name }, build: () => ({ edits: [], creations: [] }) } : undefined;
  },
});

const meta = {
  id: 'contract-example',
  defaultSeverity: 'error' as const,
  title: text('Example', '示例'),
  description: text('An example rule.', '示例规则。'),
  howToFix: text('Nothing.', '无需处理。'),
  references: [],
};

/** Runs a rule's check with a host that only collects what it emits. */
function run(rule: ReturnType<typeof createRule>): RuleFinding[] {
  const found: RuleFinding[] = [];
  rule.check({ emit: (finding: RuleFinding) => found.push(finding) } as unknown as RuleHost);
  return found;
}

const range = { file: '/p/app.json', start: 0, end: 1 };

describe('rule contract', () => {
  it('reports fill message and evidence from one data object in both locales; a softer message carries its severity; fixes are typed by kind', () => {
    const rule = createRule({
      meta: {
        ...meta,
        messages: {
          hard: { en: 'Page {{route}} is wrong.', 'zh-cn': '页面 {{route}} 有误。' },
          soft: { en: 'Page {{route}} is odd.', 'zh-cn': '页面 {{route}} 可疑。', severity: 'info' },
        },
        evidence: {
          hard: { en: '{{route}}: {{why}}.', 'zh-cn': '{{route}}：{{why}}。' },
          soft: { en: 'Nothing certain.', 'zh-cn': '不确定。' },
        },
        fixes: { greet },
      },
      check(context) {
        context.report({
          messageId: 'hard',
          data: { route: 'pages/a/a', why: text('it is', '确实如此') },
          range,
          fixes: [context.fix('greet', 'Ann'), context.fix('greet', '')],
        });
        context.report({ messageId: 'soft', data: { route: 'pages/b/b' }, range });
        // Never called: what the compiler refuses.
        const misuses = () => {
          // @ts-expect-error a message the rule does not declare
          context.report({ messageId: 'unknown', range });
          // @ts-expect-error data missing a placeholder the evidence names
          context.report({ messageId: 'hard', data: { route: 'x' }, range });
          // @ts-expect-error data naming a placeholder no template has
          context.report({ messageId: 'soft', data: { route: 'x', extra: 'y' }, range });
          // @ts-expect-error a fix the rule does not declare
          context.fix('other', 'Ann');
          // @ts-expect-error the wrong arguments for a declared fix
          context.fix('greet', 42);
        };
        void misuses;
      },
    });
    const [hard, soft] = run(rule);
    assert.deepEqual(hard.message, text('Page pages/a/a is wrong.', '页面 pages/a/a 有误。'));
    assert.deepEqual(hard.evidence, text('pages/a/a: it is.', 'pages/a/a：确实如此。'));
    assert.equal(hard.severity, undefined, 'the default severity is settled by the analyzer');
    assert.deepEqual(
      hard.fixes.map((fix) => [fix.kind, fix.title.en, fix.title['zh-cn']]),
      [['greet', 'Greet Ann', '问候 Ann']],
      'a fix not offered here is left out',
    );
    assert.equal(soft.severity, 'info');
    assert.deepEqual(soft.evidence, text('Nothing certain.', '不确定。'));
  });

  it('fills a template in one pass: text from the data is never read as a template', () => {
    assert.deepEqual(
      fillTemplate({ en: 'label "{{label}}" costs $1', 'zh-cn': '文字“{{label}}”' }, { label: '{{item}} $&' }),
      text('label "{{item}} $&" costs $1', '文字“{{item}} $&”'),
    );
  });
});
