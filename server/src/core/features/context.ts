/**
 * What every language feature is handed: the workspace index and a way to read a document's current
 * text (the open editor's, else the file's). Helpers shared by the features: what is under a position.
 */
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { URI, Utils } from 'vscode-uri';
import { endOf, startOf, type DocumentFacts, type SluggedHeading } from '../documentFacts';
import { displayPath as pathForDisplay } from '../paths';
import { firstWhere } from '../search';
import type { IssueEntry, LinkFact, MentionFact } from '../model';
import type { Issue, LocatedEntry, WorkspaceIndex } from '../workspace';
import { definitionsSeenBy } from '../definitionsSeen';

export interface FeatureContext {
  index: WorkspaceIndex;
  /**
   * The index holds only part of the workspace (indexing is still running): what depends on every
   * file (statistics, averages, ID definitions) must not be computed from it.
   */
  partial?: boolean;
  /** The current text of a document (open editor first, else disk), or undefined when unreadable. */
  getText(uri: string): string | undefined;
  /**
   * Lets other work run (the host's event loop) during a workspace-wide feature, so that a
   * cancellation can arrive; the features check their token after each pause. It rejects with
   * IndexChangedError when the index changed meanwhile, so that no answer mixes two versions.
   */
  pause?: () => Promise<void>;
  /** The client takes a CreateFile in a WorkspaceEdit (a quick fix may then create `.issue-log.json`). */
  createFiles?: boolean;
}

/** The index changed while a feature paused: its answer would mix two versions of the workspace. */
export class IndexChangedError extends Error {
  constructor() {
    super('The workspace changed while the request ran.');
    this.name = 'IndexChangedError';
  }
}

/** Pauses every `every` documents (when the host gives a way to). */
export async function maybePause(ctx: FeatureContext, i: number, every = 50): Promise<void> {
  if (ctx.pause && i > 0 && i % every === 0) await ctx.pause();
}

export const NO_TOKEN: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

/** An issue ID under (or just before) `offset`: a mention in text, which includes entry headings. */
export function mentionAt(doc: DocumentFacts, offset: number): MentionFact | undefined {
  const ms = doc.mentions;
  const m = ms[firstWhere(0, ms.length, (i) => endOf(doc, ms[i]) >= offset)];
  return m && startOf(doc, m) <= offset ? m : undefined;
}

/** The ID entry whose heading holds `offset` (the ID part or the title). */
export function entryAt(doc: DocumentFacts, offset: number): IssueEntry | undefined {
  return doc.entries.find((e) => offset >= startOf(doc, e.heading) && offset <= endOf(doc, e.heading));
}

/** The innermost link whose span holds `offset` (autolinks excluded). */
export function linkAt(doc: DocumentFacts, offset: number): LinkFact | undefined {
  let best: LinkFact | undefined;
  for (const l of doc.links) {
    if (l.kind === 'autolink') continue;
    if (offset >= startOf(doc, l) && offset <= endOf(doc, l) && (!best || l.end - l.start < best.end - best.start)) best = l;
  }
  return best;
}

/** The heading of `doc` that a `#fragment` names (GitHub slug, case as the settings say). */
export function headingForFragment(index: WorkspaceIndex, doc: DocumentFacts, fragment: string): SluggedHeading | undefined {
  const key = index.anchorKey(fragment);
  return doc.headings.find((h) => index.anchorKey(h.slug, false) === key);
}

/** Every ID entry that defines `id`, in path order; as `from` sees them when given (one outside the workspace sees its own too). */
export function definitionsOf(index: WorkspaceIndex, id: string, from?: DocumentFacts): readonly LocatedEntry[] {
  return from ? definitionsSeenBy(index, from)(id) : (index.idDefinitions().get(id) ?? []);
}

/** The issue (merged with the numbered entry its Reference names) that an ID entry belongs to. */
export function issueOfId(index: WorkspaceIndex, id: string): Issue | undefined {
  const defs = definitionsOf(index, id);
  if (defs.length === 0) return undefined;
  const first = defs[0];
  const located: LocatedEntry[] = [first];
  const ref = index.referencedEntry(first.uri, first.entry);
  if (ref) located.push(ref);
  return index.issueOf(index.issueKey(first.uri, first.entry), located);
}

/** A workspace-relative path for display (`06-Master/MASTER-ISSUE-LOG.md`). */
export function displayPath(index: WorkspaceIndex, uri: string): string {
  return pathForDisplay(index.folders, uri);
}

/** The relative path from the folder of `fromUri` to `toUri`, with `/` separators. */
export function relativeLinkPath(fromUri: string, toUri: string): string {
  const from = URI.parse(Utils.dirname(URI.parse(fromUri)).toString()).path.split('/').filter(Boolean);
  const to = URI.parse(toUri).path.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  return [...Array(up).fill('..'), ...to.slice(i)].join('/');
}

