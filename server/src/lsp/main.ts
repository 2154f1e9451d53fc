/**
 * Process entry of the language server. The transport comes from the command line, as in every
 * vscode-languageserver server: --stdio, --node-ipc (what the VS Code client uses), --socket=<port>, --pipe=<name>.
 */
import { Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

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
