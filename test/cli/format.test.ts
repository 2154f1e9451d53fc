import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { text, type Finding, type RuleMeta, type Severity } from '../../server/src/engine/index';
import { formatJson } from '../../server/src/cli/format/json';
import { formatSarif } from '../../server/src/cli/format/sarif';
import { formatText } from '../../server/src/cli/format/text';
import { exitCode } from '../../server/src/cli/commands';
import type { PackageInfo } from '../../server/src/cli/package-info';
import { buildReport, type LintReport, type RootOutcome } from '../../server/src/cli/report';
import { validateSarif } from './sarif-validator';

/** Hand-built findings over in-memory files: the formatters never touch the disk or the engine's rules. */
const baseDir = path.join(os.tmpdir(), 'virtual-repo');
const root = path.join(baseDir, 'shop');
const loginWxml = path.join(root, 'pages', 'login', 'login.wxml');
const appJson = path.join(root, 'app.json');
const listWxml = path.join(root, 'pages', '商品 列表', 'index.wxml');

const files = new Map<string, string>([
  [loginWxml, '<view>\n  <button open-type="getPhoneNumber">登录</button>\n</view>\n'],
  [appJson, '{\r\n  "pages": ["pages/login/login"]\r\n}\r\n'],
  [listWxml, '<view wx:for="{{items}}">{{item}}</view>'],
]);

const tool: PackageInfo = { name: 'mp-privacy', version: '9.8.7', homepage: 'https://example.com/mp-privacy' };

const rules: RuleMeta[] = [
  {
    id: 'phone-on-entry',
    defaultSeverity: 'error',
    title: text('Phone number requested on entry', '进入即索取手机号'),
    description: text(
      'Do not ask for the phone number before the user sees content.',
      '不得在用户浏览内容前索取手机号。',
    ),
    howToFix: text('Let users browse first.', '先让用户浏览内容。'),
    references: [
      { title: text('Platform rules', '运营规范'), url: 'https://developers.weixin.qq.com/miniprogram/product/' },
      {
        title: text('Phone number', '手机号'),
        url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html',
      },
    ],
  },
  {
    id: 'rule-without-results',
    defaultSeverity: 'info',
    title: text('Quiet rule', '安静的规则'),
    description: text('Never fires here.', '这里不会触发。'),
    howToFix: text('Nothing.', '无需处理。'),
    references: [],
  },
];

function finding(
  ruleId: string,
  severity: Severity,
  file: string,
  needle: string,
  extra: Partial<Finding> = {},
): Finding {
  const start = files.get(file)!.indexOf(needle);
  assert.ok(start >= 0, `${needle} not in ${file}`);
  return {
    ruleId,
    severity,
    message: text(`${ruleId} message`, `${ruleId} 消息`),
    range: { file, start, end: start + needle.length },
    evidence: text('because', '因为'),
    related: [],
    fixes: [],
    ...extra,
  };
}

const phoneFinding = finding('phone-on-entry', 'error', loginWxml, '<button open-type="getPhoneNumber">登录</button>', {
  related: [
    {
      range: { file: appJson, start: files.get(appJson)!.indexOf('"pages/login/login"'), end: 0 },
      message: text('first page', '首页'),
    },
  ],
  fixes: [
    {
      kind: 'move-phone-request',
      title: text('Move the request', '移动请求'),
      build: () => ({ edits: [], creations: [] }),
    },
  ],
});
const appFinding = finding('phone-on-entry', 'warning', appJson, '"pages"');
const unknownRuleFinding = finding('not-registered', 'info', listWxml, 'wx:for');

function report(outcomes: RootOutcome[]): LintReport {
  return buildReport(tool, baseDir, outcomes, (file) => files.get(file));
}

const fullReport = report([{ root, findings: [unknownRuleFinding, phoneFinding, appFinding] }]);

describe('buildReport', () => {
  it('resolves offsets to 1-based lines and columns with exclusive ends', () => {
    const login = fullReport.findings.find((f) => f.file === 'shop/pages/login/login.wxml')!;
    assert.deepStrictEqual(login.start, { line: 2, column: 3 });
    assert.deepStrictEqual(login.end, {
      line: 2,
      column: 3 + '<button open-type="getPhoneNumber">登录</button>'.length,
    });
  });

  it('counts CRLF as one line break', () => {
    const app = fullReport.findings.find((f) => f.file === 'shop/app.json')!;
    assert.deepStrictEqual(app.start, { line: 2, column: 3 });
  });

  it('makes paths relative to the scanned folder with forward slashes and sorts by file', () => {
    assert.deepStrictEqual(
      fullReport.findings.map((f) => f.file),
      ['shop/app.json', 'shop/pages/login/login.wxml', 'shop/pages/商品 列表/index.wxml'],
    );
    assert.deepStrictEqual(fullReport.roots, ['shop']);
  });

  it('clamps a related range whose end precedes its start', () => {
    const related = fullReport.findings[1].related[0];
    assert.strictEqual(related.file, 'shop/app.json');
    assert.deepStrictEqual(related.start, related.end);
  });

  it('records a root that threw as a failure and keeps the other roots', () => {
    const mixed = report([
      { root, findings: [phoneFinding] },
      { root: path.join(baseDir, 'broken'), error: 'boom' },
    ]);
    assert.deepStrictEqual(mixed.roots, ['shop', 'broken']);
    assert.deepStrictEqual(mixed.failures, [{ root: 'broken', message: 'boom' }]);
    assert.strictEqual(mixed.findings.length, 1);
  });

  it('gives findings in unreadable files position 1:1 instead of failing', () => {
    const missing = path.join(root, 'gone.js');
    const result = buildReport(
      tool,
      baseDir,
      [{ root, findings: [{ ...appFinding, range: { file: missing, start: 40, end: 50 } }] }],
      () => undefined,
    );
    assert.deepStrictEqual(result.findings[0].start, { line: 1, column: 1 });
  });
});

describe('exitCode', () => {
  it('is 0 without errors, 1 with an error finding, 2 when a root failed', () => {
    assert.strictEqual(exitCode(report([{ root, findings: [appFinding, unknownRuleFinding] }])), 0);
    assert.strictEqual(exitCode(fullReport), 1);
    assert.strictEqual(
      exitCode(
        report([
          { root, findings: [] },
          { root: baseDir, error: 'boom' },
        ]),
      ),
      2,
    );
  });
});

describe('formatText', () => {
  it('groups findings by file with aligned columns, related evidence and a summary', () => {
    const output = formatText(fullReport, 'en');
    assert.strictEqual(
      output,
      [
        'shop/app.json',
        '  2:3  warning  phone-on-entry message  phone-on-entry',
        '',
        'shop/pages/login/login.wxml',
        '  2:3  error  phone-on-entry message  phone-on-entry',
        '      ↳ shop/app.json:2 first page',
        '',
        'shop/pages/商品 列表/index.wxml',
        '  1:7  info  not-registered message  not-registered',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('aligns position and severity columns within a file', () => {
    const far = {
      ...phoneFinding,
      severity: 'warning' as const,
      range: { ...phoneFinding.range, start: files.get(loginWxml)!.indexOf('</view>') },
    };
    const output = formatText(report([{ root, findings: [phoneFinding, far] }]), 'en');
    assert.match(output, /^ {2}2:3 {2}error {4}phone-on-entry message/m);
    assert.match(output, /^ {2}3:1 {2}warning {2}phone-on-entry message/m);
  });

  it('writes messages and the summary in Chinese for zh-cn', () => {
    const output = formatText(fullReport, 'zh-cn');
    assert.match(output, /phone-on-entry 消息 {2}phone-on-entry/);
    assert.match(output, /↳ shop\/app.json:2 首页/);
    assert.match(output, /✖ 3 个问题（1 个错误，1 个警告，1 个提示）/);
  });

  it('lists the scanned roots when there are several and says when nothing was found', () => {
    const clean = report([
      { root, findings: [] },
      { root: baseDir, findings: [] },
    ]);
    assert.strictEqual(
      formatText(clean, 'en'),
      'Scanned 2 mini programs:\n  shop\n  .\n\nNo problems found in 2 mini program(s).\n',
    );
    assert.strictEqual(formatText(report([{ root, findings: [] }]), 'en'), 'No problems found in 1 mini program(s).\n');
  });

  it('keeps each finding on one line when a message spans lines', () => {
    const wrapped = { ...phoneFinding, message: text('first line\n  second line', '第一行\n第二行') };
    assert.match(
      formatText(report([{ root, findings: [wrapped] }]), 'en'),
      /2:3 {2}error {2}first line second line {2}phone-on-entry/,
    );
  });
});

describe('formatJson', () => {
  it('writes the documented stable shape', () => {
    const output = JSON.parse(formatJson(fullReport, 'en'));
    assert.deepStrictEqual(Object.keys(output), ['version', 'locale', 'roots', 'findings', 'errors', 'notices']);
    assert.strictEqual(output.version, '9.8.7');
    assert.deepStrictEqual(output.roots, ['shop']);
    assert.deepStrictEqual(output.errors, []);
    assert.deepStrictEqual(output.findings[1], {
      file: 'shop/pages/login/login.wxml',
      ruleId: 'phone-on-entry',
      severity: 'error',
      message: 'phone-on-entry message',
      evidence: 'because',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 49,
      related: [{ file: 'shop/app.json', line: 2, column: 13, message: 'first page' }],
      fixes: ['Move the request'],
    });
  });

  it('uses the requested locale and lists failed roots', () => {
    const output = JSON.parse(
      formatJson(
        report([
          { root, findings: [phoneFinding] },
          { root: baseDir, error: 'boom' },
        ]),
        'zh-cn',
      ),
    );
    assert.strictEqual(output.locale, 'zh-cn');
    assert.strictEqual(output.findings[0].message, 'phone-on-entry 消息');
    assert.deepStrictEqual(output.findings[0].fixes, ['移动请求']);
    assert.deepStrictEqual(output.errors, [{ root: '.', message: 'boom' }]);
  });
});

describe('formatSarif', () => {
  const sarif = JSON.parse(formatSarif(fullReport, 'en', rules));
  const run = sarif.runs[0];

  it('passes the SARIF 2.1.0 structural checks', () => {
    assert.deepStrictEqual(validateSarif(sarif), []);
    assert.strictEqual(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.strictEqual(sarif.version, '2.1.0');
  });

  it('describes the tool and every rule, including rules without results', () => {
    const driver = run.tool.driver;
    assert.strictEqual(driver.name, 'mp-privacy');
    assert.strictEqual(driver.version, '9.8.7');
    assert.strictEqual(driver.informationUri, 'https://example.com/mp-privacy');
    assert.deepStrictEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      ['phone-on-entry', 'rule-without-results', 'not-registered'],
    );
    const [phone, quiet] = driver.rules;
    assert.strictEqual(phone.name, 'PhoneOnEntry');
    assert.strictEqual(phone.shortDescription.text, 'Phone number requested on entry');
    assert.strictEqual(phone.fullDescription.text, 'Do not ask for the phone number before the user sees content.');
    assert.strictEqual(phone.helpUri, 'https://developers.weixin.qq.com/miniprogram/product/');
    assert.match(phone.help.text, /Let users browse first\./);
    assert.match(
      phone.help.markdown,
      /\[Phone number\]\(https:\/\/developers\.weixin\.qq\.com\/miniprogram\/dev\/framework\/open-ability\/getPhoneNumber\.html\)/,
    );
    assert.strictEqual(phone.defaultConfiguration.level, 'error');
    assert.ok(Array.isArray(phone.properties.tags));
    assert.strictEqual(quiet.defaultConfiguration.level, 'note');
    assert.strictEqual(quiet.helpUri, undefined);
  });

  it('maps severities to levels and points ruleIndex at the matching rule', () => {
    assert.deepStrictEqual(
      run.results.map((r: { level: string }) => r.level),
      ['warning', 'error', 'note'],
    );
    for (const result of run.results) assert.strictEqual(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  it('writes 1-based regions, relative percent-encoded URIs and related locations', () => {
    const login = run.results[1];
    assert.deepStrictEqual(login.locations[0].physicalLocation, {
      artifactLocation: { uri: 'shop/pages/login/login.wxml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 49 },
    });
    assert.deepStrictEqual(login.relatedLocations, [
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'shop/app.json', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 13, endLine: 2, endColumn: 13 },
        },
        message: { text: 'first page' },
      },
    ]);
    assert.strictEqual(
      run.results[2].locations[0].physicalLocation.artifactLocation.uri,
      'shop/pages/%E5%95%86%E5%93%81%20%E5%88%97%E8%A1%A8/index.wxml',
    );
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*virtual-repo\/$/);
  });

  it('reports successful execution, or failed roots as notifications', () => {
    assert.deepStrictEqual(run.invocations, [{ executionSuccessful: true }]);
    const failed = JSON.parse(
      formatSarif(
        report([
          { root, findings: [] },
          { root: baseDir, error: 'boom' },
        ]),
        'zh-cn',
        rules,
      ),
    );
    assert.deepStrictEqual(validateSarif(failed), []);
    assert.strictEqual(failed.runs[0].invocations[0].executionSuccessful, false);
    assert.strictEqual(
      failed.runs[0].invocations[0].toolExecutionNotifications[0].message.text,
      'internal error analysing .: boom',
    );
    assert.strictEqual(failed.runs[0].tool.driver.rules[0].shortDescription.text, '进入即索取手机号');
    assert.deepStrictEqual(failed.runs[0].results, []);
  });
});

describe('validateSarif', () => {
  it('catches the mistakes it is meant to catch', () => {
    const broken = JSON.parse(formatSarif(fullReport, 'en', rules));
    const result = broken.runs[0].results[0];
    result.ruleIndex = 1;
    result.level = 'info';
    result.locations[0].physicalLocation.artifactLocation.uri = '/abs/app.json';
    result.locations[0].physicalLocation.region.startLine = 0;
    delete broken.runs[0].results[1].message;
    const problems = validateSarif(broken).join('\n');
    assert.match(problems, /ruleIndex 1 must point/);
    assert.match(problems, /level "info"/);
    assert.match(problems, /is not relative/);
    assert.match(problems, /startLine must be an integer >= 1/);
    assert.match(problems, /message\.text/);
  });
});
