/**
 * The extension manifest and its localisation: every contributed string exists in English and Chinese
 * (package.nls*.json), every runtime string of the client in both l10n bundles, the rule settings list every
 * engine rule, and engines.vscode matches what the client library and the typings allow.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { CrashPolicy } from '../../client/src/crash-policy';
import { bundleFor } from '../../client/src/l10n';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const readJson = (relative: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8'));
const manifest = readJson('package.json') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const manifestText = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
const keys = (object: Record<string, unknown>): string[] => Object.keys(object).sort();
const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();
const CJK = /[\u4e00-\u9fff]/;

describe('package.nls', () => {
  const en = readJson('package.nls.json') as Record<string, string>;
  const zh = readJson('package.nls.zh-cn.json') as Record<string, string>;

  it('English and Chinese have the same keys', () => {
    assert.deepEqual(keys(zh), keys(en));
  });

  it('every %key% in package.json is defined, and every key is used', () => {
    const used = [...new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
    assert.deepEqual(
      used.filter((key) => !(key in en)),
      [],
      'used but not defined',
    );
    assert.deepEqual(
      keys(en).filter((key) => !used.includes(key)),
      [],
      'defined but not used',
    );
  });

  it('every Chinese string is translated (not left in English)', () => {
    const sameAsEnglish = keys(zh).filter(
      (key) => zh[key] === en[key] && /[a-z]{4,}/i.test(en[key]) && !['command.category', 'config.title'].includes(key),
    );
    assert.deepEqual(sameAsEnglish, []);
    for (const key of keys(zh))
      if (!['command.category', 'config.title'].includes(key)) assert.match(zh[key], CJK, key);
  });
});

describe('l10n bundles (runtime strings of the client)', () => {
  const en = readJson('l10n/bundle.l10n.json') as Record<string, string>;
  const zh = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const clientSources = fs
    .readdirSync(path.join(repoRoot, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(repoRoot, 'client', 'src', f), 'utf8'))
    .join('\n');

  it('English and Chinese have the same keys, and the same {n} placeholders', () => {
    assert.deepEqual(keys(zh), keys(en));
    for (const key of keys(en)) {
      assert.equal(en[key], key, 'the English bundle maps each message to itself');
      assert.deepEqual(placeholders(zh[key]), placeholders(key), key);
      assert.match(zh[key], CJK, key);
    }
  });

  it('every t(...) message in client/src is in the bundles, and every bundle message is used', () => {
    const messages = [...new Set([...clientSources.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]))].sort();
    assert.ok(messages.length > 0);
    assert.deepEqual(
      messages.filter((m) => !(m in en)),
      [],
      'used but missing from the bundle',
    );
    assert.deepEqual(
      keys(en).filter((m) => !messages.includes(m)),
      [],
      'in the bundle but not used',
    );
  });

  it("the zh-cn bundle is found for VS Code's Simplified Chinese spellings, none for English", () => {
    for (const language of ['zh-cn', 'zh-CN', 'zh-hans', 'zh'])
      assert.ok(bundleFor(repoRoot, language)?.endsWith('bundle.l10n.zh-cn.json'), language);
    assert.equal(bundleFor(repoRoot, 'en'), undefined);
  });
});

describe('contributions', () => {
  const properties = manifest.contributes.configuration.properties;

  it('mpPrivacy.rules offers every rule of the engine (run scripts/sync-rule-settings.js after adding one)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { expectedRuleSettings } = require(path.join(repoRoot, 'scripts', 'lib', 'rule-settings.js'));
    const expected = expectedRuleSettings(allRules);
    assert.deepEqual(properties['mpPrivacy.rules'].properties, expected.properties);
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    for (const [key, value] of Object.entries(expected.nls.en)) assert.equal(en[key], value, key);
    for (const [key, value] of Object.entries(expected.nls['zh-cn'])) assert.equal(zh[key], value, key);
  });

  it('contributes the settings the server reads', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      'mpPrivacy.enable',
      'mpPrivacy.ignore',
      'mpPrivacy.rules',
      'mpPrivacy.trace.server',
    ]);
  });

  it('every command has an onCommand activation event (VS Code before 1.74 needs them)', () => {
    for (const { command } of manifest.contributes.commands)
      assert.ok(manifest.activationEvents.includes(`onCommand:${command}`), command);
  });

  it('declares its workspace-trust and virtual-workspace behaviour', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });

  it('the files it points at exist', () => {
    const files = [
      manifest.icon,
      ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
    ];
    for (const file of files) assert.ok(fs.existsSync(path.join(repoRoot, file)), file);
  });
});

describe('engines.vscode', () => {
  const engine = manifest.engines.vscode as string;
  const minimum = (range: string): number[] => range.replace(/^\^/, '').split('.').map(Number);
  const compare = (a: number[], b: number[]): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

  it("is exactly vscode-languageclient's requirement (the lowest this client library allows)", () => {
    const client = JSON.parse(fs.readFileSync(require.resolve('vscode-languageclient/package.json'), 'utf8'));
    assert.equal(engine, client.engines.vscode);
  });

  it('is not lower than the @types/vscode the client is compiled against (so it uses no newer API)', () => {
    const types = JSON.parse(fs.readFileSync(require.resolve('@types/vscode/package.json'), 'utf8'));
    assert.ok(compare(minimum(engine), minimum(types.version)) >= 0, `${engine} vs @types/vscode ${types.version}`);
    assert.ok(
      compare(minimum(types.version), minimum(engine)) >= 0,
      `typings ${types.version} are older than ${engine}: newer APIs could slip in unchecked`,
    );
  });
});

describe('README', () => {
  it('shows the Neovim configuration that the end-to-end test loads, verbatim', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const init = fs.readFileSync(path.join(repoRoot, 'test', 'e2e', 'nvim', 'readme-init.lua'), 'utf8').trimEnd();
    assert.ok(readme.includes(init), 'README.md must contain test/e2e/nvim/readme-init.lua');
  });

  it('its screenshot is in the package allow-list', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)]
      .map((m) => m[1])
      .filter((src) => !/^https?:/.test(src));
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8');
    for (const image of images) {
      assert.ok(fs.existsSync(path.join(repoRoot, image)), `${image} exists`);
      assert.ok(
        ignore.includes('!client/media/screenshot-*.png') && /^client\/media\/screenshot-[^/]+\.png$/.test(image),
        `${image} is packaged`,
      );
    }
  });
});

describe('crash policy', () => {
  it('restarts 4 times within 3 minutes, then gives up until reset', () => {
    let now = 0;
    const policy = new CrashPolicy(4, 180_000, () => now);
    for (let crash = 1; crash <= 4; crash++) {
      now += 1000;
      assert.deepEqual(policy.crashed(), { restart: true, crashes: crash });
    }
    assert.deepEqual(policy.crashed(), { restart: false, crashes: 5 });
    policy.reset();
    assert.equal(policy.crashed().restart, true);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const policy = new CrashPolicy(4, 180_000, () => now);
    for (let crash = 0; crash < 4; crash++) policy.crashed();
    now += 180_001;
    assert.deepEqual(policy.crashed(), { restart: true, crashes: 1 });
  });
});
