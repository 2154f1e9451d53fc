#!/usr/bin/env node
'use strict';
// The language server, compiled by `tsc -b` into out/. Pass the transport: --stdio, --node-ipc, --socket=<port>.
require('../../out/server/src/lsp/main.js');
