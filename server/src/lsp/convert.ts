/**
 * Pure conversions between the engine's shapes (absolute paths, offsets, bilingual text, plain edits)
 * and LSP shapes (URIs, line/character ranges, diagnostics, workspace edits). No connection state here.
 */
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CreateFile,
  Diagnostic,
  DiagnosticSeverity,
  Position,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import {
  applyFixEdits,
  BASELINE_FILE_NAME,
  text,
  Finding,
  FixEdits,
  LineIndex,
  Locale,
  ruleDocsUri,
  Severity,
  stripSnippetSyntax,
} from '../engine';

export const DIAGNOSTIC_SOURCE = 'mp-privacy';

/** The engine analyses files on disk only, so other schemes (untitled:, git:, ...) map to no path. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** More files than any project has with findings: past this the cache starts again rather than grow. */
const MAX_CACHED_LINE_INDEXES = 20_000;

/**
 * Line indexes kept from one publish to the next while a file's text stays the same: building one scans the
 * whole text, and most files with findings are not the one just edited.
 */
export class LineIndexCache {
  private readonly entries = new Map<string, { text: string; index: LineIndex }>();

  indexFor(file: string, text: string): LineIndex {
    const entry = this.entries.get(file);
    if (entry && entry.text === text) return entry.index;
    if (this.entries.size >= MAX_CACHED_LINE_INDEXES) this.entries.clear();
    const index = new LineIndex(text);
    this.entries.set(file, { text, index });
    return index;
  }
}

/**
 * Offsets <-> positions for several files, reading each file once. Create one per request or publish:
 * the text it reads must be the text the findings were computed from. With a LineIndexCache, a file whose
 * text is unchanged since an earlier converter keeps its line index.
 */
export class RangeConverter {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    private readonly textOf: (file: string) => string | undefined,
    private readonly cache?: LineIndexCache,
  ) {}

  toRange(file: string, start: number, end: number): Range {
    const index = this.indexOf(file);
    return Range.create(index.positionAt(start), index.positionAt(end));
  }

  toOffset(file: string, position: Position): number {
    return this.indexOf(file).offsetAt(position);
  }

  /** The line index of a file's text: the same object as long as the text is the same (with a cache). */
  indexOf(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (!index) {
      // A file deleted since the analysis still gets ranges (clamped to its start) rather than an exception.
      const text = this.textOf(file) ?? '';
      index = this.cache ? this.cache.indexFor(file, text) : new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Stored in `Diagnostic.data`: enough to find the finding again in a later analysis of the same text. */
export interface FindingKey {
  ruleId: string;
  file: string;
  start: number;
  end: number;
}

export function findingKey(finding: Finding): FindingKey {
  const { ruleId, range } = finding;
  return { ruleId, file: range.file, start: range.start, end: range.end };
}

const BASELINED = text(
  `(in the baseline ${BASELINE_FILE_NAME}: an existing finding, not a new one)`,
  `（已记录在基线 ${BASELINE_FILE_NAME} 中：原有问题，不是新问题）`,
);

/**
 * A finding as an LSP diagnostic. A baselined one (recorded in the baseline file) is shown at hint level, with
 * the baseline named, rather than hidden: it is still there to fix, it just does not fail CI.
 */
export function toDiagnostic(
  finding: Finding,
  locale: Locale,
  ranges: RangeConverter,
  uriFor: (file: string) => string,
  baselined = false,
): Diagnostic {
  const { range } = finding;
  return {
    range: ranges.toRange(range.file, range.start, range.end),
    severity: baselined ? DiagnosticSeverity.Hint : SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUri(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: baselined ? `${finding.message[locale]} ${BASELINED[locale]}` : finding.message[locale],
    relatedInformation: finding.related.map((related) => ({
      location: {
        uri: uriFor(related.range.file),
        range: ranges.toRange(related.range.file, related.range.start, related.range.end),
      },
      message: related.message[locale],
    })),
    data: findingKey(finding),
  };
}

/** What a workspace edit may contain, from the client's `workspace.workspaceEdit` capabilities. */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
}

/** Where the edited files stand now: their text, the URI the client knows them by, and open-buffer versions. */
export interface EditTarget {
  textOf(file: string): string | undefined;
  uriFor(file: string): string;
  /** The open document's version, or null for a file only on disk. */
  versionOf(file: string): number | null;
}

/**
 * A fix's edits as one WorkspaceEdit, or undefined when the fix must create a file and the client cannot.
 * Snippet syntax is stripped: LSP 3.17 workspace edits insert plain text.
 */
export function toWorkspaceEdit(fix: FixEdits, target: EditTarget, support: EditSupport): WorkspaceEdit | undefined {
  const textEdits = new Map<string, TextEdit[]>();
  const addEdit = (file: string, edit: TextEdit): void => {
    const list = textEdits.get(file) ?? [];
    list.push(edit);
    textEdits.set(file, list);
  };
  const ranges = new RangeConverter((file) => target.textOf(file));
  const createdFiles = new Set(fix.creations.map((creation) => creation.file));

  // The engine may also edit a file it creates; fold those edits into the file's initial content.
  const createdContent = applyFixEdits(
    { creations: fix.creations, edits: fix.edits.filter((edit) => createdFiles.has(edit.file)) },
    (file) => target.textOf(file),
  );
  const filesToCreate: string[] = [];
  for (const [file, content] of createdContent) {
    const existing = target.textOf(file);
    if (existing === undefined) {
      filesToCreate.push(file);
      addEdit(file, TextEdit.insert(Position.create(0, 0), content));
    } else {
      // Created on disk since the analysis: the engine's creation means "this whole content", so replace.
      addEdit(file, TextEdit.replace(ranges.toRange(file, 0, existing.length), content));
    }
  }
  if (filesToCreate.length > 0 && !(support.documentChanges && support.createFiles)) return undefined;

  for (const edit of fix.edits) {
    if (createdFiles.has(edit.file)) continue;
    const newText = edit.snippet ? stripSnippetSyntax(edit.newText) : edit.newText;
    addEdit(edit.file, TextEdit.replace(ranges.toRange(edit.file, edit.start, edit.end), newText));
  }

  if (!support.documentChanges) {
    const changes: { [uri: string]: TextEdit[] } = {};
    for (const [file, edits] of textEdits) changes[target.uriFor(file)] = edits;
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = filesToCreate.map((file) =>
    CreateFile.create(target.uriFor(file), { overwrite: false, ignoreIfExists: true }),
  );
  for (const [file, edits] of textEdits) {
    documentChanges.push(TextDocumentEdit.create({ uri: target.uriFor(file), version: target.versionOf(file) }, edits));
  }
  return { documentChanges };
}
