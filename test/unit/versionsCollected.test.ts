/**
 * An edited document's older versions can be collected once the index holds a newer one: nothing
 * derived from a version (entry changes, issue keys, link findings, scopes, diagnostics) holds the
 * version before it. (A chain of versions kept the whole editing session alive: 2 MB a keystroke on
 * the large master, until the server ran out of memory.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, readDocument } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { WorkspaceIndex, type PathKind } from '../../server/src/core/workspace';

const options = resolveOptions();
const MASTER = 'file:///ws/06-Master/MASTER-ISSUE-LOG.md';
const OTHER = 'file:///ws/05-Review/review-log.md';
const existing = new Map<string, PathKind>([
  [MASTER, 'file'],
  [OTHER, 'file'],
  ['file:///ws/06-Master', 'dir'],
  ['file:///ws/05-Review', 'dir'],
]);
// A log whose scope holds the master, and whose entry's Reference points into it (an issue key made against a master version).
const OTHER_TEXT = [
  '# Review',
  '',
  'See [the master](../06-Master/MASTER-ISSUE-LOG.md) and [its statistics](../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistics).',
  '',
  '## Issue Summary Statistics',
  '- **Total Issues**: 7',
  '',
  '### OPEN-900: Review the master',
  '- **Status**: Open',
  '- **Reference**: [the first](../06-Master/MASTER-ISSUE-LOG.md#issue-1)',
  '',
].join('\n');

describe('versions of an edited document', () => {
  it('are not kept alive by what was derived from them', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const seed = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
    const index = new WorkspaceIndex(options, ['file:///ws'], { stat: (uri: string) => existing.get(uri) });
    index.set(readDocument(OTHER, OTHER_TEXT, options));
    const open = new OpenDocument(MASTER, options);
    const lines = seed.split('\n');
    const versions: WeakRef<object>[] = [];
    const edits = 24;
    for (let i = 0; i < edits; i++) {
      // Type a character at the end of a line, then delete it, at lines spread over the document.
      const ln = Math.floor(((i >> 1) * lines.length) / (edits / 2));
      const start = lines.slice(0, ln).join('\n').length + (ln > 0 ? 1 : 0) + lines[ln].length - (i % 2);
      lines[ln] = i % 2 === 0 ? lines[ln] + '7' : lines[ln].slice(0, -1);
      const doc = open.update(lines.join('\n'), { start, end: start + (i % 2 === 0 ? 1 : 0) });
      index.set(doc);
      for (const uri of [MASTER, OTHER]) computeDiagnostics(index, uri, ruleOptions(index.options, '2026-11-28'));
      index.scope(OTHER);
      index.allIssues();
      versions.push(new WeakRef(doc));
    }
    // (A WeakRef keeps its target until the end of the job that made it.)
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = versions.filter((v) => v.deref() !== undefined).length;
    assert.ok(alive <= 2, `${alive} of ${edits} versions alive`);
  });
});
