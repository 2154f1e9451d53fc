'use strict';
// Starts a language server bundle with plain `node ... --stdio` (no NODE_PATH, cwd outside the repository)
// and completes an initialize/shutdown exchange: proof that it needs nothing from node_modules.
const { spawn } = require('child_process');
const os = require('os');

function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

function checkServerStandalone(serverJs, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const env = { ...process.env };
    delete env.NODE_PATH;
    const child = spawn(process.execPath, [serverJs, '--stdio'], { cwd: os.tmpdir(), env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = Buffer.alloc(0);
    let stderr = '';
    let initialized = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no initialize answer within ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`));
    }, timeoutMs);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout = Buffer.concat([stdout, d]);
      const text = stdout.toString('utf8');
      if (!initialized && text.includes('"capabilities"')) {
        initialized = true;
        child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
        child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (initialized) resolve(`initialize answered, exit ${code}, ${Date.now() - started} ms`);
      else reject(new Error(`server exited (${code}) before answering initialize; stderr: ${stderr.slice(-500)}`));
    });
    child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
  });
}

module.exports = { checkServerStandalone };
