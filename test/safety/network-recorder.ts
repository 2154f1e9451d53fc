/**
 * Preloaded with `node --require` into the CLI and the language server by test/safety/safety.test.ts.
 * Records, and blocks, everything that would reach the network or run other code:
 *   net/tls/http/https/http2 connections, DNS lookups, UDP sockets, fetch(), child processes, vm, and
 *   require() of any file inside the workspace ($MP_PRIVACY_WORKSPACE).
 * Each attempt is appended as a JSON line to $MP_PRIVACY_NET_LOG; without that variable this module does
 * nothing (node --test also loads every .js file under out/test/ as a test file).
 * The stdio pipes of a language server started with --stdio are not connect() calls, so they pass.
 */
import * as fs from 'fs';
import * as path from 'path';

const logFile = process.env.MP_PRIVACY_NET_LOG;
const workspace = process.env.MP_PRIVACY_WORKSPACE ? path.resolve(process.env.MP_PRIVACY_WORKSPACE) : undefined;

type AnyFunction = (...args: unknown[]) => unknown;

function describeArgs(args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'function') return 'fn';
      try {
        return JSON.stringify(arg)?.slice(0, 200) ?? String(arg);
      } catch {
        return String(arg);
      }
    })
    .join(', ');
}

function record(kind: string, detail: string): void {
  const stack = (new Error().stack ?? '')
    .split('\n')
    .slice(3, 10)
    .map((line) => line.trim());
  fs.appendFileSync(
    logFile!,
    `${JSON.stringify({ kind, detail, pid: process.pid, argv: process.argv.slice(1, 3), stack })}\n`,
  );
}

function blocked(kind: string, args: unknown[]): never {
  const detail = describeArgs(args);
  record(kind, detail);
  throw new Error(`mp-privacy safety test: ${kind}(${detail}) blocked`);
}

function wrap(
  target: Record<string, unknown> | undefined,
  name: string,
  kind: string,
  mode: 'block' | 'record' = 'block',
): void {
  const original = target?.[name];
  if (!target || typeof original !== 'function') return;
  target[name] = function (this: unknown, ...args: unknown[]) {
    if (mode === 'block') blocked(kind, args);
    record(kind, describeArgs(args));
    return (original as AnyFunction).apply(this, args);
  };
}

function install(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const net = require('net') as Record<string, unknown> & { Socket: { prototype: Record<string, unknown> } };
  wrap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  wrap(net, 'connect', 'net.connect');
  wrap(net, 'createConnection', 'net.createConnection');
  const tls = require('tls') as Record<string, unknown>;
  wrap(tls, 'connect', 'tls.connect');
  for (const name of ['http', 'https']) {
    const mod = require(name) as Record<string, unknown>;
    wrap(mod, 'request', `${name}.request`);
    wrap(mod, 'get', `${name}.get`);
  }
  wrap(require('http2') as Record<string, unknown>, 'connect', 'http2.connect');
  const dns = require('dns') as Record<string, unknown> & { promises: Record<string, unknown> };
  for (const target of [dns, dns.promises, require('dns/promises') as Record<string, unknown>]) {
    for (const name of Object.keys(target))
      if (/^(lookup|resolve|reverse)/.test(name)) wrap(target, name, `dns.${name}`);
  }
  const dgram = require('dgram') as Record<string, unknown>;
  wrap(dgram, 'createSocket', 'dgram.createSocket');
  const globals = globalThis as unknown as Record<string, unknown>;
  wrap(globals, 'fetch', 'fetch');
  const childProcess = require('child_process') as Record<string, unknown>;
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
    wrap(childProcess, name, `child_process.${name}`);
  const vm = require('vm') as Record<string, unknown>;
  for (const name of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'])
    wrap(vm, name, `vm.${name}`, 'record');
  if (workspace) {
    const Module = require('module') as { prototype: Record<string, unknown> };
    const compile = Module.prototype._compile as AnyFunction;
    Module.prototype._compile = function (this: unknown, content: unknown, filename: unknown) {
      const file = path.resolve(String(filename));
      if (file === workspace || file.startsWith(workspace + path.sep)) blocked('require of a workspace file', [file]);
      return compile.call(this, content, filename);
    };
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

if (logFile) {
  install();
  // Proof for the test that this process ran with the recorder (a clean log means nothing if it never loaded).
  fs.appendFileSync(`${logFile}.loaded`, `${JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 3) })}\n`);
}
