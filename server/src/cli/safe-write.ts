import * as fs from 'fs';
import * as path from 'path';
import { decodeText, encodeText, type FileBoundary, type TextEncoding } from '../engine/index';
import { errorMessage } from './exit';
import { sha256, type Journal } from './journal';
import { TEMPORARY_FILE, processGone, temporaryName } from './temporary';

/**
 * Writes that cannot be turned against the user. Every write goes to a temporary file created exclusively (O_EXCL:
 * a planted file or link of the same name makes it fail, never redirects it) under an unpredictable name in the
 * target's own folder, then replaces the target by rename. A target that is a symbolic link, read-only, outside
 * the boundary or changed since it was read is not written. A set of files is written all or nothing: every
 * temporary file first, then every rename; on a failure, what was written is removed and renamed files restored.
 */

export interface PlannedWrite {
  /** The target as the engine names it. */
  file: string;
  content: string;
  /** The text `content` was computed from, as read; undefined for a file that did not exist. */
  original: string | undefined;
}

export type CommitResult = { ok: true; written: string[] } | { ok: false; file: string; reason: string };

interface Prepared extends PlannedWrite {
  /** Where it is written: the real folder (links resolved) and the name. */
  target: string;
  /** The bytes on disk when prepared; undefined for a new file. */
  before: Buffer | undefined;
  encoding: TextEncoding;
  bytes: Buffer;
  stats: fs.Stats | undefined;
  temporary?: string;
}

class Refused extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

export const LINK_REASON = 'it is a symbolic link; mp-privacy does not write through links';

export function isSymbolicLink(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    return false;
  }
}

/** Why `file` cannot be written at all, or undefined when it can (it may still change before the write). */
export function unwritableReason(boundary: FileBoundary, file: string): string | undefined {
  try {
    inspect(boundary, file);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.message;
    throw error;
  }
}

/** The target's real path and current state; throws Refused when it must not be written. */
function inspect(
  boundary: FileBoundary,
  file: string,
): { target: string; stats: fs.Stats | undefined; folder: string } {
  const located = boundary.locate(file);
  if (located?.link || isSymbolicLink(file)) throw new Refused(file, LINK_REASON);
  if (!located) throw new Refused(file, 'it is outside the folder being checked');
  if (located.kind !== 'file' && located.kind !== 'missing') throw new Refused(file, 'it is not a regular file');
  const folder = boundary.locate(path.dirname(file));
  if (located.kind === 'missing') {
    if (folder && folder.kind !== 'directory' && folder.kind !== 'missing')
      throw new Refused(file, 'its folder is not a directory');
    return { target: located.real, stats: undefined, folder: path.dirname(located.real) };
  }
  const stats = fs.lstatSync(located.real);
  // Root may write anything: the mode bits are what say the user wants the file left alone.
  if ((stats.mode & 0o222) === 0) throw new Refused(file, 'it is read-only');
  const directory = path.dirname(located.real);
  if (!accessible(located.real, fs.constants.W_OK)) throw new Refused(file, 'permission denied');
  if (!accessible(directory, fs.constants.W_OK))
    throw new Refused(file, `its folder is not writable (permission denied)`);
  return { target: located.real, stats, folder: directory };
}

function accessible(file: string, mode: number): boolean {
  try {
    fs.accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

function readBytes(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `bytes` to a new temporary file next to `target`; returns its path. */
function writeTemporary(folder: string, bytes: Buffer, stats: fs.Stats | undefined): string {
  for (let attempt = 0; ; attempt++) {
    const temporary = temporaryName(folder);
    let fd: number;
    try {
      // 0o600 until written; an existing target's mode is copied after. A new file gets the umask's default.
      fd = fs.openSync(
        temporary,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL,
        stats ? 0o600 : 0o666,
      );
    } catch (error) {
      // Someone planted this name: another unpredictable one, a few times.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 8) continue;
      throw error;
    }
    let written = false;
    try {
      for (let offset = 0; offset < bytes.length;) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      if (stats) {
        fs.fchmodSync(fd, stats.mode & 0o7777);
        if (process.getuid?.() === 0 && (stats.uid !== 0 || stats.gid !== 0)) fs.fchownSync(fd, stats.uid, stats.gid);
      }
      fs.fsyncSync(fd);
      written = true;
    } finally {
      fs.closeSync(fd);
      if (!written) fs.rmSync(temporary, { force: true });
    }
    return temporary;
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return errorMessage(error);
}

/** Writes every planned file, or none of them (see the module comment). */
export function commitWrites(boundary: FileBoundary, writes: readonly PlannedWrite[], journal?: Journal): CommitResult {
  const prepared: Prepared[] = [];
  const createdFolders: string[] = [];
  let current = '';
  const undo = (): void => {
    for (const entry of prepared) if (entry.temporary) fs.rmSync(entry.temporary, { force: true });
    for (const folder of createdFolders.reverse()) {
      try {
        fs.rmdirSync(folder);
      } catch {
        // Not empty after all (someone else wrote there): left alone.
      }
    }
  };
  try {
    for (const write of writes) {
      current = write.file;
      const { target, stats, folder } = inspect(boundary, write.file);
      const before = stats ? fs.readFileSync(target) : undefined;
      const decoded = before ? decodeText(before) : undefined;
      if (decoded?.text !== write.original)
        throw new Refused(
          write.file,
          write.original === undefined
            ? 'it was created since mp-privacy looked'
            : 'it changed on disk since mp-privacy read it',
        );
      if (!stats && !fs.existsSync(folder)) {
        const first = fs.mkdirSync(folder, { recursive: true });
        if (first) createdFolders.push(...foldersBetween(first, folder));
      }
      const encoding = decoded?.encoding ?? 'utf8';
      prepared.push({ ...write, target, before, stats, encoding, bytes: encodeText(write.content, encoding) });
    }
    for (const entry of prepared) {
      current = entry.file;
      entry.temporary = writeTemporary(path.dirname(entry.target), entry.bytes, entry.stats);
    }
    // The last look before anything is replaced: a file edited meanwhile (the user saved in the editor) is kept.
    for (const entry of prepared) {
      current = entry.file;
      const now = fs.lstatSync(entry.target, { throwIfNoEntry: false });
      const unchanged = entry.before
        ? now?.isFile() && readBytes(entry.target)?.equals(entry.before)
        : now === undefined;
      if (!unchanged) throw new Refused(entry.file, 'it changed on disk since mp-privacy read it');
    }
  } catch (error) {
    undo();
    return {
      ok: false,
      file: error instanceof Refused ? error.file : current,
      reason: error instanceof Refused ? error.message : describeError(error),
    };
  }
  // Several renames are not one atomic step: the journal lets the next run finish them if this one is killed.
  let journalFile: string | undefined;
  try {
    journalFile =
      prepared.length > 1
        ? journal?.begin(
            prepared.map((entry) => ({
              file: entry.file,
              target: entry.target,
              temporary: entry.temporary!,
              before: entry.before ? sha256(entry.before) : null,
              after: sha256(entry.bytes),
            })),
          )
        : undefined;
  } catch {
    // No journal (its folder is full or gone): the renames still follow each other within microseconds.
  }
  const renamed: Prepared[] = [];
  try {
    for (const entry of prepared) {
      current = entry.file;
      fs.renameSync(entry.temporary!, entry.target);
      renamed.push(entry);
      entry.temporary = undefined;
    }
  } catch (error) {
    restore(renamed);
    undo();
    if (journalFile) journal?.end(journalFile);
    return { ok: false, file: current, reason: describeError(error) };
  }
  if (journalFile) journal?.end(journalFile);
  // New folders and files may now exist: the boundary looks again.
  boundary.forget();
  return { ok: true, written: prepared.map((entry) => entry.file) };
}

/** After a failed rename: the files already replaced get their old bytes back (new files are removed). */
function restore(renamed: readonly Prepared[]): void {
  for (const entry of renamed) {
    try {
      if (!entry.before) fs.rmSync(entry.target, { force: true });
      else fs.renameSync(writeTemporary(path.dirname(entry.target), entry.before, entry.stats), entry.target);
    } catch {
      // Best effort: the rename that failed is reported, and this file then holds its fixed content.
    }
  }
}

/** `from` and the folders below it down to `to`, outermost first (what mkdir -p created). */
function foldersBetween(from: string, to: string): string[] {
  const folders = [to];
  for (let folder = to; folder !== from && path.dirname(folder) !== folder;) {
    folder = path.dirname(folder);
    folders.unshift(folder);
  }
  return folders;
}

/** Removes the temporary files of runs that were killed before they finished; returns how many. */
export function removeStrayTemporaryFiles(candidates: Iterable<string>): number {
  let removed = 0;
  for (const file of candidates) {
    const match = TEMPORARY_FILE.exec(path.basename(file));
    if (!match || !processGone(Number(match[1]))) continue;
    const stats = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stats || stats.isDirectory()) continue;
    try {
      fs.unlinkSync(file);
      removed++;
    } catch {
      // Left for the next run.
    }
  }
  return removed;
}
