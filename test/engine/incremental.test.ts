/**
 * Incremental analysis must give exactly what a fresh analysis gives. One ProjectAnalyzer is kept across a
 * long sequence of edits (it carries unchanged pages and the facts remembered on them from one analysis to
 * the next); after every edit its findings are compared with those of a new analyzer that has seen nothing.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { FileSystemHost, Finding } from '../../server/src/engine';
import { CachingFileSystemHost, OverlayFileSystemHost, ProjectAnalyzer } from '../../server/src/engine';
import { FILE_MUTATIONS, PROJECT_MUTATIONS } from '../../bench/mutate';
import { Random } from '../../bench/prng';
import { examplesDir } from '../helpers/paths';

const ROOT = path.resolve('/virtual/incremental');

/** An in-memory file system whose files the test edits in place. */
function mutableHost(files: Map<string, string>): FileSystemHost {
  const directories = () => {
    const dirs = new Set<string>();
    for (const file of files.keys())
      for (let dir = path.dirname(path.join(ROOT, file)); dir.startsWith(ROOT); dir = path.dirname(dir)) dirs.add(dir);
    return dirs;
  };
  const rel = (file: string) => path.relative(ROOT, path.resolve(file)).split(path.sep).join('/');
  return {
    readFile: (file) => files.get(rel(file)),
    stat: (file) => (files.has(rel(file)) ? 'file' : directories().has(path.resolve(file)) ? 'directory' : undefined),
    readDirectory: (dir) => {
      const resolved = path.resolve(dir);
      const names = new Set<string>();
      for (const file of files.keys()) {
        const full = path.join(ROOT, file);
        for (let entry = full; entry.startsWith(ROOT) && entry !== ROOT; entry = path.dirname(entry))
          if (path.dirname(entry) === resolved) names.add(path.basename(entry));
      }
      return [...names];
    },
  };
}

function readExample(name: string): Map<string, string> {
  const files = new Map<string, string>();
  const base = path.join(examplesDir, name);
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(path.relative(base, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  visit(base);
  return files;
}

/** Everything a client sees of a finding, fixes built (their edits are what a quick-fix applies). */
function describe(findings: Finding[]): string[] {
  return findings.map((f) =>
    JSON.stringify({
      rule: f.ruleId,
      severity: f.severity,
      range: [path.relative(ROOT, f.range.file), f.range.start, f.range.end],
      message: f.message,
      evidence: f.evidence,
      related: f.related,
      unavailable: f.fixUnavailable,
      fixes: f.fixes.map((fix) => ({ title: fix.title, built: fix.build('en') })),
    }),
  );
}

/** Edits that change what other files' findings depend on (walls, redirects, helpers, app.json). */
const SEMANTIC_EDITS: { name: string; apply(files: Map<string, string>): void }[] = [
  {
    name: 'login page gets content',
    apply: (f) =>
      f.set(
        'pages/login/login.wxml',
        `${f.get('pages/login/login.wxml') ?? ''}\n<navigator url="/pages/index/index">暂不登录，先逛逛</navigator>`,
      ),
  },
  {
    name: 'helper stops redirecting',
    apply: (f) =>
      f.set(
        'utils/auth.js',
        (f.get('utils/auth.js') ?? '').replace(/wx\.(navigateTo|redirectTo|reLaunch)/g, 'console.log'),
      ),
  },
  {
    name: 'app.js stops relaunching',
    apply: (f) => f.set('app.js', (f.get('app.js') ?? '').replace(/wx\.reLaunch/g, 'console.log')),
  },
  {
    name: 'entry page moves',
    apply: (f) =>
      f.set(
        'app.json',
        (f.get('app.json') ?? '').replace('"pages": [', '"entryPagePath": "pages/login/login",\n  "pages": ['),
      ),
  },
  {
    name: 'index page gets a phone overlay',
    apply: (f) =>
      f.set(
        'pages/index/index.wxml',
        `<view class="mask" style="position:fixed;top:0;left:0;right:0;bottom:0"><button open-type="getPhoneNumber" bindgetphonenumber="onPhone">登录</button></view>\n${f.get('pages/index/index.wxml') ?? ''}`,
      ),
  },
  {
    name: 'menu page relaunches in onLoad',
    apply: (f) =>
      f.set(
        'pages/menu/menu.js',
        (f.get('pages/menu/menu.js') ?? 'Page({})').replace(
          'Page({',
          "Page({\n  onLoad() { wx.reLaunch({ url: '/pages/login/login' }) },",
        ),
      ),
  },
  {
    name: 'new helper module appears',
    apply: (f) => f.set('utils/track.js', "module.exports = { go() { wx.navigateTo({ url: '/pages/login/login' }) } }"),
  },
  {
    name: 'page imports the new helper',
    apply: (f) =>
      f.set(
        'pages/article/article.js',
        "const track = require('../../utils/track')\nPage({ onShow() { track.go() } })",
      ),
  },
  {
    name: 'requiredPrivateInfos emptied',
    apply: (f) =>
      f.set(
        'app.json',
        (f.get('app.json') ?? '').replace(/"requiredPrivateInfos"\s*:\s*\[[^\]]*\]/, '"requiredPrivateInfos": []'),
      ),
  },
  {
    name: 'app.wxss makes every .mask fixed',
    apply: (f) =>
      f.set(
        'app.wxss',
        `${f.get('app.wxss') ?? ''}\n.mask { position: fixed; top: 0; left: 0; width: 100%; height: 100%; }`,
      ),
  },
  {
    // The page's files stay the same while the helper its form handler calls changes: the page's remembered
    // findings (report-submit-formid, a per-unit check) must follow the shared helper.
    name: 'form helper toggles sending the formId',
    apply: (f) => {
      const page = f.get('pages/index/index.js') ?? 'Page({})';
      if (!page.includes('formHelper')) {
        f.set(
          'pages/index/index.js',
          `const formHelper = require('../../utils/form');\n${page.replace('Page({', 'Page({\n  onSubmit(e) { formHelper.submit(e) },')}`,
        );
        f.set(
          'pages/index/index.wxml',
          `${f.get('pages/index/index.wxml') ?? ''}\n<form report-submit="true" bindsubmit="onSubmit"><button form-type="submit">提交</button></form>`,
        );
      }
      const sends = (f.get('utils/form.js') ?? '').includes('wx.request');
      f.set(
        'utils/form.js',
        sends
          ? 'module.exports = { submit(e) { console.log(e.detail.value) } }'
          : "module.exports = { submit(e) { wx.request({ url: 'https://api.example.com/form', data: { formId: e.detail.formId } }) } }",
      );
    },
  },
  {
    name: 'helper stores the phone number and asks for the location',
    apply: (f) =>
      f.set(
        'utils/form.js',
        `${f.get('utils/form.js') ?? ''}\nfunction keep(phone) { wx.setStorageSync('userPhone', phone); wx.getLocation({ success() {} }); wx.request({ url: 'https://tracker.example.org/t', data: { phone } }) }\nmodule.exports.keep = keep;`,
      ),
  },
  {
    name: 'component template gets a getUserInfo button',
    apply: (f) => {
      const component = [...f.keys()].find((file) => /^components\/.*\.wxml$/.test(file));
      if (component) f.set(component, `${f.get(component)}\n<button open-type="getUserInfo">登录</button>`);
    },
  },
  {
    name: 'index page script asks for the location in onLoad',
    apply: (f) =>
      f.set(
        'pages/index/index.js',
        (f.get('pages/index/index.js') ?? 'Page({})').replace(
          'Page({',
          'Page({\n  onReady() { wx.chooseLocation({}) },',
        ),
      ),
  },
];

/** More steps and other seeds for a longer local run: MP_PRIVACY_INCREMENTAL_STEPS=2000 MP_PRIVACY_INCREMENTAL_SEED=7. */
const STEPS = Number(process.env.MP_PRIVACY_INCREMENTAL_STEPS) || 150;
const SEED = Number(process.env.MP_PRIVACY_INCREMENTAL_SEED) || 0;

/** Files other files depend on: app files, helper modules, components (their edits reach every page). */
const isShared = (file: string) => !/(^|\/)pages\//.test(file);

/**
 * How the analyzers see the files. `reread`: the host answers from the files each time (the CLI, a client
 * without change notifications). `notified`: the language server's hosts, buffers over a disk cache, told of
 * each change as a buffer edit or a change on disk, so the kept analyzer asks only for the changed paths again.
 */
type Hosting = 'reread' | 'notified';

function hostingOf(hosting: Hosting, files: Map<string, string>, rng: Random) {
  const disk = mutableHost(files);
  if (hosting === 'reread') return { host: disk, notify: () => undefined };
  const cache = new CachingFileSystemHost(disk);
  const host = new OverlayFileSystemHost(cache);
  const buffers = new Set<string>();
  let seen = new Map(files);
  const notify = () => {
    for (const file of new Set([...seen.keys(), ...files.keys()])) {
      if (seen.get(file) === files.get(file)) continue;
      const full = path.join(ROOT, file);
      const content = files.get(file);
      // An open buffer follows the edit; a closed file changes on disk (or is opened with the change).
      if (content !== undefined && (buffers.has(file) || rng.chance(0.5))) {
        buffers.add(file);
        host.set(full, content);
      } else {
        buffers.delete(file);
        host.delete(full);
        cache.invalidate(full);
      }
    }
    seen = new Map(files);
  };
  return { host, notify };
}

for (const [example, hosting] of [
  ['coffee-shop', 'reread'],
  ['fresh-market', 'reread'],
  ['coffee-shop', 'notified'],
  ['fresh-market', 'notified'],
] as const) {
  test(`incremental analysis equals a fresh analysis after each of ${STEPS} edits (${example}, files ${hosting})`, () => {
    const original = readExample(example);
    const files = new Map(original);
    const rng = new Random(example.length * 7919 + SEED + (hosting === 'notified' ? 1 : 0));
    const { host, notify } = hostingOf(hosting, files, rng);
    const incremental = new ProjectAnalyzer(host);
    const mutations = FILE_MUTATIONS.filter((m) => !['deep-nesting', 'huge-line'].includes(m.name));
    let differences = 0;
    let findingsSeen = 0;
    for (let step = 0; step < STEPS; step++) {
      const roll = rng.next();
      let label: string;
      if (roll < 0.3) {
        const edit = rng.pick(SEMANTIC_EDITS);
        edit.apply(files);
        label = edit.name;
      } else if (roll < 0.45) {
        const file = rng.pick([...original.keys()]);
        files.set(file, original.get(file)!);
        label = `restore ${file}`;
      } else if (roll < 0.5) {
        const mutation = rng.pick(PROJECT_MUTATIONS);
        const record = Object.fromEntries(files);
        mutation.apply(rng, record);
        files.clear();
        for (const [name, content] of Object.entries(record)) files.set(name, content);
        label = mutation.name;
      } else {
        // Half of these edits hit a shared file (app.json, app.js, a helper many pages require, a component).
        const shared = [...files.keys()].filter(isShared);
        const file = rng.pick(shared.length && rng.chance(0.5) ? shared : [...files.keys()]);
        const mutation = rng.pick(mutations);
        files.set(file, mutation.apply(rng, file, files.get(file)!, [...files.values()]));
        label = `${mutation.name} ${file}`;
      }
      if (rng.chance(0.05)) {
        files.clear();
        for (const [name, content] of original) files.set(name, content);
        label += ' (then everything restored)';
      }
      notify();
      const kept = describe(incremental.analyze(ROOT).findings);
      const fresh = describe(new ProjectAnalyzer(host).analyze(ROOT).findings);
      findingsSeen += fresh.length;
      if (JSON.stringify(kept) !== JSON.stringify(fresh)) {
        differences++;
        assert.deepEqual(kept, fresh, `step ${step} (${label}): the kept analyzer disagrees with a fresh one`);
      }
    }
    assert.equal(differences, 0);
    assert.ok(findingsSeen > STEPS, `the edits should leave findings to compare (saw ${findingsSeen})`);
  });
}
