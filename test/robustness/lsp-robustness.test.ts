/**
 * The language server under abuse, as a real process over stdio: 1,000 random edits (mutated text, lone
 * surrogates, binary bytes, huge lines) with hover and code-action requests in between, cancelled requests,
 * malformed JSON-RPC written raw to stdin, didOpen of a binary file and of a 5 MB file, files deleted and
 * renamed on disk while open (with didChangeWatchedFiles), app.json made invalid and valid again.
 * Afterwards: the process is alive, every request got an answer, the server's memory stayed flat, and its
 * final diagnostics equal a fresh in-process analysis of the final state (open buffers over the disk).
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { fileURLToPath } from 'url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  Diagnostic,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { LineIndex, OverlayFileSystemHost, ProjectAnalyzer, createNodeFileSystemHost } from '../../server/src/engine';
import { LspSession, uriOf } from '../lsp/lsp-session';
import { MEMORY_USAGE_REQUEST } from '../../server/src/lsp/memory-usage';
import { generateProject, writeProject } from '../../bench/generate';
import { FILE_MUTATIONS, binaryText, hugeFile } from '../../bench/mutate';
import { Random } from '../../bench/prng';

const SEED = 20240607;
/** 1,000 by default; MP_PRIVACY_ROBUSTNESS_EDITS runs a longer storm by hand (e.g. to watch memory). */
const EDITS = Number(process.env.MP_PRIVACY_ROBUSTNESS_EDITS) || 1000;
/**
 * Allowed growth of the server's live heap (measured after a full collection) from after warm-up to the end.
 * Resident memory is reported but not judged: it swings by ~200 MB between samples with no leak, as V8 keeps
 * or returns the heap it grew while parsing the 5 MB file.
 */
const LIVE_HEAP_GROWTH_LIMIT_MB = 30;

/** Mutations that keep a buffer editable for the next edit (no whole-file replacement by 5 MB). */
const EDIT_MUTATIONS = FILE_MUTATIONS.filter((m) => !['huge-line', 'deep-nesting'].includes(m.name));

interface Message {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

/** Reads the server's stdout a second time, independently of the client, to see every message it sends. */
class StdoutTap {
  readonly responses = new Map<string, Message>();
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private buffer = Buffer.alloc(0);

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (chunk: Buffer) => this.feed(chunk));
  }

  private feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const message = JSON.parse(body) as Message;
      if (message.method === 'textDocument/publishDiagnostics') {
        const params = message.params as { uri: string; diagnostics: Diagnostic[] };
        this.diagnostics.set(params.uri, params.diagnostics);
      } else if (message.id !== undefined && message.method === undefined)
        this.responses.set(String(message.id), message);
    }
  }
}

function rssOf(pid: number): { rssMB: number; peakMB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

const frame = (body: string): Buffer => {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
};

/** Malformed messages with valid framing. Those with an id and a method are requests and must be answered. */
function malformed(n: number, someUri: string): { body: string; expectsAnswer?: string } {
  const id = `raw-${n}`;
  const cases: { body: string; expectsAnswer?: string }[] = [
    { body: '{"jsonrpc":"2.0","id":' },
    { body: 'this is not json' },
    { body: '[]' },
    { body: '{"jsonrpc":"2.0"}' },
    { body: '{"jsonrpc":"1.0","method":"textDocument/didChange"}' },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri: someUri, version: 'x' }, contentChanges: [{ text: 42 }] },
      }),
    },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: {
          textDocument: { uri: 'file:///nonexistent/\u0000.wxml', languageId: 'wxml', version: 1, text: null },
        },
      }),
    },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'workspace/didChangeWatchedFiles',
        params: {
          changes: [
            { uri: 'not a uri', type: 99 },
            { uri: 'file:///', type: 3 },
          ],
        },
      }),
    },
    { body: JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: null }), expectsAnswer: id },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'textDocument/hover',
        params: { textDocument: { uri: someUri }, position: { line: -5, character: 1e9 } },
      }),
      expectsAnswer: id,
    },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'textDocument/codeAction',
        params: { textDocument: { uri: 42 }, range: 'everything', context: {} },
      }),
      expectsAnswer: id,
    },
    {
      body: JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'textDocument/codeAction',
        params: {
          textDocument: { uri: someUri },
          range: { start: { line: 1e6, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [{ bogus: true }] },
        },
      }),
      expectsAnswer: id,
    },
    { body: JSON.stringify({ jsonrpc: '2.0', id, method: 'no/such/method', params: {} }), expectsAnswer: id },
    { body: JSON.stringify({ jsonrpc: '2.0', id: { object: 'id' }, method: 'textDocument/hover', params: {} }) },
    { body: JSON.stringify({ jsonrpc: '2.0', id: 999999, result: 'a response nobody asked for' }) },
    { body: JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'never-sent' } }) },
    {
      body: `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"${someUri}","version":2},"contentChanges":[{"text":"\\ud800 lone surrogate"}]}`,
    },
  ];
  return cases[n % cases.length];
}

describe('language server robustness (real process, 1,000 random edits)', { timeout: 240_000 }, () => {
  let parent: string;
  let root: string;
  let session: LspSession;
  let tap: StdoutTap;

  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-robust-'));
    root = path.join(parent, 'shop');
    writeProject(generateProject({ pages: 24, seed: SEED }).files, root);
    session = await LspSession.start(root, { nodeOptions: ['--expose-gc'] });
    tap = new StdoutTap(session.child.stdout!);
  });

  after(() => {
    session?.dispose();
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  it('stays up, answers every request, keeps memory flat, and ends with the diagnostics of a fresh analysis', async (t) => {
    const rng = new Random(SEED);
    const started = performance.now();
    const open = new Map<string, string>(); // relative path -> buffer text
    const base = new Map<string, string>();
    const requests: Promise<unknown>[] = [];
    let requestCount = 0;
    let settledCount = 0;
    const rawAwaiting: string[] = [];
    const counts: Record<string, number> = {};
    const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);

    const track = (promise: Promise<unknown>): void => {
      requestCount++;
      requests.push(
        promise.then(
          () => void settledCount++,
          () => void settledCount++,
        ),
      );
    };
    const openDoc = async (rel: string, text?: string): Promise<void> => {
      const content = text ?? fs.readFileSync(path.join(root, rel), 'utf8');
      if (!base.has(rel)) base.set(rel, content);
      open.set(rel, content);
      await session.open(rel, content);
    };
    const change = async (rel: string, text: string): Promise<void> => {
      open.set(rel, text);
      await session.change(rel, text);
    };
    const randomPosition = (rel: string) => {
      const lines = (open.get(rel) ?? '').split('\n');
      const line = rng.int(0, lines.length + 2);
      return { line, character: rng.int(0, (lines[line]?.length ?? 0) + 3) };
    };
    /** Waits until the client writes nothing more: every request answered, and a no-op written after the rest. */
    const quiesce = async (): Promise<void> => {
      await Promise.all(requests.splice(0));
      await session.connection.sendNotification('$/mp-privacy-test/noop', {});
    };

    // Warm-up: the files a developer has open, a binary file opened as text, a 5 MB bundle a page requires.
    const pages = [
      'pages/index/index',
      'pages/login/login',
      'pages/order/confirm/confirm',
      'pages/mine/mine',
      'pages/category/category',
    ];
    const docs = ['app.json', 'app.js', 'utils/auth.js', ...pages.flatMap((p) => [`${p}.wxml`, `${p}.js`])].filter(
      (rel) => fs.existsSync(path.join(root, rel)),
    );
    for (const rel of docs) await openDoc(rel);
    const pngRel = 'images/icon-3.png';
    fs.writeFileSync(path.join(root, pngRel), Buffer.from(binaryText(rng, 4096), 'latin1'));
    await openDoc(pngRel, binaryText(rng, 4096));
    const bundleRel = 'libs/huge-bundle.js';
    fs.mkdirSync(path.join(root, 'libs'), { recursive: true });
    const bundle = hugeFile(
      rng,
      bundleRel,
      "function track(e) { wx.request({ url: 'https://log.example.com/c', data: e }); }\nmodule.exports = { track: track };\n",
      5 * 1024 * 1024,
    );
    fs.writeFileSync(path.join(root, bundleRel), bundle);
    await openDoc(bundleRel);
    await change(
      'pages/index/index.js',
      `const huge = require('../../libs/huge-bundle');\n${open.get('pages/index/index.js')}`,
    );
    track(
      session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uriOf(path.join(root, 'app.json')) },
        position: { line: 0, character: 0 },
      }),
    );
    await quiesce();
    const liveHeap = async () => {
      const usage = await session.connection.sendRequest(MEMORY_USAGE_REQUEST);
      assert.ok(usage?.collectedFirst, 'the server collected its heap before measuring it (--expose-gc)');
      return usage.heapUsedMB;
    };
    const warm = rssOf(session.child.pid!);
    const warmHeapMB = await liveHeap();
    const rssSeries = [Math.round(warm.rssMB)];
    const heapSeries = [Math.round(warmHeapMB)];

    // The storm.
    const editable = () => [...open.keys()].filter((rel) => rel !== pngRel && rel !== bundleRel);
    let appJsonBroken = false;
    let deleted: { rel: string; content: string } | undefined;
    let renamed: { from: string; to: string } | undefined;
    let rawCount = 0;
    for (let i = 0; i < EDITS; i++) {
      const rel = rng.pick(editable());
      const current = rng.chance(0.3) ? base.get(rel)! : open.get(rel)!;
      const mutation = rng.pick(EDIT_MUTATIONS);
      const donors = [...base.values()].filter((c) => c.length < 100_000);
      let text = mutation.apply(rng, rel, current, donors);
      if (text.length > 400_000) text = text.slice(0, 400_000);
      await change(rel, text);
      count(`edit:${mutation.name}`);

      const uri = uriOf(path.join(root, rng.pick([...open.keys()])));
      if (rng.chance(0.25)) {
        track(
          session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: randomPosition(rel) }),
        );
        count('hover');
      }
      if (rng.chance(0.15)) {
        // Code actions at a published diagnostic when there is one (so real fixes are built), else anywhere.
        const published = tap.diagnostics.get(uri) ?? [];
        const range =
          published.length && rng.chance(0.7)
            ? rng.pick(published).range
            : { start: randomPosition(rel), end: randomPosition(rel) };
        track(
          session.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range,
            context: { diagnostics: published },
          }),
        );
        count('codeAction');
      }
      if (rng.chance(0.08)) {
        const source = new CancellationTokenSource();
        const request = rng.chance(0.5)
          ? session.connection.sendRequest(
              HoverRequest.type,
              { textDocument: { uri }, position: randomPosition(rel) },
              source.token,
            )
          : session.connection.sendRequest(
              CodeActionRequest.type,
              {
                textDocument: { uri },
                range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
                context: { diagnostics: [] },
              },
              source.token,
            );
        if (rng.chance(0.5)) source.cancel();
        else setImmediate(() => source.cancel());
        track(request);
        count('cancelled');
      }
      if (rng.chance(0.05)) {
        await quiesce();
        const message = malformed(rawCount++, uri);
        session.child.stdin!.write(frame(message.body));
        if (message.expectsAnswer) rawAwaiting.push(message.expectsAnswer);
        count('malformed');
      }
      if (rng.chance(0.02)) {
        // app.json invalid, then valid again on the next toggle.
        await change(
          'app.json',
          appJsonBroken
            ? base.get('app.json')!
            : rng.pick([
                '{',
                '{ "pages": [',
                '',
                '{"pages": 42}',
                '\u0000\u0001',
                '{"pages": ["pages/index/index",]} trailing',
              ]),
        );
        appJsonBroken = !appJsonBroken;
        count('app.json toggled');
      }
      if (rng.chance(0.01) && !deleted) {
        const victim = rng.pick(editable().filter((r) => r !== 'app.json' && fs.existsSync(path.join(root, r))));
        if (victim) {
          deleted = { rel: victim, content: fs.readFileSync(path.join(root, victim), 'utf8') };
          fs.rmSync(path.join(root, victim));
          await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: uriOf(path.join(root, victim)), type: FileChangeType.Deleted }],
          });
          count('deleted on disk while open');
        }
      } else if (rng.chance(0.01) && deleted) {
        fs.writeFileSync(path.join(root, deleted.rel), deleted.content);
        await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
          changes: [{ uri: uriOf(path.join(root, deleted.rel)), type: FileChangeType.Created }],
        });
        deleted = undefined;
        count('restored on disk');
      }
      if (rng.chance(0.01) && !renamed) {
        const from = rng.pick(editable().filter((r) => r.startsWith('pages/') && fs.existsSync(path.join(root, r))));
        if (from) {
          const to = from.replace(/(\.\w+)$/, '.renamed$1');
          fs.renameSync(path.join(root, from), path.join(root, to));
          renamed = { from, to };
          await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [
              { uri: uriOf(path.join(root, from)), type: FileChangeType.Deleted },
              { uri: uriOf(path.join(root, to)), type: FileChangeType.Created },
            ],
          });
          count('renamed on disk while open');
        }
      } else if (rng.chance(0.01) && renamed) {
        fs.renameSync(path.join(root, renamed.to), path.join(root, renamed.from));
        await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
          changes: [
            { uri: uriOf(path.join(root, renamed.to)), type: FileChangeType.Deleted },
            { uri: uriOf(path.join(root, renamed.from)), type: FileChangeType.Created },
          ],
        });
        renamed = undefined;
        count('renamed back');
      }
      if (rng.chance(0.02)) {
        // Close a document (the disk is the truth again) and open it later with whatever is on disk.
        const victim = rng.pick(editable().filter((r) => r !== 'app.json'));
        if (victim) {
          open.delete(victim);
          await session.connection.sendNotification(DidCloseTextDocumentNotification.type, {
            textDocument: { uri: uriOf(path.join(root, victim)) },
          });
          count('closed');
          if (fs.existsSync(path.join(root, victim)) && rng.chance(0.7)) {
            await openDoc(victim);
            count('reopened');
          }
        }
      }
      if (i % 25 === 24) await Promise.all(requests.splice(0));
      if (i % 100 === 99) {
        rssSeries.push(Math.round(rssOf(session.child.pid!).rssMB));
        heapSeries.push(Math.round(await liveHeap()));
      }
    }

    // Back to a valid app.json, then a request as a barrier: the server analyses and publishes before answering.
    if (appJsonBroken) await change('app.json', base.get('app.json')!);
    track(
      session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uriOf(path.join(root, 'app.json')) },
        position: { line: 0, character: 0 },
      }),
    );
    await session.withTimeout(quiesce(), 'answers to every request');
    const end = rssOf(session.child.pid!);
    const endHeapMB = await liveHeap();
    const seconds = (performance.now() - started) / 1000;

    assert.ok(session.alive, 'the server process is still running');
    assert.equal(settledCount, requestCount, 'every request got an answer');
    const unanswered = rawAwaiting.filter((id) => !tap.responses.has(id));
    assert.deepEqual(unanswered, [], 'malformed requests with an id got an answer (an error is fine)');

    // A fresh analysis of the final state: open buffers over the disk, as the server sees it.
    const host = new OverlayFileSystemHost(createNodeFileSystemHost());
    for (const [rel, text] of open) host.set(path.join(root, rel), text);
    const fresh = new ProjectAnalyzer(host).analyze(root);
    const expected: string[] = [];
    const indexes = new Map<string, LineIndex>();
    for (const finding of fresh.findings) {
      let index = indexes.get(finding.range.file);
      if (!index) indexes.set(finding.range.file, (index = new LineIndex(host.readFile(finding.range.file) ?? '')));
      const start = index.positionAt(finding.range.start);
      const endPos = index.positionAt(finding.range.end);
      expected.push(
        `${path.relative(root, finding.range.file)} ${finding.ruleId} ${start.line}:${start.character}-${endPos.line}:${endPos.character}`,
      );
    }
    const actual: string[] = [];
    for (const [uri, diagnostics] of tap.diagnostics) {
      for (const d of diagnostics)
        actual.push(
          `${path.relative(root, fileURLToPath(uri))} ${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
        );
    }
    assert.deepEqual(
      actual.sort(),
      expected.sort(),
      'the server ends with the diagnostics of a fresh analysis of the final state',
    );

    t.diagnostic(
      `${EDITS} edits in ${seconds.toFixed(1)} s; ${requestCount} requests (all answered), ${rawCount} malformed messages, ${rawAwaiting.length} of them requests (all answered)`,
    );
    t.diagnostic(
      `actions: ${Object.entries(counts)
        .filter(([k]) => !k.startsWith('edit:'))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    t.diagnostic(
      `server RSS after warm-up ${warm.rssMB.toFixed(0)} MB, at the end ${end.rssMB.toFixed(0)} MB (peak ${end.peakMB.toFixed(0)} MB; every 100 edits: ${rssSeries.join(' -> ')} MB); final findings ${expected.length}`,
    );
    t.diagnostic(
      `server live heap after a full collection: after warm-up ${warmHeapMB.toFixed(0)} MB, at the end ${endHeapMB.toFixed(0)} MB (every 100 edits: ${heapSeries.join(' -> ')} MB)`,
    );
    const failures = session.logs.filter((line) => /failed/.test(line));
    const kinds = [...new Set(failures.map((line) => line.split('\n')[0].slice(0, 160)))];
    t.diagnostic(`server log: ${session.logs.length} lines, ${failures.length} handler failures caught by its guards`);
    for (const kind of kinds) t.diagnostic(`  ${kind}`);
    assert.ok(
      endHeapMB - warmHeapMB < LIVE_HEAP_GROWTH_LIMIT_MB,
      `server memory stays flat: live heap ${warmHeapMB.toFixed(0)} MB -> ${endHeapMB.toFixed(0)} MB`,
    );

    assert.equal(await session.shutdown(), 0, 'clean shutdown after the storm');
  });

  it('survives broken framing (a header without Content-Length) and exits when the client closes its stdin', async () => {
    // After a header block without Content-Length the JSON-RPC reader cannot find the next message (no server
    // can resynchronise a byte stream); what matters is that the process neither crashes nor lingers.
    const other = await LspSession.start(root);
    try {
      const exited = new Promise<number | null>((resolve) => other.child.on('exit', (code) => resolve(code)));
      other.child.stdin!.write('X-Not-A-Length: 1\r\n\r\n{"jsonrpc":"2.0"}');
      other.child.stdin!.write('Content-Length: 12\r\n\r\nnot json at all');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(other.alive, 'the server is still running after broken framing');
      other.child.stdin!.end();
      const code = await other.withTimeout(exited, 'exit after stdin closed');
      assert.equal(code, 1, 'exit code 1: the client went away without shutdown');
    } finally {
      other.dispose();
    }
  });
});
