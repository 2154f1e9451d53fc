/**
 * Public surface of the analysis engine. The language server and the CLI import only from here.
 * The engine knows nothing of LSP or VS Code: it turns files into findings with plain edits.
 */
export * from './types';
export { LineIndex } from './text/line-index';
export { escapeControlCharacters, markdownCode, markdownText, oneLine, terminalText } from './text/escape';
export { decodeText, encodeText, type DecodedText, type TextEncoding } from './text/encoding';
export { CachingFileSystemHost, FileSystemHost, createNodeFileSystemHost, OverlayFileSystemHost } from './host';
export { FileBoundary, isInside, type Located } from './boundary';
export {
  discoverMiniPrograms,
  findMiniProgramRoots,
  findRootForFile,
  type Discovery,
  type DiscoveryProblem,
  type ParserKind,
} from './model';
export { guidanceFor, isBuildOutput } from './model';
export { ProjectAnalyzer, AnalysisFailure, AnalysisResult, AnalyzeOptions, fixRepeatedly } from './analyzer';
export {
  BASELINE_FILE_NAME,
  Baseline,
  BaselineEntry,
  BaselineMatch,
  createBaseline,
  findBaselineFile,
  fingerprintOf,
  matchBaseline,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
} from './baseline';
export {
  CONFIG_FILE_NAME,
  ProjectConfig,
  RuleSetting,
  loadProjectConfig,
  mergeConfigs,
  validateConfig,
} from './config';
export { allRules, ruleById } from './rules';
export type { RuleMeta, RuleModule, RuleReference } from './rules/rule';
export { hoverMarkdown, ruleDocsUri } from './hover';
export {
  applyFixEdits,
  fillTabStops,
  stripSnippetSyntax,
  keepsFilesParsing,
  syntaxProblemCount,
  FixLoopResult,
} from './fixes';
export type { Inventory, InventoryItem, InventoryUse } from './inventory';
export { formatInventory, InventoryFormat, InventoryReport } from './inventory-format';
export { formatJourney, Journey, JourneyEdge, JourneyFormat, JourneyNode } from './journey';
