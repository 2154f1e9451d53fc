/**
 * Playwright helpers for the VS Code workbench that code-server serves: open a file from the Explorer,
 * find the squiggle, hover it, open the light bulb, run a command. Every wait has a timeout.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import type { CodeServer } from './code-server';
import { which } from './processes';
import { screenshotsDir } from './paths';
import type { ScenarioContext } from './report';

export function chromiumPath(): string {
  const found = process.env.CHROMIUM_PATH || which('chromium') || which('chromium-browser') || which('google-chrome');
  if (!found) throw new Error('no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    // --no-sandbox: Chromium refuses to sandbox as root, which CI is.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    timeout: 60_000,
  });
}

export class Workbench {
  readonly console: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message: ConsoleMessage) => this.console.push(message.text()));
  }

  static async open(browser: Browser, url: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(30_000);
    const workbench = new Workbench(page);
    await page.goto(url, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return workbench;
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** A console line matching `pattern` (the extension host's console.log reaches the browser console). */
  async consoleLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.console.find((text) => pattern.test(text));
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no console line matching ${pattern} within ${timeoutMs} ms`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Opens a top-level file of the workspace from the Explorer (quick open is unreliable in a browser). */
  async openFromExplorer(name: string): Promise<void> {
    const row = this.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) })
      .first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  }

  /** Opens a file by its path relative to the folder through Quick Open (Ctrl+P), as a user does in a deep tree. */
  async openWithQuickOpen(relative: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relative);
    const name = relative.split('/').pop()!;
    await this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: name })
      .first()
      .waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  }

  editorText(): Promise<string> {
    return this.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  }

  squiggles(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .squiggly-error');
  }

  /** Moves the mouse onto the middle of the first error squiggle. */
  async pointAtSquiggle(): Promise<{ x: number; y: number }> {
    const box = await this.squiggles().first().boundingBox();
    if (!box) throw new Error('the squiggle has no box');
    const point = { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 - 3 };
    await this.page.mouse.move(point.x, point.y);
    return point;
  }

  /** The visible hover widget holding `text`. */
  async hoverWith(text: string, timeoutMs = 20_000): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover').filter({ hasText: text }).first();
    const deadline = Date.now() + timeoutMs;
    // The editor may still be settling when the squiggle first shows: leave and come back until it hovers.
    for (;;) {
      await this.page.mouse.move(5, 5);
      const box = await this.squiggles().first().boundingBox();
      if (box)
        await this.page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2 - 3, { steps: 5 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        return hover;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(
            `no hover with "${text}" within ${timeoutMs} ms: ${(error as Error).message.split('\n')[0]}`,
            { cause: error },
          );
      }
    }
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.mouse.move(5, 5);
    await this.page.waitForTimeout(300);
  }

  /**
   * Puts the cursor in the flagged code and opens the quick-fix menu from the light bulb (falls back to
   * Ctrl+. if the bulb does not show); returns whether the light bulb was used.
   */
  async openQuickFixMenu(item: string): Promise<{ viaLightBulb: boolean; menu: Locator }> {
    const point = await this.pointAtSquiggle();
    await this.page.mouse.click(point.x, point.y);
    await this.dismissHover();
    const bulb = this.page.locator('.editor-instance .monaco-editor .lightBulbWidget').first();
    let viaLightBulb = false;
    try {
      await bulb.waitFor({ state: 'visible', timeout: 10_000 });
      await bulb.click();
      viaLightBulb = true;
    } catch {
      await this.page.keyboard.press('Control+.');
    }
    const menu = this.page.locator('.action-widget').filter({ hasText: item }).first();
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    return { viaLightBulb, menu };
  }

  private async dismissHover(): Promise<void> {
    if (await this.page.locator('.monaco-hover:visible').count()) await this.page.mouse.move(5, 5);
  }

  /**
   * Chooses a quick-fix menu entry with the keyboard, as a user does after opening the light bulb (a mouse
   * click on the list is intercepted by the menu's pointer block while it settles).
   */
  async chooseMenuItem(menu: Locator, item: string): Promise<void> {
    for (let moves = 0; moves < 10; moves++) {
      const focused = menu.locator('.monaco-list-row.focused').first();
      if (
        (
          (await focused.getAttribute('aria-label').catch(() => null)) ?? (await focused.innerText().catch(() => ''))
        ).includes(item)
      ) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 10_000 });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
      await this.page.waitForTimeout(100);
    }
    throw new Error(`"${item}" could not be selected in the menu`);
  }

  /** Opens the command palette (F1) and types `query`; returns the list rows. */
  async commandPalette(query: string): Promise<Locator> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${query}`);
    return this.page.locator('.quick-input-widget .monaco-list-row');
  }

  async runCommand(title: string): Promise<void> {
    const rows = await this.commandPalette(title);
    await rows.filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  /** The Problems panel (Ctrl+Shift+M toggles it; it is opened once). */
  async showProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    return panel;
  }
}

/**
 * Opens `url` of `server` in a fresh headless Chromium and runs `body` on the workbench. On failure a
 * screenshot `failure-<name>.png` is kept; in every case the browser is closed and code-server stopped.
 */
export async function inWorkbench<T>(
  ctx: ScenarioContext,
  server: CodeServer,
  options: { url: string; label: string; name: string },
  body: (workbench: Workbench, openedAt: number) => Promise<T>,
): Promise<T> {
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  try {
    browser = await ctx.step('launch headless Chromium', () => launchBrowser());
    const openedAt = Date.now();
    workbench = await ctx.step(options.label, () => Workbench.open(browser!, options.url), 90_000);
    return await body(workbench, openedAt);
  } catch (error) {
    await workbench?.screenshot(`failure-${options.name}`).catch(() => undefined);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}
