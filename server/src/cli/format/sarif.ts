import { pathToFileURL } from 'url';
import { allRules, type Locale, type RuleMeta, type Severity } from '../../engine/index';
import { describeFailure, describeNotice, type LintReport, type ReportRange } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

/** The parts of SARIF's reportingDescriptor that we fill. */
interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties?: { tags: string[] };
}

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

const HEADINGS = {
  en: { fix: 'How to fix', references: 'Official documentation' },
  'zh-cn': { fix: '如何修复', references: '官方文档' },
} as const;

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. `rules` defaults to every engine rule. */
export function formatSarif(
  report: LintReport,
  locale: Locale,
  rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta),
): string {
  const descriptors = rules.map((rule) => ruleDescriptor(rule, locale));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // A finding from a rule the registry does not list still needs a descriptor for its ruleIndex.
  for (const finding of report.findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, descriptors.length);
    descriptors.push({
      id: finding.ruleId,
      name: ruleName(finding.ruleId),
      shortDescription: { text: finding.ruleId },
      defaultConfiguration: { level: LEVELS[finding.severity] },
    });
  }

  const results = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId)!,
    level: LEVELS[finding.severity],
    message: { text: finding.message[locale] },
    locations: [{ physicalLocation: physicalLocation(finding) }],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((related, index) => ({
            id: index + 1,
            physicalLocation: physicalLocation(related),
            message: { text: related.message[locale] },
          })),
        }
      : {}),
  }));

  const notifications = [
    ...report.failures.map((failure) => ({ level: 'error' as const, message: { text: describeFailure(failure) } })),
    ...report.notices.map((notice) => ({ level: notice.level, message: { text: describeNotice(notice) } })),
  ];
  const invocation = {
    executionSuccessful: report.failures.length === 0 && !report.notices.some((notice) => notice.level === 'error'),
    ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(report.tool.homepage ? { informationUri: report.tool.homepage } : {}),
            rules: descriptors,
          },
        },
        invocations: [invocation],
        language: locale === 'zh-cn' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.baseDir) } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(rule: RuleMeta, locale: Locale): RuleDescriptor {
  const headings = HEADINGS[locale];
  const howToFix = rule.howToFix[locale];
  const references = rule.references.map((reference) => ({ title: reference.title[locale], url: reference.url }));
  const textParts = [rule.description[locale], `${headings.fix}: ${howToFix}`];
  const markdownParts = [rule.description[locale], `**${headings.fix}:** ${howToFix}`];
  if (references.length > 0) {
    textParts.push(`${headings.references}:\n${references.map((ref) => `- ${ref.title}: ${ref.url}`).join('\n')}`);
    markdownParts.push(
      `**${headings.references}:**\n\n${references.map((ref) => `- [${ref.title}](${ref.url})`).join('\n')}`,
    );
  }
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title[locale] },
    fullDescription: { text: rule.description[locale] },
    help: { text: textParts.join('\n\n'), markdown: markdownParts.join('\n\n') },
    ...(references.length > 0 ? { helpUri: references[0].url } : {}),
    defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
    properties: { tags: ['privacy', 'compliance', 'wechat-miniprogram'] },
  };
}

/** SARIF's `name` is an identifier-like label: `phone-on-entry` -> `PhoneOnEntry`. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function physicalLocation(range: ReportRange) {
  return {
    artifactLocation: { uri: relativeUri(range.file), uriBaseId: SRCROOT },
    region: {
      startLine: range.start.line,
      startColumn: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
    },
  };
}

/** A relative URI reference: each segment percent-encoded (spaces, Chinese names, '#'), slashes kept. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** originalUriBaseIds must be absolute and end with a slash to act as a base. */
function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
