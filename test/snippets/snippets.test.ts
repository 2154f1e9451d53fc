/**
 * The snippets in snippets/ are compliant patterns: each one, expanded with its defaults and put where a
 * developer would put it in a compliant mini program (test/fixtures/snippets/shop), parses and leaves the
 * engine with no finding at all. Controls prove the checks are not vacuous: the same code placed wrongly
 * (a lifecycle instead of a tap, no declaration, no stated purpose) is reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { createNodeFileSystemHost, Finding, ProjectAnalyzer } from '../../server/src/engine';
import { parseWxml } from '../../server/src/engine/parse/wxml';
import { parseJsonc } from '../../server/src/engine/parse/jsonc';
import { expandSnippet, indentSnippet } from './expand';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const snippetsDir = path.join(repoRoot, 'snippets');
const baseProject = path.join(repoRoot, 'test', 'fixtures', 'snippets', 'shop');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPET_FILES = { 'wxml.json': 'wxml', 'javascript.json': 'javascript', 'json.json': 'json' } as const;

function loadSnippets(): Map<string, Snippet & { language: string }> {
  const all = new Map<string, Snippet & { language: string }>();
  for (const [file, language] of Object.entries(SNIPPET_FILES)) {
    const snippets = JSON.parse(fs.readFileSync(path.join(snippetsDir, file), 'utf8')) as Record<string, Snippet>;
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(!all.has(name), `snippet name ${name} is used twice`);
      all.set(name, { ...snippet, language });
    }
  }
  return all;
}

interface Insertion {
  snippet: string;
  file: string;
  /** Insert after this text (the first occurrence), or replace it. */
  after?: string;
  replace?: string;
  indent?: string;
  overrides?: Record<number, string>;
  /** Changes the expanded text (controls only). */
  mutate?: (text: string) => string;
}

interface Case {
  name: string;
  insert: Insertion[];
  /** Misplaced variants that must be reported under the given rule. */
  controls?: { name: string; insert: Insertion[]; expect: string }[];
}

const phoneAtCheckout: Insertion = {
  snippet: 'mp-phone-at-checkout',
  file: 'pages/order/confirm.wxml',
  replace: '  <button bindtap="submitOrder">提交订单</button>\n',
  indent: '  ',
};
const phoneHandler: Insertion = {
  snippet: 'mp-phone-handler',
  file: 'pages/order/confirm.js',
  after: 'Page({\n',
  indent: '  ',
};
const subscribe: Insertion = {
  snippet: 'mp-subscribe-on-tap',
  file: 'pages/notice/notice.js',
  after: 'Page({\n',
  indent: '  ',
};
const location: Insertion = {
  snippet: 'mp-fuzzy-location-on-tap',
  file: 'pages/nearby/nearby.js',
  after: 'Page({\n',
  indent: '  ',
};
const declaration: Insertion = { snippet: 'mp-location-declaration', file: 'app.json', after: '{\n', indent: '  ' };

const CASES: Case[] = [
  {
    name: 'phone-number button at checkout with its purpose and a way to decline',
    insert: [phoneAtCheckout, phoneHandler],
    controls: [
      {
        name: 'without the line that states the purpose',
        insert: [
          {
            ...phoneAtCheckout,
            mutate: (text) =>
              text
                .split('\n')
                .filter((line) => !line.includes('phone-purpose'))
                .join('\n'),
          },
          phoneHandler,
        ],
        expect: 'phone-purpose-at-checkout',
      },
    ],
  },
  {
    name: 'privacy-guideline consent popup on a page',
    insert: [
      { snippet: 'mp-privacy-popup', file: 'pages/index/index.wxml', after: '<view class="menu">\n', indent: '  ' },
      { snippet: 'mp-privacy-authorization', file: 'pages/index/index.js', after: 'Page({\n', indent: '  ' },
    ],
  },
  {
    name: 'subscribe message as the first step of a tap handler',
    insert: [subscribe],
    controls: [
      {
        name: 'the same call in onLoad',
        insert: [{ ...subscribe, overrides: { 1: 'onLoad' } }],
        expect: 'subscribe-message-without-tap',
      },
    ],
  },
  {
    name: 'fuzzy location on tap with its app.json declaration',
    insert: [location, declaration],
    controls: [{ name: 'without the app.json declaration', insert: [location], expect: 'undeclared-private-info' }],
  },
  {
    name: 'avatar and nickname fill-in',
    insert: [
      {
        snippet: 'mp-avatar-nickname',
        file: 'pages/profile/profile.wxml',
        after: '<view class="profile">\n',
        indent: '  ',
      },
      { snippet: 'mp-avatar-nickname-handlers', file: 'pages/profile/profile.js', after: 'Page({\n', indent: '  ' },
    ],
  },
];

/** A temp copy of the base project with the insertions applied; returns its root. */
function projectWith(insertions: Insertion[], snippets: Map<string, Snippet>): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-snippets-')), 'shop');
  fs.cpSync(baseProject, root, { recursive: true });
  for (const insertion of insertions) {
    const snippet = snippets.get(insertion.snippet);
    assert.ok(snippet, `no snippet ${insertion.snippet}`);
    let expanded = expandSnippet(snippet.body, insertion.overrides);
    if (insertion.mutate) expanded = insertion.mutate(expanded);
    const text = indentSnippet(expanded, insertion.indent ?? '') + '\n';
    const file = path.join(root, insertion.file);
    const content = fs.readFileSync(file, 'utf8');
    const anchor = insertion.after ?? insertion.replace;
    assert.ok(anchor !== undefined && content.includes(anchor), `${insertion.file} has no "${anchor}"`);
    const at = content.indexOf(anchor);
    const updated =
      insertion.after !== undefined
        ? content.slice(0, at + anchor.length) + text + content.slice(at + anchor.length)
        : content.slice(0, at) + text + content.slice(at + anchor.length);
    fs.writeFileSync(file, updated);
  }
  return root;
}

function analyze(root: string): Finding[] {
  return new ProjectAnalyzer(createNodeFileSystemHost()).analyze(root).findings;
}

const describeFindings = (findings: Finding[]): string =>
  findings.map((f) => `${f.ruleId} ${path.basename(f.range.file)}: ${f.message.en}`).join('\n');

/** Syntax errors of the file a snippet went into, by the parser of its language. */
function syntaxErrors(file: string): string[] {
  const content = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.wxml')) return parseWxml(file, content).problems.map((p) => p.message.en);
  if (file.endsWith('.json')) return parseJsonc(content).errors.map((e) => e.message);
  const output = ts.transpileModule(content, { reportDiagnostics: true, compilerOptions: { allowJs: true } });
  return (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('snippets', () => {
  const snippets = loadSnippets();

  it('every snippet has a prefix, a bilingual description and a body that expands', () => {
    for (const [name, snippet] of snippets) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      assert.ok(prefixes.includes(name), `${name}: its name is one of its prefixes`);
      assert.match(snippet.description, /[a-z]/i, `${name}: English description`);
      assert.match(snippet.description, /[\u4e00-\u9fff]/, `${name}: Chinese description`);
      const expanded = expandSnippet(snippet.body);
      assert.ok(expanded.trim().length > 0, `${name}: expands to something`);
      assert.doesNotMatch(expanded, /\$\{?\d/, `${name}: no tab stop left after expansion`);
    }
  });

  it('every snippet is exercised by a case below', () => {
    const used = new Set(CASES.flatMap((c) => c.insert.map((i) => i.snippet)));
    assert.deepEqual(
      [...snippets.keys()].filter((name) => !used.has(name)),
      [],
    );
  });

  it('the base project has no finding', () => {
    assert.equal(describeFindings(analyze(baseProject)), '');
  });

  for (const testCase of CASES) {
    it(`${testCase.name}: parses and produces no finding`, () => {
      const root = projectWith(testCase.insert, snippets);
      try {
        for (const insertion of testCase.insert)
          assert.deepEqual(
            syntaxErrors(path.join(root, insertion.file)),
            [],
            `${insertion.snippet} in ${insertion.file}`,
          );
        assert.equal(describeFindings(analyze(root)), '');
      } finally {
        fs.rmSync(path.dirname(root), { recursive: true, force: true });
      }
    });
    for (const control of testCase.controls ?? []) {
      it(`${testCase.name}: control, ${control.name}, is reported as ${control.expect}`, () => {
        const root = projectWith(control.insert, snippets);
        try {
          const rules = analyze(root).map((f) => f.ruleId);
          assert.ok(
            rules.includes(control.expect),
            `expected ${control.expect}, got: ${rules.join(', ') || 'nothing'}`,
          );
        } finally {
          fs.rmSync(path.dirname(root), { recursive: true, force: true });
        }
      });
    }
  }
});
