/**
 * What the server knows about the user's files: open editor buffers laid over the disk, and the last
 * analysis of each mini program root. The engine reads every file through `host`, so a closed file is
 * read from disk and an open one from its (possibly unsaved) buffer.
 */
import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisResult,
  CachingFileSystemHost,
  createNodeFileSystemHost,
  discoverMiniPrograms,
  FileBoundary,
  Finding,
  findBaselineFile,
  findRootForFile,
  formatInventory,
  matchBaseline,
  parseBaseline,
  formatJourney,
  Locale,
  OverlayFileSystemHost,
  ParserKind,
  ProjectAnalyzer,
  ProjectConfig,
} from '../engine';
import { EditTarget, pathToUri, uriToPath } from './convert';

interface RootState {
  result: AnalysisResult;
  /** Files the analysis read, to know which roots a change to a file affects. */
  files: Set<string>;
  /** Findings recorded in the baseline file that applies to the root (shown at hint level). */
  baselined: Set<Finding>;
}

export class Workspace implements EditTarget {
  /**
   * What the server may read: the workspace folders, and the mini program of a file opened outside them (the
   * user chose to open it). Links out of them are not followed, nothing else on the disk is read.
   */
  private readonly boundary = new FileBoundary();
  /** Disk reads, remembered only once the client has said it reports changes on disk (see useDiskCache). */
  private readonly disk = Object.assign(new CachingFileSystemHost(createNodeFileSystemHost(this.boundary)), {
    enabled: false,
  });
  /** Open buffers over the disk: what the engine reads. Only buffers inside the boundary are laid over it. */
  readonly host = new OverlayFileSystemHost(this.disk);
  private readonly analyzer = new ProjectAnalyzer(this.host);

  /** The folders the editor opened (LSP workspaceFolders or rootUri). */
  setFolders(folders: readonly string[]): void {
    for (const folder of folders) this.boundary.add(folder);
    this.disk.invalidateAll();
  }

  /** The client sends didChangeWatchedFiles: files on disk need not be read again on every edit. */
  useDiskCache(enabled: boolean): void {
    this.disk.enabled = enabled;
    this.disk.invalidateAll();
  }

  /** A file changed on disk (reported by the client): read it again next time. */
  diskChanged(file: string): void {
    this.disk.invalidate(file);
    // A folder may have become a link, or a link a folder.
    this.boundary.forget();
  }

  /**
   * True when `file` may be read: inside the boundary, or inside a mini program that becomes part of it because
   * the user opened one of its files outside every workspace folder.
   */
  private admit(file: string): boolean {
    if (!this.boundary.covers(file)) {
      const root = findRootForFile(createNodeFileSystemHost(), file);
      if (!root) return false;
      this.widen(root);
    }
    return this.boundary.allows(file);
  }

  /** Makes a root outside every folder part of the boundary (it was found from a file the user opened). */
  private widen(root: string): void {
    if (this.boundary.covers(root)) return;
    this.boundary.add(root);
    this.disk.invalidateAll();
  }
  private readonly roots = new Map<string, RootState>();
  /** Open documents by absolute path; the client's URI spelling is kept for everything we send back. */
  private readonly openDocuments = new Map<string, TextDocument>();

  /** Records an opened or changed buffer; returns its path, or undefined for a non-file document. */
  updateDocument(document: TextDocument): string | undefined {
    const file = uriToPath(document.uri);
    if (file === undefined || !this.admit(file)) return undefined;
    this.openDocuments.set(file, document);
    this.host.set(file, document.getText());
    return file;
  }

  /** After a close the file on disk is the truth again (the buffer may have had unsaved edits). */
  closeDocument(document: TextDocument): string | undefined {
    const file = uriToPath(document.uri);
    if (file === undefined || !this.openDocuments.has(file)) return undefined;
    this.openDocuments.delete(file);
    this.host.delete(file);
    return file;
  }

  /**
   * The privacy inventory of every mini program under `folder`, as Markdown in the editor's language. A folder
   * outside the boundary is refused at once (a client could ask for `file:///`).
   */
  inventoryMarkdown(folder: string, locale: Locale): string {
    if (!this.boundary.covers(folder) || this.host.stat(folder) !== 'directory') {
      return locale === 'zh-cn'
        ? `mp-privacy：\`${folder}\` 不在工作区文件夹内，未生成清单。\n`
        : `mp-privacy: \`${folder}\` is not a folder of the workspace; no inventory was made.\n`;
    }
    const { roots, problems } = discoverMiniPrograms(this.host, folder);
    const report = {
      baseDir: folder,
      inventories: roots.map((root) => this.analyzer.inventory(root)),
      read: (file: string) => this.host.readFile(file),
    };
    const notes = problems.map(
      (problem) => `> ${path.relative(folder, problem.file).split(path.sep).join('/')}: ${problem.message[locale]}\n`,
    );
    const inventory = formatInventory(report, 'markdown', locale) + (notes.length ? `\n${notes.join('\n')}` : '');
    if (!roots.length) return inventory;
    // The journey drawn in Mermaid, which Markdown previews (VS Code with a Mermaid extension, GitHub) render.
    const journey = formatJourney(
      roots.map((root) => this.analyzer.journey(root)),
      'mermaid',
      (root) => path.relative(folder, root).split(path.sep).join('/'),
    );
    const heading =
      locale === 'zh-cn'
        ? '## 隐私旅程（启动 → 页面 → 个人信息请求）'
        : '## Privacy journey (launch → pages → requests for personal information)';
    return `${inventory.trimEnd()}\n\n${heading}\n\n\`\`\`mermaid\n${journey}\`\`\`\n`;
  }

  textOf(file: string): string | undefined {
    return this.host.readFile(file);
  }

  uriFor(file: string): string {
    return this.openDocuments.get(file)?.uri ?? pathToUri(file);
  }

  versionOf(file: string): number | null {
    return this.openDocuments.get(file)?.version ?? null;
  }

  /**
   * The roots whose findings may change when `file` changes: the root that owns it now, plus every
   * analysed root that read it or contains it (its app.json may have just stopped declaring pages).
   */
  rootsAffectedBy(file: string): string[] {
    const affected = new Set<string>();
    const owner = findRootForFile(this.host, file);
    if (owner) affected.add(owner);
    for (const [root, state] of this.roots) {
      if (state.files.has(file) || file.startsWith(root + path.sep)) affected.add(root);
    }
    return [...affected];
  }

  /** The root has been analysed (and not dropped since). */
  hasAnalysed(root: string): boolean {
    return this.roots.has(root);
  }

  /** Files parsed ahead of a root's first analysis (see parseAhead), until that analysis has run. */
  private readonly parsedAhead = new Map<string, string[]>();

  /**
   * Before a root's first analysis: the files it may parse, for parsing them ahead with progress; undefined once
   * the root has been analysed (later analyses re-parse only what changed).
   */
  filesBeforeFirstAnalysis(root: string): { file: string; kind: ParserKind }[] | undefined {
    if (this.roots.has(root)) return undefined;
    this.widen(root);
    return this.analyzer.filesToParse(root);
  }

  parseAhead(root: string, file: string, kind: ParserKind): void {
    this.analyzer.parseAhead(file, kind);
    const files = this.parsedAhead.get(root) ?? [];
    files.push(file);
    this.parsedAhead.set(root, files);
  }

  /** Re-analyses a root; undefined when the folder is no longer a mini program root (its results are dropped). */
  analyze(root: string, overrides?: ProjectConfig): AnalysisResult | undefined {
    // A root above a workspace folder (the user opened its pages/ folder) was found from a file inside it.
    this.widen(root);
    // Without change notifications from the client, links are looked at afresh for each analysis.
    if (!this.disk.enabled) this.boundary.forget();
    if (findRootForFile(this.host, path.join(root, 'app.json')) !== root) {
      this.roots.delete(root);
      for (const file of this.parsedAhead.get(root) ?? []) this.analyzer.forgetParse(file);
      this.parsedAhead.delete(root);
      return undefined;
    }
    const result = this.analyzer.analyze(root, { overrides });
    const files = new Set(result.files);
    // What was parsed ahead but not read (a stray script, an unused component) is not kept in memory.
    for (const file of this.parsedAhead.get(root) ?? []) if (!files.has(file)) this.analyzer.forgetParse(file);
    this.parsedAhead.delete(root);
    for (const finding of result.findings) files.add(finding.range.file);
    this.roots.set(root, { result, files, baselined: this.baselined(root, result.findings, files) });
    return result;
  }

  /**
   * The findings the root's baseline file records (see engine/baseline.ts). Every place the file is looked for
   * is added to `files`, so creating, editing or deleting it re-analyses the root. A file that is not a valid
   * baseline is left aside with a line in the log (the CLI reports it as an error).
   */
  private baselined(root: string, findings: readonly Finding[], files: Set<string>): Set<Finding> {
    const found = findBaselineFile(this.host, root);
    for (const candidate of found.candidates) files.add(candidate);
    const content = found.file === undefined ? undefined : this.host.readFile(found.file);
    if (found.file === undefined || content === undefined) return new Set();
    const parsed = parseBaseline(content);
    if ('error' in parsed) {
      this.log?.(`mp-privacy: ${found.file} is not used: ${parsed.error}`);
      return new Set();
    }
    return new Set(
      matchBaseline(parsed.baseline, findings, path.dirname(found.file), (file) => this.host.readFile(file)).baselined,
    );
  }

  /** Where the workspace writes what the user should know but need not be interrupted for (the output log). */
  log: ((message: string) => void) | undefined;

  isBaselined(finding: Finding): boolean {
    for (const state of this.roots.values()) if (state.baselined.has(finding)) return true;
    return false;
  }

  /** Drops a root's results (mp-privacy is disabled for it): no findings, code actions or hovers there. */
  forget(root: string): undefined {
    this.roots.delete(root);
    return undefined;
  }

  /** Findings located in `file` from the last analysis of every root. */
  findingsIn(file: string): Finding[] {
    const findings: Finding[] = [];
    for (const { result } of this.roots.values()) {
      for (const finding of result.findings) if (finding.range.file === file) findings.push(finding);
    }
    return findings;
  }
}
