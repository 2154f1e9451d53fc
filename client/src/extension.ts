/**
 * The VS Code (and WeChat DevTools) extension: a thin client that starts the mp-privacy language server
 * over IPC and forwards documents and file events. All behaviour lives in the server.
 * vscode-languageclient 8.1 (engines.vscode ^1.67) is chosen to keep working in hosts with an older API.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('out', 'server', 'src', 'lsp', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const fileWatcher = vscode.workspace.createFileSystemWatcher('**/*.{wxml,wxss,js,ts,json}');
  const outputChannel = vscode.window.createOutputChannel('mp-privacy');
  context.subscriptions.push(fileWatcher, outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['wxml', 'javascript', 'typescript', 'json'].map((language) => ({ scheme: 'file', language })),
    // Closed files matter too: a finding in app.js depends on app.json and on page WXML.
    synchronize: { fileEvents: fileWatcher },
    outputChannel,
    initializationOptions: { locale: vscode.env.language },
  };
  client = new LanguageClient('mp-privacy', 'mp-privacy', serverOptions, clientOptions);
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
