/**
 * Worker thread of test/safety/pathological-input.test.ts: analyses one pathological project per message and
 * answers with the times. In a worker so that the test can stop a case that hangs (a synchronous loop cannot
 * be interrupted in the thread that runs it). Loaded as a plain file by `node --test`, it does nothing.
 */
import { isMainThread, parentPort } from 'worker_threads';
import { RUN_PATTERNS, analyseEverything, projectWith, run, type RunContext } from '../../bench/pathological';

export interface PathologicalCase {
  context: RunContext;
  pattern: string;
  length: number;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: PathologicalCase) => {
    const pattern = RUN_PATTERNS.find((p) => p.name === job.pattern);
    if (!pattern) throw new Error(`unknown pattern ${job.pattern}`);
    port.postMessage(analyseEverything(projectWith(job.context, run(pattern, job.length))));
  });
}
