import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';

/**
 * Files mp-privacy could not read completely are reported under this id, so users know when results are
 * partial. It has no check of its own: the analyzer turns parse problems into its findings.
 */
export const unreadableFile = createRule({
  meta: {
    id: 'unreadable-file',
    defaultSeverity: 'info',
    title: text('File could not be fully analysed', '文件无法完整分析'),
    description: text(
      'mp-privacy could not read part of this file (a syntax error, a binary or very large file). Findings that depend on it may be missing until it is fixed.',
      'mp-privacy 无法读取此文件的一部分（语法错误、二进制文件或文件过大）。在修复之前，依赖它的检查结果可能缺失。',
    ),
    howToFix: text(
      'Fix the syntax error, or ignore this message for generated and binary files.',
      '修复语法错误；如果是生成的文件或二进制文件，可忽略此提示。',
    ),
    references: [REFERENCES.appJson],
    // No check of its own: the analyzer turns parse problems into its findings.
    messages: {},
    evidence: {},
  },
  check() {},
});
