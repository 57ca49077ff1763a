/**
 * Workspace boundaries in the language server, on the real Node environment (as node/main.ts builds
 * it) in this process: indexing does not follow a symbolic link out of the workspace (a link to `/`,
 * to a folder outside, to a file outside), each is logged once, and nothing outside is read, whatever
 * the session does next (a closed document, file events, a hover, `.issue-log.json` linked outside).
 * An fs spy fails and records every forbidden read.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { OUTSIDE_REASON } from '../../server/src/node/boundary';
import { nodeSource } from '../../server/src/node/loadWorkspace';
import { LINKS_OUTSIDE, NodeWorkspaceHost } from '../../server/src/node/nodeHost';
import { isInside } from '../../server/src/node/workspaceRoot';
import { makeBoundaryFixture } from '../unit/boundaryFixture';
import { spyOnReads, type FsSpy } from '../unit/fsSpy';
import { FileChangeType, LspClient } from './client';
import { startOnEnvironment } from './inProcess';
import { ensureBuilt, startProcessServer } from './processServer';

/** The server in this process with the Node environment of node/main.ts (its walk, reads and worker threads). */
function startOnDisk(folder: string) {
  return startOnEnvironment({ host: new NodeWorkspaceHost(), ...nodeSource() }, URI.file(folder).toString(), { readyTimeoutMs: 30_000 });
}

/**
 * The log's link findings: only the anchor inside (d) and the link that leads nowhere (e); nothing of
 * the outside targets. Each link out is logged once. Links (0-based): a lo.md 4, b dir/o.md 21,
 * c ../out/o.md 41, d docs/x.md#nope 64, e alias/x.md 88.
 */
function assertNothingOutsideJudged(found: Diagnostic[], logs: readonly string[]): void {
  assert.deepEqual(
    found.filter((d) => d.code === 'broken-anchor' || d.code === 'broken-link' || d.code === 'duplicate-issue').map((d) => [d.code, d.range.start.character]),
    [
      ['broken-anchor', 64],
      ['broken-link', 88],
    ],
  );
  assert.deepEqual(
    logs.filter((l) => l.includes(LINKS_OUTSIDE)).sort(),
    ['dir', 'lo.md', 'root'].map((l) => `Skipped ${l}: ${LINKS_OUTSIDE}`),
  );
}

describe('workspace boundaries (the server on disk)', function () {
  this.timeout(60_000);
  let top: string;
  let ws: string;
  let out: string;
  let spy: FsSpy | undefined;
  let client: LspClient | undefined;

  beforeEach(() => {
    ({ top, ws, out } = makeBoundaryFixture());
    fs.symlinkSync('/', path.join(ws, 'root'));
    fs.symlinkSync('../out', path.join(ws, 'dir'));
    fs.symlinkSync('../out/o.md', path.join(ws, 'lo.md'));
    fs.writeFileSync(path.join(out, 'shared.json'), '{"exclude": ["docs/**"]}\n');
    fs.symlinkSync('../out/shared.json', path.join(ws, '.issue-log.json'));
    const links = ['root', 'dir', 'lo.md', '.issue-log.json'].map((l) => path.join(ws, l));
    const read = (p: string) => {
      const abs = path.resolve(p);
      if (isInside(abs, out) || links.some((l) => isInside(abs, l))) return true;
      try {
        return isInside(fs.realpathSync.native(abs), out);
      } catch {
        return false;
      }
    };
    // Listing: nothing under the link to / nor under the outside folder's sub-folder (what a walk would list).
    const list = (p: string) => isInside(path.resolve(p), links[0]) || [out, links[1]].some((b) => isInside(path.resolve(p), path.join(b, 'deep')));
    spy = spyOnReads({ read, list });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    spy?.restore();
    spy = undefined;
    fs.rmSync(top, { recursive: true, force: true });
  });

  it('indexes the workspace only, logs each link out once, judges no outside anchor and reads nothing outside', async () => {
    client = await startOnDisk(ws);
    const log = URI.file(path.join(ws, 'LOG.md')).toString();
    const found = await client.waitForDiagnostics(log, (d) => d.length > 0, 'the log checked');
    assertNothingOutsideJudged(found, client.logs);
    // .issue-log.json lies outside: not read, its settings not used (docs/x.md is still checked above).
    const config = client.diagnostics(URI.file(path.join(ws, '.issue-log.json')).toString());
    assert.deepEqual(
      config?.map((d) => d.code),
      ['config'],
    );
    assert.ok(JSON.stringify(config![0].message).includes(OUTSIDE_REASON));

    // A document opened and closed again is read from disk: not when its real path is outside.
    const linked = URI.file(path.join(ws, 'lo.md')).toString();
    await client.open(linked, '# Typed\n');
    await client.close(linked);
    // File events for files through the links are checked against the disk: not read either.
    await client.fileEvents({ uri: linked, type: FileChangeType.Changed }, { uri: URI.file(path.join(ws, 'dir', 'o.md')).toString(), type: FileChangeType.Created });
    // A hover on the link to lo.md (a request: the events are applied first) shows no preview of it.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: log }, position: { line: 5, character: 6 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents && !hover.contents.value.includes('There'));
    assert.ok(client.logs.some((l) => l === `Skipped lo.md: ${OUTSIDE_REASON}`), client.logs.join('\n'));
    assert.deepEqual(spy!.refused, []);
  });

  it('the binary (dist/server.js) does the same: indexing ends, each link out logged once, nothing outside judged', async () => {
    ensureBuilt();
    client = await startProcessServer(URI.file(ws).toString(), { readyTimeoutMs: 30_000 });
    const found = await client.waitForDiagnostics(URI.file(path.join(ws, 'LOG.md')).toString(), (d) => d.length > 0, 'the log checked');
    assertNothingOutsideJudged(found, client.logs);
  });
});
