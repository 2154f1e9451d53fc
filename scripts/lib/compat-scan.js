'use strict';
// The bundles target Node 16 (VS Code 1.67's extension host, Electron 17). esbuild lowers syntax but not
// library calls, so this scan looks for well-known APIs added after Node 16.13 in the bundled code.
const fs = require('fs');
const path = require('path');

const NEWER_THAN_NODE_16 = [
  ['structuredClone(', '17.0'],
  ['.findLast(', '18.0'],
  ['.findLastIndex(', '18.0'],
  ['.toSorted(', '20.0'],
  ['.toReversed(', '20.0'],
  ['.toSpliced(', '20.0'],
  ['Object.groupBy(', '21.0'],
  ['Map.groupBy(', '21.0'],
  ['Array.fromAsync(', '22.0'],
  ['AbortSignal.timeout(', '17.3'],
  ['AbortSignal.any(', '20.3'],
  ['fetch(', '18.0'],
  ['.isWellFormed(', '20.0'],
  ['Promise.withResolvers(', '22.0'],
];

/** Uses that are known not to run: the API is only reached on paths this extension never takes. */
const ALLOWED = [{ file: 'client.js', api: 'fetch(', reason: '@vscode/l10n fetches http(s) bundles; the client reads its bundle from disk' }];

function scanBundles(dir) {
  const findings = [];
  for (const file of ['client.js', 'server.js']) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [api, since] of NEWER_THAN_NODE_16) {
      const count = text.split(api).length - 1;
      if (count === 0) continue;
      const allowed = ALLOWED.find((a) => a.file === file && a.api === api);
      findings.push({ file, api, since, count, allowed: allowed?.reason });
    }
  }
  return findings;
}

module.exports = { scanBundles };
