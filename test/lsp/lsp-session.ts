/**
 * Test harness: runs the real language server binary as a child process over stdio and plays the editor,
 * with a temp copy of a fixture as the workspace. Every wait has a timeout and fails with what it saw.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  Command,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  LogMessageNotification,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  Range,
  ShowMessageNotification,
  ShowMessageParams,
  ShutdownRequest,
  WorkspaceEdit,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { fixture, serverBin } from '../helpers/paths';

export const WAIT_MS = 15000;

/** The rules the fixtures in test/fixtures/lsp exercise. */
export const PHONE_ON_ENTRY = 'phone-on-entry';
export const PHONE_PURPOSE_AT_CHECKOUT = 'phone-purpose-at-checkout';

/** An editor with every workspace-edit feature the server may use. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeWatchedFiles: { dynamicRegistration: false },
  },
  textDocument: {
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
      isPreferredSupport: true,
      disabledSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/** Copies test/fixtures/lsp/<name> to a fresh temp folder (tests never modify the source tree). */
function copyFixture(name: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-lsp-'));
  const root = path.join(parent, name);
  fs.cpSync(fixture('lsp', name), root, { recursive: true });
  return root;
}

/** A fixture file as it is in the source tree (before any test edits its copy). */
export function fixtureText(name: string, relative: string): string {
  return fs.readFileSync(fixture('lsp', name, relative), 'utf8');
}

function removeCopy(root: string): void {
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

const LANGUAGES: Record<string, string> = {
  '.wxml': 'wxml',
  '.js': 'javascript',
  '.ts': 'typescript',
  '.json': 'json',
  '.wxss': 'css',
  '.vue': 'vue',
  '.tsx': 'typescriptreact',
  '.jsx': 'javascriptreact',
};

/**
 * Applies a WorkspaceEdit as an editor would: CreateFile, TextDocumentEdit (checking versions of open
 * documents) or `changes`. Returns the new content of every touched URI.
 */
export function applyWorkspaceEdit(
  edit: WorkspaceEdit,
  read: (uri: string) => string | undefined,
  versionOf: (uri: string) => number | null = () => null,
): Map<string, string> {
  const result = new Map<string, string>();
  const current = (uri: string): string => {
    const text = result.get(uri) ?? read(uri);
    if (text === undefined) throw new Error(`edit of missing file ${uri}`);
    return text;
  };
  const applyText = (uri: string, edits: Parameters<typeof TextDocument.applyEdits>[1]): void => {
    result.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, current(uri)), edits));
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      const exists = result.has(change.uri) || read(change.uri) !== undefined;
      if (!exists || change.options?.overwrite) result.set(change.uri, '');
      else if (!change.options?.ignoreIfExists) throw new Error(`create of existing file ${change.uri}`);
    } else {
      const { uri, version } = change.textDocument;
      if (version !== null && version !== versionOf(uri))
        throw new Error(`stale edit of ${uri}: v${version}, open v${versionOf(uri)}`);
      applyText(
        uri,
        change.edits.filter((e): e is typeof e & { newText: string } => 'newText' in e),
      );
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) applyText(uri, edits);
  return result;
}

interface Published {
  seq: number;
  diagnostics: Diagnostic[];
}

export interface SessionOptions {
  locale?: string;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the server's script (e.g. --expose-gc). */
  nodeOptions?: string[];
  /** How long to wait for an answer or diagnostics (default WAIT_MS; the benchmark's large projects need more). */
  waitMs?: number;
}

export class LspSession {
  readonly logs: string[] = [];
  /** window/showMessage notifications, in order. */
  readonly messages: ShowMessageParams[] = [];
  readonly connection: ProtocolConnection;
  initializeResult: InitializeResult | undefined;
  private readonly published = new Map<string, Published>();
  private readonly listeners = new Set<() => void>();
  /** What the editor holds: open buffers and their versions, by URI. */
  private readonly buffers = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private publishSeq = 0;
  private readonly publishCounts = new Map<string, number>();
  private stderr = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;
  /** Set when the session made `root` as a temp copy of a fixture, to remove it on dispose. */
  private ownsRoot = false;
  private waitMs = WAIT_MS;

  private constructor(
    readonly child: ChildProcess,
    readonly root: string,
  ) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve((this.exitCode = code))));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) =>
      this.record(params.uri, params.diagnostics),
    );
    this.connection.onNotification(LogMessageNotification.type, (params) => void this.logs.push(params.message));
    this.connection.onNotification(ShowMessageNotification.type, (params) => void this.messages.push(params));
    this.connection.listen();
  }

  /** Spawns `node server/bin/mp-privacy-language-server.js --stdio` and initializes it on `root`. */
  static async start(root: string, options: SessionOptions = {}): Promise<LspSession> {
    const session = new LspSession(
      spawn(process.execPath, [...(options.nodeOptions ?? []), serverBin, '--stdio'], {
        stdio: 'pipe',
        env: options.env ?? process.env,
      }),
      root,
    );
    session.waitMs = options.waitMs ?? WAIT_MS;
    const request = session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
    });
    session.initializeResult = await session.withTimeout(request, 'initialize');
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** A server on a fresh temp copy of test/fixtures/lsp/<name>; dispose() removes the copy. */
  static async onFixture(name: string, options?: SessionOptions): Promise<LspSession> {
    const root = copyFixture(name);
    try {
      const session = await LspSession.start(root, options);
      session.ownsRoot = true;
      return session;
    } catch (error) {
      removeCopy(root);
      throw error;
    }
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  /** The text the editor has: the open buffer, else the file on disk. */
  read(relative: string): string {
    const file = this.path(relative);
    return this.buffers.get(uriOf(file)) ?? fs.readFileSync(file, 'utf8');
  }

  /** How many times the server has published diagnostics for `relative`. */
  publishCount(relative: string): number {
    return this.publishCounts.get(uriOf(this.path(relative))) ?? 0;
  }

  /** A publish counter: `waitForDiagnostics(..., { after: mark })` ignores everything published before. */
  mark(): number {
    return this.publishSeq;
  }

  async open(relative: string, text = this.read(relative)): Promise<void> {
    const uri = uriOf(this.path(relative));
    this.versions.set(uri, 1);
    this.buffers.set(uri, text);
    const languageId = LANGUAGES[path.extname(relative)] ?? 'plaintext';
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(relative: string, text: string): Promise<void> {
    await this.changeUri(uriOf(this.path(relative)), text);
  }

  private async changeUri(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.buffers.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Writes a closed file on disk and reports it the way a file watcher does. */
  async writeOnDisk(relative: string, text: string): Promise<void> {
    const file = this.path(relative);
    const type = fs.existsSync(file) ? FileChangeType.Changed : FileChangeType.Created;
    fs.writeFileSync(file, text);
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(file), type }],
    });
  }

  /**
   * Applies a code action's edit like VS Code: created files are created (empty) on disk, every edited
   * file ends up as an open buffer with the new content (didChange if open, didOpen otherwise).
   */
  async applyEdit(edit: WorkspaceEdit): Promise<string[]> {
    const read = (uri: string): string | undefined => {
      const file = fileURLToPath(uri);
      return this.buffers.get(uri) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
    };
    const contents = applyWorkspaceEdit(edit, read, (uri) => this.versions.get(uri) ?? null);
    for (const [uri, text] of contents) {
      const file = fileURLToPath(uri);
      if (!fs.existsSync(file)) {
        // Like VS Code, CreateFile makes the folders a new file needs.
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, '');
      }
      if (this.versions.has(uri)) await this.changeUri(uri, text);
      else await this.open(path.relative(this.root, file), text);
    }
    return [...contents.keys()].map((uri) => path.relative(this.root, fileURLToPath(uri)));
  }

  codeActions(relative: string, range: Range, only?: string[]): Promise<(CodeAction | Command)[] | null> {
    const textDocument = { uri: uriOf(this.path(relative)) };
    return this.withTimeout(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [], only } }),
      'codeAction',
    );
  }

  hover(relative: string, position: Position): Promise<Hover | null> {
    const textDocument = { uri: uriOf(this.path(relative)) };
    return this.withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument, position }), 'hover');
  }

  /** Resolves with the first diagnostics for `relative` (published after `after`) that satisfy `accept`. */
  waitForDiagnostics(
    relative: string,
    accept: (diagnostics: Diagnostic[]) => boolean,
    options: { after?: number; what?: string } = {},
  ): Promise<Diagnostic[]> {
    const uri = uriOf(this.path(relative));
    const after = options.after ?? -1;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const latest = this.published.get(uri);
        if (!latest || latest.seq <= after || !accept(latest.diagnostics)) return false;
        cleanup();
        resolve(latest.diagnostics);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const latest = this.published.get(uri);
        reject(
          new Error(
            `timed out waiting for ${options.what ?? 'diagnostics'} on ${relative}; last published: ` +
              `${latest ? JSON.stringify(latest.diagnostics.map((d) => `${d.code}: ${d.message}`)) : 'none'}${this.serverOutput()}`,
          ),
        );
      }, this.waitMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      this.listeners.add(listener);
      check();
    });
  }

  /**
   * The diagnostics the client holds for `relative` once the server has analysed everything sent so far.
   * The server re-sends a file's diagnostics only when they change, so this uses a request round trip as
   * the barrier (the server flushes pending analyses and publishes before it answers).
   */
  async currentDiagnostics(relative: string): Promise<Diagnostic[]> {
    await this.hover(relative, { line: 0, character: 0 });
    return this.published.get(uriOf(this.path(relative)))?.diagnostics ?? [];
  }

  /** The diagnostic of `ruleId` on `relative`, once published. */
  async waitForFinding(relative: string, ruleId: string, after?: number): Promise<Diagnostic> {
    const diagnostics = await this.waitForDiagnostics(relative, (list) => list.some((d) => d.code === ruleId), {
      after,
      what: ruleId,
    });
    return diagnostics.find((d) => d.code === ruleId)!;
  }

  /** Resolves once a publish for `relative` made after `after` no longer contains `ruleId`. */
  async waitForCleared(relative: string, ruleId: string, after: number): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(relative, (list) => !list.some((d) => d.code === ruleId), {
      after,
      what: `${ruleId} to clear`,
    });
  }

  /**
   * Every file's latest non-empty diagnostics once the server is idle: a request round trip is the barrier,
   * since the server flushes pending analyses and publishes before it answers.
   */
  async settledFindings(): Promise<string[]> {
    return (await this.settledDiagnostics()).map(({ file, diagnostic }) => `${file}: ${diagnostic.code}`).sort();
  }

  /** settledFindings with each diagnostic itself (severity, message, range). */
  async settledDiagnostics(): Promise<{ file: string; diagnostic: Diagnostic }[]> {
    await this.hover('app.json', { line: 0, character: 0 });
    const found: { file: string; diagnostic: Diagnostic }[] = [];
    for (const [uri, { diagnostics }] of this.published) {
      for (const diagnostic of diagnostics)
        found.push({ file: path.relative(this.root, fileURLToPath(uri)), diagnostic });
    }
    return found;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** The LSP shutdown sequence; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    return this.withTimeout(this.exited, 'process exit');
  }

  /** For `after` hooks: ends the process if a test failed before shutting it down, and removes the copy. */
  dispose(): void {
    this.connection.dispose();
    if (this.alive) this.child.kill();
    if (this.ownsRoot) removeCopy(this.root);
  }

  /** Rejects after waitMs, with the server's log and stderr to show why. */
  withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}${this.serverOutput()}`)),
        this.waitMs,
      );
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private serverOutput(): string {
    return `\nserver log:\n${this.logs.join('\n')}\nserver stderr:\n${this.stderr}`;
  }

  private record(uri: string, diagnostics: Diagnostic[]): void {
    this.published.set(uri, { seq: ++this.publishSeq, diagnostics });
    this.publishCounts.set(uri, (this.publishCounts.get(uri) ?? 0) + 1);
    for (const listener of [...this.listeners]) listener();
  }
}

/** The text a diagnostic or related location covers, read from `content`. */
export function textAt(content: string, range: Range): string {
  const document = TextDocument.create('file:///x', 'plaintext', 0, content);
  return content.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

export function offsetRange(content: string, range: Range): { start: number; end: number } {
  const document = TextDocument.create('file:///x', 'plaintext', 0, content);
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}
