/**
 * A short fixed-seed fuzz pass (bench/fuzz.ts) run by `npm test`: mutated real-shaped projects through the
 * engine and every fix. The long passes are `npm run fuzz -- --iterations 3000 --seed 1` (CI) and longer.
 * Failures of engine bugs that are already reported with a minimal reproducer (KNOWN_ENGINE_BUGS in
 * bench/fuzz.ts, engine-bugs.test.ts) are shown as todo; any other failure fails the test with its reproducer.
 */
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  Failure,
  FuzzTotals,
  KNOWN_ENGINE_BUGS,
  formatTotals,
  isKnownEngineBug,
  reproducer,
  runFuzz,
} from '../../bench/fuzz';

const SEED = 1;
const ITERATIONS = 200;

describe(`fuzz: ${ITERATIONS} iterations, seed ${SEED}`, { timeout: 300_000 }, () => {
  let totals: FuzzTotals;
  let unknown: Failure[];

  before(() => {
    totals = runFuzz({ iterations: ITERATIONS, seed: SEED });
    unknown = totals.failures.filter((f) => !isKnownEngineBug(f));
  });

  it('never throws, hangs, reports a range outside its file, takes over 1 s under 100 KB, or breaks a file with a fix', (t) => {
    t.diagnostic(formatTotals(totals).split('\n').slice(0, 5).join(' | '));
    assert.ok(totals.analyses >= ITERATIONS && totals.fixesApplied > 0, 'the pass analysed projects and applied fixes');
    const shown = unknown
      .slice(0, 10)
      .map(
        (f) =>
          `${f.kind} at iteration ${f.iteration}: ${f.detail.split('\n')[0]}\n    mutations: ${f.mutations.join(', ')}\n    reproduce: ${reproducer(f)}`,
      );
    assert.equal(unknown.length, 0, `${unknown.length} failure(s) beyond the known engine bugs:\n${shown.join('\n')}`);
  });

  for (const bug of KNOWN_ENGINE_BUGS) {
    it(`known engine bug: ${bug.name}`, { todo: 'reported to the lead; see engine-bugs.test.ts' }, () => {
      const hits = totals.failures.filter((f) => bug.matches(f));
      assert.equal(
        hits.length,
        0,
        hits
          .slice(0, 3)
          .map((f) => `iteration ${f.iteration}: ${f.detail.split('\n')[0]} (${reproducer(f)})`)
          .join('\n'),
      );
    });
  }
});
