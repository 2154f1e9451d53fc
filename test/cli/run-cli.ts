import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cliBin, fixture, repoRoot } from '../helpers/paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as users do (`node server/bin/mp-privacy.js ...`) with an English, non-debug environment. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...options.env };
  delete env.MP_PRIVACY_DEBUG;
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cliFixture(name: string): string {
  return fixture('cli', name);
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-cli-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a CLI fixture into `target` so a test may change it. */
export function copyFixture(name: string, target: string): string {
  fs.cpSync(cliFixture(name), target, { recursive: true });
  return target;
}

/** Node prints stack frames as "    at fn (file:line:col)"; none may reach users for bad input. */
export function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at .*(:\d+:\d+\)?|\(native\)|node:internal)/m, `stack trace on stderr:\n${stderr}`);
  assert.doesNotMatch(stderr, /internal error/i, `internal error on stderr:\n${stderr}`);
}

/** The 1-based line of the first occurrence of `needle` in a file. */
export function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const index = lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} not found in ${file}`);
  return index + 1;
}
