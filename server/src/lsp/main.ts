/**
 * Process entry of the language server. The transport comes from the command line, as in every
 * vscode-languageserver server: --stdio, --node-ipc (what the VS Code client uses), --socket=<port>, --pipe=<name>.
 */
import * as v8 from 'v8';
import { Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * Every edit replaces the edited page's parsed and derived data: a few MB that lives from one analysis to the
 * next, long enough to reach V8's old space, and is garbage after that. Left to its default growth policy, V8
 * let old space grow to about ten times the live data during a burst of edits (1.1 GB after 300 edits on the
 * 500-page benchmark project, with about 105 MB live). Growing by at most 30% of the live size before the next
 * full collection keeps the server under 250 MB there (about 80 MB live after the first analysis; peak 240 MB
 * over 200 edits, against about 305 MB at 100%), for about 10 ms more p95 latency and the same p50
 * (bench/bench.ts, closing notes of the performance issue).
 * The flag is read at each collection, so setting it here, before any work, applies to the whole session.
 */
const HEAP_GROWING_PERCENT = 30;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

function connect(): Connection {
  try {
    return createConnection(ProposedFeatures.all);
  } catch {
    // Started by hand without a transport: say how to start it instead of printing a stack trace.
    process.stderr.write('usage: mp-privacy-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
    process.exit(2);
  }
}

startServer(connect());
