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
 * 500-page benchmark project, with about 105 MB live); growing by at most the live size again keeps the server
 * near 300 MB for a few ms of p95 latency (numbers: bench/bench.ts, closing note of the performance issue).
 * The flag is read at each collection, so setting it here, before any work, applies to the whole session.
 */
const HEAP_GROWING_PERCENT = 100;
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
