/**
 * Views of a DocumentFacts for tests: `absoluteFacts` (every block-relative offset at its document
 * offset, no block keys: two versions of the same text compare equal whatever their blocks), and
 * `snapshot` (the facts exactly as they are, block keys and all, to check that they never change).
 */
import type { DocumentFacts } from '../../server/src/core/document';
import type { BlockKey } from '../../server/src/core/model';

const OFFSETS = new Set(['start', 'end', 'textStart', 'textEnd', 'valueStart', 'valueEnd', 'urlStart', 'urlEnd', 'numberStart', 'numberEnd']);

type Obj = Record<string, unknown>;

/** The block an object's offsets are relative to: its own, or that of the fact it describes (an entry's heading, a statistic's field, an average's cell). */
function keyOf(o: Obj): BlockKey | undefined {
  for (const k of ['at', 'heading', 'field', 'cell'] as const) {
    const v = o[k] as Obj | BlockKey | undefined;
    if (!v) continue;
    if (k === 'at') return v as BlockKey;
    if ((v as Obj).at) return (v as Obj).at as BlockKey;
  }
  return undefined;
}

export function absoluteFacts(doc: DocumentFacts): unknown {
  const base = (key: BlockKey | undefined) => (key === undefined ? 0 : key.block === 0 ? 0 : doc.blockStarts.get(key)!);
  const walk = (v: unknown, parentBase: number): unknown => {
    if (v instanceof Set) return [...v].map((x) => walk(x, parentBase));
    if (v instanceof Map) return [...v].map(([k, x]) => [walk(k, parentBase), walk(x, parentBase)]);
    if (Array.isArray(v)) return v.map((x) => walk(x, parentBase));
    if (v === null || typeof v !== 'object') return v;
    const o = v as Obj;
    const key = keyOf(o);
    const b = key ? base(key) : parentBase;
    const out: Obj = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === 'at' || k === 'blockStarts') continue;
      out[k] = OFFSETS.has(k) && typeof x === 'number' && key ? x + b : walk(x, b);
    }
    return out;
  };
  return walk(doc, 0);
}

/** Everything a DocumentFacts holds, block keys included, as plain data. */
export function snapshot(doc: DocumentFacts): string {
  return JSON.stringify(doc, (_k, v) => (v instanceof Set ? [...v] : v instanceof Map ? [...v].map(([k, x]) => [typeof k === 'object' ? (k as BlockKey).block : k, x]) : v));
}
