import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir, runCli } from './run-cli';
import { renderProject } from '../helpers/forms';

function write(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

const SPEC = {
  pages: {
    'pages/index/index': { template: '<view wx:for="{{items}}">{{item}}</view>' },
    'pages/stores/stores': {
      template: '<button bindtap="locate">附近门店</button>',
      methods: { locate: 'wx.chooseAddress({});' },
    },
  },
};

describe('CLI on uni-app and Taro projects', () => {
  for (const form of ['uni-app', 'taro'] as const) {
    it(`lints a ${form} project on its sources`, () => {
      const { dir, cleanup } = makeTempDir();
      try {
        write(dir, renderProject(SPEC, form));
        const run = runCli(['lint', dir, '--format', 'json']);
        assert.equal(run.status, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.deepEqual(report.roots, [form === 'taro' ? 'src' : '.']);
        const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'undeclared-private-info');
        assert.equal(finding.file, form === 'taro' ? 'src/pages/stores/stores.tsx' : 'pages/stores/stores.vue');
      } finally {
        cleanup();
      }
    });
  }

  it('says what a folder holds when it has no mini program, and exits 2', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      write(dir, {
        'package.json': JSON.stringify({ dependencies: { '@mpxjs/core': '2.9.0' } }),
        'dist/web/index.html': '<html></html>',
      });
      const run = runCli(['lint', dir]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /no mini program found/);
      assert.match(run.stderr, /looks like a Mpx project \(@mpxjs\/core\)/);
      assert.match(run.stderr, /dist\/ is build output without a WeChat mini program/);
    } finally {
      cleanup();
    }
  });

  it('lints compiled output it is pointed at, with a note that findings point into compiled files', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      write(dir, {
        'wepy.config.js': 'module.exports = {}',
        'dist/app.json': '{ "pages": ["pages/index/index"] }',
        'dist/pages/index/index.wxml': '<view>hi</view>',
        'dist/pages/index/index.js': 'Page({})',
      });
      const run = runCli(['lint', dir]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /dist: build output: if it is compiled from sources/);
    } finally {
      cleanup();
    }
  });
});
