/**
 * The extension-host test suite: runs INSIDE a real VS Code extension host (code-server's, or VS Code
 * desktop's through @vscode/test-electron) against the extension loaded from the unpacked package, and
 * drives it through the VS Code API. Entry point: `run()` (the extensionTestsPath contract).
 *
 * `vscode` is required inside run(): `npm test` loads every compiled file under out/test, and there is no
 * `vscode` module outside an extension host.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as vscodeTypes from 'vscode';
import { AFTER_FIX, EXTENSION_ID, FIX_TITLE, FLAGGED_TEXT, RULE_ID, RULE_TITLE } from '../expectations';

export const RESULT_FILE = 'host-suite-result.json';
export const RESULT_MARKER = 'MP_PRIVACY_HOST_SUITE';

interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface HostSuiteResult {
  ok: boolean;
  tests: TestResult[];
  extensionPath?: string;
  language?: string;
  vscodeVersion?: string;
  activationMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof vscodeTypes;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const result: HostSuiteResult = {
    ok: false,
    tests: [],
    language: vscode.env.language,
    vscodeVersion: vscode.version,
  };
  const resultFile = folder ? path.join(path.dirname(folder), RESULT_FILE) : undefined;

  const test = async (name: string, body: () => Promise<void>, timeoutMs = 30_000): Promise<void> => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        body(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      result.tests.push({ name, ok: true, ms: Date.now() - started });
    } catch (error) {
      result.tests.push({ name, ok: false, ms: Date.now() - started, error: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  };

  const locale = vscode.env.language === 'zh-cn' ? 'zh-cn' : 'en';
  const file = (relative: string): vscodeTypes.Uri => vscode.Uri.file(path.join(folder ?? '', relative));
  const appJs = file('app.js');
  const codeOf = (d: vscodeTypes.Diagnostic): string | number | undefined =>
    typeof d.code === 'object' ? d.code.value : d.code;
  const ours = (uri: vscodeTypes.Uri): vscodeTypes.Diagnostic[] =>
    vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mp-privacy' && codeOf(d) === RULE_ID);
  const config = (): vscodeTypes.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration('mpPrivacy', vscode.workspace.workspaceFolders?.[0]?.uri);
  const Target = vscode.ConfigurationTarget.Workspace;

  try {
    if (!folder) throw new Error('no workspace folder is open');

    await test('the extension activates from the unpacked package', async () => {
      const extension = await waitFor('the mp-privacy extension to be registered', 20_000, () =>
        vscode.extensions.getExtension(EXTENSION_ID),
      );
      const started = Date.now();
      await extension.activate();
      result.activationMs = Date.now() - started;
      result.extensionPath = extension.extensionPath;
      if (!String(extension.packageJSON.main).includes('dist/extension/client.js'))
        throw new Error(`main is ${extension.packageJSON.main}, not the bundle`);
    });

    await test('.wxml files open in the wxml language', async () => {
      const document = await vscode.workspace.openTextDocument(file('pages/login/login.wxml'));
      if (document.languageId !== 'wxml') throw new Error(`languageId is ${document.languageId}`);
    });

    await test(`${RULE_ID} is reported on ${FLAGGED_TEXT} in app.js`, async () => {
      const document = await vscode.workspace.openTextDocument(appJs);
      await vscode.window.showTextDocument(document);
      const [diagnostic] = await waitFor(
        `a ${RULE_ID} diagnostic`,
        20_000,
        () => ours(appJs).length > 0 && ours(appJs),
      );
      if (diagnostic.severity !== vscode.DiagnosticSeverity.Error)
        throw new Error(`severity ${diagnostic.severity}, expected Error`);
      const flagged = document.getText(diagnostic.range);
      if (!flagged.includes(FLAGGED_TEXT)) throw new Error(`the diagnostic covers "${flagged}", not ${FLAGGED_TEXT}`);
    });

    await test('the hover explains the rule', async () => {
      const [diagnostic] = ours(appJs);
      const hovers = await vscode.commands.executeCommand<vscodeTypes.Hover[]>(
        'vscode.executeHoverProvider',
        appJs,
        diagnostic.range.start,
      );
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (!text.includes(RULE_TITLE[locale]))
        throw new Error(`hover lacks "${RULE_TITLE[locale]}": ${text.slice(0, 200)}`);
    });

    await test('setting mpPrivacy.rules changes the severity', async () => {
      await config().update('rules', { [RULE_ID]: 'warning' }, Target);
      await waitFor('a warning', 15_000, () => ours(appJs)[0]?.severity === vscode.DiagnosticSeverity.Warning);
      await config().update('rules', undefined, Target);
      await waitFor('the error again', 15_000, () => ours(appJs)[0]?.severity === vscode.DiagnosticSeverity.Error);
    });

    await test('setting mpPrivacy.ignore hides the finding', async () => {
      await config().update('ignore', ['app.js'], Target);
      await waitFor('no diagnostic', 15_000, () => ours(appJs).length === 0);
      await config().update('ignore', undefined, Target);
      await waitFor('the diagnostic again', 15_000, () => ours(appJs).length > 0);
    });

    await test('setting mpPrivacy.enable to false turns mp-privacy off', async () => {
      await config().update('enable', false, Target);
      await waitFor('no diagnostic', 15_000, () => ours(appJs).length === 0);
      const actions = await vscode.commands.executeCommand<vscodeTypes.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        appJs,
        new vscode.Range(3, 0, 3, 40),
      );
      if (actions.some((a) => a.title === FIX_TITLE[locale]))
        throw new Error('a quick fix is still offered while disabled');
      await config().update('enable', undefined, Target);
      await waitFor('the diagnostic again', 15_000, () => ours(appJs).length > 0);
    });

    await test('the restart command restarts the server', async () => {
      await vscode.commands.executeCommand('mpPrivacy.restartServer');
      await waitFor('the diagnostic after the restart', 20_000, () => ours(appJs).length > 0);
    });

    await test('the quick fix moves getPhoneNumber to checkout and the diagnostic goes away', async () => {
      const [diagnostic] = await waitFor('the diagnostic', 15_000, () => ours(appJs).length > 0 && ours(appJs));
      const actions = await vscode.commands.executeCommand<vscodeTypes.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        appJs,
        diagnostic.range,
      );
      const fix = actions.find((a) => a.title === FIX_TITLE[locale]);
      if (!fix?.edit) throw new Error(`no "${FIX_TITLE[locale]}" among: ${actions.map((a) => a.title).join(' | ')}`);
      if (!(await vscode.workspace.applyEdit(fix.edit))) throw new Error('applyEdit returned false');
      // workspace.saveAll saves what editors show; files the edit changed in the background are saved one by one.
      for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
        if (!(await document.save())) throw new Error(`could not save ${document.uri.fsPath}`);
      }
      await waitFor('the diagnostic to go away', 15_000, () => ours(appJs).length === 0);
      const onDisk = (relative: string): string => fs.readFileSync(path.join(folder, relative), 'utf8');
      const fixed = ([relative, expectation]: [string, { has?: string; lacks?: string }]): boolean =>
        expectation.has !== undefined
          ? onDisk(relative).includes(expectation.has)
          : !onDisk(relative).includes(expectation.lacks!);
      try {
        await waitFor('the fixed files on disk', 10_000, () => Object.entries(AFTER_FIX).every(fixed));
      } catch (error) {
        const wrong = Object.entries(AFTER_FIX).filter((entry) => !fixed(entry));
        const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => path.basename(d.uri.fsPath));
        throw new Error(
          `${(error as Error).message}: ${wrong.map(([relative]) => `${relative}: ${JSON.stringify(onDisk(relative))}`).join('; ')}; dirty: ${dirty.join(', ') || 'none'}`,
          { cause: error },
        );
      }
    });

    await test('contributed snippets insert and stay clean', async () => {
      const inserted: [string, string, string, vscodeTypes.Position][] = [
        ['pages/index/index.wxml', 'wxml', 'mp-avatar-nickname', new vscode.Position(0, 0)],
        ['pages/index/index.js', 'javascript', 'mp-subscribe-on-tap', new vscode.Position(1, 0)],
      ];
      for (const [relative, langId, name, position] of inserted) {
        const uri = file(relative);
        const before = fs.readFileSync(uri.fsPath, 'utf8');
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        editor.selection = new vscode.Selection(position, position);
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId, name });
        await waitFor(`snippet ${name} in ${relative}`, 5_000, () => editor.document.getText() !== before);
        await editor.document.save();
      }
      await sleep(1500);
      for (const [relative] of inserted) {
        const found = vscode.languages.getDiagnostics(file(relative)).filter((d) => d.source === 'mp-privacy');
        if (found.length) throw new Error(`${relative}: ${found.map((d) => `${codeOf(d)} ${d.message}`).join('; ')}`);
      }
    });
  } finally {
    result.ok = result.tests.length > 0 && result.tests.every((t) => t.ok);
    const json = JSON.stringify(result);
    if (resultFile) fs.writeFileSync(resultFile, json);
    console.log(`${RESULT_MARKER} ${json}`);
  }
  if (!result.ok)
    throw new Error(
      `host suite failed: ${result.tests
        .filter((t) => !t.ok)
        .map((t) => t.name)
        .join(', ')}`,
    );
}
