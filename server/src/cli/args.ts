import type { InventoryFormat, JourneyFormat, Locale } from '../engine/index';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const INVENTORY_FORMATS = ['text', 'json', 'markdown'] as const satisfies readonly InventoryFormat[];
export const JOURNEY_FORMATS = ['mermaid', 'dot', 'json'] as const satisfies readonly JourneyFormat[];

export interface LintOptions {
  dir: string;
  format: OutputFormat;
  /** Undefined when not given: the caller picks one from the environment. */
  locale: Locale | undefined;
  output: string | undefined;
  /** Apply the fixes that are safe without review, then report what is left. */
  fix: boolean;
  baseline: BaselineOptions;
}

/**
 * `check`: report only findings not in the baseline file (when it exists, or when a file was named);
 * `write`: record every finding in it; `prune`: check, then drop the entries that no longer occur; `off`: ignore it.
 */
export interface BaselineOptions {
  action: 'check' | 'write' | 'prune' | 'off';
  /** As given on the command line; undefined: mp-privacy-baseline.json in the linted folder. */
  file: string | undefined;
}

export interface InventoryOptions {
  dir: string;
  format: InventoryFormat;
  locale: Locale | undefined;
  output: string | undefined;
}

export interface JourneyOptions {
  dir: string;
  format: JourneyFormat;
  output: string | undefined;
}

export interface InitOptions {
  dir: string;
  force: boolean;
}

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'lint'; options: LintOptions }
  | { kind: 'inventory'; options: InventoryOptions }
  | { kind: 'journey'; options: JourneyOptions }
  | { kind: 'init'; options: InitOptions }
  | { kind: 'usage-error'; message: string };

/** Thrown inside the parser only; turned into a `usage-error` result so callers never see an exception. */
class UsageError extends Error {}

export const HELP_TEXT = `mp-privacy: privacy-compliance linter for WeChat mini programs

Usage:
  mp-privacy lint [dir] [options]       Lint every mini program found under dir (default: .)
  mp-privacy inventory [dir] [options]  List the personal information each mini program collects,
                                        and draft the privacy guideline (用户隐私保护指引)
  mp-privacy journey [dir] [options]    Draw each mini program's privacy journey: launch -> pages ->
                                        every request for personal information, with triggers and
                                        conditions (Mermaid renders in GitHub Markdown)
  mp-privacy init [dir] [--force]       Write mp-privacy.config.json with every rule's default
  mp-privacy --help                     Show this help
  mp-privacy --version                  Show the version

Lint options:
  -f, --format <text|json|sarif>    Output format (default: text)
  -l, --locale <en|zh-cn>           Message language (default: zh-cn when LC_ALL, LC_MESSAGES
                                    or LANG starts with "zh", otherwise en)
  -o, --output <file>               Write the report to a file instead of stdout
  --fix                             Apply the fixes that are safe without review (declarations,
                                    leftover attributes) where every file still parses, then
                                    report what is left. All files are written or none: through
                                    new temporary files, never through a symbolic link, keeping
                                    mode and encoding; read-only files, and files changed since
                                    they were read, are left alone and reported
  --baseline write                  Record every finding in mp-privacy-baseline.json in dir, so
                                    that later runs report (and fail on) new findings only
  --baseline prune                  As a normal run, then remove from the baseline the findings
                                    that are gone
  --baseline <file>                 Use this baseline file instead of dir/mp-privacy-baseline.json
                                    (may be combined: --baseline write --baseline ci/base.json)
  --baseline off                    Ignore the baseline file and report every finding

Inventory options:
  -f, --format <text|json|markdown> Output format (default: text)
  -l, --locale, -o, --output        As for lint

Journey options:
  -f, --format <mermaid|dot|json>   Output format (default: mermaid)
  -o, --output                      As for lint

Configuration: mp-privacy.config.json in the mini program folder or a folder above it
("rules": {"<rule-id>": "error|warning|info|off"}, "ignore": [globs], "apiHosts": [hosts]).

A mini program is a folder whose app.json declares "pages"; project.config.json
"miniprogramRoot" is followed while it stays inside dir. Folders such as node_modules
and .git are skipped. Nothing outside dir is read or written: symbolic links are
followed only when they lead to a place inside it (the configuration may come from a
folder above dir; lint then says which file it used).

Baseline: when mp-privacy-baseline.json exists in dir (or --baseline names a file), the
findings recorded there are not reported and do not fail the run; the run says how many
were left out and how many recorded ones are gone. Findings are matched by rule, file and
the flagged code with its line (whitespace ignored), not by line number.

Exit codes:
  0  no error-level finding (warnings and infos do not fail the run)
  1  at least one error-level finding
  2  the run could not be completed as asked: usage error (unknown command, option
     or format, missing dir), no mini program found under dir, a miniprogramRoot
     leading outside dir, the report could not be written, or an internal error
     while analysing a mini program (also in a single rule). It is reported on
     stderr as "internal error analysing <root>: ..."; the findings made without it
     (other rules, other mini programs) are still reported.
`;

/** Parses argv (without node and the script path). Accepts `--opt value` and `--opt=value`. */
export function parseArgs(argv: readonly string[]): ParsedCommand {
  try {
    return parse(argv);
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage-error', message: error.message };
    throw error;
  }
}

function parse(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0) throw new UsageError('missing command; try "mp-privacy lint [dir]"');
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') return { kind: 'help' };
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`unknown option "${first}"`);
  if (first !== 'lint' && first !== 'inventory' && first !== 'journey' && first !== 'init')
    throw new UsageError(`unknown command "${first}"; use lint, inventory, journey or init`);

  const options = {
    dir: '.',
    format: first === 'journey' ? 'mermaid' : 'text',
    locale: undefined as Locale | undefined,
    output: undefined as string | undefined,
    fix: false,
    force: false,
    baseline: { action: 'check', file: undefined } as BaselineOptions,
  };
  let baselineActionGiven = false;
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const equals = arg.indexOf('=');
    const name = equals >= 0 ? arg.slice(0, equals) : arg;
    const takeValue = (): string => {
      if (equals >= 0) return arg.slice(equals + 1);
      const value = rest.at(++i);
      if (value === undefined || (value.startsWith('-') && value !== '-'))
        throw new UsageError(`option ${name} needs a value`);
      return value;
    };
    switch (name) {
      case '-f':
      case '--format':
        if (first === 'init') throw new UsageError('init takes no --format');
        options.format =
          first === 'inventory'
            ? parseInventoryFormat(takeValue())
            : first === 'journey'
              ? parseJourneyFormat(takeValue())
              : parseFormat(takeValue());
        break;
      case '--fix':
        if (first !== 'lint') throw new UsageError('--fix goes with lint');
        options.fix = true;
        break;
      case '--baseline': {
        if (first !== 'lint') throw new UsageError('--baseline goes with lint');
        const value = takeValue();
        if (!value) throw new UsageError('option --baseline needs write, prune, off or a file name');
        if (value === 'write' || value === 'prune' || value === 'off') {
          if (baselineActionGiven) throw new UsageError('--baseline takes one of write, prune or off');
          baselineActionGiven = true;
          options.baseline.action = value;
        } else {
          if (options.baseline.file !== undefined) throw new UsageError('--baseline names one file');
          options.baseline.file = value;
        }
        break;
      }
      case '--force':
        if (first !== 'init') throw new UsageError('--force goes with init');
        options.force = true;
        break;
      case '-l':
      case '--locale':
        if (first === 'journey') throw new UsageError('journey takes no --locale');
        options.locale = parseLocaleOption(takeValue());
        break;
      case '-o':
      case '--output': {
        const value = takeValue();
        if (!value) throw new UsageError('option --output needs a file name');
        options.output = value;
        break;
      }
      default:
        throw new UsageError(`unknown option "${name}"`);
    }
  }
  if (positionals.length > 1)
    throw new UsageError(`${first} takes one dir, got ${positionals.length}: ${positionals.join(' ')}`);
  if (positionals.length === 1) options.dir = positionals[0];
  const { dir, locale, output } = options;
  if (first === 'init') return { kind: 'init', options: { dir, force: options.force } };
  if (first === 'inventory')
    return { kind: 'inventory', options: { dir, locale, output, format: options.format as InventoryFormat } };
  if (first === 'journey')
    return { kind: 'journey', options: { dir, output, format: options.format as JourneyFormat } };
  return {
    kind: 'lint',
    options: {
      dir,
      locale,
      output,
      format: options.format as OutputFormat,
      fix: options.fix,
      baseline: options.baseline,
    },
  };
}

function parseInventoryFormat(value: string): InventoryFormat {
  const format = INVENTORY_FORMATS.find((candidate) => candidate === value.toLowerCase());
  if (!format) throw new UsageError(`unknown format "${value}"; use one of ${INVENTORY_FORMATS.join(', ')}`);
  return format;
}

function parseJourneyFormat(value: string): JourneyFormat {
  const format = JOURNEY_FORMATS.find((candidate) => candidate === value.toLowerCase());
  if (!format) throw new UsageError(`unknown format "${value}"; use one of ${JOURNEY_FORMATS.join(', ')}`);
  return format;
}

function parseFormat(value: string): OutputFormat {
  const format = FORMATS.find((candidate) => candidate === value.toLowerCase());
  if (!format) throw new UsageError(`unknown format "${value}"; use one of ${FORMATS.join(', ')}`);
  return format;
}

function parseLocaleOption(value: string): Locale {
  const normalized = value.toLowerCase().replace('_', '-');
  if (normalized === 'en' || normalized.startsWith('en-')) return 'en';
  if (normalized === 'zh' || normalized === 'zh-cn' || normalized === 'zh-hans') return 'zh-cn';
  throw new UsageError(`unknown locale "${value}"; use en or zh-cn`);
}
