import { ProjectAnalyzer, type FileSystemHost } from '../engine/index';
import { errorMessage } from './exit';
import type { RootOutcome } from './report';

/** Analyses each mini program root. An exception from one root is captured as its outcome so the others are still reported. */
export function analyseRoots(host: FileSystemHost, roots: readonly string[]): RootOutcome[] {
  const analyzer = new ProjectAnalyzer(host);
  return roots.map((root): RootOutcome => {
    try {
      const result = analyzer.analyze(root);
      const stack =
        result.failures
          .map((failure) => failure.stack)
          .filter(Boolean)
          .join('\n') || undefined;
      return { root, findings: result.findings, failures: result.failures, stack };
    } catch (error) {
      return { root, error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined };
    }
  });
}
