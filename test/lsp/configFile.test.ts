/**
 * The server and `.issue-log.json`: its problems published as `config` diagnostics in the file, read
 * again on a watched-file event, and its settings over the client's. In process, in memory.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { FileChangeType } from './client';
import { startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { joinLines } from '../unit/helpers';

const LOG = joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open', '- **Severity**: Low', '', 'Mentions LOW-404 and SEC-009.');

const where = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

describe('LSP .issue-log.json (in process)', function () {
  this.timeout(30000);
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('publishes the problems of a broken file in it, and re-checks when it changes', async () => {
    const ws = new InMemoryWorkspace({ 'log.md': LOG, '.issue-log.json': '{\n  "rules": { "no-such-rule": "off" },\n  "colour": "blue"\n  "scope": "linked"\n}\n' });
    const configUri = ws.uri('.issue-log.json');
    client = await startInProcess(ws);
    const broken = await client.waitForDiagnostics(configUri, (d) => d.length > 0, 'the problems of .issue-log.json');
    assert.deepEqual(where(broken), [
      ['config', 1, 3, 2, 3, 9],
      ['config', 2, 1, 13, 1, 27],
      ['config', 2, 2, 2, 2, 10],
    ]);

    // Fixed on disk: the problems go, and the file's rules take effect at once.
    ws.write('.issue-log.json', '{ "rules": { "undefined-issue": "error" }, "prefixes": { "SEC": "Critical" } }');
    await client.fileEvents({ uri: configUri, type: FileChangeType.Changed });
    await client.waitForDiagnostics(configUri, (d) => d.length === 0, 'no problems once the file is fixed');
    const log = await client.waitForDiagnostics(ws.uri('log.md'), (d) => d.length === 2 && d.every((x) => x.severity === 1), 'both mentions undefined, as errors');
    assert.deepEqual(codes(log), ['undefined-issue@6:21', 'undefined-issue@6:9']);
  });

  it('lets the file win over the client\'s settings, which fill in the rest; a deleted file gives its settings back', async () => {
    const ws = new InMemoryWorkspace({ 'log.md': LOG, '.issue-log.json': '{ "rules": { "undefined-issue": "hint" } }' });
    const configUri = ws.uri('.issue-log.json');
    client = await startInProcess(ws, { settings: { rules: { 'undefined-issue': 'error', placeholder: 'off' } } });
    const log = await client.waitForDiagnostics(ws.uri('log.md'), (d) => d.length === 1, 'LOW-404 undefined');
    assert.deepEqual(
      log.map((d) => [d.code, d.severity]),
      [['undefined-issue', 4]],
      'the file says hint, the client error: the file wins',
    );
    ws.remove('.issue-log.json');
    await client.fileEvents({ uri: configUri, type: FileChangeType.Deleted });
    await client.waitForDiagnostics(ws.uri('log.md'), (d) => d.length === 1 && d[0].severity === 1, 'the client\'s setting once the file is gone');
  });

  it('re-counts when "scope" changes: references (the default), then linked', async () => {
    const master = joinLines('# Master', '', '## Statistics', '- **Total Issues**: 2', '', '### LOW-001: First', '- **Status**: Open', '- **Reference**: [x](./phase.md#issue-1)', '', 'See [the phase](./phase.md).');
    const phase = joinLines('# Phase', '', '## Issue 1', '- **Status**: Open', '', '## Issue 2', '- **Status**: Open');
    const ws = new InMemoryWorkspace({ 'M.md': master, 'phase.md': phase });
    client = await startInProcess(ws);
    const stat = (d: Diagnostic[]) => d.filter((x) => x.code === 'stale-stat').map((x) => [x.range.start.line, (x.data as { computed: number; scope: string }).computed, (x.data as { scope: string }).scope]);
    // References: LOW-001 with its Issue 1, one issue.
    let d = await client.waitForDiagnostics(ws.uri('M.md'), (x) => stat(x).length === 1, 'Total 2 against 1');
    assert.deepEqual(stat(d), [[3, 1, 'references']]);
    ws.write('.issue-log.json', '{ "scope": "linked" }');
    await client.fileEvents({ uri: ws.uri('.issue-log.json'), type: FileChangeType.Created });
    d = await client.waitForDiagnostics(ws.uri('M.md'), (x) => stat(x).length === 0, 'linked: Issue 2 counts too, 2 is right');
    assert.deepEqual(stat(d), []);
  });

  it('reads a file created after start', async () => {
    const ws = new InMemoryWorkspace({ 'log.md': LOG });
    client = await startInProcess(ws);
    await client.waitForDiagnostics(ws.uri('log.md'), (d) => d.length === 1, 'LOW-404 undefined');
    ws.write('.issue-log.json', '{ "prefixes": { "SEC": "" }, "exclude": 3 }');
    await client.fileEvents({ uri: ws.uri('.issue-log.json'), type: FileChangeType.Created });
    const problems = await client.waitForDiagnostics(ws.uri('.issue-log.json'), (d) => d.length > 0, 'the wrong exclude');
    assert.deepEqual(where(problems), [['config', 2, 0, 40, 0, 41]]);
    const log = await client.waitForDiagnostics(ws.uri('log.md'), (d) => d.length === 2, 'SEC-009 undefined too, SEC a prefix now');
    assert.deepEqual(codes(log), ['undefined-issue@6:21', 'undefined-issue@6:9']);
  });
});
