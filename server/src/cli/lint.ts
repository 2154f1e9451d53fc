import { findMiniProgramRoots, ProjectAnalyzer, type FileSystemHost } from '../engine/index';
import type { RootOutcome } from './report';

/**
 * Finds every mini program under `dir` and analyses each. An exception from one root is captured as its
 * outcome so the other roots are still reported.
 */
export function analyseDirectory(host: FileSystemHost, dir: string): RootOutcome[] {
  const analyzer = new ProjectAnalyzer(host);
  return findMiniProgramRoots(host, dir).map((root): RootOutcome => {
    try {
      return { root, findings: analyzer.analyze(root).findings };
    } catch (error) {
      return { root, error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined };
    }
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
