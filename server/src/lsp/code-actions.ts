/**
 * Quick fixes: one code action per engine fix of every finding under the requested range. Each action
 * carries its complete WorkspaceEdit (fixes may touch several files, e.g. app.js and a page's WXML/JS/WXSS).
 */
import { CodeAction, CodeActionKind, CodeActionParams } from 'vscode-languageserver';
import { Finding, Locale, text } from '../engine';
import { EditSupport, RangeConverter, toDiagnostic, toWorkspaceEdit, uriToPath } from './convert';
import type { Workspace } from './workspace';

export interface CodeActionSupport extends EditSupport {
  /** The client shows `CodeAction.disabled` (otherwise a fix it cannot apply is left out). */
  disabledActions: boolean;
}

const CANNOT_CREATE_FILES = text(
  'This fix creates a file, which this editor does not allow a language server to do.',
  '此修复需要新建文件，但当前编辑器不允许语言服务器新建文件。',
);

export function provideCodeActions(
  params: CodeActionParams,
  workspace: Workspace,
  locale: Locale,
  support: CodeActionSupport,
): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const file = uriToPath(params.textDocument.uri);
  if (file === undefined) return [];

  const ranges = new RangeConverter((f) => workspace.textOf(f));
  const requestStart = ranges.toOffset(file, params.range.start);
  const requestEnd = ranges.toOffset(file, params.range.end);
  // Inclusive on both ends: a cursor just after the flagged code still offers its fix.
  const touched = (finding: Finding): boolean => finding.range.start <= requestEnd && requestStart <= finding.range.end;

  const actions: CodeAction[] = [];
  for (const finding of workspace.findingsIn(file).filter(touched)) {
    const diagnostic = toDiagnostic(finding, locale, ranges, (f) => workspace.uriFor(f));
    finding.fixes.forEach((fix, index) => {
      const action = CodeAction.create(fix.title[locale], CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = index === 0;
      const edit = toWorkspaceEdit(fix.build(locale), workspace, support);
      if (edit) action.edit = edit;
      else if (support.disabledActions) action.disabled = { reason: CANNOT_CREATE_FILES[locale] };
      else return;
      actions.push(action);
    });
  }
  return actions;
}
