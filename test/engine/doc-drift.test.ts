import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * ARCHITECTURE.md and README.md stay true to the tree: every file, folder, npm script and CLI command they name
 * exists, and every source folder has its place in ARCHITECTURE.md's code map.
 */
const REPO = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
const SKIPPED = new Set(['node_modules', 'out', '.git', 'fixtures', 'dist', '.vscode-test']);

function walk(dir: string, found: { files: Set<string>; dirs: Set<string> } = { files: new Set(), dirs: new Set() }) {
  for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    if ((entry.name.startsWith('.') && entry.name !== '.ci') || entry.name === 'node_modules' || entry.name === '.git')
      continue;
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      found.dirs.add(relative);
      // Generated or third-party trees are named but not walked (fixtures are mini programs, not our code).
      if (!SKIPPED.has(entry.name)) walk(relative, found);
    } else found.files.add(relative);
  }
  return found;
}

const tree = walk('');
const fileNames = new Set([...tree.files].map((f) => path.posix.basename(f)));
const dirNames = new Set([...tree.dirs].map((d) => path.posix.basename(d)));

/** What the build and the e2e suite write (named as outputs, absent from a fresh clone), and what lies outside the repository. */
const NOT_IN_A_CLONE = /^(\.\.\/|dist\/|test-artifacts\/|extension\/)/;

/** Files and folders of the user's uni-app / Taro project the docs name (like app.json above), not of ours. */
const USER_PROJECT_FILES = /^((src\/)?app\.config\.(ts|js)|unpackage\/)$/;

/** The code spans of a Markdown text that name a file or folder of ours (`parse/`, `host.ts`, `server/bin/`). */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
  return spans.filter(
    (span) =>
      !NOT_IN_A_CLONE.test(span) &&
      /^[\w@-][\w.@-]*(\/[\w.@-]+)*\/?$/.test(span) &&
      (span.endsWith('/') || /\.(ts|js|md|json|tsv|mjs)$/.test(span)) &&
      !/^(app|project\.config|pages|manifest|ext|package\.nls.*|mp-privacy\.config|mp-privacy-baseline|sitemap|tsconfig)\.json$/.test(
        span,
      ) &&
      !USER_PROJECT_FILES.test(span),
  );
}

/** Whether a named path exists: whole from the root, or as the tail of a path in the tree (`rules/support/`). */
function exists(named: string): boolean {
  const clean = named.replace(/\/$/, '');
  if (fs.existsSync(path.join(REPO, clean))) return true;
  const pool = named.endsWith('/') ? [...tree.dirs] : [...tree.files];
  if (clean.includes('/')) return pool.some((p) => p === clean || p.endsWith(`/${clean}`));
  return named.endsWith('/') ? dirNames.has(clean) : fileNames.has(clean);
}

describe('documentation matches the tree', () => {
  for (const doc of ['ARCHITECTURE.md', 'README.md']) {
    it(`every file and folder ${doc} names exists`, () => {
      const named = namedPaths(read(doc));
      assert.ok(named.length >= (doc === 'ARCHITECTURE.md' ? 40 : 3), `${doc} names paths (found ${named.length})`);
      assert.deepEqual(
        named.filter((n) => !exists(n)),
        [],
        `named in ${doc} but not in the tree`,
      );
    });

    it(`every npm script and CLI command ${doc} names exists`, () => {
      const markdown = read(doc);
      const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
      const npmRuns = [...markdown.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
      assert.deepEqual(
        [...new Set(npmRuns)].filter((s) => !scripts.includes(s)),
        [],
        `npm scripts named in ${doc}`,
      );
      const help = spawnSync(process.execPath, [path.join(REPO, 'server/bin/mp-privacy.js'), '--help'], {
        encoding: 'utf8',
      });
      const usage = help.stdout + help.stderr;
      const commands = [...markdown.matchAll(/`mp-privacy ([a-z][\w-]*)/g)].map((m) => m[1]);
      assert.ok(commands.length > 0, `${doc} names CLI commands`);
      assert.deepEqual(
        [...new Set(commands)].filter((c) => !new RegExp(`\\bmp-privacy ${c}\\b`).test(usage)),
        [],
        `commands named in ${doc} but not in mp-privacy --help`,
      );
    });
  }

  it('every source folder has its place in ARCHITECTURE.md', () => {
    const architecture = read('ARCHITECTURE.md');
    const sourceRoots = [
      'server',
      'client',
      'scripts',
      'bench',
      'eval',
      'test',
      'docs',
      'examples',
      'snippets',
      'l10n',
      '.ci',
    ];
    const folders = [...tree.dirs].filter(
      (d) =>
        sourceRoots.some(
          (root) =>
            d === root ||
            (d.startsWith(`${root}/`) && root !== 'examples' && root !== 'docs' && !d.startsWith('test/')),
        ) || /^test\/[^/]+$/.test(d),
    );
    assert.ok(folders.length > 20, `source folders found: ${folders.length}`);
    const missing = folders.filter((folder) => {
      const name = path.posix.basename(folder);
      return (
        !architecture.includes(`${folder}/`) &&
        !architecture.includes(`\`${name}/\``) &&
        !architecture.includes(`${name}/\``) &&
        !architecture.includes(`(\`${name}/`) &&
        !new RegExp(`\`[^\`]*\\b${name}/`).test(architecture)
      );
    });
    assert.deepEqual(missing, [], 'folders ARCHITECTURE.md does not place');
  });
});
