#!/usr/bin/env node
'use strict';
// Behaviour-identity check for refactors: snapshots everything the linter says about a set of projects,
// then compares a later run with that snapshot.
//
//   node scripts/compare-findings.js --write /tmp/before.json      (on the commit before the change)
//   node scripts/compare-findings.js --compare /tmp/before.json    (after it; exit 1 on any difference)
//
// Options: --corpus DIR (default /work/corpus when it exists; every entry is a project), --no-corpus,
// --no-tests (skip the in-memory projects of the rule and fix tests), --show N (differences printed).
// `--compare` may be combined with `--write` to keep the new snapshot too.
//
// What is compared, per project:
// - the CLI's JSON output (`mp-privacy lint DIR --format json`) in English and Chinese: every finding's rule,
//   severity, message, evidence, positions, related locations and fix titles, and the exit code;
// - the engine's findings with every field: ranges, both locales of every text, each fix's kind, title,
//   `automatic` flag and the edits it builds in either locale, the "no fix here" advice, and the hover text.
// Projects: every folder under test/fixtures/<group>/, examples/, every corpus entry, and every in-memory
// project the rule and fix tests lint (recorded through MP_PRIVACY_RECORD_PROJECTS, see
// test/helpers/virtual-project.ts). The snapshot keeps those projects' files, so `--compare` analyses the
// very same inputs again even when the tests have been reorganised since.
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const repoRoot = path.resolve(__dirname, '..');
const cliBin = path.join(repoRoot, 'server', 'bin', 'mp-privacy.js');
const LOCALES = ['en', 'zh-cn'];
const TEST_FILES = ['out/test/rules', 'out/test/fixes', 'out/test/engine/bad-input.test.js', 'out/test/fuzz/engine-bugs.test.js'];

function parseArgs(argv) {
  const options = { write: undefined, compare: undefined, corpus: fs.existsSync('/work/corpus') ? '/work/corpus' : undefined, tests: true, show: 20 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--write') options.write = path.resolve(value());
    else if (arg === '--compare') options.compare = path.resolve(value());
    else if (arg === '--corpus') options.corpus = path.resolve(value());
    else if (arg === '--no-corpus') options.corpus = undefined;
    else if (arg === '--no-tests') options.tests = false;
    else if (arg === '--show') options.show = Number(value());
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.write && !options.compare) throw new Error('give --write FILE, --compare FILE, or both');
  for (const file of [options.write, options.compare]) {
    if (file && !path.relative(repoRoot, file).startsWith('..')) throw new Error(`keep snapshots outside the repository: ${file}`);
  }
  return options;
}

/** Folders to lint, by a label that stays the same across checkouts. */
function diskTargets(corpus) {
  const targets = [];
  const subdirs = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);
  const fixtures = path.join(repoRoot, 'test', 'fixtures');
  for (const group of subdirs(fixtures)) for (const name of subdirs(path.join(fixtures, group))) targets.push({ label: `fixtures/${group}/${name}`, dir: path.join(fixtures, group, name) });
  targets.push({ label: 'examples', dir: path.join(repoRoot, 'examples') });
  if (corpus) for (const name of subdirs(corpus)) targets.push({ label: `corpus/${name}`, dir: path.join(corpus, name) });
  return targets;
}

function sha1(text) {
  return crypto.createHash('sha1').update(text).digest('hex');
}

/** The CLI's JSON report in one locale, without the tool version and with this checkout's path as `<repo>`. */
function cliReport(dir, locale) {
  const run = spawnSync(process.execPath, [cliBin, 'lint', dir, '--format', 'json', '--locale', locale], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  let report;
  try {
    // Paths under this checkout are written relative to it: a snapshot from another worktree compares equal.
    report = JSON.parse(run.stdout.split(JSON.stringify(repoRoot).slice(1, -1)).join('<repo>'));
    delete report.version;
  } catch {
    report = { unparsed: run.stdout };
  }
  return { status: run.status, report };
}

function loadEngine() {
  const entry = path.join(repoRoot, 'out', 'server', 'src', 'engine', 'index.js');
  if (!fs.existsSync(entry)) throw new Error('the engine is not built; run "npx tsc -b" first');
  return require(entry);
}

/** Above this many findings in one project (the stress tests' generated pages), each finding is kept as a hash. */
const HASHED_ABOVE = 500;
/** In such a project only the first and last findings' fixes are built (a move or modal fix takes ~8 ms). */
const BUILT_AT_ENDS = 100;

function engineFindings(engine, findings, base) {
  if (findings.length <= HASHED_ABOVE) return findings.map((f) => engineFinding(engine, f, base, true));
  const built = (i) => i < BUILT_AT_ENDS || i >= findings.length - BUILT_AT_ENDS;
  return findings.map((f, i) => ({ ruleId: f.ruleId, fixes: f.fixes.length, sha1: sha1(JSON.stringify(engineFinding(engine, f, base, built(i)))) }));
}

/** Every field of a finding, with paths relative to `base` and the checkout's own path taken out of the hover. */
function engineFinding(engine, finding, base, buildFixes) {
  const rel = (file) => path.relative(base, file).split(path.sep).join('/');
  const range = (r) => ({ file: rel(r.file), start: r.start, end: r.end });
  const repoUrl = pathToFileURL(repoRoot).toString();
  const built = (fix, locale) => {
    try {
      const { edits, creations } = fix.build(locale);
      return {
        edits: edits.map((e) => ({ ...range(e), newText: e.newText, snippet: !!e.snippet })),
        creations: creations.map((c) => ({ file: rel(c.file), content: c.content })),
      };
    } catch (error) {
      return { error: String(error && error.message) };
    }
  };
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    range: range(finding.range),
    message: finding.message,
    evidence: finding.evidence,
    related: finding.related.map((r) => ({ range: range(r.range), message: r.message })),
    fixUnavailable: finding.fixUnavailable ?? null,
    fixes: finding.fixes.map((fix) => ({
      kind: fix.kind,
      title: fix.title,
      automatic: !!fix.automatic,
      build: buildFixes ? Object.fromEntries(LOCALES.map((locale) => [locale, built(fix, locale)])) : 'not built',
    })),
    hover: Object.fromEntries(LOCALES.map((locale) => [locale, engine.hoverMarkdown(finding, locale).split(repoUrl).join('<repo>')])),
  };
}

function engineRun(engine, dir) {
  const host = engine.createNodeFileSystemHost();
  const analyzer = new engine.ProjectAnalyzer(host);
  const roots = {};
  for (const root of engine.findMiniProgramRoots(host, dir)) {
    const label = path.relative(dir, root).split(path.sep).join('/') || '.';
    try {
      roots[label] = engineFindings(engine, analyzer.analyze(root).findings, dir);
    } catch (error) {
      roots[label] = { error: String(error && error.message) };
    }
  }
  return roots;
}

/** The in-memory projects the tests lint: the tests run with a recorder (stdout ignored; failures reported). */
function recordTestProjects() {
  const files = TEST_FILES.map((f) => path.join(repoRoot, f)).filter((f) => fs.existsSync(f));
  const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-compare-')), 'projects.jsonl');
  fs.writeFileSync(record, '');
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=dot', ...files], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, MP_PRIVACY_RECORD_PROJECTS: record },
    maxBuffer: 1 << 30,
    timeout: 1_200_000,
  });
  if (run.status !== 0) console.warn(`warning: the recorded tests did not pass (exit ${run.status}); comparing what they linted anyway`);
  const projects = {};
  for (const line of fs.readFileSync(record, 'utf8').split('\n')) if (line) projects[sha1(line)] = JSON.parse(line);
  fs.rmSync(path.dirname(record), { recursive: true, force: true });
  return projects;
}

function virtualRun(engine, files) {
  const { virtualHost, VIRTUAL_ROOT } = require(path.join(repoRoot, 'out', 'test', 'helpers', 'virtual-project.js'));
  try {
    const findings = new engine.ProjectAnalyzer(virtualHost(files)).analyze(VIRTUAL_ROOT).findings;
    return engineFindings(engine, findings, VIRTUAL_ROOT);
  } catch (error) {
    return { error: String(error && error.message) };
  }
}

function takeSnapshot(options, previous) {
  const build = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-b'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsc -b failed:\n${build.stdout}${build.stderr}`);
  const engine = loadEngine();
  const snapshot = { commit: gitHead(), disk: {}, testProjects: {}, tests: {} };
  const targets = diskTargets(options.corpus);
  for (const { label, dir } of targets) {
    process.stderr.write(`  ${label}\n`);
    snapshot.disk[label] = { cli: Object.fromEntries(LOCALES.map((locale) => [locale, cliReport(dir, locale)])), engine: engineRun(engine, dir) };
  }
  if (options.tests) {
    process.stderr.write('  in-memory projects of the rule and fix tests\n');
    snapshot.testProjects = recordTestProjects();
  }
  // The projects of the earlier snapshot are analysed too, even when no test lints them any more.
  const inputs = { ...(previous?.testProjects ?? {}), ...snapshot.testProjects };
  for (const [key, files] of Object.entries(inputs)) snapshot.tests[key] = virtualRun(engine, files);
  return snapshot;
}

function gitHead() {
  const run = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  return `${run.stdout.trim()}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** Counts of what a snapshot holds, for the summary. */
function census(snapshot) {
  const counts = { diskTargets: 0, roots: 0, cliFindings: 0, cliFixTitles: 0, engineFindings: 0, fixes: 0, testProjects: 0 };
  const countEngine = (list) => {
    if (!Array.isArray(list)) return;
    counts.engineFindings += list.length;
    for (const f of list) counts.fixes += typeof f.fixes === 'number' ? f.fixes : f.fixes.length;
  };
  for (const entry of Object.values(snapshot.disk)) {
    counts.diskTargets++;
    const en = entry.cli.en.report;
    counts.roots += en.roots ? en.roots.length : 0;
    for (const locale of LOCALES) {
      for (const f of entry.cli[locale].report.findings ?? []) {
        counts.cliFindings++;
        counts.cliFixTitles += f.fixes.length;
      }
    }
    for (const list of Object.values(entry.engine)) countEngine(list);
  }
  for (const list of Object.values(snapshot.tests)) {
    counts.testProjects++;
    countEngine(list);
  }
  return counts;
}

/** Differences between two lists of findings: missing and extra ones, or the same ones in another order. */
function diffLists(where, before, after, out) {
  if (!Array.isArray(before) || !Array.isArray(after)) {
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ where, kind: 'changed', before, after });
    return;
  }
  const a = before.map((f) => JSON.stringify(f));
  const b = after.map((f) => JSON.stringify(f));
  const remaining = new Map();
  for (const s of b) remaining.set(s, (remaining.get(s) ?? 0) + 1);
  const missing = [];
  for (const s of a) {
    const n = remaining.get(s) ?? 0;
    if (n > 0) remaining.set(s, n - 1);
    else missing.push(s);
  }
  const extra = [];
  for (const [s, n] of remaining) for (let i = 0; i < n; i++) extra.push(s);
  for (const s of missing) out.push({ where, kind: 'missing', finding: JSON.parse(s) });
  for (const s of extra) out.push({ where, kind: 'extra', finding: JSON.parse(s) });
  if (!missing.length && !extra.length && a.join('\n') !== b.join('\n')) out.push({ where, kind: 'order' });
}

function compareSnapshots(before, after) {
  const differences = [];
  for (const label of new Set([...Object.keys(before.disk), ...Object.keys(after.disk)])) {
    const x = before.disk[label];
    const y = after.disk[label];
    if (!x || !y) {
      differences.push({ where: label, kind: x ? 'project gone' : 'project new' });
      continue;
    }
    for (const locale of LOCALES) {
      const [rx, ry] = [x.cli[locale], y.cli[locale]];
      const where = `${label} (CLI JSON, ${locale})`;
      if (rx.status !== ry.status) differences.push({ where, kind: 'exit code', before: rx.status, after: ry.status });
      const { findings: fx, ...restX } = rx.report;
      const { findings: fy, ...restY } = ry.report;
      if (JSON.stringify(restX) !== JSON.stringify(restY)) differences.push({ where, kind: 'report header', before: restX, after: restY });
      diffLists(where, fx ?? [], fy ?? [], differences);
    }
    for (const root of new Set([...Object.keys(x.engine), ...Object.keys(y.engine)])) diffLists(`${label} root ${root} (engine)`, x.engine[root] ?? [], y.engine[root] ?? [], differences);
  }
  for (const key of Object.keys(before.tests)) {
    if (!(key in after.tests)) differences.push({ where: `test project ${key.slice(0, 10)}`, kind: 'not analysed' });
    else diffLists(`test project ${key.slice(0, 10)}`, before.tests[key], after.tests[key], differences);
  }
  return differences;
}

function summary(name, snapshot) {
  const c = census(snapshot);
  return [
    `${name}: ${snapshot.commit}`,
    `  ${c.roots} mini programs in ${c.diskTargets} folders (test/fixtures, examples, corpus) + ${c.testProjects} in-memory test projects`,
    `  CLI JSON (en + zh-cn): ${c.cliFindings} findings, ${c.cliFixTitles} fix titles`,
    `  engine, every field (ranges, both locales, fix edits in both locales, hover): ${c.engineFindings} findings, ${c.fixes} fixes`,
  ].join('\n');
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const before = options.compare ? JSON.parse(fs.readFileSync(options.compare, 'utf8')) : undefined;
  const started = Date.now();
  const now = takeSnapshot(options, before);
  if (options.write) fs.writeFileSync(options.write, JSON.stringify(now));
  if (!before) {
    console.log(summary('snapshot', now));
    console.log(`written to ${options.write} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  console.log(summary('before', before));
  console.log(summary('after ', now));
  const newTests = Object.keys(now.testProjects).filter((key) => !(key in before.tests)).length;
  if (newTests) console.log(`  (${newTests} in-memory test projects are new since the snapshot: no "before" to compare them with)`);
  const differences = compareSnapshots(before, now);
  for (const d of differences.slice(0, options.show)) console.log(`  DIFFERENCE ${d.where}: ${d.kind}${d.finding ? ` ${JSON.stringify(d.finding).slice(0, 600)}` : ''}${'before' in d ? ` before=${JSON.stringify(d.before).slice(0, 300)} after=${JSON.stringify(d.after).slice(0, 300)}` : ''}`);
  console.log(`${differences.length} differences (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (differences.length) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(`compare-findings: ${error.message}`);
  process.exit(2);
}
