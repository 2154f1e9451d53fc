/**
 * One boundary: the linted folder (CLI) or the workspace folders (language server). Nothing outside it is read
 * into a report or written, links are followed only when they stay inside, each real folder is visited once, and
 * a `miniprogramRoot` or a command argument that leads out is refused. Real processes throughout.
 */
import { beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { runCli, type CliRun } from '../cli/run-cli';
import { LspSession, uriOf } from '../lsp/lsp-session';
import { addObsoleteKey, copyCliFixture, useSandbox, type Sandbox } from './sandbox';

interface JsonReport {
  roots: string[];
  findings: { file: string; ruleId: string }[];
  notices: { level: string; file?: string; message: string }[];
}

function lintJson(args: string[]): { run: CliRun; report: JsonReport } {
  const run = runCli(['lint', ...args, '--format', 'json']);
  return { run, report: JSON.parse(run.stdout) };
}

const INVENTORY = 'mp-privacy.inventory';

describe('safety: one boundary', () => {
  const sandbox = useSandbox();
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });

  it('symlink farm: three links to the folder itself (ln -s . a) neither loop nor multiply the project', () => {
    const app = copyCliFixture('clean', path.join(box.work, 'app'));
    for (const name of ['a', 'b', 'c']) fs.symlinkSync('.', path.join(app, name));
    const { run, report } = lintJson([box.work]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(report.roots, ['app']);
  });

  it('symlink farm: a link to / is not walked', () => {
    const app = copyCliFixture('clean', path.join(box.work, 'app'));
    fs.symlinkSync('/', path.join(app, 'rootlink'));
    fs.symlinkSync('/', path.join(box.work, 'rootlink'));
    const { run, report } = lintJson([box.work]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(report.roots, ['app']);
  });

  it('symlink farm: links out of the folder are not followed, links inside it are', () => {
    // The entry page's template asks for the phone number (phone-on-entry). Behind a link out of the folder it
    // must not be read; behind a link that stays inside, it must.
    const escaping = copyCliFixture('phone-on-entry', path.join(box.work, 'escaping'));
    const template = path.join('pages', 'login', 'login.wxml');
    fs.renameSync(path.join(escaping, template), path.join(box.outside, 'login.wxml'));
    fs.symlinkSync(path.join(box.outside, 'login.wxml'), path.join(escaping, template));
    fs.symlinkSync(path.join(box.outside, 'other'), path.join(escaping, 'other-link'));
    const inside = copyCliFixture('phone-on-entry', path.join(box.work, 'inside'));
    fs.mkdirSync(path.join(inside, 'shared'));
    fs.renameSync(path.join(inside, template), path.join(inside, 'shared', 'login.wxml'));
    fs.symlinkSync(path.join('..', '..', 'shared', 'login.wxml'), path.join(inside, template));
    box.outsideIsSetUp();

    const { report } = lintJson([box.work]);
    assert.deepEqual(report.roots, ['escaping', 'inside'], 'the mini program behind other-link is not found');
    const phone = report.findings.filter((f) => f.ruleId === 'phone-on-entry').map((f) => f.file);
    assert.deepEqual(phone, ['inside/pages/login/login.wxml']);
  });

  it('miniprogramRoot escape (relative): "../outside/other" is reported as an error naming it, not followed, not fixed', () => {
    fs.writeFileSync(
      path.join(box.work, 'project.config.json'),
      JSON.stringify({ miniprogramRoot: '../outside/other' }),
    );
    const run = runCli(['lint', box.work, '--fix']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /project\.config\.json: "miniprogramRoot": "\.\.\/outside\/other" leads outside the folder being checked; mp-privacy did not follow it/,
    );
    assert.doesNotMatch(run.stderr, /fixed/);
  });

  it('miniprogramRoot escape (absolute path and link): reported, not followed, while the mini program inside is still linted', () => {
    addObsoleteKey(path.join(copyCliFixture('clean', path.join(box.work, 'app')), 'app.json'));
    fs.mkdirSync(path.join(box.work, 'absolute'));
    fs.writeFileSync(
      path.join(box.work, 'absolute', 'project.config.json'),
      JSON.stringify({ miniprogramRoot: path.join(box.outside, 'other') }),
    );
    fs.mkdirSync(path.join(box.work, 'linked'));
    fs.symlinkSync(path.join(box.outside, 'other'), path.join(box.work, 'linked', 'target'));
    fs.writeFileSync(
      path.join(box.work, 'linked', 'project.config.json'),
      JSON.stringify({ miniprogramRoot: 'target' }),
    );

    const run = runCli(['lint', box.work, '--fix', '--format', 'json']);
    assert.equal(run.status, 2, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.roots, ['app']);
    assert.deepEqual(
      report.notices.map((n) => [n.level, n.file]),
      [
        ['error', 'absolute/project.config.json'],
        ['error', 'linked/project.config.json'],
      ],
    );
    assert.match(report.notices[1].message, /symbolic link to .*outside/);
    assert.match(
      run.stderr,
      /fixed privacy-authorization-flow in \S*\/app\/app\.json/,
      'the mini program inside is fixed',
    );
  });

  it('language server: the inventory command refuses file:/// and folders outside the workspace at once, and keeps answering', async () => {
    copyCliFixture('clean', path.join(box.work, 'app'));
    fs.symlinkSync('/', path.join(box.work, 'app', 'rootlink'));
    for (const name of ['a', 'b', 'c']) fs.symlinkSync('.', path.join(box.work, 'app', name));
    const session = await LspSession.start(box.work);
    try {
      const inventory = (folders: string[]) =>
        session.withTimeout(
          session.connection.sendRequest(ExecuteCommandRequest.type, { command: INVENTORY, arguments: folders }),
          'inventory',
        ) as Promise<string>;
      const refusedRoot = await inventory(['file:///']);
      assert.match(refusedRoot, /is not a folder of the workspace; no inventory was made/);
      const refusedSibling = await inventory([uriOf(box.outside)]);
      assert.match(refusedSibling, /is not a folder of the workspace/);
      // The workspace itself, links and all: one mini program, answered within the request timeout.
      const own = await inventory([uriOf(box.work)]);
      assert.doesNotMatch(own, /is not a folder of the workspace/);
      assert.deepEqual(own.match(/^# Privacy inventory: .*$/gm), ['# Privacy inventory: app'], own);
      assert.ok((await session.hover('app/app.json', { line: 0, character: 0 })) !== undefined);
      assert.equal(await session.shutdown(), 0);
    } finally {
      session.dispose();
    }
  });
});
