/**
 * The floor of an edit: re-parsing only the edited file. A child process with the server's heap settings loads
 * the same sequence of edited texts as the language server measurement (edits.ts), one file per edit, through
 * the engine's parse cache (read, parse, per-file facts), warm; nothing else of the project is read.
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import { performance } from 'perf_hooks';
import { editedText } from './edits';

export interface PageParseResult {
  /** Per edit: ms to re-parse the edited file, in the order of the server's flushed edits. */
  parseMs: number[];
}

/** Child mode: `edits` edits of `targets` (alternating, as lsp.ts does), each file re-parsed once per edit. */
export function childPageParse(targets: string[], edits: number): PageParseResult {
  v8.setFlagsFromString('--heap-growing-percent=30 --semi-space-growth-factor=1');
  /* eslint-disable @typescript-eslint/no-require-imports */
  const engine = require('../../server/src/engine') as typeof import('../../server/src/engine');
  const model = require('../../server/src/engine/model') as typeof import('../../server/src/engine/model');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const host = new engine.OverlayFileSystemHost(engine.createNodeFileSystemHost());
  const cache = new model.ParsedFileCache(host);
  const bases = targets.map((file) => fs.readFileSync(file, 'utf8'));
  const kindOf = (file: string) => (file.endsWith('.wxml') ? 'wxml' : 'script');
  const parse = (i: number): number => {
    const which = i % targets.length;
    const file = targets[which];
    host.set(file, editedText(file, bases[which], i));
    const start = performance.now();
    cache.load(file, kindOf(file), [], new Set());
    return performance.now() - start;
  };
  // Warm-up on other edit numbers, as the server is warm after its first analysis.
  for (let i = 0; i < 20; i++) parse(100_000 + i);
  const parseMs: number[] = [];
  for (let i = 0; i < edits; i++) parseMs.push(parse(i));
  return { parseMs };
}
