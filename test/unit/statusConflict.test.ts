/** status-conflict (contract v2): an ID entry and the numbered entry its Reference points to disagree. */
import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { joinLines, uriOf, workspace } from './helpers';

const phase = (status: string, severity = 'Critical') => joinLines('# Phase', '', '## Issue 1', '- **Title**: Pool', `- **Severity**: ${severity}`, `- **Status**: ${status}`);
const master = (...fields: string[]) => joinLines('# Master', '', '### CRIT-001: Pool', ...fields, '- **Reference**: [x](./phase.md#issue-1)');
type Other = { other: { uri: string; range: { start: { line: number } } } };
const conflicts = (ws: ReturnType<typeof workspace>, rel: string) =>
  ws
    .diagnostics(rel)
    .filter((d) => d.code === 'status-conflict')
    .map((d) => [d.range.start.line + 1, (d.data as Other).other.uri.slice(uriOf('').length), (d.data as Other).other.range.start.line + 1]);

describe('status-conflict', () => {
  it('fires at the ID entry when it is resolved-like and its numbered entry open-like, naming the other', () => {
    const ws = workspace({ 'M.md': master('- **Status**: Resolved'), 'phase.md': phase('In Progress') });
    assert.deepEqual(conflicts(ws, 'M.md'), [[4, 'phase.md', 6]]);
    assert.deepEqual(ws.codes('phase.md'), []);
    const d = ws.diagnostics('M.md').find((x) => x.code === 'status-conflict')!;
    assert.deepEqual(d.relatedInformation?.map((r) => r.location.uri), [uriOf('phase.md')]);
  });
  it('compares by class, and only readings both known', () => {
    for (const [mine, theirs] of [
      ['Resolved', "Won't Fix"],
      ['Closed', 'Duplicate'],
      ['In Progress', 'Blocked'],
      ['Escalated', 'Resolved'],
      ['Resolved', 'Pending Vendor'],
    ]) {
      assert.deepEqual(conflicts(workspace({ 'M.md': master(`- **Status**: ${mine}`), 'phase.md': phase(theirs) }), 'M.md'), [], `${mine} / ${theirs}`);
    }
    // No Status on the ID entry: nothing to compare.
    assert.deepEqual(conflicts(workspace({ 'M.md': master(), 'phase.md': phase('Open') }), 'M.md'), []);
  });
  it('a status section agrees with a resolved-like word of the other class member', () => {
    const m = joinLines('# Master', '', '## Resolved Issues', '', '### HIGH-001: Pool', '- **Reference**: [x](./phase.md#issue-1)');
    // Today's section reading knows open sections only; a resolved section reads as no status: no conflict either way.
    assert.deepEqual(conflicts(workspace({ 'M.md': m, 'phase.md': phase("Won't Fix", 'High') }), 'M.md'), []);
    const o = joinLines('# Master', '', '## Open Issues', '', '### HIGH-001: Pool', '- **Reference**: [x](./phase.md#issue-1)');
    assert.deepEqual(conflicts(workspace({ 'M.md': o, 'phase.md': phase('Fixed', 'High') }), 'M.md'), [[5, 'phase.md', 6]]);
  });
  it('fires on two different severities, at the Severity field; a prefix is not compared', () => {
    // CRIT- says Critical and the numbered entry High; OPEN- says open and the numbered entry Resolved: IDs are not renamed.
    assert.deepEqual(conflicts(workspace({ 'M.md': master('- **Status**: Resolved'), 'phase.md': phase('Resolved', 'High') }), 'M.md'), []);
    assert.deepEqual(conflicts(workspace({ 'M.md': joinLines('# M', '', '### OPEN-001: Pool', '- **Reference**: [x](./phase.md#issue-1)'), 'phase.md': phase('Resolved') }), 'M.md'), []);
    assert.deepEqual(conflicts(workspace({ 'M.md': master('- **Status**: Resolved', '- **Severity**: Medium'), 'phase.md': phase('Resolved', 'High') }), 'M.md'), [[5, 'phase.md', 5]]);
    const ws = workspace({ 'M.md': joinLines('# M', '', '### OPEN-001: Pool', '- **Severity**: Low', '- **Reference**: [x](./phase.md#issue-1)'), 'phase.md': phase('Open', 'Medium') });
    assert.deepEqual(conflicts(ws, 'M.md'), [[4, 'phase.md', 5]]);
    assert.deepEqual(conflicts(workspace({ 'M.md': master('- **Status**: Resolved'), 'phase.md': phase('Resolved', 'Critical') }), 'M.md'), []);
  });
  it('in one document, at the later of the two', () => {
    const text = joinLines('# Log', '', '### HIGH-001: Pool', '- **Status**: Open', '- **Reference**: [x](#issue-1)', '', '## Issue 1', '- **Severity**: High', '- **Status**: Closed');
    const ws = workspace({ 'L.md': text });
    assert.deepEqual(conflicts(ws, 'L.md'), [[9, 'L.md', 4]]);
  });
  it('follows an edit of the referenced document', () => {
    const ws = workspace({ 'M.md': master('- **Status**: Resolved'), 'phase.md': phase('Resolved') });
    assert.deepEqual(conflicts(ws, 'M.md'), []);
    ws.index.set(readDocument(uriOf('phase.md'), phase('Reopened'), ws.index.options));
    assert.deepEqual(conflicts(ws, 'M.md'), [[4, 'phase.md', 6]]);
  });
  it('can be turned off', () => {
    const ws = workspace({ 'M.md': master('- **Status**: Resolved'), 'phase.md': phase('Open') }, { rules: { 'status-conflict': 'off' } });
    assert.deepEqual(conflicts(ws, 'M.md'), []);
  });
});
