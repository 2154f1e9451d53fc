import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FileBoundary } from '../engine/index';
import { TEMPORARY_FILE, processGone, temporaryName } from './temporary';

/**
 * Makes the renames of a multi-file write all or nothing even when the process is killed half-way: before the
 * first rename the list of renames is written to a journal, and the next run in the same folder finishes the
 * renames a killed run left undone (each only while its target still holds what the killed run read).
 *
 * Journals live in a folder of the user's own (`<tmpdir>/mp-privacy-<uid>`, mode 0700, checked), never in the
 * project: a journal planted in a cloned repository could otherwise direct renames. Without such a folder (another
 * user owns it, or it cannot be made) writes go on without a journal: temporary files first, then renames.
 */

export interface JournalEntry {
  /** The target as the engine names it, and where it really is. */
  file: string;
  target: string;
  temporary: string;
  /** sha256 of the target's bytes before (null: it did not exist) and of the new bytes. */
  before: string | null;
  after: string;
}

interface JournalFile {
  version: 1;
  folder: string;
  entries: JournalEntry[];
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The user's private journal folder (made only to write a journal), or undefined when it cannot be trusted. */
function journalFolder(create: boolean): string | undefined {
  const uid = process.getuid?.() ?? 0;
  const folder = path.join(os.tmpdir(), `mp-privacy-${uid}`);
  try {
    if (create) fs.mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  const stats = fs.lstatSync(folder, { throwIfNoEntry: false });
  if (!stats?.isDirectory() || (stats.mode & 0o077) !== 0 || (process.getuid && stats.uid !== uid)) return undefined;
  return folder;
}

/** Journals of one folder being checked start with a hash of its real path. */
function prefixOf(realFolder: string): string {
  return createHash('sha256').update(realFolder).digest('hex').slice(0, 16);
}

export class Journal {
  constructor(private readonly realFolder: string) {}

  /** Records the renames about to be made; returns the journal file to remove once they are done. */
  begin(entries: JournalEntry[]): string {
    const folder = journalFolder(true);
    if (!folder) throw new Error('no private folder for the journal');
    const name = `${prefixOf(this.realFolder)}-${process.pid}-${randomBytes(8).toString('hex')}.json`;
    const file = path.join(folder, name);
    const temporary = temporaryName(folder);
    const fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    try {
      const content: JournalFile = { version: 1, folder: this.realFolder, entries };
      fs.writeSync(fd, JSON.stringify(content));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // The rename is the commit point: before it there is no journal, after it a complete one.
    fs.renameSync(temporary, file);
    return file;
  }

  end(file: string): void {
    fs.rmSync(file, { force: true });
  }

  /**
   * Finishes what killed runs under this folder left undone: for each journalled rename whose temporary file is
   * still there, the rename is made when the target still holds what the killed run read, and the temporary file
   * removed otherwise. Only targets the boundary allows, and temporary files named as ours next to them, are
   * touched. Returns the targets completed and those left as they were because they changed since.
   */
  recover(boundary: FileBoundary): { completed: string[]; changed: string[] } {
    const completed: string[] = [];
    const changed: string[] = [];
    const prefix = `${prefixOf(this.realFolder)}-`;
    const folder = journalFolder(false);
    for (const name of folder ? safeReaddir(folder) : []) {
      const full = path.join(folder!, name);
      const temporary = TEMPORARY_FILE.exec(name);
      if (temporary) {
        // A journal that was never committed.
        if (processGone(Number(temporary[1]))) fs.rmSync(full, { force: true });
        continue;
      }
      const match = /^([0-9a-f]{16})-(\d+)-[0-9a-f]{16}\.json$/.exec(name);
      if (!match || !name.startsWith(prefix) || !processGone(Number(match[2]))) continue;
      let journal: JournalFile | undefined;
      try {
        journal = JSON.parse(fs.readFileSync(full, 'utf8')) as JournalFile;
      } catch {
        journal = undefined;
      }
      if (journal?.version === 1 && journal.folder === this.realFolder && Array.isArray(journal.entries)) {
        for (const entry of journal.entries) {
          const outcome = finishRename(boundary, entry);
          if (outcome === 'completed') completed.push(entry.file);
          else if (outcome === 'changed') changed.push(entry.file);
        }
      }
      fs.rmSync(full, { force: true });
    }
    if (completed.length || changed.length) boundary.forget();
    return { completed, changed };
  }
}

function finishRename(
  boundary: FileBoundary,
  entry: Partial<JournalEntry> | null,
): 'completed' | 'changed' | 'nothing' {
  if (typeof entry?.file !== 'string' || typeof entry.target !== 'string' || typeof entry.temporary !== 'string')
    return 'nothing';
  const located = boundary.locate(entry.file);
  const ours =
    TEMPORARY_FILE.test(path.basename(entry.temporary)) && path.dirname(entry.temporary) === path.dirname(entry.target);
  if (!located || located.link || located.real !== entry.target || !ours) return 'nothing';
  const temporary = fs.lstatSync(entry.temporary, { throwIfNoEntry: false });
  if (!temporary?.isFile()) return 'nothing';
  const current =
    located.kind === 'file' ? sha256(fs.readFileSync(entry.target)) : located.kind === 'missing' ? null : undefined;
  if (current === entry.before && sha256(fs.readFileSync(entry.temporary)) === entry.after) {
    fs.renameSync(entry.temporary, entry.target);
    return 'completed';
  }
  fs.rmSync(entry.temporary, { force: true });
  return current === entry.after ? 'nothing' : 'changed';
}

function safeReaddir(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}
