/**
 * `npm run bench [-- <dir>] [options]`: how fast and how lean mp-privacy is, each figure a ratio of two things
 * measured in the same run. Projects: generated ones (bench/projects.ts, bench/generate/) at 1x (~500 pages),
 * 2x and 4x, and the largest native entry of the development corpus beside them; with <dir>, that project only.
 *
 * Per project (bench/measure/):
 *   engine-files.ts  which files a cold lint parses (and which stylesheets' rules), and the page to edit
 *   floor.ts         (a) a fresh process parsing exactly those files with the same parsers
 *   process.ts       (b) the cold CLI lint (`mp-privacy lint <dir> --format json`), interleaved with (a)
 *   eslint.ts        (c) ESLint recommended over the same .js files
 *   lsp.ts           (d) the real language server over stdio: edits of the page (flushed and debounced), (e) RSS
 *   page-parse.ts    the floor of an edit: the same edits' files re-parsed alone, warm, in a fresh process
 * and once: startup.ts (`mp-privacy --version` against `node -e 0`). Report and JSON line: report.ts.
 *
 * Options: --sizes 1,2,4  --lsp-sizes 1,2,4  --edits 200  --debounced 30  --runs 3  --seed 42  --no-eslint
 *          --no-profile  --no-real  --no-uni-app  --keep  --out <dir>  --quick (60 edits, 15 debounced, 2 runs, no profile;
 *          `--quick --profile` keeps the profiles)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { childBreakdown, formatBreakdown, type BreakdownResult } from './measure/breakdown';
import { childEngineFiles, pickEditedPage, type EngineFiles } from './measure/engine-files';
import { childEslint, type EslintResult } from './measure/eslint';
import { childParseFloor, type FloorResult } from './measure/floor';
import { childPageParse, type PageParseResult } from './measure/page-parse';
import { measureLsp } from './measure/lsp';
import { CLI_BIN, runChild, runTimed } from './measure/process';
import { measureStartup } from './measure/startup';
import { formatProfile, newestProfile, summarizeProfile } from './profile';
import { corpusDir, generated, generatedUniApp, largestNativeEntry, type BenchProject } from './projects';
import { formatReport, type ProjectResult } from './report';

interface Options {
  dir?: string;
  sizes: number[];
  lspSizes: number[];
  edits: number;
  debounced: number;
  runs: number;
  seed: number;
  eslint: boolean;
  profile: boolean;
  real: boolean;
  uniApp: boolean;
  keep: boolean;
  out?: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    sizes: [1, 2, 4],
    lspSizes: [1, 2, 4],
    edits: 200,
    debounced: 30,
    runs: 3,
    seed: 42,
    eslint: true,
    profile: true,
    real: true,
    uniApp: true,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv.at(++i);
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes')
      options.sizes = value()
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
    else if (arg === '--lsp-sizes')
      options.lspSizes = value()
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
    else if (arg === '--edits') options.edits = Number(value());
    else if (arg === '--debounced') options.debounced = Number(value());
    else if (arg === '--runs') options.runs = Math.max(1, Number(value()));
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--no-eslint') options.eslint = false;
    else if (arg === '--no-profile') options.profile = false;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--no-real') options.real = false;
    else if (arg === '--no-uni-app') options.uniApp = false;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--quick') Object.assign(options, { edits: 60, debounced: 15, runs: 2, profile: false });
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dir = path.resolve(arg);
  }
  return options;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function measureProject(
  project: BenchProject,
  options: Options,
  scratch: string,
  withLsp: boolean,
  profileDir?: string,
): Promise<ProjectResult> {
  const say = (message: string) => log(`[bench ${project.label}] ${message}`);
  say('what the engine parses');
  const listFile = path.join(scratch, `${project.label.replace(/\W+/g, '_')}-engine-files.json`);
  await runChild('engine-files', [project.dir, listFile]);
  const files = JSON.parse(fs.readFileSync(listFile, 'utf8')) as EngineFiles;
  const editPage = pickEditedPage(files, project.editRoute);
  say(`editing ${editPage.route} (${editPage.lines} lines of template + script)`);

  say(`parse floor and cold CLI lint, ${options.runs} interleaved runs`);
  const floors: FloorResult[] = [];
  const floorProcessMs: number[] = [];
  const lintMs: number[] = [];
  const lintRssMB: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const floor = await runChild<FloorResult>('parse-floor', [listFile]);
    floors.push(floor.result);
    floorProcessMs.push(floor.timed.ms);
    const lint = await runTimed(process.execPath, [CLI_BIN, 'lint', project.dir, '--format', 'json'], {
      stdoutFile: '/dev/null',
    });
    lintMs.push(lint.ms);
    lintRssMB.push(lint.maxRssMB ?? NaN);
  }
  let eslint: ProjectResult['eslint'];
  if (options.eslint && (project.scale === null || project.scale === 1)) {
    say('ESLint');
    const { result, timed } = await runChild<EslintResult>('eslint', [project.dir, listFile], { measureRss: true });
    eslint = { ...result, processMs: timed.ms, rssMB: timed.maxRssMB };
  }
  let lsp: ProjectResult['lsp'];
  let pageParse: PageParseResult | undefined;
  if (withLsp) {
    say(`language server: ${options.edits} flushed and ${options.debounced} debounced edits`);
    const root = files.roots.find((r) => editPage.root === r) ?? files.roots[0];
    const profileFile = profileDir
      ? path.join(profileDir, `server-${project.label.replace(/\W+/g, '_')}.cpuprofile`)
      : undefined;
    lsp = await measureLsp(root, [editPage.script!, editPage.wxml!], {
      edits: options.edits,
      debouncedEdits: options.debounced,
      profileFile,
    });
    say('the floor of an edit: re-parsing the edited file alone');
    pageParse = (
      await runChild<PageParseResult>('page-parse', [String(options.edits), editPage.script!, editPage.wxml!])
    ).result;
  }
  const bytes = files.parsed.reduce((n, f) => n + fs.statSync(f.file).size, 0);
  const engineFiles = {
    roots: files.roots,
    lintExit: files.lintExit,
    parsed: files.parsed.length,
    rulesParsed: files.parsed.filter((f) => f.rules).length,
  };
  return {
    project,
    engineFiles,
    bytes,
    editPage,
    floor: floors.sort((a, b) => a.parseMs - b.parseMs)[0],
    floorProcessMs,
    lintMs,
    lintRssMB,
    eslint,
    lsp,
    pageParse,
  };
}

/** Where the time goes: the server's CPU profile of the largest generated project's edits, the phases of one re-analysis, a cold lint. */
async function profiles(results: ProjectResult[], profileDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const r of results) {
    const file = r.lsp?.profile;
    if (file)
      out.push(
        formatProfile(
          `CPU profile of the language server during ${r.lsp!.serverRunMs.length} flushed edits, ${r.project.label}`,
          summarizeProfile(file),
        ),
      );
  }
  const largest = [...results]
    .filter((r) => r.project.scale !== null && !r.project.form)
    .sort((a, b) => b.project.scale! - a.project.scale!)
    .at(0);
  if (largest) {
    const page = largest.editPage;
    const { result } = await runChild<BreakdownResult>('breakdown', [largest.project.dir, page.script!, page.wxml!]);
    out.push(formatBreakdown(largest.project.label, result));
  }
  const lintProject = results.find((r) => r.project.scale === null) ?? results.at(0);
  if (lintProject) {
    const cliDir = path.join(profileDir, 'cli');
    await runTimed(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-interval',
        '250',
        '--cpu-prof-dir',
        cliDir,
        CLI_BIN,
        'lint',
        lintProject.project.dir,
        '--format',
        'json',
      ],
      { stdoutFile: '/dev/null', measureRss: false },
    );
    const cli = newestProfile(cliDir);
    if (cli)
      out.push(formatProfile(`CPU profile: cold CLI lint of ${lintProject.project.label}`, summarizeProfile(cli)));
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const [, mode, ...rest] = argv;
    let result: unknown;
    if (mode === 'engine-files') result = childEngineFiles(rest[0], rest[1]);
    else if (mode === 'parse-floor') result = childParseFloor(rest[0]);
    else if (mode === 'eslint') result = await childEslint(rest[0], rest[1]);
    else if (mode === 'breakdown') result = childBreakdown(rest[0], rest.slice(1));
    else if (mode === 'page-parse') result = childPageParse(rest.slice(1), Number(rest[0]));
    else throw new Error(`unknown child mode ${mode}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  const options = parseOptions(argv);
  const version = await runTimed(process.execPath, [CLI_BIN, '--version'], { measureRss: false });
  if (version.status !== 0) throw new Error(`the CLI does not run; build first (npm run build):\n${version.stderr}`);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}, load ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`;
  log(`[bench] ${machine}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-bench-'));
  const profileDir = options.profile ? path.join(scratch, 'profiles') : undefined;
  if (profileDir) fs.mkdirSync(profileDir);
  const base = options.out ? path.resolve(options.out) : path.join(scratch, 'projects');
  const results: ProjectResult[] = [];
  try {
    if (options.dir) {
      results.push(
        await measureProject(
          { label: path.basename(options.dir), dir: options.dir, scale: null },
          options,
          scratch,
          true,
          profileDir,
        ),
      );
    } else {
      const largestScale = Math.max(...options.lspSizes.filter((s) => options.sizes.includes(s)));
      for (const scale of options.sizes) {
        const project = generated(base, scale, options.seed, log);
        const withLsp = options.lspSizes.includes(scale);
        results.push(
          await measureProject(project, options, scratch, withLsp, scale === largestScale ? profileDir : undefined),
        );
      }
      const corpus = options.real ? corpusDir() : undefined;
      const real = corpus && largestNativeEntry(corpus);
      if (real) results.push(await measureProject(real, options, scratch, true, undefined));
      else
        log(
          `[bench] ${options.real ? 'no development corpus found (../corpus or MP_PRIVACY_CORPUS)' : 'no real project (--no-real)'}: cold lint ratios are those of the 1x project`,
        );
      // The same 1x project in uni-app form: its cold lint and edits as ratios to the native project's.
      if (options.sizes.includes(1) && options.uniApp) {
        const uni = generatedUniApp(base, options.seed, log);
        results.push(await measureProject(uni, options, scratch, options.lspSizes.includes(1), undefined));
      }
    }
    log('[bench] start-up');
    const startup = await measureStartup(Math.max(5, options.runs * 3));
    const extra = [`Machine: ${machine}`];
    if (profileDir) extra.push(...(await profiles(results, profileDir)));
    process.stdout.write(formatReport(results, startup, extra));
    const notReparsed = results.filter((r) => r.lsp && r.lsp.editsNotReparsed > 0);
    if (notReparsed.length)
      throw new Error(
        `edits that did not re-parse the edited file in ${notReparsed.map((r) => r.project.label).join(', ')}: the edit figures measure a cache hit`,
      );
  } finally {
    if (!options.keep) fs.rmSync(scratch, { recursive: true, force: true });
    else log(`[bench] kept ${scratch}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
