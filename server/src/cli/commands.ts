/**
 * The commands that read mini programs (lint, inventory, journey, init). main.ts loads this module, and with it
 * the engine and the TypeScript compiler, only when one of them runs: `--version` and `--help` stay as quick as Node.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  CachingFileSystemHost,
  FileBoundary,
  ProjectAnalyzer,
  createNodeFileSystemHost,
  decodeText,
  discoverMiniPrograms,
  findRootForFile,
  formatInventory,
  formatJourney,
  guidanceFor,
  isBuildOutput,
  isInside,
  loadProjectConfig,
  pickLocale,
  terminalText,
  type FileSystemHost,
  type Locale,
} from '../engine/index';
import type { InventoryOptions, JourneyOptions, LintOptions, ParsedCommand } from './args';
import { EXIT_ERROR_FINDINGS, EXIT_OK, EXIT_USAGE_OR_FAILURE, errorMessage } from './exit';
import { applyBaseline } from './baseline';
import { applyAutomaticFixes } from './fix';
import { Journal } from './journal';
import { commitWrites, removeStrayTemporaryFiles } from './safe-write';
import { TEMPORARY_FILE } from './temporary';
import { writeStarterConfig } from './init';
import { formatters } from './format/index';
import { analyseRoots } from './lint';
import { packageInfo } from './package-info';
import { buildReport, describeFailure, relativePath, type LintReport, type RunNotice } from './report';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The commands that analyse (everything but help and version): they load the engine. */
export function runCommand(
  command: Exclude<ParsedCommand, { kind: 'help' | 'version' | 'usage-error' }>,
  io: CliIo,
  debug: boolean,
): number {
  switch (command.kind) {
    case 'lint':
      return lint(command.options, io, debug);
    case 'inventory':
      return inventory(command.options, io);
    case 'journey':
      return journey(command.options, io);
    case 'init': {
      const dir = path.resolve(io.cwd, command.options.dir);
      if (createNodeFileSystemHost().stat(dir) !== 'directory') {
        io.stderr(`mp-privacy: directory not found: ${command.options.dir}\n`);
        return EXIT_USAGE_OR_FAILURE;
      }
      const result = writeStarterConfig(dir, command.options.force);
      if (result.error) {
        io.stderr(`mp-privacy: ${result.error}\n`);
        return EXIT_USAGE_OR_FAILURE;
      }
      io.stdout(`Wrote ${path.relative(io.cwd, result.file) || result.file}\n`);
      return EXIT_OK;
    }
  }
}

/** The locale the environment asks for, in POSIX precedence (LC_ALL, then LC_MESSAGES, then LANG). */
export function localeFromEnvironment(env: NodeJS.ProcessEnv): Locale {
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** What a command works on: the folder given, the boundary around it, and a host that reads only inside it. */
interface Scope {
  /** As given on the command line, for messages. */
  dirOption: string;
  baseDir: string;
  boundary: FileBoundary;
  host: FileSystemHost;
  /** Paths that exist but could not be read for lack of permission. */
  denied: Map<string, string>;
  /** Names seen in folder listings that look like the temporary files of an interrupted write. */
  listed: string[];
}

function openScope(dirOption: string, io: CliIo): Scope {
  const baseDir = path.resolve(io.cwd, dirOption);
  const denied = new Map<string, string>();
  const recordDenied = (file: string, code: string): void => void (denied.has(file) || denied.set(file, code));
  const boundary = new FileBoundary([baseDir], recordDenied);
  const disk = createNodeFileSystemHost(boundary, recordDenied);
  const listed: string[] = [];
  // Discovery lists every folder it searches: temporary files left by a killed run are noticed on the way.
  const host: FileSystemHost = {
    ...disk,
    readDirectory(dirPath) {
      const names = disk.readDirectory(dirPath);
      for (const name of names) if (TEMPORARY_FILE.test(name)) listed.push(path.join(dirPath, name));
      return names;
    },
  };
  return { dirOption, baseDir, boundary, host, denied, listed };
}

/** The mini programs under the scope's folder, with what discovery did not follow; an error notice when there are none. */
function discover(scope: Scope, io: CliIo, locale: Locale): { roots: string[]; notices: RunNotice[] } {
  const kind = createNodeFileSystemHost().stat(scope.baseDir);
  if (kind !== 'directory') {
    const problem = kind === undefined ? 'directory not found' : 'not a directory';
    return { roots: [], notices: [{ level: 'error', message: `${problem}: ${scope.dirOption}` }] };
  }
  const discovery = discoverMiniPrograms(scope.host, scope.baseDir);
  const notices: RunNotice[] = discovery.problems.map((problem) => ({
    level: problem.severity,
    file: relativePath(scope.baseDir, problem.file),
    message: problem.message[locale],
  }));
  if (discovery.roots.length === 0) notices.push(...deniedNotices(scope));
  if (discovery.roots.length === 0 && !notices.some((notice) => notice.level === 'error')) {
    // Linting a subfolder (e.g. pages/) of a mini program is a common slip: point at the enclosing root.
    const enclosing = findRootForFile(scope.host, path.join(scope.baseDir, 'app.json'));
    const hint = enclosing
      ? `; it is inside the mini program at ${path.relative(io.cwd, enclosing) || '.'}, lint that folder instead`
      : ' (looked for an app.json with a "pages" array, a uni-app pages.json with manifest.json, and a Taro src/app.config.*)';
    notices.push({ level: 'error', message: `no mini program found under ${scope.dirOption}${hint}` });
    // What the folder holds instead (build output, another framework's project) and what to do about it.
    if (!enclosing)
      for (const note of guidanceFor(scope.host, scope.baseDir).notes)
        notices.push({ level: 'note', message: note[locale] });
  }
  for (const root of discovery.roots) {
    if (!isBuildOutput(root)) continue;
    const message =
      locale === 'zh-cn'
        ? '构建输出：如果它由源码编译而来（uni-app、Taro 或其他框架），问题位置指向编译后的文件，请在源码中修复。'
        : 'build output: if it is compiled from sources (uni-app, Taro, another framework), findings point into compiled files; fix them in the sources.';
    notices.push({ level: 'note', file: relativePath(scope.baseDir, root), message });
  }
  return { roots: discovery.roots, notices };
}

/**
 * Paths that could not be read for lack of permission, each once and only the outermost (an unreadable folder,
 * not every file below it), named as the user would (below the folder as given, not its real path).
 */
function deniedNotices(scope: Scope): RunNotice[] {
  const realBase = scope.boundary.locate(scope.baseDir)?.real ?? scope.baseDir;
  const lexical = [...scope.denied.keys()]
    .map((file) => (isInside(realBase, file) ? path.join(scope.baseDir, path.relative(realBase, file)) : file))
    .sort();
  const outermost = lexical.filter(
    (file, i) => !lexical.slice(0, i).some((other) => other !== file && isInside(other, file)),
  );
  scope.denied.clear();
  return [...new Set(outermost)].map((file) => ({
    level: 'error',
    file: relativePath(scope.baseDir, file),
    message: 'permission denied; mp-privacy could not read it, so it was not checked',
  }));
}

/** A configuration found above the linted folder changes the results: say which one. */
function configNotices(host: FileSystemHost, scope: Scope, roots: readonly string[]): RunNotice[] {
  const outside = new Set(
    roots
      .map((root) => loadProjectConfig(host, root).file)
      .filter((file): file is string => file !== undefined && !isInside(scope.baseDir, file)),
  );
  return [...outside].map((file) => ({
    level: 'note',
    file: relativePath(scope.baseDir, file),
    message: `used this configuration, which is outside ${scope.dirOption}`,
  }));
}

/** One line per notice on stderr, naming its path as the user would type it (relative to the working folder). */
function printNotices(notices: readonly RunNotice[], scope: Scope, io: CliIo): void {
  for (const notice of notices) {
    const prefix = notice.level === 'warning' ? 'warning: ' : '';
    const where =
      notice.file === undefined ? '' : `${printable(displayPath(path.resolve(scope.baseDir, notice.file), io))}: `;
    io.stderr(`mp-privacy: ${prefix}${where}${printable(notice.message)}\n`);
  }
}

/** Relative to the working folder when below it, else absolute: never a long climb of '../'. */
function displayPath(file: string, io: CliIo): string {
  const relative = path.relative(io.cwd, file);
  return !relative ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Control characters of a path (a folder may be named anything) are shown escaped, never sent to the terminal. */
function printable(value: string): string {
  return terminalText(value);
}

function writeOutput(output: string, target: string | undefined, io: CliIo): boolean {
  if (!target) {
    io.stdout(output);
    return true;
  }
  try {
    const file = path.resolve(io.cwd, target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const boundary = new FileBoundary([path.dirname(file)]);
    const located = boundary.locate(file);
    // A device or a pipe (-o /dev/stdout) is written as it is; a file is replaced whole, never through a link.
    if (located && located.kind === 'other' && !located.link) {
      fs.writeFileSync(located.real, output);
      return true;
    }
    const original =
      located?.kind === 'file' && !located.link ? decodeText(fs.readFileSync(located.real)).text : undefined;
    const committed = commitWrites(boundary, [{ file, content: output, original }]);
    if (committed.ok) return true;
    io.stderr(`mp-privacy: cannot write report to ${printable(target)}: ${committed.reason}\n`);
    return false;
  } catch (error) {
    io.stderr(`mp-privacy: cannot write report to ${printable(target)}: ${errorMessage(error)}\n`);
    return false;
  }
}

/**
 * Commands that write one output made from the mini programs found (inventory, journey): notices on stderr,
 * exit 2 when nothing was found or part of it could not be checked.
 */
function outputPerRoot(
  dir: string,
  target: string | undefined,
  io: CliIo,
  locale: Locale,
  produce: (scope: Scope, roots: string[]) => string,
): number {
  const scope = openScope(dir, io);
  const found = discover(scope, io, locale);
  if (found.roots.length === 0) {
    printNotices(found.notices, scope, io);
    return EXIT_USAGE_OR_FAILURE;
  }
  const output = produce(scope, found.roots);
  const notices = [...found.notices, ...deniedNotices(scope)];
  printNotices(notices, scope, io);
  const written = writeOutput(output, target, io);
  return written && !notices.some((notice) => notice.level === 'error') ? EXIT_OK : EXIT_USAGE_OR_FAILURE;
}

function inventory(options: InventoryOptions, io: CliIo): number {
  const locale = options.locale ?? localeFromEnvironment(io.env);
  return outputPerRoot(options.dir, options.output, io, locale, (scope, roots) => {
    const analyzer = new ProjectAnalyzer(scope.host);
    const report = {
      baseDir: scope.baseDir,
      inventories: roots.map((root) => analyzer.inventory(root)),
      read: (file: string) => scope.host.readFile(file),
    };
    return formatInventory(report, options.format, locale);
  });
}

function journey(options: JourneyOptions, io: CliIo): number {
  return outputPerRoot(options.dir, options.output, io, localeFromEnvironment(io.env), (scope, roots) => {
    const analyzer = new ProjectAnalyzer(new CachingFileSystemHost(scope.host));
    const journeys = roots.map((root) => analyzer.journey(root));
    return formatJourney(journeys, options.format, (root) =>
      path.relative(scope.baseDir, root).split(path.sep).join('/'),
    );
  });
}

function lint(options: LintOptions, io: CliIo, debug: boolean): number {
  const locale = options.locale ?? localeFromEnvironment(io.env);
  const scope = openScope(options.dir, io);
  const { host, baseDir } = scope;
  const realBase = scope.boundary.locate(baseDir);
  const journal = realBase?.kind === 'directory' ? new Journal(realBase.real) : undefined;
  // A fix killed half-way is finished first, so that what is linted is one state or the other.
  const recovered = journal?.recover(scope.boundary);
  const found = discover(scope, io, locale);
  if (recovered?.completed.length)
    found.notices.push({
      level: 'note',
      message: `finished a fix that was stopped half-way (${recovered.completed.length} file${recovered.completed.length === 1 ? '' : 's'} written)`,
    });
  for (const file of recovered?.changed ?? [])
    found.notices.push({
      level: 'warning',
      file: relativePath(baseDir, file),
      message: 'a fix that was stopped half-way was not finished here: the file changed since',
    });
  if (found.roots.length === 0) {
    printNotices(found.notices, scope, io);
    // CI uploads the report file whatever happened: a machine-readable format always gets a valid one.
    if (options.format !== 'text')
      writeOutput(
        formatters[options.format](
          buildReport(packageInfo(), baseDir, [], () => undefined, found.notices),
          locale,
        ),
        options.output,
        io,
      );
    return EXIT_USAGE_OR_FAILURE;
  }
  if (options.fix) {
    // Paths as the user would type them, like every other line on stderr.
    const outcome = applyAutomaticFixes(host, scope.boundary, found.roots, (file) => displayPath(file, io), journal);
    for (const applied of outcome.applied)
      io.stderr(`mp-privacy: fixed ${applied.ruleId} in ${printable(applied.file)}: ${printable(applied.title)}\n`);
    for (const skipped of outcome.skipped)
      io.stderr(
        `mp-privacy: did not fix ${skipped.ruleId} in ${printable(skipped.file)}: ${printable(skipped.reason)}\n`,
      );
    if (outcome.notWritten)
      io.stderr(
        `mp-privacy: no fix was written: ${printable(outcome.notWritten.file)}: ${printable(outcome.notWritten.reason)}\n`,
      );
  }
  const strays = removeStrayTemporaryFiles(scope.listed);
  if (strays > 0)
    found.notices.push({
      level: 'note',
      message: `removed ${strays} temporary file${strays === 1 ? '' : 's'} left by an mp-privacy run that was stopped`,
    });

  // One consistent snapshot of the files, each read once (fixes, if any, are written already).
  const snapshot = new CachingFileSystemHost(host);
  const analysed = analyseRoots(snapshot, found.roots);
  for (const outcome of analysed) {
    if (debug && outcome.stack) io.stderr(`${outcome.stack}\n`);
  }
  const baseline = applyBaseline(
    options.baseline,
    io.cwd,
    baseDir,
    analysed,
    (file) => snapshot.readFile(file),
    locale,
  );
  if ('error' in baseline) {
    printNotices(found.notices, scope, io);
    io.stderr(`mp-privacy: ${baseline.error}\n`);
    return EXIT_USAGE_OR_FAILURE;
  }

  const report = buildReport(packageInfo(), baseDir, baseline.outcomes, (file) => snapshot.readFile(file), [
    ...found.notices,
    ...configNotices(snapshot, scope, found.roots),
    ...deniedNotices(scope),
    ...baseline.notices,
  ]);
  if (baseline.summary) report.baseline = baseline.summary;
  printNotices(report.notices, scope, io);
  for (const failure of report.failures) io.stderr(`mp-privacy: ${describeFailure(failure)}\n`);

  const output = formatters[options.format](report, locale);
  if (!writeOutput(output, options.output, io)) return EXIT_USAGE_OR_FAILURE;
  return exitCode(report);
}

export function exitCode(report: LintReport): number {
  if (report.failures.length > 0 || report.notices.some((notice) => notice.level === 'error'))
    return EXIT_USAGE_OR_FAILURE;
  return report.findings.some((finding) => finding.severity === 'error') ? EXIT_ERROR_FINDINGS : EXIT_OK;
}
