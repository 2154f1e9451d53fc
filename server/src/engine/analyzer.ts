import * as path from 'path';
import type { ChangedPaths, ChangeLog, FileSystemHost } from './host';
import type { Finding, Fix, Locale, LocalizedText, Severity } from './types';
import { ParsedFileCache, ProjectModel, type ParserKind } from './model';
import { ProjectFacts, projectFacts } from './analysis';
import { Inventory, inventoryOf } from './inventory';
import { Journey, journeyOf } from './journey';
import { allRules, invalidSuppression, unreadableFile } from './rules';
import {
  applySuppressions,
  dropSuperseded,
  findSuppressions,
  lineBreakOf,
  suppressFix,
  suppressionProblems,
  type Suppression,
} from './findings';
import { FixLoopResult, runFixLoop } from './fixes';
import type { RuleHost, RuleModule } from './rules/rule';
import { text } from './types';
import { LineIndex } from './text/line-index';
import { escapeControlCharacters, excerpt } from './text/escape';
import { CONFIG_FILE_NAME, ProjectConfig, RuleSetting, ignoreMatcher, loadProjectConfig, mergeConfigs } from './config';

export interface AnalysisResult {
  root: string;
  findings: Finding[];
  /** Every file the analysis read for this mini program (to know which open documents depend on it). */
  files: string[];
  /** The configuration in effect: mp-privacy.config.json merged with the overrides. */
  config: ProjectConfig;
  /**
   * Rules and stages that threw: their findings are missing, so the result is incomplete (the CLI exits 2, the
   * language server tells the user). Empty when everything ran.
   */
  failures: AnalysisFailure[];
}

/** A rule or a stage of the analysis that threw instead of finishing. */
export interface AnalysisFailure {
  /** The rule that failed, or undefined when a stage before the rules failed (then no rule ran). */
  ruleId?: string;
  /** What failed, for messages: `rule <id>` or the stage's name. */
  what: string;
  message: string;
  stack?: string;
}

export interface AnalyzeOptions {
  /**
   * Settings that win over the project's mp-privacy.config.json (the editor's settings). Per-rule
   * severities override rule by rule; ignore globs add to the project's.
   */
  overrides?: ProjectConfig;
}

export interface AnalyzerOptions {
  /** The rules to run, in the order they run (default: every rule). Findings do not depend on the order. */
  rules?: readonly RuleModule[];
}

/**
 * Runs the pipeline for one mini program root: cached parse -> project model -> shared analyses -> rules.
 * Parses are cached by file content across calls, so re-analysing after an edit re-parses the edited file only.
 */
export class ProjectAnalyzer {
  private readonly cache: ParsedFileCache;
  /**
   * The last model of each root: unchanged pages are carried over, with the facts remembered on them; with the
   * version of the host's change log it was built at, when the host keeps one.
   */
  private readonly models = new Map<string, { model: ProjectModel; log?: ChangeLog; version: number }>();

  private readonly rules: readonly RuleModule[];

  constructor(
    private readonly host: FileSystemHost,
    options: AnalyzerOptions = {},
  ) {
    this.cache = new ParsedFileCache(host);
    this.rules = options.rules ?? allRules;
  }

  /** How many files were parsed (not served from cache) since this analyzer was made. */
  get parseCount(): number {
    return this.cache.parseCount;
  }

  /** The line indexes of the files the last analyses reported in, by file (with the text they index). */
  private texts = new Map<string, { content: string; eol: string; lines: LineIndex }>();

  /** Files without a suppression comment, by content: most files never have one, and scanning all of them adds up. */
  private readonly withoutSuppressions = new Map<string, string>();

  private suppressionsIn(file: string, content: string) {
    if (this.withoutSuppressions.get(file) === content) return [];
    const found = findSuppressions(file, content);
    if (found.length) this.withoutSuppressions.delete(file);
    else this.withoutSuppressions.set(file, content);
    return found;
  }

  /**
   * A new model of the root, built from the previous one: when the host logs its changes, only the paths that
   * changed since are asked again (the language server's edits), the rest is taken over.
   */
  private nextModel(root: string): ProjectModel {
    return this.nextModelAndChanges(root).model;
  }

  /** nextModel, and the paths changed since the previous model of the root (undefined: unknown). */
  private nextModelAndChanges(root: string): { model: ProjectModel; changed?: ChangedPaths } {
    const log = this.host.changes;
    const before = this.models.get(root);
    const changed = log && before?.log === log ? log.changedSince(before.version) : undefined;
    const version = log?.current ?? 0;
    const model = new ProjectModel(root, this.host, this.cache, before?.model, changed);
    this.models.set(root, { model, log, version });
    return { model, changed };
  }

  /**
   * The suppression comments of each file the last analysis of a root read that has any, with that analysis's
   * set of files read: the next analysis of the root scans only the changed files again when it read the same.
   */
  private readonly suppressionScans = new Map<
    string,
    { filesRead: Set<string>; size: number; found: Map<string, Suppression[]> }
  >();

  /** The suppression comments in the files an analysis read (see suppressionScans). */
  private suppressionsOf(root: string, model: ProjectModel, changed: ChangedPaths | undefined): Suppression[] {
    const scannable = (file: string) => /\.(js|ts|wxml|vue|nvue|jsx|tsx)$/.test(file);
    const scan = (file: string) => this.suppressionsIn(file, this.host.readFile(file) ?? '');
    const last = this.suppressionScans.get(root);
    let found: Map<string, Suppression[]>;
    if (changed && last && last.filesRead === model.filesRead && last.size === model.filesRead.size) {
      found = last.found;
      for (const file of changed.files) {
        const now = model.filesRead.has(file) && scannable(file) ? scan(file) : [];
        if (now.length) found.set(file, now);
        else found.delete(file);
      }
    } else {
      found = new Map<string, Suppression[]>();
      for (const file of model.filesRead) {
        if (!scannable(file)) continue;
        const now = scan(file);
        if (now.length) found.set(file, now);
      }
    }
    this.suppressionScans.set(root, { filesRead: model.filesRead, size: model.filesRead.size, found });
    return [...found.values()].flat();
  }

  /** The journey model of one mini program, drawn for a reviewer (journey.ts). */
  journey(root: string): Journey {
    const model = this.nextModel(root);
    return journeyOf(model, projectFacts(model));
  }

  /**
   * The files under a root that an analysis may parse, by the kind each would be parsed as (dependency and hidden
   * folders left out). The language server parses them ahead of a workspace's first analysis, a few at a time
   * between progress reports; the analysis then finds them parsed.
   */
  filesToParse(root: string): { file: string; kind: ParserKind }[] {
    const files: { file: string; kind: ParserKind }[] = [];
    const stack = [root];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const name of this.host.readDirectory(dir).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const file = path.join(dir, name);
        const kind = name.endsWith('.d.ts') ? undefined : PARSER_BY_EXTENSION[path.extname(name)];
        const type = this.host.stat(file);
        if (type === 'directory') stack.push(file);
        else if (kind && type === 'file') files.push({ file, kind });
      }
    }
    return files;
  }

  /** Parses one file into the cache (see filesToParse); problems are reported by the analysis that reads it. */
  parseAhead(file: string, kind: ParserKind): void {
    this.cache.load(file, kind, [], new Set());
  }

  /** Drops a parse from the cache: a file parsed ahead that no analysis read. */
  forgetParse(file: string): void {
    this.cache.forget(file);
  }

  /** The personal information the mini program collects, for the privacy guideline (see inventory.ts). */
  inventory(root: string): Inventory {
    return inventoryOf(root, this.host, this.cache);
  }

  analyze(root: string, options: AnalyzeOptions = {}): AnalysisResult {
    const { model, changed } = this.nextModelAndChanges(root);
    const loaded = loadProjectConfig(this.host, root);
    if (loaded.file) model.filesRead.add(loaded.file);
    // The configuration's problems are this analysis's, not the model's (a later model may take the model's over).
    const configProblems = [...loaded.problems];
    const config = mergeConfigs(loaded.config, options.overrides);
    const rules = this.rules;
    const knownRules = new Set(rules.map((r) => r.meta.id));
    for (const id of Object.keys(loaded.config.rules ?? {})) {
      if (knownRules.has(id) || !loaded.file) continue;
      configProblems.push({
        file: loaded.file,
        start: 0,
        end: 0,
        severity: 'warning',
        message: text(
          `Unknown rule "${excerpt(id)}" in ${CONFIG_FILE_NAME}; it has no effect.`,
          `${CONFIG_FILE_NAME} 中的规则 "${excerpt(id)}" 不存在，设置无效。`,
        ),
      });
    }
    const findings: Finding[] = [];
    const severityOf = (ruleId: string, fallback: Severity): RuleSetting => config.rules?.[ruleId] ?? fallback;

    const failures: AnalysisFailure[] = [];
    let facts: ProjectFacts | undefined;
    try {
      facts = projectFacts(model);
    } catch (error) {
      failures.push(failureOf('the shared analysis (pages, entry points, launch path)', error));
    }

    const findingsOf = new Map<string, Finding[]>();
    const ruleFailures = new Map<string, AnalysisFailure>();
    for (const rule of rules) {
      const configured = config.rules?.[rule.meta.id];
      const severity = configured ?? rule.meta.defaultSeverity;
      if (severity === 'off' || !facts) continue;
      const found: Finding[] = [];
      findingsOf.set(rule.meta.id, found);
      const host: RuleHost = {
        ...facts,
        model,
        config,
        emit(finding) {
          // A rule may grade its own findings (a message's severity, e.g. launch path vs elsewhere); a configured severity wins.
          found.push({
            ...finding,
            ruleId: rule.meta.id,
            severity: configured && configured !== 'off' ? configured : (finding.severity ?? severity),
          });
        },
      };
      try {
        rule.check(host);
      } catch (error) {
        // One broken rule must not hide the others' findings or take the server down, nor pass for a clean run.
        ruleFailures.set(rule.meta.id, failureOf(`rule ${rule.meta.id}`, error, rule.meta.id));
      }
    }
    // Overlaps between rules are settled by their declared relation (supersedes), not by which rule ran first.
    dropSuperseded(
      rules.map((rule) => rule.meta),
      findingsOf,
    );
    // The registry's order whatever order the rules ran in, so that findings at one place keep one order.
    for (const rule of [...allRules.filter((r) => rules.includes(r)), ...rules.filter((r) => !allRules.includes(r))]) {
      for (const finding of findingsOf.get(rule.meta.id) ?? []) findings.push(finding);
      const failure = ruleFailures.get(rule.meta.id);
      if (failure) failures.push(failure);
    }

    const unreadableSeverity = severityOf(unreadableFile.meta.id, unreadableFile.meta.defaultSeverity);
    if (unreadableSeverity !== 'off') {
      for (const problem of [...model.problems, ...configProblems]) {
        findings.push({
          ruleId: unreadableFile.meta.id,
          severity: problem.severity ?? unreadableSeverity,
          message: problem.message,
          range: { file: problem.file, start: problem.start, end: problem.end },
          evidence: problem.message,
          related: [],
          fixes: [],
        });
      }
    }
    const contentOf = (file: string) => this.host.readFile(file);
    const suppressions = this.suppressionsOf(root, model, changed);
    // Once per file and text: its line break and line starts (a big file can carry thousands of findings, and
    // most files with findings are the same text as in the last analysis).
    const texts = new Map<string, { content: string; eol: string; lines: LineIndex }>();
    const textOf = (file: string) => {
      let known = texts.get(file);
      if (!known) {
        const content = contentOf(file) ?? '';
        const before = this.texts.get(file);
        known =
          before?.content === content ? before : { content, eol: lineBreakOf(content), lines: new LineIndex(content) };
        texts.set(file, known);
      }
      return known;
    };
    const unsuppressed = applySuppressions(findings, suppressions, (file) => textOf(file).lines);
    const invalidSeverity = severityOf(invalidSuppression.meta.id, invalidSuppression.meta.defaultSeverity);
    if (invalidSeverity !== 'off') {
      const active = new Set(
        rules.filter((r) => severityOf(r.meta.id, r.meta.defaultSeverity) !== 'off').map((r) => r.meta.id),
      );
      const known = new Set(rules.map((r) => r.meta.id));
      // A configured severity wins over a problem's own (the info of a reason still to be written).
      const configured = config.rules?.[invalidSuppression.meta.id];
      for (const problem of suppressionProblems(suppressions, known, active))
        unsuppressed.push({
          ...problem,
          severity: configured && configured !== 'off' ? configured : (problem.severity ?? invalidSeverity),
        });
    }
    for (const finding of unsuppressed) {
      if (finding.ruleId === invalidSuppression.meta.id || finding.ruleId === unreadableFile.meta.id) continue;
      const { content, eol, lines } = textOf(finding.range.file);
      const fix = suppressFix(finding, content, eol, lines);
      if (fix) finding.fixes = [...finding.fixes, fix];
    }

    const ignored = ignoreMatcher(root, config.ignore);
    const kept = unsuppressed.filter((finding) => !ignored(finding.range.file)).map(withoutControlCharacters);
    kept.sort((a, b) => a.range.file.localeCompare(b.range.file) || a.range.start - b.range.start);
    // The texts of this analysis are kept for the next; those of files without findings now are let go.
    for (const [file, known] of texts) this.texts.set(file, known);
    if (this.texts.size > texts.size * 2 + 1000) this.texts = texts;
    return { root, findings: kept, files: [...model.filesRead], config, failures };
  }
}

/** The parser an analysis uses for a file, by its extension. */
const PARSER_BY_EXTENSION: Record<string, ParserKind | undefined> = {
  '.wxml': 'wxml',
  '.js': 'script',
  '.ts': 'script',
  '.json': 'json',
  '.wxss': 'wxss',
};

const escaped = (value: LocalizedText): LocalizedText =>
  text(escapeControlCharacters(value.en), escapeControlCharacters(value['zh-cn']));

/**
 * Messages quote project text (keys, purposes, routes, labels, file names; a binary file read as text quotes
 * anything): its control characters and bidi overrides are escaped once here, for every output (editor, CLI,
 * JSON, SARIF), so none of them can reorder or steer what shows the message.
 */
function withoutControlCharacters(finding: Finding): Finding {
  return {
    ...finding,
    message: escaped(finding.message),
    evidence: escaped(finding.evidence),
    related: finding.related.map((related) => ({ ...related, message: escaped(related.message) })),
    fixes: finding.fixes.map((fix) => ({ ...fix, title: escaped(fix.title) })),
    ...(finding.fixUnavailable ? { fixUnavailable: escaped(finding.fixUnavailable) } : {}),
  };
}

/**
 * Applies fixes one at a time and re-analyses in memory after each, until `pick` chooses nothing (see
 * fixes/fix-loop.ts); the analysis is this analyzer over the loop's in-memory copy of the files.
 */
export function fixRepeatedly(
  host: FileSystemHost,
  root: string,
  pick: (
    findings: Finding[],
    refused: (finding: Finding, fix: Fix) => boolean,
  ) => { finding: Finding; fix: Fix } | undefined,
  locale: Locale = 'en',
  maxRounds = 50,
): FixLoopResult {
  const analyzerOver = (overlay: FileSystemHost) => {
    const analyzer = new ProjectAnalyzer(overlay);
    return (project: string) => analyzer.analyze(project).findings;
  };
  return runFixLoop(host, root, analyzerOver, pick, locale, maxRounds);
}

function failureOf(what: string, error: unknown, ruleId?: string): AnalysisFailure {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return { ruleId, what, message, stack: error instanceof Error ? error.stack : undefined };
}
