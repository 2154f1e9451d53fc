/**
 * Per-unit findings are remembered (rules/rule.ts `checkUnit`): an analysis re-checks only the pages and
 * components whose files changed, every unit when a shared file changes (app.json, a required module, a
 * component), and reports exactly what a fresh analysis reports.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CachingFileSystemHost, OverlayFileSystemHost, ProjectAnalyzer, text } from '../../server/src/engine';
import { ProjectReads } from '../../server/src/engine/model/reads';
import type { Finding } from '../../server/src/engine';
import { createRule } from '../../server/src/engine/rules/rule';
import { elementsNamed } from '../../server/src/engine/parse';
import { VIRTUAL_ROOT, relativePath, virtualHost } from '../helpers/virtual-project';

const files = {
  'app.json': JSON.stringify({
    pages: ['pages/a/a', 'pages/b/b'],
    usingComponents: { card: '/components/card/card' },
  }),
  'app.js': 'App({})',
  'pages/a/a.wxml': '<view>a</view><button>one</button>',
  'pages/a/a.js': 'Page({})',
  'pages/b/b.wxml': '<card/><button>two</button>',
  'pages/b/b.js': "const util = require('../../utils/util');\nPage({ onLoad() { util.go() } })",
  'utils/util.js': 'module.exports = { go() {} }',
  'components/card/card.wxml': '<button>card</button>',
  'components/card/card.js': 'Component({})',
  'components/card/card.json': '{ "component": true }',
};

/** Units checked since the last call, by path (what the memo did not answer). */
const checked: string[] = [];

/** Reports every <button> of a unit's template. */
const buttons = createRule({
  meta: {
    id: 'test-buttons',
    defaultSeverity: 'info',
    title: text('Button', '按钮'),
    description: text('A button.', '一个按钮。'),
    howToFix: text('Nothing.', '无需处理。'),
    references: [],
    messages: { button: { en: 'A button on {{unit}}.', 'zh-cn': '{{unit}} 上的按钮。' } },
    evidence: { button: { en: 'It is a button.', 'zh-cn': '这是按钮。' } },
  },
  checkUnit(context, unit) {
    checked.push(relativePath(unit.base));
    if (!unit.wxml) return;
    for (const element of elementsNamed(unit.wxml, 'button'))
      context.report({
        messageId: 'button',
        data: { unit: relativePath(unit.base) },
        range: { file: unit.wxml.file, start: element.start, end: element.startTagEnd },
      });
  },
});

const shown = (findings: Finding[]) =>
  findings.map((f) => `${relativePath(f.range.file)}:${f.range.start} ${f.message.en}`);

test('per-unit findings are re-checked only for the units an edit reaches, and equal a fresh analysis', () => {
  const host = new OverlayFileSystemHost(virtualHost(files));
  const kept = new ProjectAnalyzer(host, { rules: [buttons] });
  const analyze = () => {
    checked.length = 0;
    const findings = shown(kept.analyze(VIRTUAL_ROOT).findings);
    const units = [...checked].sort();
    const fresh = shown(new ProjectAnalyzer(host, { rules: [buttons] }).analyze(VIRTUAL_ROOT).findings);
    assert.deepEqual(findings, fresh);
    return { findings, units };
  };
  const set = (file: string, content: string) => host.set(path.join(VIRTUAL_ROOT, file), content);
  const every = ['components/card/card', 'pages/a/a', 'pages/b/b'];

  const first = analyze();
  assert.deepEqual(first.units, every);
  assert.equal(first.findings.length, 3);

  assert.deepEqual(analyze().units, [], 'nothing changed: every unit answered from memory');

  set('pages/a/a.wxml', '<button>one</button><button>more</button>');
  const afterPageEdit = analyze();
  assert.deepEqual(afterPageEdit.units, ['pages/a/a'], 'a page edit re-checks that page only');
  assert.equal(afterPageEdit.findings.length, 4);

  set('pages/b/b.js', "const util = require('../../utils/util');\nPage({ onShow() { util.go() } })");
  assert.deepEqual(analyze().units, ['pages/b/b']);

  set('utils/util.js', 'module.exports = { go() { wx.showToast({ title: "hi" }) } }');
  assert.deepEqual(analyze().units, every, 'a required module is shared: every unit is re-checked');

  set('components/card/card.wxml', '<view>no button</view>');
  const afterComponentEdit = analyze();
  assert.deepEqual(afterComponentEdit.units, every, 'a component is shared: every unit is re-checked');
  assert.equal(afterComponentEdit.findings.length, 3);

  set('app.json', files['app.json'].replace('"pages/b/b"]', '"pages/b/b"], "window": {}'));
  assert.deepEqual(analyze().units, every, 'app.json is shared: every unit is re-checked');
  assert.deepEqual(analyze().units, []);
});

/** Reports every script of the project (model.allScripts(): the app's, the units' and what they import). */
const scripts = createRule({
  meta: {
    id: 'test-scripts',
    defaultSeverity: 'info',
    title: text('Script', '脚本'),
    description: text('A script.', '一个脚本。'),
    howToFix: text('Nothing.', '无需处理。'),
    references: [],
    messages: { script: { en: 'A script.', 'zh-cn': '一个脚本。' } },
    evidence: { script: { en: 'It is a script.', 'zh-cn': '这是脚本。' } },
  },
  check(context) {
    for (const script of context.model.allScripts())
      context.report({ messageId: 'script', range: { file: script.file, start: 0, end: 0 } });
  },
});

test('a page edit loads that page again and nothing else; what reaches further rebuilds the model', () => {
  const project = {
    ...files,
    'app.json': JSON.stringify({
      pages: ['pages/a/a', 'pages/b/b', 'pages/c/c'],
      usingComponents: { card: '/components/card/card' },
    }),
    'pages/c/c.wxml': '<view>three</view>',
    // A page script another page requires is shared, like a helper module.
    'pages/c/c.js': "const a = require('../a/a');\nPage({ onLoad() { a.x() } })",
    'components/other/other.wxml': '<button>other</button>',
    'components/other/other.json': '{ "component": true }',
    'utils/extra.js': 'module.exports = {}',
  };
  const host = new OverlayFileSystemHost(new CachingFileSystemHost(virtualHost(project)));
  const rules = [buttons, scripts];
  const kept = new ProjectAnalyzer(host, { rules });
  const asked = new Set<string>();
  const reads = ProjectReads.prototype;
  const answer = Object.getOwnPropertyDescriptor(reads, 'answer')!;
  Object.defineProperty(reads, 'answer', {
    ...answer,
    value(this: ProjectReads, ...args: Parameters<ProjectReads['answer']>) {
      asked.add(relativePath(args[0]));
      return (answer.value as ProjectReads['answer']).apply(this, args);
    },
  });
  const analyze = () => {
    checked.length = 0;
    asked.clear();
    const findings = shown(kept.analyze(VIRTUAL_ROOT).findings);
    const loaded = [...asked].filter((file) => file !== 'ext.json').sort();
    const units = [...checked].sort();
    const fresh = shown(new ProjectAnalyzer(host, { rules }).analyze(VIRTUAL_ROOT).findings);
    assert.deepEqual(findings, fresh);
    return { findings, loaded, units };
  };
  const set = (file: string, content: string) => host.set(path.join(VIRTUAL_ROOT, file), content);
  // Some of the files of page b, and nothing else (its unchanged files are answered from the last model).
  const onlyPage = (route: string) => (loaded: string[]) =>
    loaded.length > 0 && loaded.every((file) => file.startsWith(`${route}/`));
  const onlyPageB = onlyPage('pages/b');
  const onlyPageC = onlyPage('pages/c');
  try {
    const first = analyze();
    assert.ok(first.loaded.includes('pages/b/b.wxml') && first.loaded.includes('components/card/card.wxml'));
    assert.deepEqual(analyze().loaded, [], 'nothing changed: nothing is loaded again');

    set('pages/b/b.wxml', '<card/><button>two</button><button>more</button>');
    const afterPageEdit = analyze();
    assert.ok(onlyPageB(afterPageEdit.loaded), `a page edit loads that page only: ${afterPageEdit.loaded.join()}`);
    assert.deepEqual(afterPageEdit.units, ['pages/b/b']);

    set('pages/b/b.js', "const util = require('../../utils/util');\nPage({ onShow() { util.go() } })");
    const scriptEdit = analyze();
    assert.ok(onlyPageB(scriptEdit.loaded), `a script edit keeping its imports: ${scriptEdit.loaded.join()}`);

    // Indexes over the pages (ProjectModel.pagesWhere) follow a page that gains its first findings or loses them.
    set('pages/c/c.wxml', '<button>now</button>');
    const gained = analyze();
    assert.ok(onlyPageC(gained.loaded), `an edit of page c loads page c only: ${gained.loaded.join()}`);
    assert.ok(
      gained.findings.some((finding) => finding.startsWith('pages/c/c.wxml')),
      'page c has a button now',
    );
    set('pages/c/c.wxml', '<view>none</view>');
    assert.ok(!analyze().findings.some((finding) => finding.startsWith('pages/c/c.wxml')), 'and none again');

    // Each of these reaches beyond the edited page: the model is built again, and equals a fresh one (analyze).
    set('pages/a/a.js', 'Page({ onLoad() {} })');
    const sharedPage = analyze();
    assert.ok(sharedPage.loaded.includes('pages/b/b.wxml'), 'a page script another page requires is shared');
    assert.deepEqual(sharedPage.units, ['components/card/card', 'pages/a/a', 'pages/b/b', 'pages/c/c']);

    set('pages/b/b.js', "const extra = require('../../utils/extra');\nPage({})");
    const newImport = analyze();
    assert.ok(
      newImport.findings.some((finding) => finding.startsWith('utils/extra.js:0')),
      'the new import is seen',
    );

    set('pages/b/b.json', '{ "usingComponents": { "other": "/components/other/other" } }');
    const newComponent = analyze();
    assert.ok(newComponent.units.includes('components/other/other'), 'a component no page used before is loaded');
    assert.ok(newComponent.findings.some((finding) => finding.startsWith('components/other/other.wxml')));

    set('components/card/card.wxml', '<view>no button</view>');
    const componentEdit = analyze();
    assert.ok(componentEdit.loaded.includes('pages/a/a.wxml'), 'a component edit rebuilds the model');
    assert.ok(componentEdit.units.includes('pages/a/a'), 'and re-checks every unit');

    set('app.json', project['app.json'].replace('"pages/c/c"]', '"pages/c/c"], "window": {}'));
    const appEdit = analyze();
    assert.ok(appEdit.loaded.includes('pages/a/a.wxml'), 'an app.json edit rebuilds the model');
    assert.ok(appEdit.units.includes('pages/a/a'));

    // An empty template still loads: a page edit like any other.
    set('pages/b/b.wxml', '');
    assert.ok(onlyPageB(analyze().loaded));
  } finally {
    Object.defineProperty(reads, 'answer', answer);
  }
});
