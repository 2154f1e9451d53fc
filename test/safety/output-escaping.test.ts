/**
 * Output that cannot be steered (issue 12, item 5): text from the project (folder and file names, keys,
 * purposes, rule ids in the config, a binary file read as text) reaches the terminal with its control
 * characters escaped: ESC/OSC/BEL/CR/LF and the other C0/C1 controls, and the Unicode bidi overrides and
 * isolates. The Markdown inventory and the hover show it literally: `|`, line breaks, `<img onerror>`,
 * `[link](javascript:…)` and `![](http://remote/img)` never become table cells, HTML, links or images
 * (rendered with markdown-it, raw HTML and links of every scheme allowed, as a permissive renderer would).
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProjectAnalyzer, hoverMarkdown, ruleById, ruleDocsUri } from '../../server/src/engine';
import { cliBin } from '../helpers/paths';
import { VIRTUAL_ROOT, virtualHost } from '../helpers/virtual-project';

// markdown-it ships no types; only render() is used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean; linkify: boolean }) => {
  render(source: string): string;
  validateLink(url: string): boolean;
};
const markdown = new MarkdownIt({ html: true, linkify: false });
markdown.validateLink = () => true; // javascript: and file: links too (markdown-it drops them by default)

/** Anything a terminal or a bidi-aware display acts on; only the line breaks the report itself writes may remain. */
const STEERING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const ESC = '\u001b';
const BEL = '\u0007';
/** A folder name that retitles the terminal, rewinds the line, prints a fake finding and reverses the rest. */
const HOSTILE_FOLDER = `shop${ESC}]0;pwned${BEL}\r\n  1:1  error  FAKE finding  phone-on-entry\u202e`;
const HOSTILE_PAGE = `pages/p${ESC}[31m\u2066/index`;
const MARKUP =
  '| x | <img src=x onerror=alert(1)> [link](javascript:alert(1)) ![](http://remote.example/img.png) www.evil.example\n# heading';

function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  delete env.MP_PRIVACY_DEBUG;
  const run = spawnSync(process.execPath, [cliBin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return run;
}

function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

/** Bytes of a binary file that holds no NUL (the engine reads it as text). */
function binaryWithoutNul(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = 1 + ((i * 97 + 13) % 255);
  return bytes;
}

function assertNotSteering(output: string, what: string): void {
  const found = STEERING.exec(output);
  assert.equal(
    found,
    null,
    `${what} holds U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${found?.index}: ${JSON.stringify(output.slice(Math.max(0, (found?.index ?? 0) - 60), (found?.index ?? 0) + 20))}`,
  );
}

describe('output that cannot be steered', () => {
  let temp: string;
  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-privacy-escaping-'));
    writeFiles(path.join(temp, 'lint', HOSTILE_FOLDER), {
      'app.json': JSON.stringify({
        pages: [HOSTILE_PAGE, 'pages/bin/index'],
        permission: { 'scope.userLocation': { desc: `测试${ESC}[2J\u202e` } },
      }),
      'mp-privacy.config.json': JSON.stringify({ rules: { [`no-such-rule${ESC}[31m\u202e`]: 'off' } }),
      [`${HOSTILE_PAGE}.wxml`]: '<button open-type="getPhoneNumber" bindgetphonenumber="p">手机号登录</button>\n',
      [`${HOSTILE_PAGE}.js`]: `Page({\n  onLoad() {\n    wx.getLocation({});\n    wx.setStorageSync('phone${ESC}]0;x${BEL}\u202e', 1);\n  },\n  p() {},\n});\n`,
      'pages/bin/index.wxml': binaryWithoutNul(3000),
      'pages/bin/index.js': binaryWithoutNul(3000),
    });
    writeFiles(path.join(temp, 'lint', 'clean'), {
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.wxml': '<view>hi</view>\n',
      'pages/index/index.js': 'Page({});\n',
    });
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('lint: names, quoted keys and purposes, config ids and binary files reach the terminal escaped', () => {
    const run = cli(['lint', path.join(temp, 'lint')]);
    assert.equal(run.status, 1, run.stderr);
    assertNotSteering(run.stdout, 'stdout');
    assertNotSteering(run.stderr, 'stderr');
    assert.ok(!run.stdout.split('\n').some((line) => line.startsWith('  1:1  error  FAKE')), 'no fake finding line');
    // Escaped, not dropped: the folder, the page, the stored key and the unknown rule are still recognisable.
    assert.match(
      run.stdout,
      /^ {2}shop\\u001b\]0;pwned\\u0007\\u000d\\u000a {2}1:1 {2}error {2}FAKE finding {2}phone-on-entry\\u202e$/m,
    );
    assert.match(run.stdout, /pages\/p\\u001b\[31m\\u2066\/index\.js$/m);
    assert.match(
      run.stdout,
      /Personal information \("phone\\u001b\]0;x\\u0007\\u202e"\) is written to local storage\./,
    );
    assert.match(run.stdout, /Unknown rule "no-such-rule\\u001b\[31m\\u202e"/);
  });

  it('lint --fix and inventory: what they print about files is escaped too', () => {
    const copy = path.join(temp, 'fix');
    fs.cpSync(path.join(temp, 'lint'), copy, { recursive: true });
    const fixed = cli(['lint', copy, '--fix']);
    assert.match(
      fixed.stderr,
      /mp-privacy: fixed undeclared-private-info in .*\/pages\/p\\u001b\[31m\\u2066\/index\.js: /,
      'an automatic fix was applied and reported',
    );
    assertNotSteering(fixed.stderr, 'stderr of --fix');
    assertNotSteering(fixed.stdout, 'stdout of --fix');
    const inventory = cli(['inventory', path.join(temp, 'lint')]);
    assert.equal(inventory.status, 0, inventory.stderr);
    assert.match(inventory.stdout, /\\u202e/);
    assertNotSteering(inventory.stdout, 'inventory');
  });

  it('the Markdown inventory shows project text literally: no table breaks, HTML, links or images', () => {
    const folder = 'x|y<img src=q onerror=alert(1)>[l](javascript:alert(1))';
    const root = path.join(temp, 'markdown');
    writeFiles(root, {
      'app.json': JSON.stringify({
        pages: [`pages/${folder}/index`],
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: MARKUP } },
      }),
      [`pages/${folder}/index.wxml`]: '<button open-type="getPhoneNumber" bindgetphonenumber="p">手机号</button>\n',
      [`pages/${folder}/index.js`]: 'Page({\n  onLoad() {\n    wx.getLocation({});\n  },\n});\n',
    });
    const run = cli(['inventory', root, '--format', 'markdown']);
    assert.equal(run.status, 0, run.stderr);
    const html = markdown.render(run.stdout);
    assert.doesNotMatch(html, /<img|<a[\s>]|<script/i, html);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1, 'the purpose makes no heading');
    const rows = html.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    assert.equal(rows.length, 3, 'a header and the two places (getPhoneNumber, wx.getLocation)');
    for (const row of rows) assert.equal((row.match(/<t[dh][\s>]/g) ?? []).length, 4, row);
    assert.doesNotMatch(
      run.stdout,
      /(?<!\\):\/\/|(?<!\\)www\./,
      'no bare autolink (GFM renderers link http:// and www.)',
    );
    assert.match(html, /onerror=alert\(1\)/, 'the text is still there, as text');
    // The renderer would have made all of it markup: the check above can fail.
    assert.match(markdown.render(MARKUP), /<img[\s\S]*<a href="javascript:/);
  });

  it('hovers quote project text literally', () => {
    const key = `phone <img src=x onerror=alert(1)> [link](javascript:alert(1)) ![](http://remote.example/img.png)`;
    const result = new ProjectAnalyzer(
      virtualHost({
        'app.json': JSON.stringify({
          pages: ['pages/index/index'],
          requiredPrivateInfos: ['getLocation'],
          permission: { 'scope.userLocation': { desc: `测试 ${MARKUP}` } },
        }),
        'pages/index/index.wxml': '<view>{{title}}</view>\n',
        'pages/index/index.js': `Page({\n  onLoad() {\n    wx.getLocation({});\n    wx.setStorageSync('${key}', 1);\n  },\n});\n`,
      }),
    ).analyze(VIRTUAL_ROOT);
    const quoting = result.findings.filter((f) => f.evidence.en.includes('<img'));
    assert.deepEqual(quoting.map((f) => f.ruleId).sort(), ['location-purpose', 'personal-data-storage']);
    for (const finding of quoting) {
      const html = markdown.render(hoverMarkdown(finding, 'en'));
      assert.doesNotMatch(html, /<img|<a href="(?!https:\/\/developers\.weixin\.qq\.com\/|file:)/i, html);
      const ours = [
        ruleDocsUri(finding.ruleId),
        ...(ruleById(finding.ruleId)?.meta.references ?? []).map((r) => r.url),
      ];
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
      assert.deepEqual(links, ours, 'only the rule documentation and official references are links');
    }
  });
});
