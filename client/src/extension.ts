/**
 * The VS Code (and WeChat DevTools) extension: a thin client that starts the mp-privacy language server
 * over IPC. Diagnostics, quick fixes and hovers all come from the server; the client adds the output
 * channel, the restart command, crash handling and the settings (which the server reads through
 * `workspace/configuration`).
 *
 * API level: vscode-languageclient 8.1 requires VS Code ^1.67, so this file is compiled against
 * @types/vscode 1.67 and uses nothing newer (WeChat DevTools runs an older extension host than VS Code).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ExecuteCommandRequest,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crash-policy';
import { configureL10n, t } from './l10n';

/** Also the settings section: vscode-languageclient reads `mpPrivacy.trace.server` from it. */
export const CLIENT_ID = 'mpPrivacy';
export const COMMANDS = {
  restartServer: 'mpPrivacy.restartServer',
  showOutput: 'mpPrivacy.showOutput',
  showInventory: 'mpPrivacy.showInventory',
} as const;
/** The server command behind "Show privacy inventory" (see server/src/lsp/server.ts). */
const SERVER_INVENTORY_COMMAND = 'mp-privacy.inventory';
/** Written to the extension host console; the end-to-end tests read the activation time from it. */
export const ACTIVATION_MARKER = '[mp-privacy] activated in';

/** Module load time, so the activation time includes loading this bundle's dependencies. */
const moduleLoadedAt = Date.now();

let client: LanguageClient | undefined;

/** The bundled server in the package; the tsc output when running from a source checkout. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath(path.join('dist', 'extension', 'server.js'));
  return fs.existsSync(bundled) ? bundled : context.asAbsolutePath(path.join('out', 'server', 'src', 'lsp', 'main.js'));
}

class RestartingErrorHandler implements ErrorHandler {
  constructor(
    private readonly policy: CrashPolicy,
    private readonly output: vscode.OutputChannel,
  ) {}

  error(): ErrorHandlerResult {
    // A broken message is not a dead server; the close handler deals with a dead one.
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const { restart, crashes } = this.policy.crashed();
    if (restart) {
      const message = t(
        'The mp-privacy language server stopped unexpectedly and is being restarted ({0} of {1}).',
        crashes,
        this.policy.maxRestarts,
      );
      this.output.appendLine(message);
      return { action: CloseAction.Restart, message, handled: true };
    }
    const minutes = Math.round(this.policy.windowMs / 60000);
    const message = t(
      'The mp-privacy language server crashed {0} times in the last {1} minutes and will not be restarted.',
      crashes,
      minutes,
    );
    this.output.appendLine(message);
    const restartItem = t('Restart server');
    const outputItem = t('Show output');
    void vscode.window.showErrorMessage(message, restartItem, outputItem).then((choice) => {
      if (choice === restartItem) void vscode.commands.executeCommand(COMMANDS.restartServer);
      else if (choice === outputItem) this.output.show(true);
    });
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activateStartedAt = Date.now();
  configureL10n(context.extensionPath, vscode.env.language);

  const output = vscode.window.createOutputChannel('mp-privacy');
  const policy = new CrashPolicy();
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Closed files matter too: a finding in app.js depends on app.json and on page WXML. uni-app (.vue, .nvue)
  // and Taro (.jsx, .tsx) sources are mini program files as well.
  const fileWatcher = vscode.workspace.createFileSystemWatcher('**/*.{wxml,wxss,js,ts,json,vue,nvue,jsx,tsx}');
  context.subscriptions.push(output, fileWatcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'wxml' },
      // Whatever language mode an editor gives them, the files of a mini program are synchronised.
      { scheme: 'file', pattern: '**/*.{wxml,wxss,js,ts,json,vue,nvue,jsx,tsx}' },
    ],
    synchronize: { fileEvents: fileWatcher },
    outputChannel: output,
    // The server localises findings, hovers and fix titles into the editor's display language.
    initializationOptions: { locale: vscode.env.language },
    errorHandler: new RestartingErrorHandler(policy, output),
    // Settings are pulled by the server (workspace/configuration); it registers for their changes itself.
  };
  client = new LanguageClient(CLIENT_ID, 'mp-privacy', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.showInventory, async () => {
      if (!client?.isRunning()) return;
      const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString());
      const markdown: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_INVENTORY_COMMAND,
        arguments: folders,
      });
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: typeof markdown === 'string' ? markdown : '',
      });
      await vscode.window.showTextDocument(document, { preview: false });
    }),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      if (!client) return;
      policy.reset();
      output.appendLine(t('Restarting the mp-privacy language server.'));
      try {
        if (client.isRunning()) await client.restart();
        else await client.start();
        output.appendLine(t('The mp-privacy language server was restarted.'));
      } catch (error) {
        const message = t(
          'The mp-privacy language server could not be started: {0}',
          String(error instanceof Error ? error.message : error),
        );
        output.appendLine(message);
        void vscode.window.showErrorMessage(message);
      }
    }),
  );

  try {
    await client.start();
  } catch (error) {
    const message = t(
      'The mp-privacy language server could not be started: {0}',
      String(error instanceof Error ? error.message : error),
    );
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  const now = Date.now();
  output.appendLine(
    t(
      'Language server ready in {0} ms (extension loaded {1} ms before activation).',
      now - activateStartedAt,
      activateStartedAt - moduleLoadedAt,
    ),
  );
  console.log(
    `${ACTIVATION_MARKER} ${now - activateStartedAt} ms (module load to ready ${now - moduleLoadedAt} ms, display language ${vscode.env.language})`,
  );
}

export function deactivate(): Promise<void> | undefined {
  const stopping = client?.needsStop() ? client.stop() : undefined;
  client = undefined;
  return stopping;
}
