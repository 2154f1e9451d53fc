import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Finding, Locale } from './types';
import { ruleById } from './rules';
import { markdownText } from './text/escape';

const LABELS = {
  en: {
    why: 'Why here',
    fix: 'How to fix',
    instead: 'No automatic fix here',
    docs: 'Rule documentation',
    official: 'Official documentation',
  },
  'zh-cn': {
    why: '为什么在这里报告',
    fix: '如何修复',
    instead: '此处无法自动修复',
    docs: '规则文档',
    official: '官方文档',
  },
} as const;

let packageRootCache: string | undefined;

/** The installed package's root (holds docs/), found by walking up from this module. */
function packageRoot(): string {
  if (packageRootCache) return packageRootCache;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'docs', 'rules'))) return (packageRootCache = dir);
    const parent = path.dirname(dir);
    if (parent === dir) return (packageRootCache = path.resolve(__dirname, '..', '..', '..', '..'));
    dir = parent;
  }
}

/** Where the rule's documentation page lives: the copy shipped with the package, as a file URI. */
export function ruleDocsUri(ruleId: string): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules', `${ruleId}.md`)).toString();
}

/** The hover text for a finding: what the platform forbids, the evidence here, how to fix, and links. */
export function hoverMarkdown(finding: Finding, locale: Locale): string {
  const rule = ruleById(finding.ruleId);
  const labels = LABELS[locale];
  const parts: string[] = [];
  parts.push(`**mp-privacy · ${finding.ruleId}**${rule ? ` — ${rule.meta.title[locale]}` : ''}`);
  if (rule) parts.push(rule.meta.description[locale]);
  // The evidence quotes project text (names, purposes, labels): shown literally, never as links, images or HTML.
  parts.push(`**${labels.why}:** ${markdownText(finding.evidence[locale])}`);
  if (rule) parts.push(`**${labels.fix}:** ${rule.meta.howToFix[locale]}`);
  if (finding.fixUnavailable) parts.push(`**${labels.instead}:** ${finding.fixUnavailable[locale]}`);
  const links = [`[${labels.docs}](${ruleDocsUri(finding.ruleId)})`];
  for (const ref of rule?.meta.references ?? []) links.push(`[${labels.official}: ${ref.title[locale]}](${ref.url})`);
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}
