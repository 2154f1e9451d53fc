import * as path from 'path';
import picomatch from 'picomatch';
import type { FileSystemHost } from './host';
import type { ParseProblem, Severity } from './types';
import { text } from './types';
import { parseJsonc } from './parse';

export const CONFIG_FILE_NAME = 'mp-privacy.config.json';

export type RuleSetting = Severity | 'off';

/** The project configuration, `mp-privacy.config.json`; editor settings use the same shape. */
export interface ProjectConfig {
  /** Per-rule severity, or `off`. */
  rules?: Record<string, RuleSetting>;
  /** Globs (relative to the mini program root) of files whose findings are not reported. */
  ignore?: string[];
  /** Hosts of the app's own API servers (personal data sent elsewhere is reported). */
  apiHosts?: string[];
}

export interface LoadedConfig {
  config: ProjectConfig;
  file?: string;
  problems: ParseProblem[];
}

const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/** Keeps only well-formed entries, noting what was dropped, so a typo never silently changes results. */
export function validateConfig(value: unknown, file: string, problems: ParseProblem[]): ProjectConfig {
  const config: ProjectConfig = {};
  const complain = (en: string, zh: string) =>
    problems.push({ file, start: 0, end: 0, severity: 'warning', message: text(en, zh) });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    if (value !== undefined)
      complain(`${path.basename(file)} must hold a JSON object.`, `${path.basename(file)} 必须是一个 JSON 对象。`);
    return config;
  }
  const raw = value as Record<string, unknown>;
  if (raw.rules && typeof raw.rules === 'object') {
    config.rules = {};
    for (const [id, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (typeof setting === 'string' && (SETTINGS as string[]).includes(setting))
        config.rules[id] = setting as RuleSetting;
      else
        complain(
          `"rules.${id}" must be one of ${SETTINGS.join(', ')}.`,
          `"rules.${id}" 必须是 ${SETTINGS.join('、')} 之一。`,
        );
    }
  }
  for (const key of ['ignore', 'apiHosts'] as const) {
    const list = raw[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) config[key] = list;
    else complain(`"${key}" must be an array of strings.`, `"${key}" 必须是字符串数组。`);
  }
  return config;
}

/**
 * Finds `mp-privacy.config.json` in the mini program root or the folders above it, up to the project folder
 * (the one holding project.config.json, package.json or .git). The nearest wins.
 */
export function loadProjectConfig(host: FileSystemHost, root: string): LoadedConfig {
  for (const dir of foldersUpToProject(host, root)) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    const content = host.readFile(file);
    if (content !== undefined) {
      const problems: ParseProblem[] = [];
      const parsed = parseJsonc(content);
      if (parsed.errors.length) {
        const first = parsed.errors[0];
        problems.push({
          file,
          start: first.offset,
          end: Math.min(content.length, first.offset + Math.max(1, first.length)),
          severity: 'warning',
          message: text(
            `${CONFIG_FILE_NAME} has a syntax error (${first.message}); defaults are used where it could not be read.`,
            `${CONFIG_FILE_NAME} 存在语法错误（${first.message}）；无法读取的部分使用默认值。`,
          ),
        });
      }
      return { config: validateConfig(parsed.value, file, problems), file, problems };
    }
  }
  return { config: {}, problems: [] };
}

/**
 * Where project-wide files (the configuration, the baseline) are looked for: the root, then the folders above
 * it up to the project folder (one holding project.config.json, package.json or .git), six at most.
 */
export function* foldersUpToProject(host: FileSystemHost, root: string): Generator<string> {
  let dir = path.resolve(root);
  for (let depth = 0; depth < 6; depth++) {
    yield dir;
    const isProjectFolder = ['project.config.json', 'package.json', '.git'].some(
      (name) => host.stat(path.join(dir, name)) !== undefined,
    );
    const parent = path.dirname(dir);
    if (isProjectFolder || parent === dir) break;
    dir = parent;
  }
}

/** Later configs win rule by rule; ignore globs and hosts add up. */
export function mergeConfigs(...configs: (ProjectConfig | undefined)[]): ProjectConfig {
  const merged: ProjectConfig = {};
  for (const config of configs) {
    if (!config) continue;
    if (config.rules) merged.rules = { ...merged.rules, ...config.rules };
    if (config.ignore) merged.ignore = [...(merged.ignore ?? []), ...config.ignore];
    if (config.apiHosts) merged.apiHosts = [...(merged.apiHosts ?? []), ...config.apiHosts];
  }
  return merged;
}

/** A predicate over absolute paths: true when the file matches an ignore glob (relative to the root). */
export function ignoreMatcher(root: string, globs: readonly string[] | undefined): (file: string) => boolean {
  if (!globs?.length) return () => false;
  const match = picomatch(globs as string[], { dot: true });
  return (file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    return !relative.startsWith('..') && match(relative);
  };
}
