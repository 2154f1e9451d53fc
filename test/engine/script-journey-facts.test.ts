/**
 * The facts the journey model reads from a script: under which conditions a call runs (guards), what it waits
 * for (continuations), which data fields a setData writes, APIs handed on by reference, and the module forms
 * (export default function, re-exports) calls are followed through.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseScript, type ScriptCall, type ScriptFacts } from '../../server/src/engine/parse/script';

const platformCalls = (facts: ScriptFacts, fnName: string) => {
  const fn = facts.definition?.members.get(fnName) ?? facts.functions.get(fnName);
  assert.ok(fn, `function ${fnName}`);
  return fn.calls.filter((c): c is Extract<ScriptCall, { kind: 'platform' }> => c.kind === 'platform');
};
const guardsOf = (call: ScriptCall) =>
  (call.site.guards ?? []).map(
    (g) => `${g.negated ? 'not ' : ''}${g.kind === 'condition' ? '' : `${g.kind} `}${g.test}`,
  );

describe('script facts: guards', () => {
  it('records if/else, &&, ||, ternaries, switch cases and catch blocks around a call', () => {
    const facts = parseScript(
      'page.js',
      `Page({
  onShow() {
    if (res.statusCode === 401) wx.navigateTo({ url: '/pages/login/login' });
    else wx.showToast({ title: 'ok' });
    token && wx.getLocation({});
    isLogin || wx.redirectTo({ url: '/pages/login/login' });
    ok ? wx.chooseAddress({}) : wx.openSetting({});
    switch (res.data.code) {
      case 1001:
        wx.reLaunch({ url: '/pages/bind-phone/index' });
        break;
    }
    try { wx.getClipboardData({}); } catch (e) { wx.setClipboardData({ data: '' }); }
    wx.login({});
  },
});`,
    );
    const calls = platformCalls(facts, 'onShow');
    assert.deepEqual(
      calls.map((c) => [c.api, guardsOf(c)]),
      [
        ['navigateTo', ['res.statusCode === 401']],
        ['showToast', ['not res.statusCode === 401']],
        ['getLocation', ['token']],
        ['redirectTo', ['not isLogin']],
        ['chooseAddress', ['ok']],
        ['openSetting', ['not ok']],
        ['reLaunch', ['case res.data.code === 1001']],
        ['getClipboardData', []],
        ['setClipboardData', ['catch catch']],
        ['login', []],
      ],
    );
  });

  it('treats the rest of a block after `if (…) return` as guarded by the negated test', () => {
    const facts = parseScript(
      'page.js',
      `Page({
  onLoad() {
    const token = wx.getStorageSync('token');
    if (token) {
      return;
    }
    wx.navigateTo({ url: '/pages/login/login' });
  },
});`,
    );
    const [read, navigate] = platformCalls(facts, 'onLoad');
    assert.deepEqual(guardsOf(read), []);
    assert.deepEqual(guardsOf(navigate), ['not token']);
  });

  it('carries the guards of the place a callback is written into the callback', () => {
    const facts = parseScript(
      'util.js',
      `function request(url) {
  wx.request({
    url,
    success(res) {
      if (res.data.code === 401) {
        wx.navigateTo({ url: '/pages/login/login' });
      }
    },
  });
}`,
    );
    const navigate = platformCalls(facts, 'request').find((c) => c.api === 'navigateTo')!;
    assert.deepEqual(guardsOf(navigate), ['res.data.code === 401']);
    assert.deepEqual(navigate.site.continuations, [
      { via: 'option', api: 'request', option: 'success', receiver: 'wx.request' },
    ]);
  });
});

describe('script facts: continuations', () => {
  it('records promise callbacks and awaits a call waits for', () => {
    const facts = parseScript(
      'page.js',
      `Page({
  async subscribe() {
    api.getTemplates().then((ids) => { wx.requestSubscribeMessage({ tmplIds: ids }); });
    const res = await api.post('/order');
    wx.requestSubscribeMessage({ tmplIds: [] });
  },
  tap() {
    wx.showModal({ title: 'Open settings?', success(res) { if (res.confirm) wx.openSetting({}); } });
  },
});`,
    );
    const [inThen, afterAwait] = platformCalls(facts, 'subscribe');
    assert.deepEqual(inThen.site.continuations, [{ via: 'then', receiver: 'api.getTemplates()' }]);
    assert.equal(afterAwait.site.context.afterAwait, true);
    assert.deepEqual(afterAwait.site.continuations, [{ via: 'await', receiver: "api.post('/order')" }]);
    const [, openSetting] = platformCalls(facts, 'tap');
    assert.deepEqual(openSetting.site.continuations, [
      { via: 'option', api: 'showModal', option: 'success', receiver: 'wx.showModal' },
    ]);
    assert.deepEqual(guardsOf(openSetting), ['res.confirm']);
    assert.equal(openSetting.site.context.userCallback, true);
  });

  it('runs a promise executor synchronously: a call in `new Promise(…)` is as much in the tap as the `new`', () => {
    const facts = parseScript(
      'util.js',
      `export function subscribe(ids) {
  return new Promise((resolve, reject) => {
    wx.requestSubscribeMessage({ tmplIds: ids, success: resolve, fail: reject });
  });
}`,
    );
    const [call] = platformCalls(facts, 'subscribe');
    assert.equal(call.api, 'requestSubscribeMessage');
    assert.deepEqual(call.site.context, { timer: false, callback: false, afterAwait: false, userCallback: false });
  });
});

describe('script facts: data written by setData', () => {
  it('lists the top-level keys of an object literal passed to this.setData / that.setData', () => {
    const facts = parseScript(
      'page.js',
      `Page({
  onGetPhone(e) {
    const that = this;
    this.setData({ phone: e.detail.code, 'form.mobile': 1, shorthand });
    wx.request({ success() { that.setData({ unlocked: true }); } });
  },
});`,
    );
    const fn = facts.definition!.members.get('onGetPhone')!;
    const writes = fn.calls
      .filter((c) => c.kind === 'method' && c.name === 'setData')
      .map((c) => (c.kind === 'method' ? c.data : undefined));
    assert.deepEqual(
      writes.map((w) => [...w!.fields]),
      [
        [
          ['phone', undefined],
          ['form', true],
          ['shorthand', undefined],
        ],
        [['unlocked', true]],
      ],
    );
    assert.deepEqual(
      writes.map((w) => w!.open),
      [false, false],
    );
  });

  it('reads initial data and component properties, and marks computed or built-elsewhere writes as open', () => {
    const facts = parseScript(
      'comp.js',
      `Component({
  properties: { show: Boolean },
  data: { visible: false, list: [], title: '', count: 0, user: null, token: wx.getStorageSync('token') },
  methods: {
    open(key) { this.setData({ [key]: true }); },
    reset(state) { this.setData(state); },
  },
});`,
    );
    const definition = facts.definition!;
    assert.deepEqual(
      [...definition.initialData!.fields],
      [
        ['visible', false],
        ['list', true],
        ['title', false],
        ['count', false],
        ['user', false],
        ['token', undefined],
      ],
    );
    assert.deepEqual(definition.properties, ['show']);
    const writeOf = (name: string) => {
      const call = definition.members.get(name)!.calls.find((c) => c.kind === 'method' && c.name === 'setData');
      return call?.kind === 'method' ? call.data : undefined;
    };
    assert.equal(writeOf('open')?.open, true);
    assert.equal(writeOf('reset')?.open, true);
  });
});

describe('script facts: APIs handed on by reference', () => {
  it('makes a module-level wrapper of a platform API a function that calls it', () => {
    const facts = parseScript(
      'api.js',
      `import { promisify } from './promise';
export const getLocation = promisify(wx.getLocation);
const chooseAddress = wx.chooseAddress;
const api = { scan: promisify(wx.scanCode), login: () => wx.login() };
module.exports.pick = promisify(wx.chooseLocation);
`,
    );
    assert.deepEqual(
      platformCalls(facts, 'getLocation').map((c) => [c.api, c.reference]),
      [['getLocation', true]],
    );
    assert.deepEqual(
      platformCalls(facts, 'chooseAddress').map((c) => [c.api, c.reference]),
      [['chooseAddress', true]],
    );
    assert.deepEqual(
      platformCalls(facts, 'api.scan').map((c) => c.api),
      ['scanCode'],
    );
    assert.equal(facts.exports.has('getLocation'), true);
  });

  it('records an API passed as an argument inside a function, but not a feature check', () => {
    const facts = parseScript(
      'page.js',
      `Page({
  onLoad() {
    if (wx.getUserProfile) this.setData({ canIUse: true });
    const ok = typeof wx.getPrivacySetting === 'function';
    promisify(wx.getLocation)({ type: 'gcj02' }).then(() => {});
  },
});`,
    );
    assert.deepEqual(
      platformCalls(facts, 'onLoad').map((c) => [c.api, c.reference ?? false]),
      [['getLocation', true]],
    );
  });
});

describe('script facts: module forms', () => {
  it('reads export default function (named and anonymous), export default arrow, and re-exports', () => {
    const named = parseScript('a.js', `export default function locate() { wx.getLocation({}); }`);
    assert.equal(named.exports.get('default'), 'locate');
    const anonymous = parseScript('b.js', `export default function () { wx.getLocation({}); }`);
    const entry = anonymous.exports.get('default');
    assert.ok(
      entry &&
        typeof entry === 'object' &&
        'calls' in entry &&
        entry.calls.some((c) => c.kind === 'platform' && c.api === 'getLocation'),
    );
    const arrow = parseScript('c.js', `export default () => wx.chooseAddress({});`);
    const arrowEntry = arrow.exports.get('default');
    assert.ok(arrowEntry && typeof arrowEntry === 'object' && 'calls' in arrowEntry);
    const barrel = parseScript(
      'index.js',
      `export { locate as getPosition } from './location';\nexport * from './address';\nexport * as sdk from './sdk';`,
    );
    assert.deepEqual(barrel.exports.get('getPosition'), { specifier: './location', imported: 'locate' });
    assert.deepEqual(barrel.exports.get('sdk'), { specifier: './sdk', imported: '*' });
    assert.deepEqual(barrel.exportsAllFrom, ['./address']);
  });
});
