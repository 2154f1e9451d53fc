import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseWxml, elements, eventBindings, attribute } from '../../server/src/engine/parse/wxml';
import { parseScript } from '../../server/src/engine/parse/script';
import { LineIndex } from '../../server/src/engine';

describe('parseWxml', () => {
  it('gives offsets of elements and attribute values', () => {
    const source =
      '<view class="a {{b > 1}}">\n  <button open-type="getPhoneNumber" bind:getphonenumber="onPhone" disabled>OK</button>\n  <image src="x" />\n</view>';
    const doc = parseWxml('x.wxml', source);
    const [view, button, image] = [...elements(doc.roots)];
    assert.equal(view.name, 'view');
    assert.equal(attribute(view, 'class')?.value, 'a {{b > 1}}');
    assert.equal(
      source.slice(button.start, button.end),
      '<button open-type="getPhoneNumber" bind:getphonenumber="onPhone" disabled>OK</button>',
    );
    const openType = attribute(button, 'open-type')!;
    assert.equal(source.slice(openType.valueStart, openType.valueEnd), 'getPhoneNumber');
    assert.equal(source.slice(openType.start, openType.end), 'open-type="getPhoneNumber"');
    assert.deepEqual(
      eventBindings(button).map((b) => [b.event, b.handler]),
      [['getphonenumber', 'onPhone']],
    );
    assert.equal(attribute(button, 'disabled')?.value, '');
    assert.equal(image.selfClosing, true);
    assert.deepEqual(doc.problems, []);
  });

  it('ignores dynamic handler names', () => {
    const doc = parseWxml('x.wxml', '<view bindtap="{{handler}}" catch:tap="real"></view>');
    assert.deepEqual(
      eventBindings([...elements(doc.roots)][0]).map((b) => b.handler),
      ['real'],
    );
  });
});

describe('parseScript', () => {
  it('collects Page members, this-calls, helper calls and navigation URLs', () => {
    const facts = parseScript(
      'p.js',
      `const auth = require('../utils/auth');\nconst app = getApp();\nconst URL = '/pages/a/a';\nPage({\n  onLoad() {\n    const that = this;\n    that.check();\n    auth.ensure();\n    app.login();\n    setTimeout(() => wx.navigateTo({ url: URL + '?x=1' }), 10);\n  },\n  check: function () {},\n});`,
    );
    assert.equal(facts.definition?.kind, 'Page');
    const onLoad = facts.definition.members.get('onLoad')!;
    assert.deepEqual(
      onLoad.calls.map((c) => c.kind),
      ['method', 'member', 'app', 'local', 'platform'],
    );
    const nav = onLoad.calls.find((c) => c.kind === 'platform');
    assert.ok(nav && nav.kind === 'platform' && nav.api === 'navigateTo' && nav.url === '/pages/a/a');
    assert.deepEqual(facts.imports.get('auth'), { specifier: '../utils/auth', imported: '*' });
    assert.ok(facts.definition.members.has('check'));
  });

  it('flattens Component methods, lifetimes and pageLifetimes', () => {
    const facts = parseScript(
      'c.ts',
      `Component({\n  lifetimes: { attached() {} },\n  pageLifetimes: { show() {} },\n  methods: { tap(e: any) {} },\n});`,
    );
    assert.deepEqual([...facts.definition!.members.keys()].sort(), ['attached', 'pageLifetimes.show', 'tap']);
    assert.ok(facts.isTypeScript);
  });

  it('reads exports in CommonJS and ES module forms', () => {
    const cjs = parseScript(
      'a.js',
      'function a() {}\nmodule.exports = { a, b() {}, c: () => {} };\nexports.d = function () {};',
    );
    assert.deepEqual([...cjs.exports.keys()].sort(), ['a', 'b', 'c', 'd']);
    const esm = parseScript(
      'b.ts',
      'export function a() {}\nexport const b = () => {};\nconst c = () => {};\nexport { c as d };\nexport default { e() {} };',
    );
    assert.deepEqual([...esm.exports.keys()].sort(), ['a', 'b', 'd', 'e']);
  });
});

describe('LineIndex', () => {
  it('maps offsets to positions and back across \\n and \\r\\n', () => {
    const index = new LineIndex('ab\r\ncd\nef');
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    assert.deepEqual(index.positionAt(999), { line: 2, character: 2 });
  });
});
