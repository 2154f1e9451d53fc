/**
 * Headless Neovim (Debian's 0.7.2) with its built-in LSP client starts the language server bundled in the
 * packaged extension (`node <DevTools folder>/dist/extension/server.js --stdio`), receives the diagnostic,
 * a hover and the code action, applies the fix and sees the diagnostic cleared (test/e2e/nvim/lsp-check.lua).
 */
import * as path from 'path';
import { FIXTURE } from '../expectations';
import { bundledServer, copyFixture, e2eSources, logsDir, scratch } from '../paths';
import { run, which } from '../processes';
import type { ScenarioContext } from '../report';

export async function neovimLsp(ctx: ScenarioContext): Promise<void> {
  const nvim = which('nvim');
  if (!nvim) throw new Error('nvim is not installed (apt-get install neovim)');
  const version = await run(nvim, ['--version'], { timeoutMs: 10_000 });
  ctx.note(version.output.split('\n')[0]);
  const root = copyFixture(FIXTURE, scratch('nvim'));
  const script = path.join(e2eSources, 'nvim', 'lsp-check.lua');
  const result = await ctx.step(
    'nvim --headless: diagnostic, hover, code action, fix',
    async () => {
      const outcome = await run(nvim, ['--headless', '--clean', '-c', `luafile ${script}`], {
        env: { ...process.env, MP_SERVER: bundledServer, MP_ROOT: root },
        timeoutMs: 60_000,
        logFile: path.join(logsDir, 'neovim.log'),
      });
      // Neovim's own messages may share a line with the script's output: pick the CHECK lines out anywhere.
      for (const match of outcome.output.matchAll(/CHECK ([^\r\n]*)/g)) ctx.note(match[1]);
      if (outcome.timedOut) throw new Error('nvim did not exit within 60 s');
      if (outcome.code !== 0 || !outcome.output.includes('RESULT pass'))
        throw new Error(`nvim exited with ${outcome.code}; see ${path.join(logsDir, 'neovim.log')}`);
      return outcome;
    },
    70_000,
  );
  await ctx.step(
    'nvim -u readme-init.lua (the README configuration): attaches and reports',
    async () => {
      const readmeRoot = copyFixture(FIXTURE, scratch('nvim-readme'));
      const outcome = await run(
        nvim,
        [
          '--headless',
          '--clean',
          '-u',
          path.join(e2eSources, 'nvim', 'readme-init.lua'),
          '-c',
          `luafile ${path.join(e2eSources, 'nvim', 'readme-check.lua')}`,
          path.join(readmeRoot, 'app.js'),
        ],
        {
          env: { ...process.env, MP_PRIVACY_SERVER: bundledServer },
          timeoutMs: 40_000,
          logFile: path.join(logsDir, 'neovim.log'),
        },
      );
      for (const match of outcome.output.matchAll(/CHECK ([^\r\n]*)/g)) ctx.note(match[1]);
      if (outcome.code !== 0 || !outcome.output.includes('RESULT pass'))
        throw new Error(`nvim exited with ${outcome.code}${outcome.timedOut ? ' (timed out)' : ''}`);
    },
    50_000,
  );
  return void result;
}
