/**
 * duplicate-issue lists the other definitions as `check` does, by path, then line, whatever order
 * the index was filled in (the server's follows its history: what was opened, edited, re-read).
 */
import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { joinLines, uriOf, workspace } from './helpers';

const entry = (title: string) => [`### CRIT-001: ${title}`, '- **Status**: Open'];

describe('duplicate-issue: the order of the other definitions', () => {
  const files = {
    'z/log.md': joinLines('# Log', '', ...entry('Zed')),
    'm/two.md': joinLines(...entry('Em')),
    'a/one.md': joinLines(...entry('Ay'), '', ...entry('Ay again')),
  };
  const where = (ws: ReturnType<typeof workspace>, rel: string) => {
    const d = ws.diagnostics(rel).find((x) => x.code === 'duplicate-issue')!;
    return { related: d.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line]), data: d.data };
  };
  const expected = [
    [uriOf('a/one.md'), 0],
    [uriOf('a/one.md'), 3],
    [uriOf('m/two.md'), 0],
  ];

  it('is by path, then line, though the index took the files in another order', () => {
    const ws = workspace(files);
    assert.deepEqual(where(ws, 'z/log.md'), { related: expected, data: { id: 'CRIT-001' } });
  });

  it('stays so after a file is read again (the table is updated by difference)', () => {
    const ws = workspace(files);
    ws.diagnostics('z/log.md');
    ws.index.set(readDocument(uriOf('m/two.md'), joinLines('', ...entry('Em')), ws.index.options));
    assert.deepEqual(where(ws, 'z/log.md').related, [expected[0], expected[1], [uriOf('m/two.md'), 1]]);
    ws.index.set(readDocument(uriOf('a/one.md'), '\n' + files['a/one.md'], ws.index.options));
    assert.deepEqual(where(ws, 'z/log.md').related, [[uriOf('a/one.md'), 1], [uriOf('a/one.md'), 4], [uriOf('m/two.md'), 1]]);
  });
});
