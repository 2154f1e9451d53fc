/**
 * Runtime strings of the client, localised with @vscode/l10n from l10n/bundle.l10n.<language>.json.
 * `vscode.l10n` would do the same, but it exists only since VS Code 1.73 and this extension supports 1.67
 * (and the WeChat DevTools host). English is the key itself, so a missing bundle falls back to English.
 * The findings, hovers and fix titles are localised by the language server (it receives the locale).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';

/** The bundle file for a VS Code display language (`vscode.env.language`: en, zh-cn, zh-tw, ...). */
export function bundleFor(extensionPath: string, language: string): string | undefined {
  const lower = language.toLowerCase();
  const candidates = [lower];
  // Simplified Chinese under other spellings (zh, zh-hans, zh-hans-cn, zh-sg) uses the zh-cn bundle.
  if (lower === 'zh' || lower.startsWith('zh-hans') || lower === 'zh-sg') candidates.push('zh-cn');
  for (const candidate of candidates) {
    const file = path.join(extensionPath, 'l10n', `bundle.l10n.${candidate}.json`);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

export function configureL10n(extensionPath: string, language: string): void {
  const file = bundleFor(extensionPath, language);
  if (!file) return;
  try {
    l10n.config({ fsPath: file });
  } catch {
    // A broken bundle must not stop the extension: the strings stay in English.
  }
}

export const t = l10n.t;
