/**
 * Diagnostics are computed per mini program root, not per document: a finding in app.js may depend on
 * app.json and on a page's WXML. So a change schedules its root(s); after a quiet period the root is
 * analysed once and diagnostics are published for every file of the root that has findings, and cleared
 * for files that had some in the previous round. Each root is analysed with its editor settings (see
 * settings.ts): disabled roots publish nothing, and a settings change re-analyses every root seen so far.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver';
import { text, type AnalysisFailure, type Locale } from '../engine';
import { RangeConverter, toDiagnostic } from './convert';
import { guardAsync } from './guard';
import type { EditorSettings, SettingsStore } from './settings';
import type { Workspace } from './workspace';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
export const ANALYSIS_DELAY_MS = 150;

/** Parsing ahead of a first analysis yields to other messages (and reports progress) this often. */
const PROGRESS_SLICE_MS = 50;

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Files that received non-empty diagnostics from each root in its last round. */
  private readonly published = new Map<string, Set<string>>();
  /** Every root scheduled so far, to re-analyse them all when the settings change. */
  private readonly known = new Set<string>();
  private readonly runGuarded: (root: string) => Promise<void>;
  /** What was last sent for each file (diagnostics and document version): unchanged files are not sent again. */
  private readonly lastSent = new Map<string, string>();
  /** Failures already shown to the user, per root, until an analysis of that root runs without them. */
  private readonly shownFailures = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly locale: () => Locale,
    private readonly settings: SettingsStore,
  ) {
    // Timers have no caller to answer: a failed analysis is logged and the next change tries again.
    this.runGuarded = guardAsync(connection, 'analysis', undefined, (root: string) => this.run(root));
  }

  /** Debounced re-analysis of every root that `file` may affect. */
  schedule(file: string): void {
    for (const root of this.workspace.rootsAffectedBy(file)) this.scheduleRoot(root);
  }

  /** The settings changed: every root seen so far is analysed again (or cleared, if now disabled). */
  rescheduleAll(): void {
    for (const root of this.known) this.scheduleRoot(root);
  }

  private scheduleRoot(root: string): void {
    this.known.add(root);
    clearTimeout(this.pending.get(root));
    this.pending.set(
      root,
      setTimeout(() => {
        this.pending.delete(root);
        void this.runGuarded(root);
      }, ANALYSIS_DELAY_MS),
    );
  }

  /**
   * Runs the pending analyses that `file` depends on right away, so that a code action or hover computed
   * next uses offsets of the text the client has now.
   */
  async flush(file: string): Promise<void> {
    for (const root of this.workspace.rootsAffectedBy(file)) {
      const timer = this.pending.get(root);
      if (timer === undefined) continue;
      clearTimeout(timer);
      this.pending.delete(root);
      await this.run(root);
    }
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async run(root: string): Promise<void> {
    // Usually cached; the first analysis of a root waits for one workspace/configuration round trip.
    const settings = this.settings.peek(root) ?? (await this.settings.get(root));
    if (settings.enable) await this.parseAhead(root);
    this.publish(root, settings);
  }

  /** Parsing ahead of each root's first analysis, shared by the runs that wait for it. */
  private readonly firstParses = new Map<string, Promise<void>>();

  /**
   * A root's first analysis parses every file, which takes seconds in a large project: the files are parsed
   * ahead a slice at a time, with work-done progress (files parsed / total) between slices, so the editor shows
   * a progress bar and stays responsive. Later analyses re-parse only what changed and report nothing.
   */
  private parseAhead(root: string): Promise<void> {
    let pending = this.firstParses.get(root);
    if (!pending) {
      pending = this.parseAheadWithProgress(root).finally(() => this.firstParses.delete(root));
      this.firstParses.set(root, pending);
    }
    return pending;
  }

  private async parseAheadWithProgress(root: string): Promise<void> {
    const files = this.workspace.filesBeforeFirstAnalysis(root);
    if (!files) return;
    // A client without work-done progress gets a reporter that sends nothing.
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    const message = (done: number) => text(`${done}/${files.length} files parsed`, `已解析 ${done}/${files.length} 个文件`)[this.locale()];
    progress?.begin(`mp-privacy: ${path.basename(root)}`, 0, message(0));
    let sliceStart = performance.now();
    for (let i = 0; i < files.length; i++) {
      this.workspace.parseAhead(root, files[i].file, files[i].kind);
      if (performance.now() - sliceStart >= PROGRESS_SLICE_MS) {
        progress?.report(Math.floor((100 * (i + 1)) / files.length), message(i + 1));
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    progress?.report(100, message(files.length));
    progress?.done();
  }

  /** Synchronous from analysis to the last sendDiagnostics, so the published text is the analysed text. */
  private publish(root: string, settings: EditorSettings): void {
    const result = settings.enable ? this.workspace.analyze(root, settings.overrides) : this.workspace.forget(root);
    const byFile = new Map<string, Diagnostic[]>();
    const ranges = new RangeConverter((file) => this.workspace.textOf(file));
    const uriFor = (file: string): string => this.workspace.uriFor(file);
    for (const finding of result?.findings ?? []) {
      const list = byFile.get(finding.range.file) ?? [];
      list.push(toDiagnostic(finding, this.locale(), ranges, uriFor, this.workspace.isBaselined(finding)));
      byFile.set(finding.range.file, list);
    }
    for (const file of this.published.get(root) ?? []) {
      if (!byFile.has(file)) byFile.set(file, []);
    }
    for (const [file, diagnostics] of byFile) {
      const version = this.workspace.versionOf(file) ?? undefined;
      const uri = uriFor(file);
      // Most edits change one file's diagnostics; re-sending the others would only make the client redo work.
      const sent = JSON.stringify([version, diagnostics]);
      if (this.lastSent.get(uri) === sent) continue;
      if (diagnostics.length) this.lastSent.set(uri, sent);
      else this.lastSent.delete(uri);
      // A failed write means the client is gone; the connection's close handling ends the process.
      this.connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
    }
    const withFindings = [...byFile].filter(([, list]) => list.length > 0).map(([file]) => file);
    if (result) this.published.set(root, new Set(withFindings));
    else this.published.delete(root);
    this.reportFailures(root, result?.failures ?? []);
  }

  /**
   * A rule or stage that failed leaves findings out: as vscode-eslint does when ESLint fails, the user is told
   * in a message (once, until an analysis of the root succeeds again) and the stack goes to the output log.
   */
  private reportFailures(root: string, failures: readonly AnalysisFailure[]): void {
    const shown = this.shownFailures.get(root) ?? new Set<string>();
    const current = new Set<string>();
    for (const failure of failures) {
      const key = `${failure.what}\0${failure.message}`;
      current.add(key);
      this.connection.console.error(`mp-privacy: ${failure.what} failed while analysing ${root}: ${failure.stack ?? failure.message}`);
      if (shown.has(key)) continue;
      const message = text(
        `mp-privacy: ${failure.what} failed while analysing ${root} (${failure.message}); its findings are missing. See the mp-privacy output for details.`,
        `mp-privacy：分析 ${root} 时 ${failure.what} 出错（${failure.message}），相应的检查结果缺失。详情请查看 mp-privacy 输出。`,
      );
      // window/showMessage: a notification (showErrorMessage is a request that a client may leave unanswered).
      this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: message[this.locale()] }).catch(() => undefined);
    }
    if (current.size) this.shownFailures.set(root, current);
    else this.shownFailures.delete(root);
  }
}
