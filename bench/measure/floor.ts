/**
 * The parse floor: a fresh process that loads the engine's parsers, reads the files the engine parses in a
 * cold lint (engine-files.ts) the way the engine reads them, and parses each with the same parser. A
 * stylesheet's rules are parsed only where the engine parsed them. The whole process (start-up, loading,
 * reading, parsing) is what a cold lint is compared with.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { EngineFiles, ParserKind } from './engine-files';

export interface FloorResult {
  parseMs: number;
  readMs: number;
  loadMs: number;
  files: number;
  bytes: number;
  byKind: Record<string, { files: number; ms: number; bytes: number }>;
}

/** Child mode: parses the files listed in `engineFilesJson`. */
export function childParseFloor(engineFilesJson: string): FloorResult {
  const { parsed } = JSON.parse(fs.readFileSync(engineFilesJson, 'utf8')) as EngineFiles;
  const loadStart = performance.now();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseWxml } =
    require('../../server/src/engine/parse/wxml') as typeof import('../../server/src/engine/parse/wxml');
  const { parseScript } =
    require('../../server/src/engine/parse/script') as typeof import('../../server/src/engine/parse/script');
  const { parseJsonc } =
    require('../../server/src/engine/parse/jsonc') as typeof import('../../server/src/engine/parse/jsonc');
  const { parseVue } =
    require('../../server/src/engine/parse/vue') as typeof import('../../server/src/engine/parse/vue');
  const { parseWxss } =
    require('../../server/src/engine/parse/wxss') as typeof import('../../server/src/engine/parse/wxss');
  const { decodeText } =
    require('../../server/src/engine/text/encoding') as typeof import('../../server/src/engine/text/encoding');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const loadMs = performance.now() - loadStart;
  const readStart = performance.now();
  const files = parsed.map((entry) => ({ ...entry, content: decodeText(fs.readFileSync(entry.file)).text }));
  const readMs = performance.now() - readStart;
  const parsers: Record<ParserKind, (file: string, content: string, rules: boolean) => unknown> = {
    wxml: parseWxml,
    script: parseScript,
    json: (_file, content) => parseJsonc(content),
    wxss: (file, content, rules) => (rules ? parseWxss(file, content).rules : parseWxss(file, content)),
    vue: parseVue,
  };
  const byKind: FloorResult['byKind'] = {};
  let sink = 0;
  const start = performance.now();
  for (const { file, kind, content, rules } of files) {
    const t = performance.now();
    sink += parsers[kind](file, content, rules === true) ? 1 : 0;
    const stats = (byKind[kind] ??= { files: 0, ms: 0, bytes: 0 });
    stats.files++;
    stats.ms += performance.now() - t;
    stats.bytes += content.length;
  }
  const parseMs = performance.now() - start;
  if (sink < 0) console.log(sink);
  return {
    parseMs,
    readMs,
    loadMs,
    files: files.length,
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
    byKind,
  };
}
