/**
 * Diagnostics are computed per mini program root, not per document: a finding in app.js may depend on
 * app.json and on a page's WXML. So a change schedules its root(s); after a quiet period the root is
 * analysed once and diagnostics are published for every file of the root that has findings, and cleared
 * for files that had some in the previous round. Each root is analysed with its editor settings (see
 * settings.ts): disabled roots publish nothing, and a settings change re-analyses every root seen so far.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { text, type AnalysisFailure, type Finding, type Locale } from '../engine';
import { LineIndexCache, RangeConverter, toDiagnostic } from './convert';
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
  /** The key of what was last sent for each file (see diagnosticsKey): unchanged files are not sent again. */
  private readonly lastSent = new Map<string, string>();
  /** Line indexes of unchanged files are kept between publishes (see LineIndexCache). */
  private readonly lineIndexes = new LineIndexCache();
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
    // Only a root's first analysis waits: an edit goes from analysis to publishing without yielding.
    if (settings.enable && !this.workspace.hasAnalysed(root)) await this.parseAhead(root);
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
    const message = (done: number) =>
      text(`${done}/${files.length} files parsed`, `已解析 ${done}/${files.length} 个文件`)[this.locale()];
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
    const byFile = new Map<string, Finding[]>();
    for (const finding of result?.findings ?? []) {
      const list = byFile.get(finding.range.file);
      if (list) list.push(finding);
      else byFile.set(finding.range.file, [finding]);
    }
    for (const file of this.published.get(root) ?? []) {
      if (!byFile.has(file)) byFile.set(file, []);
    }
    const ranges = new RangeConverter((file) => this.workspace.textOf(file), this.lineIndexes);
    const uriFor = (file: string): string => this.workspace.uriFor(file);
    const locale = this.locale();
    for (const [file, findings] of byFile) {
      const version = this.workspace.versionOf(file) ?? undefined;
      const uri = uriFor(file);
      // Most edits change one file's diagnostics: the others are recognised by their key, neither converted nor
      // re-sent (re-sending would only make the client redo work).
      const baselined = findings.map((finding) => this.workspace.isBaselined(finding));
      const key = this.diagnosticsKey(findings, baselined, version, locale, ranges, uriFor);
      if (this.lastSent.get(uri) === key) continue;
      if (findings.length) this.lastSent.set(uri, key);
      else this.lastSent.delete(uri);
      const diagnostics = findings.map((finding, i) => toDiagnostic(finding, locale, ranges, uriFor, baselined[i]));
      // A failed write means the client is gone; the connection's close handling ends the process.
      this.connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
    }
    const withFindings = [...byFile].filter(([, list]) => list.length > 0).map(([file]) => file);
    if (result) this.published.set(root, new Set(withFindings));
    else this.published.delete(root);
    this.reportFailures(root, result?.failures ?? []);
  }

  /**
   * Everything a file's diagnostics are made of (what toDiagnostic reads: rule, severity, whether it is baselined,
   * message, offsets and their positions, related locations with their URIs) and the document version, as one string: equal keys give
   * equal diagnostics, without building them.
   */
  private diagnosticsKey(
    findings: readonly Finding[],
    baselined: readonly boolean[],
    version: number | undefined,
    locale: Locale,
    ranges: RangeConverter,
    uriFor: (file: string) => string,
  ): string {
    const parts: (string | number | undefined)[] = [version, locale];
    const position = (file: string, start: number, end: number): void => {
      const range = ranges.toRange(file, start, end);
      parts.push(start, end, range.start.line, range.start.character, range.end.line, range.end.character);
    };
    findings.forEach((finding, i) => {
      const { range } = finding;
      parts.push(
        finding.ruleId,
        finding.severity,
        baselined[i] ? 1 : 0,
        finding.message[locale],
        finding.related.length,
      );
      position(range.file, range.start, range.end);
      for (const related of finding.related) {
        parts.push(uriFor(related.range.file), related.message[locale]);
        position(related.range.file, related.range.start, related.range.end);
      }
    });
    return parts.join('\0');
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
      this.connection.console.error(
        `mp-privacy: ${failure.what} failed while analysing ${root}: ${failure.stack ?? failure.message}`,
      );
      if (shown.has(key)) continue;
      const message = text(
        `mp-privacy: ${failure.what} failed while analysing ${root} (${failure.message}); its findings are missing. See the mp-privacy output for details.`,
        `mp-privacy：分析 ${root} 时 ${failure.what} 出错（${failure.message}），相应的检查结果缺失。详情请查看 mp-privacy 输出。`,
      );
      // window/showMessage: a notification (showErrorMessage is a request that a client may leave unanswered).
      this.connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: message[this.locale()] })
        .catch(() => undefined);
    }
    if (current.size) this.shownFailures.set(root, current);
    else this.shownFailures.delete(root);
  }
}
