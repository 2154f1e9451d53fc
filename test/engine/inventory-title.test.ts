import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { Locale } from '../../server/src/engine';
import { ProjectAnalyzer, formatInventory } from '../../server/src/engine';
import { VIRTUAL_ROOT, virtualHost } from '../helpers/virtual-project';
import type { ProjectFiles } from '../helpers/virtual-project';

const PHONE_PAGE = (label: string) => ({
  'pages/index/index.wxml': `<view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onGetPhone">${label}</button>\n</view>\n`,
  'pages/index/index.js': `Page({\n  onGetPhone(e) {\n    console.log(e.detail.code);\n  },\n});\n`,
});

/** The Markdown inventory of one project linted from its parent folder (as `mp-privacy inventory <dir>` does). */
function markdownInventory(files: ProjectFiles, editorLocale: Locale): string {
  const host = virtualHost(files);
  const analyzer = new ProjectAnalyzer(host);
  return formatInventory(
    {
      baseDir: path.dirname(VIRTUAL_ROOT),
      inventories: [analyzer.inventory(VIRTUAL_ROOT)],
      read: (file) => host.readFile(file),
    },
    'markdown',
    editorLocale,
  );
}

describe("the inventory's draft declaration names the project, in its language", () => {
  it("takes app.json's window title over the folder's name, and writes the draft in the UI's language", () => {
    const files = {
      'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { navigationBarTitleText: '星巴克咖啡' } }),
      'project.config.json': JSON.stringify({ projectname: 'coffee-shop' }),
      ...PHONE_PAGE('获取手机号'),
    };
    const markdown = markdownInventory(files, 'en');
    assert.match(markdown, /^# Privacy inventory: 星巴克咖啡\n/, 'the title names the project, not "mini-program"');
    assert.doesNotMatch(markdown, /coffee-shop|mini-program \(/);
    // The editor is English, the project's UI Chinese: the draft pasted into the admin console is Chinese.
    assert.match(markdown, /- 为了【请填写用途】，开发者将在获取你的明示同意后，收集你的手机号。/);
  });

  it("falls back to project.config.json's projectname, and to the editor's language when the UI does not tell", () => {
    const files = {
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'project.config.json': JSON.stringify({ projectname: 'Bean Counter' }),
      ...PHONE_PAGE('{{label}}'),
    };
    const markdown = markdownInventory(files, 'zh-cn');
    assert.match(markdown, /^# 隐私信息清单: Bean Counter\n/);
    assert.match(markdown, /收集你的手机号。/);
  });

  it('an English UI gets an English draft whatever the editor', () => {
    const files = {
      'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { navigationBarTitleText: 'Bean Counter' } }),
      ...PHONE_PAGE('Use my phone number'),
    };
    const markdown = markdownInventory(files, 'zh-cn');
    assert.match(markdown, /^# 隐私信息清单: Bean Counter\n/);
    assert.match(markdown, /- Phone number: collected, with the user's explicit consent,/);
  });
});
