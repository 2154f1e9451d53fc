import * as fs from 'fs';
import * as path from 'path';
import {
  BASELINE_FILE_NAME,
  FileBoundary,
  createBaseline,
  decodeText,
  matchBaseline,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
  type Baseline,
  type Finding,
  type Locale,
} from '../engine/index';
import type { BaselineOptions } from './args';
import { errorMessage } from './exit';
import { commitWrites } from './safe-write';
import type { RootOutcome, RunNotice } from './report';

/** What the baseline did to a run, for the report (JSON `baseline`) and the notices. */
export interface BaselineSummary {
  /** The baseline file, relative to the linted folder with forward slashes. */
  file: string;
  /** Findings left out of the report because the baseline records them (for `write`: every finding). */
  baselined: number;
  /** Recorded findings that no longer occur. */
  gone: number;
  /** `written` after `--baseline write`, `pruned` after `--baseline prune` removed something. */
  updated?: 'written' | 'pruned';
}

export type BaselineOutcome =
  { outcomes: RootOutcome[]; summary?: BaselineSummary; notices: RunNotice[] } | { error: string };

const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

const WORDS = {
  en: {
    written: (n: number, file: string) =>
      `recorded ${n} finding${n === 1 ? '' : 's'} in ${file}; later runs report new findings only`,
    baselined: (n: number, file: string) =>
      `${n} finding${n === 1 ? ' is' : 's are'} in the baseline ${file} and not reported`,
    gone: (n: number) =>
      `${n} baselined finding${n === 1 ? ' no longer occurs' : 's no longer occur'}: run "mp-privacy lint --baseline prune" to remove ${n === 1 ? 'it' : 'them'} from the baseline`,
    pruned: (n: number, file: string) =>
      `removed ${n} finding${n === 1 ? '' : 's'} that no longer occur${n === 1 ? 's' : ''} from ${file}`,
  },
  'zh-cn': {
    written: (n: number, file: string) => `已将 ${n} 个问题记录到 ${file}；之后的运行只报告新问题`,
    baselined: (n: number, file: string) => `${n} 个问题已记录在基线 ${file} 中，未报告`,
    gone: (n: number) => `${n} 个基线中的问题已不再出现：运行 "mp-privacy lint --baseline prune" 将其从基线中删除`,
    pruned: (n: number, file: string) => `已从 ${file} 中删除 ${n} 个不再出现的问题`,
  },
} as const;

/**
 * Applies `--baseline` to analysed roots: reads the baseline file (the one named, or mp-privacy-baseline.json in
 * the linted folder when it exists), leaves the recorded findings out of the outcomes, and writes the file for
 * `write` and `prune`. Entries name files relative to the baseline file's folder. `read` gives the contents the
 * findings were computed from. An unreadable or invalid baseline is an error: the run cannot do what was asked.
 */
export function applyBaseline(
  options: BaselineOptions,
  cwd: string,
  baseDir: string,
  outcomes: RootOutcome[],
  read: (file: string) => string | undefined,
  locale: Locale,
): BaselineOutcome {
  if (options.action === 'off') return { outcomes, notices: [] };
  const file = options.file === undefined ? path.join(baseDir, BASELINE_FILE_NAME) : path.resolve(cwd, options.file);
  const shown = path.relative(baseDir, file).split(path.sep).join('/');
  const folder = path.dirname(file);
  const words = WORDS[locale];
  const findings = outcomes.flatMap((outcome) => ('findings' in outcome ? outcome.findings : []));

  if (options.action === 'write') {
    const baseline = createBaseline(findings, folder, read);
    const written = writeBaseline(file, baseline, currentText(file));
    if (written) return { error: `cannot write the baseline ${options.file ?? shown}: ${written}` };
    const summary: BaselineSummary = { file: shown, baselined: findings.length, gone: 0, updated: 'written' };
    return {
      outcomes: without(outcomes, new Set(findings)),
      summary,
      notices: [{ level: 'note', message: words.written(findings.length, shown) }],
    };
  }

  const loaded = readBaseline(file, options.file !== undefined || options.action === 'prune');
  if ('error' in loaded) return { error: `baseline ${options.file ?? shown}: ${loaded.error}` };
  if (!loaded.baseline) return { outcomes, notices: [] };
  const match = matchBaseline(loaded.baseline, findings, folder, read);
  const gone = match.gone.reduce((sum, entry) => sum + entry.count, 0);
  const notices: RunNotice[] = [];
  if (match.baselined.length) notices.push({ level: 'note', message: words.baselined(match.baselined.length, shown) });
  let updated: BaselineSummary['updated'];
  if (options.action === 'prune' && gone > 0) {
    const written = writeBaseline(file, pruneBaseline(loaded.baseline, match.gone), loaded.content);
    if (written) return { error: `cannot write the baseline ${options.file ?? shown}: ${written}` };
    updated = 'pruned';
    notices.push({ level: 'note', message: words.pruned(gone, shown) });
  } else if (gone > 0) {
    notices.push({ level: 'note', message: words.gone(gone) });
  }
  const summary: BaselineSummary = {
    file: shown,
    baselined: match.baselined.length,
    gone,
    ...(updated ? { updated } : {}),
  };
  return { outcomes: without(outcomes, new Set(match.baselined)), summary, notices };
}

function without(outcomes: RootOutcome[], left: Set<Finding>): RootOutcome[] {
  return outcomes.map((outcome) =>
    'findings' in outcome ? { ...outcome, findings: outcome.findings.filter((f) => !left.has(f)) } : outcome,
  );
}

/** `required`: a missing file is an error (it was named, or is to be pruned); otherwise there is just no baseline. */
function readBaseline(file: string, required: boolean): { baseline?: Baseline; content?: string } | { error: string } {
  let content: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { error: 'not a file' };
    if (stat.size > MAX_BASELINE_BYTES) return { error: `larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MB` };
    content = decodeText(fs.readFileSync(file)).text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return {};
    return {
      error:
        code === 'ENOENT'
          ? 'file not found (create it with --baseline write)'
          : `cannot be read (${code ?? String(error)})`,
    };
  }
  const parsed = parseBaseline(content);
  return 'error' in parsed ? { error: parsed.error } : { baseline: parsed.baseline, content };
}

/** The file's text now, or undefined when it does not exist (what the write expects to replace). */
function currentText(file: string): string | undefined {
  try {
    return decodeText(fs.readFileSync(file)).text;
  } catch {
    return undefined;
  }
}

/**
 * Undefined when written; otherwise why not. Written as every file mp-privacy writes (safe-write.ts): never
 * through a link, and not over a file that changed since `original` was read.
 */
function writeBaseline(file: string, baseline: Baseline, original: string | undefined): string | undefined {
  try {
    const committed = commitWrites(new FileBoundary([path.dirname(file)]), [
      { file, content: serializeBaseline(baseline), original },
    ]);
    return committed.ok ? undefined : committed.reason;
  } catch (error) {
    return errorMessage(error);
  }
}
