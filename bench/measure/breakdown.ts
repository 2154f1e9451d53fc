/**
 * Where one warm re-analysis spends its time, in-process: the engine's phase entry points and the host are
 * wrapped and timed (see childBreakdown). A companion to the server's CPU profile of the same edits.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { editedText } from './edits';
import { fmt, median } from './process';

export interface BreakdownResult {
  /** Median inclusive ms per phase over repeated warm re-analyses with nothing changed, and after a page edit. */
  noChange: Record<string, number>;
  afterEdit: Record<string, number>;
  totalNoChangeMs: number;
  totalAfterEditMs: number;
  hostCalls: Record<string, number>;
}

/**
 * Where one re-analysis spends its time: wraps the engine's phase entry points (model, shared analyses, each
 * rule, suppressions, config) and the host, then re-analyses with nothing changed and after a page edit.
 * Times are inclusive and may overlap where a phase computes lazily for a later one.
 */
export function childBreakdown(dir: string, targets: string[]): BreakdownResult {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const engine = require('../../server/src/engine') as typeof import('../../server/src/engine');
  const rules = require('../../server/src/engine/rules') as {
    allRules: { meta: { id: string }; check: (...args: unknown[]) => unknown }[];
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  let times: Record<string, number> = {};
  const add = (label: string, ms: number) => (times[label] = (times[label] ?? 0) + ms);
  const timeExport = (modulePath: string, name: string, label: string): void => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(modulePath) as Record<string, unknown>;
      const original = mod[name] as (new (...a: unknown[]) => object) & ((...a: unknown[]) => unknown);
      if (typeof original !== 'function') return;
      if (/^class\b/.test(Function.prototype.toString.call(original))) {
        mod[name] = class extends original {
          constructor(...args: unknown[]) {
            const start = performance.now();
            super(...args);
            add(label, performance.now() - start);
          }
        };
      } else {
        mod[name] = function (this: unknown, ...args: unknown[]) {
          const start = performance.now();
          try {
            return original.apply(this, args);
          } finally {
            add(label, performance.now() - start);
          }
        };
      }
    } catch {
      // A phase that moved is simply not shown.
    }
  };
  timeExport(
    '../../server/src/engine/model/project',
    'ProjectModel',
    'model: ProjectModel (reads, stats, cached parses)',
  );
  timeExport('../../server/src/engine/analysis/launch-path', 'LaunchPath', 'analysis: LaunchPath');
  timeExport('../../server/src/engine/analysis/walls', 'Walls', 'analysis: Walls');
  timeExport('../../server/src/engine/analysis/checkout', 'Checkout', 'analysis: Checkout');
  timeExport('../../server/src/engine/analysis/entry-points', 'EntryPoints', 'analysis: EntryPoints');
  timeExport('../../server/src/engine/config', 'loadProjectConfig', 'config: loadProjectConfig');
  timeExport(
    '../../server/src/engine/findings/suppressions',
    'findSuppressions',
    'suppressions: findSuppressions (every file)',
  );
  timeExport('../../server/src/engine/findings/suppressions', 'applySuppressions', 'suppressions: applySuppressions');
  timeExport(
    '../../server/src/engine/findings/suppressions',
    'suppressFix',
    'suppressions: suppressFix (every finding)',
  );
  for (const rule of rules.allRules) {
    const check = rule.check;
    rule.check = (...args: unknown[]) => {
      const start = performance.now();
      try {
        return check.apply(rule, args);
      } finally {
        add(`rule: ${rule.meta.id}`, performance.now() - start);
      }
    };
  }
  const base = engine.createNodeFileSystemHost();
  const hostCalls: Record<string, number> = {};
  const timedCall = <R>(name: string, call: () => R): R => {
    const start = performance.now();
    const result = call();
    add(`host: ${name}`, performance.now() - start);
    hostCalls[name] = (hostCalls[name] ?? 0) + 1;
    return result;
  };
  const counted: import('../../server/src/engine').FileSystemHost = {
    readFile: (file) => timedCall('readFile', () => base.readFile(file)),
    stat: (file) => timedCall('stat', () => base.stat(file)),
    readDirectory(d) {
      hostCalls.readDirectory = ((hostCalls.readDirectory as number | undefined) ?? 0) + 1;
      return base.readDirectory(d);
    },
  };
  // The language server's hosts: buffers over a disk cache that logs each change, so an analysis asks the disk for
  // the changed paths only (host calls below are the cache's misses).
  const host = new engine.OverlayFileSystemHost(new engine.CachingFileSystemHost(counted));
  const analyzer = new engine.ProjectAnalyzer(host);
  const root = engine.findRootForFile(host, targets[0]) ?? dir;
  // Cold analysis, then a few warm ones so the JIT has settled before anything is measured.
  for (let i = 0; i < 4; i++) analyzer.analyze(root);
  const runs = (edit: (i: number) => void): { phases: Record<string, number>; total: number } => {
    const samples: Record<string, number[]> = {};
    const totals: number[] = [];
    for (let i = 0; i < 7; i++) {
      edit(i);
      times = {};
      for (const key of Object.keys(hostCalls)) delete hostCalls[key];
      const start = performance.now();
      analyzer.analyze(root);
      totals.push(performance.now() - start);
      for (const [label, ms] of Object.entries(times)) (samples[label] ??= []).push(ms);
    }
    return {
      phases: Object.fromEntries(Object.entries(samples).map(([label, ms]) => [label, median(ms)])),
      total: median(totals),
    };
  };
  const noChange = runs(() => undefined);
  const calls = { ...hostCalls };
  const content = fs.readFileSync(targets[0], 'utf8');
  const afterEdit = runs((i) => host.set(targets[0], editedText(targets[0], content, i)));
  return {
    noChange: noChange.phases,
    afterEdit: afterEdit.phases,
    totalNoChangeMs: noChange.total,
    totalAfterEditMs: afterEdit.total,
    hostCalls: calls,
  };
}

export function formatBreakdown(label: string, result: BreakdownResult): string {
  const lines = [
    `Where one warm in-process re-analysis of the ${label} project (the server's hosts) spends its time (median of 7, inclusive ms; host calls per analysis: ${Object.entries(
      result.hostCalls,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  ];
  lines.push(`  ${'phase'.padEnd(52)} ${'no change'.padStart(10)} ${'page edit'.padStart(10)}`);
  const labels = [...new Set([...Object.keys(result.noChange), ...Object.keys(result.afterEdit)])].sort(
    (a, b) => (result.afterEdit[b] ?? 0) - (result.afterEdit[a] ?? 0),
  );
  for (const label of labels)
    lines.push(
      `  ${label.padEnd(52)} ${fmt(result.noChange[label], 1).padStart(10)} ${fmt(result.afterEdit[label], 1).padStart(10)}`,
    );
  lines.push(
    `  ${'whole analyze()'.padEnd(52)} ${fmt(result.totalNoChangeMs, 1).padStart(10)} ${fmt(result.totalAfterEditMs, 1).padStart(10)}`,
  );
  return lines.join('\n');
}
