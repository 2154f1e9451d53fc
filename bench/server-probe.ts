/**
 * Preloaded into the language server by the benchmark (`NODE_OPTIONS=--require out/bench/server-probe.js`)
 * to see from outside what the server does per edit, without changing it: wraps
 * `ProjectAnalyzer.prototype.analyze` (engine time and the files it parsed) and `DiagnosticsPublisher.prototype.run`
 * (analysis + conversion + publishing, with the wall-clock time it ended) and appends one JSON line per call to
 * $MP_BENCH_PROBE_FILE. With $MP_BENCH_PROFILE_FILE it CPU-profiles the $MP_BENCH_PROFILE_RUNS runs that follow
 * the first one (the first analysis of the workspace) and writes the profile when they are done.
 * If the engine's shape changes so that a wrapper cannot be installed, it records that instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const output = process.env.MP_BENCH_PROBE_FILE;
const profileFile = process.env.MP_BENCH_PROFILE_FILE;
const profileRuns = Number(process.env.MP_BENCH_PROFILE_RUNS ?? 0);
const outDir = path.resolve(__dirname, '..');

/** Wall-clock milliseconds comparable across processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function record(entry: Record<string, unknown>): void {
  if (!output) return;
  try {
    fs.appendFileSync(output, `${JSON.stringify(entry)}\n`);
  } catch {
    // The probe must never change the server's behaviour.
  }
}

type AnyFunction = (this: Record<string, unknown>, ...args: unknown[]) => unknown;

function prototypeOf(modulePath: string, className: string): Record<string, AnyFunction> | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(path.join(outDir, modulePath)) as Record<
    string,
    { prototype: Record<string, AnyFunction> } | undefined
  >;
  return exported[className]?.prototype;
}

function wrap(
  modulePath: string,
  className: string,
  method: string,
  around: {
    before?: () => void;
    describe: (self: Record<string, unknown>, result: unknown) => Record<string, unknown>;
  },
): void {
  try {
    const prototype = prototypeOf(modulePath, className);
    const original = prototype?.[method];
    if (!prototype || typeof original !== 'function') {
      record({ kind: 'probe-missing', target: `${className}.${method}` });
      return;
    }
    prototype[method] = function (this: Record<string, unknown>, ...args: unknown[]) {
      around.before?.();
      const start = performance.now();
      const result = original.apply(this, args);
      const done = (value: unknown) =>
        record({
          kind: `${className}.${method}`,
          ms: performance.now() - start,
          endEpochMs: epochMs(),
          ...around.describe(this, value),
        });
      // An async method is timed until it settles, not until its first await.
      if (result instanceof Promise) void result.then(done, () => done(undefined));
      else done(result);
      return result;
    };
  } catch (error) {
    record({ kind: 'probe-missing', target: `${className}.${method}`, error: String(error) });
  }
}

/** Files parsed since the last analysis began (ParsedFileCache.parse is where a cache miss parses). */
let parsedFiles: string[] = [];

function watchParses(): void {
  try {
    const prototype = prototypeOf('server/src/engine/model/file-cache.js', 'ParsedFileCache');
    const parse = prototype?.parse;
    if (!prototype || typeof parse !== 'function')
      return record({ kind: 'probe-missing', target: 'ParsedFileCache.parse' });
    prototype.parse = function (this: Record<string, unknown>, ...args: unknown[]) {
      parsedFiles.push(String(args[0]));
      return parse.apply(this, args);
    };
  } catch (error) {
    record({ kind: 'probe-missing', target: 'ParsedFileCache.parse', error: String(error) });
  }
}

/** CPU profile of the runs after the first, through the inspector of this process. */
function profiler(): { afterRun: () => void } {
  if (!profileFile || !(profileRuns > 0)) return { afterRun: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('inspector') as typeof import('inspector');
  const session = new inspector.Session();
  let runs = 0;
  return {
    afterRun() {
      runs++;
      if (runs === 1) {
        session.connect();
        session.post('Profiler.enable', () =>
          session.post('Profiler.setSamplingInterval', { interval: 250 }, () => session.post('Profiler.start')),
        );
      } else if (runs === 1 + profileRuns) {
        session.post('Profiler.stop', (error, result) => {
          if (!error) fs.writeFileSync(profileFile, JSON.stringify(result.profile));
          session.disconnect();
        });
      }
    },
  };
}

if (output) {
  watchParses();
  const profile = profiler();
  wrap('server/src/engine/analyzer.js', 'ProjectAnalyzer', 'analyze', {
    before: () => (parsedFiles = []),
    describe: (_self, result) => ({
      parsed: parsedFiles,
      findings: Array.isArray((result as { findings?: unknown[] } | undefined)?.findings)
        ? (result as { findings: unknown[] }).findings.length
        : null,
    }),
  });
  wrap('server/src/lsp/diagnostics.js', 'DiagnosticsPublisher', 'run', {
    describe: () => {
      // Recorded after the run; the profiler starts or stops between runs, never inside one.
      setImmediate(() => profile.afterRun());
      return {};
    },
  });
}
