import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ruleById } from '../../server/src/engine';
import { ProjectFiles, lintFiles, relativePath, textAt } from './virtual-project';
import {
  FORMS,
  Form,
  FormPlace,
  ProjectSpec,
  fileOf,
  lintRendered,
  relativeToVirtualRoot,
  renderProject,
  sameAcrossForms,
} from './forms';

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
      assert.ok(
        rule.meta.references.every((r) => r.url.startsWith('https://developers.weixin.qq.com/')),
        'official references',
      );
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const findings = lintFiles(testCase.files).filter((f) => f.ruleId === ruleId);
        assert.deepEqual(
          findings.map((f) => `${relativePath(f.range.file)}: ${f.message.en}`),
          [],
        );
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const findings = lintFiles(testCase.files).filter((f) => f.ruleId === ruleId);
        const actual = findings.map((f) => ({ file: relativePath(f.range.file), text: textAt(testCase.files, f) }));
        assert.equal(
          actual.length,
          testCase.errors.length,
          `expected ${testCase.errors.length} finding(s), got ${JSON.stringify(actual)}`,
        );
        testCase.errors.forEach((expected, i) => {
          assert.equal(actual[i].file, expected.file);
          assert.ok(
            actual[i].text.startsWith(expected.at),
            `finding ${i} starts with ${JSON.stringify(expected.at)}, got ${JSON.stringify(actual[i].text)}`,
          );
          assert.equal(
            findings[i].severity,
            expected.severity ?? rule!.meta.defaultSeverity,
            `severity of finding ${i}`,
          );
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

export interface FormCase {
  name: string;
  project: ProjectSpec;
  /** The forms the case applies to (all three unless said otherwise). */
  forms?: readonly Form[];
}

export interface InvalidFormCase extends FormCase {
  errors: FormPlace[];
}

/**
 * The same rule cases in each form mp-privacy reads (native, uni-app, Taro; see forms.ts): every case is rendered
 * and linted once per form, and must report the same findings at the same places of that form's files.
 */
export function runRuleTestsInForms(ruleId: string, cases: { valid: FormCase[]; invalid: InvalidFormCase[] }): void {
  const rule = ruleById(ruleId);
  describe(`${ruleId} (native, uni-app, Taro)`, () => {
    for (const testCase of cases.valid) {
      for (const form of testCase.forms ?? FORMS) {
        it(`valid, ${form}: ${testCase.name}`, () => {
          const findings = lintRendered(renderProject(testCase.project, form)).filter((f) => f.ruleId === ruleId);
          assert.deepEqual(
            findings.map((f) => `${relativeToVirtualRoot(f.range.file)}: ${f.message.en}`),
            [],
          );
        });
      }
    }
    for (const testCase of cases.invalid) {
      for (const form of testCase.forms ?? FORMS) {
        it(`invalid, ${form}: ${testCase.name}`, () => {
          const files = renderProject(testCase.project, form);
          const findings = lintRendered(files).filter((f) => f.ruleId === ruleId);
          const actual = findings.map((f) => {
            const file = relativeToVirtualRoot(f.range.file);
            return { file, text: (files[file] ?? '').slice(f.range.start, f.range.end) };
          });
          assert.equal(
            actual.length,
            testCase.errors.length,
            `expected ${testCase.errors.length} finding(s), got ${JSON.stringify(actual)}`,
          );
          testCase.errors.forEach((expected, i) => {
            assert.equal(actual[i].file, fileOf(form, expected));
            assert.ok(
              sameAcrossForms(actual[i].text).startsWith(sameAcrossForms(expected.at)),
              `finding ${i} starts with ${JSON.stringify(expected.at)}, got ${JSON.stringify(actual[i].text)}`,
            );
            assert.equal(
              findings[i].severity,
              expected.severity ?? rule!.meta.defaultSeverity,
              `severity of finding ${i}`,
            );
          });
        });
      }
    }
  });
}
