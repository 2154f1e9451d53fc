import * as v8 from 'v8';
import { HELP_TEXT, parseArgs } from './args';
import type { CliIo } from './commands';
import { EXIT_OK, EXIT_USAGE_OR_FAILURE, errorMessage } from './exit';
import { packageInfo } from './package-info';

export { EXIT_ERROR_FINDINGS, EXIT_OK, EXIT_USAGE_OR_FAILURE } from './exit';
export type { CliIo } from './commands';

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
      default: {
        // Loaded here, not at the top: the engine and the TypeScript compiler are 9 MB of JavaScript to compile.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const commands = require('./commands') as typeof import('./commands');
        return commands.runCommand(command, io, debug);
      }
    }
  } catch (error) {
    // A bug in the CLI or the engine outside a single root: still no stack trace unless asked for.
    io.stderr(`mp-privacy: internal error: ${errorMessage(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }
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
