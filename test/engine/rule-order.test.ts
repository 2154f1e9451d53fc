/**
 * Rule order does not matter: overlaps between rules are settled by the relation they declare (`supersedes`,
 * applied in findings/overlaps.ts), so running the rules in any order gives the same findings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  ProjectAnalyzer,
  allRules,
  createNodeFileSystemHost,
  findMiniProgramRoots,
  type Finding,
  type RuleModule,
} from '../../server/src/engine';
import { overlapProblems } from '../../server/src/engine/findings';
import { VIRTUAL_ROOT, virtualHost, type ProjectFiles } from '../helpers/virtual-project';
import { appJson, checkoutPage, contentPage, page } from '../helpers/mini-program';
import { examplesDir, fixturesDir } from '../helpers/paths';

const ENTRY = 'pages/checkout/checkout';
const TAB = 'pages/order/list';

/**
 * Findings several rules make at the same place: the entry page is an order page whose only action is a
 * button asking for the phone number and the nickname (phone-on-entry, phone-purpose-at-checkout and
 * user-info-wall all see it); a tab page holds the same kind of wall inside a component.
 */
const overlapping: ProjectFiles = {
  ...appJson([ENTRY, TAB, 'pages/index/index', 'pages/pay/pay'], {
    tabBar: {
      list: [
        { pagePath: TAB, text: '订单' },
        { pagePath: 'pages/index/index', text: '首页' },
      ],
    },
  }),
  ...page(
    ENTRY,
    '<view><button open-type="getPhoneNumber|getUserInfo" bindgetphonenumber="onPhone">登录</button></view>',
    'Page({ onPhone(e) {} })',
  ),
  ...page(TAB, '<view><login-card></login-card></view>', 'Page({})'),
  [`${TAB}.json`]: '{ "usingComponents": { "login-card": "/components/login-card/login-card" } }',
  'components/login-card/login-card.wxml':
    '<button open-type="getPhoneNumber|getUserInfo" bindgetphonenumber="onPhone">授权</button>',
  'components/login-card/login-card.js': 'Component({ methods: { onPhone(e) {} } })',
  ...contentPage('pages/index/index'),
  ...checkoutPage('pages/pay/pay'),
};

/** Deterministic shuffles: reversed, and seeded Fisher-Yates. */
function orders(rules: readonly RuleModule[]): RuleModule[][] {
  const shuffled = (seed: number) => {
    const list = [...rules];
    let state = seed;
    for (let i = list.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
  return [[...rules].reverse(), shuffled(1), shuffled(7), shuffled(2026)];
}

const summary = (findings: Finding[]) =>
  findings.map(
    (f) =>
      `${f.ruleId} ${f.severity} ${f.range.file}:${f.range.start} ${f.message.en} | ${f.fixes.map((x) => x.kind).join(',')}`,
  );

describe('rule order', () => {
  it('the supersedes relation names known rules and has no cycle', () => {
    assert.deepEqual(overlapProblems(allRules.map((rule) => rule.meta)), []);
    assert.deepEqual(
      overlapProblems([
        { id: 'a', supersedes: ['b'] },
        { id: 'b', supersedes: ['a'] },
        { id: 'c', supersedes: ['z'] },
      ]),
      ['c supersedes an unknown rule z', 'a supersedes itself through a cycle', 'b supersedes itself through a cycle'],
    );
  });

  it('a superseded rule stays quiet where a superseding rule reports the same place', () => {
    const only = (ids: string[]) =>
      new ProjectAnalyzer(virtualHost(overlapping), { rules: allRules.filter((r) => ids.includes(r.meta.id)) }).analyze(
        VIRTUAL_ROOT,
      ).findings;
    const places = (findings: Finding[], ruleId: string) =>
      findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.file}:${f.range.start}`);
    const all = only(allRules.map((r) => r.meta.id));
    const onEntry = places(all, 'phone-on-entry');
    assert.ok(onEntry.length > 0, 'phone-on-entry reports the entry page');
    // Run alone, each rule reports the entry page's button; with phone-on-entry, neither does there.
    for (const ruleId of ['user-info-wall', 'phone-purpose-at-checkout']) {
      assert.ok(
        places(only([ruleId]), ruleId).some((place) => onEntry.includes(place)),
        `${ruleId} alone reports the entry page's button`,
      );
      assert.ok(!places(all, ruleId).some((place) => onEntry.includes(place)), `${ruleId} is superseded there`);
    }
  });

  it('running the rules in another order gives the same findings, in the same order', () => {
    const projects: { name: string; host: ReturnType<typeof virtualHost>; roots: string[] }[] = [
      { name: 'overlapping', host: virtualHost(overlapping), roots: [VIRTUAL_ROOT] },
    ];
    const disk = createNodeFileSystemHost();
    for (const dir of [examplesDir, ...fs.readdirSync(fixturesDir).map((group) => path.join(fixturesDir, group))]) {
      projects.push({
        name: path.relative(path.dirname(examplesDir), dir),
        host: disk,
        roots: findMiniProgramRoots(disk, dir),
      });
    }
    let compared = 0;
    for (const { name, host, roots } of projects) {
      for (const root of roots) {
        const expected = summary(new ProjectAnalyzer(host).analyze(root).findings);
        for (const rules of orders(allRules)) {
          assert.deepEqual(
            summary(new ProjectAnalyzer(host, { rules }).analyze(root).findings),
            expected,
            `${name} ${path.basename(root)} with rules in the order ${rules.map((r) => r.meta.id).join(', ')}`,
          );
          compared++;
        }
      }
    }
    assert.ok(compared >= 4 * 10, `compared ${compared} runs`);
  });
});
