import type { FixEdits } from '../types';

/**
 * Applies a fix's edits to file contents (used by tests, the CLI and anyone without an editor).
 * `read` returns the current content of a file; the result maps each touched file to its new content.
 * Edits to one file must not overlap; they are applied from the end so earlier offsets stay valid.
 */
export function applyFixEdits(fix: FixEdits, read: (file: string) => string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const creation of fix.creations) result.set(creation.file, creation.content);
  const byFile = new Map<string, typeof fix.edits>();
  for (const edit of fix.edits) {
    const list = byFile.get(edit.file) ?? [];
    list.push(edit);
    byFile.set(edit.file, list);
  }
  for (const [file, edits] of byFile) {
    let content = result.get(file) ?? read(file);
    if (content === undefined) throw new Error(`cannot apply a fix to missing file ${file}`);
    // From the end of the file; inserts at one offset keep their order, as LSP clients apply them.
    const sorted = edits
      .map((edit, index) => ({ edit, index }))
      .sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index)
      .map((x) => x.edit);
    let lastStart = Infinity;
    for (const edit of sorted) {
      if (edit.end > lastStart) throw new Error(`overlapping fix edits in ${file}`);
      const newText = edit.snippet ? stripSnippetSyntax(edit.newText) : edit.newText;
      content = content.slice(0, edit.start) + newText + content.slice(edit.end);
      lastStart = edit.start;
    }
    result.set(file, content);
  }
  return result;
}

/** `${1:text}` -> `text`, `$0`/`$1` -> '', `\$` -> `$`: what a client does when it inserts a snippet. */
export function stripSnippetSyntax(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}
