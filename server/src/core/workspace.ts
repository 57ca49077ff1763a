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

export class WorkspaceIndex {
  private docs = new Map<string, DocumentFacts>();
  private generation = 0;
  private idDefsCache?: { generation: number; map: Map<string, LocatedEntry[]> };
  private scopeCache = new Map<string, { generation: number; issues: Issue[] }>();
  private backlinksCache?: { generation: number; map: Map<string, Set<string>> };
  private resolveCache?: { generation: number; map: Map<string, Extract<ResolvedLink, { kind: 'internal' }>> };

  constructor(
    public options: IssueLogOptions,
    public folders: string[],
    private host: WorkspaceHost,
  ) {}

  /** Changes whenever a document is set or removed; derived facts are recomputed lazily. */
  get version(): number {
    return this.generation;
  }

  set(doc: DocumentFacts): void {
    this.docs.set(doc.uri, doc);
    this.generation++;
  }

  delete(uri: string): boolean {
    const had = this.docs.delete(uri);
    if (had) this.generation++;
    return had;
  }

  /** Existence answers from the host may have changed (files created or deleted on disk). */
  touch(): void {
    this.generation++;
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

  /** Every ID entry, by ID. */
  idDefinitions(): Map<string, LocatedEntry[]> {
    if (this.idDefsCache?.generation === this.generation) return this.idDefsCache.map;
    const map = new Map<string, LocatedEntry[]>();
    for (const doc of this.docs.values()) {
      for (const entry of doc.entries) {
        if (entry.kind !== 'id') continue;
        let list = map.get(entry.id);
        if (!list) map.set(entry.id, (list = []));
        list.push({ uri: doc.uri, entry });
      }
    }
    this.idDefsCache = { generation: this.generation, map };
    return map;
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
    if (this.resolveCache?.generation !== this.generation) this.resolveCache = { generation: this.generation, map: new Map() };
    const slash = fromUri.lastIndexOf('/');
    const cacheKey = (pathPart.startsWith('/') ? (this.folderOf(fromUri) ?? '') : fromUri.slice(0, slash)) + '\u0000' + pathPart;
    const known = this.resolveCache.map.get(cacheKey);
    if (known) return { ...known, fragment };
    const resolved = this.resolvePath(fromUri, pathPart);
    this.resolveCache.map.set(cacheKey, resolved);
    return { ...resolved, fragment };
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
    const out = new Set<string>();
    for (const link of doc.links) {
      if (link.kind === 'autolink') continue;
      const r = this.resolveLink(doc.uri, link.url);
      if (r.kind === 'internal' && r.target !== doc.uri && this.docs.has(r.target)) out.add(r.target);
    }
    return [...out];
  }

  /** The numbered entry that an ID entry's Reference field links to, if any. */
  referencedEntry(uri: string, entry: IssueEntry): LocatedEntry | undefined {
    const link = referenceLink(entry);
    if (!link) return undefined;
    const r = this.resolveLink(uri, link.url);
    if (r.kind !== 'internal' || r.fragment === undefined) return undefined;
    const target = this.docs.get(r.target);
    if (!target) return undefined;
    const frag = r.fragment.toLowerCase();
    const found = target.entries.find((e) => e.kind === 'numbered' && e.slug.toLowerCase() === frag);
    return found ? { uri: target.uri, entry: found } : undefined;
  }

  /** The issues in a log's scope, each once. */
  scope(uri: string): Issue[] {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    return this.cachedIssues(uri, () => [doc, ...this.linkedDocuments(doc).map((u) => this.docs.get(u)!)]);
  }

  /** Every issue of the workspace, each once. */
  allIssues(): Issue[] {
    return this.cachedIssues('\u0000all', () => [...this.docs.values()]);
  }

  /** The identity of an entry: a numbered entry's `file#anchor`, which an ID entry's Reference can name. */
  issueKey(uri: string, entry: IssueEntry): string {
    if (entry.kind === 'numbered') return `N:${uri}#${entry.slug}`;
    const ref = this.referencedEntry(uri, entry);
    return ref ? `N:${ref.uri}#${ref.entry.slug}` : `I:${entry.id}`;
  }

  private cachedIssues(cacheKey: string, documents: () => DocumentFacts[]): Issue[] {
    const cached = this.scopeCache.get(cacheKey);
    if (cached?.generation === this.generation) return cached.issues;
    const byKey = new Map<string, LocatedEntry[]>();
    for (const d of documents()) {
      for (const entry of d.entries) {
        const key = this.issueKey(d.uri, entry);
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push({ uri: d.uri, entry });
      }
    }
    const issues = [...byKey.entries()].map(([key, entries]) => this.issueOf(key, entries));
    this.scopeCache.set(cacheKey, { generation: this.generation, issues });
    return issues;
  }

  /** Merges the entries of one issue into its severity, status and time to resolution. */
  issueOf(key: string, located: LocatedEntry[]): Issue {
    const entries = [...located].sort((a, b) => (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === 'id' ? -1 : 1));
    const issue: Issue = { key, entries, status: 'unknown' };
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

export function referenceLink(entry: IssueEntry): LinkFact | undefined {
  const f = entry.fields.find((x) => x.name.toLowerCase() === 'reference');
  return f?.links[0];
}

export function fieldNamed(entry: IssueEntry, name: string): FieldFact | undefined {
  const n = name.toLowerCase();
  return entry.fields.find((f) => f.name.toLowerCase() === n);
}
