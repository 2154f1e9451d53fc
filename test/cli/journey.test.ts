/**
 * `mp-privacy journey`: the journey model drawn for a reviewer, over the real CLI (JSON, Mermaid, DOT), and
 * the escaping that keeps project text from breaking out of a label.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { formatJourney, type Journey } from '../../server/src/engine';
import { examplesDir } from '../helpers/paths';
import { runCli } from './run-cli';

describe('mp-privacy journey', () => {
  it('draws launch -> pages -> requests with triggers and conditions (JSON)', () => {
    const run = runCli(['journey', path.join(examplesDir, 'coffee-shop'), '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const [journey] = JSON.parse(run.stdout) as Journey[];
    const node = (id: string) => journey.nodes.find((n) => n.id === id);
    assert.equal(node('launch')?.kind, 'launch');
    assert.deepEqual(
      { entry: node('page:pages/index/index')?.entry, wall: node('page:pages/login/login')?.wall },
      { entry: true, wall: 'phone-only' },
    );
    const toLogin = journey.edges.find((e) => e.from === 'launch' && e.to === 'page:pages/login/login');
    assert.equal(toLogin?.trigger, 'onLaunch');
    assert.equal(toLogin?.condition, 'user-state');
    const loginRequest = journey.edges.find((e) => e.from === 'page:pages/login/login' && e.to.startsWith('request:'));
    assert.equal(loginRequest?.trigger, 'shown on entry');
    const requestNode = node(loginRequest.to)!;
    assert.deepEqual(
      [requestNode.label, requestNode.file, typeof requestNode.line],
      ['getPhoneNumber', 'pages/login/login.wxml', 'number'],
    );
  });

  it('writes Mermaid by default and DOT on request', () => {
    const mermaid = runCli(['journey', path.join(examplesDir, 'coffee-shop')]);
    assert.equal(mermaid.status, 0, mermaid.stderr);
    assert.match(mermaid.stdout, /^flowchart LR\n/);
    assert.match(mermaid.stdout, /-\.->\|"onLaunch · user state: [^"]*"\|/);
    const dot = runCli(['journey', path.join(examplesDir, 'coffee-shop'), '-f', 'dot']);
    assert.match(dot.stdout, /^digraph journey \{/);
    assert.match(dot.stdout, /style=dashed/);
    assert.equal(runCli(['journey', examplesDir, '--format', 'svg']).status, 2);
  });

  it('keeps project text inside its label', () => {
    const journey: Journey = {
      root: '/p',
      nodes: [
        { id: 'launch', kind: 'launch', label: 'launch' },
        { id: 'page:x', kind: 'page', label: 'pages/a"]-->evil["b\nline' },
      ],
      edges: [{ from: 'launch', to: 'page:x', trigger: 'onLoad', condition: 'other', conditionText: 'a|b"}' }],
    };
    const mermaid = formatJourney([journey], 'mermaid', () => 'p');
    const pageLine = mermaid.split('\n').find((line) => line.includes('pages/a'))!;
    assert.equal(pageLine.match(/"/g)?.length, 2, pageLine);
    assert.doesNotMatch(mermaid, /evil\["/);
    const edgeLine = mermaid.split('\n').find((line) => line.includes('-.->'))!;
    assert.equal(edgeLine.match(/\|/g)?.length, 2, edgeLine);
    const dot = formatJourney([journey], 'dot', () => 'p');
    assert.match(dot, /label="pages\/a\\"\]-->evil\[\\"b line"/);
  });
});
