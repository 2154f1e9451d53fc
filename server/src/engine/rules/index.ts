import type { RuleModule } from './rule';
import { text } from '../types';
import { phoneOnEntry } from './phone-on-entry';
import { phoneWhileBrowsing } from './phone-while-browsing';
import { phonePurposeAtCheckout } from './phone-purpose-at-checkout';
import { REFERENCES } from './references';
import { conflictingLocationDeclarations, undeclaredPrivateInfo, unusedPrivateInfoDeclaration } from './declarations';
import { locationPurpose } from './location-purpose';
import { clipboardWithoutUserAction, openSettingWithoutTap, privacyApiWithoutUserAction } from './user-action';
import { reportSubmitFormId, subscribeMessageWithoutTap } from './subscribe-message';
import { deprecatedUserInfoApi, userInfoWall } from './user-info';
import { personalDataStorage, personalDataThirdParty } from './personal-data';
import { privacyAuthorizationFlow, privacyPopupNotMounted } from './privacy-flow';

/**
 * Files mp-privacy could not read completely are reported under this id, so users know when results are
 * partial. It has no check of its own: the analyzer turns parse problems into its findings.
 */
export const unreadableFile: RuleModule = {
  meta: {
    id: 'unreadable-file',
    defaultSeverity: 'info',
    title: text('File could not be fully analysed', '文件无法完整分析'),
    description: text(
      'mp-privacy could not read part of this file (a syntax error, a binary or very large file). Findings that depend on it may be missing until it is fixed.',
      'mp-privacy 无法读取此文件的一部分（语法错误、二进制文件或文件过大）。在修复之前，依赖它的检查结果可能缺失。',
    ),
    howToFix: text('Fix the syntax error, or ignore this message for generated and binary files.', '修复语法错误；如果是生成的文件或二进制文件，可忽略此提示。'),
    references: [REFERENCES.appJson],
    fixKinds: [],
  },
  check() {},
};

/** Suppression comments that lack a reason, name no rule, or suppress nothing (checked by the analyzer). */
export const invalidSuppression: RuleModule = {
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    title: text('Invalid suppression comment', '无效的抑制注释'),
    description: text(
      'A finding may be suppressed only with a reason a reviewer can read: `// mp-privacy-disable-next-line <rule-id> -- <reason>` in JS/TS, `<!-- mp-privacy-disable-next-line <rule-id> -- <reason> -->` in WXML. A suppression without a reason, for an unknown rule, or with nothing to suppress hides nothing useful and is reported.',
      '只有写明审阅者能看懂的原因才能抑制问题：JS/TS 中写 `// mp-privacy-disable-next-line <规则 id> -- <原因>`，WXML 中写 `<!-- mp-privacy-disable-next-line <规则 id> -- <原因> -->`。没有原因、规则不存在或没有可抑制内容的注释都会被报告。',
    ),
    howToFix: text('Add the reason after " -- ", correct the rule id, or delete the comment.', '在“ -- ”后写明原因、改正规则 id，或删除该注释。'),
    references: [REFERENCES.operationRulesPrivacy],
    fixKinds: [],
  },
  check() {},
};

/** Every rule, in reporting order: earlier rules claim a phone request first, later ones skip it. */
export const allRules: RuleModule[] = [
  phoneOnEntry,
  phoneWhileBrowsing,
  phonePurposeAtCheckout,
  userInfoWall,
  undeclaredPrivateInfo,
  conflictingLocationDeclarations,
  unusedPrivateInfoDeclaration,
  locationPurpose,
  privacyApiWithoutUserAction,
  openSettingWithoutTap,
  clipboardWithoutUserAction,
  subscribeMessageWithoutTap,
  reportSubmitFormId,
  deprecatedUserInfoApi,
  privacyAuthorizationFlow,
  privacyPopupNotMounted,
  personalDataStorage,
  personalDataThirdParty,
  invalidSuppression,
  unreadableFile,
];

export function ruleById(id: string): RuleModule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}
