/**
 * The encoding of the facts cache's entries (factsCache.ts): a tape of 32-bit integers, a table of
 * the distinct strings, a table of object shapes (their keys) and the non-integer numbers. Decoding
 * is several times faster than v8.deserialize on DocumentFacts, and the heap it leaves is smaller
 * (every distinct string once): each shape gets an object-literal factory, so the objects are built
 * by compiled code with one hidden class per shape.
 *
 * Generic over plain data, like structured clone: plain objects (keys, order and `undefined` values
 * kept), arrays, Map, Set, strings, numbers (-0 and NaN included), booleans, null, undefined, and
 * objects reached twice (the identity is kept: `entries[i].heading` is `headings[j]`); symbol keys
 * and non-enumerable properties are left out, as v8 serialization does. Anything else (a class
 * instance, a Date, a typed array, a cycle, an array with holes or extra properties, a `__proto__`
 * key) throws Unsupported, and the cache falls back to v8 serialization.
 *
 * The tape: a value is one integer ≥ 0 (itself), or a negative tag and its operands:
 *   INT n | DBL (next double) | STR index | ARR length values… | OBJ shape values… (in key order)
 *   | MAP size (key value)… | SET size values… | REF position | UNDEF | NULL | TRUE | FALSE.
 * An ARR, OBJ, MAP or SET reached again later is tagged DEF (the tag − 16), and each later arrival is
 * REF with the position of that tag.
 */

export class Unsupported extends Error {}

const UNDEF = -1;
const NULL = -2;
const TRUE = -3;
const FALSE = -4;
const INT = -5;
const DBL = -6;
const STR = -7;
const ARR = -8;
const OBJ = -9;
const MAP = -10;
const SET = -11;
const REF = -12;
const DEF = -16;

export interface Encoded {
  strings: string[];
  shapes: string[][];
  ints: Int32Array;
  doubles: Float64Array;
}

export function encodeValue(root: unknown): Encoded {
  let ints = new Int32Array(1 << 12);
  let n = 0;
  const push = (x: number) => {
    if (n === ints.length) {
      const grown = new Int32Array(n * 2);
      grown.set(ints);
      ints = grown;
    }
    ints[n++] = x;
  };
  const doubles: number[] = [];
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapes: string[][] = [];
  /** Shapes by their keys, one key a level. */
  interface ShapeNode {
    id?: number;
    next: Map<string, ShapeNode>;
  }
  const shapeTree: ShapeNode = { next: new Map() };
  /** Where each object's tag is on the tape. */
  const at = new Map<object, number>();
  /** The objects being encoded (to tell a cycle from an object reached twice). */
  const stack: object[] = [];

  const encode = (v: unknown): void => {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          if (v >= 0) push(v);
          else {
            push(INT);
            push(v);
          }
        } else {
          push(DBL);
          doubles.push(v);
        }
        return;
      case 'string': {
        let id = stringIds.get(v);
        if (id === undefined) {
          id = strings.length;
          strings.push(v);
          stringIds.set(v, id);
        }
        push(STR);
        push(id);
        return;
      }
      case 'undefined':
        push(UNDEF);
        return;
      case 'boolean':
        push(v ? TRUE : FALSE);
        return;
      case 'object':
        break;
      default:
        throw new Unsupported(typeof v);
    }
    if (v === null) {
      push(NULL);
      return;
    }
    const seen = at.get(v);
    if (seen !== undefined) {
      if (stack.includes(v)) throw new Unsupported('a cycle');
      if (ints[seen] > DEF) ints[seen] += DEF;
      push(REF);
      push(seen);
      return;
    }
    at.set(v, n);
    stack.push(v);
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype) {
      const keys = Object.keys(v);
      let node = shapeTree;
      for (const k of keys) {
        let next = node.next.get(k);
        if (!next) node.next.set(k, (next = { next: new Map() }));
        node = next;
      }
      let id = node.id;
      if (id === undefined) {
        if (keys.includes('__proto__')) throw new Unsupported('a __proto__ key');
        id = node.id = shapes.length;
        shapes.push(keys);
      }
      push(OBJ);
      push(id);
      for (const k of keys) encode((v as Record<string, unknown>)[k]);
    } else if (proto === Array.prototype) {
      const a = v as unknown[];
      push(ARR);
      push(a.length);
      for (let i = 0; i < a.length; i++) {
        if (!(i in a)) throw new Unsupported('an array with holes');
        encode(a[i]);
      }
      if (Object.keys(a).length !== a.length) throw new Unsupported('an array with properties');
    } else if (proto === Map.prototype) {
      const m = v as Map<unknown, unknown>;
      push(MAP);
      push(m.size);
      for (const [k, x] of m) {
        encode(k);
        encode(x);
      }
    } else if (proto === Set.prototype) {
      const s = v as Set<unknown>;
      push(SET);
      push(s.size);
      for (const x of s) encode(x);
    } else {
      throw new Unsupported(`a ${(v as object).constructor?.name ?? 'null-prototype'} object`);
    }
    stack.pop();
  };
  encode(root);
  return { strings, shapes, ints: ints.subarray(0, n), doubles: Float64Array.from(doubles) };
}

type Factory = (r: Reader) => unknown;

/** One object-literal factory per shape, shared by every entry read in this process. */
const factories = new Map<string, Factory>();

function factoryOf(keys: unknown): Factory {
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && k !== '__proto__')) throw new Error('bad shape');
  const shapeKey = keys.join('\u0000');
  let f = factories.get(shapeKey);
  if (!f) {
    try {
      // The keys are JSON string literals, which are JavaScript string literals: no code gets in.
      f = new Function('r', `return {${keys.map((k) => `${JSON.stringify(k)}: r.v()`).join(', ')}};`) as Factory;
    } catch {
      // Code generation from strings disallowed: the same object, built a key at a time.
      const ks = [...keys];
      f = (r) => {
        const o: Record<string, unknown> = {};
        for (const k of ks) o[k] = r.v();
        return o;
      };
    }
    factories.set(shapeKey, f);
  }
  return f;
}

class Reader {
  p = 0;
  q = 0;
  private defs?: Map<number, unknown>;

  constructor(
    private readonly ints: Int32Array,
    private readonly doubles: Float64Array,
    private readonly strings: string[],
    private readonly makers: Factory[],
  ) {}

  /** The next value on the tape. */
  v(): unknown {
    const t = this.ints[this.p++];
    return t >= 0 ? t : this.tagged(t);
  }

  private count(perItem: number): number {
    const n = this.ints[this.p++];
    if (!(n >= 0 && n * perItem <= this.ints.length - this.p)) throw new Error('bad length');
    return n;
  }

  private tagged(t: number): unknown {
    switch (t) {
      case STR: {
        const s = this.strings[this.ints[this.p++]];
        if (s === undefined) throw new Error('bad string');
        return s;
      }
      case OBJ: {
        const make = this.makers[this.ints[this.p++]];
        if (make === undefined) throw new Error('bad shape');
        return make(this);
      }
      case ARR: {
        const n = this.count(1);
        const a: unknown[] = [];
        for (let k = 0; k < n; k++) a.push(this.v());
        return a;
      }
      case UNDEF:
        return undefined;
      case NULL:
        return null;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case INT: {
        const x = this.ints[this.p++];
        if (x === undefined) throw new Error('truncated');
        return x;
      }
      case DBL: {
        const x = this.doubles[this.q++];
        if (x === undefined) throw new Error('bad double');
        return x;
      }
      case MAP: {
        const n = this.count(2);
        const m = new Map<unknown, unknown>();
        for (let k = 0; k < n; k++) {
          const key = this.v();
          m.set(key, this.v());
        }
        return m;
      }
      case SET: {
        const n = this.count(1);
        const s = new Set<unknown>();
        for (let k = 0; k < n; k++) s.add(this.v());
        return s;
      }
      case REF: {
        const pos = this.ints[this.p++];
        if (!this.defs?.has(pos)) throw new Error('bad reference');
        return this.defs.get(pos);
      }
      default: {
        // ARR, OBJ, MAP or SET tagged DEF: remember it for the REFs that follow.
        if (!(t <= ARR + DEF && t >= SET + DEF)) throw new Error('bad tag');
        const pos = this.p - 1;
        const x = this.tagged(t - DEF);
        (this.defs ??= new Map()).set(pos, x);
        return x;
      }
    }
  }
}

/** Decodes what encodeValue made; throws on anything malformed. */
export function decodeValue(e: Encoded): unknown {
  const r = new Reader(e.ints, e.doubles, e.strings, e.shapes.map(factoryOf));
  const v = r.v();
  if (r.p !== e.ints.length || r.q !== e.doubles.length) throw new Error('trailing data');
  return v;
}
