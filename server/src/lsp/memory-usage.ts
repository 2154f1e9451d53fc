/**
 * `mp-privacy/memoryUsage`: what the server process holds, as rust-analyzer's "Memory Usage" request reports it,
 * for bug reports and for the robustness test's leak check. Resident memory alone cannot tell a leak from a heap
 * that V8 has not shrunk yet (it swings by ~200 MB after a large file is parsed), so the live heap is measured
 * after a full collection when node runs with `--expose-gc`, and said to be unmeasured otherwise.
 */
import { RequestType0 } from 'vscode-languageserver';

export interface MemoryUsage {
  rssMB: number;
  heapUsedMB: number;
  /** True when a full garbage collection ran just before heapUsedMB was read. */
  collectedFirst: boolean;
}

export const MEMORY_USAGE_REQUEST = new RequestType0<MemoryUsage | null, void>('mp-privacy/memoryUsage');

const MB = 1024 * 1024;

export function measureMemoryUsage(): MemoryUsage {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) collect();
  const usage = process.memoryUsage();
  return { rssMB: usage.rss / MB, heapUsedMB: usage.heapUsed / MB, collectedFirst: collect !== undefined };
}
