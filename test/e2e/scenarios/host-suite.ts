/**
 * The extension-host API suite (test/e2e/host-suite) against the unpacked DevTools folder, in two hosts:
 * code-server (always: it is installed by the run) and VS Code desktop through @vscode/test-electron (only
 * when MP_PRIVACY_VSCODE_EXECUTABLE names a VS Code executable; these machines cannot download one).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CodeServer, QUIET_SETTINGS } from '../code-server';
import { FIXTURE } from '../expectations';
import type { HostSuiteResult } from '../host-suite';
import { copyFixture, devtoolsFolder, logsDir, repoRoot, scratch } from '../paths';
import { waitFor } from '../processes';
import type { ScenarioContext } from '../report';
import { inWorkbench } from '../workbench';

const RESULT_FILE = 'host-suite-result.json';
const suiteEntry = path.join(repoRoot, 'out', 'test', 'e2e', 'host-suite', 'index.js');
export const VSCODE_ENV = 'MP_PRIVACY_VSCODE_EXECUTABLE';

function report(ctx: ScenarioContext, result: HostSuiteResult): void {
  for (const test of result.tests)
    ctx.note(`${test.ok ? 'ok  ' : 'FAIL'}  ${test.name} (${test.ms} ms)${test.error ? `: ${test.error}` : ''}`);
  ctx.note(
    `VS Code API ${result.vscodeVersion}, display language ${result.language}, extension from ${result.extensionPath}`,
  );
  if (result.activationMs !== undefined) ctx.note(`extension.activate() resolved after ${result.activationMs} ms`);
  if (!result.ok)
    throw new Error(
      `${result.tests.filter((t) => !t.ok).length} of ${result.tests.length} extension-host tests failed`,
    );
  if (path.resolve(result.extensionPath ?? '') !== path.resolve(devtoolsFolder))
    throw new Error(`the extension was loaded from ${result.extensionPath}, not the DevTools folder`);
}

export async function hostSuiteInCodeServer(ctx: ScenarioContext, codeServerBin: string): Promise<void> {
  const home = scratch('cs-host');
  const workspace = copyFixture(FIXTURE, home);
  const resultFile = path.join(home, RESULT_FILE);
  // Nothing installed: the extension comes from the DevTools folder as a development extension.
  const options = { name: 'host-suite', bin: codeServerBin, home, vsixes: [], settings: QUIET_SETTINGS };
  const dirs = await CodeServer.install(options);
  const server = await ctx.step('start code-server', () => CodeServer.start(options, dirs, workspace), 90_000);
  const url = server.url(workspace, [
    ['extensionDevelopmentPath', server.remoteUri(devtoolsFolder)],
    ['extensionTestsPath', server.remoteUri(suiteEntry)],
  ]);
  const label = 'open the workbench with the DevTools folder as the extension under test';
  await inWorkbench(ctx, server, { url, label, name: 'host-suite' }, async () => {
    const result = await ctx.step(
      'run the suite inside the extension host',
      async () => {
        await waitFor(`${RESULT_FILE}`, 150_000, () => fs.existsSync(resultFile), 500);
        return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HostSuiteResult;
      },
      160_000,
    );
    report(ctx, result);
  });
}

/** @vscode/test-electron: VS Code desktop, when one is available. Returns 'skip' otherwise. */
export async function hostSuiteInVsCodeDesktop(ctx: ScenarioContext): Promise<void | 'skip'> {
  const executable = process.env[VSCODE_ENV];
  if (!executable) {
    ctx.note(
      `SKIPPED: set ${VSCODE_ENV}=/path/to/code to run the same suite in VS Code desktop with @vscode/test-electron`,
    );
    ctx.note(
      '(it is not downloaded: these machines reach only the npm registry and Debian; on Linux it needs a display, e.g. xvfb-run)',
    );
    return 'skip';
  }
  if (!fs.existsSync(executable)) throw new Error(`${VSCODE_ENV}=${executable} does not exist`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runTests } = require('@vscode/test-electron') as typeof import('@vscode/test-electron');
  const home = scratch('vscode-desktop');
  const workspace = copyFixture(FIXTURE, home);
  const resultFile = path.join(home, RESULT_FILE);
  const userData = path.join(home, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const exitCode = await ctx.step(
    'run the suite in VS Code desktop (@vscode/test-electron)',
    () =>
      runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: devtoolsFolder,
        extensionTestsPath: suiteEntry,
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          `--user-data-dir=${userData}`,
          `--extensions-dir=${path.join(home, 'extensions')}`,
        ],
        extensionTestsEnv: { MP_PRIVACY_E2E_LOG: path.join(logsDir, 'vscode-desktop.log') },
      }),
    240_000,
  );
  if (!fs.existsSync(resultFile)) throw new Error(`VS Code exited with ${exitCode} and wrote no result`);
  report(ctx, JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HostSuiteResult);
}
