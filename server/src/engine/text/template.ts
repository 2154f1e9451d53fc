import type { Locale, LocalizedText } from '../types';

/**
 * Bilingual templates with `{{name}}` placeholders: rule messages and evidence, fix titles. The placeholders
 * are read from the template's literal type, so the data that fills a template is checked by the compiler.
 */

/** A bilingual template: `{{name}}` is replaced by `data.name` (a LocalizedText value in its own locale). */
export interface Template {
  readonly en: string;
  readonly 'zh-cn': string;
}

export type TemplateValue = string | number | LocalizedText;

type Placeholders<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type Names<T extends Template> = Placeholders<T['en']> | Placeholders<T['zh-cn']>;
/** The data a template needs: one value per placeholder, in either locale. */
export type TemplateData<T extends Template> = { [K in Names<T>]: TemplateValue };
/** `data` is required when the template names placeholders, and may be left out when it names none. */
export type DataField<D> = [keyof D] extends [never] ? { data?: Record<string, never> } : { data: D };

/** Fills a template's placeholders in both locales, in one pass (text from the data is never read as a template). */
export function fillTemplate(template: Template, data: Record<string, TemplateValue> = {}): LocalizedText {
  const fill = (locale: Locale) =>
    template[locale].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = data[name] as TemplateValue | undefined;
      if (value === undefined) throw new Error(`no data for {{${name}}} in "${template.en}"`);
      return typeof value === 'object' ? value[locale] : String(value);
    });
  return { en: fill('en'), 'zh-cn': fill('zh-cn') };
}

/** The placeholders a template names in one locale, sorted (both locales must name the same). */
export function templatePlaceholders(template: Template, locale: Locale): string[] {
  return [...new Set([...template[locale].matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
}
