/** The Open Issues view's filter and "the entry under the cursor" (client/src/openIssuesFilter.ts), in plain Node. */
import * as assert from 'node:assert/strict';
import { filterDescription, isFiltering, issueAt, matchesFilter, NO_FILTER, statusesOf, statusOf } from '../../client/src/openIssuesFilter';
import type { OpenIssue } from '../../server/src/protocol';

const range = (a: number, b: number, endChar = 0) => ({ start: { line: a, character: 0 }, end: { line: b, character: endChar } });

function issue(id: string, more: Partial<OpenIssue> = {}): OpenIssue {
  return { id, title: '', severity: 'High', fields: [], uri: 'file:///ws/log.md', range: range(0, 0, 20), ...more };
}

const POOL = issue('CRIT-001', { title: 'Connection Pool Exhaustion', severity: 'Critical', status: 'In Progress', assignee: 'Backend Team' });
const SEARCH = issue('HIGH-002', { title: 'Slow search', status: 'Blocked', fields: [{ name: 'Impact', value: 'Timeouts on /search', uri: 'file:///ws/log.md' }] });
const DONE = issue('LOW-003', { title: 'Typo', severity: 'Low', statusClass: 'resolved' });

describe('Open Issues filter', () => {
  it('keeps what every word is found in, in any field or the row’s place, case aside', () => {
    const keep = (text: string, where = '') => [POOL, SEARCH, DONE].filter((i) => matchesFilter(i, { ...NO_FILTER, text }, where)).map((i) => i.id);
    assert.deepEqual(keep('pool'), ['CRIT-001']);
    assert.deepEqual(keep('backend POOL'), ['CRIT-001']);
    assert.deepEqual(keep('backend search'), []);
    assert.deepEqual(keep('timeouts'), ['HIGH-002']);
    assert.deepEqual(keep('high-002'), ['HIGH-002']);
    assert.deepEqual(keep('02-database', '02-Database/issues.md'), ['CRIT-001', 'HIGH-002', 'LOW-003']);
    assert.deepEqual(keep('  '), ['CRIT-001', 'HIGH-002', 'LOW-003']);
  });

  it('keeps the severities and statuses ticked, statuses compared without regard to case', () => {
    const keep = (severities: OpenIssue['severity'][], statuses: string[]) =>
      [POOL, SEARCH, DONE].filter((i) => matchesFilter(i, { text: '', severities, statuses })).map((i) => i.id);
    assert.deepEqual(keep(['Critical', 'Low'], []), ['CRIT-001', 'LOW-003']);
    assert.deepEqual(keep([], ['blocked']), ['HIGH-002']);
    assert.deepEqual(keep([], ['Resolved']), ['LOW-003']);
    assert.deepEqual(keep(['Critical'], ['Blocked']), []);
  });

  it('reads a status without a Status field from its class, and lists each status once', () => {
    assert.equal(statusOf(issue('A-001')), 'Open');
    assert.equal(statusOf(DONE), 'Resolved');
    assert.deepEqual(statusesOf([POOL, SEARCH, DONE, issue('B-001', { status: 'in progress' })]), ['In Progress', 'Blocked', 'Resolved']);
  });

  it('describes an active filter and none when empty', () => {
    assert.equal(isFiltering(NO_FILTER), false);
    assert.equal(isFiltering({ ...NO_FILTER, text: ' ' }), false);
    assert.equal(filterDescription(NO_FILTER), undefined);
    assert.equal(filterDescription({ text: ' pool ', severities: ['High', 'Critical'], statuses: ['Blocked'] }), 'High, Critical · Blocked · "pool"');
  });
});

describe('Open Issues: the entry under the cursor', () => {
  const a = issue('CRIT-001', { range: range(2, 2, 30), extent: range(2, 6) });
  const b = issue('HIGH-001', { range: range(6, 6, 30), extent: range(6, 9) });
  const other = issue('LOW-001', { uri: 'file:///ws/other.md', range: range(2, 2, 30), extent: range(2, 9) });
  const all = [b, other, a];

  it('is the entry whose extent holds the line, its end exclusive', () => {
    const at = (line: number, uri = 'file:///ws/log.md') => issueAt(all, uri, line, 0)?.id;
    assert.deepEqual([0, 1, 2, 5, 6, 8, 9].map((l) => at(l)), [undefined, undefined, 'CRIT-001', 'CRIT-001', 'HIGH-001', 'HIGH-001', undefined]);
    assert.equal(at(3, 'file:///ws/other.md'), 'LOW-001');
    assert.equal(at(3, 'file:///ws/none.md'), undefined);
  });

  it('takes the innermost of nested entries, and the heading line alone without an extent', () => {
    const outer = issue('OPEN-001', { range: range(1, 1, 30), extent: range(1, 20) });
    assert.equal(issueAt([outer, a], 'file:///ws/log.md', 3, 4)?.id, 'CRIT-001');
    assert.equal(issueAt([outer, a], 'file:///ws/log.md', 10, 0)?.id, 'OPEN-001');
    const bare = issue('MED-001', { range: range(4, 4, 30) });
    assert.deepEqual([3, 4, 5].map((l) => issueAt([bare], 'file:///ws/log.md', l, 2)?.id), [undefined, 'MED-001', undefined]);
  });
});
