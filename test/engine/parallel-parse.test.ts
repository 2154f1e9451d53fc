/**
 * The parallel cold parse (a worker thread parses part of the scripts) must change nothing but the time:
 * the same findings as a plain analysis, no file parsed twice, and a clean fallback when it cannot run.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as os from 'os';
import * as path from 'path';
import { CachingFileSystemHost, ProjectAnalyzer, createNodeFileSystemHost } from '../../server/src/engine';
import { examplesDir } from '../helpers/paths';

const cores = (os as { availableParallelism?: () => number }).availableParallelism?.() ?? os.cpus().length;

for (const example of ['coffee-shop', 'fresh-market']) {
  test(`a worker parses part of ${example} and the findings are those of a plain analysis`, { skip: cores < 2 ? 'one core: no worker is started' : false }, () => {
    const root = path.join(examplesDir, example);
    const plain = new ProjectAnalyzer(createNodeFileSystemHost()).analyze(root).findings;

    const analyzer = new ProjectAnalyzer(new CachingFileSystemHost(createNodeFileSystemHost()));
    const stats = analyzer.preparse(root, { minimumEstimatedMs: 0 });
    assert.equal(stats.sequentialBecause, undefined, `the worker should run (${stats.sequentialBecause})`);
    assert.ok(stats.onWorker > 0, 'the worker parsed some scripts');
    const parsedBefore = analyzer.parseCount;
    assert.equal(parsedBefore + stats.onWorker, stats.files, 'every file parsed once, on one thread or the other');

    const parallel = analyzer.analyze(root).findings;
    assert.equal(analyzer.parseCount, parsedBefore, 'the analysis found every file parsed already');
    const strip = (findings: typeof plain) => JSON.stringify(findings.map((f) => ({ ...f, fixes: f.fixes.map((fix) => fix.build('en')) })));
    assert.ok(plain.length > 0);
    assert.equal(strip(parallel), strip(plain));
  });
}

test('a small project is parsed on this thread only', () => {
  const analyzer = new ProjectAnalyzer(createNodeFileSystemHost());
  const stats = analyzer.preparse(path.join(examplesDir, 'coffee-shop'));
  assert.equal(stats.sequentialBecause, 'little to parse');
  assert.equal(stats.onWorker, 0);
});
