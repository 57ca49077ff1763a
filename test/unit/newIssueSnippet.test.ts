/**
 * *New Issue…*'s entry as a snippet (issue 14): the entry of the plain edit with tab stops for its
 * `[TBD]` values; the title, date, Status and Severity as chosen (inline fixtures, the core alone).
 */
import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import type { IssueSeverity } from '../../server/src/core/config';
import { planNewIssue } from '../../server/src/core/features/newEntry';
import { joinLines, uriOf, workspace } from './helpers';

/**
 * The text a snippet inserts when every tab stop is `[TBD]` and every choice its first, read as the
 * snippet grammar reads it (`\` escapes `$`, `}` and `\`; `${N:default}`, `${N|a,b|}`, `$N`), and its
 * stops in order.
 */
function readSnippet(snippet: string): { text: string; stops: { n: number; body: string }[] } {
  let text = '';
  const stops: { n: number; body: string }[] = [];
  for (let i = 0; i < snippet.length; ) {
    const rest = snippet.slice(i);
    const escaped = /^\\([\\$}])/.exec(rest);
    const stop = /^\$\{(\d+)([:|])((?:\\.|[^\\}])*)\}/.exec(rest);
    const bare = /^\$(\d+)/.exec(rest);
    if (escaped) text += escaped[1];
    else if (stop) {
      stops.push({ n: Number(stop[1]), body: stop[2] + stop[3] });
      text += stop[2] === ':' ? '[TBD]' : stop[3].slice(0, -1).split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
    } else if (bare) stops.push({ n: Number(bare[1]), body: '' });
    else text += snippet[i];
    i += (escaped ?? stop ?? bare)?.[0].length ?? 1;
  }
  return { text, stops };
}

function plan(text: string, severity: IssueSeverity, title: string, settings = {}) {
  const ws = workspace({ 'log.md': text }, settings);
  const p = planNewIssue(ws.index, uriOf('log.md'), text, severity, title, '2026-11-28');
  assert.ok(p, 'a plan');
  const entry: TextEdit = p.edit.changes![uriOf('log.md')][0];
  return { snippet: p.snippet, entry, read: readSnippet(p.snippet) };
}

const SEED = joinLines(
  '# Master Issue Log',
  '',
  '## High Priority Issues',
  '',
  '### HIGH-001: Tree shaking',
  '- **Phase**: Frontend',
  '- **Status**: Open',
  '',
  '## Lessons',
);

describe("New Issue's entry as a snippet", () => {
  it('is the plain entry with tab stops for its [TBD] values; title, date and Status as written', () => {
    const r = plan(SEED, 'High', 'Cache stampede');
    assert.equal(r.read.text, r.entry.newText);
    assert.ok(!r.snippet.includes('[TBD]'), r.snippet);
    // At a section's end after its blank line: no blank line before, one after (before `## Lessons`).
    assert.equal(r.snippet, joinLines(
      '### HIGH-002: Cache stampede',
      '- **Phase**: ${1:Phase}',
      '- **Date**: 2026-11-28',
      '- **Status**: Open',
      '- **Impact**: ${2:Impact}',
      '- **Assigned**: ${3:Assigned}',
      '- **Resolution**: ${4:Resolution}',
      '- **Reference**: ${5:Reference}',
      '$0',
    ));
  });

  it('writes the log dialects the plain entry writes: severity chosen, not a choice; Status its word, not a choice', () => {
    const bugs = joinLines('# Bugs', '', '### [BUG-011] Crash', '| Field | Value |', '|---|---|', '| **Priority** | P1 |', '| **Status** | 🔴 Open |', '| **Owner** | Ann |', '');
    const bug = plan(bugs, 'Critical', 'Data loss', { prefixes: { BUG: '' } });
    assert.equal(bug.read.text, bug.entry.newText);
    assert.match(bug.snippet, /\| \*\*Priority\*\* \| P0 \|\n\| \*\*Status\*\* \| 🔴 Open \|\n\| \*\*Owner\*\* \| \$\{1:Owner\} \|\n/);
    const numbered = joinLines('# Phase 2', '', '## Issue 1', '**Title**: Slow start  ', '**Status**: Open  ', '**Severity**: 🟠 High  ', '**Owner**: Ann  ');
    const n = plan(numbered, 'Low', 'Typo');
    assert.equal(n.read.text, n.entry.newText);
    assert.match(n.snippet, /## Issue 2\n\*\*Title\*\*: Typo {2}\n\*\*Status\*\*: Open {2}\n\*\*Severity\*\*: 🟢 Low {2}\n\*\*Owner\*\*: \$\{1:Owner\} {2}\n/);
  });

  it('keeps a title literal: snippet syntax escaped, `**`, `[TBD]` and `$` in it never read as fields or stops', () => {
    const title = 'Cost $HOME ${1:x} } \\ **Owner**: [TBD]';
    const r = plan(SEED, 'High', title);
    assert.equal(r.read.text, r.entry.newText);
    assert.ok(r.entry.newText.includes(`### HIGH-002: ${title}\n`));
    assert.deepEqual(r.read.stops.map((s) => s.body), [':Phase', ':Impact', ':Assigned', ':Resolution', ':Reference', '']);
    // Control characters the entry is written with are dropped from a title, not read.
    const odd = plan(SEED, 'High', 'A\u0001B\u0002C\u0003D');
    assert.ok(odd.entry.newText.includes('### HIGH-002: ABCD\n') && odd.snippet.includes('### HIGH-002: ABCD\n'), odd.snippet);
  });

  it('an empty title is the first tab stop', () => {
    const r = plan(SEED, 'High', '');
    assert.match(r.snippet, /### HIGH-002: \$\{1:Title\}\n- \*\*Phase\*\*: \$\{2:Phase\}\n/);
  });

  it("uses the log's line ending", () => {
    const r = plan(SEED.replace(/\n/g, '\r\n'), 'High', 'Cache stampede');
    assert.equal(r.read.text, r.entry.newText);
    assert.ok(r.snippet.includes('### HIGH-002: Cache stampede\r\n- **Phase**: ${1:Phase}\r\n'));
    assert.ok(!/[^\r]\n/.test(r.snippet));
  });
});
