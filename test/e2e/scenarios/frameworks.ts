/**
 * uni-app and Taro projects in the packaged extension (code-server + headless Chromium): a folder holding only
 * a uni-app project (pages.json, .vue pages) or only a Taro project (src/app.config.ts, .tsx pages) activates
 * the extension, the page source shows the diagnostic, and the hover explains the rule. The fixtures are the
 * language-server ones (test/fixtures/lsp/uni-app-shop, taro-shop): the stores page calls chooseAddress
 * without declaring it in requiredPrivateInfos.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ruleById } from '../../../server/src/engine';
import { CodeServer, QUIET_SETTINGS } from '../code-server';
import { repoRoot, scratch, vsixPath } from '../paths';
import type { ScenarioContext } from '../report';
import { inWorkbench } from '../workbench';

const ACTIVATION = /\[mp-privacy\] activated in (\d+) ms/;
const RULE = 'undeclared-private-info';

const PROJECTS = [
  { fixture: 'uni-app-shop', marker: 'pages.json', page: 'pages/stores/stores.vue', call: 'uni.chooseAddress' },
  { fixture: 'taro-shop', marker: 'src/app.config.ts', page: 'src/pages/stores/index.tsx', call: 'Taro.chooseAddress' },
] as const;

export async function codeServerFrameworks(ctx: ScenarioContext, codeServerBin: string): Promise<void> {
  const title = ruleById(RULE)?.meta.title.en;
  if (!title) throw new Error(`the engine has no rule ${RULE}`);
  const home = scratch('cs-frameworks');
  const serverOptions = { name: 'frameworks', bin: codeServerBin, home, vsixes: [vsixPath], settings: QUIET_SETTINGS };
  const dirs = await ctx.step('install the VSIX', () => CodeServer.install(serverOptions), 150_000);
  for (const project of PROJECTS) {
    // Each folder holds one project and nothing a native mini program has (no app.json, no .wxml).
    const workspace = path.join(home, project.fixture);
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'lsp', project.fixture), workspace, { recursive: true });
    if (!fs.existsSync(path.join(workspace, project.marker))) throw new Error(`${project.marker} missing`);
    const server = await ctx.step(
      `start code-server on ${project.fixture}`,
      () => CodeServer.start(serverOptions, dirs, workspace),
      90_000,
    );
    await inWorkbench(
      ctx,
      server,
      { url: server.url(workspace), label: `open the workbench on ${project.fixture}`, name: project.fixture },
      async (wb) => {
        await ctx.step(`the extension activates on ${project.marker}`, async () => {
          const line = await wb.consoleLine(ACTIVATION, 60_000);
          ctx.note(`${project.fixture}: activated in ${ACTIVATION.exec(line)![1]} ms`);
        });
        await ctx.step(`open ${project.page}: a squiggle`, async () => {
          await wb.openWithQuickOpen(project.page);
          await wb.squiggles().first().waitFor({ state: 'visible', timeout: 30_000 });
          await wb.screenshot(`10-${project.fixture}-squiggle`);
        });
        await ctx.step(`hover on it shows "${title}" and ${project.call}`, async () => {
          const hover = await wb.hoverWith(title);
          const shown = await hover.innerText();
          if (!shown.includes('chooseAddress')) throw new Error(`the hover does not name chooseAddress: ${shown}`);
          await wb.screenshot(`11-${project.fixture}-hover`);
          await wb.dismiss();
        });
        await ctx.step(`Problems panel lists ${RULE} in ${path.basename(project.page)}`, async () => {
          const panel = await wb.showProblems();
          await panel.locator('.monaco-list-row').filter({ hasText: RULE }).first().waitFor({ timeout: 15_000 });
        });
      },
    );
  }
}
