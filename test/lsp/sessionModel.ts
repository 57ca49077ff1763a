/**
 * The model side of the session property test (sessionProperty.test.ts): small issue-log templates
 * (IDs that collide, links between the files, numbered entries, statistics, register rows), the
 * starting workspace made of them and the seed, and the fresh analysis the server's published
 * diagnostics are compared with: the CLI's core path over the texts as they would be on disk, the
 * open documents' texts in place of the disk's (an open document counts as saved, unless excluded),
 * and the documents outside the workspace read as the server reads them, on top.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { mergeSettings, resolveOptions, type IssueLogSettings } from '../../server/src/core/config';
import { CONFIG_FILE_NAME, readConfigFile } from '../../server/src/core/configFile';
import { excludeMatcher } from '../../server/src/core/exclude';
import { readDocument } from '../../server/src/core/document';
import { localToday } from '../../server/src/core/durations';
import { diagnosticsOf, indexOf, joinLines } from '../unit/helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { BACKEND, INFRA, MASTER, seedFiles } from './seed';

/** The files a session writes, deletes, opens and links to (the seed's three and three more). */
export const FILES = [MASTER, BACKEND, INFRA, 'phase-a/issues.md', 'phase-a/deep/notes.md', 'README.md'] as const;

const IDS = ['CRIT-001', 'CRIT-002', 'HIGH-001', 'ZED-1', 'ZED-2'];
const TITLES = ['Connection Pool Exhaustion', 'Memory Leak', 'Other thing'];
const ANCHORS = ['', 'crit-001-connection-pool-exhaustion', 'issue-1', 'issue-2', 'missing', 'issue-summary-statistics', 'notes'];

export interface EntrySpec {
  kind: 'id' | 'numbered' | 'row';
  id: string;
  number: number;
  title: string;
  status: string;
  severity: string;
  /** A Reference field to one of FILES, with an anchor. */
  ref: { file: number; anchor: string } | null;
  /** A mention of an ID in the entry's text. */
  mention: string | null;
}

export interface DocSpec {
  title: string;
  stats: { total: number; open: number } | null;
  entries: EntrySpec[];
  /** A link in the prose (not an entry's field). */
  link: { file: number; anchor: string } | null;
}

const entryArb: fc.Arbitrary<EntrySpec> = fc.record({
  kind: fc.constantFrom('id', 'id', 'numbered', 'row'),
  id: fc.constantFrom(...IDS),
  number: fc.integer({ min: 1, max: 3 }),
  title: fc.constantFrom(...TITLES),
  status: fc.constantFrom('Open', 'Resolved', 'In Progress', 'Bogus', '[TBD]', ''),
  severity: fc.constantFrom('Critical', 'High', ''),
  ref: fc.option(fc.record({ file: fc.nat(FILES.length - 1), anchor: fc.constantFrom(...ANCHORS) }), { freq: 3 }),
  mention: fc.option(fc.constantFrom(...IDS, 'CRIT-404'), { freq: 2 }),
});

const linkArb = fc.option(fc.record({ file: fc.nat(FILES.length - 1), anchor: fc.constantFrom(...ANCHORS) }), { freq: 2 });

export const docArb: fc.Arbitrary<DocSpec> = fc.record({
  title: fc.constantFrom('Issue Log', 'Notes', 'Phase: Issues and Solutions'),
  stats: fc.option(fc.record({ total: fc.nat(4), open: fc.nat(3) }), { freq: 3 }),
  entries: fc.array(entryArb, { maxLength: 4 }),
  link: linkArb,
});

/** A link from `from` to FILES[file]#anchor, relative as a writer would write it. */
function href(from: string, to: { file: number; anchor: string }): string {
  const rel = path.posix.relative(path.posix.dirname(from), FILES[to.file]) || path.posix.basename(FILES[to.file]);
  return to.anchor ? `${rel}#${to.anchor}` : rel;
}

/** The Markdown of a template, written at `rel` (its links are relative to it; an untitled one's to the root). */
export function render(spec: DocSpec, rel: string): string {
  const lines = [`# ${spec.title}`, ''];
  if (spec.stats) lines.push('## Issue Summary Statistics', `- **Total Issues**: ${spec.stats.total}`, `- **Open**: ${spec.stats.open}`, '');
  const rows = spec.entries.filter((e) => e.kind === 'row');
  if (rows.length > 0) {
    lines.push('## Register', '', '| ID | Title | Status |', '|----|-------|--------|');
    for (const r of rows) lines.push(`| ${r.id} | ${r.title} | ${r.status || 'Open'} |`);
    lines.push('');
  }
  for (const e of spec.entries) {
    if (e.kind === 'row') continue;
    if (e.kind === 'id') lines.push(`### ${e.id}: ${e.title}`);
    else lines.push(`## Issue ${e.number}`, `- **Title**: ${e.title}`);
    if (e.status) lines.push(`- **Status**: ${e.status}`);
    if (e.severity) lines.push(`- **Severity**: ${e.severity}`);
    if (e.ref) lines.push(`- **Reference**: [details](${href(rel, e.ref)})`);
    lines.push('');
    if (e.mention) lines.push(`Related to ${e.mention}.`, '');
  }
  if (spec.link) lines.push(`See [this](${href(rel, spec.link)}).`, '');
  return joinLines(...lines);
}

/** The workspace a session starts from: the seed's files and two files made from templates. */
export function startingFiles(phase: DocSpec, readme: DocSpec): Record<string, string> {
  return { ...seedFiles(), 'phase-a/issues.md': render(phase, 'phase-a/issues.md'), 'README.md': render(readme, 'README.md') };
}

/** Snippets typed by range edits (they make and unmake entries, fields, links, code fences). */
export const SNIPPETS = [
  '7',
  '\n',
  '# ',
  '\n### CRIT-777: typed entry\n- **Status**: Open\n',
  '\n### CRIT-001: Another title\n- **Status**: Open\n',
  '```\n',
  '- **Status**: Resolved\n',
  ' HIGH-001 ',
  ' ZED-2 ',
  '\n## Issue Summary Statistics\n- **Total Issues**: 2\n',
  '\nSee [it](../phase-a/issues.md#issue-1).\n',
  '| CRIT-002 | Memory Leak | Resolved |\n',
];

/** A published or expected set of diagnostics, as compared. */
export const keyOf = (diagnostics: unknown) => JSON.stringify(diagnostics);

/**
 * Each document's diagnostics (as keyOf) from a fresh analysis: every Markdown file of `ws` as on
 * disk, the open documents' texts in place of theirs (an open document counts as saved), the
 * documents outside the workspace read on top.
 */
export function freshDiagnostics(ws: InMemoryWorkspace, open: ReadonlyMap<string, string>, settings: IssueLogSettings): Map<string, string> {
  // The folder's .issue-log.json over the editor's settings, as the CLI and the server merge them.
  const config = ws.kindOf(ws.path(CONFIG_FILE_NAME)) === 'file' ? readConfigFile(ws.read(CONFIG_FILE_NAME)).settings : {};
  const options = resolveOptions(mergeSettings(settings, config));
  const files: Record<string, string> = {};
  for (const abs of ws.walk(ws.root, [])) {
    const rel = abs.slice(ws.root.length + 1);
    files[rel] = ws.read(rel);
  }
  const prefix = ws.folderUri + '/';
  const outside: [string, string][] = [];
  const excluded = excludeMatcher(options.exclude);
  for (const [uri, text] of open) {
    const rel = uri.startsWith(prefix) ? decodeURIComponent(uri.slice(prefix.length)) : undefined;
    // An excluded document is not read, open or not: the disk says whether it exists.
    if (rel !== undefined && !excluded(rel)) files[rel] = text;
    else if (rel === undefined) outside.push([uri, text]);
  }
  const copy = new InMemoryWorkspace(files, ws.root);
  const index = indexOf(copy, options);
  for (const [uri, text] of outside) index.set(readDocument(uri, text, options));
  const today = localToday();
  const out = new Map<string, string>();
  for (const rel of Object.keys(files)) out.set(ws.uri(rel), keyOf(diagnosticsOf(index, ws.uri(rel), today)));
  for (const [uri] of outside) out.set(uri, keyOf(diagnosticsOf(index, uri, today)));
  return out;
}

/** The settings a session switches between (VS Code's `issueLog` section). */
export const SETTINGS: IssueLogSettings[] = [
  {},
  { rules: { 'broken-anchor': 'off', 'duplicate-issue': 'warning' } },
  { caseSensitiveAnchors: true },
  { prefixes: { CRIT: 'critical', HIGH: 'high', ZED: '' } },
  { exclude: ['phase-a/deep/**'] },
];

/** What a session writes to the folder's `.issue-log.json` (null: deletes it). */
export const CONFIG_FILES: (string | null)[] = [null, '{ "scope": "linked" }', '{ "status": { "open": ["Bogus"] } }', '{ "rules": { "placeholder": "off" }, "prefixes": { "ZED": "" } }'];
