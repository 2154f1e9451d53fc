#!/usr/bin/env node
'use strict';
// `npm run package`: bundles the extension, writes the VSIX with @vscode/vsce (offline: no dependency
// detection, no repository needed) and unpacks it into the folder WeChat DevTools loads, then checks
// both and prints their sizes.
//
//   dist/<name>-<version>.vsix                          VS Code: Extensions > ... > Install from VSIX
//   dist/devtools/<publisher>.<name>-<version>/         WeChat DevTools: copy this folder into the
//                                                       editor-extension folder (see README, Installation)
//
// The DevTools folder is the VSIX's `extension/` directory byte for byte, i.e. exactly what VS Code
// itself unpacks when it installs the VSIX.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { build, kb } = require('./build');
const { syncRuleSettings } = require('./sync-rule-settings');
const yauzl = require('yauzl');
const { pipeline } = require('stream/promises');
const { checkServerStandalone } = require('./lib/server-check');
const { scanBundles } = require('./lib/compat-scan');

const repoRoot = path.resolve(__dirname, '..');

async function packageExtension({ log = console.log } = {}) {
  syncRuleSettings({ log });
  const { outDir } = await build({ log });
  const compat = scanBundles(outDir);
  for (const finding of compat) log(`  Node ${finding.since}+ API ${finding.api} in ${finding.file} (${finding.count}x)${finding.allowed ? `: allowed, ${finding.allowed}` : ''}`);
  const blocking = compat.filter((finding) => !finding.allowed);
  if (blocking.length) throw new Error('the bundles use Node APIs newer than Node 16 (the target of VS Code 1.67); see above');
  log(`Node 16 API scan: ${compat.length ? 'only allowed uses' : 'nothing newer than Node 16'}`);

  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const vsix = path.join(repoRoot, 'dist', `${manifest.name}-${manifest.version}.vsix`);
  const devtools = path.join(repoRoot, 'dist', 'devtools', `${id}-${manifest.version}`);
  fs.rmSync(vsix, { force: true });

  const hasLicense = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(repoRoot, f)));
  const args = [
    require.resolve('@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    // README links to docs/ and the repository's files; they are kept as they are.
    '--no-rewrite-relative-links',
    ...(hasLicense ? [] : ['--skip-license']),
    '--out',
    vsix,
  ];
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`vsce package: ${path.relative(repoRoot, vsix)} in ${Date.now() - started} ms${hasLicense ? '' : ' (no LICENSE file: packaged with --skip-license)'}`);

  const entries = await zipEntryNames(vsix);
  const offending = entries.filter((name) => /(^|\/)node_modules\/|\.ts$|(^|\/)(test|out|examples|server\/src|client\/src)\//.test(name));
  if (offending.length) throw new Error(`the package holds files it must not: ${offending.slice(0, 10).join(', ')}`);

  fs.rmSync(devtools, { recursive: true, force: true });
  const files = await unzip(vsix, devtools, 'extension/');
  if (!files.includes('package.json') || !files.includes('dist/extension/server.js')) {
    throw new Error(`the unpacked folder lacks package.json or the server bundle: ${files.join(', ')}`);
  }

  const server = path.join(devtools, 'dist', 'extension', 'server.js');
  const check = await checkServerStandalone(server);
  log(`server bundle runs standalone from the unpacked folder: ${check}`);

  const folderBytes = files.reduce((sum, f) => sum + fs.statSync(path.join(devtools, f)).size, 0);
  const bundles = ['client.js', 'server.js'].map((f) => `${f} ${kb(fs.statSync(path.join(devtools, 'dist', 'extension', f)).size)}`);
  log('');
  log('package sizes');
  log(`  VSIX            ${path.relative(repoRoot, vsix)}  ${kb(fs.statSync(vsix).size)} (${entries.length} entries)`);
  log(`  DevTools folder ${path.relative(repoRoot, devtools)}/  ${kb(folderBytes)} in ${files.length} files`);
  log(`  bundles         ${bundles.join(', ')}`);
  return { vsix, devtools, files };
}

/** The names of the entries of a ZIP file (a VSIX), in order. */
async function zipEntryNames(file) {
  const names = [];
  // The zip file is closed when the iteration ends (yauzl's autoClose).
  for await (const entry of (await yauzl.openPromise(file, { lazyEntries: true })).eachEntry()) names.push(entry.fileName);
  return names;
}

/** Extracts the files under `prefix` (e.g. "extension/") into `targetDir`; returns their paths relative to it. */
async function unzip(file, targetDir, prefix) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const written = [];
  // yauzl refuses entries with absolute paths or ".." segments (validateFileName), so nothing lands outside targetDir.
  for await (const entry of zip.eachEntry()) {
    if (!entry.fileName.startsWith(prefix) || entry.fileName.endsWith('/')) continue;
    const relative = entry.fileName.slice(prefix.length);
    const target = path.join(targetDir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(await zip.openReadStreamPromise(entry), fs.createWriteStream(target));
    written.push(relative);
  }
  return written;
}

if (require.main === module) {
  packageExtension().catch((error) => {
    console.error(`package failed: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { packageExtension };
