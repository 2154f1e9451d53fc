import type { ProjectModel, PageUnit } from './model';
import type { AutoNavigation, PersonalInfoRequest, ProjectFacts, Wall } from './analysis';
import {
  gestureBindings,
  handlerOf,
  isTapEntry,
  privacyKindOfApi,
  reachableCalls,
  runCondition,
  type ConditionKind,
} from './analysis';
import { attribute, documentElements } from './parse';
import { LineIndex } from './text/line-index';

/**
 * The journey model drawn for a reviewer (`mp-privacy journey`): launch -> pages -> each request for personal
 * information, with what starts each step (launch, a lifecycle, a tap, shown on screen) and the condition it
 * runs under. Only what bears on privacy is drawn: the launch path, every page that asks for something or
 * is a wall, and the steps that lead there, so a large shop still fits on one screen.
 */

export interface JourneyNode {
  id: string;
  kind: 'launch' | 'page' | 'request';
  label: string;
  /** Pages: entry page, tab page, wall. */
  entry?: boolean;
  tab?: boolean;
  wall?: 'phone-only' | 'overlay';
  /** Requests: where they are made (root-relative path, 1-based line). */
  file?: string;
  line?: number;
}

export interface JourneyEdge {
  from: string;
  to: string;
  /** `entry page`, `onLaunch`, `onLoad`, `tap`, `shown on entry`, `after a tap`… */
  trigger: string;
  condition: ConditionKind;
  /** The condition's source text, when one decides (cut short). */
  conditionText?: string;
}

export interface Journey {
  root: string;
  nodes: JourneyNode[];
  edges: JourneyEdge[];
}

const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']);

/** A wall as the journey names it (its published vocabulary: a page with nothing but the request is `phone-only`). */
const wallName = (wall: Wall | undefined): JourneyNode['wall'] =>
  wall && (wall.kind === 'request-only' ? 'phone-only' : 'overlay');

export function journeyOf(model: ProjectModel, facts: ProjectFacts): Journey {
  const { launch, phone, userInfo, entries } = facts;
  const nodes = new Map<string, JourneyNode>();
  const edges: JourneyEdge[] = [];
  const edgeKeys = new Set<string>();
  const lines = new Map<string, LineIndex>();
  const lineOf = (file: string, content: string, offset: number) => {
    let index = lines.get(file);
    if (!index) lines.set(file, (index = new LineIndex(content)));
    return index.positionAt(offset).line + 1;
  };
  const pageNode = (page: PageUnit) => {
    const id = `page:${page.route}`;
    if (!nodes.has(id)) {
      const wall = phone.wallOf(page) ?? userInfo.wallOf(page);
      nodes.set(id, {
        id,
        kind: 'page',
        label: page.route,
        entry: page.isEntry || undefined,
        tab: page.isTab || undefined,
        wall: wallName(wall),
      });
    }
    return id;
  };
  const addEdge = (edge: JourneyEdge) => {
    const key = `${edge.from}\0${edge.to}\0${edge.trigger}\0${edge.condition}\0${edge.conditionText ?? ''}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push(edge);
  };

  nodes.set('launch', { id: 'launch', kind: 'launch', label: 'launch' });
  if (launch.entryPage)
    addEdge({ from: 'launch', to: pageNode(launch.entryPage), trigger: 'entry page', condition: 'always' });
  const navigationEdge = (navigation: AutoNavigation) => {
    const condition = runCondition(navigation.reached);
    addEdge({
      from: navigation.origin === 'app' ? 'launch' : pageNode(navigation.origin),
      to: pageNode(navigation.target),
      trigger: navigation.lifecycle,
      condition: condition.kind,
      conditionText: condition.test,
    });
  };
  launch.launchNavigations.forEach(navigationEdge);
  launch.browsingNavigations.forEach(navigationEdge);

  // Requests made with a button or an input: the page shows them, on entry or once the user tapped.
  const requestEdge = (request: PersonalInfoRequest) => {
    const file = request.view.document.file;
    const id = `request:${model.relative(file)}:${request.view.element.start}`;
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        kind: 'request',
        label: request.openType,
        file: model.relative(file),
        line: lineOf(file, request.view.document.content, request.view.element.start),
      });
    addEdge({
      from: pageNode(request.page),
      to: id,
      trigger: request.fillsForm
        ? 'fills a form field'
        : request.shown === 'on-entry'
          ? 'shown on entry'
          : 'after a tap',
      condition: 'always',
    });
  };
  phone.requests.forEach(requestEdge);
  userInfo.requests.forEach(requestEdge);

  // Privacy interfaces called from code: from a lifecycle (by itself) or from a gesture.
  for (const found of entries.platformCalls((api) => !!privacyKindOfApi(api))) {
    const call = found.reached.call;
    if (call.kind !== 'platform') continue;
    const owner = found.entry.owner;
    const from = owner === 'app' ? 'launch' : owner.kind === 'page' ? pageNode(owner) : undefined;
    if (!from) continue; // a component's own code: drawn with the pages that show it would repeat it per page
    const file = found.reached.script.file;
    const id = `request:${model.relative(file)}:${call.site.start}`;
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        kind: 'request',
        label: `wx.${call.api}`,
        file: model.relative(file),
        line: lineOf(file, found.reached.script.content, call.site.start),
      });
    const condition = runCondition(found.reached);
    const trigger =
      found.entry.kind === 'lifecycle' ? found.entry.name : isTapEntry(model, found.entry) ? 'tap' : found.entry.name;
    addEdge({ from, to: id, trigger, condition: condition.kind, conditionText: condition.test });
  }

  // Taps that lead to a page that asks for something (a login page, a checkout): how users get there.
  const asking = new Set(
    edges.filter((e) => e.to.startsWith('request:') && e.from.startsWith('page:')).map((e) => e.from),
  );
  for (const page of model.pages) {
    if (!page.wxml) continue;
    for (const element of documentElements(page.wxml)) {
      const url = element.name === 'navigator' ? attribute(element, 'url')?.value : undefined;
      const target = url ? model.resolveRoute(url, page.route) : undefined;
      if (target && asking.has(`page:${target.route}`))
        addEdge({ from: pageNode(page), to: pageNode(target), trigger: 'tap', condition: 'always' });
      for (const binding of gestureBindings(element)) {
        const handler = handlerOf(page, binding.handler);
        if (!handler) continue;
        for (const reached of reachableCalls(model, handler)) {
          const call = reached.call;
          if (call.kind !== 'platform' || !NAVIGATION_APIS.has(call.api) || !call.url) continue;
          const to = model.resolveRoute(call.url, page.route);
          if (to && to !== page && asking.has(`page:${to.route}`)) {
            const condition = runCondition(reached);
            addEdge({
              from: pageNode(page),
              to: pageNode(to),
              trigger: 'tap',
              condition: condition.kind,
              conditionText: condition.test,
            });
          }
        }
      }
    }
  }
  return { root: model.root, nodes: [...nodes.values()], edges };
}

export type JourneyFormat = 'mermaid' | 'dot' | 'json';

const CONDITION_WORDS: Record<ConditionKind, string> = {
  always: '',
  'user-state': 'user state',
  'server-answer': 'server answer',
  'user-choice': 'user choice',
  other: 'condition',
};

function edgeLabel(edge: JourneyEdge): string {
  const condition =
    edge.condition === 'always'
      ? ''
      : ` · ${CONDITION_WORDS[edge.condition]}${edge.conditionText ? `: ${edge.conditionText}` : ''}`;
  return `${edge.trigger}${condition}`;
}

/** Mermaid text: labels are quoted, with the characters Mermaid would read as syntax written as entities. */
function mermaidText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[#"<>`|{}[\]()]/g, (c) => `#${c.charCodeAt(0)};`)
    .slice(0, 120);
}

function dotText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .slice(0, 120);
}

export function formatJourney(
  journeys: Journey[],
  format: JourneyFormat,
  relativeRoot: (root: string) => string,
): string {
  if (format === 'json')
    return `${JSON.stringify(
      journeys.map((j) => ({ ...j, root: relativeRoot(j.root) })),
      null,
      2,
    )}\n`;
  const out: string[] = [];
  journeys.forEach((journey, index) => {
    const ids = new Map(journey.nodes.map((node, i) => [node.id, `n${index}_${i}`]));
    if (format === 'mermaid') {
      if (index === 0) out.push('flowchart LR');
      out.push(`  subgraph root${index}["${mermaidText(relativeRoot(journey.root) || '.')}"]`);
      for (const node of journey.nodes) {
        const id = ids.get(node.id)!;
        const flags = [node.entry ? 'entry' : '', node.tab ? 'tab' : '', node.wall ? `${node.wall} wall` : '']
          .filter(Boolean)
          .join(', ');
        const label = mermaidText(
          `${node.label}${flags ? ` (${flags})` : ''}${node.file ? ` ${node.file}:${node.line}` : ''}`,
        );
        out.push(
          node.kind === 'launch'
            ? `    ${id}(("${label}"))`
            : node.kind === 'request'
              ? `    ${id}{{"${label}"}}`
              : `    ${id}["${label}"]`,
        );
        if (node.wall) out.push(`    style ${id} stroke:#d33,stroke-width:3px`);
      }
      for (const edge of journey.edges) {
        const arrow = edge.condition === 'always' ? '-->' : '-.->';
        out.push(`    ${ids.get(edge.from)} ${arrow}|"${mermaidText(edgeLabel(edge))}"| ${ids.get(edge.to)}`);
      }
      out.push('  end');
    } else {
      if (index === 0) out.push('digraph journey {', '  rankdir=LR;');
      out.push(`  subgraph cluster_${index} {`, `    label="${dotText(relativeRoot(journey.root) || '.')}";`);
      for (const node of journey.nodes) {
        const shape = node.kind === 'launch' ? 'circle' : node.kind === 'request' ? 'hexagon' : 'box';
        const flags = [node.entry ? 'entry' : '', node.tab ? 'tab' : '', node.wall ? `${node.wall} wall` : '']
          .filter(Boolean)
          .join(', ');
        const label = dotText(
          `${node.label}${flags ? ` (${flags})` : ''}${node.file ? `\n${node.file}:${node.line}` : ''}`,
        );
        out.push(
          `    ${ids.get(node.id)} [shape=${shape}, label="${label}"${node.wall ? ', color=red, penwidth=2' : ''}];`,
        );
      }
      for (const edge of journey.edges) {
        out.push(
          `    ${ids.get(edge.from)} -> ${ids.get(edge.to)} [label="${dotText(edgeLabel(edge))}"${edge.condition === 'always' ? '' : ', style=dashed'}];`,
        );
      }
      out.push('  }');
    }
  });
  if (format === 'dot') out.push('}');
  return `${out.join('\n')}\n`;
}
