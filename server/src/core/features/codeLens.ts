/**
 * The code lens "N references" above each entry heading (ID and numbered entries; not register rows).
 * `textDocument/codeLens` gives unresolved lenses, one per heading, at the cost of listing the
 * entries; `codeLens/resolve` counts one entry's references (what Find All References on its heading
 * gives, without the declaration: references.ts), so a 2,000-entry log costs only the lenses on screen.
 * Zero is shown too ("0 references", not clickable), as VS Code's TypeScript lenses do: a lens that
 * came and went with its count would move the text under it.
 */
import type { CancellationToken, CodeLens, Location } from 'vscode-languageserver-protocol';
import { startOf, type DocumentFacts } from '../documentFacts';
import type { IssueEntry } from '../model';
import { rangeOf } from '../positions';
import type { WorkspaceIndex } from '../workspace';
import { NO_TOKEN, type FeatureContext } from './context';
import { entryTarget, locationsOf, referencesTo } from './references';
import { referencesIn } from './referenceSpans';
import { Memo } from '../memo';

/** The client command a lens runs: arguments `[uri, position, locations]` (LSP JSON), for `editor.action.showReferences`. */
export const SHOW_REFERENCES_COMMAND = 'issueLog.showReferences';

/** What an unresolved lens carries to its resolve: the document and the entry (its ID, or a numbered entry's slug). */
export interface ReferencesLensData {
  uri: string;
  kind: 'id' | 'numbered';
  key: string;
}

const keyOf = (e: IssueEntry) => (e.kind === 'id' ? e.id : e.slug);

/** One unresolved lens per entry heading of `uri`; none when the setting turns them off. */
export function provideCodeLenses(ctx: FeatureContext, uri: string): CodeLens[] {
  const doc = ctx.index.get(uri);
  if (!doc || !ctx.index.options.codeLensReferences) return [];
  const out: CodeLens[] = [];
  for (const e of doc.entries) {
    if (e.kind === 'row') continue;
    const data: ReferencesLensData = { uri, kind: e.kind, key: keyOf(e) };
    out.push({ range: rangeOf(doc.lineStarts, startOf(doc, e.heading), startOf(doc, e.heading, e.heading.textEnd)), data });
  }
  return out;
}

/** The entry a lens was made for, in the document's current version (the nearest one of its key to the lens's line). */
function entryOf(doc: DocumentFacts, data: ReferencesLensData, line: number): IssueEntry | undefined {
  let best: { e: IssueEntry; d: number } | undefined;
  for (const e of doc.entries) {
    if (e.kind !== data.kind || keyOf(e) !== data.key) continue;
    const d = Math.abs(rangeOf(doc.lineStarts, startOf(doc, e.heading), startOf(doc, e.heading)).start.line - line);
    if (!best || d < best.d) best = { e, d };
  }
  return best?.e;
}

/** The title, and the command that peeks the references (none for zero). */
export function referencesCommand(uri: string, lens: CodeLens, locations: Location[]): NonNullable<CodeLens['command']> {
  const n = locations.length;
  const title = n === 1 ? '1 reference' : `${n} references`;
  return n === 0 ? { title, command: '' } : { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, lens.range.start, locations] };
}

/** Counts the references of a lens's entry; the lens unchanged when cancelled, an empty title when its entry is gone. */
export async function resolveCodeLens(ctx: FeatureContext, lens: CodeLens, token: CancellationToken = NO_TOKEN): Promise<CodeLens> {
  const data = lens.data as Partial<ReferencesLensData> | undefined;
  if (!data || typeof data.uri !== 'string' || (data.kind !== 'id' && data.kind !== 'numbered') || typeof data.key !== 'string') return lens;
  const doc = ctx.index.get(data.uri);
  const entry = doc && entryOf(doc, data as ReferencesLensData, lens.range.start.line);
  if (!entry) return { ...lens, command: { title: '', command: '' } };
  const found = await referencesTo(ctx, entryTarget(data.uri, entry), false, token);
  if (!found) return lens;
  return { ...lens, command: referencesCommand(data.uri, lens, locationsOf(found)) };
}

/** Per document's references: a string that changes when a count of them does (not when they only move). */
const counted = new Memo<object, string>();

/**
 * What the reference counts of a document rest on (per URI): when one of these changes between two
 * versions of the index, lenses in other documents may show other counts (codeLens/refresh). Cheap:
 * remembered per document version.
 */
export function referenceCounts(index: WorkspaceIndex, doc: DocumentFacts): string {
  const refs = referencesIn(index, doc);
  return counted.get(refs, 0, () => {
    const parts: string[] = [];
    for (const [id, spans] of refs.mentions) parts.push(`m${id}:${spans.length}`);
    for (const [key, spans] of refs.links) parts.push(`l${key}:${spans.length}`);
    for (const [uri, fields] of refs.referenceFields) parts.push(`r${uri}:${fields.map((f) => f.entry.id).join(',')}`);
    return parts.sort().join('\n');
  });
}
