import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { assertNoStackTrace, copyFixture, makeTempDir, runCli } from './run-cli';

/** Bytes no text editor would produce: NUL, invalid UTF-8, a BOM in the middle, control characters. */
const BINARY = Buffer.from([
  0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x00, 0x1b, 0x5b, 0x41, 0xc3, 0x28, 0x0a, 0x00,
  0x50, 0x61, 0x67, 0x65, 0x28,
]);

/** Each case breaks a copy of the clean project; the CLI must still finish with 0 or 1 and no stack trace. */
const cases: [string, (dir: string) => void][] = [
  [
    'an app.json that is not valid JSON',
    (dir) =>
      fs.writeFileSync(path.join(dir, 'app.json'), '{\n  "pages": ["pages/index/index", "pages/profile/profile"\n'),
  ],
  [
    'an app.json with values of the wrong type',
    (dir) =>
      fs.writeFileSync(
        path.join(dir, 'app.json'),
        JSON.stringify({ pages: [42, null, { page: 1 }, 'pages/index/index'], tabBar: 'none', subpackages: 7 }),
      ),
  ],
  [
    'a binary file named .js',
    (dir) => {
      fs.writeFileSync(path.join(dir, 'pages/index/index.js'), BINARY);
      fs.writeFileSync(path.join(dir, 'app.js'), BINARY);
    },
  ],
  [
    'a binary file named .wxml and .json',
    (dir) => {
      fs.writeFileSync(path.join(dir, 'pages/profile/profile.wxml'), BINARY);
      fs.writeFileSync(path.join(dir, 'pages/profile/profile.json'), BINARY);
    },
  ],
  [
    'truncated WXML',
    (dir) => {
      fs.writeFileSync(
        path.join(dir, 'pages/index/index.wxml'),
        '<view class="home">\n  <view wx:for="{{courses}}" wx:key="id">\n    <navigator url="/pages/index/index?course={{item.id}}',
      );
      fs.writeFileSync(
        path.join(dir, 'pages/profile/profile.wxml'),
        '<view><button open-type="getPhoneNumber" bindgetph',
      );
    },
  ],
  [
    'truncated JavaScript',
    (dir) =>
      fs.writeFileSync(
        path.join(dir, 'pages/index/index.js'),
        "Page({\n  openProfile() {\n    wx.navigateTo({ url: '/pages/pro",
      ),
  ],
  [
    'missing page files',
    (dir) => {
      fs.writeFileSync(
        path.join(dir, 'app.json'),
        JSON.stringify({ pages: ['pages/missing/missing', 'pages/index/index', 'pages/profile/profile'] }),
      );
      fs.rmSync(path.join(dir, 'pages/profile/profile.js'));
      fs.rmSync(path.join(dir, 'pages/profile/profile.wxml'));
    },
  ],
  [
    'empty files',
    (dir) => {
      for (const file of ['app.js', 'pages/index/index.js', 'pages/index/index.wxml', 'pages/index/index.json'])
        fs.writeFileSync(path.join(dir, file), '');
    },
  ],
  [
    'a folder where a page file should be',
    (dir) => {
      fs.rmSync(path.join(dir, 'pages/index/index.js'));
      fs.mkdirSync(path.join(dir, 'pages/index/index.js'));
    },
  ],
];

describe('mp-privacy lint on broken projects', () => {
  for (const [name, breakProject] of cases) {
    it(`finishes without a crash on ${name}`, () => {
      const temp = makeTempDir();
      try {
        const dir = copyFixture('clean', path.join(temp.dir, 'app'));
        breakProject(dir);
        const text = runCli(['lint', dir]);
        assert.ok(text.status === 0 || text.status === 1, `exit ${text.status}\n${text.stdout}\n${text.stderr}`);
        assertNoStackTrace(text.stderr);
        const json = runCli(['lint', dir, '--format', 'json']);
        assert.strictEqual(json.status, text.status);
        assertNoStackTrace(json.stderr);
        assert.deepStrictEqual(JSON.parse(json.stdout).errors, []);
      } finally {
        temp.cleanup();
      }
    });
  }
});
