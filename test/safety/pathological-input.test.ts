/**
 * Linear time on any text (issue 12, item 3): each parser and rule, the fixes and every output format get
 * 400,000-character runs of the characters that make regular expressions and loops backtrack or rescan
 * (spaces, `{{`, quotes, directive-like comments, `<!--`, backslashes, …), in every kind of file. Each case
 * must finish within a hang guard, and each time is printed. Most cases take well under a second; the quadratic
 * code this replaced took 20 to 100 s on the same inputs. A case that takes more than a few seconds (many
 * findings, or a loaded machine) is run again at a quarter of the length: linear work takes about a quarter of
 * the time, quadratic work a sixteenth, and the test asserts less than a tenth. The 1 s budget for any file
 * under 1 MB is measured over every context and pattern by `npm run fuzz -- --pathological`.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { RUN_PATTERNS, fileKindOf, type EverythingTimes, type RunContext } from '../../bench/pathological';
import type { PathologicalCase } from './pathological-worker';

const LENGTH = 400_000;
/** Per case. A hang guard, not a speed target: see the comment at the top. */
const HANG_GUARD_MS = 60_000;
/** Cases slower than this are also run at a quarter of the length, to see how the time grows. */
const GROWTH_CHECK_MS = 2_000;
/** Time at the full length over time at a quarter: about 4 when linear, 16 when quadratic. */
const MAX_GROWTH = 10;

/** Where each run goes and which runs, chosen so that every parser and the code behind it meets its worst. */
const CASES: Record<string, string[]> = {
  // WXML: class names and mustaches, text nodes, labels and the purpose fix, attribute scanning, inline style.
  WXML_CLASS: ['mustache-open', 'spaces', 'double-quotes'],
  WXML_TEXT: ['mustache-open', 'mustache-spaced', 'spaces', 'newlines', 'html-comment-open', 'angle-open', 'entities'],
  WXML_LABEL: ['mustache-open', 'spaces', 'words'],
  WXML_BUTTON_CLASS: ['mustache-open', 'mustache-spaced'],
  WXML_TAG: ['attribute-starts', 'equals', 'spaces', 'single-quotes'],
  WXML_STYLE: ['spaces', 'keys'],
  WXML_COMMENT: ['html-directives', 'suppressions'],
  WXML_END: ['spaces', 'angle-open', 'html-directives'],
  'whole:pages/index/index.wxml': ['open-tags', 'html-comment-open', 'backslashes'],
  // JS and TS: conditional compilation, suppression comments, calls and their arguments, the TypeScript parser.
  JS_DIRECTIVE: ['spaces', 'tabs', 'directive-words'],
  JS_COMMENT: ['directive-lines', 'suppressions', 'html-directives'],
  JS_BODY: ['platform-calls', 'method-calls'],
  JS_STORAGE_KEY: ['keys', 'single-quotes', 'spaces'],
  JS_URL: ['slashes', 'urls', 'order-paths'],
  'whole:pages/index/index.js': ['spaces', 'backslashes', 'double-quotes'],
  TS_BODY: ['platform-calls'],
  'whole:pages/order/checkout.ts': ['spaces', 'backticks', 'directive-lines'],
  // JSON: text quoted in messages (permission desc, unknown rule ids), routes and package roots, the JSON parser.
  DESC: ['spaces', 'newlines', 'backslashes'],
  ROUTE: ['slashes', 'spaces'],
  SUBPACKAGE_ROOT: ['slashes'],
  CONFIG_RULE: ['spaces', 'tabs'],
  COMPONENT_NAME: ['spaces'],
  'whole:app.json': ['braces-open', 'double-quotes', 'spaces'],
  // WXSS: the stylesheet a fix appends to, declarations and selectors of a sheet that writes `fixed`.
  WXSS_TRAILING: ['spaces', 'newlines'],
  WXSS_DECLARATION: ['urls', 'keys', 'parens', 'spaces'],
  WXSS_SELECTOR: ['class-chain', 'spaces'],
  'whole:pages/order/checkout.wxss': ['braces-open', 'block-comment-open', 'double-quotes', 'backslashes'],
  // WXS: a module file and an inline module.
  WXS_MODULE: ['spaces'],
  WXML_INLINE_WXS: ['angle-open', 'spaces'],
  'whole:pages/index/index.wxs': ['backslashes'],
};

/** One worker for all cases; replaced when a case overruns (terminating it is the only way to stop it). */
class CaseRunner {
  private worker: Worker | undefined;

  run(job: PathologicalCase): Promise<{ times: EverythingTimes; ms: number } | 'hang'> {
    const worker = (this.worker ??= new Worker(path.join(__dirname, 'pathological-worker.js')));
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.stop();
        resolve('hang');
      }, HANG_GUARD_MS);
      const onMessage = (times: EverythingTimes) => {
        cleanup();
        resolve({ times, ms: Date.now() - started });
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = undefined;
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

describe(`pathological input: ${LENGTH.toLocaleString('en')}-character runs in every kind of file`, () => {
  const runner = new CaseRunner();
  // Modules loaded and compiled before the first timed case (its time is compared with later, warm ones).
  before(async () => void (await runner.run({ context: 'WXML_TEXT', pattern: 'spaces', length: 1_000 })));
  after(() => runner.stop());

  it('covers every file kind, and names only known contexts and patterns', () => {
    const kinds = new Set(Object.keys(CASES).map((context) => fileKindOf(context as RunContext)));
    assert.deepEqual([...kinds].sort(), ['js', 'json', 'ts', 'wxml', 'wxs', 'wxss']);
    const known = new Set(RUN_PATTERNS.map((p) => p.name));
    assert.deepEqual(
      Object.values(CASES)
        .flat()
        .filter((name) => !known.has(name)),
      [],
    );
  });

  for (const [context, patterns] of Object.entries(CASES)) {
    for (const pattern of patterns) {
      it(`${context} × ${pattern}`, async (t) => {
        const outcome = await runner.run({ context: context as RunContext, pattern, length: LENGTH });
        assert.notEqual(outcome, 'hang', `did not finish within ${HANG_GUARD_MS / 1000} s`);
        if (outcome === 'hang') return;
        const { times, ms } = outcome;
        t.diagnostic(
          `${ms} ms (analysis ${times.analysisMs.toFixed(0)}, fixes ${times.fixesMs.toFixed(0)}, outputs ${times.outputMs.toFixed(0)}), ${times.findings} findings`,
        );
        assert.deepEqual(times.failures, [], 'no rule or stage failed');
        if (ms <= GROWTH_CHECK_MS) return;
        // The better of two runs at each length: a busy machine stalls single runs (quadratic work stays ~16x).
        const timed = async (length: number) => {
          const once = await runner.run({ context: context as RunContext, pattern, length });
          return once === 'hang' ? HANG_GUARD_MS : once.ms;
        };
        const quarter = Math.max(Math.min(await timed(LENGTH / 4), await timed(LENGTH / 4)), 1);
        let full = ms;
        if (full / quarter >= MAX_GROWTH) full = Math.min(full, await timed(LENGTH));
        const growth = full / quarter;
        t.diagnostic(`${quarter} ms at a quarter of the length: ${growth.toFixed(1)}x for 4x the input`);
        assert.ok(
          growth < MAX_GROWTH,
          `${full} ms at ${LENGTH} characters, ${quarter} ms at ${LENGTH / 4}: grows ${growth.toFixed(1)}x for 4x the input`,
        );
      });
    }
  }
});
