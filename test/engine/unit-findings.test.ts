/**
 * Per-unit findings are remembered (rules/rule.ts `checkUnit`): an analysis re-checks only the pages and
 * components whose files changed, every unit when a shared file changes (app.json, a required module, a
 * component), and reports exactly what a fresh analysis reports.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { OverlayFileSystemHost, ProjectAnalyzer, text } from '../../server/src/engine';
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
