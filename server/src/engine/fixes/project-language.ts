import type { Locale } from '../types';
import type { ProjectModel, UnitFiles } from '../model';
import { memoize } from '../model';
import type { JsoncDocument, WxmlNode } from '../parse';

/**
 * The language of the project's own UI, for the text a fix puts in front of its users (a purpose sentence, a
 * dialog's buttons): what its templates show and its window titles say. Each text (mustache expressions taken
 * out) votes Chinese when it holds a CJK character, English when it holds Latin words and no CJK; the editor's
 * locale only breaks a tie (a project with no text yet). Remembered per model: a fix built twice asks once.
 */
export function projectLocale(model: ProjectModel, editorLocale: Locale): Locale {
  return projectLanguage(model) ?? editorLocale;
}

/** The language of the project's UI by the vote above; undefined when its text does not tell (a tie). */
export function projectLanguage(model: ProjectModel): Locale | undefined {
  const votes = memoize(model, VOTES_SLOT, undefined, () => countVotes(model));
  return votes.zh > votes.en ? 'zh-cn' : votes.en > votes.zh ? 'en' : undefined;
}

const VOTES_SLOT = {};
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * The text as shown, with each {{expression}} taken out (an unclosed one runs to the end). A scan, not a regex:
 * /\{\{[^}]*\}\}/ retries from every "{{" of a long run without "}}", which is quadratic.
 */
function withoutMustaches(value: string): string {
  let shown = '';
  for (let at = 0; ;) {
    const open = value.indexOf('{{', at);
    if (open < 0) return shown + value.slice(at);
    shown += `${value.slice(at, open)} `;
    const close = value.indexOf('}}', open + 2);
    if (close < 0) return shown;
    at = close + 2;
  }
}

function countVotes(model: ProjectModel): { zh: number; en: number } {
  const votes = { zh: 0, en: 0 };
  const vote = (value: unknown) => {
    if (typeof value !== 'string') return;
    const shown = withoutMustaches(value);
    if (CJK.test(shown)) votes.zh++;
    else if (LATIN_WORD.test(shown)) votes.en++;
  };
  const titleOf = (json: JsoncDocument | undefined, window: boolean) => {
    const value = json?.value as Record<string, unknown> | undefined;
    const holder = window ? (value?.window as Record<string, unknown> | undefined) : value;
    vote(holder?.navigationBarTitleText);
  };
  titleOf(model.app.config, true);
  const units = new Set<UnitFiles>();
  for (const page of model.pages) {
    units.add(page);
    for (const component of page.components.values()) units.add(component);
  }
  for (const unit of units) {
    titleOf(unit.json, false);
    const stack: WxmlNode[] = [...(unit.wxml?.roots ?? [])];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.kind === 'text') vote(node.text);
      // One at a time: a template may hold hundreds of thousands of children (spread would overflow the stack).
      else for (const child of node.children) stack.push(child);
    }
  }
  return votes;
}
