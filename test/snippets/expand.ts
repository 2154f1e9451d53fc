/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default: placeholders
 * take their default text (mirrored tab stops take the first default), choices their first option, `$0`
 * and empty tab stops nothing, and variables their default. `overrides` types other text into tab stops.
 * Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar
 */
type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

class Parser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(until?: string): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (until !== undefined && ch === until) break;
      if (ch === '\\' && '$}\\'.includes(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += ch;
      this.pos++;
    }
    flush();
    return nodes;
  }

  private dollar(): Node | undefined {
    const rest = this.source.slice(this.pos);
    let match = /^\$(\d+)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      return { kind: 'tabstop', index: Number(match[1]) };
    }
    match = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      return { kind: 'variable', name: match[1] };
    }
    match = /^\$\{(\d+)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      const index = Number(match[1]);
      const next = this.source[this.pos];
      if (next === '}') {
        this.pos++;
        return { kind: 'tabstop', index };
      }
      if (next === ':') {
        this.pos++;
        const children = this.parse('}');
        this.expect('}');
        return { kind: 'tabstop', index, children };
      }
      if (next === '|') {
        const end = this.source.indexOf('|}', this.pos + 1);
        if (end < 0) throw new Error(`unterminated choice at ${this.pos}`);
        const choices = this.source
          .slice(this.pos + 1, end)
          .split(/(?<!\\),/)
          .map((c) => c.replace(/\\([,|\\])/g, '$1'));
        this.pos = end + 2;
        return { kind: 'tabstop', index, choices };
      }
      throw new Error(`unsupported tab stop syntax at ${this.pos}: ${rest.slice(0, 20)}`);
    }
    match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      const name = match[1];
      if (this.source[this.pos] === '}') {
        this.pos++;
        return { kind: 'variable', name };
      }
      if (this.source[this.pos] === ':') {
        this.pos++;
        const children = this.parse('}');
        this.expect('}');
        return { kind: 'variable', name, children };
      }
      throw new Error(`unsupported variable syntax at ${this.pos}`);
    }
    return undefined;
  }

  private expect(ch: string): void {
    if (this.source[this.pos] !== ch)
      throw new Error(`expected "${ch}" at ${this.pos} in ${JSON.stringify(this.source)}`);
    this.pos++;
  }
}

/** The snippet body (a string or lines) as inserted text. */
export function expandSnippet(body: string | string[], overrides: Record<number, string> = {}): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(source).parse();
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop') {
        if (!defaults.has(node.index) && node.children) defaults.set(node.index, node.children);
        if (!defaults.has(node.index) && node.choices) defaults.set(node.index, node.choices[0]);
        if (node.children) collect(node.children);
      } else if (node.kind === 'variable' && node.children) {
        collect(node.children);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'variable') return node.children ? render(node.children) : '';
        if (node.index in overrides) return overrides[node.index];
        const value = defaults.get(node.index);
        return value === undefined ? '' : typeof value === 'string' ? value : render(value);
      })
      .join('');
  return render(nodes);
}

/** Inserts `text` at the start of a line as an editor would: every line indented like the first, tabs as two spaces. */
export function indentSnippet(text: string, indent: string): string {
  return text
    .replace(/\t/g, '  ')
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}
