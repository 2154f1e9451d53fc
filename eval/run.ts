/**
 * `npm run eval`: the labelled real-world evaluation. Runs the real CLI (`mp-privacy lint --format json`) over
 * each entry of the development corpus and scores its findings against the labels in eval/labels/.
 *
 *   npm run eval [-- --corpus DIR] [--entry NAME]... [--unreviewed] [--json FILE] [--verify-fixes | --no-verify-fixes] [--fix-failures]
 *
 * After the scores, every fix offered on the corpus is applied and checked (verify-fixes.ts): `--verify-fixes`
 * runs only that, `--no-verify-fixes` skips it, `--fix-failures` lists each failure.
 *
 * The corpus is third-party code that is never committed: fetch it as shared/dev-corpus/README.md says
 * (fetch-dev-corpus.sh), into ../corpus beside this repository, or point MP_PRIVACY_CORPUS / --corpus at it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  EntryRun,
  EvalFinding,
  Evaluation,
  Label,
  LabelProblem,
  MUST_NOT_FLAG,
  evaluate,
  parseLabels,
  summary,
} from './score';
import {
  formatFixVerification,
  mergeFixVerification,
  verifyFixesUnder,
  type FixVerificationReport,
} from './verify-fixes';

const repoRoot = path.resolve(__dirname, '..', '..');
const labelsDir = path.join(repoRoot, 'eval', 'labels');
const cliBin = path.join(repoRoot, 'server', 'bin', 'mp-privacy.js');

interface Options {
  corpus: string;
  entries: string[];
  unreviewed: boolean;
  json?: string;
  fixes: 'also' | 'only' | 'skip';
  fixFailures: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    corpus: process.env.MP_PRIVACY_CORPUS ?? path.resolve(repoRoot, '..', 'corpus'),
    entries: [],
    unreviewed: false,
    fixes: 'also',
    fixFailures: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--corpus') options.corpus = path.resolve(argv[++i]);
    else if (arg === '--entry') options.entries.push(argv[++i]);
    else if (arg === '--unreviewed') options.unreviewed = true;
    else if (arg === '--json') options.json = path.resolve(argv[++i]);
    else if (arg === '--verify-fixes') options.fixes = 'only';
    else if (arg === '--no-verify-fixes') options.fixes = 'skip';
    else if (arg === '--fix-failures') options.fixFailures = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

export function loadLabels(dir: string): { labels: Label[]; problems: LabelProblem[] } {
  const labels: Label[] = [];
  const problems: LabelProblem[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.tsv'))
    .sort()) {
    const parsed = parseLabels(
      name.replace(/\.tsv$/, ''),
      `eval/labels/${name}`,
      fs.readFileSync(path.join(dir, name), 'utf8'),
    );
    labels.push(...parsed.labels);
    problems.push(...parsed.problems);
  }
  return { labels, problems };
}

/** One CLI run over one corpus entry, timed as a whole process (what a CI job pays). */
export function lintEntry(corpus: string, entry: string): EntryRun {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cliBin, 'lint', path.join(corpus, entry), '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LANG: 'C', LC_ALL: '' },
    timeout: 300_000,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let findings: EvalFinding[] = [];
  let failure: string | undefined;
  try {
    findings = (JSON.parse(result.stdout) as { findings: EvalFinding[] }).findings;
  } catch {
    failure = (result.stderr || result.error?.message || 'no JSON output').trim().split('\n')[0];
  }
  if (result.status === 2 && failure === undefined) failure = result.stderr.trim().split('\n')[0];
  return { entry, findings, exitCode: result.status, ms, failure };
}

const percent = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value * 100)}%`);
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

export function formatEvaluation(evaluation: Evaluation, showUnreviewed: boolean): string {
  const out: string[] = [];
  out.push('Per corpus entry (whole CLI process):');
  for (const run of evaluation.runs) {
    const counts = ['error', 'warning', 'info'].map((s) => run.findings.filter((f) => f.severity === s).length);
    const status =
      run.failure !== undefined
        ? `FAILED (exit ${run.exitCode}): ${run.failure}`
        : `exit ${run.exitCode}, ${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos`;
    out.push(`  ${run.entry.padEnd(42)} ${`${Math.round(run.ms)} ms`.padStart(9)}  ${status}`);
  }
  out.push('', 'Per rule (labelled places):');
  const widths = [36, 9, 7, 7, 10, 10];
  out.push(`  ${pad(['rule', 'labelled', 'found', 'recall', 'false acc.', 'precision'], widths)}`);
  for (const rule of evaluation.rules) {
    out.push(
      `  ${pad([rule.ruleId, String(rule.labelled), String(rule.found), percent(rule.recall), String(rule.falseAccusations), percent(rule.precision)], widths)}`,
    );
  }
  const missed = evaluation.outcomes.filter((o) => !o.ok && o.label.expected !== MUST_NOT_FLAG);
  const accused = evaluation.outcomes.filter((o) => !o.ok && o.label.expected === MUST_NOT_FLAG);
  out.push('', `Missed violations (${missed.length}):`);
  for (const o of missed)
    out.push(`  ${o.label.entry}/${o.label.file}:${o.label.from}  ${o.label.expected}  — ${o.label.reason}`);
  out.push('', `Error/warning on must-not-flag places (${accused.length}):`);
  for (const o of accused) {
    out.push(`  ${o.label.entry}/${o.label.file}:${o.label.from}  — ${o.label.reason}`);
    for (const f of o.matched) out.push(`      ${f.severity} ${f.ruleId} at line ${f.line}: ${f.message}`);
  }
  if (showUnreviewed) {
    out.push('', `Error/warning findings at no labelled place (${evaluation.unreviewed.length}):`);
    for (const { entry, finding } of evaluation.unreviewed)
      out.push(`  ${entry}/${finding.file}:${finding.line}  ${finding.severity} ${finding.ruleId}: ${finding.message}`);
  } else {
    out.push(
      '',
      `Error/warning findings at no labelled place: ${evaluation.unreviewed.length} (list them with --unreviewed)`,
    );
  }
  return out.join('\n');
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(options.corpus)) {
    process.stderr.write(
      `eval: no corpus at ${options.corpus}.\nFetch it as shared/dev-corpus/README.md says (fetch-dev-corpus.sh TARGET_DIR), then set MP_PRIVACY_CORPUS=TARGET_DIR or pass --corpus TARGET_DIR.\n`,
    );
    return 2;
  }
  const { labels, problems } = loadLabels(labelsDir);
  for (const problem of problems) process.stderr.write(`eval: ${problem.source}: ${problem.message}\n`);
  const available = fs
    .readdirSync(options.corpus)
    .filter((name) => fs.statSync(path.join(options.corpus, name)).isDirectory())
    .sort();
  const entries = options.entries.length ? options.entries : available;
  for (const entry of entries)
    if (!available.includes(entry))
      process.stderr.write(`eval: corpus entry ${entry} is missing from ${options.corpus}\n`);
  const present = entries.filter((e) => available.includes(e));
  const verification = (): FixVerificationReport => {
    const total: FixVerificationReport = { checked: 0, applied: 0, failed: [], byKind: {}, byFix: {} };
    for (const entry of present) mergeFixVerification(total, verifyFixesUnder(path.join(options.corpus, entry)));
    for (const failed of total.failed)
      failed.at = `${path.relative(options.corpus, failed.root).split(path.sep)[0]}/${failed.at}`;
    process.stdout.write(`${formatFixVerification(total, options.fixFailures)}\n`);
    return total;
  };
  if (options.fixes === 'only') return verification().failed.length ? 1 : 0;
  const runs = present.map((entry) => lintEntry(options.corpus, entry));
  const selected = labels.filter((l) => runs.some((r) => r.entry === l.entry));
  const evaluation = evaluate(selected, runs);
  process.stdout.write(`${formatEvaluation(evaluation, options.unreviewed)}\n\n`);
  const headline = summary(evaluation);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ summary: headline, evaluation }, null, 2));
  process.stdout.write(`${JSON.stringify(headline)}\n`);
  if (problems.length) return 2;
  if (options.fixes === 'skip') return 0;
  process.stdout.write('\n');
  return verification().failed.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
