/**
 * The workspace index: every indexed document's facts (one immutable version each), issue IDs defined
 * workspace-wide, link resolution, and each log's scope (scopes.ts). It knows no transport and no file
 * system: the host answers existence questions. What is derived is remembered in Memos keyed by the
 * object it is derived from and the version of what else it read:
 * - `generation` changes with every document set or removed;
 * - `structure` changes when what links resolve to may change (a document added or removed,
 *   existence answers, the options); memos keyed by it survive edits to the content of documents.
 */
import { matchAnchor, type AnchorMatch } from './anchorMatch';
import type { IssueLogOptions, IssueSeverity } from './config';
import type { DocumentFacts, SluggedHeading } from './documentFacts';
import { entriesBySlug, headingWithSlug, numberedEntriesByNumber } from './documentMaps';
import { idTable, type IdTable } from './idDefinitions';
import { documentVocabulary } from './vocabulary';
import { KnownPrefixes } from './knownPrefixes';
import { locate, mergeIssue, referenceLink, type Issue, type LocatedEntry, type ScopeStats } from './issues';
import { resolvePath, splitUrl, type InternalLink, type ResolvedLink, type WorkspaceHost } from './links';
import { linkTargets, linkTargetsFrom, type LinkTargets } from './linkTargets';
import { Memo } from './memo';
import type { IssueEntry, LinkFact } from './model';
import { folderOf, relativeToFolder } from './paths';
import { NO_STATS, Scopes, type KeyMemo, type Scope } from './scopes';

/** A fragment that names an entry by its number (`issue-1`, `bug-12`, `incident-3`, `issue-1-old-title`). */
const ENTRY_ANCHOR = /^(?:issue|bug|incident)-(\d+)(?:-|$)/i;

/** The fragment of a page's top. */

/** The scope key of the whole workspace (no URI looks like it). */
const ALL = '\u0000all';

export class WorkspaceIndex {
  private readonly docs = new Map<string, DocumentFacts>();
  private generation = 0;
  private structure = 0;
  private _options: IssueLogOptions;
  /** The prefixes the workspace knows (configured and learnt), and the views of documents they give. */
  private readonly known: KnownPrefixes;
  private readonly scopes = new Scopes(this);
  /** Per index: the ID table (by generation), backlinks (by generation), path resolutions (by structure). */
  private readonly idTables = new Memo<WorkspaceIndex, IdTable>();
  private readonly backlinkMaps = new Memo<WorkspaceIndex, Map<string, Set<string>>>();
  private readonly pathResolutions = new Memo<WorkspaceIndex, Map<string, InternalLink>>();
  /** Per link object: where it points (links of an open document survive its edits). */
  private readonly resolved = new Memo<LinkFact, { from: string; r: ResolvedLink }>();
  /** Per entry object: its issue key, while the document its Reference points into stays. */
  private readonly keys = new Memo<IssueEntry, KeyMemo>();
  /** By the links list (an edit that touches no link keeps it), and each document's last list, to go on from by difference. */
  private readonly linked = new Memo<DocumentFacts['links'], { uri: string; structure: number; targets: LinkTargets<LinkFact> }>();
  private readonly lastLinks = new Map<string, DocumentFacts['links']>();
  /** Per version of a document outside the workspace: its view (by the known prefixes' version). */
  private readonly outsideViews = new Memo<DocumentFacts, DocumentFacts>();

  constructor(
    options: IssueLogOptions,
    public folders: string[],
    private host: WorkspaceHost,
  ) {
    this._options = options;
    this.known = new KnownPrefixes(options.prefixes);
  }

  get options(): IssueLogOptions {
    return this._options;
  }

  /** New options (prefixes, anchor case): everything derived is recomputed. */
  set options(options: IssueLogOptions) {
    this._options = options;
    this.known.configure(options.prefixes);
    this.touch();
  }

  /**
   * The ID prefixes the workspace knows, with the severity each implies: the configured ones, and
   * (contract v2) those its entries teach. The editor's features offer these.
   */
  get knownPrefixes(): ReadonlyMap<string, IssueSeverity | undefined> {
    return this.known.map;
  }

  /** Changes when the known prefixes do (learnt or forgotten by an edit, or configured). */
  get knownVersion(): number {
    return this.known.version;
  }

  /** Does a heading or bold entry anywhere define `id` (a register row of it is then a mention)? */
  hasHeadingEntry(id: string): boolean {
    return this.known.hasHeadingEntry(id);
  }

  /** The candidate facts of a document as parsed, every prefix included (`get` gives what the workspace reads). */
  candidates(uri: string): DocumentFacts | undefined {
    return this.docs.get(uri);
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
    const was = this.docs.get(doc.uri);
    if (!was) this.structure++;
    // A prefix learnt or forgotten changes what every document holds: everything derived is recomputed.
    // A document outside the workspace teaches nothing (it defines nothing for the workspace).
    if (this.inWorkspace(doc.uri) && this.known.change(was, doc)) this.structure++;
    this.docs.set(doc.uri, doc);
    this.generation++;
  }

  delete(uri: string): boolean {
    const was = this.docs.get(uri);
    if (was && this.inWorkspace(uri) && this.known.change(was, undefined)) this.structure++;
    const had = this.docs.delete(uri);
    this.lastLinks.delete(uri);
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

  /** A document as the workspace reads it: only the entries and mentions of known prefixes (a view; itself when that is all). */
  get(uri: string): DocumentFacts | undefined {
    const doc = this.docs.get(uri);
    return doc && this.view(doc);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Every document, as `get` gives it. */
  get documents(): IterableIterator<DocumentFacts> {
    return this.views();
  }

  private *views(): IterableIterator<DocumentFacts> {
    for (const doc of this.docs.values()) yield this.view(doc);
  }

  /**
   * What the workspace reads of a document. One outside the workspace teaches the workspace nothing,
   * but its own entries teach it (a draft with `### OPEN-1: …` and fields is read as a log).
   */
  private view(doc: DocumentFacts): DocumentFacts {
    if (this.inWorkspace(doc.uri)) return this.known.view(doc);
    return this.outsideViews.get(doc, this.known.version, () => {
      const own = new KnownPrefixes(this.known.map);
      own.change(undefined, doc);
      return own.view(doc);
    });
  }

  /** The documents of the workspace folders, as `get` gives them: what defines IDs and counts in the workspace's statistics. */
  private *workspaceViews(): IterableIterator<DocumentFacts> {
    for (const doc of this.docs.values()) if (this.inWorkspace(doc.uri)) yield this.known.view(doc);
  }

  /**
   * Is `uri` in a workspace folder? A document outside every folder (an untitled buffer, a file
   * opened from elsewhere) is checked, and may cite the workspace's IDs, but it defines nothing for
   * the workspace, teaches it no prefix and counts in no scope of a workspace log: `check` never
   * reads it.
   */
  inWorkspace(uri: string): boolean {
    return this.folderOf(uri) !== undefined;
  }

  get size(): number {
    return this.docs.size;
  }

  logs(): DocumentFacts[] {
    const out: DocumentFacts[] = [];
    for (const doc of this.docs.values()) {
      const v = this.view(doc);
      if (v.isLog) out.push(v);
    }
    return out;
  }

  /** The workspace folder that holds `uri` (the longest match), if any. */
  folderOf(uri: string): string | undefined {
    return folderOf(this.folders, uri);
  }

  /** `uri` relative to the workspace folder that holds it (`06-Master/MASTER-ISSUE-LOG.md`), if one does. */
  relativeToFolder(uri: string): string | undefined {
    return relativeToFolder(this.folders, uri);
  }

  /** Every ID entry of the workspace folders, by ID, ordered by path, then by position (as `check` lists them). */
  idDefinitions(): Map<string, LocatedEntry[]> {
    return this.idTables.get(this, this.generation, (previous) => idTable(this.workspaceViews(), this.structure, previous)).map;
  }

  /** Changes when what the ID rules read may change (see IdTable.version); `keys`: only when an ID came or went. */
  idVersion(keys = false): number {
    this.idDefinitions();
    const t = this.idTables.peek(this)!;
    return keys ? t.keysVersion : t.version;
  }

  /** The defined IDs in natural order (`CRIT-2` before `CRIT-10`). */
  definedIds(): string[] {
    this.idDefinitions();
    const t = this.idTables.peek(this)!;
    // Numbers as numbers (CRIT-2 before CRIT-10); CRIT-2 and CRIT-002 compare equal so, and then their
    // code units decide: the order must not depend on which the index read first.
    return (t.sorted ??= [...t.map.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Documents that link to each document. */
  backlinks(): Map<string, Set<string>> {
    return this.backlinkMaps.get(this, this.generation, () => {
      const map = new Map<string, Set<string>>();
      for (const doc of this.views()) {
        for (const target of this.linkedDocuments(doc)) {
          let set = map.get(target);
          if (!set) map.set(target, (set = new Set()));
          set.add(doc.uri);
        }
      }
      return map;
    });
  }

  resolveLink(fromUri: string, url: string): ResolvedLink {
    const split = splitUrl(url);
    if (split.kind !== 'path') return { kind: split.kind };
    const { pathPart, fragment, sourceView } = split;
    if (pathPart === '') return { kind: 'internal', target: fromUri, fragment, sourceView, path: '', exists: 'file', inWorkspace: true, badEncoding: false };
    // The path part resolves the same for every document of a folder: remember it while the
    // structure stays (rules, scopes and backlinks resolve the same links many times).
    const byPath = this.pathResolutions.get(this, this.structure, () => new Map());
    const slash = fromUri.lastIndexOf('/');
    const cacheKey = (pathPart.startsWith('/') ? (this.folderOf(fromUri) ?? '') : fromUri.slice(0, slash)) + '\u0000' + pathPart;
    let known = byPath.get(cacheKey);
    if (!known) byPath.set(cacheKey, (known = resolvePath(this.folders, (u) => this.docs.has(u), this.host, fromUri, pathPart)));
    return { ...known, fragment, sourceView };
  }

  /** resolveLink for a link of a document, remembered per link object. */
  resolve(fromUri: string, link: LinkFact): ResolvedLink {
    return this.resolved.get(link, this.structure, () => ({ from: fromUri, r: this.resolveLink(fromUri, link.url) }), (m) => m.from === fromUri).r;
  }

  /** Does `fragment` name a heading or HTML id of `doc` that a reader can reach (anchorMatch.ts)? */
  hasAnchor(doc: DocumentFacts, fragment: string): boolean {
    return this.anchorMatch(doc, fragment) === 'found';
  }

  anchorMatch(doc: DocumentFacts, fragment: string): AnchorMatch {
    return matchAnchor(doc, fragment, this.options.caseSensitiveAnchors);
  }

  /**
   * A fragment as it is compared with slugs and ids: lower-cased unless anchors are case-sensitive,
   * and without GitHub's `user-content-` prefix (unless `stripPrefix` is false).
   */
  anchorKey(fragment: string, stripPrefix = true): string {
    const f = stripPrefix && fragment.startsWith('user-content-') ? fragment.slice('user-content-'.length) : fragment;
    return this.options.caseSensitiveAnchors ? f : f.toLowerCase();
  }

  /** Indexed Markdown documents that `doc` links to (one hop), not counting itself, by their first link. */
  linkedDocuments(doc: DocumentFacts): readonly string[] {
    const targetOf = (link: LinkFact): string | undefined => {
      if (link.kind === 'autolink') return undefined;
      const r = this.resolve(doc.uri, link);
      // A document outside the workspace is not read through a link (`check` would not read it).
      return r.kind === 'internal' && r.target !== doc.uri && r.inWorkspace && this.docs.has(r.target) ? r.target : undefined;
    };
    return this.linked.get(
      doc.links,
      this.structure,
      () => {
        // From the document's previous links list by difference (an edit changes a few links of thousands).
        const prevLinks = this.lastLinks.get(doc.uri);
        const prev = prevLinks && this.linked.peek(prevLinks);
        const targets = prev && prev.uri === doc.uri && prev.structure === this.structure ? linkTargetsFrom(prev.targets, doc.links, targetOf) : linkTargets(doc.links, targetOf);
        this.lastLinks.set(doc.uri, doc.links);
        return { uri: doc.uri, structure: this.structure, targets };
      },
      (m) => m.uri === doc.uri,
    ).targets.targets;
  }

  /**
   * The entry that an ID entry's Reference field links to and that is the same issue, if any: the
   * numbered entry its anchor names, or an entry of the same ID in another document; or, when the
   * anchor names nothing in the target, the target's only numbered entry with the anchor's number
   * (`#issue-1` to `### Issue #1: Title`; contract v2, "One issue, one count").
   */
  referencedEntry(uri: string, entry: IssueEntry): LocatedEntry | undefined {
    return entry.kind === 'id' ? this.keyOf(uri, entry).ref : undefined;
  }

  private findReferenced(uri: string, entry: IssueEntry): LocatedEntry | undefined {
    const link = referenceLink(entry);
    if (!link) return undefined;
    const r = this.resolve(uri, link);
    if (r.kind !== 'internal' || r.fragment === undefined || !r.inWorkspace) return undefined;
    const target = this.get(r.target);
    if (!target) return undefined;
    const found = entriesBySlug(target).get(r.fragment.toLowerCase());
    // A numbered entry; or an entry of the same ID elsewhere (the scope takes it in: the same issue).
    if (found) return found.kind === 'numbered' || (found.id === entry.id && target.uri !== uri) ? locate(target.uri, found) : undefined;
    // A broken anchor that names an entry by its number (it is still reported by broken-anchor).
    const n = ENTRY_ANCHOR.exec(r.fragment);
    if (!n || this.hasAnchor(target, r.fragment)) return undefined;
    const only = numberedEntriesByNumber(target).get(Number(n[1]));
    return only ? locate(target.uri, only) : undefined;
  }

  /** The first heading of a document whose slug is `fragment`, ignoring case. */
  headingBySlug(doc: DocumentFacts, fragment: string): SluggedHeading | undefined {
    return headingWithSlug(doc, fragment);
  }

  /** The issues in a log's scope, each once, in document order. */
  scope(uri: string): Issue[] {
    const s = this.scopeOf(uri);
    return s ? this.scopes.ordered(s) : [];
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
    return this.scopeOf(uri)?.stats ?? NO_STATS;
  }

  /** Every issue of the workspace, each once. */
  allIssues(): Issue[] {
    return this.scopes.ordered(this.scopes.get(ALL, [...this.workspaceViews()]));
  }

  /** Counts over every issue of the workspace (allIssues, counted without listing them). */
  allStats(): ScopeStats {
    return this.scopes.get(ALL, [...this.workspaceViews()]).stats;
  }

  /**
   * What a log's scope reaches beyond its own entries (for messages): `references` when it takes in
   * entries its Reference fields point to (scope `references`), `linked` when it takes in linked
   * documents (scope `linked`), `log` when it holds only the log's own entries.
   */
  scopeReach(uri: string): 'log' | 'references' | 'linked' {
    const s = this.scopeOf(uri);
    if (!s) return 'log';
    if (this._options.scope === 'linked') return s.documents.length > 1 ? 'linked' : 'log';
    return s.pullCount.size > 0 ? 'references' : 'log';
  }

  /** A log's scope (contract v2): its own entries and those its References name, or, `linked`, those of the documents it links to as well. */
  private scopeOf(uri: string): Scope | undefined {
    const doc = this.get(uri);
    if (!doc) return undefined;
    const documents = this._options.scope === 'linked' ? [doc, ...this.linkedDocuments(doc).map((u) => this.get(u)!)] : [doc];
    return this.scopes.get(uri, documents);
  }

  /** The identity of an entry: a numbered entry's `file#anchor`, which an ID entry's Reference can name. */
  issueKey(uri: string, entry: IssueEntry): string {
    return this.keyOf(uri, entry).key;
  }

  /** issueKey, remembered per entry object while the links and the document it points into stay. */
  keyOf(uri: string, entry: IssueEntry): KeyMemo {
    return this.keys.get(
      entry,
      this.structure,
      (): KeyMemo => {
        if (entry.kind === 'numbered') return { key: `N:${uri}#${entry.slug}` };
        const link = referenceLink(entry);
        const r = link ? this.resolve(uri, link) : undefined;
        const targetUri = r?.kind === 'internal' && r.fragment !== undefined ? r.target : undefined;
        const ref = this.findReferenced(uri, entry);
        const target = targetUri ? this.get(targetUri) : undefined;
        const key = ref?.entry.kind === 'numbered' ? `N:${ref.uri}#${ref.entry.slug}` : `I:${entry.id}`;
        return { key, targetUri, target: target && new WeakRef(target), ref };
      },
      (m) => m.targetUri === undefined || this.get(m.targetUri) === m.target?.deref(),
    );
  }

  /** Merges the entries of one issue into its severity, status and time to resolution. */
  issueOf(key: string, located: readonly LocatedEntry[]): Issue {
    return mergeIssue(this.options.prefixes, key, located, (uri) => documentVocabulary(this.options, this.docs.get(uri)));
  }
}
