/**
 * The issue an entry describes, as the hover card and the Open Issues tree show it: the phase is the
 * Reference target's folder (issue 14: OPEN-002 in 06-Master whose Reference points into 02-Database),
 * and a merged issue's fields each name the file they came from.
 */
import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { provideHover } from '../../server/src/core/features/hover';
import { describeIssue } from '../../server/src/core/openIssues';
import { joinLines, uriOf, workspace } from './helpers';

const MASTER = joinLines(
  '# Master Issue Log',
  '### OPEN-002: Slow Aggregation Queries',
  '- **Status**: Open',
  '- **Reference**: [details](../02-Database/issues.md#issue-2-slow-aggregation-queries)',
  '',
  '### OPEN-003: Cache Misses',
  '- **Status**: Open',
  '',
  'See OPEN-002.',
);
const PHASE = joinLines('# Database issues', '### Issue 2: Slow Aggregation Queries', '- **Assigned**: Database Team', '- **Status**: Open');

function issueOf(ws: ReturnType<typeof workspace>, id: string) {
  const issue = ws.index.allIssues().find((i) => i.entries.some((e) => e.entry.kind === 'id' && e.entry.id === id));
  assert.ok(issue, id);
  return describeIssue(ws.index, issue)!;
}

describe('the issue card', () => {
  it('takes the phase from the Reference target folder, not the log that holds the ID entry', () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': MASTER, '02-Database/issues.md': PHASE });
    assert.equal(issueOf(ws, 'OPEN-002').phase, '02-Database');
    // No Reference: the entry's own folder.
    assert.equal(issueOf(ws, 'OPEN-003').phase, '06-Master');
  });

  it('takes the Reference target folder even when the phase file is missing', () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': MASTER });
    assert.equal(issueOf(ws, 'OPEN-002').phase, '02-Database');
  });

  it('a Phase field wins over folders', () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': MASTER.replace('- **Status**: Open\n- **Reference**', '- **Phase**: Database Work\n- **Status**: Open\n- **Reference**'), '02-Database/issues.md': PHASE });
    assert.equal(issueOf(ws, 'OPEN-002').phase, 'Database Work');
  });

  it('a merged issue names the file of each field, in the tree data and the hover', () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': MASTER, '02-Database/issues.md': PHASE });
    const d = issueOf(ws, 'OPEN-002');
    assert.deepEqual(
      d.fields.map((f) => [f.name, f.uri]),
      [
        ['Status', uriOf('06-Master/MASTER-ISSUE-LOG.md')],
        ['Reference', uriOf('06-Master/MASTER-ISSUE-LOG.md')],
        ['Assigned', uriOf('02-Database/issues.md')],
      ],
    );
    const line = MASTER.split('\n').indexOf('See OPEN-002.');
    const hover = provideHover({ index: ws.index, getText: () => MASTER }, uriOf('06-Master/MASTER-ISSUE-LOG.md'), { line, character: 6 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*Assigned\*\*: Database Team — _02-Database\/issues\.md_/);
    assert.match(value, /Phase: 02-Database/);
  });

  it('an issue in one file lists no field sources', () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': MASTER });
    const line = MASTER.split('\n').indexOf('See OPEN-002.');
    const hover = provideHover({ index: ws.index, getText: () => MASTER }, uriOf('06-Master/MASTER-ISSUE-LOG.md'), { line, character: 6 });
    assert.doesNotMatch((hover?.contents as MarkupContent).value, / — _/);
  });
});
