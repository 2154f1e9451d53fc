/**
 * Preloaded into the language server by the benchmark (`NODE_OPTIONS=--require out/bench/server-probe.js`)
 * to see from outside what the server does per edit, without changing it: wraps
 * `ProjectAnalyzer.prototype.analyze` (engine time and files parsed) and `DiagnosticsPublisher.prototype.run`
 * (analysis + conversion + publishing) and appends one JSON line per call to $MP_BENCH_PROBE_FILE.
 * If the engine's shape changes so that a wrapper cannot be installed, it records that instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const output = process.env.MP_BENCH_PROBE_FILE;
const outDir = path.resolve(__dirname, '..');

function record(entry: Record<string, unknown>): void {
  if (!output) return;
  try {
    fs.appendFileSync(output, `${JSON.stringify(entry)}\n`);
  } catch {
    // The probe must never change the server's behaviour.
  }
}

type AnyFunction = (this: Record<string, unknown>, ...args: unknown[]) => unknown;

function wrap(modulePath: string, className: string, method: string, describe: (self: Record<string, unknown>, result: unknown, before: number | undefined) => Record<string, unknown>): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(outDir, modulePath)) as Record<string, { prototype: Record<string, AnyFunction> } | undefined>;
    const prototype = exported[className]?.prototype;
    const original = prototype?.[method];
    if (!prototype || typeof original !== 'function') {
      record({ kind: 'probe-missing', target: `${className}.${method}` });
      return;
    }
    prototype[method] = function (this: Record<string, unknown>, ...args: unknown[]) {
      const before = typeof this.parseCount === 'number' ? (this.parseCount as number) : undefined;
      const start = performance.now();
      const result = original.apply(this, args);
      const ms = performance.now() - start;
      record({ kind: `${className}.${method}`, ms, ...describe(this, result, before) });
      return result;
    };
  } catch (error) {
    record({ kind: 'probe-missing', target: `${className}.${method}`, error: String(error) });
  }
}

if (output) {
  wrap('server/src/engine/analyzer.js', 'ProjectAnalyzer', 'analyze', (self, result, before) => ({
    parses: before !== undefined && typeof self.parseCount === 'number' ? (self.parseCount as number) - before : null,
    findings: Array.isArray((result as { findings?: unknown[] } | undefined)?.findings) ? (result as { findings: unknown[] }).findings.length : null,
  }));
  wrap('server/src/lsp/diagnostics.js', 'DiagnosticsPublisher', 'run', () => ({}));
}
