/**
 * The log's family gets link checking (issue 12): on the family workspace, the CLI's `check` (the
 * built binary, in a temporary folder) and the in-process server's published diagnostics report the
 * same broken links, in the incident index, the TOC and the notes, none in the README (with
 * checkLinks all: the README's too). And a document joins and leaves the family as links are edited:
 * its diagnostics appear and are cleared. The in-process harness, in memory.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ALL_EXPECTED, FAMILY_EXPECTED, FAMILY_FILES } from '../fixtures/familyWorkspace';
import { runCli } from '../unit/cliRun';
import { joinLines } from '../unit/helpers';
import { FileChangeType } from './client';
import { startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const LOGS = new Set(['incidents/incident-1.md', 'incidents/incident-2.md', 'archive/incident-3.md', '06-Master/MASTER-ISSUE-LOG.md']);
const nonLogs = Object.keys(FAMILY_FILES).filter((f) => !LOGS.has(f));

/** `file: code@line:column` (1-based) of the non-log files, sorted. */
function cliFindings(args: string[], config?: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'family-cli-'));
  try {
    for (const [rel, text] of Object.entries(FAMILY_FILES)) {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    fs.writeFileSync(path.join(dir, '.issue-log.json'), config ?? '{}');
    const r = runCli(['check', '.', '--format', 'json', ...args], dir, 120_000);
    assert.equal(r.stderr, '');
    const printed = JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string }[];
    return printed.filter((p) => !LOGS.has(p.file)).map((p) => `${p.file}: ${p.code}@${p.line}:${p.column}`).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function serverFindings(client: InProcessClient, ws: InMemoryWorkspace): string[] {
  return nonLogs.flatMap((f) => (client.diagnostics(ws.uri(f)) ?? []).map((d) => `${f}: ${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`)).sort();
}

const withoutColumn = (xs: string[]) => xs.map((x) => x.replace(/:\d+$/, '')).sort();
const codes = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => `${d.code}@${d.range.start.line + 1}`);

describe('LSP and CLI: the log family gets link checking (in process)', function () {
  this.timeout(120000);
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('reports the broken links of the index, the TOC and the notes, none in the README: check and the server agree', async () => {
    const cli = cliFindings([]);
    assert.deepEqual(withoutColumn(cli), FAMILY_EXPECTED);
    const ws = new InMemoryWorkspace(FAMILY_FILES);
    client = await startInProcess(ws);
    await client.waitFor(() => serverFindings(client!, ws).length === cli.length, 'the family diagnostics published');
    assert.deepEqual(serverFindings(client, ws), cli);
    assert.deepEqual(client.diagnostics(ws.uri('README.md')) ?? [], []);
  });

  it('with checkLinks all (flag, file, setting), reports the README too, alike', async () => {
    const cli = cliFindings(['--check-links', 'all']);
    assert.deepEqual(withoutColumn(cli), ALL_EXPECTED);
    assert.deepEqual(cliFindings([], '{ "checkLinks": "all" }'), cli);
    assert.deepEqual(cliFindings(['--check-links', 'all'], '{ "checkLinks": "family" }').length, FAMILY_EXPECTED.length, 'the file wins');
    const ws = new InMemoryWorkspace(FAMILY_FILES);
    client = await startInProcess(ws, { settings: { checkLinks: 'all' } });
    await client.waitFor(() => serverFindings(client!, ws).length === cli.length, 'every document checked');
    assert.deepEqual(serverFindings(client, ws), cli);
  });

  it('a document joins and leaves the family as links are edited: diagnostics appear and are cleared', async () => {
    const log = joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open');
    const readme = joinLines('# Readme', '', '[gone](gone.md)');
    const notes = joinLines('# Notes', '', '![d](d.png)');
    const ws = new InMemoryWorkspace({ 'log.md': log, 'README.md': readme, 'notes.md': notes });
    client = await startInProcess(ws);
    const readmeUri = ws.uri('README.md');
    const notesUri = ws.uri('notes.md');
    assert.deepEqual(client.diagnostics(readmeUri) ?? [], []);
    assert.deepEqual(client.diagnostics(notesUri) ?? [], []);

    // The README links to the log: it joins (open, edited).
    await client.open(readmeUri, readme);
    let v = await client.change(readmeUri, readme + '\n[the log](log.md)\n');
    assert.deepEqual(codes(await client.waitForVersion(readmeUri, v)), ['broken-link@3']);
    // The link goes: it leaves, its diagnostic is cleared.
    v = await client.change(readmeUri, readme);
    assert.deepEqual(codes(await client.waitForVersion(readmeUri, v)), []);

    // The log links to the notes (closed, deferred by the pre-scan: no .md in them): they join.
    const logUri = ws.uri('log.md');
    await client.open(logUri, log);
    await client.change(logUri, log + '\n[notes](notes.md)\n');
    await client.waitForDiagnostics(notesUri, (d) => codes(d).join() === 'broken-link@3', 'the notes in the family');
    // The log drops the link: the notes leave.
    await client.change(logUri, log);
    await client.waitForDiagnostics(notesUri, (d) => d.length === 0, 'the notes cleared');

    // On disk: the notes link to the log themselves (a watched-file event): they join again.
    ws.write('notes.md', notes + '\n[log](log.md)\n');
    await client.fileEvents({ uri: notesUri, type: FileChangeType.Changed });
    await client.waitForDiagnostics(notesUri, (d) => codes(d).join() === 'broken-link@3', 'the notes in the family again');
  });

  it('reads the deferred targets of a document that joins because the document it links to became a log', async () => {
    // The readme holds no `.md` and no log: deferred. The TOC links to it and to notes.md, not a log yet.
    const files = {
      'notes.md': joinLines('# Notes', '', 'Prose.'),
      'readme.md': joinLines('# Readme', '', '## Setup', '', 'Run it.'),
      'toc.md': joinLines('# Contents', '', '[notes](notes.md) [setup](readme.md#setup) [nope](readme.md#nope)'),
    };
    const ws = new InMemoryWorkspace(files);
    client = await startInProcess(ws);
    const tocUri = ws.uri('toc.md');
    assert.deepEqual(client.diagnostics(tocUri) ?? [], []);
    // notes.md becomes a log in the editor: the TOC joins; #setup is a heading of the readme, #nope is not.
    await client.open(ws.uri('notes.md'), files['notes.md']);
    await client.change(ws.uri('notes.md'), joinLines('# Notes', '', '### LOW-001: First', '- **Status**: Open'));
    const d = await client.waitForDiagnostics(tocUri, (x) => x.length > 0, 'the TOC in the family');
    assert.deepEqual(
      d.map((x) => `${x.code}@${x.range.start.character}`),
      ['broken-anchor@43'],
    );
  });
});
