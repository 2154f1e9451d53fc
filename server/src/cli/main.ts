import * as fs from 'fs';
import * as v8 from 'v8';
import * as path from 'path';
import { CachingFileSystemHost, ProjectAnalyzer, createNodeFileSystemHost, findMiniProgramRoots, findRootForFile, formatInventory, type FileSystemHost } from '../engine/index';
import { HELP_TEXT, localeFromEnvironment, parseArgs, type InventoryOptions, type LintOptions } from './args';
import { applyAutomaticFixes } from './fix';
import { writeStarterConfig } from './init';
import { formatters } from './format/index';
import { analyseDirectory, errorMessage } from './lint';
import { packageInfo } from './package-info';
import { buildReport, describeFailure, type LintReport } from './report';

export const EXIT_OK = 0;
export const EXIT_ERROR_FINDINGS = 1;
/** Usage errors and runs that could not be completed (see HELP_TEXT). */
export const EXIT_USAGE_OR_FAILURE = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Runs one command and returns the exit code; never throws for bad input or engine failures. */
export function run(argv: readonly string[], io: CliIo): number {
  const debug = Boolean(io.env.MP_PRIVACY_DEBUG);
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(HELP_TEXT);
        return EXIT_OK;
      case 'version':
        io.stdout(`${packageInfo().version}\n`);
        return EXIT_OK;
      case 'usage-error':
        io.stderr(`mp-privacy: ${command.message}\nRun "mp-privacy --help" for usage.\n`);
        return EXIT_USAGE_OR_FAILURE;
      case 'lint':
        return lint(command.options, io, debug);
      case 'inventory':
        return inventory(command.options, io);
      case 'init': {
        const dir = path.resolve(io.cwd, command.options.dir);
        if (createNodeFileSystemHost().stat(dir) !== 'directory') {
          io.stderr(`mp-privacy: directory not found: ${command.options.dir}\n`);
          return EXIT_USAGE_OR_FAILURE;
        }
        const result = writeStarterConfig(dir, command.options.force);
        if (result.error) {
          io.stderr(`mp-privacy: ${result.error}\n`);
          return EXIT_USAGE_OR_FAILURE;
        }
        io.stdout(`Wrote ${path.relative(io.cwd, result.file) || result.file}\n`);
        return EXIT_OK;
      }
    }
  } catch (error) {
    // A bug in the CLI or the engine outside a single root: still no stack trace unless asked for.
    io.stderr(`mp-privacy: internal error: ${errorMessage(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
}

/** The mini programs under the command's dir, or an exit code after saying why there are none. */
function rootsOf(dirOption: string, io: CliIo): { host: FileSystemHost; baseDir: string; roots: string[] } | number {
  const host = createNodeFileSystemHost();
  const baseDir = path.resolve(io.cwd, dirOption);
  const kind = host.stat(baseDir);
  if (kind !== 'directory') {
    const problem = kind === undefined ? 'directory not found' : 'not a directory';
    io.stderr(`mp-privacy: ${problem}: ${dirOption}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
  const roots = findMiniProgramRoots(host, baseDir);
  if (roots.length === 0) {
    // Linting a subfolder (e.g. pages/) of a mini program is a common slip: point at the enclosing root.
    const enclosing = findRootForFile(host, path.join(baseDir, 'app.json'));
    const hint = enclosing
      ? `; it is inside the mini program at ${path.relative(io.cwd, enclosing) || '.'}, lint that folder instead`
      : ' (looked for an app.json with a "pages" array)';
    io.stderr(`mp-privacy: no mini program found under ${dirOption}${hint}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
  return { host, baseDir, roots };
}

function writeOutput(output: string, target: string | undefined, io: CliIo): boolean {
  if (!target) {
    io.stdout(output);
    return true;
  }
  try {
    const file = path.resolve(io.cwd, target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, output);
    return true;
  } catch (error) {
    io.stderr(`mp-privacy: cannot write report to ${target}: ${errorMessage(error)}\n`);
    return false;
  }
}

function inventory(options: InventoryOptions, io: CliIo): number {
  const found = rootsOf(options.dir, io);
  if (typeof found === 'number') return found;
  const analyzer = new ProjectAnalyzer(found.host);
  const report = { baseDir: found.baseDir, inventories: found.roots.map((root) => analyzer.inventory(root)), read: (file: string) => found.host.readFile(file) };
  const locale = options.locale ?? localeFromEnvironment(io.env);
  return writeOutput(formatInventory(report, options.format, locale), options.output, io) ? EXIT_OK : EXIT_USAGE_OR_FAILURE;
}

function lint(options: LintOptions, io: CliIo, debug: boolean): number {
  const found = rootsOf(options.dir, io);
  if (typeof found === 'number') return found;
  const { host, baseDir } = found;
  if (options.fix) {
    for (const root of found.roots) {
      const outcome = applyAutomaticFixes(host, root);
      for (const applied of outcome.applied) io.stderr(`mp-privacy: fixed ${applied.ruleId} in ${applied.file}: ${applied.title}\n`);
      for (const skipped of outcome.skipped) io.stderr(`mp-privacy: did not fix ${skipped.ruleId} in ${skipped.file}: ${skipped.reason}\n`);
    }
  }

  // One consistent snapshot of the files, each read once (fixes, if any, are written already).
  const snapshot = new CachingFileSystemHost(host);
  const outcomes = analyseDirectory(snapshot, baseDir);
  for (const outcome of outcomes) {
    if ('error' in outcome && debug && outcome.stack) io.stderr(`${outcome.stack}\n`);
  }

  const report = buildReport(packageInfo(), baseDir, outcomes, (file) => snapshot.readFile(file));
  for (const failure of report.failures) io.stderr(`mp-privacy: ${describeFailure(failure)}\n`);

  const locale = options.locale ?? localeFromEnvironment(io.env);
  const output = formatters[options.format](report, locale);
  if (!writeOutput(output, options.output, io)) return EXIT_USAGE_OR_FAILURE;
  return exitCode(report);
}

export function exitCode(report: LintReport): number {
  if (report.failures.length > 0) return EXIT_USAGE_OR_FAILURE;
  return report.findings.some((finding) => finding.severity === 'error') ? EXIT_ERROR_FINDINGS : EXIT_OK;
}

/** Process entry point used by server/bin/mp-privacy.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  // The whole project stays live until the report is written; V8's default lets old space grow to twice that
  // first. Growing by 30% at most: peak RSS on the 500-page benchmark project ~200 MB instead of ~240, same
  // time (bench/bench.ts). Read at each collection, so setting it before the analysis applies to all of it.
  v8.setFlagsFromString('--heap-growing-percent=30');
  // A closed pipe (`mp-privacy lint | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // exitCode rather than exit(): lets large reports finish flushing to a pipe.
  process.exitCode = run(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  });
}

if (require.main === module) main();
