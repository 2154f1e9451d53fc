/**
 * A temporary root for the file-system safety tests: `work/` is what the CLI or the server is given, `outside/` a
 * sibling folder (another mini program, a secret file) that nothing may read into a report or change. Every test
 * ends with `assertOutsideUnchanged()`, which compares a snapshot of `outside/` (content, mode, link targets).
 */
import * as assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture } from '../helpers/paths';

export interface Sandbox {
  parent: string;
  /** The folder under test. */
  work: string;
  /** A sibling of `work` holding a mini program (`outside/other`) and `outside/secret.txt`. */
  outside: string;
  /** After a test has planted files in `outside/`: they are the state to keep. */
  outsideIsSetUp(): void;
  assertOutsideUnchanged(): void;
  cleanup(): void;
}

/** Each entry of a folder, not following links: content hash and mode of files, targets of links. */
export function snapshotTree(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (current: string): void => {
    for (const name of fs.readdirSync(current).sort()) {
      const full = path.join(current, name);
      const stats = fs.lstatSync(full);
      const key = path.relative(dir, full);
      const mode = (stats.mode & 0o7777).toString(8);
      if (stats.isSymbolicLink()) entries.set(key, `link ${fs.readlinkSync(full)}`);
      else if (stats.isDirectory()) {
        entries.set(key, `dir ${mode}`);
        visit(full);
      } else entries.set(key, `file ${mode} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    }
  };
  visit(dir);
  return entries;
}

export function makeSandbox(): Sandbox {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-fs-safety-'));
  const work = path.join(parent, 'work');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(work);
  fs.mkdirSync(outside);
  fs.cpSync(fixture('cli', 'clean'), path.join(outside, 'other'), { recursive: true });
  // Something a fix would change if it reached here.
  addObsoleteKey(path.join(outside, 'other', 'app.json'));
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'not for linting\n');
  let before = snapshotTree(outside);
  return {
    parent,
    work,
    outside,
    outsideIsSetUp: () => void (before = snapshotTree(outside)),
    assertOutsideUnchanged: () =>
      assert.deepEqual(snapshotTree(outside), before, 'the folder next to the one under test changed'),
    cleanup: () => {
      makeWritable(parent);
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** A test may leave read-only or unreadable folders behind: open them again so they can be removed. */
function makeWritable(dir: string): void {
  try {
    fs.chmodSync(dir, 0o755);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
  } catch {
    // Already gone, or not ours: rmSync reports what really cannot be removed.
  }
}

/** Copies test/fixtures/cli/<name> to `target`. */
export function copyCliFixture(name: string, target: string): string {
  fs.cpSync(fixture('cli', name), target, { recursive: true });
  return target;
}

/** Adds the obsolete `__usePrivacyCheck__` key to an app.json: `lint --fix` removes it (an automatic fix). */
export function addObsoleteKey(appJson: string): void {
  fs.writeFileSync(
    appJson,
    JSON.stringify({ ...JSON.parse(fs.readFileSync(appJson, 'utf8')), __usePrivacyCheck__: true }, null, 2) + '\n',
  );
}

/**
 * A fresh sandbox for each test of the enclosing describe(); after each, `outside/` must be as it was (checked
 * before the sandbox is removed). Returns the current sandbox.
 */
export function useSandbox(): () => Sandbox {
  let box: Sandbox | undefined;
  beforeEach(() => {
    box = makeSandbox();
  });
  afterEach(() => {
    try {
      box!.assertOutsideUnchanged();
    } finally {
      box!.cleanup();
    }
  });
  return () => box!;
}
