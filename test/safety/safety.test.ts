/**
 * Safety invariants, checked on the real processes:
 *   - the CLI and the language server never execute workspace code: every script of the fixture
 *     test/fixtures/safety/exec-marker would leave a marker file if it ran, and none appears;
 *   - they open no network connection, start no process and require() no workspace file: a preload
 *     (network-recorder.ts) records and blocks every such attempt, and its log stays empty;
 *   - fixes never write outside the mini program root: every FileEdit and FileCreation of every fix, in both
 *     locales, over examples/ and the test fixtures, is inside the root.
 * Positive controls prove the marker and the recorder would have caught a violation.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { ProjectAnalyzer, createNodeFileSystemHost, findMiniProgramRoots } from '../../server/src/engine';
import type { Locale } from '../../server/src/engine';
import { cliBin, examplesDir, fixture, fixturesDir } from '../helpers/paths';
import { LspSession, uriOf } from '../lsp/lsp-session';

const RECORDER = path.join(__dirname, 'network-recorder.js');
const LOCALES: Locale[] = ['en', 'zh-cn'];

interface Sandbox {
  /** A copy of the exec-marker fixture (with a node_modules trap added: git does not keep one in the fixture). */
  root: string;
  /** Where the fixture's scripts would write their markers. */
  markers: string;
  /** The recorder's log. */
  log: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

function sandbox(): Sandbox {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-safety-'));
  const root = path.join(parent, 'workspace');
  fs.cpSync(fixture('safety', 'exec-marker'), root, { recursive: true });
  const trap = path.join(root, 'node_modules', 'evil');
  fs.mkdirSync(trap, { recursive: true });
  fs.writeFileSync(
    path.join(trap, 'index.js'),
    "require('fs').writeFileSync(require('path').join(process.env.MP_PRIVACY_MARKER_DIR || __dirname, 'EXECUTED-node_modules'), 'x');\n",
  );
  const markers = path.join(parent, 'markers');
  fs.mkdirSync(markers);
  const log = path.join(parent, 'recorder.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANG: 'C',
    MP_PRIVACY_MARKER_DIR: markers,
    MP_PRIVACY_NET_LOG: log,
    MP_PRIVACY_WORKSPACE: root,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${RECORDER}`.trim(),
  };
  return { root, markers, log, env, cleanup: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** Marker files anywhere in the sandbox: in the marker folder or next to a script that ran. */
function markersIn(box: Sandbox): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.startsWith('EXECUTED')) found.push(path.relative(path.dirname(box.root), full));
    }
  };
  visit(path.dirname(box.root));
  return found;
}

function recorded(box: Sandbox): { kind: string; detail: string; stack: string[] }[] {
  if (!fs.existsSync(box.log)) return [];
  return fs
    .readFileSync(box.log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Scripts (by argv[1] basename) of the processes that ran with the recorder loaded. */
function recorderLoadedIn(box: Sandbox): string[] {
  const file = `${box.log}.loaded`;
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => path.basename(String((JSON.parse(line) as { argv: string[] }).argv[0] ?? '')));
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : [full];
  });
}

describe('safety: workspace code is never run and the network never touched', () => {
  let box: Sandbox;

  before(() => {
    box = sandbox();
  });

  after(() => box?.cleanup());

  it('positive controls: a script of the fixture run by node leaves a marker, and the recorder catches connections, lookups and workspace requires', () => {
    const control = sandbox();
    try {
      const ran = spawnSync(process.execPath, [path.join(control.root, 'utils', 'helper.js')], {
        env: { ...process.env, MP_PRIVACY_MARKER_DIR: control.markers },
        encoding: 'utf8',
      });
      assert.equal(ran.status, 0, ran.stderr);
      assert.deepEqual(markersIn(control), ['markers/EXECUTED-helper.js']);

      const probe = [
        "require('http').get('http://127.0.0.1:9/'); ",
        "require('dns').lookup('localhost', () => {}); ",
        "require('net').connect(9, '127.0.0.1'); ",
        "fetch('http://127.0.0.1:9/'); ",
        "require('child_process').spawnSync('true'); ",
        `require(${JSON.stringify(path.join(control.root, 'utils', 'helper.js'))});`,
      ];
      for (const code of probe) {
        spawnSync(process.execPath, ['-e', `try { ${code} } catch {}`], { env: control.env, encoding: 'utf8' });
      }
      const kinds = recorded(control).map((r) => r.kind);
      for (const kind of [
        'http.get',
        'dns.lookup',
        'net.connect',
        'fetch',
        'child_process.spawnSync',
        'require of a workspace file',
      ]) {
        assert.ok(kinds.includes(kind), `the recorder catches ${kind}; it saw ${kinds.join(', ')}`);
      }
      assert.deepEqual(markersIn(control), ['markers/EXECUTED-helper.js'], 'a blocked require runs nothing');
    } finally {
      control.cleanup();
    }
  });

  it('the CLI lints the fixture in every format without running its code or touching the network', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const run = spawnSync(process.execPath, [cliBin, 'lint', box.root, '--format', format], {
        env: box.env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      assert.match(run.stdout, /phone-on-entry/, 'the fixture was analysed');
    }
    assert.ok(
      recorderLoadedIn(box).includes('mp-privacy.js'),
      `the recorder ran in the CLI processes: ${recorderLoadedIn(box).join(', ')}`,
    );
    assert.deepEqual(markersIn(box), [], 'no workspace script ran');
    assert.deepEqual(recorded(box), [], 'no connection, lookup, process or workspace require');
  });

  it('the language server analyses, hovers and builds every quick-fix without running workspace code or touching the network', async () => {
    const saved = {
      NODE_OPTIONS: process.env.NODE_OPTIONS,
      MP_PRIVACY_NET_LOG: process.env.MP_PRIVACY_NET_LOG,
      MP_PRIVACY_MARKER_DIR: process.env.MP_PRIVACY_MARKER_DIR,
      MP_PRIVACY_WORKSPACE: process.env.MP_PRIVACY_WORKSPACE,
    };
    Object.assign(process.env, {
      NODE_OPTIONS: box.env.NODE_OPTIONS,
      MP_PRIVACY_NET_LOG: box.log,
      MP_PRIVACY_MARKER_DIR: box.markers,
      MP_PRIVACY_WORKSPACE: box.root,
    });
    let session: LspSession | undefined;
    try {
      session = await LspSession.start(box.root);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    try {
      const files = allFiles(box.root)
        .filter((f) => /\.(wxml|js|ts|json|wxss|wxs)$/.test(f))
        .map((f) => path.relative(box.root, f));
      for (const rel of files) await session.open(rel);
      await session.change('pages/index/index.js', `${session.read('pages/index/index.js')}\n// edited\n`);
      await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uriOf(path.join(box.root, 'utils', 'helper.js')), type: FileChangeType.Changed }],
      });
      const findings = await session.settledFindings();
      assert.ok(
        findings.some((f) => f.includes('phone-on-entry')),
        `findings published: ${findings.join(', ')}`,
      );
      let actions = 0;
      for (const rel of files) {
        await session.withTimeout(
          session.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uriOf(session.path(rel)) },
            position: { line: 0, character: 0 },
          }),
          'hover',
        );
        const lines = session.read(rel).split('\n').length;
        const result = await session.withTimeout(
          session.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: uriOf(session.path(rel)) },
            range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
            context: { diagnostics: [] },
          }),
          'code actions',
        );
        actions += result?.length ?? 0;
      }
      assert.ok(actions > 0, 'quick-fixes were built');
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
    assert.ok(
      recorderLoadedIn(box).includes('mp-privacy-language-server.js'),
      `the recorder ran in the server process: ${recorderLoadedIn(box).join(', ')}`,
    );
    assert.deepEqual(markersIn(box), [], 'no workspace script ran');
    assert.deepEqual(recorded(box), [], 'no connection, lookup, process or workspace require');
  });
});

/** Every mini program root under examples/ and test/fixtures/, except the one built to escape (below). */
function fixtureRoots(): string[] {
  const host = createNodeFileSystemHost();
  const roots = [...findMiniProgramRoots(host, examplesDir), ...findMiniProgramRoots(host, fixturesDir)];
  return roots.filter((root) => !root.includes(`${path.sep}escape-root${path.sep}`));
}

/** Files that fixes of a root's findings edit or create outside that root, in both locales. */
function writesOutside(root: string): { fixes: number; outside: string[] } {
  const analysis = new ProjectAnalyzer(createNodeFileSystemHost()).analyze(root);
  let fixes = 0;
  const outside = new Set<string>();
  for (const finding of analysis.findings) {
    for (const fix of finding.fixes) {
      for (const locale of LOCALES) {
        const built = fix.build(locale);
        fixes++;
        for (const file of [...built.edits.map((e) => e.file), ...built.creations.map((c) => c.file)]) {
          const rel = path.relative(root, path.resolve(file));
          if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
            outside.add(`${fix.kind} (${locale}) of ${finding.ruleId}: ${rel}`);
        }
      }
    }
  }
  return { fixes, outside: [...outside] };
}

describe('safety: fixes stay inside the mini program root', () => {
  it('every edit and file creation of every fix over examples/ and the test fixtures is inside its root', () => {
    const roots = fixtureRoots();
    assert.ok(roots.length >= 5, `found the example and fixture roots: ${roots.join(', ')}`);
    let fixes = 0;
    const outside: string[] = [];
    for (const root of roots) {
      const result = writesOutside(root);
      fixes += result.fixes;
      outside.push(...result.outside.map((o) => `${path.relative(fixturesDir, root)}: ${o}`));
    }
    assert.ok(fixes > 20, `fixes were built (${fixes})`);
    assert.deepEqual(outside, []);
  });

  it('app.json paths that climb out of the root ("../outside/login/login", subpackage root "../outside/pkg", component "/../outside/comp/card") never lead a fix outside it', () => {
    const root = fixture('safety', 'escape-root', 'mini');
    assert.deepEqual(writesOutside(root).outside, []);
  });
});
