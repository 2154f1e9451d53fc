/**
 * Scripts being edited are re-parsed incrementally (TypeScript's incremental parser re-uses the previous
 * tree). The facts must be exactly those of a parse from scratch, whatever the edit.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseScript } from '../../server/src/engine/parse/script';
import { FILE_MUTATIONS } from '../../bench/mutate';
import { Random } from '../../bench/prng';
import { examplesDir } from '../helpers/paths';

function scriptsUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? scriptsUnder(full) : /\.(js|ts)$/.test(entry.name) ? [full] : [];
  });
}

/** Facts as data (Maps spelled out), for comparing two parses. */
function asData(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (v instanceof Map ? [...v] : v)));
}

test('incremental re-parses give the facts of a parse from scratch, over 400 random edits', () => {
  const rng = new Random(20261126);
  const files = scriptsUnder(examplesDir);
  const mutations = FILE_MUTATIONS.filter((m) => !['deep-nesting', 'huge-line'].includes(m.name));
  let compared = 0;
  for (const file of files) {
    let content = fs.readFileSync(file, 'utf8');
    // A name no other test uses, so that the previous tree is always this test's own.
    const name = `${file}.incremental-test${path.extname(file)}`;
    parseScript(name, content);
    for (let i = 0; i < Math.ceil(400 / files.length); i++) {
      // Mostly small edits, as typing makes them; now and then a damaging one.
      if (rng.chance(0.7)) {
        const at = rng.int(0, content.length);
        content =
          content.slice(0, at) +
          rng.pick(['a', ' ', '\n', '(', ')', '{', '}', '"', '`', '/*', 'wx.getLocation()', 'await ', ';']) +
          content.slice(at + rng.int(0, 3));
      } else {
        content = rng.pick(mutations).apply(rng, name, content, []);
      }
      const incremental = parseScript(name, content);
      const fresh = parseScript(`${name}.fresh-${compared}${path.extname(file)}`, content); // a new name: no previous tree
      assert.deepEqual(
        asData({ ...incremental, file: '' }),
        asData({ ...fresh, file: '' }),
        `${path.basename(file)}, edit ${i}`,
      );
      compared++;
    }
  }
  assert.ok(compared >= 400);
});
