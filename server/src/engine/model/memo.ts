/**
 * Facts derived from immutable inputs, remembered across analyses.
 *
 * Parsed documents, page and component units and script functions keep their identity while their files
 * are unchanged (see ParsedFileCache and ProjectModel), so facts derived from them can be kept on them. A
 * fact that also reads the project's shared files (app.json, app.js, helper modules, components) is stored
 * with the model's `sharedRevision` and recomputed when that changes. Editing one page then recomputes
 * that page's facts only; the other pages' facts are looked up.
 */
const store = new WeakMap<object, Map<unknown, { revision: object | undefined; value: unknown }>>();

/**
 * A value per key, made on first use: memo slots that depend on something besides the owner (the root a path
 * is resolved in, the request matcher a page's facts are about) get one slot object per key.
 */
export function perKey<K, V>(make: () => V): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) values.set(key, (value = make()));
    return value;
  };
}

/** The fact `slot` of `owner`, computed once per `revision` (undefined: depends on `owner` alone). */
export function memoize<T>(owner: object, slot: unknown, revision: object | undefined, compute: () => T): T {
  let slots = store.get(owner);
  if (!slots) store.set(owner, (slots = new Map<unknown, { revision: object | undefined; value: unknown }>()));
  const known = slots.get(slot);
  if (known && known.revision === revision) return known.value as T;
  const value = compute();
  slots.set(slot, { revision, value });
  return value;
}
