/**
 * The packaged extension in a real VS Code extension host (code-server) driven through headless Chromium,
 * the way a user works: install the VSIX, open a mini program, see the squiggle and the Problems entry,
 * read the hover, apply the quick fix from the light bulb, watch the files change and the diagnostic go.
 * Then crash the language server repeatedly and see the message; and again in the zh-cn display language.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CodeServer, QUIET_SETTINGS, registerLanguagePack } from '../code-server';
import {
  AFTER_FIX,
  CRASH_MESSAGE,
  FIX_TITLE,
  FLAGGED_TEXT,
  FIXTURE,
  RESTART_COMMAND_TITLE,
  RULE_ID,
  RULE_TITLE,
} from '../expectations';
import { copyFixture, devtoolsFolder, scratch, vsixPath } from '../paths';
import { sleep, waitFor } from '../processes';
import type { ScenarioContext } from '../report';
import { inWorkbench } from '../workbench';

const ACTIVATION = /\[mp-privacy\] activated in (\d+) ms \(module load to ready (\d+) ms, display language ([\w-]+)\)/;

/** Compares the extension folder code-server unpacked from the VSIX with the DevTools folder of `npm run package`. */
export function compareWithDevtoolsFolder(installed: string): string[] {
  const differences: string[] = [];
  const list = (root: string): string[] => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(path.relative(root, full));
      }
    };
    walk(root);
    return files.sort();
  };
  // VS Code adds its install record (.vsixmanifest) and install metadata in package.json (__metadata).
  const installedFiles = list(installed).filter((f) => f !== '.vsixmanifest');
  const packagedFiles = list(devtoolsFolder);
  if (installedFiles.join('\n') !== packagedFiles.join('\n'))
    differences.push(`file lists differ: installed ${installedFiles.length}, packaged ${packagedFiles.length}`);
  for (const file of packagedFiles.filter((f) => installedFiles.includes(f))) {
    const a = fs.readFileSync(path.join(installed, file));
    const b = fs.readFileSync(path.join(devtoolsFolder, file));
    if (file === 'package.json') {
      const installedManifest = JSON.parse(a.toString());
      delete installedManifest.__metadata;
      if (JSON.stringify(installedManifest) !== JSON.stringify(JSON.parse(b.toString())))
        differences.push('package.json differs');
    } else if (!a.equals(b)) {
      differences.push(`${file} differs`);
    }
  }
  return differences;
}

export interface UiOptions {
  codeServerBin: string;
  languagePackVsix?: string;
}

/** English display language, workspace trust off: the whole user flow plus the crash handling. */
export async function codeServerUiEnglish(ctx: ScenarioContext, options: UiOptions): Promise<void> {
  const home = scratch('cs-en');
  const workspace = copyFixture(FIXTURE, home);
  const serverOptions = {
    name: 'ui-en',
    bin: options.codeServerBin,
    home,
    vsixes: [vsixPath],
    settings: QUIET_SETTINGS,
  };
  const dirs = await ctx.step(
    `install ${path.basename(vsixPath)} with code-server --install-extension`,
    () => CodeServer.install(serverOptions),
    150_000,
  );
  await ctx.step('the installed extension is the DevTools folder, file for file', () => {
    const installed = fs.readdirSync(dirs.extensionsDir).find((name) => name.startsWith('mp-privacy.mp-privacy-'));
    if (!installed) throw new Error('mp-privacy is not in the extensions folder');
    const differences = compareWithDevtoolsFolder(path.join(dirs.extensionsDir, installed));
    if (differences.length) throw new Error(differences.join('; '));
  });
  const server = await ctx.step('start code-server', () => CodeServer.start(serverOptions, dirs, workspace), 90_000);
  const workbench = {
    url: server.url(workspace),
    label: 'open the workbench on the fixture mini program',
    name: 'ui-en',
  };
  await inWorkbench(ctx, server, workbench, async (wb, opened) => {
    await ctx.step('open app.js from the Explorer', () => wb.openFromExplorer('app.js'));

    await ctx.step(`squiggle under ${FLAGGED_TEXT}`, async () => {
      await wb.squiggles().first().waitFor({ state: 'visible', timeout: 30_000 });
      ctx.note(`first squiggle ${((Date.now() - opened) / 1000).toFixed(1)} s after the page started loading`);
      await wb.screenshot('01-en-squiggle');
    });

    await ctx.step('activation time (from the extension host console)', async () => {
      const line = await wb.consoleLine(ACTIVATION, 20_000);
      const [, activate, total, language] = ACTIVATION.exec(line)!;
      ctx.note(
        `activation: ${activate} ms from activate() to a running language server (${total} ms from loading the bundle); display language ${language}`,
      );
    });

    await ctx.step(`Problems panel lists ${RULE_ID}`, async () => {
      const panel = await wb.showProblems();
      await panel.locator('.monaco-list-row').filter({ hasText: RULE_ID }).first().waitFor({ timeout: 15_000 });
      await wb.screenshot('02-en-problems');
    });

    await ctx.step(`hover shows "${RULE_TITLE.en}"`, async () => {
      await wb.hoverWith(RULE_TITLE.en);
      await wb.screenshot('03-en-hover');
      await wb.dismiss();
    });

    await ctx.step(`light bulb offers "${FIX_TITLE.en}"`, async () => {
      const { viaLightBulb, menu } = await wb.openQuickFixMenu(FIX_TITLE.en);
      ctx.note(viaLightBulb ? 'opened from the light bulb' : 'the light bulb did not show; opened with Ctrl+.');
      await wb.screenshot('04-en-quick-fix-menu');
      await wb.chooseMenuItem(menu, FIX_TITLE.en);
    });

    await ctx.step('the fix edits the files (saved with File: Save All)', async () => {
      await waitFor(
        'app.js in the editor without the redirect',
        15_000,
        async () => !(await wb.editorText()).includes(FLAGGED_TEXT),
      );
      await wb.runCommand('File: Save All');
      await waitFor('the edited files on disk', 15_000, () =>
        Object.entries(AFTER_FIX).every(([relative, expectation]) => {
          const text = fs.readFileSync(path.join(workspace, relative), 'utf8');
          return 'has' in expectation ? text.includes(expectation.has) : !text.includes(expectation.lacks);
        }),
      );
    });

    await ctx.step('the diagnostic disappears (editor and Problems panel)', async () => {
      await waitFor('no squiggle', 15_000, async () => (await wb.squiggles().count()) === 0);
      const panel = await wb.showProblems();
      await waitFor(
        `no ${RULE_ID} in Problems`,
        15_000,
        async () => (await panel.locator('.monaco-list-row').filter({ hasText: RULE_ID }).count()) === 0,
      );
      await wb.screenshot('05-en-after-fix');
    });

    await ctx.step(
      'a crashing server is restarted, and after 5 crashes in 3 minutes the user is told',
      async () => {
        let previous: number[] = [];
        for (let crash = 1; crash <= 5; crash++) {
          const pids = await waitFor('a running language server', 20_000, () => {
            const now = server.languageServerPids().filter((pid) => !previous.includes(pid));
            return now.length > 0 && now;
          });
          // Let the restarted client finish its handshake, so each kill is a crash of a running server. The
          // server is a child of this run's code-server (found through /proc), killed by pid like an OOM kill.
          await sleep(1500);
          for (const pid of pids) process.kill(pid, 'SIGKILL');
          previous = pids;
        }
        const toast = wb.page
          .locator('.notifications-toasts .notification-toast')
          .filter({ hasText: CRASH_MESSAGE.en })
          .first();
        await toast.waitFor({ state: 'visible', timeout: 20_000 });
        await wb.page.waitForTimeout(1000); // the toast slides in
        ctx.note(`message: "${(await toast.locator('.notification-list-item-message').first().innerText()).trim()}"`);
        await wb.screenshot('06-en-crash-message');
        await toast.getByRole('button', { name: 'Restart server' }).click();
        await waitFor('the server started again from the message', 20_000, () =>
          server.languageServerPids().some((pid) => !previous.includes(pid)),
        );
      },
      120_000,
    );
  });
}

/**
 * zh-cn display language, and workspace trust ON with the folder untrusted (Restricted Mode): the extension
 * declares untrustedWorkspaces supported, so it must still run; hover, quick-fix title and command titles in
 * Chinese.
 */
export async function codeServerUiChinese(ctx: ScenarioContext, options: UiOptions): Promise<void> {
  if (!options.languagePackVsix) throw new Error('the zh-cn language pack stub was not packaged');
  const home = scratch('cs-zh');
  const workspace = copyFixture(FIXTURE, home);
  const serverOptions = {
    name: 'ui-zh-cn',
    bin: options.codeServerBin,
    home,
    vsixes: [vsixPath, options.languagePackVsix],
    settings: {
      ...QUIET_SETTINGS,
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
    },
    locale: 'zh-cn',
    workspaceTrust: true,
  };
  const dirs = await ctx.step(
    'install the VSIX and the zh-cn language pack stub',
    () => CodeServer.install(serverOptions),
    150_000,
  );
  registerLanguagePack(dirs.userDataDir, dirs.extensionsDir, 'zh-cn');
  const server = await ctx.step(
    'start code-server --locale zh-cn with workspace trust on',
    () => CodeServer.start(serverOptions, dirs, workspace),
    90_000,
  );
  await inWorkbench(
    ctx,
    server,
    { url: server.url(workspace), label: 'open the workbench', name: 'ui-zh-cn' },
    async (wb) => {
      await ctx.step('the folder is open in Restricted Mode (untrusted)', async () => {
        await wb.page
          .locator('.statusbar, .monaco-workbench .banner')
          .filter({ hasText: /Restricted Mode|受限模式/ })
          .first()
          .waitFor({ timeout: 20_000 });
      });
      await ctx.step('the extension host runs in zh-cn', async () => {
        const line = await wb.consoleLine(ACTIVATION, 30_000);
        const language = ACTIVATION.exec(line)![3];
        if (language !== 'zh-cn') throw new Error(`display language is ${language}`);
        ctx.note(`activation: ${ACTIVATION.exec(line)![1]} ms, display language ${language}, in Restricted Mode`);
      });
      await ctx.step('open app.js and see the squiggle', async () => {
        await wb.openFromExplorer('app.js');
        await wb.squiggles().first().waitFor({ state: 'visible', timeout: 30_000 });
      });
      await ctx.step(`hover shows "${RULE_TITLE['zh-cn']}"`, async () => {
        await wb.hoverWith(RULE_TITLE['zh-cn']);
        await wb.screenshot('07-zh-cn-hover');
        await wb.dismiss();
      });
      await ctx.step(`light bulb offers "${FIX_TITLE['zh-cn']}" and applying it clears the squiggle`, async () => {
        const { menu } = await wb.openQuickFixMenu(FIX_TITLE['zh-cn']);
        await wb.screenshot('08-zh-cn-quick-fix-menu');
        await wb.chooseMenuItem(menu, FIX_TITLE['zh-cn']);
        await waitFor('no squiggle', 15_000, async () => (await wb.squiggles().count()) === 0);
      });
      await ctx.step(
        `command palette shows "mp-privacy: ${RESTART_COMMAND_TITLE['zh-cn']}" (package.nls.zh-cn.json)`,
        async () => {
          const rows = await wb.commandPalette('mp-privacy');
          await rows.filter({ hasText: RESTART_COMMAND_TITLE['zh-cn'] }).first().waitFor({ timeout: 10_000 });
          await wb.screenshot('09-zh-cn-commands');
          await wb.page.keyboard.press('Escape');
        },
      );
    },
  );
}
