/**
 * Edit latency and memory of the real language server over stdio (server/bin/mp-privacy-language-server.js),
 * with a probe preloaded into it (bench/server-probe.ts) to read what it does per edit.
 * - flushed: didChange then a hover request, which makes the server analyse at once instead of after its
 *   debounce; client-side time until the answer, and server-side time of the run (analysis, conversion,
 *   publishing) from the probe;
 * - debounced: didChange alone, as a user types; time from sending it to the end of the run it caused
 *   (the probe's wall clock), i.e. what a user waits for a squiggle;
 * - each edit must re-parse the edited file (else the benchmark would be measuring a cache hit);
 * - RSS after warm-up, at the end, and the peak.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { editedText } from './edits';

const PROBE = path.join(__dirname, '..', 'server-probe.js');

export interface LspResult {
  firstAnalysisMs: number;
  /** didChange -> hover answered (the hover flushes the debounce). */
  flushedMs: number[];
  /** Server-side DiagnosticsPublisher.run per flushed edit. */
  serverRunMs: number[];
  /** Of which ProjectAnalyzer.analyze. */
  serverAnalyzeMs: number[];
  /** Files parsed per edit. */
  parsesPerEdit: number[];
  /** Edits whose analysis did not parse the edited file. */
  editsNotReparsed: number;
  /** didChange -> end of the debounced run. */
  debouncedMs: number[];
  rssWarmMB: number;
  rssEndMB: number;
  peakRssMB: number;
  probeMissing: string[];
  profile?: string;
}

interface ProbeLine {
  kind: string;
  ms: number;
  endEpochMs: number;
  parsed?: string[];
  target?: string;
}

const epochMs = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureLsp(
  root: string,
  targets: string[],
  options: { edits: number; debouncedEdits: number; profileFile?: string },
): Promise<LspResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LspSession } = require('../../test/lsp/lsp-session') as typeof import('../../test/lsp/lsp-session');
  const probeFile = path.join(os.tmpdir(), `mp-privacy-probe-${process.pid}-${Date.now()}.jsonl`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : ''}--require ${PROBE}`,
    MP_BENCH_PROBE_FILE: probeFile,
    ...(options.profileFile
      ? { MP_BENCH_PROFILE_FILE: options.profileFile, MP_BENCH_PROFILE_RUNS: String(options.edits) }
      : {}),
  };
  const relTargets = targets.map((f) => path.relative(root, f));
  // Read from where the last read stopped: the first analysis lists thousands of parsed files.
  let offset = 0;
  const freshProbeLines = (): ProbeLine[] => {
    if (!fs.existsSync(probeFile)) return [];
    const fd = fs.openSync(probeFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buffer = Buffer.alloc(size - offset);
      fs.readSync(fd, buffer, 0, buffer.length, offset);
      const text = buffer.toString('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      offset += Buffer.byteLength(text.slice(0, complete));
      return text
        .slice(0, complete)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeLine);
    } finally {
      fs.closeSync(fd);
    }
  };
  const memory = (pid: number) => {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
    return { rss: mb('VmRSS'), peak: mb('VmHWM') };
  };
  let session: import('../../test/lsp/lsp-session').LspSession | undefined;
  try {
    let t = performance.now();
    // A large project's first analysis on a loaded machine takes longer than a test would wait.
    session = await LspSession.start(root, { env, waitMs: 300_000 });
    const s = session;
    const bases = relTargets.map((rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
    for (const rel of relTargets) await s.open(rel);
    await s.hover(relTargets[0], { line: 0, character: 0 });
    const firstAnalysisMs = performance.now() - t;
    freshProbeLines();

    const result: LspResult = {
      firstAnalysisMs,
      flushedMs: [],
      serverRunMs: [],
      serverAnalyzeMs: [],
      parsesPerEdit: [],
      editsNotReparsed: 0,
      debouncedMs: [],
      rssWarmMB: NaN,
      rssEndMB: NaN,
      peakRssMB: NaN,
      probeMissing: [],
    };
    const warmUp = Math.min(20, Math.floor(options.edits / 5));
    for (let i = 0; i < options.edits; i++) {
      if (i === warmUp) result.rssWarmMB = memory(s.child.pid!).rss;
      const which = i % relTargets.length;
      const rel = relTargets[which];
      t = performance.now();
      await s.change(rel, editedText(path.join(root, rel), bases[which], i));
      await s.hover(rel, { line: 0, character: 0 });
      result.flushedMs.push(performance.now() - t);
      const lines = freshProbeLines();
      const runs = lines.filter((l) => l.kind === 'DiagnosticsPublisher.run');
      const analyses = lines.filter((l) => l.kind === 'ProjectAnalyzer.analyze');
      result.serverRunMs.push(runs.reduce((n, l) => n + l.ms, 0));
      result.serverAnalyzeMs.push(analyses.reduce((n, l) => n + l.ms, 0));
      const parsed = analyses.flatMap((l) => l.parsed ?? []);
      result.parsesPerEdit.push(parsed.length);
      if (!parsed.includes(path.join(root, rel))) result.editsNotReparsed++;
    }
    if (options.profileFile) {
      // The probe writes the profile once the profiled runs are over.
      for (let waited = 0; waited < 10_000 && !fs.existsSync(options.profileFile); waited += 20) await sleep(20);
      if (fs.existsSync(options.profileFile)) result.profile = options.profileFile;
    }
    for (let i = 0; i < options.debouncedEdits; i++) {
      const which = i % relTargets.length;
      const rel = relTargets[which];
      freshProbeLines();
      const sent = epochMs();
      await s.change(rel, editedText(path.join(root, rel), bases[which], options.edits + i));
      let run: ProbeLine | undefined;
      for (let waited = 0; !run && waited < 15_000; waited += 2) {
        await sleep(2);
        run = freshProbeLines().find((l) => l.kind === 'DiagnosticsPublisher.run');
      }
      if (run) result.debouncedMs.push(run.endEpochMs - sent);
    }
    const end = memory(s.child.pid!);
    result.rssEndMB = end.rss;
    result.peakRssMB = end.peak;
    if (!Number.isFinite(result.rssWarmMB)) result.rssWarmMB = end.rss;
    offset = 0;
    result.probeMissing = freshProbeLines()
      .filter((l) => l.kind === 'probe-missing')
      .map((l) => String(l.target));
    await s.shutdown();
    return result;
  } finally {
    session?.dispose();
    fs.rmSync(probeFile, { force: true });
  }
}
