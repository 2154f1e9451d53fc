import { parseScript, parseWxml, parseJsonc, parseVue } from '../parse';

/** Syntax problems in a file's content, by the engine's own parsers (0 for kinds it does not check). */
export function syntaxProblemCount(file: string, content: string): number {
  if (/\.(js|ts|jsx|tsx)$/.test(file)) return parseScript(file, content).syntaxErrorCount;
  if (/\.n?vue$/.test(file)) {
    const component = parseVue(file, content);
    return component.problems.length + (component.script?.syntaxErrorCount ?? 0);
  }
  if (file.endsWith('.wxml')) return parseWxml(file, content).problems.length;
  if (file.endsWith('.json')) return parseJsonc(content).errors.length;
  return 0;
}

/** True when every changed file has no more syntax problems than before (`read` gives the old content). */
export function keepsFilesParsing(changed: Map<string, string>, read: (file: string) => string | undefined): boolean {
  for (const [file, content] of changed) {
    const before = read(file);
    if (syntaxProblemCount(file, content) > (before === undefined ? 0 : syntaxProblemCount(file, before))) return false;
  }
  return true;
}
