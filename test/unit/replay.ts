/**
 * The replay harness of the incremental tests: random edits (seeded) applied to an OpenDocument,
 * each compared with a fresh whole-text analysis (diagnostics of three logs, the index, the facts at
 * document offsets), and the facts of the version before checked unchanged. `npx tsx
 * test/unit/replaySweep.ts` runs it over many seeds.
 */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, buildDocument, parseWhole, readDocument, startOf } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { WorkspaceIndex, type LocatedEntry, type PathKind } from '../../server/src/core/workspace';
import { absoluteFacts, snapshot } from './factsView';
import { Gen, prng } from './randomMarkdown';

export const options = resolveOptions();
export const FOLDER = 'file:///ws';
export const URI_MASTER = 'file:///ws/06-Master/MASTER-ISSUE-LOG.md';
const existing = new Map<string, PathKind>([
  ['file:///ws/00-Phase/issues-and-solutions.md', 'file'],
  ['file:///ws/01-P/issues-and-solutions.md', 'file'],
  ['file:///ws/06-Master/a.md', 'file'],
  ['file:///ws/06-Master', 'dir'],
]);
export const host = { stat: (uri: string) => existing.get(uri) };

/** A phase file that the seed's References point into; `variant` renames an issue and resolves another. */
export const PHASE_URI = 'file:///ws/04-Backend-Optimization/issues-and-solutions.md';
export function phaseText(variant: number): string {
  return [
    '# Backend Optimization',
    '',
    // `#issue-1` is what the seed's References name.
    variant % 2 === 0 ? '### Issue 1' : '### Issue 1b',
    '- **Status**: Resolved',
    '- **Severity**: Critical',
    '- **Time to Resolution**: 5 hours',
    '',
    '### Issue 2',
    `- **Status**: ${variant % 3 === 0 ? 'Open' : 'Resolved'}`,
    '- **Time to Resolution**: 30 hours',
    '',
  ].join('\n');
}
existing.set(PHASE_URI, 'file');

/**
 * Another log that reads the master without being edited: it links to master anchors (broken-anchor),
 * mentions master IDs (undefined-issue), counts the master's issues in its scope (stale-stat,
 * stale-average) and judges them by its SLA table (sla-breach). Its diagnostics are remembered
 * between edits; they must still equal a fresh analysis after every edit of the master.
 */
export const OTHER_URI = 'file:///ws/05-Review/review-log.md';
export const OTHER_TEXT = [
  '# Review',
  '',
  'See [the master](../06-Master/MASTER-ISSUE-LOG.md), [its statistics](../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistics),',
  '[the first critical issue](../06-Master/MASTER-ISSUE-LOG.md#crit-001-connection-pool-exhaustion) and [a new one](../06-Master/MASTER-ISSUE-LOG.md#crit-777-new-entry).',
  'Mentioned: CRIT-001, CRIT-777, HIGH-002, OPEN-002.',
  '',
  '## Issue Summary Statistics',
  '- **Total Issues**: 7',
  '- **Open**: 2',
  '- **Critical**: 3',
  '',
  '| Severity | Avg Resolution Time | Target SLA |',
  '|---|---|---|',
  '| Critical | 3 hours | < 4 hours |',
  '| High | 8 hours | < 1 day |',
  '',
  '### OPEN-900: Review the master',
  '- **Status**: Open',
  '',
].join('\n');
existing.set(OTHER_URI, 'file');
existing.set('file:///ws/05-Review', 'dir');
existing.set('file:///ws/04-Backend-Optimization', 'dir');
const TODAY = '2026-11-28';

export const SNIPPETS = [
  '\n',
  '\n\n',
  '# ',
  '\n## CRIT-777: new entry\n- **Status**: Open\n- **Severity**: High\n',
  '\n### Issue 4: numbered\n* **Status**: Resolved\n* **Time to Resolution**: 30 hours\n',
  '```',
  '\n```\n# inside\n',
  '~~~',
  '\n<!--\n',
  '-->',
  '\n<div>\n',
  '\n[ref-a]: ./a.md#top\n',
  '\n[Ref B]: ../missing.md\n',
  ' [link][ref-a] ',
  ' [x] ',
  ' CRIT-001 ',
  ' `HIGH-003` ',
  '> ',
  '- **Status**: Won\'t Fix\n',
  '    ',
  '\n| Severity | Avg Resolution Time | Target SLA |\n|---|---|---|\n| Critical | 3 hours | < 4 hours |\n',
  '\n## Issue Summary Statistics\n- **Total Issues**: 3\n- **Open**: 1\n',
  '*Last Updated: 2026-01-01*\n',
  '[local](#issue-summary-statistics)',
  '\r\n',
];

/**
 * The snippets with contract v2's entry forms: ZED heads one entry (known once a field stands under
 * it, forgotten when the field goes), a bold-paragraph entry, a register table whose BUG row is an
 * entry and whose CRIT-001 row mentions (and contradicts) the heading entry.
 */
export const V2_SNIPPETS = [...SNIPPETS, '\n### ZED-1: learnt\n', '\n- **Status**: Open\n', ' ZED-2 ', '\n**BUG-9: bold entry**\n- **Status**: Open\n', '\n| ID | Status |\n|---|---|\n| BUG-9 | Resolved |\n| CRIT-001 | Open |\n'];

/** A random edit: the new text, and the part of it that differs from the old one. */
export function edit(g: Gen, text: string, snippets: readonly string[] = SNIPPETS): { text: string; start: number; end: number } {
  const at = g.int(text.length + 1);
  const r = g.int(10);
  if (r < 5) {
    const s = g.pick(snippets);
    return { text: text.slice(0, at) + s + text.slice(at), start: at, end: at + s.length };
  }
  if (r < 8) {
    const len = 1 + g.int(r === 7 ? 400 : 20);
    return { text: text.slice(0, at) + text.slice(at + len), start: at, end: at };
  }
  if (r === 8) {
    // Type a character, as a keystroke does.
    return { text: text.slice(0, at) + g.pick(['a', '#', '`', '[', ']', '-', ' ', '\n', '>', '<', '*', '|']) + text.slice(at), start: at, end: at + 1 };
  }
  // Move a slice elsewhere (cut and paste).
  const len = Math.min(1 + g.int(200), text.length - at);
  const piece = text.slice(at, at + len);
  const rest = text.slice(0, at) + text.slice(at + len);
  const to = g.int(rest.length + 1);
  return { text: rest.slice(0, to) + piece + rest.slice(to), start: Math.min(at, to), end: Math.max(at, to) + len };
}

export function analyse(text: string, open?: OpenDocument, kept?: WorkspaceIndex, changed?: { start: number; end: number }, phase = 0) {
  // The reference is the whole text parsed in one go, in a new index: no blocks, no cache.
  const doc = open ? open.update(text, changed) : buildDocument(URI_MASTER, text, parseWhole(text, options), options);
  const index = kept ?? new WorkspaceIndex(options, [FOLDER], host);
  if (!kept) {
    index.set(readDocument(PHASE_URI, phaseText(phase), options));
    index.set(readDocument(OTHER_URI, OTHER_TEXT, options));
  }
  index.set(doc);
  const at = (l: LocatedEntry) => startOf(index.get(l.uri)!, l.entry.heading);
  return {
    doc,
    diagnostics: computeDiagnostics(index, URI_MASTER, ruleOptions(index.options, TODAY)),
    other: computeDiagnostics(index, OTHER_URI, ruleOptions(index.options, TODAY)),
    phase: computeDiagnostics(index, PHASE_URI, ruleOptions(index.options, TODAY)),
    // What the index derives and remembers from edit to edit: IDs, the scope's issues, statistics.
    derived: {
      ids: index.definedIds(),
      // (The order of the IDs in the map is not kept: only lookups and the sorted list are.)
      definitions: [...index.idDefinitions()].map(([id, list]) => [id, list.map(at)]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      scope: index.scope(URI_MASTER).map((i) => [i.key, i.status, i.severity, i.entries.map(at)]),
      all: index.allIssues().map((i) => i.key),
      stats: index.scopeStats(URI_MASTER),
    },
  };
}

export function replay(start: string, seed: number, edits: number, snippets: readonly string[] = SNIPPETS): { parsed: number; reused: number } {
  const g = new Gen(prng(seed));
  const cache = new OpenDocument(URI_MASTER, options);
  // The incremental side keeps its index (and what it remembers) from edit to edit.
  const index = new WorkspaceIndex(options, [FOLDER], host);
  index.set(readDocument(PHASE_URI, phaseText(0), options));
  index.set(readDocument(OTHER_URI, OTHER_TEXT, options));
  let text = start;
  let phase = 0;
  let previous = analyse(text, cache, index).doc;
  for (let i = 0; i < edits; i++) {
    const before = snapshot(previous);
    const e = edit(g, text, snippets);
    text = e.text;
    // Now and then the phase file changes too (References into it break, statuses change).
    if (i % 4 === 3) index.set(readDocument(PHASE_URI, phaseText(++phase), options));
    // Every other edit says where it changed the text (as the language server knows from the
    // editor's changes); the others make the document find out.
    const incremental = analyse(text, cache, index, i % 2 === 0 ? e : undefined);
    const fresh = analyse(text, undefined, undefined, undefined, phase);
    const where = `seed ${seed}, edit ${i + 1}`;
    assert.deepStrictEqual(incremental.diagnostics, fresh.diagnostics, `diagnostics differ after ${where}`);
    assert.deepStrictEqual(incremental.other, fresh.other, `the other log's diagnostics differ after ${where}`);
    assert.deepStrictEqual(incremental.phase, fresh.phase, `the phase log's diagnostics differ after ${where}`);
    assert.deepStrictEqual(incremental.derived, fresh.derived, `the index differs after ${where}`);
    assert.deepStrictEqual(absoluteFacts(incremental.doc), absoluteFacts(fresh.doc), `facts differ after ${where}`);
    // Immutability: the previous version's facts are exactly as they were handed out.
    assert.equal(snapshot(previous), before, `the facts of the version before ${where} changed`);
    previous = incremental.doc;
  }
  return { parsed: cache.parsed, reused: cache.reused };
}
