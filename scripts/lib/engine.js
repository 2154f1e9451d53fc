'use strict';
// Loads the analysis engine straight from its TypeScript sources (bundled by esbuild into a temp file),
// so scripts do not depend on the state of out/.
const esbuild = require('esbuild');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..');

function loadEngine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-engine-'));
  const outfile = path.join(dir, 'engine.js');
  esbuild.buildSync({
    entryPoints: [path.join(repoRoot, 'server', 'src', 'engine', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  try {
    return require(outfile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { loadEngine, repoRoot };
