/**
 * One code-server instance for one scenario: its own user-data and extension folders, the extensions
 * installed the way a user installs them (`--install-extension <vsix>`), started with setsid (its own process
 * group) and stopped by group id. Its log goes to test-artifacts/e2e/logs/<name>-code-server.log.
 */
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { freePort, processTree, run, startServer, stopGroup, waitFor } from './processes';
import { logsDir } from './paths';

export interface CodeServerOptions {
  /** Names the log files. */
  name: string;
  bin: string;
  /** A scratch folder for user data, extensions and config. */
  home: string;
  /** VSIX files to install before starting. */
  vsixes: string[];
  /** User settings (settings.json). */
  settings: Record<string, unknown>;
  /** Display language: `--locale`; needs a language pack for anything but en (see languagePack). */
  locale?: string;
  /** Leave workspace trust on (default: off, as `--disable-workspace-trust`). */
  workspaceTrust?: boolean;
}

/** Settings that keep the workbench quiet and deterministic for screenshots and clicks. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  // Only mp-privacy's diagnostics in the JS files, so the squiggle and the Problems entry are ours.
  'javascript.validate.enable': false,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export class CodeServer {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    readonly extensionsDir: string,
    readonly userDataDir: string,
    readonly logFile: string,
  ) {}

  static async install(
    options: CodeServerOptions,
  ): Promise<{ extensionsDir: string; userDataDir: string; output: string }> {
    const extensionsDir = path.join(options.home, 'extensions');
    const userDataDir = path.join(options.home, 'user-data');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
    let output = '';
    for (const vsix of options.vsixes) {
      const result = await run(
        options.bin,
        ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
        {
          timeoutMs: 120_000,
          logFile: path.join(logsDir, `${options.name}-install.log`),
        },
      );
      output += result.output;
      if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
        throw new Error(
          `code-server --install-extension ${path.basename(vsix)} failed (exit ${result.code}): ${result.output.slice(-800)}`,
        );
      }
    }
    return { extensionsDir, userDataDir, output };
  }

  static async start(
    options: CodeServerOptions,
    dirs: { extensionsDir: string; userDataDir: string },
    workspace?: string,
  ): Promise<CodeServer> {
    const port = await freePort();
    const config = path.join(options.home, 'config.yaml');
    // --config keeps code-server from writing ~/.config/code-server/config.yaml.
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      '--config',
      config,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--extensions-dir',
      dirs.extensionsDir,
      '--user-data-dir',
      dirs.userDataDir,
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...(options.locale ? ['--locale', options.locale] : []),
      ...(workspace ? [workspace] : []),
    ];
    const logFile = path.join(logsDir, `${options.name}-code-server.log`);
    const child = startServer(options.bin, args, { logFile });
    const server = new CodeServer(options.name, port, child, dirs.extensionsDir, dirs.userDataDir, logFile);
    try {
      await waitFor(`code-server /healthz on port ${port}`, 60_000, () => server.healthy());
    } catch (error) {
      await server.stop();
      throw new Error(`${(error as Error).message}; log: ${tail(logFile)}`, { cause: error });
    }
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The workbench URL for `folder`, optionally with @vscode/test-web style `payload` entries. */
  url(folder: string, payload?: [string, string][]): string {
    const base = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
    return payload ? `${base}&payload=${encodeURIComponent(JSON.stringify(payload))}` : base;
  }

  /** A path on the code-server machine as the workbench addresses it in `payload`. */
  remoteUri(file: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${file}`;
  }

  private healthy(): Promise<boolean> {
    return new Promise((resolve) => {
      const request = http.get({ host: '127.0.0.1', port: this.port, path: '/healthz', timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      });
      request.on('error', () => resolve(false));
      request.on('timeout', () => {
        request.destroy();
        resolve(false);
      });
    });
  }

  /** The mp-privacy language server processes that this code-server's extension hosts started. */
  languageServerPids(): number[] {
    return processTree(this.pid)
      .filter((proc) => /dist\/extension\/server\.js/.test(proc.cmdline) && proc.cmdline.includes('--node-ipc'))
      .map((proc) => proc.pid);
  }

  async stop(): Promise<void> {
    if (this.child.pid !== undefined) await stopGroup(this.child.pid);
  }
}

export function tail(file: string, chars = 1500): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '(no log)';
  }
}

/**
 * Installs the test-only zh-cn language pack (test/fixtures/e2e/zh-cn-language-pack, packaged to a VSIX)
 * and registers it in languagepacks.json, which code-server reads to resolve `--locale zh-cn`. Without a
 * pack, code-server silently falls back to English (vscode.env.language stays "en").
 */
export function registerLanguagePack(userDataDir: string, extensionsDir: string, locale: string): void {
  const installed = fs
    .readdirSync(extensionsDir)
    .find((name) => name.startsWith('mp-privacy-e2e.e2e-zh-cn-language-pack-'));
  if (!installed) throw new Error('the zh-cn language pack stub is not installed');
  const translations = path.join(extensionsDir, installed, 'translations', 'main.i18n.json');
  const entry = {
    hash: `e2e-${fs.statSync(translations).mtimeMs.toFixed(0)}`,
    extensions: [{ extensionIdentifier: { id: 'mp-privacy-e2e.e2e-zh-cn-language-pack' }, version: '0.0.1' }],
    translations: { vscode: translations },
    label: '中文(简体)',
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }, null, 2));
}
