/**
 * Process entry of the language server. The transport comes from the command line, as in every
 * vscode-languageserver server: --stdio, --node-ipc (what the VS Code client uses), --socket=<port>, --pipe=<name>.
 */
import * as v8 from 'v8';
import { isMainThread, workerData } from 'worker_threads';
import type { Connection } from 'vscode-languageserver/node';
import { isParseJob, runParseJob, setParseWorkerScript } from '../engine';

/**
 * Every edit replaces the edited page's parsed and derived data: a few MB that lives from one analysis to the
 * next, long enough to reach V8's old space, and is garbage after that. Left to its default growth policy, V8
 * let old space grow to about ten times the live data during a burst of edits (1.1 GB after 300 edits on the
 * 500-page benchmark project, with about 105 MB live); growing by at most the live size again keeps the server
 * near 300 MB for a few ms of p95 latency (numbers: bench/bench.ts, closing note of the performance issue).
 * The flag is read at each collection, so setting it here, before any work, applies to the whole session.
 */
const HEAP_GROWING_PERCENT = 100;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

function connect(): Connection {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  try {
    return createConnection(ProposedFeatures.all);
  } catch {
    // Started by hand without a transport: say how to start it instead of printing a stack trace.
    process.stderr.write('usage: mp-privacy-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
    process.exit(2);
  }
}

if (!isMainThread && isParseJob(workerData)) {
  // This script also serves as the parse worker of the first, cold analysis (so a one-file bundle needs no
  // second entry): parse what it is given, post it back, end.
  runParseJob(workerData);
} else {
  setParseWorkerScript(__filename);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./server') as typeof import('./server')).startServer(connect());
}
