/**
 * Plain data shared by every layer of the engine. Nothing here knows about LSP, VS Code or the CLI:
 * adapters convert these shapes (offset ranges, bilingual text) into their own.
 */

export type Locale = 'en' | 'zh-cn';
export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** Every user-facing string exists in English and Simplified Chinese. */
export interface LocalizedText {
  en: string;
  'zh-cn': string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A half-open character range [start, end) in one file, addressed by absolute path. */
export interface SourceRange {
  file: string;
  start: number;
  end: number;
}

export interface RelatedEvidence {
  range: SourceRange;
  message: LocalizedText;
}

/** One text replacement; `start === end` inserts. `snippet` marks LSP snippet syntax (`${1:placeholder}`). */
export interface FileEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
  snippet?: boolean;
}

/** A file the fix creates (for example a missing .wxss); its content is written whole. */
export interface FileCreation {
  file: string;
  content: string;
}

export interface FixEdits {
  edits: FileEdit[];
  creations: FileCreation[];
  /**
   * The constructs the fix owns, in the files as they are before it: every edit stays on the lines of one of
   * them (fixes/verify.ts checks it). Created files are owned whole.
   */
  scope?: FixScope[];
}

/** A construct a fix may edit: a range of one file (an element, a statement, a JSON property, the end of a file). */
export interface FixScope {
  file: string;
  start: number;
  end: number;
  /** What it is, for the verification's report ("the start tag of <button>"). */
  construct: string;
}

export interface Fix {
  /** Stable id of the fix kind, e.g. `add-purpose-modal`. */
  kind: string;
  title: LocalizedText;
  /** Mechanical and safe without review: `mp-privacy lint --fix` applies only these. */
  automatic?: boolean;
  /** Builds the edits; text inserted into the user's project follows the requested locale. */
  build(locale: Locale): FixEdits;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: LocalizedText;
  range: SourceRange;
  /** Why this code triggers the rule, naming the cross-file evidence (shown on hover). */
  evidence: LocalizedText;
  related: RelatedEvidence[];
  fixes: Fix[];
  /** When a fix exists for the rule but cannot be offered here, what the developer should do instead. */
  fixUnavailable?: LocalizedText;
}

/** A file that could not be read or parsed completely; reported so that users know results are partial. */
export interface ParseProblem {
  file: string;
  start: number;
  end: number;
  message: LocalizedText;
  /** Defaults to info; an unreadable app.json is a warning since the whole mini program is then unchecked. */
  severity?: Severity;
}

export function text(en: string, zh: string): LocalizedText {
  return { en, 'zh-cn': zh };
}

export function pickLocale(value: string | undefined | null): Locale {
  return value && value.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
