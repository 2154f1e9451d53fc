/**
 * Worker-thread side of the parallel cold parse (parallel-parse.ts): reads and parses the files it is
 * given, posts the results on its port, then raises the shared flag the waiting thread sleeps on.
 */
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import type { MessagePort } from 'worker_threads';
import { parseFile, type CacheEntry, type ParsedKind } from './file-cache';

export interface ParseJob {
  files: { file: string; kind: ParsedKind }[];
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: 0 while working, 1 once the results are posted. */
  done: Int32Array;
}

export interface ParsedResult {
  file: string;
  kind: ParsedKind;
  entry: CacheEntry;
}

export type ParseReply = { results: ParsedResult[] } | { error: string };

/** True when this thread was started to run a parse job (see parallel-parse.ts). */
export function isParseJob(data: unknown): data is ParseJob {
  return !!data && (data as { kind?: unknown }).kind === 'mp-privacy-parse';
}

export function runParseJob(job: ParseJob): void {
  let reply: ParseReply;
  try {
    const results: ParsedResult[] = [];
    for (const { file, kind } of job.files) {
      let content: string;
      try {
        content = fs.readFileSync(file, 'utf8');
      } catch {
        continue; // gone or unreadable: the analysis reads it (or not) itself
      }
      results.push({ file, kind, entry: parseFile(file, kind, content) });
    }
    reply = { results };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  job.port.postMessage(reply);
  Atomics.store(job.done, 0, 1);
  Atomics.notify(job.done, 0);
}

// Started as a worker script of its own (the compiled out/ tree); a bundle starts its entry script instead,
// which calls runParseJob itself (see lsp/main.ts).
if (parentPort && isParseJob(workerData)) runParseJob(workerData);
