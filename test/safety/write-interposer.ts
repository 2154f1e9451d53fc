/**
 * Preloaded into the CLI (`NODE_OPTIONS=--require write-interposer.js`) to play the attacker or the user at the
 * worst moment of a write: when the CLI first opens one of its temporary files (a name ending in `.tmp` with
 * `mp-privacy` in it), before the open happens.
 *   MP_PRIVACY_TEST_PLANT_LINK=<file>   a symbolic link to <file> is planted under that very name;
 *   MP_PRIVACY_TEST_EDIT=<file>         "<!-- edited -->" is appended to <file> (a save in the editor);
 *   MP_PRIVACY_TEST_OPENED=<file>       the temporary names tried are appended there, one a line;
 *   MP_PRIVACY_TEST_KILL_AT=<k>         the process kills itself (SIGKILL) as it opens its k-th temporary file;
 *   MP_PRIVACY_TEST_KILL_AFTER_RENAME=<k>  ... right after it renamed its k-th temporary file over a target.
 * The first two act once per process. Test code only: nothing of this is in the product.
 */
import type { PathLike, PathOrFileDescriptor } from 'fs';
import * as path from 'path';
// The module object itself (not an import namespace, whose properties are read-only): what the CLI calls into.
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const fs = require('fs') as typeof import('fs');

const plantLink = process.env.MP_PRIVACY_TEST_PLANT_LINK;
const edit = process.env.MP_PRIVACY_TEST_EDIT;
const openedLog = process.env.MP_PRIVACY_TEST_OPENED;
const killAt = Number(process.env.MP_PRIVACY_TEST_KILL_AT ?? 0);
const killAfterRename = Number(process.env.MP_PRIVACY_TEST_KILL_AFTER_RENAME ?? 0);
let renamed = 0;
let acted = false;
let opened = 0;

function beforeOpen(target: unknown): void {
  if (typeof target !== 'string' || !/mp-privacy.*\.tmp$/.test(path.basename(target))) return;
  if (openedLog) fs.appendFileSync(openedLog, `${target}\n`);
  if (++opened === killAt) process.kill(process.pid, 'SIGKILL');
  if (acted) return;
  acted = true;
  if (plantLink && !fs.existsSync(target)) fs.symlinkSync(plantLink, target);
  if (edit) fs.appendFileSync(edit, '<!-- edited -->\n');
}

const originalOpenSync = fs.openSync;
const originalWriteFileSync = fs.writeFileSync;
(fs as { openSync: typeof fs.openSync }).openSync = function openSync(
  this: unknown,
  file: PathLike,
  ...rest: unknown[]
) {
  beforeOpen(file);
  return (originalOpenSync as (...args: unknown[]) => number).call(this, file, ...rest);
};
(fs as { writeFileSync: typeof fs.writeFileSync }).writeFileSync = function writeFileSync(
  this: unknown,
  file: PathOrFileDescriptor,
  ...rest: unknown[]
) {
  beforeOpen(file);
  return (originalWriteFileSync as (...args: unknown[]) => void).call(this, file, ...rest);
};

const originalRenameSync = fs.renameSync;
fs.renameSync = function renameSync(from: PathLike, to: PathLike) {
  originalRenameSync(from, to);
  // Renames of a temporary file over a project file; the journal's own commit is not counted.
  const journal = /^[0-9a-f]{16}-\d+-[0-9a-f]{16}\.json$/.test(path.basename(String(to)));
  if (/mp-privacy.*\.tmp$/.test(path.basename(String(from))) && !journal && ++renamed === killAfterRename)
    process.kill(process.pid, 'SIGKILL');
};
