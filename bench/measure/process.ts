/**
 * Running and timing child processes, and the statistics every figure of the benchmark is made of. Each
 * measurement that starts cold runs in a fresh process (`node out/bench/bench.js --child <mode> ...`).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI_BIN = path.join(REPO_ROOT, 'server', 'bin', 'mp-privacy.js');
/** The compiled benchmark entry, which runs the child modes. */
export const BENCH_ENTRY = path.join(__dirname, '..', 'bench.js');
const TIME_BIN = '/usr/bin/time';

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 1): number => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);
export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

export interface Timed {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  maxRssMB?: number;
}

/**
 * Without /usr/bin/time, a node script is run through this wrapper (`node -e WRAPPER script args`: argv stays
 * [node, script, ...args]), which reports the peak RSS from process.resourceUsage() in time's format.
 */
const RSS_WRAPPER =
  "process.on('exit', () => process.stderr.write('\\nMaximum resident set size (kbytes): ' + process.resourceUsage().maxRSS + '\\n')); require(require('path').resolve(process.argv[1]));";

/** Runs a command to completion, timing it from spawn to exit; peak RSS via /usr/bin/time -v, else a node wrapper. */
export function runTimed(
  command: string,
  args: string[],
  options: { stdoutFile?: string; env?: NodeJS.ProcessEnv; measureRss?: boolean } = {},
): Promise<Timed> {
  const measure = options.measureRss !== false;
  const useTime = measure && fs.existsSync(TIME_BIN);
  const wrap = measure && !useTime && command === process.execPath && !args[0]?.startsWith('-');
  const [cmd, argv] = useTime
    ? [TIME_BIN, ['-v', command, ...args]]
    : wrap
      ? [command, ['-e', RSS_WRAPPER, ...args]]
      : [command, args];
  const stdoutFd = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : undefined;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - start;
      if (stdoutFd !== undefined) fs.closeSync(stdoutFd);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, status, stdout, stderr, maxRssMB: rss ? Number(rss[1]) / 1024 : undefined });
    });
  });
}

/** Runs one of the benchmark's child modes and returns the JSON object it prints last. */
export async function runChild<T>(
  mode: string,
  args: string[],
  options: { measureRss?: boolean } = {},
): Promise<{ result: T; timed: Timed }> {
  const timed = await runTimed(process.execPath, [BENCH_ENTRY, '--child', mode, ...args], {
    measureRss: options.measureRss ?? false,
  });
  return { result: childJson<T>(timed, mode), timed };
}

export function childJson<T>(timed: Timed, what: string): T {
  const line = timed.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(
      `${what} failed (exit ${timed.status}):\n${timed.stdout.slice(-2000)}\n${timed.stderr.slice(-4000)}`,
    );
  }
}
