import * as path from 'path';
import type { FileSystemHost } from '../host';
import type { LocalizedText, ParseProblem } from '../types';
import { text } from '../types';
import { parseJsonc, JsoncDocument } from '../parse/jsonc';
import { parseScript, ScriptFacts } from '../parse/script';
import { parseWxml, WxmlDocument } from '../parse/wxml';
import { parseWxss, WxssDocument } from '../parse/wxss';
import { parseVue, VueComponent } from '../parse/vue';
import { parseTaro, TaroModule } from '../parse/jsx';
import { parseStaticConfig, StaticConfigDocument } from '../parse/static-config';
import { stripOtherPlatforms } from '../parse/conditional';

/** Larger files are not parsed: no hand-written page comes near this, and parsing them would stall the editor. */
export const MAX_PARSED_FILE_CHARS = 8 * 1024 * 1024;

/** Control characters no editor writes into source: C0 but tab, line breaks, form feed and escape; DEL. */
const CONTROL_CHARACTERS = /[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g;
const BINARY_SAMPLE_CHARS = 64 * 1024;

/**
 * A NUL, or control characters in more than 1% of the first 64k characters: an image, an archive or compiled
 * output under a source name. Such a file is skipped, so that no message ever quotes a piece of it. Invalid
 * UTF-8 alone does not count: a GBK-encoded file still has readable code around its garbled comments.
 */
export function looksBinary(content: string): boolean {
  if (content.includes('\u0000')) return true;
  const sample = content.length > BINARY_SAMPLE_CHARS ? content.slice(0, BINARY_SAMPLE_CHARS) : content;
  let controls = 0;
  CONTROL_CHARACTERS.lastIndex = 0;
  while (CONTROL_CHARACTERS.exec(sample)) controls++;
  return controls >= 2 && controls * 100 > sample.length;
}

type Parsed = {
  wxml: WxmlDocument;
  script: ScriptFacts;
  json: JsoncDocument;
  wxss: WxssDocument;
  vue: VueComponent;
  taro: TaroModule;
  staticConfig: StaticConfigDocument;
};
/** The kinds a file can be parsed ahead as (by its extension: analyzer.ts filesToParse); framework modules are parsed when read. */
export type ParserKind = 'wxml' | 'script' | 'json' | 'wxss';
type Kind = keyof Parsed;
/** What each kind of file parses into, by the kind `load` is asked for. */
export type ParsedByKind = Parsed;

const PARSERS: { [K in Kind]: (file: string, content: string) => Parsed[K] } = {
  wxml: parseWxml,
  script: parseScript,
  // uni-app's pages.json and manifest.json may hold `// #ifdef` blocks: other platforms' lines are read as blank.
  json: (_file, content) => {
    const stripped = stripOtherPlatforms(content);
    return stripped === content ? parseJsonc(content) : { ...parseJsonc(stripped), text: content };
  },
  wxss: parseWxss,
  vue: parseVue,
  taro: parseTaro,
  staticConfig: parseStaticConfig,
};

interface CacheEntry {
  content: string;
  parsed: unknown;
  problem?: ParseProblem;
}

/**
 * Parse results keyed by file and kind, reused while the file's content is unchanged: editing one page
 * re-parses that page only. `parseCount` lets benchmarks and tests see how much work an edit caused.
 */
export class ParsedFileCache {
  /** Per kind, by file (a map per kind: no key string to build for each of thousands of loads per analysis). */
  private readonly entries: { [K in Kind]: Map<string, CacheEntry> } = {
    wxml: new Map(),
    script: new Map(),
    json: new Map(),
    wxss: new Map(),
    vue: new Map(),
    taro: new Map(),
    staticConfig: new Map(),
  };
  parseCount = 0;

  constructor(private readonly host: FileSystemHost) {}

  /** Reads and parses a file; returns undefined when it is missing, binary or too large (with a problem noted). */
  load<K extends Kind>(file: string, kind: K, problems: ParseProblem[], readFiles: Set<string>): Parsed[K] | undefined {
    const content = this.host.readFile(file);
    if (content === undefined) return undefined;
    readFiles.add(file);
    const entries = this.entries[kind];
    let entry = entries.get(file);
    if (!entry || entry.content !== content) {
      entry = this.parse(file, kind, content);
      entries.set(file, entry);
    }
    if (entry.problem) problems.push(entry.problem);
    const ownProblems = (entry.parsed as { problems?: ParseProblem[] } | undefined)?.problems;
    if (ownProblems) problems.push(...ownProblems);
    return entry.parsed as Parsed[K] | undefined;
  }

  private parse(file: string, kind: Kind, content: string): CacheEntry {
    const name = path.basename(file);
    // A file that is not parsed keeps its content and says why, at its start.
    const skipped = (message: LocalizedText): CacheEntry => ({
      content,
      parsed: undefined,
      problem: { file, start: 0, end: 0, message },
    });
    if (looksBinary(content))
      return skipped(
        text(
          `${name} looks like a binary file; mp-privacy skipped it.`,
          `${name} 看起来是二进制文件，mp-privacy 已跳过。`,
        ),
      );
    if (content.length > MAX_PARSED_FILE_CHARS) {
      const megabytes = (content.length / 1024 / 1024).toFixed(1);
      return skipped(
        text(
          `${name} is ${megabytes} MB, too large to analyse; mp-privacy skipped it.`,
          `${name} 大小为 ${megabytes} MB，过大无法分析，mp-privacy 已跳过。`,
        ),
      );
    }
    this.parseCount++;
    try {
      return { content, parsed: PARSERS[kind](file, content) };
    } catch (error) {
      // The parsers are tolerant; this is the last line of defence so that one file never stops the analysis.
      const reason = error instanceof Error ? error.message : String(error);
      return skipped(text(`mp-privacy could not parse ${name}: ${reason}`, `mp-privacy 无法解析 ${name}：${reason}`));
    }
  }

  /** Drops entries of files that no longer exist, so the cache does not grow without bound. */
  forget(file: string): void {
    for (const entries of Object.values(this.entries)) entries.delete(file);
  }
}
