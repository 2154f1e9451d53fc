import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyFixEdits } from '../../server/src/engine';
import type { Finding, Fix } from '../../server/src/engine';
import { assertKeepsFixContract } from '../helpers/fix-checks';
import { parseStaticConfig } from '../../server/src/engine/parse/static-config';
import { parseJsonc } from '../../server/src/engine/parse/jsonc';
import { ProjectSpec, RENDERED_LINTER, lintRendered, relativeToVirtualRoot, renderProject } from '../helpers/forms';
import type { ProjectFiles } from '../helpers/virtual-project';
import { VIRTUAL_ROOT } from '../helpers/virtual-project';
import * as path from 'path';

/**
 * Fixes to the mini program's settings write where a framework keeps them: uni-app's manifest.json "mp-weixin"
 * (JSON with comments) and Taro's src/app.config.ts (a module, in its own quotes and indentation).
 */
const STORES = 'pages/stores/stores';
const project = (body: string, settings?: Record<string, unknown>): ProjectSpec => ({
  pages: {
    'pages/index/index': { template: '<view wx:for="{{items}}">{{item}}</view>' },
    [STORES]: { template: '<button bindtap="locate">附近门店</button>', methods: { locate: body } },
  },
  settings,
});

/** The engine's fix contract (fixes/verify.ts), with the scope check, on a fix to a framework project's settings. */
function assertKeepsContract(files: ProjectFiles, finding: Finding, fix: Fix): void {
  const before = lintRendered(files);
  const target = before.find((f) => f.ruleId === finding.ruleId && f.message.en === finding.message.en)!;
  assertKeepsFixContract(files, before, target, fix, 'zh-cn', RENDERED_LINTER);
}

function applyFirst(files: ProjectFiles, ruleId: string, fixKind: string): ProjectFiles {
  const finding = lintRendered(files).find((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === fixKind));
  assert.ok(finding, `a ${ruleId} finding offering ${fixKind}`);
  assertKeepsContract(
    files,
    finding,
    finding.fixes.find((x) => x.kind === fixKind)!,
  );
  const changed = applyFixEdits(
    finding.fixes.find((x) => x.kind === fixKind)!.build('zh-cn'),
    (file) => files[relativeToVirtualRoot(file)],
  );
  const next = { ...files };
  for (const [file, content] of changed) next[relativeToVirtualRoot(file)] = content;
  assert.ok(
    !lintRendered(next).some((f) => f.ruleId === ruleId && f.message.en === finding.message.en),
    'the finding is gone after the fix',
  );
  return next;
}

const taroConfig = (files: ProjectFiles) =>
  parseStaticConfig(path.join(VIRTUAL_ROOT, 'src/app.config.ts'), files['src/app.config.ts']);

describe('settings fixes in uni-app and Taro projects', () => {
  it('declare-private-info adds to manifest.json "mp-weixin"', () => {
    const files = renderProject(
      project('wx.chooseAddress({});', { requiredPrivateInfos: ['chooseLocation'] }),
      'uni-app',
    );
    const after = applyFirst(files, 'undeclared-private-info', 'declare-private-info');
    const manifest = parseJsonc(after['manifest.json']);
    assert.deepEqual(manifest.errors, []);
    assert.deepEqual(
      (manifest.value as Record<string, { requiredPrivateInfos: string[] }>)['mp-weixin'].requiredPrivateInfos,
      ['chooseLocation', 'chooseAddress'],
    );
    assert.equal(after['pages.json'], files['pages.json'], 'pages.json untouched');
  });

  it('declare-private-info creates requiredPrivateInfos in app.config.ts, in single quotes', () => {
    const files = renderProject(project('wx.chooseAddress({});'), 'taro');
    const after = applyFirst(files, 'undeclared-private-info', 'declare-private-info');
    const config = taroConfig(after);
    assert.deepEqual(config.errors, []);
    assert.deepEqual((config.value as { requiredPrivateInfos: string[] }).requiredPrivateInfos, ['chooseAddress']);
    assert.match(after['src/app.config.ts'], /\n {2}requiredPrivateInfos: \['chooseAddress'\]\n/);
  });

  it('declare-private-info appends to a multi-line list in app.config.ts', () => {
    const files = renderProject(
      project('wx.chooseLocation({});\nwx.chooseAddress({});', { requiredPrivateInfos: ['chooseLocation'] }),
      'taro',
    );
    const after = applyFirst(files, 'undeclared-private-info', 'declare-private-info');
    assert.deepEqual((taroConfig(after).value as { requiredPrivateInfos: string[] }).requiredPrivateInfos, [
      'chooseLocation',
      'chooseAddress',
    ]);
    assert.match(after['src/app.config.ts'], /'chooseLocation',\n {4}'chooseAddress'\n/);
  });

  it('add-location-purpose writes permission into app.config.ts', () => {
    const files = renderProject(project('wx.getLocation({});', { requiredPrivateInfos: ['getLocation'] }), 'taro');
    const finding = lintRendered(files).find((f) => f.ruleId === 'location-purpose');
    assert.ok(finding?.fixes.some((f) => f.kind === 'add-location-purpose'));
    assertKeepsContract(
      files,
      finding!,
      finding!.fixes.find((f) => f.kind === 'add-location-purpose')!,
    );
    const changed = applyFixEdits(
      finding!.fixes.find((f) => f.kind === 'add-location-purpose')!.build('zh-cn'),
      (file) => files[relativeToVirtualRoot(file)],
    );
    const text = changed.get(path.join(VIRTUAL_ROOT, 'src/app.config.ts'))!;
    const config = parseStaticConfig('/x/app.config.ts', text);
    assert.match(
      (config.value as { permission: Record<string, { desc: string }> }).permission['scope.userLocation'].desc,
      /^用于【请填写功能/,
    );
    assert.match(text, /permission: \{\n {4}'scope\.userLocation': \{\n {6}desc: '/);
  });

  it('remove-private-info and remove-use-privacy-check edit app.config.ts and manifest.json', () => {
    const taro = renderProject(
      project('wx.showToast({ title: "ok" });', { requiredPrivateInfos: ['getLocation', 'chooseAddress'] }),
      'taro',
    );
    const once = applyFirst(taro, 'unused-private-info-declaration', 'remove-private-info');
    const twice = applyFirst(once, 'unused-private-info-declaration', 'remove-private-info');
    assert.deepEqual((taroConfig(twice).value as { requiredPrivateInfos: string[] }).requiredPrivateInfos, []);
    const uni = renderProject(
      { ...project('wx.showToast({ title: "ok" });', { __usePrivacyCheck__: true }) },
      'uni-app',
    );
    const cleaned = applyFirst(uni, 'privacy-authorization-flow', 'remove-use-privacy-check');
    assert.equal(
      (parseJsonc(cleaned['manifest.json']).value as Record<string, Record<string, unknown>>)['mp-weixin']
        .__usePrivacyCheck__,
      undefined,
    );
  });

  it('unknown-privacy-declaration replaces and removes entries in manifest.json "mp-weixin" and app.config.ts', () => {
    const uni = renderProject(
      project('wx.getLocation({});', { requiredPrivateInfos: ['getLocation', 'getLoaction'] }),
      'uni-app',
    );
    const removed = applyFirst(uni, 'unknown-privacy-declaration', 'remove-privacy-declaration');
    assert.deepEqual(
      (parseJsonc(removed['manifest.json']).value as Record<string, { requiredPrivateInfos: string[] }>)['mp-weixin']
        .requiredPrivateInfos,
      ['getLocation'],
    );
    assert.equal(removed['pages.json'], uni['pages.json'], 'pages.json untouched');
    const taro = renderProject(
      project('wx.getLocation({});', {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.getLocation': { desc: '用于为你推荐附近的门店' } },
      }),
      'taro',
    );
    const replaced = applyFirst(taro, 'unknown-privacy-declaration', 'replace-privacy-declaration');
    const config = taroConfig(replaced);
    assert.deepEqual(config.errors, []);
    assert.deepEqual(Object.keys((config.value as { permission: Record<string, unknown> }).permission), [
      'scope.userLocation',
    ]);
  });

  it('never writes WXML into a .vue or .tsx file: the purpose dialog comes in the syntax of the source', () => {
    for (const form of ['uni-app', 'taro'] as const) {
      const files = renderProject(
        {
          pages: {
            'pages/index/index': { template: '<view wx:for="{{items}}">{{item}}</view>' },
            'pages/checkout/checkout': {
              template:
                '<view>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">获取手机号</button>\n  <button bindtap="pay">提交订单</button>\n</view>',
              methods: {
                onPhone: 'console.log(e);',
                pay: "wx.requestPayment({ timeStamp: '', nonceStr: '', package: '', signType: 'RSA', paySign: '' });",
              },
            },
          },
        },
        form,
      );
      const finding = lintRendered(files).find((f) => f.ruleId === 'phone-purpose-at-checkout');
      assert.ok(finding, `${form}: the finding is there`);
      assert.deepEqual(
        finding.fixes.map((f) => f.kind),
        ['add-purpose-modal', 'suppress-with-reason'],
        form,
      );
      const written = finding.fixes[0]
        .build('en')
        .edits.map((edit) => edit.newText)
        .join('\n');
      assert.doesNotMatch(written, /\bbind\w+="|wx:if|this\.setData/, `${form}: no WXML or Page code`);
    }
  });
});

describe('suppression comments in .vue and .tsx files', () => {
  const wall: ProjectSpec = {
    pages: {
      'pages/login/login': {
        template:
          '<view>\n  <text>欢迎</text>\n  <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号登录</button>\n</view>',
        methods: { onPhone: 'console.log(e);' },
      },
      'pages/index/index': { template: '<view wx:for="{{items}}">{{item}}</view>' },
    },
  };
  for (const [form, comment] of [
    ['uni-app', /<!-- mp-privacy-disable-next-line phone-on-entry -- /],
    ['taro', /\{\/\* mp-privacy-disable-next-line phone-on-entry -- /],
  ] as const) {
    it(`${form}: the quick-fix writes the template's comment syntax, and a reason then suppresses the finding`, () => {
      const files = renderProject(wall, form);
      const finding = lintRendered(files).find((f) => f.ruleId === 'phone-on-entry');
      assert.ok(finding);
      const fix = finding.fixes.find((f) => f.kind === 'suppress-with-reason')!;
      const edit = fix.build('en').edits[0];
      assert.match(edit.newText, comment);
      const file = relativeToVirtualRoot(edit.file);
      const withReason = {
        ...files,
        [file]:
          files[file].slice(0, edit.start) +
          edit.newText.replace('${1:explain why this is compliant}', 'staff-only app') +
          files[file].slice(edit.end),
      };
      assert.ok(!lintRendered(withReason).some((f) => f.ruleId === 'phone-on-entry'), 'suppressed');
      assert.ok(!lintRendered(withReason).some((f) => f.ruleId === 'invalid-suppression'), 'a used suppression');
    });
  }
});
