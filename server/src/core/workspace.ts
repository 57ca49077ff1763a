/**
 * The workspace index: every indexed document's facts, issue IDs defined workspace-wide, link
 * resolution, and each log's scope (its own entries plus those of the documents it links to).
 * It knows no transport and no file system: the host answers existence questions.
 */
import { URI, Utils } from 'vscode-uri';
import type { IssueLogOptions, IssueSeverity } from './config';
import { severityFromWord } from './config';
import type { DocumentFacts } from './document';
import type { Duration, FieldFact, IssueEntry, LinkFact } from './model';
import { parseDuration } from './durations';
import { classifyStatus, type StatusClass } from './status';

export type PathKind = 'file' | 'dir';

/** What the core asks of its host. */
export interface WorkspaceHost {
  /** Exists, with the exact case of every path segment? */
  stat(uri: string): PathKind | undefined;
}

export interface LocatedEntry {
  uri: string;
  entry: IssueEntry;
}

/** One issue: an ID entry, a numbered entry, or an ID entry and the numbered entry its Reference names. */
export interface Issue {
  key: string;
  /** ID entries first, then numbered entries. */
  entries: LocatedEntry[];
  severity?: IssueSeverity;
  status: StatusClass;
  /** The Status field that decided `status`, when there is one. */
  statusField?: { uri: string; field: FieldFact };
  timeToResolution?: { uri: string; field: FieldFact; duration: Duration };
}

export type ResolvedLink =
  | { kind: 'external' }
  | { kind: 'empty' }
  | {
      kind: 'internal';
      /** Target document (the same document for `#fragment`). */
      target: string;
      fragment?: string;
      /** The path as written, decoded. */
      path: string;
      exists: PathKind | undefined;
      /** Inside one of the workspace folders. */
      inWorkspace: boolean;
      /** The path's percent-encoding is invalid (`%zz`); the raw path was tried. */
      badEncoding: boolean;
    };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** What an entry's identity was computed from: valid while the link structure and the target document stay. */
interface KeyMemo {
  structure: number;
  key: string;
  /** The document its Reference points into (undefined: none). */
  targetUri?: string;
  target?: DocumentFacts;
}

export type StatKey = 'total' | 'resolved' | 'open' | 'critical' | 'high' | 'medium' | 'low';

/** What a scope's statistics block and resolution table are checked against. */
export interface ScopeStats {
  counts: Record<StatKey, number>;
  /** Per severity, the resolved issues with a Time to Resolution: how many, and their minutes summed in millionths (exact). */
  resolutionTimes: Record<IssueSeverity, { count: number; micro: number }>;
}

/** The mean Time to Resolution (minutes) of a severity's resolved issues that have one. */
export function averageOf(stats: ScopeStats, severity: IssueSeverity): { mean: number; count: number } | undefined {
  const r = stats.resolutionTimes[severity];
  return r.count > 0 ? { mean: r.micro / 1e6 / r.count, count: r.count } : undefined;
}

function emptyStats(): ScopeStats {
  return {
    counts: { total: 0, resolved: 0, open: 0, critical: 0, high: 0, medium: 0, low: 0 },
    resolutionTimes: { Critical: { count: 0, micro: 0 }, High: { count: 0, micro: 0 }, Medium: { count: 0, micro: 0 }, Low: { count: 0, micro: 0 } },
  };
}

function countIssue(stats: ScopeStats, i: Issue, sign: 1 | -1): void {
  const c = stats.counts;
  c.total += sign;
  if (i.status === 'resolved') c.resolved += sign;
  if (i.status === 'open') c.open += sign;
  if (i.severity) {
    c[i.severity.toLowerCase() as 'critical' | 'high' | 'medium' | 'low'] += sign;
    if (i.status === 'resolved' && i.timeToResolution) {
      const r = stats.resolutionTimes[i.severity];
      r.count += sign;
      r.micro += sign * Math.round(i.timeToResolution.duration.minutes * 1e6);
    }
  }
}

/**
 * The issues of a scope (some documents), kept up to date by difference: when documents change, only
 * the entries that came or went (entry objects survive the edits of an open document), and those
 * whose identity depends on a changed document, are grouped again; the statistics follow.
 */
interface ScopeMemo {
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
  issueByKey: Map<string, Issue>;
  stats: ScopeStats;
  /** The issues in document order (made when asked for). */
  ordered?: Issue[];
  /** A new object whenever the scope's issues change. */
  token: object;
}

export class WorkspaceIndex {
  private docs = new Map<string, DocumentFacts>();
  private generation = 0;
  /**
   * Changes when what links resolve to may change: a document added or removed, existence answers,
   * the options. Caches keyed by it survive edits to the content of documents.
   */
  private structure = 0;
  private _options: IssueLogOptions;
  private idDefsCache?: {
    generation: number;
    structure: number;
    docs: Map<string, DocumentFacts>;
    order: Map<string, number>;
    map: Map<string, LocatedEntry[]>;
    /** The IDs in natural order (`CRIT-2` before `CRIT-10`), made when asked for. */
    sorted?: string[];
  };
  private scopeCache = new Map<string, ScopeMemo>();
  private resolveMemo = new WeakMap<LinkFact, { structure: number; from: string; r: ResolvedLink }>();
  private backlinksCache?: { generation: number; map: Map<string, Set<string>> };
  private resolveCache?: { structure: number; map: Map<string, Extract<ResolvedLink, { kind: 'internal' }>> };
  private keyMemo = new WeakMap<IssueEntry, KeyMemo>();
  private numberedBySlug = new WeakMap<DocumentFacts, Map<string, IssueEntry>>();
  private headingsBySlug = new WeakMap<DocumentFacts, Map<string, DocumentFacts['headings'][number]>>();
  private linkedMemo = new WeakMap<DocumentFacts, { structure: number; targets: string[] }>();

  constructor(
    options: IssueLogOptions,
    public folders: string[],
    private host: WorkspaceHost,
  ) {
    this._options = options;
  }

  get options(): IssueLogOptions {
    return this._options;
  }

  /** New options (rules, anchor case): everything derived is recomputed. */
  set options(options: IssueLogOptions) {
    this._options = options;
    this.touch();
  }

  /** Changes when what links resolve to may change (documents added or removed, files on disk, options). */
  get structureVersion(): number {
    return this.structure;
  }

  /** Changes whenever a document is set or removed; derived facts are recomputed lazily. */
  get version(): number {
    return this.generation;
  }

  set(doc: DocumentFacts): void {
    if (!this.docs.has(doc.uri)) this.structure++;
    this.docs.set(doc.uri, doc);
    this.generation++;
  }

  delete(uri: string): boolean {
    const had = this.docs.delete(uri);
    if (had) {
      this.generation++;
      this.structure++;
    }
    return had;
  }

  /** Existence answers from the host may have changed (files created or deleted on disk). */
  touch(): void {
    this.generation++;
    this.structure++;
  }

  get(uri: string): DocumentFacts | undefined {
    return this.docs.get(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  get documents(): IterableIterator<DocumentFacts> {
    return this.docs.values();
  }

  get size(): number {
    return this.docs.size;
  }

  logs(): DocumentFacts[] {
    return [...this.docs.values()].filter((d) => d.isLog);
  }

  /** The workspace folder that holds `uri` (the longest match), if any. */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const prefix = f.endsWith('/') ? f : f + '/';
      if ((uri.startsWith(prefix) || uri === f) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /**
   * Every ID entry, by ID, in document order. Kept up to date by difference: when a few documents
   * change, only their entries that came or went are moved.
   */
  idDefinitions(): Map<string, LocatedEntry[]> {
    const c = this.idDefsCache;
    if (c?.generation === this.generation) return c.map;
    if (c && c.structure === this.structure) {
      const changed: [DocumentFacts, DocumentFacts][] = [];
      for (const [uri, doc] of this.docs) {
        const was = c.docs.get(uri);
        if (was !== doc) changed.push([was!, doc]);
      }
      if (changed.length <= 8) {
        for (const [was, now] of changed) {
          const kept = new Set(now.entries);
          for (const e of was.entries) {
            if (e.kind !== 'id' || kept.has(e)) continue;
            const list = c.map.get(e.id)!;
            list.splice(list.findIndex((l) => l.entry === e), 1);
            if (list.length === 0) {
              c.map.delete(e.id);
              c.sorted = undefined;
            }
          }
          const had = new Set(was.entries);
          for (const e of now.entries) {
            if (e.kind !== 'id' || had.has(e)) continue;
            const l = locate(now.uri, e);
            const list = c.map.get(e.id);
            if (!list) {
              c.map.set(e.id, [l]);
              c.sorted = undefined;
            } else {
              list.push(l);
              const at = (x: LocatedEntry) => c.order.get(x.uri)!;
              for (let i = list.length - 1; i > 0 && (at(list[i - 1]) > at(l) || (at(list[i - 1]) === at(l) && list[i - 1].entry.heading.start > e.heading.start)); i--) {
                list[i] = list[i - 1];
                list[i - 1] = l;
              }
            }
          }
          c.docs.set(now.uri, now);
        }
        c.generation = this.generation;
        return c.map;
      }
    }
    const map = new Map<string, LocatedEntry[]>();
    for (const doc of this.docs.values()) {
      for (const entry of doc.entries) {
        if (entry.kind !== 'id') continue;
        let list = map.get(entry.id);
        if (!list) map.set(entry.id, (list = []));
        list.push(locate(doc.uri, entry));
      }
    }
    this.idDefsCache = { generation: this.generation, structure: this.structure, docs: new Map(this.docs), order: new Map([...this.docs.keys()].map((u, i) => [u, i])), map };
    return map;
  }

  /** The defined IDs in natural order (`CRIT-2` before `CRIT-10`). */
  definedIds(): string[] {
    this.idDefinitions();
    const c = this.idDefsCache!;
    return (c.sorted ??= [...c.map.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  }

  /** Documents that link to each document. */
  backlinks(): Map<string, Set<string>> {
    if (this.backlinksCache?.generation === this.generation) return this.backlinksCache.map;
    const map = new Map<string, Set<string>>();
    for (const doc of this.docs.values()) {
      for (const target of this.linkedDocuments(doc)) {
        let set = map.get(target);
        if (!set) map.set(target, (set = new Set()));
        set.add(doc.uri);
      }
    }
    this.backlinksCache = { generation: this.generation, map };
    return map;
  }

  resolveLink(fromUri: string, url: string): ResolvedLink {
    const raw = url.trim();
    if (raw === '' || raw === '#') return { kind: 'empty' };
    if (SCHEME.test(raw) || raw.startsWith('//')) return { kind: 'external' };
    const hash = raw.indexOf('#');
    let pathPart = hash >= 0 ? raw.slice(0, hash) : raw;
    const q = pathPart.indexOf('?');
    if (q >= 0) pathPart = pathPart.slice(0, q);
    let fragment = hash >= 0 ? raw.slice(hash + 1) : undefined;
    if (fragment !== undefined) {
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // Keep the fragment as written.
      }
    }
    if (pathPart === '') {
      return { kind: 'internal', target: fromUri, fragment, path: '', exists: 'file', inWorkspace: true, badEncoding: false };
    }
    // The path part resolves the same for every document of a folder: remember it per generation
    // (rules, scopes and backlinks resolve the same links many times).
    if (this.resolveCache?.structure !== this.structure) this.resolveCache = { structure: this.structure, map: new Map() };
    const slash = fromUri.lastIndexOf('/');
    const cacheKey = (pathPart.startsWith('/') ? (this.folderOf(fromUri) ?? '') : fromUri.slice(0, slash)) + '\u0000' + pathPart;
    const known = this.resolveCache.map.get(cacheKey);
    if (known) return { ...known, fragment };
    const resolved = this.resolvePath(fromUri, pathPart);
    this.resolveCache.map.set(cacheKey, resolved);
    return { ...resolved, fragment };
  }

  /** resolveLink for a link of a document, remembered per link object (links of an open document survive its edits). */
  resolve(fromUri: string, link: LinkFact): ResolvedLink {
    const m = this.resolveMemo.get(link);
    if (m && m.structure === this.structure && m.from === fromUri) return m.r;
    const r = this.resolveLink(fromUri, link.url);
    this.resolveMemo.set(link, { structure: this.structure, from: fromUri, r });
    return r;
  }

  private resolvePath(fromUri: string, pathPart: string): Extract<ResolvedLink, { kind: 'internal' }> {
    let path = pathPart;
    let badEncoding = false;
    try {
      path = decodeURIComponent(pathPart);
    } catch {
      badEncoding = true;
    }
    const from = URI.parse(fromUri);
    let base: URI;
    let rel = path;
    if (path.startsWith('/')) {
      const folder = this.folderOf(fromUri);
      base = folder ? URI.parse(folder) : URI.file('/');
      rel = path.replace(/^\/+/, '');
    } else {
      base = Utils.dirname(from);
    }
    const targetUri = rel === '' ? base : Utils.resolvePath(base, rel);
    const target = targetUri.toString();
    const exists: PathKind | undefined = this.docs.has(target) ? 'file' : this.host.stat(target);
    return { kind: 'internal', target, path, exists, inWorkspace: this.folderOf(target) !== undefined, badEncoding };
  }

  /** Does `fragment` name a heading or HTML id of `doc`? */
  hasAnchor(doc: DocumentFacts, fragment: string): boolean {
    const set = this.options.caseSensitiveAnchors ? doc.anchors : doc.anchorsLower;
    return set.has(this.anchorKey(fragment)) || set.has(this.anchorKey(fragment, false));
  }

  /**
   * A fragment as it is compared with slugs and ids: lower-cased unless anchors are case-sensitive,
   * and without GitHub's `user-content-` prefix (unless `stripPrefix` is false).
   */
  anchorKey(fragment: string, stripPrefix = true): string {
    const f = stripPrefix && fragment.startsWith('user-content-') ? fragment.slice('user-content-'.length) : fragment;
    return this.options.caseSensitiveAnchors ? f : f.toLowerCase();
  }

  /** `uri` relative to the workspace folder that holds it (`06-Master/MASTER-ISSUE-LOG.md`), if one does. */
  relativeToFolder(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    const base = URI.parse(folder).path.replace(/\/$/, '');
    const path = URI.parse(uri).path;
    return path.startsWith(base + '/') ? path.slice(base.length + 1) : undefined;
  }

  /** Indexed Markdown documents that `doc` links to (one hop), not counting itself. */
  linkedDocuments(doc: DocumentFacts): string[] {
    const memo = this.linkedMemo.get(doc);
    if (memo?.structure === this.structure) return memo.targets;
    const out = new Set<string>();
    for (const link of doc.links) {
      if (link.kind === 'autolink') continue;
      const r = this.resolve(doc.uri, link);
      if (r.kind === 'internal' && r.target !== doc.uri && this.docs.has(r.target)) out.add(r.target);
    }
    const targets = [...out];
    this.linkedMemo.set(doc, { structure: this.structure, targets });
    return targets;
  }

  /** The numbered entry that an ID entry's Reference field links to, if any. */
  referencedEntry(uri: string, entry: IssueEntry): LocatedEntry | undefined {
    const link = referenceLink(entry);
    if (!link) return undefined;
    const r = this.resolve(uri, link);
    if (r.kind !== 'internal' || r.fragment === undefined) return undefined;
    const target = this.docs.get(r.target);
    if (!target) return undefined;
    const found = this.numberedEntries(target).get(r.fragment.toLowerCase());
    return found ? { uri: target.uri, entry: found } : undefined;
  }

  /** A document's numbered entries by lower-cased slug (the first of each). */
  private numberedEntries(doc: DocumentFacts): Map<string, IssueEntry> {
    let map = this.numberedBySlug.get(doc);
    if (!map) {
      map = new Map();
      for (const e of doc.entries) {
        const slug = e.slug.toLowerCase();
        if (e.kind === 'numbered' && !map.has(slug)) map.set(slug, e);
      }
      this.numberedBySlug.set(doc, map);
    }
    return map;
  }

  /** The issues in a log's scope, each once, in document order. */
  scope(uri: string): Issue[] {
    const memo = this.scopeOf(uri);
    return memo ? this.ordered(memo) : [];
  }

  /** The issues in a log's scope, in no particular order (cheaper than scope). */
  scopeIssues(uri: string): Iterable<Issue> {
    return this.scopeOf(uri)?.issueByKey.values() ?? [];
  }

  /** An object that stays the same while the issues of a log's scope do (to remember what is derived from them). */
  scopeToken(uri: string): object | undefined {
    return this.scopeOf(uri)?.token;
  }

  /** Counts and resolution times over a log's scope. */
  scopeStats(uri: string): ScopeStats {
    return this.scopeOf(uri)?.stats ?? emptyStats();
  }

  /** Every issue of the workspace, each once. */
  allIssues(): Issue[] {
    return this.ordered(this.scopeMemo('\u0000all', [...this.docs.values()]));
  }

  /** Counts over every issue of the workspace (allIssues, counted without listing them). */
  allStats(): ScopeStats {
    return this.scopeMemo('\u0000all', [...this.docs.values()]).stats;
  }

  /** The first heading of a document whose slug is `fragment`, ignoring case. */
  headingBySlug(doc: DocumentFacts, fragment: string): DocumentFacts['headings'][number] | undefined {
    let map = this.headingsBySlug.get(doc);
    if (!map) {
      map = new Map();
      for (const h of doc.headings) if (!map.has(h.slug.toLowerCase())) map.set(h.slug.toLowerCase(), h);
      this.headingsBySlug.set(doc, map);
    }
    return map.get(fragment.toLowerCase());
  }

  private scopeOf(uri: string): ScopeMemo | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    return this.scopeMemo(uri, [doc, ...this.linkedDocuments(doc).map((u) => this.docs.get(u)!)]);
  }

  /** The identity of an entry: a numbered entry's `file#anchor`, which an ID entry's Reference can name. */
  issueKey(uri: string, entry: IssueEntry): string {
    return this.keyOf(uri, entry).key;
  }

  /** issueKey, remembered per entry object while the links and the document it points into stay. */
  private keyOf(uri: string, entry: IssueEntry): KeyMemo {
    const memo = this.keyMemo.get(entry);
    if (memo && memo.structure === this.structure && (memo.targetUri === undefined || this.docs.get(memo.targetUri) === memo.target)) return memo;
    let next: KeyMemo;
    if (entry.kind === 'numbered') next = { structure: this.structure, key: `N:${uri}#${entry.slug}` };
    else {
      const link = referenceLink(entry);
      const r = link ? this.resolve(uri, link) : undefined;
      const targetUri = r?.kind === 'internal' && r.fragment !== undefined ? r.target : undefined;
      const ref = this.referencedEntry(uri, entry);
      next = { structure: this.structure, key: ref ? `N:${ref.uri}#${ref.entry.slug}` : `I:${entry.id}`, targetUri, target: targetUri ? this.docs.get(targetUri) : undefined };
    }
    this.keyMemo.set(entry, next);
    return next;
  }

  private scopeMemo(cacheKey: string, documents: DocumentFacts[]): ScopeMemo {
    const cached = this.scopeCache.get(cacheKey);
    if (cached && cached.structure === this.structure && cached.documents.length === documents.length && documents.every((d, i) => cached.documents[i].uri === d.uri)) {
      const changed = new Set<string>();
      documents.forEach((d, i) => cached.documents[i] !== d && changed.add(d.uri));
      for (const [u, d] of cached.deps) if (this.docs.get(u) !== d) changed.add(u);
      if (changed.size === 0) return cached;
      if (changed.size <= 8) {
        this.updateScope(cached, documents, changed);
        return cached;
      }
    }
    const memo: ScopeMemo = {
      structure: this.structure,
      documents,
      docIndex: new Map(documents.map((d, i) => [d.uri, i])),
      deps: new Map(documents.map((d) => [d.uri, d])),
      keyOf: new Map(),
      targetOf: new Map(),
      byTarget: new Map(),
      groups: new Map(),
      issueByKey: new Map(),
      stats: emptyStats(),
      token: {},
    };
    for (const d of documents) for (const entry of d.entries) this.group(memo, locate(d.uri, entry));
    const before = cached?.structure === this.structure ? cached.issueByKey : undefined;
    for (const [key, entries] of memo.groups) {
      const old = before?.get(key);
      const issue = old && sameEntries(locatedOf.get(old), entries) ? old : this.issueOf(key, entries.slice());
      memo.issueByKey.set(key, issue);
      countIssue(memo.stats, issue, 1);
    }
    this.scopeCache.set(cacheKey, memo);
    return memo;
  }

  /** Puts an entry in its group (at its place in document order) and notes what its key depends on. */
  private group(memo: ScopeMemo, l: LocatedEntry): string {
    const k = this.keyOf(l.uri, l.entry);
    memo.keyOf.set(l, k.key);
    if (k.targetUri !== undefined) {
      memo.targetOf.set(l, k.targetUri);
      let set = memo.byTarget.get(k.targetUri);
      if (!set) memo.byTarget.set(k.targetUri, (set = new Set()));
      set.add(l);
      if (!memo.deps.has(k.targetUri)) memo.deps.set(k.targetUri, k.target);
    }
    const g = memo.groups.get(k.key);
    if (!g) memo.groups.set(k.key, [l]);
    else {
      g.push(l);
      const at = (x: LocatedEntry) => memo.docIndex.get(x.uri) ?? 0;
      for (let i = g.length - 1; i > 0 && (at(g[i - 1]) > at(l) || (at(g[i - 1]) === at(l) && g[i - 1].entry.heading.start > l.entry.heading.start)); i--) {
        g[i] = g[i - 1];
        g[i - 1] = l;
      }
    }
    return k.key;
  }

  private ungroup(memo: ScopeMemo, l: LocatedEntry): string | undefined {
    const key = memo.keyOf.get(l);
    if (key === undefined) return undefined;
    memo.keyOf.delete(l);
    const target = memo.targetOf.get(l);
    if (target !== undefined) {
      memo.targetOf.delete(l);
      memo.byTarget.get(target)?.delete(l);
    }
    const g = memo.groups.get(key)!;
    g.splice(g.indexOf(l), 1);
    return key;
  }

  private updateScope(memo: ScopeMemo, documents: DocumentFacts[], changed: Set<string>): void {
    const affected = new Set<string>();
    const regroup: LocatedEntry[] = [];
    for (const uri of changed) {
      const i = memo.docIndex.get(uri);
      if (i !== undefined) {
        const was = memo.documents[i];
        const now = documents[i];
        const kept = new Set(now.entries);
        for (const e of was.entries) {
          if (kept.has(e)) continue;
          const key = this.ungroup(memo, locate(uri, e));
          if (key !== undefined) affected.add(key);
        }
        const had = new Set(was.entries);
        for (const e of now.entries) if (!had.has(e)) regroup.push(locate(uri, e));
      }
      // Entries whose identity came from this document (their Reference points into it).
      for (const l of [...(memo.byTarget.get(uri) ?? [])]) {
        const key = this.ungroup(memo, l);
        if (key === undefined) continue;
        affected.add(key);
        regroup.push(l);
      }
      memo.deps.set(uri, this.docs.get(uri));
    }
    memo.documents = documents;
    for (const l of regroup) affected.add(this.group(memo, l));
    for (const key of affected) {
      const old = memo.issueByKey.get(key);
      if (old) countIssue(memo.stats, old, -1);
      const g = memo.groups.get(key);
      if (!g || g.length === 0) {
        memo.groups.delete(key);
        memo.issueByKey.delete(key);
        continue;
      }
      const issue = old && sameEntries(locatedOf.get(old), g) ? old : this.issueOf(key, g.slice());
      memo.issueByKey.set(key, issue);
      countIssue(memo.stats, issue, 1);
    }
    memo.ordered = undefined;
    memo.token = {};
  }

  private ordered(memo: ScopeMemo): Issue[] {
    if (memo.ordered) return memo.ordered;
    const out: Issue[] = [];
    const seen = new Set<string>();
    for (const d of memo.documents) {
      for (const e of d.entries) {
        const key = memo.keyOf.get(locate(d.uri, e))!;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(memo.issueByKey.get(key)!);
      }
    }
    return (memo.ordered = out);
  }

  /** Merges the entries of one issue into its severity, status and time to resolution. */
  issueOf(key: string, located: LocatedEntry[]): Issue {
    const entries = [...located].sort((a, b) => (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === 'id' ? -1 : 1));
    const issue: Issue = { key, entries, status: 'unknown' };
    locatedOf.set(issue, located);
    const fieldOf = (name: string) => {
      for (const e of entries) {
        const f = e.entry.fields.find((x) => x.name.toLowerCase() === name);
        if (f) return { uri: e.uri, field: f };
      }
      return undefined;
    };
    const sevField = fieldOf('severity');
    issue.severity = sevField ? severityFromWord(sevField.field.value) : undefined;
    if (!issue.severity) {
      for (const e of entries) {
        if (e.entry.prefix) {
          const s = this.options.prefixes.get(e.entry.prefix);
          if (s) {
            issue.severity = s;
            break;
          }
        }
      }
    }
    if (!issue.severity) issue.severity = entries.find((e) => e.entry.sectionSeverity)?.entry.sectionSeverity;
    const status = fieldOf('status');
    if (status) {
      issue.status = classifyStatus(status.field.value);
      issue.statusField = status;
    } else if (entries.some((e) => e.entry.prefix === 'OPEN' || e.entry.sectionOpen)) {
      issue.status = 'open';
    }
    for (const e of entries) {
      const f = e.entry.fields.find((x) => x.name.toLowerCase() === 'time to resolution');
      const d = f ? parseDuration(f.value) : undefined;
      if (f && d) {
        issue.timeToResolution = { uri: e.uri, field: f, duration: d };
        break;
      }
    }
    return issue;
  }
}

/** The entries an Issue was made from, in the order found (to tell whether it can be reused). */
const locatedOf = new WeakMap<Issue, LocatedEntry[]>();

/** One LocatedEntry object per entry object (entries of an open document survive its edits). */
const located = new WeakMap<IssueEntry, LocatedEntry>();

function locate(uri: string, entry: IssueEntry): LocatedEntry {
  let l = located.get(entry);
  if (!l || l.uri !== uri) located.set(entry, (l = { uri, entry }));
  return l;
}

function sameEntries(a: LocatedEntry[] | undefined, b: LocatedEntry[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function referenceLink(entry: IssueEntry): LinkFact | undefined {
  const f = entry.fields.find((x) => x.name.toLowerCase() === 'reference');
  return f?.links[0];
}

export function fieldNamed(entry: IssueEntry, name: string): FieldFact | undefined {
  const n = name.toLowerCase();
  return entry.fields.find((f) => f.name.toLowerCase() === n);
}
