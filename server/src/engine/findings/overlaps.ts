import type { Finding } from '../types';

/** A rule as far as overlaps go: its id and the rules whose findings at the same place it replaces. */
export interface OverlapDeclaration {
  id: string;
  supersedes?: readonly string[];
}

const placeOf = (finding: Finding) => `${finding.range.file}\0${finding.range.start}`;

/**
 * The one place where rules' findings about the same code meet. A rule that `supersedes` another reports the
 * more specific problem: the other rule's finding at the same place (file and start offset) is dropped, so
 * one phone request is reported once whichever rule ran first. Superseding findings that are themselves
 * dropped drop nothing. Returns the kept findings of each rule, in place.
 */
export function dropSuperseded(rules: readonly OverlapDeclaration[], findingsOf: Map<string, Finding[]>): void {
  const supersededBy = new Map<string, string[]>();
  for (const rule of rules)
    for (const id of rule.supersedes ?? []) supersededBy.set(id, [...(supersededBy.get(id) ?? []), rule.id]);
  const kept = new Map<string, Set<string>>();
  for (const rule of supersedingFirst(rules)) {
    const findings = findingsOf.get(rule.id) ?? [];
    const superseding = (supersededBy.get(rule.id) ?? [])
      .map((id) => kept.get(id))
      .filter((places): places is Set<string> => !!places);
    const remaining = superseding.length
      ? findings.filter((finding) => !superseding.some((places) => places.has(placeOf(finding))))
      : findings;
    findingsOf.set(rule.id, remaining);
    kept.set(rule.id, new Set(remaining.map(placeOf)));
  }
}

/** The rules ordered so that each comes after every rule that supersedes it (a cycle, see overlapProblems, is cut). */
export function supersedingFirst<R extends OverlapDeclaration>(rules: readonly R[]): R[] {
  const supersededBy = new Map<string, R[]>();
  for (const rule of rules)
    for (const id of rule.supersedes ?? []) supersededBy.set(id, [...(supersededBy.get(id) ?? []), rule]);
  const ordered: R[] = [];
  const seen = new Set<string>();
  const visit = (rule: R): void => {
    if (seen.has(rule.id)) return;
    seen.add(rule.id);
    for (const superseding of supersededBy.get(rule.id) ?? []) visit(superseding);
    ordered.push(rule);
  };
  for (const rule of rules) visit(rule);
  return ordered;
}

/** What is wrong with the declared relation: unknown rule ids and cycles (checked by a test, never at run time). */
export function overlapProblems(rules: readonly OverlapDeclaration[]): string[] {
  const ids = new Set(rules.map((rule) => rule.id));
  const problems: string[] = [];
  for (const rule of rules)
    for (const id of rule.supersedes ?? [])
      if (!ids.has(id)) problems.push(`${rule.id} supersedes an unknown rule ${id}`);
  const supersedes = new Map(rules.map((rule) => [rule.id, rule.supersedes ?? []]));
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    (supersedes.get(from) ?? []).some(
      (next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))),
    );
  for (const rule of rules)
    if (reaches(rule.id, rule.id)) problems.push(`${rule.id} supersedes itself through a cycle`);
  return problems;
}
