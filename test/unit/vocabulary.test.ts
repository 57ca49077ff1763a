/** Contract v2's vocabularies: status and severity words, register headings, title markers, statistics labels, legends. */
import { strict as assert } from 'node:assert';
import { severityFromWord } from '../../server/src/core/config';
import { meaningClass, readLegend } from '../../server/src/core/statusLegend';
import { NO_WORDS, readSeverity, readStatus, sectionReading, statLabel, statusDefined, statusWordOf, titleStatus, type Vocabulary } from '../../server/src/core/vocabulary';
import type { TableFact } from '../../server/src/core/model';
import { WHOLE } from '../../server/src/core/model';

const words = (open: string[], resolved: string[], defined: string[] = []): Vocabulary => ({ ...NO_WORDS, status: { open, resolved, defined } });

describe('vocabulary: status values (readStatus)', () => {
  const cases: [string, 'open' | 'resolved' | 'unknown'][] = [
    // open-like, any case, with decoration
    ['Open', 'open'],
    ['open', 'open'],
    ['In Progress', 'open'],
    ['in-progress', 'open'],
    ['IN PROGRESS', 'open'],
    ['Investigating', 'open'],
    ['Blocked', 'open'],
    ['Monitoring', 'open'],
    ['Reopened', 'open'],
    ['New', 'open'],
    ['Active', 'open'],
    ['🟡 Active', 'open'],
    ['🔵 Planned', 'open'],
    ['Proposed', 'open'],
    ['Identified', 'open'],
    ['Triaged', 'open'],
    ['Deferred', 'open'],
    ['Unfixed', 'open'],
    ['In Progress - 50%', 'open'],
    ['🟡 In Progress', 'open'],
    ['🔴 Open', 'open'],
    ['🔴', 'open'],
    // resolved-like
    ['Resolved', 'resolved'],
    ['RESOLVED (2026-01-01)', 'resolved'],
    ['Closed', 'resolved'],
    ['Fixed', 'resolved'],
    ['✅ Fixed', 'resolved'],
    ['Fixed (v2)', 'resolved'],
    ['Done', 'resolved'],
    ['✔️ Done', 'resolved'],
    ['Complete', 'resolved'],
    ['Completed', 'resolved'],
    ['Verified', 'resolved'],
    ['Mitigated', 'resolved'],
    ["Won't Fix", 'resolved'],
    ['Won’t Fix', 'resolved'],
    ["⚪ Won't Fix", 'resolved'],
    ['wontfix', 'resolved'],
    ['Duplicate', 'resolved'],
    ['Not a Bug', 'resolved'],
    ['not-a-bug', 'resolved'],
    ['**Fixed**', 'resolved'],
    ['[CLOSED]', 'resolved'],
    ['✅', 'resolved'],
    ['Open → Fixed', 'resolved'],
    ['Resolved -> Reopened', 'open'],
    // neither: the corpus's unknown words, prefixes of other words, phrases that are not a status
    ['⏸️ On Hold', 'unknown'],
    ['On Hold', 'unknown'],
    ['Escalated', 'unknown'],
    ['Partial', 'unknown'],
    ['⚠️ Partial', 'unknown'],
    ['Pending Review', 'unknown'],
    ['Needs Triage', 'unknown'],
    ['Donelly', 'unknown'],
    ['Newly added', 'unknown'],
    ['Known limitation', 'unknown'],
    ['Partially resolved', 'unknown'],
    ['Not fixed', 'unknown'],
    ['Opened', 'unknown'],
    // 🟢 and 🟡 alone are not read (🟢 is "done" in some logs, "active" in others)
    ['🟢', 'unknown'],
    ['🟡', 'unknown'],
    ['✅ Shipped', 'unknown'],
    ['', 'unknown'],
  ];
  for (const [value, want] of cases) {
    it(`${JSON.stringify(value)} is ${want}`, () => assert.equal(readStatus(value), want));
  }

  it('reads configured words, before the built-in ones, with the same word rule', () => {
    const v = words(['Parked', 'Done pending review', '🟢'], ['Shipped']);
    assert.equal(readStatus('Parked', v), 'open');
    assert.equal(readStatus('⏸️ parked (until Q3)', v), 'open');
    assert.equal(readStatus('Parkedness', v), 'unknown');
    assert.equal(readStatus('Shipped in 2.1', v), 'resolved');
    assert.equal(readStatus('Done pending review', v), 'open');
    assert.equal(readStatus('Done', v), 'resolved');
    assert.equal(readStatus('🟢', v), 'open');
    assert.equal(readStatus('Parked'), 'unknown');
  });

  it('a defined word (a legend word whose meaning says neither) is defined but neither open nor resolved', () => {
    const v = words([], [], ['Parked']);
    assert.equal(readStatus('Parked', v), 'unknown');
    assert.equal(statusDefined('Parked', v), true);
    assert.equal(statusDefined('Parked'), false);
    assert.equal(statusDefined('Escalated', v), false);
    assert.equal(statusDefined('Open', v), true);
  });

  it('the word a quick fix adds is the value without its decoration', () => {
    const cases: [string, string][] = [
      ['⏸️ On Hold', 'On Hold'],
      ['Pending Review (since May)', 'Pending Review'],
      ['Escalated - to vendor', 'Escalated'],
      ['needs-triage', 'needs-triage'],
      ['🟢', '🟢'],
    ];
    for (const [value, word] of cases) assert.equal(statusWordOf(value), word, value);
  });
});

describe('vocabulary: severity values (readSeverity)', () => {
  const cases: [string, string | undefined][] = [
    ['Critical', 'Critical'],
    ['CRITICAL', 'Critical'],
    ['Critical (Blocker)', 'Critical'],
    ['🔴 Critical', 'Critical'],
    ['High', 'High'],
    ['🟠 High', 'High'],
    ['medium', 'Medium'],
    ['Med', 'Medium'],
    ['🟡 Medium', 'Medium'],
    ['Low', 'Low'],
    ['🟢 Low', 'Low'],
    ['P0', 'Critical'],
    ['P1', 'High'],
    ['p2', 'Medium'],
    ['P3', 'Low'],
    ['S1', 'Critical'],
    ['S2', 'High'],
    ['S3', 'Medium'],
    ['S4', 'Low'],
    ['P1 - High', 'High'],
    ['P0 — Critical', 'Critical'],
    ['Blocker', 'Critical'],
    ['Major', 'High'],
    ['Minor', 'Low'],
    ['🔴', 'Critical'],
    ['🟠', 'High'],
    ['🟡', 'Medium'],
    ['🟢', 'Low'],
    ['High Priority', 'High'],
    // not read: whole words only, ranges, other words
    ['Lowest', undefined],
    ['Highest', undefined],
    ['Criticality', undefined],
    ['Medium-High', undefined],
    ['High/Critical', undefined],
    ['Low to Medium', undefined],
    ['P4', undefined],
    ['S5', undefined],
    ['Urgent', undefined],
    ['', undefined],
  ];
  for (const [value, want] of cases) {
    it(`${JSON.stringify(value)} is ${want ?? 'not read'}`, () => assert.equal(readSeverity(value), want));
  }

  it('reads configured words; severityFromWord reads the built-in ones the same way', () => {
    const v: Vocabulary = { ...NO_WORDS, severity: { Critical: ['Showstopper'], High: [], Medium: [], Low: ['Cosmetic'] } };
    assert.equal(readSeverity('Cosmetic', v), 'Low');
    assert.equal(readSeverity('showstopper!', v), 'Critical');
    assert.equal(readSeverity('Cosmetic'), undefined);
    assert.equal(severityFromWord('P0'), 'Critical');
    assert.equal(severityFromWord('Lowest'), undefined);
  });
});

describe('vocabulary: register headings (sectionReading)', () => {
  const cases: [string, { status?: string; severity?: string }][] = [
    ['Critical Issues Register', { severity: 'Critical' }],
    ['High Priority Issues', { severity: 'High' }],
    ['Medium Priority Issues', { severity: 'Medium' }],
    ['Medium Priority', { severity: 'Medium' }],
    ['Low Priority Issues', { severity: 'Low' }],
    ['P1 — Major', { severity: 'High' }],
    ['Critical (Blockers)', { severity: 'Critical' }],
    ['High (7)', { severity: 'High' }],
    ['Critical Findings', { severity: 'Critical' }],
    ['🔴 Critical Issues', { severity: 'Critical' }],
    ['Open Issues', { status: 'open' }],
    ['Open Issues (3)', { status: 'open' }],
    ['1. Open Issues', { status: 'open' }],
    ['Active Bugs', { status: 'open' }],
    ['Open Issues Tracker', { status: 'open' }],
    ['Resolved Issues', { status: 'resolved' }],
    ['Resolved', { status: 'resolved' }],
    ['Closed Enhancements', { status: 'resolved' }],
    ['Fixed Bugs', { status: 'resolved' }],
    ['Completed', { status: 'resolved' }],
    ["Won't Fix", { status: 'resolved' }],
    ['Open Critical Issues', { status: 'open', severity: 'Critical' }],
    // traps: a heading that merely contains the word
    ['Phase 1: Critical Navigation', {}],
    ['High-level design', {}],
    ['Low-hanging fruit', {}],
    ['Open Questions', {}],
    ['Known Issues', {}],
    ['Issue Summary Statistics', {}],
    ['Resolution Time Analysis', {}],
    ['Monitoring', {}],
    ['Duplicate Issues', {}],
    ['Critical & High Priority Issues', {}],
    ['Open and Resolved Issues', {}],
    ['Critical Path', {}],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text)} reads ${JSON.stringify(want)}`, () => assert.deepEqual(sectionReading(text), want));
  }
});

describe('vocabulary: title markers (titleStatus)', () => {
  const cases: [string, string | undefined][] = [
    ['Login loop — FIXED', 'resolved'],
    ['Login loop - Resolved', 'resolved'],
    ['Login loop — FIXED (2026-01-02)', 'resolved'],
    ['Cache miss (Resolved)', 'resolved'],
    ['Crash [CLOSED]', 'resolved'],
    ['Crash (In Progress)', 'open'],
    ["Crash — Won't Fix", 'resolved'],
    ['Crash (S1) ✅', 'resolved'],
    ['✅ Crash on save', 'resolved'],
    ['🔴 Crash on save', 'open'],
    // not a marker
    ['Duplicate Event Processing', undefined],
    ['Pool Closed', undefined],
    ['Crash (P1)', undefined],
    ['Crash (Duplicate of ISS-3)', undefined],
    ['Alerts — Monitoring', undefined],
    ['Open questions — Fixed pool size', undefined],
    ['(Resolved)', undefined],
  ];
  for (const [title, want] of cases) {
    it(`${JSON.stringify(title)} is ${want ?? 'no marker'}`, () => assert.equal(titleStatus(title), want));
  }
  it('reads configured words in markers', () => assert.equal(titleStatus('Crash (Shipped)', words([], ['Shipped'])), 'resolved'));
});

describe('vocabulary: statistics labels (statLabel)', () => {
  const cases: [string, string | undefined][] = [
    ['Total', 'total'],
    ['Total Issues', 'total'],
    ['Total Bugs', 'total'],
    ['Total Bugs Found', 'total'],
    ['Total Findings', 'total'],
    ['Total Issues Found', 'total'],
    ['Resolved', 'resolved'],
    ['Fixed', 'resolved'],
    ['Closed', 'resolved'],
    ['Done', 'resolved'],
    ['✅ Resolved', 'resolved'],
    ['Open', 'open'],
    ['Active', 'open'],
    ['Remaining', 'open'],
    ['Outstanding', 'open'],
    ['Open Issues', 'open'],
    ['Critical', 'critical'],
    ['High', 'high'],
    ['Medium', 'medium'],
    ['Low', 'low'],
    ['P0', 'critical'],
    ['S2', 'high'],
    ['Blockers', 'critical'],
    ['Minor', 'low'],
    ['🔴 Critical', 'critical'],
    ['High Priority', 'high'],
    ['Critical Issues', 'critical'],
    // parts of a count, or not a count: not read
    ['Deferred', undefined],
    ['In Progress', undefined],
    ["Won't Fix", undefined],
    ['Resolved (this week)', undefined],
    ['Open Critical', undefined],
    ['Average Resolution Time', undefined],
  ];
  for (const [label, want] of cases) {
    it(`${JSON.stringify(label)} is ${want ?? 'not a count'}`, () => assert.equal(statLabel(label), want));
  }
  it('reads a configured severity word as its severity', () => {
    const v: Vocabulary = { ...NO_WORDS, severity: { Critical: [], High: [], Medium: [], Low: ['Cosmetic'] } };
    assert.equal(statLabel('Cosmetic', v), 'low');
    assert.equal(statLabel('Cosmetic'), undefined);
  });
});

describe('vocabulary: a Status Legend table', () => {
  const cell = (text: string) => ({ text, start: 0, end: 0, at: WHOLE });
  const table = (header: string[], ...rows: string[][]): TableFact => ({ start: 0, end: 0, at: WHOLE, header: header.map(cell), rows: rows.map((r) => ({ start: 0, end: 0, at: WHOLE, cells: r.map(cell) })) });

  it('reads each word by its meaning; a word whose meaning says neither is defined', () => {
    const legend = readLegend([
      table(
        ['Status', 'Meaning'],
        ['🔴 Open', 'Not yet started'],
        ['🛠️ Cooking', 'Being worked on'],
        ['✅ Shipped', 'Fixed and deployed'],
        ['⏸️ Parked', 'On hold until next quarter'],
        ['Deferred', 'Moved to a later release'],
      ),
    ]);
    assert.deepEqual(legend, { open: ['Open', 'Cooking', 'Deferred'], resolved: ['Shipped'], defined: ['Parked'] });
  });
  it('reads State / Description / Icon columns', () => {
    assert.deepEqual(readLegend([table(['Icon', 'State', 'Description'], ['🟢', 'Live', 'Resolved in production'])]), { open: [], resolved: ['Live'], defined: [] });
  });
  it('is not a register table, nor a table with other columns', () => {
    assert.equal(readLegend([table(['ID', 'Description', 'Status'], ['CRIT-001', 'Pool exhaustion', 'On Hold'])]), undefined);
    assert.equal(readLegend([table(['Status', 'Description'], ['CRIT-001', 'Pool exhaustion'])]), undefined);
    assert.equal(readLegend([table(['Status', 'Count'], ['Open', '3'])]), undefined);
  });
  const meanings: [string, string | undefined][] = [
    ['Resolved and verified', 'resolved'],
    ['Done', 'resolved'],
    ['Not yet fixed', 'open'],
    ['Work in progress', 'open'],
    ['Pending review', 'open'],
    ['Unresolved', 'open'],
    ['Fixed, but not yet deployed', undefined],
    ['No longer relevant', undefined],
  ];
  for (const [meaning, want] of meanings) {
    it(`meaning ${JSON.stringify(meaning)} is ${want ?? 'neither'}`, () => assert.equal(meaningClass(meaning), want));
  }
});
