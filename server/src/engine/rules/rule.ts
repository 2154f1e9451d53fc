import type { Finding, LocalizedText, Severity } from '../types';
import type { ProjectModel } from '../model';
import type { ProjectFacts } from '../analysis';
import type { ProjectConfig } from '../config';

export interface RuleReference {
  title: LocalizedText;
  url: string;
}

/** What a rule is, independent of any project: shown in hovers, docs, SARIF rule metadata. */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** Short name of the problem. */
  title: LocalizedText;
  /** What the platform forbids and why (first paragraph of the hover). */
  description: LocalizedText;
  /** How to fix it in general (last paragraph of the hover). */
  howToFix: LocalizedText;
  /** Official documentation backing the rule. */
  references: RuleReference[];
  /** Names of the fixes this rule can offer. */
  fixKinds: string[];
}

/** What a rule sees: the model, the configuration, and the analysis stage's facts by name (analysis/facts.ts). */
export interface RuleContext extends ProjectFacts {
  model: ProjectModel;
  config: ProjectConfig;
  report(finding: Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity }): void;
  /** Findings already made by earlier rules in this run, so a later rule can avoid reporting the same request twice. */
  isReported(file: string, start: number): boolean;
}

export interface RuleModule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
