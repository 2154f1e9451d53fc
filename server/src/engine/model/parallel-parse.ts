/**
 * A cold analysis spends most of its time parsing scripts with the TypeScript parser. On a machine with a
 * second core, a worker thread parses part of the scripts while this thread parses the rest (and the
 * templates, styles and JSON); both sets of results land in the parse cache before the analysis starts,
 * so the analysis itself finds every file parsed. The wait is synchronous (Atomics.wait on a shared flag,
 * then receiveMessageOnPort), so callers stay synchronous. Anything going wrong (no worker file, a worker
 * error, a timeout) only means this thread parses those files itself, as it would without a worker.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'worker_threads';
import type { FileSystemHost } from '../host';
import { parsedKindOf, type ParsedFileCache, type ParsedKind } from './file-cache';
import type { ParseJob, ParseReply } from './parse-worker';

export interface ParallelParseStats {
  files: number;
  onWorker: number;
  /** Why no worker was used, when none was. */
  sequentialBecause?: string;
}

let workerScript = path.join(__dirname, 'parse-worker.js');

/**
 * The script a parse worker starts: parse-worker.js next to this module in the compiled tree; a bundled build
 * (one file) passes its own entry script, which runs the job when it finds itself on a parse worker.
 */
export function setParseWorkerScript(file: string): void {
  workerScript = file;
}
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.svn', '.hg']);
const MAX_FILES = 50_000;
/** Estimated cold parse cost in ms per KB, by parser (measured on the benchmark project, bench/bench.ts). */
const MS_PER_KB: Record<ParsedKind, number> = { script: 0.55, wxml: 0.06, wxss: 0.15, json: 0.3 };
const MS_PER_FILE = 0.03;
/** What starting a worker costs before it parses anything (thread start, loading the TypeScript parser). */
const WORKER_START_MS = 250;
/** Below this much estimated parsing, a worker does not pay for its start. */
const MINIMUM_PARALLEL_MS = 600;

function availableCores(): number {
  const withAvailable = os as { availableParallelism?: () => number };
  return withAvailable.availableParallelism ? withAvailable.availableParallelism() : os.cpus().length;
}

/** Source files under `root` that the engine parses (dependency and VCS folders skipped). */
function sourceFilesUnder(host: FileSystemHost, root: string): { file: string; kind: ParsedKind }[] {
  const found: { file: string; kind: ParsedKind }[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > 16) return;
    for (const name of host.readDirectory(dir)) {
      if (found.length >= MAX_FILES) return;
      if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
      const full = path.join(dir, name);
      const kind = parsedKindOf(name);
      if (kind) found.push({ file: full, kind });
      else if (host.stat(full) === 'directory') visit(full, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

export interface ParallelParseOptions {
  /** Use a worker only above this much estimated parsing (ms); tests set 0 to exercise the worker on small projects. */
  minimumEstimatedMs?: number;
}

export function parseInParallel(host: FileSystemHost, cache: ParsedFileCache, root: string, options: ParallelParseOptions = {}): ParallelParseStats {
  const files = sourceFilesUnder(host, root).map((f) => {
    const content = host.readFile(f.file);
    return { ...f, content, cost: content === undefined ? 0 : MS_PER_FILE + (content.length / 1024) * MS_PER_KB[f.kind] };
  });
  const stats: ParallelParseStats = { files: files.length, onWorker: 0 };
  const total = files.reduce((sum, f) => sum + f.cost, 0);
  if (total < (options.minimumEstimatedMs ?? MINIMUM_PARALLEL_MS)) stats.sequentialBecause = 'little to parse';
  else if (availableCores() < 2) stats.sequentialBecause = 'one core';
  else if (!fs.existsSync(workerScript)) stats.sequentialBecause = 'no worker script';
  if (stats.sequentialBecause) return stats;

  // The worker takes the largest scripts until it holds its half, less what its start costs.
  const forWorker = new Set<(typeof files)[number]>();
  let workerCost = WORKER_START_MS;
  for (const f of files.filter((f) => f.kind === 'script').sort((a, b) => b.cost - a.cost)) {
    if (forWorker.size && workerCost + f.cost > total / 2 + WORKER_START_MS / 2) continue;
    forWorker.add(f);
    workerCost += f.cost;
  }
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  try {
    const job: ParseJob & { kind: string } = { kind: 'mp-privacy-parse', files: [...forWorker].map(({ file, kind }) => ({ file, kind })), port: port2, done };
    worker = new Worker(workerScript, { workerData: job, transferList: [port2] });
    worker.unref();
    worker.on('error', () => undefined); // reported through the flag never rising; this thread parses instead
  } catch {
    stats.sequentialBecause = 'worker did not start';
    return stats;
  }

  for (const f of files) {
    if (!forWorker.has(f) && f.content !== undefined) cache.load(f.file, f.kind, [], new Set());
  }
  const waited = Atomics.wait(done, 0, 0, Math.max(5_000, workerCost * 5));
  const message = waited === 'timed-out' ? undefined : (receiveMessageOnPort(port1)?.message as ParseReply | undefined);
  void worker.terminate();
  port1.close();
  if (!message || 'error' in message) {
    stats.sequentialBecause = message ? `worker failed: ${message.error}` : 'worker timed out';
    return stats;
  }
  for (const result of message.results) cache.prime(result.file, result.kind, result.entry);
  stats.onWorker = message.results.length;
  return stats;
}
