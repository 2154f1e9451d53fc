import type { Finding, Fix, LocalizedText, RelatedEvidence, Severity, SourceRange } from '../types';
import type { DataField, Template, TemplateData, TemplateValue } from '../text/template';
import { fillTemplate } from '../text/template';
import type { ComponentUnit, PageUnit, ProjectModel } from '../model';
import { memoize } from '../model';
import type { ProjectFacts } from '../analysis';
import type { ProjectConfig } from '../config';
import type { DeclaredFix } from '../fixes';
import { offerFix } from '../fixes';

/**
 * The rule contract, in the style of typescript-eslint's RuleCreator: a rule declares its messages (bilingual
 * templates with `{{name}}` placeholders, each with the severity of its findings where it differs from the
 * default), the evidence shown with each message, and the fixes it may offer (fixes/fix-definition.ts).
 * `createRule` types the rule's context from those declarations: `report({ messageId, data })` names a
 * declared message with exactly the data its templates use, and `fix(kind, args)` a declared fix.
 */

export interface RuleReference {
  title: LocalizedText;
  url: string;
}

/** A message template, with the severity of its findings where it is not the rule's default. */
export interface MessageTemplate extends Template {
  readonly severity?: Severity;
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
  /**
   * Rules whose finding at the same place (file and start offset) this rule's finding replaces: the problem is
   * reported once, as the more specific one (applied by the analyzer, findings/overlaps.ts).
   */
  supersedes?: readonly string[];
}

type Messages = Record<string, MessageTemplate>;
type EvidenceFor<M> = { readonly [K in keyof M]: Template };
type Fixes = Record<string, DeclaredFix>;

/** A rule's declarations: what each kind of finding says, why (evidence, by the same message id), and its fixes. */
export interface RuleDeclarations<
  M extends Messages = Messages,
  E extends EvidenceFor<M> = EvidenceFor<M>,
  F extends Fixes = Fixes,
> {
  messages: M;
  /** Why this code triggers the rule, by message id (shown on hover); filled from the same data as the message. */
  evidence: E;
  /** The fixes the rule may offer, by fix kind (the fix's stable id). */
  fixes?: F;
}

type ArgsOf<D> = D extends { offer(args: infer Args): unknown } ? Args : never;

export type Report<M extends Messages, E extends EvidenceFor<M>, K extends keyof M> = {
  messageId: K;
  range: SourceRange;
  related?: RelatedEvidence[];
  /** Fixes made with `context.fix` (undefined entries, fixes not offered here, are left out). */
  fixes?: (Fix | undefined)[];
  /** When a fix exists for the rule but cannot be offered here, what the developer should do instead. */
  fixUnavailable?: LocalizedText;
} & DataField<TemplateData<M[K]> & TemplateData<E[K]>>;

/** The model and the analysis stage's facts by name (analysis/facts.ts): what rules and their helpers read. */
export interface RuleFacts extends ProjectFacts {
  model: ProjectModel;
  config: ProjectConfig;
}

/** What a rule's check sees: the facts, and a report and fix typed by the rule's declarations. */
export interface RuleContext<M extends Messages, E extends EvidenceFor<M>, F extends Fixes> extends RuleFacts {
  report<K extends keyof M & string>(descriptor: Report<M, E, K>): void;
  /** The fix of this kind for these arguments, or undefined when it cannot be offered here. */
  fix<K extends keyof F & string>(kind: K, args: ArgsOf<F[K]>): Fix | undefined;
}

/** A finding as a rule emits it; the analyzer adds the rule id and settles the severity (a configured one wins). */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

/** What the analyzer hands a rule's check: the facts, and where the findings go. */
export interface RuleHost extends RuleFacts {
  emit(finding: RuleFinding): void;
}

export interface RuleModule {
  meta: RuleMeta;
  /** The rule's templates and fixes (test/engine/rule-catalogue.test.ts checks them). */
  declarations: RuleDeclarations;
  check(host: RuleHost): void;
}

export interface RuleDefinition<M extends Messages, E extends EvidenceFor<M>, F extends Fixes> {
  meta: RuleMeta & RuleDeclarations<M, E, F>;
  /** Reports about the project as a whole, or joined across pages: run on every analysis. */
  check?(context: RuleContext<M, E, F>): void;
  /**
   * Reports about one page or component that read only that unit's files and the project's shared files (those
   * of the model's `sharedRevision`: app files, components, imported modules), never other pages. They are
   * remembered on the unit (memo.ts) for that revision, so an edit re-checks the edited unit only. What they
   * report must not hold the model or the facts (fix arguments included): those of a later analysis differ.
   * Run after `check`, for each page and then each component, in the model's order.
   */
  checkUnit?(context: RuleContext<M, E, F>, unit: PageUnit | ComponentUnit): void;
}

/**
 * Makes a rule module from its definition. The `const` type parameters keep the templates' literal text, so
 * their placeholders type the data of every report.
 */
export function createRule<
  const M extends Messages,
  const E extends EvidenceFor<M>,
  const F extends Fixes = Record<never, DeclaredFix>,
>(definition: RuleDefinition<M, E, F>): RuleModule {
  const { messages, evidence, fixes, ...meta } = definition.meta;
  /** Where this rule's per-unit findings are remembered on each unit. */
  const unitSlot = {};
  /** The pages with per-unit findings of this rule (ProjectModel.pagesWhere). */
  const pagesWithFindings = {};
  const contextOf = (host: RuleHost): RuleContext<M, E, F> => ({
    ...host,
    report(descriptor) {
      const { messageId, range, related = [], fixes: offered = [], fixUnavailable } = descriptor;
      const data = (descriptor as { data?: Record<string, TemplateValue> }).data;
      const message: MessageTemplate = messages[messageId];
      host.emit({
        severity: message.severity,
        message: fillTemplate(message, data),
        range,
        evidence: fillTemplate(evidence[messageId], data),
        related,
        fixes: offered.filter((fix): fix is Fix => !!fix),
        fixUnavailable,
      });
    },
    fix(kind, args) {
      const declared = fixes?.[kind];
      if (!declared) throw new Error(`rule ${meta.id} declares no fix ${kind}`);
      return offerFix(kind, declared, args);
    },
  });
  return {
    meta,
    declarations: { messages, evidence, fixes },
    check(host) {
      definition.check?.(contextOf(host));
      const checkUnit = definition.checkUnit?.bind(definition);
      if (!checkUnit) return;
      const { model } = host;
      const revision = model.sharedRevision;
      const findingsOf = (unit: PageUnit | ComponentUnit) =>
        memoize(unit, unitSlot, revision, () => {
          const reported: RuleFinding[] = [];
          checkUnit(contextOf({ ...host, emit: (finding) => reported.push(finding) }), unit);
          return reported;
        });
      for (const at of model.pagesWhere(pagesWithFindings, (page) => findingsOf(page).length > 0))
        for (const finding of findingsOf(model.pages[at])) host.emit(finding);
      for (const unit of model.components()) for (const finding of findingsOf(unit)) host.emit(finding);
    },
  };
}
