/**
 * Scoring of the labelled real-world evaluation: pure functions from labels and CLI findings to recall,
 * precision and the lists a reviewer reads (missed violations, false accusations, unreviewed findings).
 *
 * A labels file holds one place per line, tab-separated: `path:line` (or `path:from-to`), the expected rule id
 * or `must-not-flag` (no rule may report an error or warning there) or `must-not-flag:<rule>` (that rule may not,
 * where another rule's finding at the same place is right), and a one-line reason. `#` starts a comment line.
 * Paths are relative to the corpus entry (the repository as extracted by shared/dev-corpus/fetch-dev-corpus.sh).
 */

export const MUST_NOT_FLAG = 'must-not-flag';

/** Lines a finding may start away from the labelled line(s) and still be "at" that place. */
export const LINE_TOLERANCE = 2;

export interface Label {
  /** Corpus entry (folder name, `<owner>__<name>`). */
  entry: string;
  file: string;
  from: number;
  to: number;
  /** A rule id, or MUST_NOT_FLAG. */
  expected: string;
  /** For MUST_NOT_FLAG: the one rule that may not report here (absent: none may). */
  onlyRule?: string;
  reason: string;
  /** Where the label is written (labels file and line), for messages. */
  source: string;
}

/** A place in a file, as the CLI's JSON gives it. */
export interface EvalPlace {
  file: string;
  line: number;
}

/** The part of a CLI JSON finding the evaluation reads. */
export interface EvalFinding extends EvalPlace {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The finding's related locations: the chain it follows, or the pages a shared root stands for. */
  related?: EvalPlace[];
}

export interface LabelProblem {
  source: string;
  message: string;
}

const PLACE = /^(.+):(\d+)(?:-(\d+))?$/;

export function parseLabels(
  entry: string,
  sourceName: string,
  content: string,
): { labels: Label[]; problems: LabelProblem[] } {
  const labels: Label[] = [];
  const problems: LabelProblem[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const source = `${sourceName}:${index + 1}`;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [place, expected, reason] = raw.split('\t').map((part) => part.trim()) as (string | undefined)[];
    const match = place ? PLACE.exec(place) : null;
    if (!match || !expected) {
      problems.push({ source, message: `expected "path:line<TAB>rule-or-${MUST_NOT_FLAG}<TAB>reason", got "${line}"` });
      return;
    }
    const from = Number(match[2]);
    const to = match[3] ? Number(match[3]) : from;
    if (to < from) problems.push({ source, message: `line range ${from}-${to} runs backwards` });
    if (!reason) problems.push({ source, message: 'a label needs a one-line reason' });
    const [kind, onlyRule] = expected.startsWith(`${MUST_NOT_FLAG}:`)
      ? [MUST_NOT_FLAG, expected.slice(MUST_NOT_FLAG.length + 1)]
      : [expected, undefined];
    labels.push({
      entry,
      file: match[1],
      from,
      to: Math.max(from, to),
      expected: kind,
      onlyRule,
      reason: reason ?? '',
      source,
    });
  });
  return { labels, problems };
}

export function isAt(place: EvalPlace, label: Label): boolean {
  return (
    place.file === label.file && place.line >= label.from - LINE_TOLERANCE && place.line <= label.to + LINE_TOLERANCE
  );
}

/**
 * Whether a finding names the labelled place: it stands there, or names it as related information. A cause
 * shared by several pages is reported once at its root with each page as related information (ARCHITECTURE.md,
 * "Roots"), so a violation labelled at one of those pages is found by the root's finding. Only violations are
 * matched so: a must-not-flag place is accused by a finding that stands there, not by one that mentions it.
 */
export function namesPlace(finding: EvalFinding, label: Label): boolean {
  return isAt(finding, label) || (finding.related ?? []).some((place) => isAt(place, label));
}

const blocking = (finding: EvalFinding) => finding.severity === 'error' || finding.severity === 'warning';

export interface LabelOutcome {
  label: Label;
  /** For a violation: the finding of the expected rule at the place. For must-not-flag: the error/warning findings there. */
  matched: EvalFinding[];
  ok: boolean;
}

export interface RuleScore {
  ruleId: string;
  labelled: number;
  found: number;
  /** Error/warning findings of this rule on must-not-flag places. */
  falseAccusations: number;
  recall: number | undefined;
  precision: number | undefined;
}

export interface EntryRun {
  entry: string;
  findings: EvalFinding[];
  exitCode: number | null;
  ms: number;
  /** What the CLI printed on stderr, when the run failed (exit 2 or a crash). */
  failure?: string;
}

export interface Evaluation {
  outcomes: LabelOutcome[];
  rules: RuleScore[];
  /** Error/warning findings at no labelled place: not yet reviewed. */
  unreviewed: { entry: string; finding: EvalFinding }[];
  runs: EntryRun[];
}

export function evaluate(labels: Label[], runs: EntryRun[]): Evaluation {
  const byEntry = new Map(runs.map((run) => [run.entry, run]));
  const outcomes: LabelOutcome[] = labels.map((label) => {
    const findings = byEntry.get(label.entry)?.findings ?? [];
    if (label.expected === MUST_NOT_FLAG) {
      const matched = findings.filter(
        (f) => blocking(f) && isAt(f, label) && (!label.onlyRule || f.ruleId === label.onlyRule),
      );
      return { label, matched, ok: matched.length === 0 };
    }
    const matched = findings.filter((f) => f.ruleId === label.expected && namesPlace(f, label));
    return { label, matched, ok: matched.length > 0 };
  });

  const ruleIds = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.label.expected !== MUST_NOT_FLAG) ruleIds.add(outcome.label.expected);
    else for (const f of outcome.matched) ruleIds.add(f.ruleId);
  }
  const rules: RuleScore[] = [...ruleIds].sort().map((ruleId) => {
    const own = outcomes.filter((o) => o.label.expected === ruleId);
    const found = own.filter((o) => o.ok).length;
    const falseAccusations = outcomes
      .filter((o) => o.label.expected === MUST_NOT_FLAG)
      .reduce((n, o) => n + o.matched.filter((f) => f.ruleId === ruleId).length, 0);
    return {
      ruleId,
      labelled: own.length,
      found,
      falseAccusations,
      recall: own.length ? found / own.length : undefined,
      precision: found + falseAccusations ? found / (found + falseAccusations) : undefined,
    };
  });

  const labelsOf = (entry: string) => labels.filter((l) => l.entry === entry);
  const unreviewed = runs.flatMap((run) =>
    run.findings
      .filter(
        (f) =>
          blocking(f) &&
          !labelsOf(run.entry).some((l) => isAt(f, l) && (l.onlyRule === undefined || l.onlyRule === f.ruleId)),
      )
      .map((finding) => ({ entry: run.entry, finding })),
  );
  return { outcomes, rules, unreviewed, runs };
}

/** The headline figures: what `npm run eval` prints last, as one JSON line. */
export function summary(evaluation: Evaluation) {
  const violations = evaluation.outcomes.filter((o) => o.label.expected !== MUST_NOT_FLAG);
  const negatives = evaluation.outcomes.filter((o) => o.label.expected === MUST_NOT_FLAG);
  return {
    labels: evaluation.outcomes.length,
    entries: new Set(evaluation.outcomes.map((o) => o.label.entry)).size,
    violations: violations.length,
    found: violations.filter((o) => o.ok).length,
    mustNotFlag: negatives.length,
    falseAccusations: negatives.filter((o) => !o.ok).length,
    crashes: evaluation.runs.filter((r) => r.failure !== undefined).length,
    unreviewed: evaluation.unreviewed.length,
    totalMs: Math.round(evaluation.runs.reduce((n, r) => n + r.ms, 0)),
  };
}
