/** Hover over a flagged range explains the finding: the rule, the evidence found here, how to fix it. */
import { Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import { hoverMarkdown, Locale } from '../engine';
import { RangeConverter, uriToPath } from './convert';
import type { Workspace } from './workspace';

export function provideHover(params: HoverParams, workspace: Workspace, locale: Locale): Hover | null {
  const file = uriToPath(params.textDocument.uri);
  if (file === undefined) return null;
  const ranges = new RangeConverter((f) => workspace.textOf(f));
  const offset = ranges.toOffset(file, params.position);
  const findings = workspace.findingsIn(file).filter((f) => f.range.start <= offset && offset <= f.range.end);
  if (findings.length === 0) return null;
  const first = findings[0].range;
  return {
    contents: { kind: MarkupKind.Markdown, value: findings.map((f) => hoverMarkdown(f, locale)).join('\n\n---\n\n') },
    // Several findings may overlap here; the hover is anchored on the first one's range.
    range: ranges.toRange(file, first.start, first.end),
  };
}
