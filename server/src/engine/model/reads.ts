import type { ChangedPaths, FileSystemHost } from '../host';
import type { ParseProblem } from '../types';
import type { ParsedByKind, ParsedFileCache } from './file-cache';

type Kind = keyof ParsedByKind;

/** What loading a file gave: the parse, whether the file was there, and the problems it noted. */
interface LoadAnswer {
  parsed: unknown;
  read: boolean;
  problems: ParseProblem[] | undefined;
}

/**
 * What one model asked the host and the parse cache, and what they answered. The next model of the same root,
 * told which paths changed since (host.ts ChangeLog), takes the answers over for every other path instead of
 * asking again: an edit then costs lookups, not reads, for the files it did not touch. Each model records
 * everything it asks, answered either way, so its own answers can be taken over next time.
 */
export class ProjectReads {
  private readonly loads = new Map<Kind, Map<string, LoadAnswer>>();
  private readonly stats = new Map<string, 'file' | 'directory' | undefined>();
  private readonly listings = new Map<string, string[]>();
  /** The host as the model sees it: answers taken over where nothing changed, the host's otherwise. */
  readonly host: FileSystemHost;
  /** The previous model's reads, when the paths changed since are known. */
  /**
   * `earlier`: the previous model's reads, valid for every path `changed` does not name (no `changed`: nothing is
   * taken over).
   */
  constructor(
    base: FileSystemHost,
    private readonly cache: ParsedFileCache,
    earlier: ProjectReads | undefined,
    changed: ChangedPaths | undefined,
  ) {
    // The earlier model is being replaced: what it took over from the one before it is no longer asked for.
    if (earlier) earlier.earlier = undefined;
    this.host = {
      readFile: (file) => base.readFile(file),
      stat: (file) => {
        if (this.stats.has(file)) return this.stats.get(file);
        const earlierStats = this.earlier?.stats;
        const answer =
          earlierStats?.has(file) && !this.changed!.touches(file) ? earlierStats.get(file) : base.stat(file);
        this.stats.set(file, answer);
        return answer;
      },
      readDirectory: (dir) => {
        let names = this.listings.get(dir);
        if (names) return names;
        const known = this.earlier?.listings.get(dir);
        names = known && !this.changed!.touches(dir) ? known : base.readDirectory(dir);
        this.listings.set(dir, names);
        return names;
      },
      realPath: base.realPath && ((file) => base.realPath!(file)),
    };
    this.earlier = changed ? earlier : undefined;
    this.changed = changed;
  }

  private earlier: ProjectReads | undefined;
  private readonly changed: ChangedPaths | undefined;

  /**
   * Whether every changed path still loads as it did (a file then and now, parsed then and now), so that
   * which file an import resolves to is the same as for the previous model (see ProjectModel.resolveModule).
   */
  sameFilesLoad(): boolean {
    if (!this.earlier || !this.changed) return false;
    for (const file of this.changed.files) {
      let loaded = false;
      for (const [kind, answers] of this.earlier.loads) {
        const known = answers.get(file);
        if (!known) continue;
        loaded = true;
        if (known.parsed === undefined || this.load(file, kind, [], new Set()) === undefined) return false;
      }
      if (!loaded) return false;
    }
    return true;
  }

  /** ParsedFileCache.load, answered from the earlier model's load of the same file when it has not changed. */
  load<K extends Kind>(
    file: string,
    kind: K,
    problems: ParseProblem[],
    filesRead: Set<string>,
  ): ParsedByKind[K] | undefined {
    let ofKind = this.loads.get(kind);
    if (!ofKind) this.loads.set(kind, (ofKind = new Map<string, LoadAnswer>()));
    let answer = ofKind.get(file);
    if (!answer) {
      const known = this.earlier?.loads.get(kind)?.get(file);
      if (known && !this.changed!.has(file)) answer = known;
      else {
        const noted: ParseProblem[] = [];
        const read = new Set<string>();
        const parsed = this.cache.load(file, kind, noted, read);
        answer = { parsed, read: read.size > 0, problems: noted.length ? noted : undefined };
      }
      ofKind.set(file, answer);
    }
    if (answer.read) filesRead.add(file);
    if (answer.problems) for (const problem of answer.problems) problems.push(problem);
    return answer.parsed as ParsedByKind[K] | undefined;
  }
}
