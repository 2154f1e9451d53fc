import type { Locale } from '../../engine/index';
import type { OutputFormat } from '../args';
import type { LintReport } from '../report';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const formatters: Record<OutputFormat, (report: LintReport, locale: Locale) => string> = {
  text: formatText,
  json: formatJson,
  sarif: (report, locale) => formatSarif(report, locale),
};
