#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to out/ by `npm run build`.
const path = require('path');
// Node 22.1+ keeps compiled code on disk between runs (the engine loads the 9 MB TypeScript compiler); Node 20
// has no such cache and starts as before.
const { enableCompileCache } = require('module');
if (typeof enableCompileCache === 'function') enableCompileCache();

const compiled = path.join(__dirname, '..', '..', 'out', 'server', 'src', 'cli', 'main.js');
let cli;
try {
  cli = require(compiled);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(compiled)) {
    process.stderr.write('mp-privacy: the CLI is not built; run "npm run build" first.\n');
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2));
