import * as path from 'path';
import type { ChangedPaths, FileSystemHost } from '../host';
import type { ParseProblem } from '../types';
import type { ParsedByKind, ParsedFileCache } from './file-cache';

type Kind = keyof ParsedByKind;

/** What loading a file gave: the parse, whether the file was there, and the problems it noted. */
export interface LoadAnswer {
  parsed: unknown;
  read: boolean;
  problems: ParseProblem[] | undefined;
}

/**
 * What the models of one root asked the host and the parse cache, and what they answered. The next model of the
 * same root, told which paths changed since (host.ts ChangeLog), takes the answers over and forgets those of the
 * changed paths: an edit then costs lookups, not reads, for the files it did not touch, and nothing at all for
 * the files the next model does not ask about. Without a change log nothing is taken over.
 */
export class ProjectReads {
  private loads = new Map<Kind, Map<string, LoadAnswer>>();
  private stats = new Map<string, 'file' | 'directory' | undefined>();
  private listings = new Map<string, string[]>();
  /** The host as the model sees it: answers taken over where nothing changed, the host's otherwise. */
  readonly host: FileSystemHost;
  /** What the earlier model's loads of each changed file answered (to tell whether they still load). */
  private readonly before = new Map<string, [Kind, LoadAnswer][]>();

  /**
   * `earlier`: the previous model's reads, valid for every path `changed` does not name (no `changed`: nothing is
   * taken over). Its answers move here: the previous model is being replaced, and keeps an empty record.
   */
  constructor(
    base: FileSystemHost,
    private readonly cache: ParsedFileCache,
    earlier: ProjectReads | undefined,
    private readonly changed: ChangedPaths | undefined,
  ) {
    this.host = {
      readFile: (file) => base.readFile(file),
      stat: (file) => {
        if (this.stats.has(file)) return this.stats.get(file);
        const answer = base.stat(file);
        this.stats.set(file, answer);
        return answer;
      },
      readDirectory: (dir) => {
        let names = this.listings.get(dir);
        if (!names) this.listings.set(dir, (names = base.readDirectory(dir)));
        return names;
      },
      realPath: base.realPath && ((file) => base.realPath!(file)),
    };
    if (!earlier || !changed) return;
    this.loads = earlier.loads;
    this.stats = earlier.stats;
    this.listings = earlier.listings;
    earlier.loads = new Map();
    earlier.stats = new Map();
    earlier.listings = new Map();
    for (const file of changed.files) {
      const known: [Kind, LoadAnswer][] = [];
      for (const [kind, answers] of this.loads) {
        const answer = answers.get(file);
        if (!answer) continue;
        known.push([kind, answer]);
        answers.delete(file);
      }
      this.before.set(file, known);
      // The file's kind, and the kind and listing of every folder above it (ChangedPaths.touches).
      for (let dir = file; ; dir = path.dirname(dir)) {
        this.stats.delete(dir);
        this.listings.delete(dir);
        if (path.dirname(dir) === dir) break;
      }
    }
  }

  /** The answers the previous model had for a changed file, by kind (empty: it did not load it). */
  answersBefore(file: string): readonly [Kind, LoadAnswer][] {
    return this.before.get(file) ?? [];
  }

  /**
   * Whether every changed path still loads as it did (a file then and now, parsed then and now), so that
   * which file an import resolves to is the same as for the previous model (see ProjectModel.resolveModule).
   */
  sameFilesLoad(): boolean {
    if (!this.changed) return false;
    for (const file of this.changed.files) {
      const known = this.answersBefore(file);
      if (!known.length) return false;
      for (const [kind, answer] of known)
        if (answer.parsed === undefined || this.answer(file, kind).parsed === undefined) return false;
    }
    return true;
  }

  /** ParsedFileCache.load, answered from the earlier models' load of the same file when it has not changed. */
  answer(file: string, kind: Kind): LoadAnswer {
    let ofKind = this.loads.get(kind);
    if (!ofKind) this.loads.set(kind, (ofKind = new Map<string, LoadAnswer>()));
    let answer = ofKind.get(file);
    if (!answer) {
      const noted: ParseProblem[] = [];
      const read = new Set<string>();
      const parsed = this.cache.load(file, kind, noted, read);
      answer = { parsed, read: read.size > 0, problems: noted.length ? noted : undefined };
      ofKind.set(file, answer);
    }
    return answer;
  }
}
