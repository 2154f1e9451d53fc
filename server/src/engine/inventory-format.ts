import * as path from 'path';
import type { Inventory } from './inventory';
import type { Locale } from './types';
import { LineIndex } from './text/line-index';
import { markdownCode, markdownText, terminalText } from './text/escape';

export type InventoryFormat = 'text' | 'json' | 'markdown';

/** Inventories of the mini programs under `baseDir`, with a way to read files for line numbers. */
export interface InventoryReport {
  baseDir: string;
  inventories: Inventory[];
  read(file: string): string | undefined;
}

interface Place {
  file: string;
  line: number;
  via: string;
  page?: string;
  declared?: boolean;
}

const WORDS = {
  en: {
    title: 'Privacy inventory',
    none: 'No personal information collected through WeChat interfaces was found.',
    item: 'Personal information',
    via: 'Collected through',
    where: 'Where',
    declared: 'requiredPrivateInfos',
    purposeShown: 'Purpose shown (permission.desc)',
    yes: 'declared',
    no: 'NOT declared',
    draft: 'Draft for the privacy guideline (admin console → 设置 → 服务内容声明 → 用户隐私保护指引)',
    draftNote:
      'Declare each item below and replace every placeholder with the real purpose; WeChat blocks interfaces whose information type is not declared.',
    purpose: '[state what it is used for]',
  },
  'zh-cn': {
    title: '隐私信息清单',
    none: '未发现通过微信接口收集的个人信息。',
    item: '个人信息',
    via: '收集方式',
    where: '位置',
    declared: 'requiredPrivateInfos',
    purposeShown: '展示的用途（permission.desc）',
    yes: '已声明',
    no: '未声明',
    draft: '用户隐私保护指引草稿（小程序后台 → 设置 → 服务内容声明 → 用户隐私保护指引）',
    draftNote: '逐项声明以下信息，并把占位符替换为真实用途；未声明的信息类型对应的接口会被微信禁用。',
    purpose: '【请填写用途】',
  },
} as const;

/** Line starts of each file, found once per file: a file may hold thousands of uses. */
type LineIndexes = Map<string, LineIndex>;

function places(report: InventoryReport, uses: Inventory['items'][number]['uses'], lines: LineIndexes): Place[] {
  return uses.map((use) => {
    let index = lines.get(use.range.file);
    if (!index) lines.set(use.range.file, (index = new LineIndex(report.read(use.range.file) ?? '')));
    return {
      file: path.relative(report.baseDir, use.range.file).split(path.sep).join('/'),
      line: index.positionAt(use.range.start).line + 1,
      via: use.via,
      page: use.page,
      declared: use.declaredInRequiredPrivateInfos,
    };
  });
}

export function formatInventory(report: InventoryReport, format: InventoryFormat, locale: Locale): string {
  const words = WORDS[locale];
  const lines: LineIndexes = new Map();
  if (format === 'json') {
    return (
      JSON.stringify(
        {
          roots: report.inventories.map((inventory) => ({
            root: path.relative(report.baseDir, inventory.root).split(path.sep).join('/') || '.',
            ...(inventory.name !== undefined && { name: inventory.name }),
            items: inventory.items.map((item) => ({
              kind: item.kind,
              label: item.label[locale],
              permissionDesc: item.permissionDesc,
              uses: places(report, item.uses, lines),
            })),
          })),
        },
        null,
        2,
      ) + '\n'
    );
  }
  const out: string[] = [];
  for (const inventory of report.inventories) {
    const folder = path.relative(report.baseDir, inventory.root).split(path.sep).join('/');
    // The project's own name where it has one (a folder names nothing a reader knows; the items' paths still say
    // which folder each use is in), else its folder: never ".".
    const rootName = inventory.name ?? (folder || path.basename(inventory.root));
    // The draft is pasted into the admin console, in the language of the project's UI (the editor's breaks a tie).
    const draftLocale = inventory.language ?? locale;
    const draftWords = WORDS[draftLocale];
    if (format === 'markdown') {
      // Names, paths and the purpose come from the project: literal text (or code) in Markdown, never markup.
      out.push(`# ${words.title}: ${markdownText(rootName)}`, '');
      if (!inventory.items.length) out.push(words.none, '');
      else {
        out.push(`| ${words.item} | ${words.via} | ${words.where} | ${words.declared} |`, '|---|---|---|---|');
        for (const item of inventory.items) {
          for (const place of places(report, item.uses, lines)) {
            const declared = place.declared === undefined ? '–' : place.declared ? words.yes : `**${words.no}**`;
            out.push(
              `| ${item.label[locale]} | ${markdownCode(place.via, true)} | ${markdownText(`${place.file}:${place.line}`)} | ${declared} |`,
            );
          }
        }
        out.push('', `## ${words.draft}`, '', words.draftNote, '');
        for (const item of inventory.items) {
          const shown = item.permissionDesc
            ? ` (${draftWords.purposeShown}: “${markdownText(item.permissionDesc)}”)`
            : '';
          out.push(
            draftLocale === 'zh-cn'
              ? `- 为了${draftWords.purpose}，开发者将在获取你的明示同意后，收集你的${item.label['zh-cn']}。${shown}`
              : `- ${item.label.en}: collected, with the user's explicit consent, ${draftWords.purpose}.${shown}`,
          );
        }
        out.push('');
      }
      continue;
    }
    // Text for a terminal: the project's names, paths and purposes with their control characters escaped.
    out.push(`${words.title}: ${terminalText(rootName)}`);
    if (!inventory.items.length) out.push(`  ${words.none}`);
    for (const item of inventory.items) {
      out.push(
        `  ${item.label[locale]}${item.permissionDesc ? `  (${words.purposeShown}: ${terminalText(item.permissionDesc)})` : ''}`,
      );
      for (const place of places(report, item.uses, lines)) {
        const declared =
          place.declared === undefined ? '' : `  [${words.declared}: ${place.declared ? words.yes : words.no}]`;
        out.push(`    ${terminalText(place.file)}:${place.line}  ${terminalText(place.via)}${declared}`);
      }
    }
    out.push('');
  }
  return out.join('\n') + (format === 'markdown' ? '' : '\n');
}
