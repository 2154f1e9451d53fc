import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, allRules } from '../engine/index';

/** The starter configuration: every rule at its default, so users see what they can change. */
export function starterConfig(): string {
  const rules = Object.fromEntries(allRules.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));
  return `${JSON.stringify({ rules, ignore: ['miniprogram_npm/**'], apiHosts: [] }, null, 2)}\n`;
}

/** Writes mp-privacy.config.json into `dir`; returns an error message instead of overwriting without --force. */
export function writeStarterConfig(dir: string, force: boolean): { file: string; error?: string } {
  const file = path.join(dir, CONFIG_FILE_NAME);
  if (fs.existsSync(file) && !force) return { file, error: `${CONFIG_FILE_NAME} already exists (use --force to overwrite)` };
  fs.writeFileSync(file, starterConfig());
  return { file };
}
