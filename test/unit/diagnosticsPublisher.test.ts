/** The diagnostics publisher (server/src/lsp/diagnosticsPublisher.ts) alone, with a fake transport. */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DiagnosticsPublisher, type PublishParams } from '../../server/src/lsp/diagnosticsPublisher';

const d = (code: string, line = 0): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, code, message: '' });

describe('diagnostics publisher', () => {
  let sent: PublishParams[];
  let publisher: DiagnosticsPublisher;
  beforeEach(() => {
    sent = [];
    publisher = new DiagnosticsPublisher((p) => sent.push(p));
  });

  it('sends a closed file only what changed', () => {
    assert.ok(publisher.offer('a', [d('broken-link')], { changed: false, indexed: true }));
    assert.ok(!publisher.offer('a', [d('broken-link')], { changed: true, indexed: true }));
    assert.ok(publisher.offer('a', [d('broken-link', 2)], { changed: false, indexed: true }));
    assert.deepEqual(sent.map((p) => [p.uri, p.version, p.diagnostics.map((x) => x.range.start.line)]), [
      ['a', undefined, [0]],
      ['a', undefined, [2]],
    ]);
    assert.equal(publisher.count('a'), 1);
  });

  it('says nothing about a file it never published for that has nothing, unless it changed', () => {
    assert.ok(!publisher.offer('b', [], { changed: false, indexed: true }));
    assert.ok(publisher.offer('b', [], { changed: true, indexed: true }));
    assert.deepEqual(sent, [{ uri: 'b', version: undefined, diagnostics: [] }]);
    assert.deepEqual([...publisher.uris()], ['b']);
  });

  it('publishes every new version of a changed open document, even with the same diagnostics', () => {
    publisher.offer('c', [d('stale-stat')], { version: 1, changed: true, indexed: true });
    assert.ok(publisher.offer('c', [d('stale-stat')], { version: 2, changed: true, indexed: true }));
    // Not changed (another document's edit re-checked it): nothing new to say.
    assert.ok(!publisher.offer('c', [d('stale-stat')], { version: 3, changed: false, indexed: true }));
    assert.deepEqual(sent.map((p) => p.version), [1, 2]);
  });

  it('sends new diagnostics for a version already published (a change with a repeated version), and nothing when they are the same', () => {
    assert.ok(publisher.offer('c', [d('undefined-issue', 7)], { version: 2, changed: true, indexed: true }));
    assert.ok(publisher.offer('c', [d('undefined-issue', 8)], { version: 2, changed: true, indexed: true }));
    assert.ok(!publisher.offer('c', [d('undefined-issue', 8)], { version: 2, changed: true, indexed: true }));
    assert.deepEqual(sent.map((p) => [p.version, p.diagnostics[0].range.start.line]), [
      [2, 7],
      [2, 8],
    ]);
  });

  it('forgets a closed file that left the index once its diagnostics are cleared', () => {
    publisher.offer('e', [d('broken-anchor')], { changed: false, indexed: true });
    assert.ok(publisher.offer('e', [], { changed: true, indexed: false }));
    assert.deepEqual([...publisher.uris()], []);
    assert.equal(publisher.count('e'), 0);
    assert.deepEqual(sent[1], { uri: 'e', version: undefined, diagnostics: [] });
  });
});
