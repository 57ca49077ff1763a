/**
 * The core's one memo: a value derived from a key object (a document version's facts, a link, an
 * entry, the index), remembered with the version of what else it read (usually the index's
 * generation or structure version) and given again while that version is the same and, when given,
 * `stillValid` agrees. Facts are immutable, so a value derived from a facts object alone never goes
 * stale. The model is vscode-markdown-languageservice's MdDocumentInfoCache (a value per document,
 * recomputed when the document changes).
 *
 * Weak by default (an entry goes with its key); `{ weak: false }` keys by strings (URIs), bounded
 * by the caller.
 */
export class Memo<K, V> {
  private readonly store: Map<K, { version: unknown; value: V }> | WeakMap<K & WeakKey, { version: unknown; value: V }>;

  constructor(options: { weak: boolean } = { weak: true }) {
    this.store = options.weak ? new WeakMap() : new Map();
  }

  /**
   * The value for `key` at `version`: the remembered one, or `compute(previous)` (previous: the value
   * remembered for an older version, for updating by difference).
   */
  get(key: K, version: unknown, compute: (previous: V | undefined) => V, stillValid?: (value: V) => boolean): V {
    const store = this.store as Map<K, { version: unknown; value: V }>;
    const known = store.get(key);
    if (known && known.version === version && (!stillValid || stillValid(known.value))) return known.value;
    const value = compute(known?.value);
    store.set(key, { version, value });
    return value;
  }

  /** The remembered value, whatever its version. */
  peek(key: K): V | undefined {
    return (this.store as Map<K, { version: unknown; value: V }>).get(key)?.value;
  }

  delete(key: K): void {
    (this.store as Map<K, unknown>).delete(key);
  }
}

/**
 * A bounded map from strings to what is derived from them alone (heading text → slug): emptied when
 * it reaches `limit`, so a long session cannot grow it without end.
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(text: string, compute: (text: string) => V): V {
    let v = this.map.get(text);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(text, (v = compute(text)));
    }
    return v;
  }
}
