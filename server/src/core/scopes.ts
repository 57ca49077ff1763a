/**
 * Scopes: the issues of a log's scope, each once, with running counts (contract v2, "Scope of a
 * log"). A scope is made over a list of documents (the log alone for `references`, the default; the
 * log and the documents it links to, one hop, for `linked`), and it also takes in the entry each of
 * their ID entries' Reference points to when that entry lies outside those documents ("pulled": it is
 * the same issue, and its fields decide the issue's status and severity). Kept up to date by
 * difference: when documents change, only the entries that came or went (entry objects survive the
 * edits of an open document), and those whose identity depends on a changed document, are grouped
 * again (with what they pull); the statistics follow.
 */
import { entryChanges, startOf, type DocumentFacts } from './documentFacts';
import { countIssue, emptyStats, locate, reusable, type Issue, type LocatedEntry, type ScopeStats } from './issues';

/** What an entry's identity was computed from: valid while the link structure and the target document stay. */
export interface KeyMemo {
  readonly key: string;
  /** The document its Reference points into (undefined: none). */
  readonly targetUri?: string;
  /** That document's version when the key was made: weakly, since entries outlive versions and a
   *  strong reference here kept every version of an edited master alive (one per entry keyed then). */
  readonly target?: WeakRef<DocumentFacts>;
  /** The entry the Reference names when it is the same issue (a numbered entry, or one of the same ID), of that document version. */
  readonly ref?: LocatedEntry;
}

/** What the scopes ask of the index. */
export interface ScopeSource {
  readonly structureVersion: number;
  get(uri: string): DocumentFacts | undefined;
  keyOf(uri: string, entry: LocatedEntry['entry']): KeyMemo;
  issueOf(key: string, located: readonly LocatedEntry[]): Issue;
}

/**
 * How many changed documents a scope is updated for by difference; past that, it is made again
 * (a re-index or a folder of files changed on disk: regrouping everything is then cheaper).
 */
export const MAX_CHANGED_FOR_UPDATE = 8;

export interface Scope {
  structure: number;
  documents: DocumentFacts[];
  docIndex: Map<string, number>;
  /** Every document read (the scope's and those its References point into), as it was read. */
  deps: Map<string, DocumentFacts | undefined>;
  keyOf: Map<LocatedEntry, string>;
  targetOf: Map<LocatedEntry, string>;
  /** The entries whose identity depends on a document. */
  byTarget: Map<string, Set<LocatedEntry>>;
  groups: Map<string, LocatedEntry[]>;
  /** Per own entry, the entry outside the scope's documents that it pulls in; and how many pull each. */
  pulledBy: Map<LocatedEntry, LocatedEntry>;
  pullCount: Map<LocatedEntry, number>;
  issueByKey: Map<string, Issue>;
  stats: ScopeStats;
  /** The issues in document order (made when asked for). */
  ordered?: Issue[];
  /** A new object whenever the scope's issues change. */
  token: object;
}

export const NO_STATS: ScopeStats = emptyStats();

/** The scopes of one index, by cache key (a log's URI, or one key for the whole workspace). */
export class Scopes {
  private readonly byKey = new Map<string, Scope>();

  constructor(private readonly source: ScopeSource) {}

  /** The scope over `documents`, updated from the one remembered under `cacheKey` when it can be. */
  get(cacheKey: string, documents: DocumentFacts[]): Scope {
    const src = this.source;
    const cached = this.byKey.get(cacheKey);
    if (cached && cached.structure === src.structureVersion && cached.documents.length === documents.length && documents.every((d, i) => cached.documents[i].uri === d.uri)) {
      const changed = new Set<string>();
      documents.forEach((d, i) => cached.documents[i] !== d && changed.add(d.uri));
      for (const [u, d] of cached.deps) if (src.get(u) !== d) changed.add(u);
      if (changed.size === 0) return cached;
      if (changed.size <= MAX_CHANGED_FOR_UPDATE) {
        this.update(cached, documents, changed);
        return cached;
      }
    }
    const scope: Scope = {
      structure: src.structureVersion,
      documents,
      docIndex: new Map(documents.map((d, i) => [d.uri, i])),
      deps: new Map(documents.map((d) => [d.uri, d])),
      keyOf: new Map(),
      targetOf: new Map(),
      byTarget: new Map(),
      groups: new Map(),
      pulledBy: new Map(),
      pullCount: new Map(),
      issueByKey: new Map(),
      stats: emptyStats(),
      token: {},
    };
    for (const d of documents) for (const entry of d.entries) this.group(scope, locate(d.uri, entry));
    const before = cached?.structure === src.structureVersion ? cached.issueByKey : undefined;
    for (const [key, entries] of scope.groups) {
      const old = before?.get(key);
      const issue = reusable(old, entries) ? old : src.issueOf(key, entries.slice());
      scope.issueByKey.set(key, issue);
      countIssue(scope.stats, issue, 1);
    }
    this.byKey.set(cacheKey, scope);
    return scope;
  }

  /** The issues in document order. */
  ordered(scope: Scope): Issue[] {
    if (scope.ordered) return scope.ordered;
    const out: Issue[] = [];
    const seen = new Set<string>();
    for (const d of scope.documents) {
      for (const e of d.entries) {
        const key = scope.keyOf.get(locate(d.uri, e))!;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(scope.issueByKey.get(key)!);
      }
    }
    return (scope.ordered = out);
  }

  /**
   * Puts an entry of the scope's documents in its group and notes what its key depends on; pulls in
   * the entry its Reference names when that one lies outside the scope's documents.
   */
  private group(scope: Scope, l: LocatedEntry): string {
    const k = this.source.keyOf(l.uri, l.entry);
    scope.keyOf.set(l, k.key);
    if (k.targetUri !== undefined) {
      scope.targetOf.set(l, k.targetUri);
      let set = scope.byTarget.get(k.targetUri);
      if (!set) scope.byTarget.set(k.targetUri, (set = new Set()));
      set.add(l);
      if (!scope.deps.has(k.targetUri)) scope.deps.set(k.targetUri, k.target?.deref());
    }
    this.place(scope, k.key, l);
    if (k.ref && !scope.docIndex.has(k.ref.uri)) {
      scope.pulledBy.set(l, k.ref);
      const n = scope.pullCount.get(k.ref) ?? 0;
      scope.pullCount.set(k.ref, n + 1);
      if (n === 0) this.place(scope, k.key, k.ref);
    }
    return k.key;
  }

  /** Adds an entry to a group at its place in document order (pulled entries last, in the order pulled). */
  private place(scope: Scope, key: string, l: LocatedEntry): void {
    const g = scope.groups.get(key);
    if (!g) return void scope.groups.set(key, [l]);
    g.push(l);
    const docAt = (x: LocatedEntry) => scope.docIndex.get(x.uri) ?? Infinity;
    const pos = (x: LocatedEntry) => {
      const d = docAt(x);
      return d === Infinity ? 0 : startOf(scope.documents[d], x.entry.heading);
    };
    for (let i = g.length - 1; i > 0 && (docAt(g[i - 1]) > docAt(l) || (docAt(g[i - 1]) === docAt(l) && pos(g[i - 1]) > pos(l))); i--) {
      g[i] = g[i - 1];
      g[i - 1] = l;
    }
  }

  private ungroup(scope: Scope, l: LocatedEntry): string | undefined {
    const key = scope.keyOf.get(l);
    if (key === undefined) return undefined;
    scope.keyOf.delete(l);
    const target = scope.targetOf.get(l);
    if (target !== undefined) {
      scope.targetOf.delete(l);
      scope.byTarget.get(target)?.delete(l);
    }
    const g = scope.groups.get(key)!;
    g.splice(g.indexOf(l), 1);
    const pulled = scope.pulledBy.get(l);
    if (pulled) {
      scope.pulledBy.delete(l);
      const n = scope.pullCount.get(pulled)! - 1;
      if (n > 0) scope.pullCount.set(pulled, n);
      else {
        scope.pullCount.delete(pulled);
        const at = g.indexOf(pulled);
        if (at >= 0) g.splice(at, 1);
      }
    }
    return key;
  }

  private update(scope: Scope, documents: DocumentFacts[], changed: Set<string>): void {
    const affected = new Set<string>();
    const regroup: LocatedEntry[] = [];
    // Entries their document no longer has: one ungrouped earlier because its Reference's target is
    // another changed document (in `regroup` already) must not be grouped again.
    const gone = new Set<LocatedEntry>();
    for (const uri of changed) {
      const i = scope.docIndex.get(uri);
      if (i !== undefined) {
        const { removed, added } = entryChanges(scope.documents[i], documents[i]);
        for (const e of removed) {
          const l = locate(uri, e);
          gone.add(l);
          const key = this.ungroup(scope, l);
          if (key !== undefined) affected.add(key);
        }
        for (const e of added) regroup.push(locate(uri, e));
      }
      // Entries whose identity came from this document (their Reference points into it).
      for (const l of [...(scope.byTarget.get(uri) ?? [])]) {
        const key = this.ungroup(scope, l);
        if (key === undefined) continue;
        affected.add(key);
        regroup.push(l);
      }
      scope.deps.set(uri, this.source.get(uri));
    }
    scope.documents = documents;
    for (const l of regroup) if (!gone.has(l)) affected.add(this.group(scope, l));
    for (const key of affected) {
      const old = scope.issueByKey.get(key);
      if (old) countIssue(scope.stats, old, -1);
      const g = scope.groups.get(key);
      if (!g || g.length === 0) {
        scope.groups.delete(key);
        scope.issueByKey.delete(key);
        continue;
      }
      const issue = reusable(old, g) ? old : this.source.issueOf(key, g.slice());
      scope.issueByKey.set(key, issue);
      countIssue(scope.stats, issue, 1);
    }
    scope.ordered = undefined;
    scope.token = {};
  }
}
