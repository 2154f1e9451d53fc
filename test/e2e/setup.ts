/**
 * Installs what the end-to-end tests need on a fresh Debian/Ubuntu machine, and nothing twice:
 * - apt: chromium (driven by playwright-core), ripgrep (code-server needs it), neovim, libkrb5-dev (a native
 *   module of code-server builds against it), a CJK font for the zh-cn screenshots. `apt-get update` runs once, only when something is missing.
 * - code-server 4.100.3 from npm into the cache folder (4.100.x is the last line that runs on Node 20).
 *   Its postinstall downloads ripgrep from GitHub and builds node-pty with node-gyp, which would fetch Node
 *   headers; so @vscode/ripgrep's download cache is seeded with Debian's rg, and node-gyp uses /usr's
 *   headers without prompting (../shared/notes/editor-testing.md has the recipe and why).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run, which } from './processes';
import { cacheDir, logsDir } from './paths';

export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep version code-server 4.100.3 depends on, and the ripgrep release it downloads. */
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

export interface AptNeed {
  /** An executable (or absolute file) that shows the package is installed. */
  probe: string;
  pkg: string;
  /** Missing optional packages are reported, not fatal. */
  optional?: boolean;
}

export const APT_NEEDS: AptNeed[] = [
  { probe: 'chromium', pkg: 'chromium' },
  { probe: 'rg', pkg: 'ripgrep' },
  { probe: 'nvim', pkg: 'neovim' },
  // code-server's VS Code builds the `kerberos` native module, which needs the GSS-API headers.
  { probe: '/usr/include/gssapi/gssapi.h', pkg: 'libkrb5-dev' },
  { probe: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', pkg: 'fonts-wqy-microhei', optional: true },
];

function present(probe: string): boolean {
  return probe.startsWith('/') ? fs.existsSync(probe) : which(probe) !== undefined;
}

const setupLog = (): string => {
  fs.mkdirSync(logsDir, { recursive: true });
  return path.join(logsDir, 'setup.log');
};

/** Installs the missing apt packages; returns a list of problems (empty when everything is there). */
export async function ensureAptPackages(needs: AptNeed[], log: (line: string) => void): Promise<string[]> {
  const missing = needs.filter((need) => !present(need.probe));
  if (missing.length === 0) {
    log(`apt: ${needs.map((n) => n.pkg).join(', ')} already installed`);
    return [];
  }
  const names = missing.map((need) => need.pkg);
  if (!which('apt-get')) {
    return missing
      .filter((m) => !m.optional)
      .map((m) => `${m.pkg} is not installed and apt-get is not available; install it by hand`);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const exec = (args: string[], timeoutMs: number) =>
    sudo.length
      ? run(sudo[0], [...sudo.slice(1), ...args], { env, timeoutMs, logFile: setupLog() })
      : run(args[0], args.slice(1), { env, timeoutMs, logFile: setupLog() });
  log(`apt: installing ${names.join(', ')} (apt-get update first)`);
  const started = Date.now();
  const update = await exec(['apt-get', 'update'], 5 * 60_000);
  if (update.code !== 0)
    log(
      `apt-get update failed (exit ${update.code}${update.timedOut ? ', timed out' : ''}); trying the install anyway`,
    );
  // One package at a time, so that an unavailable optional package does not block the others.
  const problems: string[] = [];
  const required = missing.filter((m) => !m.optional);
  const install = await exec(
    ['apt-get', 'install', '-y', '--no-install-recommends', ...required.map((m) => m.pkg)],
    10 * 60_000,
  );
  if (install.code !== 0)
    problems.push(
      `apt-get install ${required.map((m) => m.pkg).join(' ')} failed (exit ${install.code}); see ${setupLog()}`,
    );
  for (const optional of missing.filter((m) => m.optional)) {
    const result = await exec(['apt-get', 'install', '-y', '--no-install-recommends', optional.pkg], 5 * 60_000);
    if (result.code !== 0)
      log(`apt: optional ${optional.pkg} could not be installed (screenshots may lack CJK glyphs)`);
  }
  log(`apt: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const need of required)
    if (!present(need.probe) && !problems.length) problems.push(`${need.pkg} is still missing after apt-get install`);
  return problems;
}

function ripgrepTarget(): string {
  const arch: Record<string, string> = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
  return arch[process.arch] ?? `${process.arch}-unknown-linux-musl`;
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before it downloads from GitHub. */
async function seedRipgrepCache(): Promise<void> {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is needed to install code-server offline');
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const tarball = path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${ripgrepTarget()}.tar.gz`);
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(cache, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const result = await run('tar', ['czf', tarball, '-C', stage, 'rg'], { timeoutMs: 60_000 });
  fs.rmSync(stage, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`could not seed the ripgrep cache: ${result.output}`);
}

export function codeServerBin(): string {
  return path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

/** Installs code-server into the cache folder unless a complete install is there; returns its binary. */
export async function ensureCodeServer(log: (line: string) => void): Promise<string> {
  const dir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const bin = codeServerBin();
  const marker = path.join(dir, '.install-complete');
  if (fs.existsSync(marker) && fs.existsSync(bin)) {
    const version = await run(bin, ['--version'], { timeoutMs: 60_000 });
    if (version.code === 0 && version.output.includes(CODE_SERVER_VERSION)) {
      log(`code-server ${CODE_SERVER_VERSION}: cached in ${dir}`);
      return bin;
    }
  }
  log(`code-server ${CODE_SERVER_VERSION}: installing from npm into ${dir}`);
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'mp-privacy-e2e-code-server', private: true }, null, 2),
  );
  await seedRipgrepCache();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // node-pty's postinstall runs `npx node-gyp`: answer its install prompt, and use the local Node headers.
    npm_config_yes: 'true',
    ...(fs.existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = await run(
    npm,
    ['install', `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--no-audit', '--no-fund'],
    {
      cwd: dir,
      env,
      timeoutMs: 10 * 60_000,
      logFile: setupLog(),
    },
  );
  if (install.code !== 0)
    throw new Error(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${install.code}${install.timedOut ? ', timed out' : ''}); see ${setupLog()}`,
    );
  const version = await run(bin, ['--version'], { timeoutMs: 60_000 });
  if (version.code !== 0)
    throw new Error(`code-server does not start after the install: ${version.output.slice(-500)}`);
  fs.writeFileSync(marker, `${new Date().toISOString()}\n${version.output}`);
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return bin;
}
