/**
 * Rename an issue ID across the workspace: entry headings and mentions, and the `#fragments` of links
 * to a renamed entry heading (its slug changes with its text). The new name must be an ID of a known
 * prefix (contract v2: a prefix, `-`, one or more digits).
 * Elsewhere on a heading: its text, and the anchors to it (headingAnchors.ts).
 */
import type { CancellationToken, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { PREFIX_SOURCE } from '../config';
import { rangeOf } from '../positions';
import { NO_TOKEN, type FeatureContext } from './context';
import { addAnchorEdits, HeadingRenameError, idChanges, prepareHeadingRename, provideHeadingRename, toChanges, type OffsetEdit } from './headingAnchors';
import { idAtPosition, mentionsOf } from './references';

export class RenameError extends Error {}

export function prepareRename(ctx: FeatureContext, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const at = idAtPosition(ctx, uri, position);
  const doc = ctx.index.get(uri);
  if (!doc) return null;
  // Not on an issue ID: the heading under the cursor, if any (its text, and the anchors to it).
  if (!at) return prepareHeadingRename(ctx, uri, position);
  return { range: rangeOf(doc.lineStarts, at.start, at.end), placeholder: at.id };
}

/** An ID as contract v2 writes it, whole: a prefix (`R`, `TD-ARCH`), `-`, digits. */
const WHOLE_ID = new RegExp(`^(${PREFIX_SOURCE})-(\\d+)$`);

/** Checks a new ID: a known prefix (configured or learnt), `-`, digits (`R-02`, `TD-ARCH-004`, `CRIT-001`). Returns the reason when it is not. */
export function invalidNewId(ctx: FeatureContext, newName: string): string | undefined {
  const m = WHOLE_ID.exec(newName.trim());
  const prefixes = [...ctx.index.knownPrefixes.keys()];
  if (!m || !ctx.index.knownPrefixes.has(m[1])) {
    return `"${newName}" is not an issue ID: write a known prefix (${prefixes.join(', ')}), "-" and digits, as in ${prefixes[0] ?? 'CRIT'}-001`;
  }
  return undefined;
}

export async function provideRename(ctx: FeatureContext, uri: string, position: Position, newName: string, token: CancellationToken = NO_TOKEN): Promise<WorkspaceEdit | null> {
  const at = idAtPosition(ctx, uri, position);
  if (!at) {
    const heading = await provideHeadingRename(ctx, uri, position, newName, token).catch((err: unknown) => {
      throw err instanceof HeadingRenameError ? new RenameError(err.message) : err;
    });
    return heading ? { changes: heading } : null;
  }
  const reason = invalidNewId(ctx, newName);
  if (reason) throw new RenameError(reason);
  const newId = newName.trim();
  const all = await mentionsOf(ctx, at.id, token);
  if (!all) return null;
  const edits = new Map<string, OffsetEdit[]>();
  for (const { uri: u, mentions } of all) edits.set(u, mentions.map((m) => ({ start: m.start, end: m.end, newText: newId })));

  // Links to a renamed heading: `#crit-001-connection-pool-exhaustion` → `#crit-009-…` (and any
  // repeat whose suffix shifts), the ids read from each document's renamed text.
  const changed = new Map<string, Map<string, string>>();
  for (const [u, list] of edits) {
    const doc = ctx.index.get(u);
    const text = ctx.getText(u);
    if (!doc || text === undefined || !doc.entries.some((e) => e.kind === 'id' && e.id === at.id)) continue;
    const ids = idChanges(ctx, doc, text, list);
    if (ids && ids.size > 0) changed.set(u, ids);
  }
  if (!(await addAnchorEdits(ctx, changed, edits, token))) return null;
  return { changes: toChanges(ctx, edits) };
}
