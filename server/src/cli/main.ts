import * as fs from 'fs';
import * as path from 'path';
import { createNodeFileSystemHost, findRootForFile } from '../engine/index';
import { HELP_TEXT, localeFromEnvironment, parseArgs, type LintOptions } from './args';
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
    }
  } catch (error) {
    // A bug in the CLI or the engine outside a single root: still no stack trace unless asked for.
    io.stderr(`mp-privacy: internal error: ${errorMessage(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
}

function lint(options: LintOptions, io: CliIo, debug: boolean): number {
  const host = createNodeFileSystemHost();
  const baseDir = path.resolve(io.cwd, options.dir);
  const kind = host.stat(baseDir);
  if (kind !== 'directory') {
    const problem = kind === undefined ? 'directory not found' : 'not a directory';
    io.stderr(`mp-privacy: ${problem}: ${options.dir}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }

  const outcomes = analyseDirectory(host, baseDir);
  if (outcomes.length === 0) {
    // Linting a subfolder (e.g. pages/) of a mini program is a common slip: point at the enclosing root.
    const enclosing = findRootForFile(host, path.join(baseDir, 'app.json'));
    const hint = enclosing
      ? `; it is inside the mini program at ${path.relative(io.cwd, enclosing) || '.'}, lint that folder instead`
      : ' (looked for an app.json with a "pages" array)';
    io.stderr(`mp-privacy: no mini program found under ${options.dir}${hint}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
  for (const outcome of outcomes) {
    if ('error' in outcome && debug && outcome.stack) io.stderr(`${outcome.stack}\n`);
  }

  const report = buildReport(packageInfo(), baseDir, outcomes, (file) => host.readFile(file));
  for (const failure of report.failures) io.stderr(`mp-privacy: ${describeFailure(failure)}\n`);

  const locale = options.locale ?? localeFromEnvironment(io.env);
  const output = formatters[options.format](report, locale);
  if (options.output) {
    const target = path.resolve(io.cwd, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, output);
    } catch (error) {
      io.stderr(`mp-privacy: cannot write report to ${options.output}: ${errorMessage(error)}\n`);
      return EXIT_USAGE_OR_FAILURE;
    }
  } else {
    io.stdout(output);
  }
  return exitCode(report);
}

export function exitCode(report: LintReport): number {
  if (report.failures.length > 0) return EXIT_USAGE_OR_FAILURE;
  return report.findings.some((finding) => finding.severity === 'error') ? EXIT_ERROR_FINDINGS : EXIT_OK;
}

/** Process entry point used by server/bin/mp-privacy.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
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
