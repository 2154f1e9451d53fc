/**
 * The evaluation's scoring (eval/score.ts) and its CLI runner (eval/run.ts), on CLI fixtures used as a tiny
 * corpus: a labelled violation is found only by its own rule near its line (or naming it as related
 * information), a must-not-flag place fails on an error or warning of any rule standing there (not on an info),
 * and findings at no labelled place are listed as unreviewed.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { allRules } from '../../server/src/engine';
import { fixture, repoRoot } from '../helpers/paths';
import { EvalFinding, EntryRun, MUST_NOT_FLAG, evaluate, parseLabels, summary } from '../../eval/score';
import { formatEvaluation, lintEntry, loadLabels } from '../../eval/run';

const finding = (
  file: string,
  line: number,
  ruleId: string,
  severity: EvalFinding['severity'] = 'error',
): EvalFinding => ({ file, line, ruleId, severity, message: `${ruleId} at ${line}` });
const run = (entry: string, findings: EvalFinding[]): EntryRun => ({ entry, findings, exitCode: 1, ms: 1 });

describe('eval: labels', () => {
  it('reads places, line ranges, comments and reasons, and reports malformed lines', () => {
    const { labels, problems } = parseLabels(
      'shop',
      'eval/labels/shop.tsv',
      [
        '# a comment',
        'pages/a/a.js:12\tphone-on-entry\tlaunch redirect to a phone wall',
        'pages/b/b.wxml:3-9\tmust-not-flag\tphone button with its purpose',
        'no-line-number\tphone-on-entry\tx',
        'pages/c/c.js:5\tmust-not-flag',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      labels.map((l) => [l.file, l.from, l.to, l.expected]),
      [
        ['pages/a/a.js', 12, 12, 'phone-on-entry'],
        ['pages/b/b.wxml', 3, 9, MUST_NOT_FLAG],
        ['pages/c/c.js', 5, 5, MUST_NOT_FLAG],
      ],
    );
    assert.deepEqual(
      problems.map((p) => p.source),
      ['eval/labels/shop.tsv:4', 'eval/labels/shop.tsv:5'],
    );
  });
});

describe('eval: scoring', () => {
  const { labels } = parseLabels(
    'shop',
    'shop.tsv',
    [
      'a.js:10\tphone-on-entry\tv1',
      'b.js:20\tsubscribe-message-without-tap\tv2',
      'c.wxml:30-32\tmust-not-flag\tn1',
      'd.js:40\tmust-not-flag\tn2',
    ].join('\n'),
  );

  it('counts a violation only when its own rule reports within two lines, and a must-not-flag place only on error/warning', () => {
    const evaluation = evaluate(labels, [
      run('shop', [
        finding('a.js', 12, 'phone-on-entry'), // found: two lines away
        finding('b.js', 23, 'subscribe-message-without-tap'), // missed: three lines away
        finding('b.js', 20, 'phone-on-entry'), // another rule at the place: does not count, and is unreviewed
        finding('c.wxml', 34, 'phone-while-browsing', 'warning'), // false accusation: within the range's tolerance
        finding('d.js', 40, 'personal-data-storage', 'info'), // info on a must-not-flag place is allowed
      ]),
    ]);
    assert.deepEqual(
      evaluation.outcomes.map((o) => o.ok),
      [true, false, false, true],
    );
    const byRule = Object.fromEntries(evaluation.rules.map((r) => [r.ruleId, r]));
    assert.equal(byRule['phone-on-entry'].recall, 1);
    assert.equal(byRule['subscribe-message-without-tap'].recall, 0);
    assert.equal(byRule['phone-while-browsing'].falseAccusations, 1);
    assert.equal(byRule['phone-while-browsing'].precision, 0);
    // b.js:23 is three lines from the only label in b.js; b.js:20 sits on a labelled place (another rule's).
    assert.deepEqual(
      evaluation.unreviewed.map((u) => `${u.finding.file}:${u.finding.line}`),
      ['b.js:23'],
    );
    assert.deepEqual(summary(evaluation), {
      labels: 4,
      entries: 1,
      violations: 2,
      found: 1,
      mustNotFlag: 2,
      falseAccusations: 1,
      crashes: 0,
      unreviewed: 1,
      totalMs: 1,
    });
  });

  it('must-not-flag:<rule> accuses only that rule, and leaves the finding of another rule at the place to its own label', () => {
    const { labels: scoped } = parseLabels(
      'shop',
      'shop.tsv',
      'w.wxml:9\tdeprecated-user-info-api\tright\nw.wxml:9\tmust-not-flag:user-info-wall\tnot a wall: a tab bar leads on\n',
    );
    const evaluation = evaluate(scoped, [
      run('shop', [
        finding('w.wxml', 9, 'deprecated-user-info-api', 'warning'),
        finding('w.wxml', 9, 'user-info-wall'),
      ]),
    ]);
    assert.deepEqual(
      evaluation.outcomes.map((o) => o.ok),
      [true, false],
    );
    assert.deepEqual(
      evaluation.outcomes[1].matched.map((f) => f.ruleId),
      ['user-info-wall'],
    );
    const quiet = evaluate(scoped, [run('shop', [finding('w.wxml', 9, 'deprecated-user-info-api', 'warning')])]);
    assert.deepEqual(
      quiet.outcomes.map((o) => o.ok),
      [true, true],
    );
  });

  it("finds a violation labelled at a page through the related location of its rule's finding at a shared root", () => {
    const { labels: pages } = parseLabels(
      'shop',
      'shop.tsv',
      [
        'pages/a/a.js:12\tprivacy-api-without-user-action\tpage a asks for location on load through the shared helper',
        'pages/b/b.js:30\tsubscribe-message-without-tap\tanother rule at a place the helper also names',
        'utils/location.js:5\tmust-not-flag\tthe helper itself: the finding that stands there accuses it',
        'pages/c/c.js:7\tmust-not-flag\ta page the helper names, not accused by a mention',
      ].join('\n'),
    );
    const atRoot: EvalFinding = {
      ...finding('utils/location.js', 5, 'privacy-api-without-user-action', 'warning'),
      related: [
        { file: 'pages/a/a.js', line: 13 },
        { file: 'pages/b/b.js', line: 30 },
        { file: 'pages/c/c.js', line: 7 },
      ],
    };
    const evaluation = evaluate(pages, [run('shop', [atRoot])]);
    assert.deepEqual(
      evaluation.outcomes.map((o) => o.ok),
      [true, false, false, true],
    );
    assert.deepEqual(
      evaluation.outcomes[0].matched.map((f) => `${f.file}:${f.line}`),
      ['utils/location.js:5'],
    );
  });

  it('lists error/warning findings at no labelled place as unreviewed', () => {
    const evaluation = evaluate(labels, [
      run('shop', [
        finding('e.js', 1, 'clipboard-without-user-action', 'warning'),
        finding('e.js', 2, 'personal-data-storage', 'info'),
      ]),
    ]);
    assert.deepEqual(
      evaluation.unreviewed.map((u) => u.finding.ruleId),
      ['clipboard-without-user-action'],
    );
  });
});

describe('eval: runner over the real CLI', () => {
  it('lints a corpus entry, times it, and scores the phone-on-entry fixture', () => {
    const entryRun = lintEntry(fixture('cli'), 'phone-on-entry');
    assert.equal(entryRun.failure, undefined);
    assert.equal(entryRun.exitCode, 1);
    assert.ok(entryRun.ms > 0);
    const { labels } = parseLabels(
      'phone-on-entry',
      'fixture.tsv',
      'pages/login/login.wxml:4\tphone-on-entry\tentry page is a phone wall\napp.json:2\tmust-not-flag\tthe consent-flow finding here is info only\n',
    );
    const evaluation = evaluate(labels, [entryRun]);
    assert.deepEqual(
      evaluation.outcomes.map((o) => o.ok),
      [true, true],
    );
    const printed = formatEvaluation(evaluation, true);
    assert.match(printed, /phone-on-entry\s+1\s+1\s+100%/);
    assert.match(printed, /Missed violations \(0\)/);
  });

  it('reports a folder with no mini program as a failed run, not as zero findings', () => {
    const entryRun = lintEntry(fixture('cli', 'phone-on-entry'), 'pages');
    assert.equal(entryRun.exitCode, 2);
    assert.ok(entryRun.failure && /no mini program/.test(entryRun.failure), entryRun.failure);
  });
});

describe('eval: the project labels', () => {
  it('parse, and name a known rule or must-not-flag', () => {
    const { labels, problems } = loadLabels(path.join(repoRoot, 'eval', 'labels'));
    assert.deepEqual(problems, []);
    assert.ok(labels.length > 0);
    const known = new Set(allRules.map((rule) => rule.meta.id));
    const ruleNamed = (l: (typeof labels)[number]) => (l.expected === MUST_NOT_FLAG ? l.onlyRule : l.expected);
    const unknown = labels
      .filter((l) => ruleNamed(l) !== undefined && !known.has(ruleNamed(l)!))
      .map((l) => `${l.source}: ${ruleNamed(l)}`);
    assert.deepEqual(unknown, []);
  });
});
