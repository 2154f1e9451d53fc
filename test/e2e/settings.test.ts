/**
 * Editor settings reach the language server: `mpPrivacy.enable / rules / ignore` pulled with
 * workspace/configuration (scoped to the mini program root) and re-read on workspace/didChangeConfiguration,
 * or pushed by clients that cannot be asked. Runs the real server process (test/lsp's harness).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ConfigurationParams,
  ConfigurationRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  RegistrationParams,
  RegistrationRequest,
} from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, LspSession, uriOf } from '../lsp/lsp-session';
import { parseEditorSettings } from '../../server/src/lsp/settings';

const RULE = 'phone-on-entry';
const fixtureRoot = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'e2e', 'coffee-checkout');

function copyFixture(): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-settings-')), 'coffee-checkout');
  fs.cpSync(fixtureRoot, root, { recursive: true });
  return root;
}

describe('editor settings: parsing', () => {
  it('maps the mpPrivacy section onto engine overrides', () => {
    assert.deepEqual(
      parseEditorSettings({
        enable: true,
        rules: { [RULE]: 'warning' },
        ignore: ['vendor/**'],
        trace: { server: 'off' },
      }),
      {
        enable: true,
        overrides: { rules: { [RULE]: 'warning' }, ignore: ['vendor/**'] },
      },
    );
  });

  it('treats missing, empty and malformed values as defaults, and says what it dropped', () => {
    assert.deepEqual(parseEditorSettings(undefined), { enable: true, overrides: {} });
    assert.deepEqual(parseEditorSettings({ rules: {}, ignore: [] }), { enable: true, overrides: {} });
    const problems: { message: { en: string } }[] = [];
    const parsed = parseEditorSettings(
      { enable: false, rules: { [RULE]: 'loud' }, ignore: 'app.js' },
      problems as never,
    );
    assert.equal(parsed.enable, false);
    assert.deepEqual(parsed.overrides, {});
    assert.equal(problems.length, 2, JSON.stringify(problems));
  });
});

describe('editor settings: pulled with workspace/configuration', () => {
  let session: LspSession;
  let root: string;
  let settings: Record<string, unknown> = {};
  const requests: ConfigurationParams[] = [];
  const registrations: RegistrationParams[] = [];

  before(async () => {
    root = copyFixture();
    session = await LspSession.start(root, {
      capabilities: {
        ...FULL_CAPABILITIES,
        workspace: {
          ...FULL_CAPABILITIES.workspace,
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
        },
      },
    });
    session.connection.onRequest(ConfigurationRequest.type, (params) => {
      requests.push(params);
      return params.items.map((item) => (item.section === 'mpPrivacy' ? settings : null));
    });
    session.connection.onRequest(RegistrationRequest.type, (params) => void registrations.push(params));
    await session.open('app.js');
  });

  after(() => {
    session?.dispose();
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  const changeSettings = async (next: Record<string, unknown>): Promise<number> => {
    settings = next;
    const mark = session.mark();
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    return mark;
  };

  it('asks for the mpPrivacy section of the mini program root, and registers for changes', async () => {
    const diagnostic = await session.waitForFinding('app.js', RULE);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.ok(
      requests.some((r) => r.items.some((i) => i.section === 'mpPrivacy' && i.scopeUri === uriOf(root))),
      JSON.stringify(requests),
    );
    assert.ok(
      registrations.some((r) => r.registrations.some((g) => g.method === 'workspace/didChangeConfiguration')),
      JSON.stringify(registrations),
    );
  });

  it('a rule severity setting changes the diagnostic severity', async () => {
    const mark = await changeSettings({ rules: { [RULE]: 'warning' } });
    const diagnostics = await session.waitForDiagnostics(
      'app.js',
      (list) => list.some((d) => d.code === RULE && d.severity === DiagnosticSeverity.Warning),
      { after: mark },
    );
    assert.ok(diagnostics.length > 0);
  });

  it('"off" removes the rule\'s findings', async () => {
    const mark = await changeSettings({ rules: { [RULE]: 'off' } });
    await session.waitForCleared('app.js', RULE, mark);
  });

  it('ignore globs hide findings in matching files', async () => {
    await session.waitForFinding('app.js', RULE, await changeSettings({}));
    const mark = await changeSettings({ ignore: ['app.js'] });
    await session.waitForCleared('app.js', RULE, mark);
  });

  it('enable: false clears diagnostics, code actions and hovers; true brings them back', async () => {
    const diagnostic = await session.waitForFinding('app.js', RULE, await changeSettings({}));
    const mark = await changeSettings({ enable: false });
    await session.waitForCleared('app.js', RULE, mark);
    assert.deepEqual(await session.codeActions('app.js', diagnostic.range), []);
    assert.equal(await session.hover('app.js', diagnostic.range.start), null);
    const back = await session.waitForFinding('app.js', RULE, await changeSettings({ enable: true }));
    assert.equal(back.severity, DiagnosticSeverity.Error);
  });
});

describe('editor settings: pushed by a client that cannot be asked', () => {
  it('initializationOptions.settings and didChangeConfiguration settings apply', async () => {
    const root = copyFixture();
    const session = await LspSession.start(root, {
      initializationOptions: { settings: { mpPrivacy: { rules: { [RULE]: 'info' } } } },
    });
    try {
      await session.open('app.js');
      await session.waitForDiagnostics('app.js', (list) =>
        list.some((d) => d.code === RULE && d.severity === DiagnosticSeverity.Information),
      );
      const mark = session.mark();
      await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { mpPrivacy: { rules: { [RULE]: 'warning' } } },
      });
      await session.waitForDiagnostics(
        'app.js',
        (list) => list.some((d) => d.code === RULE && d.severity === DiagnosticSeverity.Warning),
        { after: mark },
      );
    } finally {
      session.dispose();
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
    }
  });
});
