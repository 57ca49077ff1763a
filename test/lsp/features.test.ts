/**
 * The language features that read the workspace, of the real server run in process over an in-memory
 * workspace (inProcess.ts): what is tested is each answer, not the transport. On the seed log laid out
 * as `06-Master/MASTER-ISSUE-LOG.md` with small phase files: completion, hover, definition,
 * references, rename, symbols and links. (Code actions and the custom requests: actions.test.ts.)
 */
import * as assert from 'node:assert/strict';
import {
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type LocationLink,
  type MarkupContent,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { joinLines } from '../unit/helpers';
import type { InMemoryWorkspace } from './inMemoryWorkspace';
import { startOnFeatureWorkspace, type InProcessClient } from './inProcess';
import { BACKEND, INFRA, MASTER } from './seed';
import { applyEdits, positionOf } from './text';

const items = (r: CompletionList | CompletionItem[] | null): CompletionItem[] => (Array.isArray(r) ? r : (r?.items ?? []));
const labels = (r: CompletionList | CompletionItem[] | null) => items(r).map((i) => i.label);
const markdown = (c: unknown) => (c as MarkupContent).value;

describe('LSP features (in process, seed workspace)', function () {
  let ws: InMemoryWorkspace;
  let client: InProcessClient;
  let master: string;
  let masterText: string;
  let backend: string;
  let infra: string;

  before(async () => {
    ({ ws, client } = await startOnFeatureWorkspace());
    master = ws.uri(MASTER);
    masterText = ws.read(MASTER);
    backend = ws.uri(BACKEND);
    infra = ws.uri(INFRA);
  });

  after(async () => {
    await client?.stop();
    ws?.dispose();
  });

  describe('completion', () => {
    const scratch = () => ws.uri('06-Master/scratch.md');
    const lines = [
      '# Scratch',
      '',
      '### CRIT-',
      '### HIGH-',
      '- **Sta',
      '- **Status**: ',
      '- **Severity**: Hi',
      'See [backend](../04-Backend-',
      'See [issue](../04-Backend-Optimization/issues-and-solutions.md#',
      'See [here](#scr',
      'Related: CR',
      'mid-word xCR',
    ];
    const text = joinLines(...lines);
    const complete = (line: number) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: scratch() }, position: { line, character: lines[line].length } });

    before(async () => {
      await client.open(scratch(), text);
    });
    after(async () => {
      await client.close(scratch());
    });

    it('offers the next free ID in a new entry heading', async () => {
      const crit = items(await complete(2));
      assert.deepEqual(crit.map((i) => i.label), ['CRIT-004']);
      assert.equal((crit[0].textEdit as TextEdit).newText, 'CRIT-004: ');
      // HIGH-003 is only mentioned in the seed, but taken: the next free one is HIGH-004.
      assert.deepEqual(labels(await complete(3)), ['HIGH-004']);
    });

    it('offers field names after `- **`', async () => {
      const r = items(await complete(4));
      for (const name of ['Status', 'Severity', 'Time to Resolution', 'Reference', 'Assigned']) assert.ok(r.some((i) => i.label === name), name);
      assert.equal((r.find((i) => i.label === 'Status')!.textEdit as TextEdit).newText, 'Status**: ');
    });

    it('offers Status and Severity values', async () => {
      const status = labels(await complete(5));
      for (const v of ['Open', 'In Progress', 'Resolved', "Won't Fix"]) assert.ok(status.includes(v), v);
      assert.deepEqual(labels(await complete(6)), ['Critical', 'High', 'Medium', 'Low']);
    });

    it('offers relative paths after `](`', async () => {
      const r = labels(await complete(7));
      assert.ok(r.includes('../04-Backend-Optimization/issues-and-solutions.md'), r.join(', '));
      assert.ok(r.includes('MASTER-ISSUE-LOG.md'), r.join(', '));
      const spaced = items(await complete(7)).find((i) => i.label === '../07-Notes/Runbook Notes.md');
      assert.equal((spaced!.textEdit as TextEdit).newText, '../07-Notes/Runbook%20Notes.md');
    });

    it('offers the headings of the linked file after `#`', async () => {
      const r = labels(await complete(8));
      assert.ok(r.includes('issue-1') && r.includes('issue-2'), r.join(', '));
      assert.ok(r.includes('backend-optimization-issues-and-solutions'), r.join(', '));
    });

    it('offers the headings of the same file after `](#`', async () => {
      assert.ok(labels(await complete(9)).includes('scratch'));
    });

    it('offers issue IDs in text, with title, severity, status and fields', async () => {
      const r = items(await complete(10));
      const crit = r.find((i) => i.label === 'CRIT-001');
      assert.ok(crit, labels(r).join(', '));
      assert.equal(crit.detail, 'Connection Pool Exhaustion — Critical, Resolved');
      assert.equal(crit.documentation, undefined, 'the fields come with completionItem/resolve');
      const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, crit);
      const doc = markdown(resolved.documentation);
      assert.match(doc, /\*\*Phase\*\*: Backend Optimization/);
      assert.match(doc, /\*\*Time to Resolution\*\*: 4 hours/);
      assert.deepEqual((crit.textEdit as TextEdit).range.start, { line: 10, character: 'Related: '.length });
      assert.ok(labels(r).includes('OPEN-002'));
      assert.ok(!labels(r).includes('HIGH-003'), 'an undefined ID is not offered');
      // Inside a word, nothing.
      assert.deepEqual(labels(await complete(11)), []);
    });
  });

  describe('hover', () => {
    it('shows an issue ID as a card', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001, HIGH-003', 2) });
      assert.ok(h);
      const value = markdown(h.contents);
      assert.match(value, /\*\*CRIT-001\*\*: Connection Pool Exhaustion/);
      assert.match(value, /Severity: \*\*Critical\*\*/);
      assert.match(value, /Status: \*\*Resolved\*\*/);
      assert.match(value, /Phase: Backend Optimization/);
      assert.match(value, /Reference: \[04-Backend-Optimization\/issues-and-solutions\.md\]/);
      assert.deepEqual(h.range, { start: positionOf(masterText, 'CRIT-001, HIGH-003'), end: positionOf(masterText, 'CRIT-001, HIGH-003', 8) });
    });

    it('shows the assignee of an open issue', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'OPEN-002: Slow', 1) });
      const value = markdown(h!.contents);
      assert.match(value, /Severity: \*\*High\*\*/);
      assert.match(value, /Status: \*\*Open\*\*/);
      assert.match(value, /Assigned: Database Team/);
    });

    it('says when an ID is not defined', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'HIGH-003', 1) });
      assert.match(markdown(h!.contents), /HIGH-003\*\* is not defined/);
    });

    it('shows the heading a link points to and the lines under it', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, '(../04-Backend-Optimization/issues-and-solutions.md#issue-2)', 5) });
      const value = markdown(h!.contents);
      assert.match(value, /\*\*Issue 2\*\*/);
      assert.match(value, /- \*\*Title\*\*: Memory Leak in Production/);
      assert.doesNotMatch(value, /Issue 1/);
    });

    it('shows the top of a file for a link without a fragment', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, '[Infrastructure Issues]', 3) });
      const value = markdown(h!.contents);
      assert.match(value, /^`05-Infrastructure-Scaling\/issues-and-solutions\.md`/);
      assert.match(value, /# Infrastructure Scaling: Issues and Solutions/);
    });

    it('shows nothing on plain text', async () => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'Central repository', 3) });
      assert.equal(h, null);
    });
  });

  describe('definition', () => {
    it('goes from an ID to its entry heading', async () => {
      const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001, HIGH-003', 3) })) as LocationLink[];
      assert.equal(r.length, 1);
      assert.equal(r[0].targetUri, master);
      assert.equal(r[0].targetSelectionRange.start.line, 15);
    });

    it('goes from a link to the heading it names', async () => {
      const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, '(../04-Backend-Optimization/issues-and-solutions.md#issue-2)', 3) })) as LocationLink[];
      assert.equal(r.length, 1);
      assert.equal(r[0].targetUri, backend);
      assert.equal(r[0].targetRange.start.line, 10);
    });

    it('goes from a link without a fragment to the file', async () => {
      const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, '[Backend Issues]', 3) })) as LocationLink[];
      assert.equal(r[0].targetUri, backend);
      assert.equal(r[0].targetRange.start.line, 0);
    });

    it('finds nothing for a broken link', async () => {
      const r = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, '[Foundation Issues]', 3) });
      assert.deepEqual(r, []);
    });
  });

  describe('references', () => {
    it('lists every mention of an ID and its definition', async () => {
      const r = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001: Connection', 1), context: { includeDeclaration: true } });
      const where = r!.map((l) => `${l.uri === master ? 'master' : l.uri === backend ? 'backend' : l.uri}:${l.range.start.line}`).sort();
      assert.deepEqual(where, ['backend:16', 'master:153', 'master:15'].sort());
    });

    it('leaves the definition out when asked', async () => {
      const r = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001, HIGH-003', 1), context: { includeDeclaration: false } });
      assert.equal(r!.length, 2);
      assert.ok(r!.every((l) => !(l.uri === master && l.range.start.line === 15)));
    });
  });

  describe('rename', () => {
    it('prepares a rename on an ID, not elsewhere', async () => {
      const p = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'HIGH-002: N+1', 2) });
      assert.deepEqual(p, { range: { start: { line: 52, character: 4 }, end: { line: 52, character: 12 } }, placeholder: 'HIGH-002' });
      const none = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'Central repository') });
      assert.equal(none, null);
    });

    it('renames an ID in headings, mentions and links to its heading, across the workspace', async () => {
      const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001, HIGH-003'), newName: 'CRIT-010' })) as WorkspaceEdit;
      const masterAfter = applyEdits(masterText, edit.changes![master]);
      assert.match(masterAfter, /^### CRIT-010: Connection Pool Exhaustion$/m);
      assert.match(masterAfter, /Connection Issues: CRIT-010, HIGH-003/);
      assert.doesNotMatch(masterAfter, /CRIT-001/);
      const backendAfter = applyEdits(ws.read('04-Backend-Optimization/issues-and-solutions.md'), edit.changes![backend]);
      assert.match(backendAfter, /\[CRIT-010\]\(\.\.\/06-Master\/MASTER-ISSUE-LOG\.md#crit-010-connection-pool-exhaustion\)/);
    });

    it('rejects a new name that is not an ID of a known prefix', async () => {
      for (const newName of ['CRIT1', 'crit-001', 'crit-001x', 'NOPE-001', 'Connection']) {
        await assert.rejects(
          client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: master }, position: positionOf(masterText, 'CRIT-001, HIGH-003'), newName }),
          (err) => err instanceof ResponseError && err.code === LSPErrorCodes.RequestFailed,
          newName,
        );
      }
    });
  });

  describe('symbols', () => {
    it('outlines the log by section, entries with severity and status', async () => {
      const r = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: master } })) as DocumentSymbol[];
      assert.equal(r.length, 1);
      assert.equal(r[0].name, 'Master Issue Log');
      const sections = r[0].children!.map((s) => s.name);
      assert.deepEqual(sections.slice(0, 4), ['Overview', 'Issue Summary Statistics', 'Critical Issues Register', 'High Priority Issues']);
      const critical = r[0].children!.find((s) => s.name === 'Critical Issues Register')!;
      assert.deepEqual(critical.children!.map((s) => s.name), ['CRIT-001: Connection Pool Exhaustion', 'CRIT-002: Memory Leak in Production', 'CRIT-003: Session Persistence Breaking']);
      assert.equal(critical.children![0].detail, 'Critical, Resolved');
      const open = r[0].children!.find((s) => s.name === 'Open Issues Tracker')!;
      assert.equal(open.children![1].detail, 'High, Open');
    });

    it('finds entries across the workspace by ID and title', async () => {
      const r = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'pool exhaustion' })) as SymbolInformation[];
      assert.ok(r.some((s) => s.name === 'CRIT-001: Connection Pool Exhaustion' && s.location.uri === master && s.containerName === '06-Master/MASTER-ISSUE-LOG.md'));
      const crit = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'CRIT-00' })) as SymbolInformation[];
      assert.deepEqual(crit.map((s) => s.name.slice(0, 8)).sort(), ['CRIT-001', 'CRIT-002', 'CRIT-003']);
      const issues = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Issue 2' })) as SymbolInformation[];
      assert.ok(issues.some((s) => s.name === 'Issue 2' && s.location.uri === backend));
      assert.deepEqual(await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zzzz' }), []);
    });
  });

  describe('document links', () => {
    it('resolves every relative link, fragments to #L lines', async () => {
      const r = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: master } }))!;
      const targets = r.map((l) => l.target);
      assert.ok(targets.includes(`${backend}#L3`), targets.join('\n'));
      assert.ok(targets.includes(`${backend}#L11`));
      assert.ok(targets.includes(`${infra}#L3`));
      assert.ok(targets.includes(backend), 'the Quick Reference link without a fragment');
      // Broken links are not offered as links.
      assert.ok(!targets.some((t) => t!.includes('00-Foundation')));
      const first = r.find((l) => l.target === `${backend}#L3`)!;
      assert.deepEqual(first.range.start, positionOf(masterText, '../04-Backend-Optimization/issues-and-solutions.md#issue-1)'));
    });
  });

});
