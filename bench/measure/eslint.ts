/** ESLint (flat config, @eslint/js recommended) over the .js files the engine parses, in a fresh process. */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { EngineFiles } from './engine-files';

export interface EslintResult {
  lintMs: number;
  loadMs: number;
  files: number;
  errors: number;
  warnings: number;
}

const MINI_PROGRAM_GLOBALS = [
  'wx',
  'App',
  'Page',
  'Component',
  'Behavior',
  'getApp',
  'getCurrentPages',
  'require',
  'module',
  'exports',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'requirePlugin',
  '__wxConfig',
];

/** Child mode. */
export async function childEslint(dir: string, engineFilesJson: string): Promise<EslintResult> {
  const { parsed } = JSON.parse(fs.readFileSync(engineFilesJson, 'utf8')) as EngineFiles;
  const loadStart = performance.now();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ESLint } = require('eslint') as typeof import('eslint');
  const js = require('@eslint/js') as { configs: { recommended: unknown } };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const globals = Object.fromEntries(MINI_PROGRAM_GLOBALS.map((name) => [name, 'readonly' as const]));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    // Every file counts, even under names ESLint ignores by default (miniprogram_npm is parsed by the engine too).
    ignore: false,
    overrideConfig: [
      js.configs.recommended as never,
      { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals } },
    ],
  });
  const files = parsed.filter((f) => f.kind === 'script' && f.file.endsWith('.js')).map((f) => f.file);
  const loadMs = performance.now() - loadStart;
  const start = performance.now();
  const results = await eslint.lintFiles(files);
  const lintMs = performance.now() - start;
  return {
    lintMs,
    loadMs,
    files: results.length,
    errors: results.reduce((n, r) => n + r.errorCount, 0),
    warnings: results.reduce((n, r) => n + r.warningCount, 0),
  };
}
