import * as jsonc from 'jsonc-parser';

export interface JsoncDocument {
  /** The source text (what edits are computed against). */
  text: string;
  /** The parsed value; undefined when the text has no usable root value. */
  value: unknown;
  /** Syntax tree with offsets, for ranges of keys and values. */
  tree: jsonc.Node | undefined;
  errors: { offset: number; length: number; message: string }[];
}

/** JSON with comments and trailing commas tolerated (what DevTools accepts in app.json and page json). */
export function parseJsonc(content: string): JsoncDocument {
  const errors: jsonc.ParseError[] = [];
  let tree: jsonc.Node | undefined;
  let value: unknown;
  try {
    tree = jsonc.parseTree(content, errors, { allowTrailingComma: true, disallowComments: false });
    value = tree ? jsonc.getNodeValue(tree) : undefined;
  } catch {
    // jsonc-parser recurses per nesting level: absurdly deep input overflows the stack. Treat it as unreadable.
    return {
      text: content,
      value: undefined,
      tree: undefined,
      errors: [{ offset: 0, length: 0, message: 'NestingTooDeep' }],
    };
  }
  return {
    text: content,
    value,
    tree,
    errors: errors.map((e) => ({ offset: e.offset, length: e.length, message: jsonc.printParseErrorCode(e.error) })),
  };
}

/** The node at a property path, e.g. ['pages', 0] or ['tabBar', 'list']. */
export function findJsonNode(doc: JsoncDocument, pathSegments: (string | number)[]): jsonc.Node | undefined {
  return doc.tree ? jsonc.findNodeAtLocation(doc.tree, pathSegments) : undefined;
}
