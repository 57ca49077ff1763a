/**
 * Links follow moves over JSON-RPC, in process (test/lsp/inProcess.ts): `workspace/willRenameFiles`
 * for a file and for a folder, the edit applied to the in-memory workspace, the files moved and the
 * watched-file events sent as an editor would; then the server's diagnostics have no broken link.
 * Files that cannot be logs (deferred: read, not parsed) are in the edit too. The real binary: one
 * test in binary.test.ts style at the end (processServer.ts).
 */
import * as assert from 'node:assert/strict';
import { PrepareRenameRequest, RenameRequest, WillRenameFilesRequest, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { FileChangeType, type LspClient } from './client';
import { startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace, type TestWorkspace } from './inMemoryWorkspace';
import { ensureBuilt, startProcessServer, TempWorkspace } from './processServer';
import { applyEdits } from './text';
import { joinLines } from '../unit/helpers';

export const MOVE_FILES: Record<string, string> = {
  '06-Master/MASTER-ISSUE-LOG.md': joinLines(
    '# Master Issue Log',
    '',
    '## CRIT-001: Connection pool exhaustion',
    '- **Severity**: Critical',
    '- **Status**: Resolved',
    '- **Reference**: [Backend Issue 1](../04-Backend/issues-and-solutions.md#issue-1)',
    '',
    'Phase folder: [backend](../04-Backend/), notes: [notes](<../04-Backend/notes.md>), [diagram](../media/diagram%20one.png).',
    '',
    '[backend log]: /04-Backend/issues-and-solutions.md "from the root"',
  ),
  '04-Backend/issues-and-solutions.md': joinLines(
    '# Backend: Issues and Solutions',
    '',
    '## Issue 1',
    '- **Title**: Connection pool exhaustion',
    '- **Severity**: Critical',
    '- **Status**: Resolved',
    '',
    'Tracked in [the master](../06-Master/MASTER-ISSUE-LOG.md#crit-001-connection-pool-exhaustion); see [notes](notes.md).',
  ),
  // Not an issue log: deferred by the pre-scan, read for the edit.
  '04-Backend/notes.md': joinLines('# Notes', '', 'Back to the [README](../README.md) and [issue 1](./issues-and-solutions.md#issue-1).'),
  'README.md': joinLines('# Project', '', 'The [backend log](04-Backend/issues-and-solutions.md) and the [master](06-Master/MASTER-ISSUE-LOG.md).'),
};
const IMAGE = 'media/diagram one.png';

/** The workspace-relative path of a URI of `ws`. */
const relIn = (ws: TestWorkspace, uri: string) => decodeURIComponent(uri.slice(ws.folderUri.length + 1));

/** Each document's text edits, by relative path (either form of edit). */
function editsByFile(ws: TestWorkspace, edit: WorkspaceEdit | null): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  if (edit?.documentChanges) for (const c of edit.documentChanges) if ('edits' in c) out.set(relIn(ws, c.textDocument.uri), c.edits as TextEdit[]);
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) out.set(relIn(ws, uri), edits);
  return out;
}

/**
 * What an editor does: applies the edit (before the move), then moves the files; tells the server
 * with watched-file events. `files` are the workspace's paths; returns them after the move.
 */
export async function applyAndMove(client: LspClient, ws: TestWorkspace, files: string[], from: string, to: string, edit: WorkspaceEdit | null): Promise<string[]> {
  const events: { uri: string; type: FileChangeType }[] = [];
  for (const [rel, edits] of editsByFile(ws, edit)) {
    ws.write(rel, applyEdits(ws.read(rel), edits));
    events.push({ uri: ws.uri(rel), type: FileChangeType.Changed });
  }
  const after: string[] = [];
  for (const rel of files) {
    const moved = rel === from ? to : rel.startsWith(from + '/') ? to + rel.slice(from.length) : undefined;
    if (!moved) {
      after.push(rel);
      continue;
    }
    ws.write(moved, ws.read(rel));
    ws.remove(rel);
    events.push({ uri: ws.uri(rel), type: FileChangeType.Deleted }, { uri: ws.uri(moved), type: FileChangeType.Created });
    after.push(moved);
  }
  await client.fileEvents(...events);
  return after;
}

const broken = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('broken-')).map((d) => `${d.code}@${d.range.start.line + 1}`);

/** The diagnostics of `rel` after the file events: opened now (its version's diagnostics come after the events are applied). */
async function diagnosticsAfter(client: LspClient, ws: TestWorkspace, rel: string): Promise<Diagnostic[]> {
  await client.open(ws.uri(rel), ws.read(rel));
  const ds = await client.waitForVersion(ws.uri(rel), 1);
  await client.close(ws.uri(rel));
  return ds;
}

const rename = (client: LspClient, ws: TestWorkspace, from: string, to: string) =>
  client.connection.sendRequest(WillRenameFilesRequest.type, { files: [{ oldUri: ws.uri(from), newUri: ws.uri(to) }] });

const LOGS_AFTER = (moved: (rel: string) => string) => ['06-Master/MASTER-ISSUE-LOG.md', moved('04-Backend/issues-and-solutions.md')];

describe('links follow moves: workspace/willRenameFiles (in process)', function () {
  this.timeout(30000);
  let client: InProcessClient | undefined;
  let ws: InMemoryWorkspace;
  const all = () => [...Object.keys(MOVE_FILES), IMAGE];
  beforeEach(() => {
    ws = new InMemoryWorkspace({ ...MOVE_FILES, [IMAGE]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('registers willRename for files and folders of every kind', async () => {
    client = await startInProcess(ws);
    const filters = client.capabilities.workspace?.fileOperations?.willRename?.filters ?? [];
    assert.deepEqual(filters.map((f) => [f.scheme, f.pattern.glob, f.pattern.matches]), [
      ['file', '**/*', 'file'],
      ['file', '**/*', 'folder'],
    ]);
  });

  it('a phase file moved into archive/: links to it and in it follow, a deferred README too; no broken link after', async () => {
    client = await startInProcess(ws);
    const from = '04-Backend/issues-and-solutions.md';
    const to = 'archive/2025/04-Backend/issues-and-solutions.md';
    assert.deepEqual(broken(await diagnosticsAfter(client, ws, '06-Master/MASTER-ISSUE-LOG.md')), []);
    const edit = await rename(client, ws, from, to);
    const files = editsByFile(ws, edit);
    assert.deepEqual([...files.keys()].sort(), ['04-Backend/issues-and-solutions.md', '04-Backend/notes.md', '06-Master/MASTER-ISSUE-LOG.md', 'README.md']);
    await applyAndMove(client, ws, all(), from, to, edit);
    assert.ok(ws.read('README.md').includes('[backend log](archive/2025/04-Backend/issues-and-solutions.md)'));
    assert.ok(ws.read('04-Backend/notes.md').includes('[issue 1](../archive/2025/04-Backend/issues-and-solutions.md#issue-1)'));
    assert.ok(ws.read('06-Master/MASTER-ISSUE-LOG.md').includes('[backend log]: /archive/2025/04-Backend/issues-and-solutions.md "from the root"'));
    for (const rel of LOGS_AFTER((r) => (r === from ? to : r))) assert.deepEqual(broken(await diagnosticsAfter(client, ws, rel)), [], rel);
  });

  it('a folder moved: links into it follow, links out of the files in it follow, links between them stay', async () => {
    client = await startInProcess(ws);
    const edit = await rename(client, ws, '04-Backend', 'archive/04-Backend');
    const after = await applyAndMove(client, ws, all(), '04-Backend', 'archive/04-Backend', edit);
    assert.ok(after.includes('archive/04-Backend/notes.md'));
    assert.equal(ws.read('archive/04-Backend/notes.md'), joinLines('# Notes', '', 'Back to the [README](../../README.md) and [issue 1](./issues-and-solutions.md#issue-1).'));
    assert.ok(ws.read('06-Master/MASTER-ISSUE-LOG.md').includes('[backend](../archive/04-Backend/), notes: [notes](<../archive/04-Backend/notes.md>)'));
    for (const rel of LOGS_AFTER((r) => r.replace(/^04-Backend/, 'archive/04-Backend'))) assert.deepEqual(broken(await diagnosticsAfter(client, ws, rel)), [], rel);
  });

  it('a second move of the moved file (chained), and an image; the edit of an open document carries its version', async () => {
    client = await startInProcess(ws, { documentChanges: true });
    const first = await rename(client, ws, '04-Backend/issues-and-solutions.md', 'archive/issues.md');
    await applyAndMove(client, ws, all(), '04-Backend/issues-and-solutions.md', 'archive/issues.md', first);
    const master = '06-Master/MASTER-ISSUE-LOG.md';
    await client.open(ws.uri(master), ws.read(master));
    const version = await client.edit(ws.uri(master), [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Unsaved line.\n' }]);
    const second = await rename(client, ws, 'archive/issues.md', 'archive/Issues.md');
    const open = second?.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === ws.uri(master));
    assert.ok(open && 'textDocument' in open);
    assert.equal(open.textDocument.version, version);
    // Offsets of the unsaved text (one line more than on disk).
    assert.ok((open.edits as TextEdit[]).every((e) => e.range.start.line >= 6), JSON.stringify(open.edits));
    const image = await rename(client, ws, IMAGE, 'media/old/diagram 1.png');
    assert.deepEqual(
      [...editsByFile(ws, image)].map(([rel, edits]) => [rel, edits.map((e) => e.newText)]),
      [[master, ['../media/old/diagram%201.png']]],
    );
  });
});

describe('a heading rename updates the anchors (in process)', function () {
  this.timeout(30000);
  let client: InProcessClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('textDocument/rename on a heading rewrites the anchors to it in logs and in files not parsed yet; then no broken anchor', async () => {
    const backend = '04-Backend/issues-and-solutions.md';
    const ws = new InMemoryWorkspace({
      ...MOVE_FILES,
      [backend]: MOVE_FILES[backend] + joinLines('', '## Root cause', '', 'The pool was too small.'),
      '06-Master/MASTER-ISSUE-LOG.md': MOVE_FILES['06-Master/MASTER-ISSUE-LOG.md'] + joinLines('', 'Why: [root cause](../04-Backend/issues-and-solutions.md#root-cause).'),
      '04-Backend/notes.md': joinLines('# Notes', '', 'The [cause](issues-and-solutions.md#Root-Cause).'),
      // Deferred (no log links to it): read for the rename.
      'README.md': joinLines('# Project', '', 'The [root cause](04-Backend/issues-and-solutions.md#root-cause).'),
      [IMAGE]: 'png',
    });
    client = await startInProcess(ws);
    const text = ws.read(backend);
    const line = text.split('\n').indexOf('## Root cause');
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: ws.uri(backend) }, position: { line, character: 5 } });
    assert.deepEqual(prepared, { range: { start: { line, character: 3 }, end: { line, character: 13 } }, placeholder: 'Root cause' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: ws.uri(backend) }, position: { line, character: 5 }, newName: 'Root cause: pool size' });
    assert.deepEqual([...editsByFile(ws, edit)].map(([rel, edits]) => [rel, edits.map((e) => e.newText)]).sort(), [
      ['04-Backend/issues-and-solutions.md', ['Root cause: pool size']],
      ['04-Backend/notes.md', ['root-cause-pool-size']],
      ['06-Master/MASTER-ISSUE-LOG.md', ['root-cause-pool-size']],
      ['README.md', ['root-cause-pool-size']],
    ]);
    await applyAndMove(client, ws, [], '', '', edit);
    for (const rel of ['06-Master/MASTER-ISSUE-LOG.md', backend]) assert.deepEqual(broken(await diagnosticsAfter(client, ws, rel)), [], rel);
  });
});

describe('links follow moves: the binary', function () {
  this.timeout(60000);
  let client: Awaited<ReturnType<typeof startProcessServer>> | undefined;
  let ws: TempWorkspace | undefined;
  before(ensureBuilt);
  afterEach(async () => {
    await client?.stop();
    ws?.dispose();
    client = ws = undefined;
  });

  it('node dist/cli.js lsp --stdio answers willRenameFiles for a folder with the edit that keeps the links working', async () => {
    ws = new TempWorkspace({ ...MOVE_FILES, [IMAGE]: 'png' });
    client = await startProcessServer(ws.folderUri);
    const edit = await rename(client, ws, '04-Backend', 'archive/04-Backend');
    await applyAndMove(client, ws, [...Object.keys(MOVE_FILES), IMAGE], '04-Backend', 'archive/04-Backend', edit);
    for (const rel of LOGS_AFTER((r) => r.replace(/^04-Backend/, 'archive/04-Backend'))) assert.deepEqual(broken(await diagnosticsAfter(client, ws, rel)), [], rel);
    assert.equal(ws.read('README.md'), joinLines('# Project', '', 'The [backend log](archive/04-Backend/issues-and-solutions.md) and the [master](06-Master/MASTER-ISSUE-LOG.md).'));
  });
});
