#!/usr/bin/env node
'use strict';
// The language server, compiled by `tsc -b` into out/. Pass the transport: --stdio, --node-ipc, --socket=<port>.
// Node 22.1+ keeps compiled code on disk between runs (the engine loads the 9 MB TypeScript compiler); Node 20
// has no such cache and starts as before.
const { enableCompileCache } = require('module');
if (typeof enableCompileCache === 'function') enableCompileCache();
require('../../out/server/src/lsp/main.js');
