/**
 * `npm run test:e2e` (after `npm run package`): installs what the editors need, then proves the packaged
 * extension and the bundled language server in real editors:
 *   1. VS Code's extension host in code-server + headless Chromium, the packaged VSIX, English UI flow
 *   2. the same in the zh-cn display language, with the folder untrusted (Restricted Mode)
 *   3. the extension-host API suite against the unpacked DevTools folder, in code-server
 *   4. the same suite in VS Code desktop via @vscode/test-electron (only with MP_PRIVACY_VSCODE_EXECUTABLE)
 *   5. Neovim's built-in LSP client with the bundled server
 * Prints a verdict per scenario and `N passed, N failed, N skipped`; exits 1 if any failed.
 * Options: --only=ui-en,ui-zh,host,desktop,nvim
 */
import * as fs from 'fs';
import * as path from 'path';
import { hostSuiteInCodeServer, hostSuiteInVsCodeDesktop } from './scenarios/host-suite';
import { codeServerUiChinese, codeServerUiEnglish } from './scenarios/code-server-ui';
import { neovimLsp } from './scenarios/neovim';
import { codeServerFrameworks } from './scenarios/frameworks';
import { artifactsDir, devtoolsFolder, e2eFixtures, logsDir, screenshotsDir, scratch, vsixPath } from './paths';
import { installExitHooks, run } from './processes';
import { printSummary, runScenario, ScenarioResult } from './report';
import { APT_NEEDS, CODE_SERVER_VERSION, ensureAptPackages, ensureCodeServer } from './setup';

const log = (line: string): void => void process.stdout.write(`  ${line}\n`);

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** The test-only zh-cn language pack, packaged to a VSIX like any extension. */
async function packageLanguagePack(): Promise<string> {
  const dir = path.join(scratch('zh-pack'), 'zh-cn-language-pack');
  fs.cpSync(path.join(e2eFixtures, 'zh-cn-language-pack'), dir, { recursive: true });
  const out = path.join(path.dirname(dir), 'zh-cn-language-pack.vsix');
  const result = await run(
    process.execPath,
    [
      require.resolve('@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--out',
      out,
    ],
    {
      cwd: dir,
      timeoutMs: 60_000,
      logFile: path.join(logsDir, 'setup.log'),
    },
  );
  if (result.code !== 0) throw new Error(`could not package the language pack stub: ${result.output.slice(-500)}`);
  return out;
}

async function main(): Promise<number> {
  installExitHooks();
  const started = Date.now();
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const wanted = (key: string): boolean => !only || only.includes(key);
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(logsDir, { recursive: true });

  process.stdout.write('mp-privacy end-to-end tests\n\npackaged artefacts (npm run package)\n');
  if (!fs.existsSync(vsixPath) || !fs.existsSync(devtoolsFolder)) {
    process.stdout.write(
      `  missing ${fs.existsSync(vsixPath) ? devtoolsFolder : vsixPath}: run npm run package first\n0 passed, 1 failed\n`,
    );
    return 1;
  }
  log(`VSIX            ${path.relative(process.cwd(), vsixPath)}  ${mb(fs.statSync(vsixPath).size)}`);
  log(`DevTools folder ${path.relative(process.cwd(), devtoolsFolder)}  ${mb(folderSize(devtoolsFolder))}`);

  process.stdout.write('\nsetup\n');
  const setupStarted = Date.now();
  const aptProblems = await ensureAptPackages(APT_NEEDS, log);
  for (const problem of aptProblems) log(`problem: ${problem}`);
  let codeServerBin: string | undefined;
  let codeServerError: string | undefined;
  let languagePackVsix: string | undefined;
  if (wanted('ui-en') || wanted('ui-zh') || wanted('host') || wanted('frameworks')) {
    try {
      codeServerBin = await ensureCodeServer(log);
      languagePackVsix = await packageLanguagePack();
    } catch (error) {
      codeServerError = (error as Error).message;
      log(`problem: ${codeServerError}`);
    }
  }
  log(`setup took ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

  const needCodeServer = (): string => {
    if (!codeServerBin) throw new Error(`code-server is not available: ${codeServerError ?? aptProblems.join('; ')}`);
    return codeServerBin;
  };
  const host = `code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3 extension host) + headless Chromium`;
  const results: ScenarioResult[] = [];
  if (wanted('ui-en'))
    results.push(
      await runScenario(
        `${host}: packaged VSIX, squiggle, Problems, hover, light-bulb fix, crash message (en)`,
        (ctx) => codeServerUiEnglish(ctx, { codeServerBin: needCodeServer() }),
        5 * 60_000,
      ),
    );
  if (wanted('ui-zh'))
    results.push(
      await runScenario(
        `${host}: zh-cn display language in Restricted Mode: hover, quick fix, command titles`,
        (ctx) => codeServerUiChinese(ctx, { codeServerBin: needCodeServer(), languagePackVsix }),
        4 * 60_000,
      ),
    );
  if (wanted('frameworks'))
    results.push(
      await runScenario(
        `${host}: uni-app and Taro projects: activation on pages.json / app.config.ts, squiggle and hover in .vue / .tsx`,
        (ctx) => codeServerFrameworks(ctx, needCodeServer()),
        5 * 60_000,
      ),
    );
  if (wanted('host'))
    results.push(
      await runScenario(
        'extension-host API suite in code-server, extension loaded from the unpacked DevTools folder',
        (ctx) => hostSuiteInCodeServer(ctx, needCodeServer()),
        4 * 60_000,
      ),
    );
  if (wanted('desktop'))
    results.push(
      await runScenario(
        'extension-host API suite in VS Code desktop (@vscode/test-electron)',
        (ctx) => hostSuiteInVsCodeDesktop(ctx),
        5 * 60_000,
      ),
    );
  if (wanted('nvim'))
    results.push(
      await runScenario(
        'Neovim built-in LSP client + the bundled server from the package (--stdio)',
        (ctx) => neovimLsp(ctx),
        2 * 60_000,
      ),
    );

  const screenshots = fs.existsSync(screenshotsDir) ? fs.readdirSync(screenshotsDir).sort() : [];
  process.stdout.write(
    `\nscreenshots (${screenshots.length}) in ${path.relative(process.cwd(), screenshotsDir)}/: ${screenshots.join(', ')}\n`,
  );
  process.stdout.write(
    `logs in ${path.relative(process.cwd(), logsDir)}/\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  printSummary(results);
  return results.some((r) => r.verdict === 'fail') ? 1 : 0;
}

// `npm test` runs every compiled file under out/test (node --test sets NODE_TEST_CONTEXT): not this one.
if (require.main === module && !process.env.NODE_TEST_CONTEXT) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stdout.write(`mp-privacy e2e: ${(error as Error).stack ?? error}\n0 passed, 1 failed\n`);
      process.exit(1);
    },
  );
}
