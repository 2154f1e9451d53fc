import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseArgs } from '../../server/src/cli/args';
import { localeFromEnvironment } from '../../server/src/cli/commands';

describe('parseArgs', () => {
  it('defaults lint to the current folder, text output and the environment locale', () => {
    assert.deepStrictEqual(parseArgs(['lint']), {
      kind: 'lint',
      options: {
        dir: '.',
        format: 'text',
        locale: undefined,
        output: undefined,
        fix: false,
        baseline: { action: 'check', file: undefined },
      },
    });
  });

  it('accepts "--opt value", "--opt=value" and short options in any order', () => {
    assert.deepStrictEqual(parseArgs(['lint', '--format=sarif', 'app', '-l', 'zh_CN', '-o', 'out.sarif']), {
      kind: 'lint',
      options: {
        dir: 'app',
        format: 'sarif',
        locale: 'zh-cn',
        output: 'out.sarif',
        fix: false,
        baseline: { action: 'check', file: undefined },
      },
    });
    assert.deepStrictEqual(parseArgs(['lint', '-f', 'JSON', '--locale', 'en', '--', '-odd-dir']), {
      kind: 'lint',
      options: {
        dir: '-odd-dir',
        format: 'json',
        locale: 'en',
        output: undefined,
        fix: false,
        baseline: { action: 'check', file: undefined },
      },
    });
  });

  it('recognises help and version', () => {
    assert.deepStrictEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['lint', '-h']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['--version']), { kind: 'version' });
  });

  const usageErrors: [string[], RegExp][] = [
    [[], /missing command/],
    [['check'], /unknown command "check"/],
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['lint', '--frobnicate'], /unknown option "--frobnicate"/],
    [['lint', '--format', 'xml'], /unknown format "xml"/],
    [['lint', '--format'], /--format needs a value/],
    [['lint', '--output', '--format', 'json'], /--output needs a value/],
    [['lint', '--locale', 'fr'], /unknown locale "fr"/],
    [['lint', 'a', 'b'], /one dir/],
    [['inventory', '--format', 'sarif'], /unknown format "sarif"/],
    [['init', '--fix'], /--fix goes with lint/],
    [['lint', '--force'], /--force goes with init/],
  ];

  it('parses inventory, init and lint --fix', () => {
    assert.deepStrictEqual(parseArgs(['inventory', 'app', '-f', 'markdown']), {
      kind: 'inventory',
      options: { dir: 'app', format: 'markdown', locale: undefined, output: undefined },
    });
    assert.deepStrictEqual(parseArgs(['init', '--force']), { kind: 'init', options: { dir: '.', force: true } });
    assert.deepStrictEqual(parseArgs(['lint', '--fix']), {
      kind: 'lint',
      options: {
        dir: '.',
        format: 'text',
        locale: undefined,
        output: undefined,
        fix: true,
        baseline: { action: 'check', file: undefined },
      },
    });
    assert.deepStrictEqual(parseArgs(['lint', '--baseline', 'write', '--baseline=ci/b.json']), {
      kind: 'lint',
      options: {
        dir: '.',
        format: 'text',
        locale: undefined,
        output: undefined,
        fix: false,
        baseline: { action: 'write', file: 'ci/b.json' },
      },
    });
    assert.equal(parseArgs(['lint', '--baseline', 'write', '--baseline', 'off']).kind, 'usage-error');
    assert.equal(parseArgs(['lint', '--baseline', 'a.json', '--baseline', 'b.json']).kind, 'usage-error');
    assert.equal(parseArgs(['journey', '--baseline', 'write']).kind, 'usage-error');
  });
  for (const [argv, message] of usageErrors) {
    it(`reports a usage error for: ${argv.join(' ') || '(nothing)'}`, () => {
      const parsed = parseArgs(argv);
      assert.strictEqual(parsed.kind, 'usage-error');
      assert.match((parsed as { message: string }).message, message);
    });
  }
});

describe('localeFromEnvironment', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.strictEqual(localeFromEnvironment({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.strictEqual(localeFromEnvironment({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.strictEqual(localeFromEnvironment({ LC_MESSAGES: 'zh_TW', LANG: 'C' }), 'zh-cn');
    assert.strictEqual(localeFromEnvironment({}), 'en');
  });
});
