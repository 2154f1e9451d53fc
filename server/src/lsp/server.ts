/**
 * The mp-privacy language server: a thin LSP adapter over the analysis engine (server/src/engine).
 * Reads top to bottom: client settings and capabilities -> editor settings -> document sync -> diagnostics
 * -> code actions -> hover -> memory usage -> shutdown. It never runs workspace code and never touches the network.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Locale, pickLocale, ruleById, ruleDocsUri } from '../engine';
import { CodeActionSupport, SHOW_DOCUMENTATION_COMMAND, provideCodeActions } from './code-actions';
import { uriToPath } from './convert';
import { DiagnosticsPublisher } from './diagnostics';
import { cancellationPoint, guard, guardAsync } from './guard';
import { provideHover } from './hover';
import { MEMORY_USAGE_REQUEST, MemoryUsage, measureMemoryUsage } from './memory-usage';
import { SETTINGS_SECTION, SettingsStore } from './settings';
import { Workspace } from './workspace';

/** Returns the privacy inventory of the workspace (or of the folder URIs given) as Markdown. */
export const INVENTORY_COMMAND = 'mp-privacy.inventory';

interface ClientSettings {
  locale: Locale;
  codeActions: CodeActionSupport;
  /** The client answers `workspace/configuration` (the `mpPrivacy` settings are pulled from it). */
  configurationPull: boolean;
  /** The client accepts a registration for `workspace/didChangeConfiguration`. */
  configurationChangeRegistration: boolean;
  /** `initializationOptions.settings`: `{ mpPrivacy: {...} }` from a client that cannot be asked. */
  initialEditorSettings: unknown;
}

const DEFAULT_SETTINGS: ClientSettings = {
  locale: 'en',
  codeActions: { documentChanges: false, createFiles: false, disabledActions: false },
  configurationPull: false,
  configurationChangeRegistration: false,
  initialEditorSettings: undefined,
};

/** `initializationOptions.locale` (the VS Code client sends `vscode.env.language`) wins over `params.locale`. */
function readClientSettings(params: InitializeParams): ClientSettings {
  const options = params.initializationOptions as { locale?: unknown; settings?: unknown } | null | undefined;
  const requested = typeof options?.locale === 'string' ? options.locale : params.locale;
  // Optional chaining throughout: a sloppy client may omit parts that the protocol calls required.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  const workspace = params.capabilities?.workspace;
  const workspaceEdit = workspace?.workspaceEdit;
  return {
    locale: pickLocale(requested),
    codeActions: {
      documentChanges: workspaceEdit?.documentChanges === true,
      createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
      disabledActions: params.capabilities?.textDocument?.codeAction?.disabledSupport === true,
    },
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    configurationPull: workspace?.configuration === true,
    configurationChangeRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    initialEditorSettings: options?.settings,
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  workspace.log = (message) => connection.console.warn(message);
  let settings = DEFAULT_SETTINGS;
  const editorSettings = new SettingsStore(connection);
  const diagnostics = new DiagnosticsPublisher(connection, workspace, () => settings.locale, editorSettings);

  /** The folders the editor opened: where the inventory command looks for mini programs by default. */
  let workspaceFolders: string[] = [];

  // Capabilities
  connection.onInitialize((params): InitializeResult => {
    settings = guard(connection, 'reading client settings', DEFAULT_SETTINGS, readClientSettings)(params);
    // Only a client that reports changes on disk lets the server remember what it read from disk.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a sloppy client may omit capabilities
    workspace.useDiskCache(params.capabilities?.workspace?.didChangeWatchedFiles !== undefined);
    const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folderUris.map(uriToPath).filter((folder): folder is string => folder !== undefined);
    workspace.setFolders(workspaceFolders);
    editorSettings.configure(settings.configurationPull, settings.initialEditorSettings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Full,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND, INVENTORY_COMMAND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'mp-privacy-language-server' },
    };
  });

  // Settings: mpPrivacy.enable / rules / ignore, per mini program root (see settings.ts).
  connection.onInitialized(() => {
    if (!settings.configurationChangeRegistration) return;
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch((error: unknown) => {
        connection.console.warn(`mp-privacy: could not register for settings changes: ${String(error)}`);
      });
  });
  connection.onDidChangeConfiguration(
    guard(connection, 'settings change', undefined, ({ settings: pushed }) => {
      editorSettings.changed(pushed);
      diagnostics.rescheduleAll();
    }),
  );

  // Document sync: open buffers override the disk; any change re-analyses the root(s) it belongs to.
  documents.onDidChangeContent(
    guard(connection, 'document change', undefined, ({ document }) => {
      const file = workspace.updateDocument(document);
      if (file !== undefined) diagnostics.schedule(file);
    }),
  );
  documents.onDidClose(
    guard(connection, 'document close', undefined, ({ document }) => {
      const file = workspace.closeDocument(document);
      if (file !== undefined) diagnostics.schedule(file);
    }),
  );
  // Closed files change on disk too (git checkout, another editor, a created .wxss).
  connection.onDidChangeWatchedFiles(
    guard(connection, 'watched files', undefined, ({ changes }) => {
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (file === undefined) continue;
        workspace.diskChanged(file);
        // Saving an open document changes nothing: its buffer already won over the disk.
        const savedOpenDocument = change.type === FileChangeType.Changed && workspace.versionOf(file) !== null;
        if (!savedOpenDocument) diagnostics.schedule(file);
      }
    }),
  );

  // Diagnostics are pushed by DiagnosticsPublisher. Requests below first flush a pending analysis of the
  // document's root so their offsets match the text the client has now.

  // Code actions
  // "Show documentation": the editor opens the rule's page (window/showDocument), or is told where it is.
  // "Privacy inventory": returns the inventory as Markdown for the client to show.
  connection.onExecuteCommand(
    guardAsync(connection, 'execute command', null as string | null, async (params): Promise<string | null> => {
      if (params.command === INVENTORY_COMMAND) {
        // Markdown inventory of the mini programs under the given folder URIs (default: the workspace folders).
        const requested = (params.arguments ?? []).filter((a): a is string => typeof a === 'string').map(uriToPath);
        const folders = requested.length ? requested.filter((f): f is string => f !== undefined) : workspaceFolders;
        return folders.map((folder) => workspace.inventoryMarkdown(folder, settings.locale)).join('\n');
      }
      const ruleId: unknown = params.arguments?.[0];
      if (params.command !== SHOW_DOCUMENTATION_COMMAND || typeof ruleId !== 'string' || !ruleById(ruleId)) return null;
      const uri = ruleDocsUri(ruleId);
      const shown = await connection.window.showDocument({ uri, takeFocus: true }).catch(() => ({ success: false }));
      if (!shown.success) connection.window.showInformationMessage(`mp-privacy ${ruleId}: ${uri}`);
      return null;
    }),
  );

  // A request cancelled while it waited for an analysis (or before) is answered as cancelled at once; code
  // actions also stop before each "fix all", which analyses the file again for every fix it applies.
  connection.onCodeAction(
    guardAsync(connection, 'code action', [], async (params, token) => {
      await cancellationPoint(token);
      const file = uriToPath(params.textDocument.uri);
      if (file !== undefined) await diagnostics.flush(file);
      await cancellationPoint(token);
      return provideCodeActions(params, workspace, settings.locale, settings.codeActions, () =>
        cancellationPoint(token),
      );
    }),
  );

  // Hover
  connection.onHover(
    guardAsync(connection, 'hover', null, async (params, token) => {
      await cancellationPoint(token);
      const file = uriToPath(params.textDocument.uri);
      if (file !== undefined) await diagnostics.flush(file);
      await cancellationPoint(token);
      return provideHover(params, workspace, settings.locale);
    }),
  );

  // Status: memory held by the server (see memory-usage.ts).
  connection.onRequest(
    MEMORY_USAGE_REQUEST,
    guard<[], MemoryUsage | null>(connection, 'memory usage', null, measureMemoryUsage),
  );

  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
