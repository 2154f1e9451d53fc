import * as assert from 'assert';
import * as path from 'path';
import { describe, it } from 'node:test';
import {
  createBaseline,
  fingerprintOf,
  matchBaseline,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
} from '../../server/src/engine/index';

const base = path.resolve('/project');
const file = path.join(base, 'pages/a/a.js');

/** A finding of `rule` on the n-th occurrence of `needle` in `content`. */
function at(content: string, needle: string, n = 0, ruleId = 'phone-on-entry') {
  let start = -1;
  for (let i = 0; i <= n; i++) start = content.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${needle} #${n} not in content`);
  return { ruleId, range: { file, start, end: start + needle.length } };
}

describe('baseline fingerprints', () => {
  const original = 'Page({\n  onLoad() {\n    wx.reLaunch({ url: "/pages/login/login" })\n  }\n})\n';

  it('survive lines moving, re-indentation and other line endings', () => {
    const moved = '// header\n\n\nPage({\n\tonLoad() {\r\n\t\t\twx.reLaunch({url:"/pages/login/login"})\r\n\t}\n})\n';
    const a = fingerprintOf(at(original, 'wx.reLaunch({ url: "/pages/login/login" })'), base, original);
    const b = fingerprintOf(at(moved, 'wx.reLaunch({url:"/pages/login/login"})'), base, moved);
    assert.strictEqual(a.fingerprint, b.fingerprint);
    assert.strictEqual(a.file, 'pages/a/a.js');
    assert.strictEqual(a.excerpt, 'wx.reLaunch({ url: "/pages/login/login" })');
  });

  it('change with the flagged code, its line, the rule or the file', () => {
    const print = (content: string, needle: string, ruleId?: string, other?: string) =>
      fingerprintOf(
        {
          ...at(content, needle, 0, ruleId),
          ...(other ? { range: { ...at(content, needle).range, file: other } } : {}),
        },
        base,
        content,
      ).fingerprint;
    const first = print(original, 'wx.reLaunch');
    assert.notStrictEqual(
      first,
      print(original.replace('login/login', 'auth/auth'), 'wx.reLaunch'),
      'the line changed',
    );
    assert.notStrictEqual(first, print(original, 'wx.reLaunch', 'phone-while-browsing'));
    assert.notStrictEqual(first, print(original, 'wx.reLaunch', undefined, path.join(base, 'pages/b/b.js')));
  });

  it('count identical constructs: beyond the recorded count a finding is new', () => {
    const twice = 'Page({\n  a() { wx.getLocation() }\n})\n';
    const baseline = createBaseline([at(twice, 'wx.getLocation()')], base, () => twice);
    assert.strictEqual(baseline.entries[0].count, 1);
    const thrice = 'Page({\n  a() { wx.getLocation() }\n  a() { wx.getLocation() }\n})\n';
    const findings = [at(thrice, 'wx.getLocation()', 0), at(thrice, 'wx.getLocation()', 1)];
    const match = matchBaseline(baseline, findings, base, () => thrice);
    assert.deepStrictEqual(match.baselined, [findings[0]]);
    assert.deepStrictEqual(match.fresh, [findings[1]]);
    assert.deepStrictEqual(match.gone, []);
  });

  it('report what is gone, and pruning removes exactly that', () => {
    const content =
      'Page({\n  a() { wx.getLocation() }\n  b() { wx.chooseAddress() }\n  a() { wx.getLocation() }\n})\n';
    const all = [
      at(content, 'wx.getLocation()', 0),
      at(content, 'wx.chooseAddress()'),
      at(content, 'wx.getLocation()', 1),
    ];
    const baseline = createBaseline(all, base, () => content);
    assert.deepStrictEqual(baseline.entries.map((e) => e.count).sort(), [1, 2]);
    const match = matchBaseline(baseline, [all[0]], base, () => content);
    assert.deepStrictEqual(match.gone.map((e) => [e.excerpt, e.count]).sort(), [
      ['wx.chooseAddress()', 1],
      ['wx.getLocation()', 1],
    ]);
    const pruned = pruneBaseline(baseline, match.gone);
    assert.deepStrictEqual(
      pruned.entries.map((e) => [e.excerpt, e.count]),
      [['wx.getLocation()', 1]],
    );
    assert.deepStrictEqual(matchBaseline(pruned, [all[0]], base, () => content).gone, []);
  });

  it('serialise to a file that parses back to the same baseline, and refuse what is not one', () => {
    const content = 'Page({\n  a() { wx.getLocation() }\n})\n';
    const baseline = createBaseline([at(content, 'wx.getLocation()')], base, () => content);
    const text = serializeBaseline(baseline);
    assert.deepStrictEqual(parseBaseline(text), { baseline });
    assert.deepStrictEqual(parseBaseline(serializeBaseline({ version: 1, entries: [] })), {
      baseline: { version: 1, entries: [] },
    });
    for (const bad of [
      '',
      '[]',
      '{"version": 2, "entries": []}',
      '{"version": 1}',
      '{"version": 1, "entries": [{"file": "a", "rule": "r"}]}',
      '{"version": 1, "entries": [{"file": "a", "rule": "r", "fingerprint": "f", "count": 0}]}',
    ]) {
      assert.ok('error' in parseBaseline(bad), bad);
    }
  });
});
