/**
 * One rule id = one rule file, one test file, one doc page, one row in each rules table and one entry in the
 * editor's settings schema. Adding a rule is: server/src/engine/rules/<id>.ts (listed in rules/index.ts),
 * test/rules/<id>.test.ts, docs/rules/<id>.md, and its rows in README.md and docs/rules/README.md; the settings
 * schema in package.json is generated from the rules by `node scripts/sync-rule-settings.js`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { repoRoot } from '../helpers/paths';
import { templatePlaceholders, type Template } from '../../server/src/engine/text/template';
import { LEFT_TO_OTHER_RULES } from '../../server/src/engine/rules/privacy-api-without-user-action';

const ids = allRules.map((rule) => rule.meta.id);
const RULES_DIR = path.join(repoRoot, 'server', 'src', 'engine', 'rules');
/** Files in rules/ that are not rules: the registry and the rule contract. */
const NOT_RULES = new Set(['index', 'rule']);

const basenames = (dir: string, suffix: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length));
const read = (...segments: string[]): string => fs.readFileSync(path.join(repoRoot, ...segments), 'utf8');

/** The rule ids linked from the rows of the markdown table under `heading` (up to the next heading). */
function tableRuleIds(markdown: string, heading: string, linkPrefix: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `heading ${heading}`);
  const section = markdown.slice(start + heading.length + 2).split(/\n#{1,6} /)[0];
  const link = new RegExp(
    `^\\| \\[([a-z0-9-]+)\\]\\(${linkPrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\1\\.md(?:#[^)]*)?\\)`,
  );
  return section
    .split('\n')
    .map((line) => link.exec(line)?.[1])
    .filter((id): id is string => !!id);
}

function assertSameIds(actual: string[], what: string, remedy: string): void {
  const missing = ids.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !ids.includes(id));
  const repeated = actual.filter((id, i) => actual.indexOf(id) !== i);
  assert.deepEqual({ missing, extra, repeated }, { missing: [], extra: [], repeated: [] }, `${what}: ${remedy}`);
}

describe('rule catalogue: one rule id, one file of each kind', () => {
  it('rule ids are unique', () => {
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  it('every file in server/src/engine/rules/ is one rule, listed in rules/index.ts and exported under its own id', () => {
    const files = basenames(RULES_DIR, '.ts').filter((name) => !NOT_RULES.has(name));
    assertSameIds(
      files,
      'rules/<id>.ts',
      'each rule lives in its own file named after its id and is listed in rules/index.ts',
    );
    for (const id of files) {
      const ruleModule = path.join(__dirname, '..', '..', 'server', 'src', 'engine', 'rules', id);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(ruleModule) as Record<string, unknown>);
      const rules = exported.filter(
        (value): value is (typeof allRules)[number] => !!value && typeof value === 'object' && 'meta' in value,
      );
      assert.deepEqual(
        rules.map((rule) => rule.meta.id),
        [id],
        `rules/${id}.ts exports exactly the rule ${id}`,
      );
    }
  });

  it('rules never import each other (shared logic lives in analysis/ or rules/support/)', () => {
    const offending: string[] = [];
    const sources = [
      ...basenames(RULES_DIR, '.ts').map((name) => `${name}.ts`),
      ...fs.readdirSync(path.join(RULES_DIR, 'support')).map((name) => `support/${name}`),
    ];
    for (const file of sources) {
      if (NOT_RULES.has(file.replace(/\.ts$/, ''))) continue;
      const source = fs.readFileSync(path.join(RULES_DIR, file), 'utf8');
      for (const match of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.basename(match[1]);
        if (ids.includes(target)) offending.push(`${file} imports ${match[1]}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it("every rule has a test file test/rules/<id>.test.ts, and every test file there is a rule's", () => {
    assertSameIds(
      basenames(path.join(repoRoot, 'test', 'rules'), '.test.ts'),
      'test/rules/<id>.test.ts',
      'one test file per rule, named after its id',
    );
  });

  it("every rule has a doc page docs/rules/<id>.md, and every page there is a rule's", () => {
    assertSameIds(
      basenames(path.join(repoRoot, 'docs', 'rules'), '.md').filter((name) => name !== 'README'),
      'docs/rules/<id>.md',
      'one page per rule, named after its id',
    );
  });

  it('README.md has one row per rule in its rules table', () => {
    assertSameIds(
      tableRuleIds(read('README.md'), '## Rules', 'docs/rules/'),
      'README.md ## Rules',
      'add a row linking docs/rules/<id>.md',
    );
  });

  it('docs/rules/README.md has one row per rule in the English and in the Chinese table', () => {
    const index = read('docs', 'rules', 'README.md');
    assertSameIds(tableRuleIds(index, '## Rules', ''), 'docs/rules/README.md ## Rules', 'add a row linking <id>.md');
    assertSameIds(
      tableRuleIds(index, '## 规则列表', ''),
      'docs/rules/README.md ## 规则列表',
      'add a row linking <id>.md#简体中文',
    );
  });

  it('package.json has one mpPrivacy.rules settings entry per rule', () => {
    const manifest = JSON.parse(read('package.json')) as {
      contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown> }> } };
    };
    const settings = Object.keys(manifest.contributes.configuration.properties['mpPrivacy.rules'].properties);
    assertSameIds(
      settings,
      'package.json contributes mpPrivacy.rules',
      'generated from the rules: run node scripts/sync-rule-settings.js',
    );
  });

  it('every message has its evidence, and every template names the same placeholders in English and Chinese', () => {
    const problems: string[] = [];
    for (const rule of allRules) {
      const { messages, evidence, fixes = {} } = rule.declarations;
      if (Object.keys(evidence).sort().join() !== Object.keys(messages).sort().join())
        problems.push(
          `${rule.meta.id}: evidence for ${Object.keys(evidence).join(', ')}, messages ${Object.keys(messages).join(', ')}`,
        );
      const templates: [string, Template][] = [
        ...Object.entries(messages).map(([id, t]): [string, Template] => [`message ${id}`, t]),
        ...Object.entries(evidence).map(([id, t]): [string, Template] => [`evidence ${id}`, t]),
        ...Object.entries(fixes).map(([kind, fix]): [string, Template] => [`fix ${kind}`, fix.title]),
      ];
      for (const [what, template] of templates) {
        const en = templatePlaceholders(template, 'en').join();
        const zh = templatePlaceholders(template, 'zh-cn').join();
        if (en !== zh) problems.push(`${rule.meta.id} ${what}: {{${en}}} in English, {{${zh}}} in Chinese`);
        if (
          !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(template['zh-cn']) &&
          template['zh-cn'].replace(/\{\{\w+\}\}/g, '').trim()
        )
          problems.push(`${rule.meta.id} ${what}: no Chinese text (or full-width punctuation)`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the APIs privacy-api-without-user-action leaves to other rules name rules that exist', () => {
    assert.deepEqual(
      Object.values(LEFT_TO_OTHER_RULES).filter((id) => !ids.includes(id)),
      [],
    );
  });
});
