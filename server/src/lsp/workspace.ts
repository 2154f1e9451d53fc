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
  Finding,
  findMiniProgramRoots,
  findRootForFile,
  formatInventory,
  Locale,
  OverlayFileSystemHost,
  ProjectAnalyzer,
  ProjectConfig,
} from '../engine';
import { EditTarget, pathToUri, uriToPath } from './convert';

interface RootState {
  result: AnalysisResult;
  /** Files the analysis read, to know which roots a change to a file affects. */
  files: Set<string>;
}

export class Workspace implements EditTarget {
  /** Open buffers over the disk: what the engine reads. */
  /** Disk reads, remembered only once the client has said it reports changes on disk (see useDiskCache). */
  private readonly disk = Object.assign(new CachingFileSystemHost(createNodeFileSystemHost()), { enabled: false });
  readonly host = new OverlayFileSystemHost(this.disk);
  private readonly analyzer = new ProjectAnalyzer(this.host);

  /** The client sends didChangeWatchedFiles: files on disk need not be read again on every edit. */
  useDiskCache(enabled: boolean): void {
    this.disk.enabled = enabled;
    this.disk.invalidateAll();
  }

  /** A file changed on disk (reported by the client): read it again next time. */
  diskChanged(file: string): void {
    this.disk.invalidate(file);
  }
  private readonly roots = new Map<string, RootState>();
  /** Open documents by absolute path; the client's URI spelling is kept for everything we send back. */
  private readonly openDocuments = new Map<string, TextDocument>();

  /** Records an opened or changed buffer; returns its path, or undefined for a non-file document. */
  updateDocument(document: TextDocument): string | undefined {
    const file = uriToPath(document.uri);
    if (file === undefined) return undefined;
    this.openDocuments.set(file, document);
    this.host.set(file, document.getText());
    return file;
  }

  /** After a close the file on disk is the truth again (the buffer may have had unsaved edits). */
  closeDocument(document: TextDocument): string | undefined {
    const file = uriToPath(document.uri);
    if (file === undefined) return undefined;
    this.openDocuments.delete(file);
    this.host.delete(file);
    return file;
  }

  /** The privacy inventory of every mini program under `folder`, as Markdown in the editor's language. */
  inventoryMarkdown(folder: string, locale: Locale): string {
    const roots = findMiniProgramRoots(this.host, folder);
    const report = { baseDir: folder, inventories: roots.map((root) => this.analyzer.inventory(root)), read: (file: string) => this.host.readFile(file) };
    return formatInventory(report, 'markdown', locale);
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

  /** Re-analyses a root; undefined when the folder is no longer a mini program root (its results are dropped). */
  analyze(root: string, overrides?: ProjectConfig): AnalysisResult | undefined {
    if (findRootForFile(this.host, path.join(root, 'app.json')) !== root) {
      this.roots.delete(root);
      return undefined;
    }
    const result = this.analyzer.analyze(root, { overrides });
    const files = new Set(result.files);
    for (const finding of result.findings) files.add(finding.range.file);
    this.roots.set(root, { result, files });
    return result;
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
