/**
 * `npm run fuzz -- --iterations N --seed S [--start I] [--json FILE] [--ignore-known] [--only I --dump DIR] [--no-huge]`
 * `npm run fuzz -- --pathological [--sizes N,N]`: the 1 s budget on pathological inputs (see runPathological).
 *
 * Mutates real-shaped mini programs (small generated projects, examples/, the test fixtures) and runs the
 * engine and every fix on them. Each iteration is reproducible from (seed, iteration). Checked:
 *   - analyze() never throws and no rule or stage fails inside the engine (AnalysisResult.failures);
 *   - no analysis and no fix build takes over 1 s when the project is under 100 KB (one iteration in five also
 *     puts a long run of what makes code backtrack or rescan into a file: bench/pathological.ts);
 *   - every finding's range (and related range) lies inside its file;
 *   - every fix builds in both locales and changes something, edits only files inside the mini program root,
 *     with ranges inside the file and no overlaps; its output re-parses with no new syntax errors; and linting
 *     the fixed project no longer offers the same fix for that finding (idempotent).
 * Iterations run in a worker thread watched for hangs. Prints totals and, for each failure, a reproducer;
 * exits 1 on any failure (with --ignore-known: on any failure that is not an already-reported engine bug,
 * see KNOWN_ENGINE_BUGS; those are still printed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import type { FileSystemHost, Finding, FixEdits, Locale } from '../server/src/engine';
import { ProjectAnalyzer, applyFixEdits, fillTabStops, findMiniProgramRoots } from '../server/src/engine';
import { parseScript } from '../server/src/engine/parse/script';
import { parseWxml } from '../server/src/engine/parse/wxml';
import { parseJsonc } from '../server/src/engine/parse/jsonc';
import { generateProject } from './generate';
import { FUZZ_ROOT, memoryHost } from './memory-host';
import {
  RUN_CONTEXTS,
  RUN_PATTERNS,
  analyseEverything,
  projectWith,
  run,
  type EverythingTimes,
  type RunContext,
} from './pathological';
import { FILE_MUTATIONS, Files, PROJECT_MUTATIONS, binaryText, hugeFile, kindOf } from './mutate';
import { Random, deriveSeed } from './prng';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SLOW_MS = 1000;
const SMALL_INPUT_BYTES = 100 * 1024;
/**
 * An iteration that takes longer than this is reported as a hang. It guards against endless loops, not speed (the
 * speed budget is SLOW_MS): an iteration with a 5 MB file (71,833 findings on seed 1, iteration 137) takes 20-45 s
 * on a 2-core machine that other jobs load, so the guard leaves it room.
 */
const HANG_MS = 180_000;
/** The share of iterations that also put a pathological run into one file (see mutateProject). */
const RUN_CHANCE = 0.2;
/** Places a pathological run is put after: where quadratic code would meet it. */
const RUN_HOOKS = ['class="', '{{', '>', '<!--', '#ifdef', '// ', "('", ': ', '{', '"desc": "', '"pages": ["'];
/** One iteration in this many grows a file to ~5 MB. */
const HUGE_EVERY = 1000;
const HUGE_AT = 137;
/** Findings whose fixes are all checked in one iteration; beyond it, a deterministic sample. */
const MAX_FINDINGS_WITH_FIXES = 40;
const MAX_FINDINGS_WITH_FIXES_HUGE = 2;

export interface Failure {
  kind: string;
  seed: number;
  iteration: number;
  mutations: string[];
  detail: string;
}

export interface IterationStats {
  iteration: number;
  mutations: string[];
  bytes: number;
  analyses: number;
  findings: number;
  fixesBuilt: number;
  fixesApplied: number;
  idempotencyChecks: number;
  maxAnalysisMs: number;
  huge: boolean;
  /** Fixes applied to files that had syntax errors before: counted, and checked for new errors like the rest. */
  fixesOnBrokenFiles: number;
  /** Findings with fixes beyond MAX_FINDINGS_WITH_FIXES whose fixes were not checked. */
  findingsNotFixChecked: number;
}

export interface FuzzTotals {
  seed: number;
  iterations: number;
  analyses: number;
  findings: number;
  fixesBuilt: number;
  fixesApplied: number;
  idempotencyChecks: number;
  fixesOnBrokenFiles: number;
  findingsNotFixChecked: number;
  iterationsCapped: number;
  maxSmallAnalysisMs: number;
  hugeIterations: number;
  maxHugeAnalysisMs: number;
  mutations: Record<string, number>;
  failures: Failure[];
  ms: number;
}

// -------------------------------------------------------------------------------------------------------
// Corpus

interface Project {
  name: string;
  files: Files;
}

function readProject(dir: string): Files {
  const files: Files = {};
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(wxml|js|ts|json|wxss)$/.test(entry.name) && fs.statSync(full).size < 200_000)
        files[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  visit(dir);
  return files;
}

/**
 * The repository's example and fixtures in the corpus, by name and in a fixed order, so that a seed and an
 * iteration keep naming the same input when other fixtures are added (a reproducer holds for a checkout).
 */
const CORPUS_DIRS = [
  'examples/coffee-shop',
  'test/fixtures/cli/clean',
  'test/fixtures/cli/phone-on-entry',
  'test/fixtures/cli/phone-on-entry-relaunch',
  'test/fixtures/cli/phone-purpose-at-checkout',
  'test/fixtures/lsp/catalogue',
  'test/fixtures/lsp/phone-on-entry',
  'test/fixtures/lsp/phone-purpose-at-checkout',
  'test/fixtures/lsp/popup-unmounted',
  'test/fixtures/safety/exec-marker',
];

/** Small generated projects (from the seed) plus the repository's own example and fixtures. */
export function buildCorpus(seed: number): Project[] {
  const projects: Project[] = [];
  for (let k = 0; k < 6; k++) {
    const rng = new Random(deriveSeed(seed, 10_000 + k));
    const project = generateProject({ pages: rng.int(4, 9), seed: deriveSeed(seed, 20_000 + k), compact: true });
    const files: Files = {};
    for (const [file, content] of Object.entries(project.files)) if (kindOf(file) !== 'other') files[file] = content;
    projects.push({ name: `generated-${k}`, files });
  }
  for (const dir of CORPUS_DIRS) {
    const full = path.join(REPO_ROOT, dir);
    if (fs.existsSync(path.join(full, 'app.json'))) projects.push({ name: dir, files: readProject(full) });
  }
  return projects;
}

// -------------------------------------------------------------------------------------------------------
// In-memory project (bench/memory-host.ts)

export { FUZZ_ROOT, memoryHost };

/** A project file's text, or undefined when the project has no such file (a Record lookup can miss). */
const fileIn = (files: Files, name: string): string | undefined => files[name];
const relative = (file: string) => path.relative(FUZZ_ROOT, file).split(path.sep).join('/');
const insideRoot = (file: string) => {
  const rel = path.relative(FUZZ_ROOT, path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};
const findingKey = (f: Finding) => `${f.ruleId} ${relative(f.range.file)} ${f.message.en}`;

/** Syntax errors the engine's parsers (or postcss for WXSS) see in a file: a fix must not add any. */
export function syntaxErrors(file: string, content: string): number {
  switch (kindOf(file)) {
    case 'script':
      return parseScript(file, content).syntaxErrorCount;
    case 'wxml':
      return parseWxml(file, content).problems.length;
    case 'json':
      return parseJsonc(content).errors.length;
    case 'wxss':
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('postcss') as typeof import('postcss')).parse(content);
        return 0;
      } catch {
        return 1;
      }
    default:
      return 0;
  }
}

interface Analysis {
  findings: Finding[];
  /** Rules and stages that threw, as `what: message`. */
  failures: string[];
  ms: number;
}

/**
 * One analyzer per iteration over a host whose files can be swapped: re-linting after a fix re-parses only
 * the files the fix changed (as in the language server), while every iteration still starts cold.
 */
class SwitchableHost implements FileSystemHost {
  private current: FileSystemHost = memoryHost({});
  readonly analyzer = new ProjectAnalyzer(this);
  use(files: Files): void {
    this.current = memoryHost(files);
  }
  readFile(file: string) {
    return this.current.readFile(file);
  }
  stat(file: string) {
    return this.current.stat(file);
  }
  readDirectory(dir: string) {
    return this.current.readDirectory(dir);
  }
}

function analyzeAll(host: SwitchableHost, files: Files): Analysis {
  host.use(files);
  const analyzer = host.analyzer;
  const start = performance.now();
  const findings: Finding[] = [];
  const failures: string[] = [];
  for (const root of findMiniProgramRoots(host, FUZZ_ROOT)) {
    const result = analyzer.analyze(root);
    for (const finding of result.findings) findings.push(finding);
    for (const failure of result.failures) failures.push(`${failure.what}: ${failure.message}`);
  }
  return { findings, failures, ms: performance.now() - start };
}

// -------------------------------------------------------------------------------------------------------
// One iteration

export function mutateProject(
  corpus: Project[],
  seed: number,
  iteration: number,
  allowHuge = true,
): { files: Files; mutations: string[]; huge: boolean } {
  const rng = new Random(deriveSeed(seed, iteration));
  const base = rng.pick(corpus);
  const files: Files = { ...base.files };
  const mutations = [`base:${base.name}`];
  const sources = Object.keys(files)
    .filter((f) => kindOf(f) !== 'other')
    .sort();
  const donors = sources.map((f) => files[f]);
  if (rng.chance(0.25)) {
    const mutation = rng.pick(PROJECT_MUTATIONS);
    mutation.apply(rng, files);
    mutations.push(mutation.name);
  }
  const count = rng.weighted([
    [1, 5],
    [2, 3],
    [3, 2],
    [6, 1],
  ] as const);
  for (let i = 0; i < count; i++) {
    const names = Object.keys(files)
      .filter((f) => kindOf(f) !== 'other')
      .sort();
    if (!names.length) break;
    // Most mutations hit the files the rules look at hardest: page WXML and scripts, and app.json.
    const file = rng.chance(0.15) && fileIn(files, 'app.json') !== undefined ? 'app.json' : rng.pick(names);
    const mutation = rng.pick(FILE_MUTATIONS);
    files[file] = mutation.apply(rng, file, files[file], donors);
    mutations.push(`${mutation.name}(${file})`);
  }
  if (rng.chance(0.02)) {
    const file = rng.pick(Object.keys(files).sort());
    files[file] = binaryText(rng, rng.int(16, 4096));
    mutations.push(`binary(${file})`);
  }
  const huge = allowHuge && iteration % HUGE_EVERY === HUGE_AT;
  if (huge) {
    const names = Object.keys(files)
      .filter((f) => kindOf(f) !== 'other')
      .sort();
    const file = rng.pick(names);
    files[file] = hugeFile(rng, file, files[file], 5 * 1024 * 1024);
    mutations.push(`5MB(${file})`);
  }
  // Drawn last, so that the mutations above stay what they were for a given seed and iteration.
  if (rng.chance(RUN_CHANCE)) {
    const names = Object.keys(files)
      .filter((f) => kindOf(f) !== 'other')
      .sort();
    const file = rng.pick(names) as string | undefined; // undefined when no file is left
    if (file !== undefined) {
      // A long run of what makes regexes backtrack (bench/pathological.ts), kept under SMALL_INPUT_BYTES so the
      // 1 s limit applies: quadratic code takes seconds on 20,000 characters.
      const pattern = rng.pick(RUN_PATTERNS);
      const content = files[file];
      // Mostly right after something the run extends (an attribute's opening quote, a mustache, a tag, a
      // comment, a key), where quadratic code meets it; otherwise anywhere.
      const hooks = RUN_HOOKS.flatMap((hook) => {
        const at = content.indexOf(hook, rng.int(0, content.length));
        return at >= 0 ? [at + hook.length] : [];
      });
      const offset =
        hooks.length && rng.chance(0.8) ? rng.pick(hooks) : content.length ? rng.int(0, content.length) : 0;
      files[file] = content.slice(0, offset) + run(pattern, rng.int(10_000, 60_000)) + content.slice(offset);
      mutations.push(`run:${pattern.name}(${file})`);
    }
  }
  return { files, mutations, huge };
}

export function runIteration(
  corpus: Project[],
  seed: number,
  iteration: number,
  allowHuge = true,
): { stats: IterationStats; failures: Failure[]; files: Files } {
  const { files, mutations, huge } = mutateProject(corpus, seed, iteration, allowHuge);
  const failures: Failure[] = [];
  const fail = (kind: string, detail: string) => failures.push({ kind, seed, iteration, mutations, detail });
  const bytes = Object.values(files).reduce((n, c) => n + c.length, 0);
  const stats: IterationStats = {
    iteration,
    mutations,
    bytes,
    analyses: 0,
    findings: 0,
    fixesBuilt: 0,
    fixesApplied: 0,
    idempotencyChecks: 0,
    maxAnalysisMs: 0,
    huge,
    fixesOnBrokenFiles: 0,
    findingsNotFixChecked: 0,
  };

  const host = new SwitchableHost();
  const analyse = (project: Files, what: string): Finding[] | undefined => {
    let analysis: Analysis;
    try {
      analysis = analyzeAll(host, project);
    } catch (error) {
      fail('exception', `${what}: analyze() threw ${describe(error)}`);
      return undefined;
    }
    stats.analyses++;
    const previousMax = stats.maxAnalysisMs;
    stats.maxAnalysisMs = Math.max(stats.maxAnalysisMs, analysis.ms);
    const size = Object.values(project).reduce((n, c) => n + c.length, 0);
    if (size < SMALL_INPUT_BYTES && analysis.ms > SLOW_MS) {
      // A busy machine can stall one run: only the fastest of three cold runs counts.
      const times = [analysis.ms];
      for (let retry = 0; retry < 2 && Math.min(...times) > SLOW_MS; retry++)
        times.push(analyzeAll(new SwitchableHost(), project).ms);
      const fastest = Math.min(...times);
      stats.maxAnalysisMs = Math.max(previousMax, fastest);
      if (fastest > SLOW_MS)
        fail(
          'slow',
          `${what}: analysis took ${times.map((ms) => ms.toFixed(0)).join(' / ')} ms (cold runs) on ${size} chars`,
        );
    }
    for (const failure of analysis.failures) fail('internal-error', `${what}: ${failure}`);
    for (const finding of analysis.findings) {
      for (const [label, range] of [
        ['range', finding.range],
        ...finding.related.map((r, i) => [`related[${i}]`, r.range] as const),
      ] as const) {
        const content = fileIn(project, relative(range.file));
        if (content === undefined) {
          if (range.start !== 0 || range.end !== 0)
            fail(
              'range-in-missing-file',
              `${what}: ${finding.ruleId} ${label} ${relative(range.file)} [${range.start}, ${range.end})`,
            );
          continue;
        }
        if (!(
          Number.isInteger(range.start) &&
          Number.isInteger(range.end) &&
          range.start >= 0 &&
          range.start <= range.end &&
          range.end <= content.length
        )) {
          fail(
            'range-out-of-bounds',
            `${what}: ${finding.ruleId} ${label} ${relative(range.file)} [${range.start}, ${range.end}) in ${content.length} chars: ${finding.message.en}`,
          );
        }
      }
    }
    return analysis.findings;
  };

  const findings = analyse(files, 'mutated project');
  if (!findings) return { stats, failures, files };
  stats.findings = findings.length;

  // Every fix of every finding, up to a cap: a flood of findings (one per unclosed tag of a 20,000-deep
  // nesting) would otherwise cost a re-lint each. The cap is counted and reported.
  const withFixes = findings.filter((f) => f.fixes.length);
  // With a 5 MB file each re-lint takes seconds: fewer findings are fix-checked there.
  const cap = huge ? MAX_FINDINGS_WITH_FIXES_HUGE : MAX_FINDINGS_WITH_FIXES;
  const checked =
    withFixes.length <= cap
      ? withFixes
      : [
          ...withFixes.slice(0, cap / 2),
          ...new Random(deriveSeed(seed, iteration + 1_000_000)).sample(withFixes.slice(cap / 2), cap / 2),
        ];
  stats.findingsNotFixChecked = withFixes.length - checked.length;
  for (const finding of checked) {
    for (const fix of finding.fixes) {
      for (const locale of ['en', 'zh-cn'] as Locale[]) {
        const where = `${fix.kind} (${locale}) of ${finding.ruleId} at ${relative(finding.range.file)}:${finding.range.start}`;
        let built: FixEdits;
        try {
          const started = performance.now();
          built = fix.build(locale);
          // A fix is built when the editor asks for code actions: the same 1 s limit as an analysis.
          const ms = performance.now() - started;
          if (bytes < SMALL_INPUT_BYTES && ms > SLOW_MS) {
            const again = performance.now();
            fix.build(locale);
            const fastest = Math.min(ms, performance.now() - again);
            if (fastest > SLOW_MS)
              fail('slow', `${where}: building the fix took ${fastest.toFixed(0)} ms on ${bytes} chars`);
          }
        } catch (error) {
          fail('fix-build-exception', `${where}: ${describe(error)}`);
          continue;
        }
        stats.fixesBuilt++;
        if (!built.edits.length && !built.creations.length) {
          fail('fix-does-nothing', `${where}: offered but builds no edit and creates no file`);
          continue;
        }
        const targets = [...built.edits.map((e) => e.file), ...built.creations.map((c) => c.file)];
        const outside = targets.filter((file) => !insideRoot(file));
        if (outside.length) {
          fail('fix-outside-root', `${where} writes ${outside.join(', ')}`);
          continue;
        }
        const bad = built.edits.filter((e) => {
          const content = fileIn(files, relative(e.file)) ?? built.creations.find((c) => c.file === e.file)?.content;
          return content === undefined || !(e.start >= 0 && e.start <= e.end && e.end <= content.length);
        });
        if (bad.length) {
          fail(
            'fix-edit-out-of-range',
            `${where}: ${bad.map((e) => `${relative(e.file)} [${e.start}, ${e.end})`).join(', ')}`,
          );
          continue;
        }
        let changed: Map<string, string>;
        try {
          changed = applyFixEdits(built, (file) => files[relative(file)]);
        } catch (error) {
          fail('fix-apply-exception', `${where}: ${describe(error)}`);
          continue;
        }
        stats.fixesApplied++;
        const after: Files = { ...files };
        for (const [file, content] of changed) after[relative(file)] = content;
        const brokenBefore: string[] = [];
        for (const [file, content] of changed) {
          const rel = relative(file);
          const old = fileIn(files, rel);
          const before = old === undefined ? 0 : syntaxErrors(rel, old);
          if (before > 0) {
            stats.fixesOnBrokenFiles++;
            brokenBefore.push(rel);
          }
          const now = syntaxErrors(rel, content);
          if (now > before)
            fail(
              before === 0 ? 'fix-breaks-syntax' : 'fix-adds-syntax-errors',
              `${where}: ${rel} had ${before} syntax error(s), has ${now} after the fix`,
            );
        }
        if (locale !== 'en') continue;
        // Idempotency as a person sees it: the text a snippet leaves to write (a suppression's reason, a
        // purpose) written first, since the inserted placeholder alone suppresses nothing on purpose.
        const written: Files = { ...files };
        for (const [file, content] of applyFixEdits({ ...built, edits: built.edits.map(fillTabStops) }, (file) =>
          fileIn(files, relative(file)),
        ))
          written[relative(file)] = content;
        const again = analyse(written, `after ${where}`);
        if (!again) continue;
        stats.idempotencyChecks++;
        // Several findings may share rule, file and message (two redirects in one handler): the fix must
        // leave fewer of them offering it, not necessarily none.
        const key = findingKey(finding);
        const offering = (list: Finding[]) =>
          list.filter((f) => findingKey(f) === key && f.fixes.some((x) => x.kind === fix.kind)).length;
        const before = offering(findings);
        const left = offering(again);
        const note = brokenBefore.length
          ? ` [the fix edited file(s) that already had syntax errors: ${brokenBefore.join(', ')}]`
          : '';
        if (left >= before)
          fail(
            'fix-not-idempotent',
            `${where}: ${left} finding(s) like it still offer ${fix.kind} after the fix (${before} before)${note}: ${finding.message.en}`,
          );
      }
    }
  }
  return { stats, failures, files };
}

function describe(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(error);
}

// -------------------------------------------------------------------------------------------------------
// Engine bugs already reported with a minimal reproducer (test/fuzz/engine-bugs.test.ts, test/safety).

export interface KnownBug {
  name: string;
  matches(failure: Failure): boolean;
}

/** Remove an entry when the engine fix lands and its reproducer in test/fuzz/engine-bugs.test.ts passes. */
export const KNOWN_ENGINE_BUGS: KnownBug[] = [];

export const isKnownEngineBug = (failure: Failure): boolean => KNOWN_ENGINE_BUGS.some((bug) => bug.matches(failure));

// -------------------------------------------------------------------------------------------------------
// Runs

function emptyTotals(seed: number): FuzzTotals {
  return {
    seed,
    iterations: 0,
    analyses: 0,
    findings: 0,
    fixesBuilt: 0,
    fixesApplied: 0,
    idempotencyChecks: 0,
    fixesOnBrokenFiles: 0,
    findingsNotFixChecked: 0,
    iterationsCapped: 0,
    maxSmallAnalysisMs: 0,
    hugeIterations: 0,
    maxHugeAnalysisMs: 0,
    mutations: {},
    failures: [],
    ms: 0,
  };
}

function addStats(totals: FuzzTotals, stats: IterationStats): void {
  totals.iterations++;
  totals.analyses += stats.analyses;
  totals.findings += stats.findings;
  totals.fixesBuilt += stats.fixesBuilt;
  totals.fixesApplied += stats.fixesApplied;
  totals.idempotencyChecks += stats.idempotencyChecks;
  totals.fixesOnBrokenFiles += stats.fixesOnBrokenFiles;
  totals.findingsNotFixChecked += stats.findingsNotFixChecked;
  if (stats.findingsNotFixChecked) totals.iterationsCapped++;
  if (stats.huge) {
    totals.hugeIterations++;
    totals.maxHugeAnalysisMs = Math.max(totals.maxHugeAnalysisMs, stats.maxAnalysisMs);
  } else if (stats.bytes < SMALL_INPUT_BYTES)
    totals.maxSmallAnalysisMs = Math.max(totals.maxSmallAnalysisMs, stats.maxAnalysisMs);
  for (const m of stats.mutations) {
    const name = m.replace(/\(.*$/, '').replace(/^base:.*/, 'base');
    if (name !== 'base') totals.mutations[name] = (totals.mutations[name] ?? 0) + 1;
  }
}

/** Runs iterations [start, start + iterations) in this thread (what the node:test pass uses). */
export function runFuzz(options: {
  iterations: number;
  seed: number;
  start?: number;
  allowHuge?: boolean;
}): FuzzTotals {
  const corpus = buildCorpus(options.seed);
  const totals = emptyTotals(options.seed);
  const t = performance.now();
  const start = options.start ?? 0;
  for (let i = start; i < start + options.iterations; i++) {
    const { stats, failures } = runIteration(corpus, options.seed, i, options.allowHuge !== false);
    addStats(totals, stats);
    totals.failures.push(...failures);
  }
  totals.ms = performance.now() - t;
  return totals;
}

export function reproducer(failure: Pick<Failure, 'seed' | 'iteration'>): string {
  return `npm run fuzz -- --seed ${failure.seed} --only ${failure.iteration} --dump /tmp/mp-privacy-fuzz-${failure.seed}-${failure.iteration}`;
}

export function formatTotals(totals: FuzzTotals): string {
  const byKind = new Map<string, number>();
  for (const f of totals.failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const lines = [
    `fuzz: seed ${totals.seed}, ${totals.iterations} iterations in ${(totals.ms / 1000).toFixed(1)} s`,
    `  analyses ${totals.analyses}, findings ${totals.findings}, fixes built ${totals.fixesBuilt} (en + zh-cn), applied and re-parsed ${totals.fixesApplied}, idempotency re-lints ${totals.idempotencyChecks}`,
    `  fixes applied to files that already had syntax errors: ${totals.fixesOnBrokenFiles}; findings whose fixes were not checked (over ${MAX_FINDINGS_WITH_FIXES} per iteration): ${totals.findingsNotFixChecked} in ${totals.iterationsCapped} iterations`,
    `  slowest analysis under 100 KB: ${totals.maxSmallAnalysisMs.toFixed(0)} ms (limit ${SLOW_MS}); 5 MB iterations: ${totals.hugeIterations}, slowest ${totals.maxHugeAnalysisMs.toFixed(0)} ms`,
    `  mutations: ${Object.entries(totals.mutations)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  failures: ${totals.failures.length}${byKind.size ? ` (${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
  ];
  // Up to three distinct examples per kind of failure, each with its reproducer; --json has them all.
  const shown = new Map<string, Set<string>>();
  for (const failure of totals.failures) {
    const signature = failure.detail.split('\n')[0].replace(/\d+/g, '#');
    const seen = shown.get(failure.kind) ?? new Set<string>();
    shown.set(failure.kind, seen);
    if (seen.has(signature) || seen.size >= 3) continue;
    seen.add(signature);
    lines.push(
      `  FAIL ${failure.kind} at iteration ${failure.iteration}: ${failure.detail.split('\n')[0]}`,
      `       mutations: ${failure.mutations.join(', ')}`,
      `       reproduce: ${reproducer(failure)}`,
    );
  }
  return lines.join('\n');
}

// -------------------------------------------------------------------------------------------------------
// Command line: the iterations run in a worker so a hang is caught and reported as a failure.

interface WorkerMessage {
  type: 'start' | 'iteration' | 'done';
  iteration?: number;
  stats?: IterationStats;
  failures?: Failure[];
}

function runWorker(): void {
  const { seed, start, end, allowHuge } = workerData as {
    seed: number;
    start: number;
    end: number;
    allowHuge: boolean;
  };
  const corpus = buildCorpus(seed);
  for (let i = start; i < end; i++) {
    parentPort!.postMessage({ type: 'start', iteration: i } satisfies WorkerMessage);
    const { stats, failures } = runIteration(corpus, seed, i, allowHuge);
    parentPort!.postMessage({ type: 'iteration', iteration: i, stats, failures } satisfies WorkerMessage);
  }
  parentPort!.postMessage({ type: 'done' } satisfies WorkerMessage);
}

let mainCorpus: Project[] | undefined;

/** What an iteration that never reported back was made of (recomputed from the seed in the main thread). */
function mutationsOf(seed: number, iteration: number, allowHuge: boolean): string[] {
  mainCorpus ??= buildCorpus(seed);
  return mutateProject(mainCorpus, seed, iteration, allowHuge).mutations;
}

/** A failure as soon as it is found (a long run's summary comes only at its end). */
function announce(failure: Failure): void {
  process.stderr.write(
    `[fuzz] FAIL ${failure.kind} at iteration ${failure.iteration}: ${failure.detail.split('\n')[0].slice(0, 200)}\n`,
  );
}

function runInWorkers(seed: number, start: number, iterations: number, allowHuge: boolean): Promise<FuzzTotals> {
  const totals = emptyTotals(seed);
  const record = (failure: Failure): void => {
    totals.failures.push(failure);
    announce(failure);
  };
  const t = performance.now();
  const end = start + iterations;
  return new Promise((resolve) => {
    const launch = (from: number): void => {
      if (from >= end) {
        totals.ms = performance.now() - t;
        resolve(totals);
        return;
      }
      const worker = new Worker(__filename, {
        workerData: { mode: 'mp-privacy-fuzz', seed, start: from, end, allowHuge },
      });
      let current = from;
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          finished = true;
          record({
            kind: 'hang',
            seed,
            iteration: current,
            mutations: mutationsOf(seed, current, allowHuge),
            detail: `iteration ${current} did not finish within ${HANG_MS / 1000} s`,
          });
          void worker.terminate();
          launch(current + 1);
        }, HANG_MS);
      };
      arm();
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'start') {
          current = message.iteration!;
          arm();
        } else if (message.type === 'iteration') {
          addStats(totals, message.stats!);
          message.failures!.forEach(record);
          if (totals.iterations % 500 === 0)
            process.stderr.write(
              `[fuzz] ${totals.iterations}/${iterations} iterations, ${totals.failures.length} failure(s)\n`,
            );
        } else {
          // message.type === 'done'
          finished = true;
          clearTimeout(timer);
          void worker.terminate();
          launch(end);
        }
      });
      worker.on('error', (error) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        // An error that escapes runIteration (e.g. a stack overflow outside the engine's guards) or a crash of the worker.
        record({
          kind: 'worker-crash',
          seed,
          iteration: current,
          mutations: mutationsOf(seed, current, allowHuge),
          detail: describe(error),
        });
        launch(current + 1);
      });
      worker.on('exit', (code) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        record({
          kind: 'worker-crash',
          seed,
          iteration: current,
          mutations: mutationsOf(seed, current, allowHuge),
          detail: `worker exited with code ${code}`,
        });
        launch(current + 1);
      });
    };
    launch(start);
  });
}

function parseArgs(argv: string[]): {
  iterations: number;
  seed: number;
  start: number;
  only?: number;
  dump?: string;
  json?: string;
  allowHuge: boolean;
  ignoreKnown: boolean;
  pathological?: number[];
} {
  const options = {
    iterations: 1000,
    seed: 1,
    start: 0,
    only: undefined as number | undefined,
    dump: undefined as string | undefined,
    json: undefined as string | undefined,
    allowHuge: true,
    ignoreKnown: false,
    pathological: undefined as number[] | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv.at(++i);
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const arg = argv[i];
    if (arg === '--iterations') options.iterations = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--start') options.start = Number(value());
    else if (arg === '--only') options.only = Number(value());
    else if (arg === '--dump') options.dump = value();
    else if (arg === '--no-huge') options.allowHuge = false;
    else if (arg === '--json') options.json = value();
    else if (arg === '--ignore-known') options.ignoreKnown = true;
    else if (arg === '--pathological') options.pathological ??= [PATHOLOGICAL_SIZE];
    else if (arg === '--sizes') options.pathological = value().split(',').map(Number);
    else
      throw new Error(
        `unknown argument ${arg} (usage: --iterations N --seed S [--start I] [--json FILE] [--ignore-known] [--only I --dump DIR] [--no-huge] | --pathological [--sizes N,N])`,
      );
  }
  for (const [name, n] of [
    ['iterations', options.iterations],
    ['seed', options.seed],
    ['start', options.start],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  }
  return options;
}

// -------------------------------------------------------------------------------------------------------
// --pathological: the time budget on long runs of the characters that make code backtrack or rescan.

/** A run this long keeps the file it goes into under 1 MB (the base files are a few hundred bytes). */
const PATHOLOGICAL_SIZE = 1_000_000 - 4_096;

interface PathologicalJob {
  context: RunContext;
  pattern: string;
  length: number;
}

function runPathologicalWorker(): void {
  parentPort!.on('message', (job: PathologicalJob) => {
    const pattern = RUN_PATTERNS.find((p) => p.name === job.pattern)!;
    parentPort!.postMessage(analyseEverything(projectWith(job.context, run(pattern, job.length))));
  });
}

/**
 * Every context and pattern of bench/pathological.ts at each size, in a worker watched for hangs: no analysis
 * of a file under 1 MB may take over SLOW_MS (the faster of two runs counts: a busy machine stalls single
 * runs). Fixes and output formats are timed too and reported. Exits 1 when a case is over the budget.
 */
async function runPathological(sizes: number[]): Promise<number> {
  let worker: Worker | undefined;
  const once = (job: PathologicalJob): Promise<EverythingTimes | 'hang'> => {
    const current = (worker ??= new Worker(__filename, { workerData: { mode: 'mp-privacy-pathological' } }));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
      };
      const onMessage = (times: EverythingTimes) => {
        done();
        resolve(times);
      };
      const onError = (error: Error) => {
        done();
        worker = undefined;
        reject(error);
      };
      const timer = setTimeout(() => {
        done();
        void current.terminate();
        worker = undefined;
        resolve('hang');
      }, HANG_MS);
      current.on('message', onMessage);
      current.on('error', onError);
      current.postMessage(job);
    });
  };
  const results: { job: PathologicalJob; times: EverythingTimes | 'hang' }[] = [];
  const started = performance.now();
  for (const length of sizes) {
    for (const context of RUN_CONTEXTS) {
      for (const pattern of RUN_PATTERNS) {
        const job = { context, pattern: pattern.name, length };
        let times = await once(job);
        if (times !== 'hang' && times.analysisMs > SLOW_MS) {
          const again = await once(job);
          if (again === 'hang' || again.analysisMs < times.analysisMs) times = again;
        }
        results.push({ job, times });
        if (times === 'hang' || times.analysisMs > SLOW_MS || times.failures.length)
          process.stderr.write(
            `[pathological] ${context} × ${pattern.name} at ${length}: ${times === 'hang' ? `no answer within ${HANG_MS / 1000} s` : `analysis ${times.analysisMs.toFixed(0)} ms${times.failures.length ? `, failed: ${times.failures.join('; ')}` : ''}`}\n`,
          );
      }
    }
  }
  await worker?.terminate();
  const finished = results.filter((r): r is { job: PathologicalJob; times: EverythingTimes } => r.times !== 'hang');
  const over = results.filter((r) => r.times === 'hang' || r.times.analysisMs > SLOW_MS || r.times.failures.length);
  const slowest = [...finished].sort((a, b) => b.times.analysisMs - a.times.analysisMs).slice(0, 15);
  const longest = (key: 'fixesMs' | 'outputMs') => finished.reduce((max, r) => Math.max(max, r.times[key]), 0);
  const lines = [
    `pathological: ${results.length} cases (${RUN_CONTEXTS.length} places × ${RUN_PATTERNS.length} runs × sizes ${sizes.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    `  over the ${SLOW_MS} ms analysis budget, hung or failed: ${over.length}; slowest fixes ${longest('fixesMs').toFixed(0)} ms, slowest outputs ${longest('outputMs').toFixed(0)} ms`,
    '  slowest analyses:',
    ...slowest.map(
      (r) =>
        `    ${r.times.analysisMs.toFixed(0).padStart(6)} ms  ${r.job.context} × ${r.job.pattern} (${r.job.length}), ${r.times.findings} findings`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return over.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.pathological) return runPathological(options.pathological);
  if (options.only !== undefined) {
    const corpus = buildCorpus(options.seed);
    const { stats, failures, files } = runIteration(corpus, options.seed, options.only, options.allowHuge);
    process.stdout.write(`iteration ${options.only} of seed ${options.seed}: ${stats.mutations.join(', ')}\n`);
    process.stdout.write(
      `  ${stats.findings} findings, ${stats.fixesApplied} fixes applied, slowest analysis ${stats.maxAnalysisMs.toFixed(0)} ms, ${stats.bytes} chars\n`,
    );
    for (const failure of failures) process.stdout.write(`  FAIL ${failure.kind}: ${failure.detail}\n`);
    if (options.dump) {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(options.dump, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
      fs.writeFileSync(
        path.join(options.dump, 'FUZZ-FAILURES.json'),
        JSON.stringify({ seed: options.seed, iteration: options.only, mutations: stats.mutations, failures }, null, 2),
      );
      process.stdout.write(
        `  project written to ${options.dump} (lint it with: node server/bin/mp-privacy.js lint ${options.dump})\n`,
      );
    }
    return failures.length ? 1 : 0;
  }
  const totals = await runInWorkers(options.seed, options.start, options.iterations, options.allowHuge);
  process.stdout.write(`${formatTotals(totals)}\n`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(totals, null, 2));
  const counted = options.ignoreKnown ? totals.failures.filter((f) => !isKnownEngineBug(f)) : totals.failures;
  if (options.ignoreKnown)
    process.stdout.write(
      `  --ignore-known: ${totals.failures.length - counted.length} failure(s) of already-reported engine bugs not counted; ${counted.length} other(s)\n`,
    );
  return counted.length ? 1 : 0;
}

if (!isMainThread && (workerData as { mode?: string } | null)?.mode === 'mp-privacy-fuzz') runWorker();
else if (!isMainThread && (workerData as { mode?: string } | null)?.mode === 'mp-privacy-pathological')
  runPathologicalWorker();
else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`fuzz: ${describe(error)}\n`);
      process.exitCode = 2;
    },
  );
}
