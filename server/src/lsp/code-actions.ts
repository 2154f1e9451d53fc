/**
 * Quick fixes: one code action per engine fix of every finding under the requested range. Each action
 * carries its complete WorkspaceEdit (fixes may touch several files, e.g. app.js and a page's WXML/JS/WXSS).
 */
import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import { Finding, FixEdits, Locale, findRootForFile, fixRepeatedly, ruleById, text } from '../engine';
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

export async function provideCodeActions(
  params: CodeActionParams,
  workspace: Workspace,
  locale: Locale,
  support: CodeActionSupport,
  /** Resolves, or throws when the request was cancelled (see cancellationPoint). */
  checkpoint: () => Promise<void> = () => Promise.resolve(),
): Promise<CodeAction[]> {
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
  const inFile = workspace.findingsIn(file);
  const rulesHere = new Set<string>();
  for (const finding of inFile.filter(touched)) {
    const diagnostic = toDiagnostic(
      finding,
      locale,
      ranges,
      (f) => workspace.uriFor(f),
      workspace.isBaselined(finding),
    );
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
    // A fix the rule has but cannot offer here is shown greyed out with why (LSP 3.16), not hidden.
    const unavailable =
      !finding.fixes.some((fix) => fix.kind !== 'suppress-with-reason') &&
      finding.fixUnavailable &&
      support.disabledActions
        ? unavailableTitle(finding.ruleId)
        : undefined;
    if (unavailable) {
      const action = CodeAction.create(unavailable[locale], CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = false;
      action.disabled = { reason: finding.fixUnavailable![locale] };
      actions.push(action);
    }
    if (!rulesHere.has(finding.ruleId)) {
      rulesHere.add(finding.ruleId);
      await checkpoint();
      const fixAll = fixAllAction(finding.ruleId, file, inFile, workspace, locale, support);
      if (fixAll) actions.push({ ...fixAll, diagnostics: [diagnostic] });
      actions.push(showDocumentationAction(finding.ruleId, locale, diagnostic));
    }
  }
  return actions;
}

/** The title of the rule's own fix (its first declared one), when it needs no data from a finding. */
function unavailableTitle(ruleId: string): { en: string; 'zh-cn': string } | undefined {
  const declared = Object.values(ruleById(ruleId)?.declarations.fixes ?? {}).at(0);
  if (!declared) return undefined;
  const { title } = declared;
  return !title.en.includes('{{') && !title['zh-cn'].includes('{{') ? title : undefined;
}

export const SHOW_DOCUMENTATION_COMMAND = 'mp-privacy.showDocumentation';

/** "Show documentation for <rule>": runs a server command that asks the editor to open the rule's page. */
function showDocumentationAction(ruleId: string, locale: Locale, diagnostic: Diagnostic): CodeAction {
  const title = text(`Show documentation for ${ruleId}`, `查看 ${ruleId} 规则文档`)[locale];
  const action = CodeAction.create(
    title,
    Command.create(title, SHOW_DOCUMENTATION_COMMAND, ruleId),
    CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  action.isPreferred = false;
  return action;
}

/**
 * "Fix all <rule> problems in this file": the first fix of each finding of the rule, applied one after the other
 * on in-memory copies (each fix is computed on the text the previous one left), offered when there are at least
 * two findings and every step keeps the files parsing. Changed files are replaced whole.
 */
function fixAllAction(
  ruleId: string,
  file: string,
  findings: Finding[],
  workspace: Workspace,
  locale: Locale,
  support: CodeActionSupport,
): CodeAction | undefined {
  const fixable = (f: Finding) =>
    f.ruleId === ruleId && f.range.file === file && f.fixes.some((fix) => fix.kind !== 'suppress-with-reason');
  if (findings.filter(fixable).length < 2) return undefined;
  const root = findRootForFile(workspace.host, file);
  if (!root) return undefined;
  const result = fixRepeatedly(
    workspace.host,
    root,
    (current, refused) => {
      for (const finding of current.filter(fixable)) {
        const fix = finding.fixes.find((f) => f.kind !== 'suppress-with-reason');
        if (fix && !refused(finding, fix)) return { finding, fix };
      }
      return undefined;
    },
    locale,
  );
  if (result.applied.length < 2 || result.skipped.length) return undefined;
  const merged: FixEdits = { edits: [], creations: [] };
  for (const [changedFile, content] of result.changed) {
    const before = workspace.textOf(changedFile);
    if (before === undefined) merged.creations.push({ file: changedFile, content });
    else merged.edits.push({ file: changedFile, start: 0, end: before.length, newText: content });
  }
  const edit = toWorkspaceEdit(merged, workspace, support);
  if (!edit) return undefined;
  const title = text(`Fix all ${ruleId} problems in this file`, `修复此文件中所有 ${ruleId} 问题`)[locale];
  const action = CodeAction.create(title, edit, CodeActionKind.QuickFix);
  action.isPreferred = false;
  return action;
}
