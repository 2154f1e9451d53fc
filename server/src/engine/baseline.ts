/**
 * Baselines for legacy projects (as ESLint's bulk suppressions): today's findings are recorded in
 * `mp-privacy-baseline.json`, and later runs tell the findings recorded there apart from new ones.
 *
 * A finding is recorded by a fingerprint that survives lines moving: its rule, its file (relative to the folder
 * that holds the baseline file) and a hash of the flagged text and of the line it starts on, with every
 * whitespace character taken out (re-indenting, re-wrapping or changing line endings keeps it). Identical
 * constructs on identical lines of one file share a fingerprint, so each entry carries a count: with a count of
 * 2, the first two such findings (in file order) are baselined and a third one is new.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { FileSystemHost } from './host';
import { foldersUpToProject } from './config';

export const BASELINE_FILE_NAME = 'mp-privacy-baseline.json';
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  /** Relative to the folder that holds the baseline file, with forward slashes. */
  file: string;
  rule: string;
  /** 16 hex digits of SHA-256 over rule, file, the flagged text and its line, whitespace removed. */
  fingerprint: string;
  /** How many findings with this fingerprint are baselined. */
  count: number;
  /** The flagged text with its whitespace collapsed (at most 120 characters): for people reading the file only. */
  excerpt: string;
}

export interface Baseline {
  version: typeof BASELINE_FORMAT_VERSION;
  entries: BaselineEntry[];
}

export interface BaselineMatch<F> {
  /** Not in the baseline: reported as usual. */
  fresh: F[];
  /** Covered by the baseline. */
  baselined: F[];
  /** Baselined findings that no longer occur (a count of 2 with one finding left counts 1). */
  gone: BaselineEntry[];
}

/** What a finding is fingerprinted from: the plain fields every adapter keeps. */
export interface FingerprintSource {
  ruleId: string;
  range: { file: string; start: number; end: number };
}

const EXCERPT_LENGTH = 120;

function withoutWhitespace(value: string): string {
  return value.replace(/\s+/g, '');
}

function collapsed(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

function relativeFile(baseDir: string, file: string): string {
  return path.relative(baseDir, file).split(path.sep).join('/') || '.';
}

/** The fingerprint of one finding and the readable excerpt of what it flags. */
export function fingerprintOf(
  finding: FingerprintSource,
  baseDir: string,
  content: string | undefined,
): Omit<BaselineEntry, 'count'> {
  const text = content ?? '';
  const start = Math.max(0, Math.min(finding.range.start, text.length));
  const end = Math.max(start, Math.min(finding.range.end, text.length));
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', start);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline);
  const flagged = text.slice(start, end);
  const file = relativeFile(baseDir, finding.range.file);
  const hash = createHash('sha256')
    .update([finding.ruleId, file, withoutWhitespace(flagged), withoutWhitespace(line)].join('\0'))
    .digest('hex');
  return { file, rule: finding.ruleId, fingerprint: hash.slice(0, 16), excerpt: collapsed(flagged || line) };
}

function keyOf(entry: Pick<BaselineEntry, 'file' | 'rule' | 'fingerprint'>): string {
  return `${entry.file}\0${entry.rule}\0${entry.fingerprint}`;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    order(a.file, b.file) || order(a.rule, b.rule) || order(a.excerpt, b.excerpt) || order(a.fingerprint, b.fingerprint)
  );
}

/** Findings in file order, so that "the first n of a fingerprint" means the same in every run. */
function inFileOrder<F extends FingerprintSource>(findings: readonly F[]): F[] {
  return [...findings].sort((a, b) =>
    a.range.file < b.range.file
      ? -1
      : a.range.file > b.range.file
        ? 1
        : a.range.start - b.range.start || a.range.end - b.range.end,
  );
}

/** A baseline that records every finding given (`read` supplies file contents). */
export function createBaseline(
  findings: readonly FingerprintSource[],
  baseDir: string,
  read: (file: string) => string | undefined,
): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of inFileOrder(findings)) {
    const print = fingerprintOf(finding, baseDir, read(finding.range.file));
    const key = keyOf(print);
    const entry = entries.get(key);
    if (entry) entry.count++;
    else entries.set(key, { ...print, count: 1 });
  }
  return { version: BASELINE_FORMAT_VERSION, entries: [...entries.values()].sort(compareEntries) };
}

/**
 * Splits findings into new and baselined, and lists the baselined ones that are gone. `read` supplies file
 * contents; `baseDir` is the folder that holds the baseline file.
 */
export function matchBaseline<F extends FingerprintSource>(
  baseline: Baseline,
  findings: readonly F[],
  baseDir: string,
  read: (file: string) => string | undefined,
): BaselineMatch<F> {
  const remaining = new Map<string, number>();
  for (const entry of baseline.entries) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + entry.count);
  const baselined = new Set<F>();
  for (const finding of inFileOrder(findings)) {
    const key = keyOf(fingerprintOf(finding, baseDir, read(finding.range.file)));
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      baselined.add(finding);
      remaining.set(key, left - 1);
    }
  }
  const gone: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    const left = remaining.get(keyOf(entry)) ?? 0;
    if (left <= 0) continue;
    const count = Math.min(left, entry.count);
    gone.push({ ...entry, count });
    remaining.set(keyOf(entry), left - count);
  }
  return {
    fresh: findings.filter((f) => !baselined.has(f)),
    baselined: findings.filter((f) => baselined.has(f)),
    gone,
  };
}

/** The baseline without the entries (or the part of their counts) that are gone. */
export function pruneBaseline(baseline: Baseline, gone: readonly BaselineEntry[]): Baseline {
  const drop = new Map<string, number>();
  for (const entry of gone) drop.set(keyOf(entry), (drop.get(keyOf(entry)) ?? 0) + entry.count);
  const entries: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    const dropped = Math.min(entry.count, drop.get(keyOf(entry)) ?? 0);
    drop.set(keyOf(entry), (drop.get(keyOf(entry)) ?? 0) - dropped);
    if (entry.count - dropped > 0) entries.push({ ...entry, count: entry.count - dropped });
  }
  return { version: BASELINE_FORMAT_VERSION, entries };
}

/** The file's text: one entry per line of `entries`, so a change shows as a one-line diff. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map(
    (entry) =>
      `    ${JSON.stringify({ file: entry.file, rule: entry.rule, fingerprint: entry.fingerprint, count: entry.count, excerpt: entry.excerpt })}`,
  );
  return `{\n  "version": ${baseline.version},\n  "entries": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

export type BaselineParse = { baseline: Baseline } | { error: string };

/** Reads a baseline file's text; anything that is not one is an error message, never an exception. */
export function parseBaseline(content: string): BaselineParse {
  let value: unknown;
  try {
    value = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { error: 'expected an object with "version" and "entries"' };
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  if (version !== BASELINE_FORMAT_VERSION)
    return {
      error: `unsupported version ${(JSON.stringify(version) as string | undefined) ?? 'undefined'} (this mp-privacy reads version ${BASELINE_FORMAT_VERSION})`,
    };
  if (!Array.isArray(entries)) return { error: '"entries" must be an array' };
  const parsed: BaselineEntry[] = [];
  for (const [index, item] of entries.entries()) {
    const entry = item as Partial<BaselineEntry> | null;
    const valid =
      entry &&
      typeof entry === 'object' &&
      typeof entry.file === 'string' &&
      typeof entry.rule === 'string' &&
      typeof entry.fingerprint === 'string' &&
      (entry.count === undefined || (Number.isInteger(entry.count) && entry.count > 0));
    if (!valid)
      return { error: `entry ${index + 1} needs "file", "rule", "fingerprint" (strings) and a positive whole "count"` };
    parsed.push({
      file: entry.file!,
      rule: entry.rule!,
      fingerprint: entry.fingerprint!,
      count: entry.count ?? 1,
      excerpt: typeof entry.excerpt === 'string' ? entry.excerpt : '',
    });
  }
  return { baseline: { version: BASELINE_FORMAT_VERSION, entries: parsed } };
}

/**
 * The baseline file that applies to a mini program root, looked up as the configuration file is (the root and
 * the folders above it up to the project folder). `candidates` are every path looked at, so a caller can watch
 * for the file appearing.
 */
export function findBaselineFile(host: FileSystemHost, root: string): { file?: string; candidates: string[] } {
  const candidates: string[] = [];
  for (const dir of foldersUpToProject(host, root)) {
    const file = path.join(dir, BASELINE_FILE_NAME);
    candidates.push(file);
    if (host.stat(file) === 'file') return { file, candidates };
  }
  return { candidates };
}
