import * as assert from 'assert';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalyzer } from '../../server/src/engine/index';
import { run } from '../../server/src/cli/main';
import { assertNoStackTrace, copyFixture, makeTempDir } from './run-cli';

/**
 * An engine exception cannot be provoked from outside on purpose, so these tests make the analyzer throw for
 * one root in-process and check that the CLI reports it, keeps going and exits 2.
 */
describe('mp-privacy lint when the engine throws for one root', () => {
  const temp = makeTempDir();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the prototype, never called unbound
  const original = ProjectAnalyzer.prototype.analyze;

  before(() => {
    copyFixture('clean', path.join(temp.dir, 'good'));
    copyFixture('clean', path.join(temp.dir, 'broken'));
    ProjectAnalyzer.prototype.analyze = function (this: ProjectAnalyzer, root: string) {
      if (path.basename(root) === 'broken') throw new TypeError('cannot read properties of undefined');
      return original.call(this, root);
    };
  });
  after(() => {
    ProjectAnalyzer.prototype.analyze = original;
    temp.cleanup();
  });

  function lint(format: string, env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const status = run(['lint', temp.dir, '--format', format], {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: { LANG: 'C', ...env },
      cwd: temp.dir,
    });
    return { status, stdout: out.join(''), stderr: err.join('') };
  }

  it('names the root on stderr without a stack trace, reports the others and exits 2', () => {
    const result = lint('text');
    assert.strictEqual(result.status, 2);
    assert.strictEqual(
      result.stderr,
      'mp-privacy: internal error analysing broken: cannot read properties of undefined\n',
    );
    assert.match(result.stdout, /Scanned 2 mini programs:\n {2}broken\n {2}good\n/);
    assert.doesNotMatch(result.stdout.replace(/internal error/, ''), /at .*:\d+:\d+/);
  });

  it('lists the failure in JSON and marks the SARIF run unsuccessful', () => {
    const json = JSON.parse(lint('json').stdout);
    assert.deepStrictEqual(json.errors, [{ root: 'broken', message: 'cannot read properties of undefined' }]);
    assert.deepStrictEqual(json.roots, ['broken', 'good']);
    const sarif = JSON.parse(lint('sarif').stdout);
    assert.strictEqual(sarif.runs[0].invocations[0].executionSuccessful, false);
  });

  it('prints the stack only when MP_PRIVACY_DEBUG is set', () => {
    assert.throws(() => assertNoStackTrace(lint('text', { MP_PRIVACY_DEBUG: '1' }).stderr));
  });
});
