import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, FileBoundary, allRules, decodeText } from '../engine/index';
import { commitWrites, isSymbolicLink } from './safe-write';

/** The starter configuration: every rule at its default, so users see what they can change. */
export function starterConfig(): string {
  const rules = Object.fromEntries(allRules.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));
  return `${JSON.stringify({ rules, ignore: ['miniprogram_npm/**'], apiHosts: [] }, null, 2)}\n`;
}

/**
 * Writes mp-privacy.config.json into `dir`; returns an error message instead of overwriting without --force, or
 * of writing through a symbolic link (a dangling one included: it would create the file wherever it points).
 */
export function writeStarterConfig(dir: string, force: boolean): { file: string; error?: string } {
  const file = path.join(dir, CONFIG_FILE_NAME);
  const boundary = new FileBoundary([dir]);
  const located = boundary.locate(file);
  if (isSymbolicLink(file))
    return {
      file,
      error: `${CONFIG_FILE_NAME} is a symbolic link; mp-privacy does not write through links (remove it first)`,
    };
  if (located?.kind !== 'missing' && !force)
    return { file, error: `${CONFIG_FILE_NAME} already exists (use --force to overwrite)` };
  const original = located?.kind === 'file' ? decodeText(fs.readFileSync(located.real)).text : undefined;
  const committed = commitWrites(boundary, [{ file, content: starterConfig(), original }]);
  return committed.ok ? { file } : { file, error: `cannot write ${CONFIG_FILE_NAME}: ${committed.reason}` };
}
