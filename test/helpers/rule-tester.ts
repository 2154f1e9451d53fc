import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ruleById } from '../../server/src/engine';
import { ProjectFiles, lintFiles, relativePath, textAt } from './virtual-project';

export interface ValidCase {
  name: string;
  files: ProjectFiles;
}

export interface InvalidCase extends ValidCase {
  /** Each expected finding of the rule: its file and the source text its range starts with. */
  errors: { file: string; at: string; severity?: 'error' | 'warning' | 'info' }[];
}

/** ESLint-style rule tests over small in-memory mini programs: valid cases report nothing, invalid ones exactly `errors`. */
export function runRuleTests(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    it('has metadata in English and Simplified Chinese', () => {
      assert.ok(rule, `rule ${ruleId} is registered`);
      for (const field of [rule.meta.title, rule.meta.description, rule.meta.howToFix]) {
        assert.ok(field.en.length > 10 || field === rule.meta.title, 'English text present');
        assert.match(field['zh-cn'], /[\u4e00-\u9fff]/, 'Chinese text present');
      }
      assert.ok(rule.meta.references.every((r) => r.url.startsWith('https://developers.weixin.qq.com/')), 'official references');
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const findings = lintFiles(testCase.files).filter((f) => f.ruleId === ruleId);
        assert.deepEqual(findings.map((f) => `${relativePath(f.range.file)}: ${f.message.en}`), []);
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const findings = lintFiles(testCase.files).filter((f) => f.ruleId === ruleId);
        const actual = findings.map((f) => ({ file: relativePath(f.range.file), text: textAt(testCase.files, f) }));
        assert.equal(actual.length, testCase.errors.length, `expected ${testCase.errors.length} finding(s), got ${JSON.stringify(actual)}`);
        testCase.errors.forEach((expected, i) => {
          assert.equal(actual[i].file, expected.file);
          assert.ok(actual[i].text.startsWith(expected.at), `finding ${i} starts with ${JSON.stringify(expected.at)}, got ${JSON.stringify(actual[i].text)}`);
          assert.equal(findings[i].severity, expected.severity ?? rule!.meta.defaultSeverity, `severity of finding ${i}`);
        });
        for (const finding of findings) {
          assert.match(finding.message['zh-cn'], /[\u4e00-\u9fff]/);
          assert.match(finding.evidence['zh-cn'], /[\u4e00-\u9fff]/);
          assert.ok(finding.evidence.en.length > 20);
        }
      });
    }
  });
}
