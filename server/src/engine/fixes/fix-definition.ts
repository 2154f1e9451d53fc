import type { Fix, FixEdits, Locale } from '../types';
import type { DataField, Template, TemplateData } from '../text/template';
import { fillTemplate } from '../text/template';

/**
 * How a rule declares a fix it may offer (its `meta.fixes`): a title template, whether `lint --fix` may apply
 * it, and `offer(args)`, which returns the edits for the arguments the rule passes, or undefined where the fix
 * cannot be offered. The rule's context types `fix(kind, args)` from these declarations.
 */
export interface FixDefinition<Args, T extends Template = Template> {
  readonly title: T;
  /** Mechanical and safe without review: `mp-privacy lint --fix` applies it (an offer may say otherwise). */
  readonly automatic?: boolean;
  offer(args: Args): FixOffer<T> | undefined;
}

export type FixOffer<T extends Template> = DataField<TemplateData<T>> & {
  automatic?: boolean;
  /** Builds the edits; text inserted into the user's project follows the requested locale. */
  build(locale: Locale): FixEdits;
};

/** Any declared fix, whatever its arguments and title. */
export interface DeclaredFix {
  readonly title: Template;
  readonly automatic?: boolean;
  offer(args: never): { build(locale: Locale): FixEdits; automatic?: boolean; data?: unknown } | undefined;
}

/** Declares a fix; the title's placeholders type the data each offer gives. */
export function defineFix<const T extends Template, Args>(definition: FixDefinition<Args, T>): FixDefinition<Args, T> {
  return definition;
}

/** The fix `definition` makes for `args` under the stable id `kind`, or undefined when it is not offered. */
export function offerFix(kind: string, definition: DeclaredFix, args: unknown): Fix | undefined {
  const offer = (
    definition.offer as (
      args: unknown,
    ) => { build: (locale: Locale) => FixEdits; automatic?: boolean; data?: unknown } | undefined
  )(args);
  if (!offer) return undefined;
  const automatic = offer.automatic ?? definition.automatic;
  return {
    kind,
    title: fillTemplate(definition.title, offer.data as Record<string, string>),
    ...(automatic ? { automatic } : {}),
    build: offer.build,
  };
}
