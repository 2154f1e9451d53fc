#!/usr/bin/env node
'use strict';
// Bundles the extension with esbuild into dist/extension/:
//   client.js  the VS Code / WeChat DevTools extension entry (`main`); `vscode` is provided by the host.
//   server.js  the language server, standalone: it carries the engine and its dependencies, including the
//              TypeScript compiler the script parser uses, so `node server.js --stdio` runs without node_modules.
// Target node16: VS Code 1.67 (engines.vscode) runs extensions on Electron 17 = Node 16.13.
// `--dev` keeps the bundles readable with source maps.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
const outDir = path.join(repoRoot, 'dist', 'extension');
const TARGET = 'node16';

/**
 * @vue/compiler-core (the .vue parser, server/src/engine/parse/vue.ts) requires @babel/parser and
 * source-map-js at load time, for expression rewriting and code generation; parsing a template needs
 * neither. They are replaced by a stub that throws if ever called, which keeps 340 KB out of server.js.
 */
const VUE_COMPILER_UNUSED = /^(@babel\/parser|source-map-js)$/;
const stubVueCompilerExtras = {
  name: 'stub-vue-compiler-extras',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: VUE_COMPILER_UNUSED }, (args) =>
      /[\\/]@vue[\\/]compiler-core[\\/]/.test(args.importer) ? { path: args.path, namespace: 'vue-compiler-stub' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'vue-compiler-stub' }, (args) => ({
      contents: `const unused = () => { throw new Error(${JSON.stringify(`${args.path} is not bundled: mp-privacy only parses Vue templates`)}); };\nmodule.exports = new Proxy({}, { get: (_target, key) => (key === '__esModule' ? false : unused) });\n`,
      loader: 'js',
    }));
  },
};

async function build({ dev = false, log = console.log } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: TARGET,
    // jsonc-parser's UMD build requires its modules dynamically; its ES module build bundles cleanly.
    mainFields: ['module', 'main'],
    minify: !dev,
    sourcemap: dev ? 'linked' : false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  const started = Date.now();
  const results = await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(repoRoot, 'client', 'src', 'extension.ts')], outfile: path.join(outDir, 'client.js'), external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: [path.join(repoRoot, 'server', 'src', 'lsp', 'main.ts')], outfile: path.join(outDir, 'server.js'), plugins: [stubVueCompilerExtras] }),
  ]);
  const sizes = {};
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      sizes[path.basename(file)] = info.bytes;
    }
  }
  // How much of the server bundle is the TypeScript compiler (the engine's script parser).
  const serverOutput = Object.entries(results[1].metafile.outputs).find(([file]) => file.endsWith('server.js'))[1];
  const typescriptBytes = Object.entries(serverOutput.inputs)
    .filter(([input]) => input.includes('node_modules/typescript/'))
    .reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
  log(`bundled in ${Date.now() - started} ms: client.js ${kb(sizes['client.js'])}, server.js ${kb(sizes['server.js'])} (of which TypeScript ${kb(typescriptBytes)})`);
  return { sizes, typescriptBytes, outDir };
}

function kb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

if (require.main === module) {
  build({ dev: process.argv.includes('--dev') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { build, kb, outDir, stubVueCompilerExtras };
