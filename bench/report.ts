/**
 * The benchmark's report: a table per project, the targets of issue 17 met or missed, profile summaries, and
 * one closing JSON line with the headline figures (other tools read its keys). Every headline figure is a
 * ratio of two things measured in the same run, or a time of one run beside its ratio.
 */
import type { BenchProject } from './projects';
import type { EngineFiles, EnginePage } from './measure/engine-files';
import type { EslintResult } from './measure/eslint';
import type { FloorResult } from './measure/floor';
import type { LspResult } from './measure/lsp';
import type { PageParseResult } from './measure/page-parse';
import { fmt, median, percentile, round } from './measure/process';
import type { StartupResult } from './measure/startup';

export interface ProjectResult {
  project: BenchProject;
  engineFiles: Pick<EngineFiles, 'roots' | 'lintExit'> & { parsed: number; rulesParsed: number };
  bytes: number;
  editPage: EnginePage;
  /** The fastest floor run (other processes only ever add time). */
  floor: FloorResult;
  floorProcessMs: number[];
  lintMs: number[];
  lintRssMB: number[];
  eslint?: EslintResult & { processMs: number; rssMB: number | undefined };
  lsp?: LspResult;
  /** The same edits' files re-parsed alone (page-parse.ts), when the server was measured. */
  pageParse?: PageParseResult;
}

export const TARGETS = {
  editP95Ms: 10,
  editP95Ratio4x: 1.2,
  keystrokeP95Ms: 60,
  coldLintToWholeFloor: 1.2,
  coldLintToEslint: 0.25,
  serverRssMB: 250,
  serverRssRatio4x: 2.2,
  serverRssEndToWarm: 1.1,
  growth2x: 2.2,
  versionToNodeStartup: 1.5,
  uniAppColdLintRatio1x: 1.3,
  uniAppEditP95Ratio1x: 1.3,
};

const min = (values: number[]): number => (values.length ? Math.min(...values) : NaN);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const spread = (values: number[], digits = 1): string =>
  values.length
    ? `${fmt(percentile(values, 50), digits)} / ${fmt(percentile(values, 95), digits)} / ${fmt(Math.max(...values), digits)}`
    : '–';

const pageParseP95 = (r: ProjectResult | undefined): number =>
  r?.pageParse ? percentile(r.pageParse.parseMs, 95) : NaN;

export function headline(results: ProjectResult[], startup: StartupResult): Record<string, number | string | null> {
  const byScale = (scale: number) => results.find((r) => r.project.scale === scale && !r.project.form);
  const uniApp = results.find((r) => r.project.form === 'uni-app');
  const real = results.find((r) => r.project.scale === null);
  const one = byScale(1);
  const two = byScale(2);
  const four = byScale(4);
  const lintProject = real ?? one;
  const p95 = (r: ProjectResult | undefined, pick: (l: LspResult) => number[]) =>
    r?.lsp ? percentile(pick(r.lsp), 95) : NaN;
  const json = {
    editP95Ms: round(p95(one, (l) => l.serverRunMs)),
    editP95Ratio4x: round(p95(four, (l) => l.serverRunMs) / p95(one, (l) => l.serverRunMs), 2),
    keystrokeP95Ms: round(p95(one, (l) => l.debouncedMs)),
    coldLintToWholeFloor: lintProject ? round(min(lintProject.lintMs) / min(lintProject.floorProcessMs), 2) : NaN,
    coldLintToEslint: lintProject?.eslint ? round(min(lintProject.lintMs) / lintProject.eslint.processMs, 3) : NaN,
    serverRssMB: round(one?.lsp?.peakRssMB ?? NaN),
    serverRssRatio4x: round((four?.lsp?.peakRssMB ?? NaN) / (one?.lsp?.peakRssMB ?? NaN), 2),
    growth2x: one && two ? round(min(two.lintMs) / min(one.lintMs), 2) : NaN,
    versionToNodeStartup: round(min(startup.versionMs) / min(startup.nodeMs), 2),
    // The same 1x project in uni-app form, against the native one.
    uniAppColdLintRatio1x: uniApp && one ? round(min(uniApp.lintMs) / min(one.lintMs), 2) : NaN,
    uniAppEditP95Ratio1x: round(p95(uniApp, (l) => l.serverRunMs) / p95(one, (l) => l.serverRunMs), 2),
    // Beside the ratios: the figures they are made of, and more of the same run.
    editP50Ms: round(one?.lsp ? median(one.lsp.serverRunMs) : NaN),
    editMaxMs: round(one?.lsp ? Math.max(...one.lsp.serverRunMs) : NaN),
    editP95Ms4x: round(p95(four, (l) => l.serverRunMs)),
    // The edit's floor: re-parsing the edited file alone (same edits, same run); p95 of the edit over p95 of that.
    editToPageParseFloor: round(p95(one, (l) => l.serverRunMs) / pageParseP95(one), 2),
    editToPageParseFloor4x: round(p95(four, (l) => l.serverRunMs) / pageParseP95(four), 2),
    pageParseP95Ms: round(pageParseP95(one)),
    editP95MsReal: round(p95(real, (l) => l.serverRunMs)),
    keystrokeP95Ms4x: round(p95(four, (l) => l.debouncedMs)),
    serverRssEndToWarm: round((one?.lsp?.rssEndMB ?? NaN) / (one?.lsp?.rssWarmMB ?? NaN), 2),
    cliRssMB: round(one ? Math.max(...one.lintRssMB) : NaN),
    coldLintMs: round(lintProject ? min(lintProject.lintMs) : NaN, 0),
    wholeFloorMs: round(lintProject ? min(lintProject.floorProcessMs) : NaN, 0),
    eslintMs: round(lintProject?.eslint?.processMs ?? NaN, 0),
    coldLintProject: lintProject?.project.label ?? null,
    helpToNodeStartup: round(min(startup.helpMs) / min(startup.nodeMs), 2),
    editsNotReparsed: results.reduce((n, r) => n + (r.lsp?.editsNotReparsed ?? 0), 0),
  };
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      typeof value === 'number' && !Number.isFinite(value) ? null : value,
    ]),
  );
}

export function formatReport(results: ProjectResult[], startup: StartupResult, extra: string[]): string {
  const lines: string[] = [];
  const header = ['', ...results.map((r) => r.project.label)];
  const row = (name: string, f: (r: ProjectResult) => string) => [name, ...results.map(f)];
  const lspRow = (name: string, f: (l: LspResult) => string) => row(name, (r) => (r.lsp ? f(r.lsp) : '–'));
  lines.push(
    table([
      header,
      row(
        'roots / files the engine parses / MB',
        (r) => `${r.engineFiles.roots.length} / ${r.engineFiles.parsed} / ${(r.bytes / 1024 / 1024).toFixed(1)}`,
      ),
      row('    stylesheets whose rules it parses', (r) => String(r.engineFiles.rulesParsed)),
      row('edited page (template + script lines)', (r) => `${r.editPage.route} (${r.editPage.lines})`),
      row('(a) parse floor: parse only, fastest (ms)', (r) => fmt(r.floor.parseMs)),
      row('    by kind: script / wxml / wxss / json / vue', (r) =>
        ['script', 'wxml', 'wxss', 'json', 'vue']
          .map((k) => fmt((r.floor.byKind[k] as { ms: number } | undefined)?.ms))
          .join(' / '),
      ),
      row('    read files / load parsers (ms)', (r) => `${fmt(r.floor.readMs)} / ${fmt(r.floor.loadMs)}`),
      row('    whole floor process, all runs (ms)', (r) => r.floorProcessMs.map((ms) => fmt(ms)).join(' ')),
      row('(b) cold CLI lint, all runs (ms)', (r) => r.lintMs.map((ms) => fmt(ms)).join(' ')),
      row('    exit code', (r) => String(r.engineFiles.lintExit)),
      row(`    / whole floor process (target <= ${TARGETS.coldLintToWholeFloor})`, (r) =>
        fmt(min(r.lintMs) / min(r.floorProcessMs), 2),
      ),
      row('(c) ESLint recommended, process (ms) / files', (r) =>
        r.eslint ? `${fmt(r.eslint.processMs)} / ${r.eslint.files}` : '–',
      ),
      row(`    cold lint / ESLint (target <= ${TARGETS.coldLintToEslint})`, (r) =>
        r.eslint ? fmt(min(r.lintMs) / r.eslint.processMs, 3) : '–',
      ),
      lspRow('(d) server: first analysis after didOpen (ms)', (l) => fmt(l.firstAnalysisMs)),
      lspRow('    edit, server-side p50/p95/max (ms)', (l) => spread(l.serverRunMs)),
      lspRow('    of which analyze() p50/p95/max (ms)', (l) => spread(l.serverAnalyzeMs)),
      row('    floor: re-parse the edited file alone p50/p95/max', (r) =>
        r.pageParse ? spread(r.pageParse.parseMs) : '–',
      ),
      lspRow('    didChange -> hover answered p50/p95/max', (l) => spread(l.flushedMs)),
      lspRow('    keystroke -> squiggle (debounced) p50/p95/max', (l) => spread(l.debouncedMs)),
      lspRow(
        '    files parsed per edit p50/max',
        (l) => `${fmt(median(l.parsesPerEdit))} / ${fmt(Math.max(...l.parsesPerEdit))}`,
      ),
      lspRow('    edits that did not re-parse the edited file', (l) => String(l.editsNotReparsed)),
      row('(e) peak RSS: CLI (MB)', (r) => fmt(Math.max(...r.lintRssMB))),
      lspRow(
        '    server RSS after warm-up / end / peak (MB)',
        (l) => `${fmt(l.rssWarmMB)} / ${fmt(l.rssEndMB)} / ${fmt(l.peakRssMB)}`,
      ),
      row('    ESLint peak RSS (MB)', (r) => fmt(r.eslint?.rssMB)),
      row('(f) cold lint growth vs previous size', (r) => {
        const previous = results.indexOf(r) > 0 ? results[results.indexOf(r) - 1] : undefined;
        return r.project.scale && previous?.project.scale && !r.project.form && !previous.project.form
          ? `${fmt(min(r.lintMs) / min(previous.lintMs), 2)}x (${fmt(r.bytes / previous.bytes, 2)}x bytes)`
          : '–';
      }),
      lspRow('    (server probe missing)', (l) => (l.probeMissing.length ? l.probeMissing.join(',') : 'none')),
    ]),
  );
  lines.push(
    '',
    `Start-up, fastest of ${startup.nodeMs.length} interleaved runs: node -e 0 ${fmt(min(startup.nodeMs))} ms, mp-privacy --version ${fmt(min(startup.versionMs))} ms, --help ${fmt(min(startup.helpMs))} ms`,
  );
  const json = headline(results, startup);
  const verdict = (key: keyof typeof TARGETS) => {
    const value = json[key];
    return typeof value === 'number' ? (value <= TARGETS[key] ? 'met   ' : 'MISSED') : 'n/a   ';
  };
  lines.push(
    '',
    'Targets (issue 17; uni-app ratios: issue 16):',
    ...(Object.keys(TARGETS) as (keyof typeof TARGETS)[]).map(
      (key) => `  ${verdict(key)}  ${key} ${json[key] ?? '–'} (<= ${TARGETS[key]})`,
    ),
  );
  lines.push(
    '',
    "Notes: the floor parses, with the engine's parsers, exactly the files a cold lint parses (stylesheet rules only",
    'where the analysis reads them); floor, cold lint and start-up runs are interleaved and the fastest run of each is',
    'compared (other processes only add time). Edit figures come from the real server over stdio: server-side is the',
    "probe's time for one run of the diagnostics publisher (analysis, conversion, publishing), flushed by a hover",
    'request; keystroke -> squiggle is didChange to the end of the run its 150 ms debounce started.',
  );
  if (extra.length) lines.push('', ...extra);
  lines.push(JSON.stringify(json));
  return `${lines.join('\n')}\n`;
}
