/**
 * Editor settings (`mpPrivacy.*`) mapped onto the engine's ProjectConfig overrides. They are pulled per
 * mini program root with `workspace/configuration` (scopeUri = the root, so folder settings apply), cached,
 * and dropped on `workspace/didChangeConfiguration`. Clients that cannot answer `workspace/configuration`
 * may push them instead: `initializationOptions.settings` or `didChangeConfiguration` `settings`, both
 * shaped `{ mpPrivacy: { enable, rules, ignore } }`.
 */
import type { Connection } from 'vscode-languageserver';
import { ParseProblem, ProjectConfig, validateConfig } from '../engine';
import { pathToUri } from './convert';

export const SETTINGS_SECTION = 'mpPrivacy';

export interface EditorSettings {
  /** false: no diagnostics, code actions or hovers for this root. */
  enable: boolean;
  /** Per-rule severities and ignore globs; they win over mp-privacy.config.json. */
  overrides: ProjectConfig;
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = { enable: true, overrides: {} };

/**
 * Reads the `mpPrivacy` section as an editor returns it. Malformed entries are dropped and described in
 * `problems` (the same validation as mp-privacy.config.json), so a typo never silently changes results.
 */
export function parseEditorSettings(value: unknown, problems: ParseProblem[] = []): EditorSettings {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return DEFAULT_EDITOR_SETTINGS;
  const raw = value as Record<string, unknown>;
  const overrides = validateConfig(
    { rules: raw.rules ?? undefined, ignore: raw.ignore ?? undefined },
    SETTINGS_SECTION,
    problems,
  );
  // An empty object from an editor that has no value for a setting means "no override".
  if (overrides.rules && Object.keys(overrides.rules).length === 0) delete overrides.rules;
  if (overrides.ignore && overrides.ignore.length === 0) delete overrides.ignore;
  return { enable: raw.enable !== false, overrides };
}

/** `{ mpPrivacy: {...} }` from a push-style client, or undefined when the value holds no such section. */
function sectionOf(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object') return undefined;
  return (settings as Record<string, unknown>)[SETTINGS_SECTION];
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<EditorSettings>>();
  private readonly resolved = new Map<string, EditorSettings>();
  private pushed: unknown;
  private pushedParsed: EditorSettings | undefined;
  /** Bumped on every change, so that a stale answer is not cached over a newer state. */
  private generation = 0;

  /** The client answers `workspace/configuration` (known after `initialize`). */
  private canPull = false;

  constructor(private readonly connection: Connection) {}

  /** From `initialize`: whether the client can be asked, and `initializationOptions.settings`. */
  configure(canPull: boolean, initializationSettings: unknown): void {
    this.canPull = canPull;
    this.pushed = sectionOf(initializationSettings);
    this.changed(undefined);
  }

  /** The settings for `root` if they are known now (used by synchronous paths). */
  peek(root: string): EditorSettings | undefined {
    return this.resolved.get(root) ?? (this.canPull ? undefined : this.fromPush());
  }

  /** The settings for `root`; asks the client once per root until they change. Never rejects. */
  get(root: string): Promise<EditorSettings> {
    if (!this.canPull) return Promise.resolve(this.fromPush());
    let pending = this.cache.get(root);
    if (!pending) {
      const generation = this.generation;
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: pathToUri(root), section: SETTINGS_SECTION })
        .then(
          (value: unknown) => this.parse(value),
          (error: unknown) => {
            this.connection.console.warn(
              `mp-privacy: could not read the editor settings (${String(error)}); using defaults.`,
            );
            return DEFAULT_EDITOR_SETTINGS;
          },
        )
        .then((settings) => {
          if (generation === this.generation) this.resolved.set(root, settings);
          return settings;
        });
      this.cache.set(root, pending);
    }
    return pending;
  }

  /** `workspace/didChangeConfiguration`: forget what was read; a push-style client sends the new values. */
  changed(settings: unknown): void {
    this.generation++;
    this.cache.clear();
    this.resolved.clear();
    const section = sectionOf(settings);
    if (section !== undefined) this.pushed = section;
    this.pushedParsed = undefined;
  }

  private fromPush(): EditorSettings {
    return (this.pushedParsed ??= this.parse(this.pushed));
  }

  private parse(value: unknown): EditorSettings {
    const problems: ParseProblem[] = [];
    const settings = parseEditorSettings(value, problems);
    for (const problem of problems)
      this.connection.console.warn(`mp-privacy: ignoring a setting: ${problem.message.en}`);
    return settings;
  }
}
