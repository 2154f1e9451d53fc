/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time by function,
 * inclusive time of the engine's own functions, and self time grouped by area (TypeScript parser,
 * htmlparser2, postcss, the engine's folders, fs, GC).
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  selfByFunction: { name: string; ms: number }[];
  inclusiveEngine: { name: string; ms: number }[];
  byArea: { area: string; ms: number }[];
}

function shortUrl(url: string): string {
  const marker = url.indexOf('/out/');
  if (marker >= 0) return url.slice(marker + 5);
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + 14);
  return url.replace(/^file:\/\//, '');
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  if (url.includes('/node_modules/typescript/')) return 'typescript (parser)';
  if (url.includes('/node_modules/htmlparser2/') || url.includes('/node_modules/entities/'))
    return 'htmlparser2 (wxml)';
  if (url.includes('/node_modules/postcss')) return 'postcss (wxss)';
  if (url.includes('/node_modules/jsonc-parser/')) return 'jsonc-parser';
  if (url.includes('/node_modules/picomatch/')) return 'picomatch';
  if (url.includes('/node_modules/vscode-')) return 'vscode-languageserver/jsonrpc';
  const engine = /\/out\/server\/src\/(engine\/(?:[a-z-]+\/)?[a-z-]+|lsp\/[a-z-]+|cli\/(?:[a-z-]+\/)?[a-z-]+)\.js/.exec(
    url,
  );
  if (engine) return engine[1];
  if (url.startsWith('node:fs') || url.includes('internal/fs')) return 'node fs';
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    total += ms;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    // Inclusive time of engine functions: each function once per sample, however deep the recursion.
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!;
      if (!/\/out\/server\/src\//.test(frame.callFrame.url)) continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    selfByFunction: sorted(self)
      .filter(([name]) => name !== '(idle)')
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms })),
    inclusiveEngine: sorted(inclusive)
      .slice(0, top + 6)
      .map(([name, ms]) => ({ name, ms })),
    byArea: sorted(areas)
      .filter(([area]) => area !== '(idle)')
      .map(([area, ms]) => ({ area, ms })),
  };
}

export function formatProfile(title: string, summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1).padStart(5)}%`;
  const lines = [`${title} (sampled ${summary.totalMs.toFixed(0)} ms)`, '  self time by area:'];
  for (const { area, ms } of summary.byArea.slice(0, 12))
    lines.push(`    ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${area}`);
  lines.push('  self time by function:');
  for (const { name, ms } of summary.selfByFunction)
    lines.push(`    ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${name}`);
  lines.push('  inclusive time of engine/adapter functions:');
  for (const { name, ms } of summary.inclusiveEngine)
    lines.push(`    ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${name}`);
  return lines.join('\n');
}

/** The newest .cpuprofile in a folder (node names them by time and pid). */
export function newestProfile(dir: string): string | undefined {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (!files.length) return undefined;
  return files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}
