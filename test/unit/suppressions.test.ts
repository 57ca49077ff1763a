/**
 * Inline suppressions (contract v2, end of "Rules"; core/suppressions.ts): every form, with and
 * without codes, and the unused-suppression reports, through the rules as the CLI and server run them.
 */
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, buildDocument, parseWhole, readDocument } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import type { IssueLogSettings } from '../../server/src/core/config';
import { absoluteFacts } from './factsView';
import { joinLines, uriOf, workspace } from './helpers';

/** A log whose lines 4, 5 and 7 have findings: unknown-status, placeholder, undefined-issue. */
function log(...around: { at: number; lines: string[] }[]): string {
  const lines = ['# Log', '', '### CRIT-001: A', '- **Status**: Frobbed', '- **Date**: TBD', '', 'See CRIT-404.'];
  // Inserted from the last place to the first, so each `at` is a line number of the plain log (1-based: before that line).
  for (const a of [...around].sort((x, y) => y.at - x.at)) lines.splice(a.at - 1, 0, ...a.lines);
  return joinLines(...lines);
}

const codesOf = (text: string, settings: IssueLogSettings = {}) => workspace({ 'M.md': text }, settings).codes('M.md');
const unusedAt = (text: string, settings: IssueLogSettings = {}) => {
  const w = workspace({ 'M.md': text }, settings);
  return w.diagnostics('M.md').filter((d) => d.code === 'unused-suppression').map((d) => `${d.range.start.line + 1}:${w.textAt('M.md', d.range)}`);
};

describe('suppressions', () => {
  it('the plain log has its three findings', () => {
    assert.deepEqual(codesOf(log()), ['unknown-status@4', 'placeholder@5', 'undefined-issue@7']);
  });

  describe('disable-next-line', () => {
    it('without a code: every rule on the next line, and only there', () => {
      assert.deepEqual(codesOf(log({ at: 4, lines: ['<!-- issue-log-disable-next-line -->'] })), ['placeholder@6', 'undefined-issue@8']);
    });

    it('with a code: that rule only', () => {
      assert.deepEqual(codesOf(log({ at: 7, lines: ['<!-- issue-log-disable-next-line undefined-issue -->'] })), ['unknown-status@4', 'placeholder@5']);
      assert.deepEqual(codesOf(log({ at: 7, lines: ['<!-- issue-log-disable-next-line placeholder -->'] })), ['unknown-status@4', 'placeholder@5', 'unused-suppression@7', 'undefined-issue@8']);
    });

    it('several codes, separated by spaces or commas, in any case', () => {
      const text = joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Frobbed, see CRIT-404', '');
      assert.deepEqual(codesOf(text), ['unknown-status@4', 'undefined-issue@4']);
      assert.deepEqual(codesOf(text.replace('### CRIT-001: A\n', '### CRIT-001: A\n<!-- issue-log-disable-next-line unknown-status,UNDEFINED-ISSUE -->\n')), []);
      assert.deepEqual(codesOf(text.replace('### CRIT-001: A\n', '### CRIT-001: A\n<!--issue-log-disable-next-line unknown-status  undefined-issue-->\n')), []);
    });

    it('inline after text: the line after the comment', () => {
      assert.deepEqual(codesOf(log({ at: 7, lines: ['Some words <!-- issue-log-disable-next-line undefined-issue -->'] })), ['unknown-status@4', 'placeholder@5']);
    });

    it('a comment over two lines: the line after its end', () => {
      assert.deepEqual(codesOf(log({ at: 7, lines: ['<!-- issue-log-disable-next-line', 'undefined-issue -->'] })), ['unknown-status@4', 'placeholder@5']);
    });

    it('at the end of the file: suppresses nothing, and says so', () => {
      const text = log() + '<!-- issue-log-disable-next-line -->';
      assert.deepEqual(codesOf(text), ['unknown-status@4', 'placeholder@5', 'undefined-issue@7', 'unused-suppression@8']);
      assert.deepEqual(codesOf(text + '\n'), ['unknown-status@4', 'placeholder@5', 'undefined-issue@7', 'unused-suppression@8']);
    });
  });

  describe('disable … enable', () => {
    it('covers from the disabling line to the enabling one', () => {
      const text = log({ at: 4, lines: ['<!-- issue-log-disable placeholder unknown-status -->'] }, { at: 6, lines: ['<!-- issue-log-enable placeholder unknown-status -->'] });
      assert.deepEqual(codesOf(text), ['undefined-issue@9']);
      // Re-enabled before line 5: the placeholder is reported again, its code of the disable is unused.
      const early = log({ at: 4, lines: ['<!-- issue-log-disable placeholder unknown-status -->'] }, { at: 5, lines: ['  <!-- issue-log-enable placeholder -->'] });
      assert.deepEqual(codesOf(early), ['unused-suppression@4', 'placeholder@7', 'undefined-issue@9']);
    });

    it('without enable: to the end of the file', () => {
      assert.deepEqual(codesOf(log({ at: 1, lines: ['<!-- issue-log-disable -->'] })), []);
      assert.deepEqual(codesOf(log({ at: 5, lines: ['  <!-- issue-log-disable undefined-issue placeholder -->'] })), ['unknown-status@4']);
    });

    it('the disabling comment covers its own line; an enabling one re-enables its own', () => {
      assert.deepEqual(codesOf(log({ at: 7, lines: ['See CRIT-405. <!-- issue-log-disable undefined-issue -->'] })), ['unknown-status@4', 'placeholder@5']);
      assert.deepEqual(codesOf(log({ at: 4, lines: ['<!-- issue-log-disable -->'] }, { at: 7, lines: ['See CRIT-405. <!-- issue-log-enable -->'] })), ['undefined-issue@8', 'undefined-issue@9']);
    });

    it('enable of one code after disable of every rule: that code only comes back', () => {
      const text = log({ at: 4, lines: ['<!-- issue-log-disable -->'] }, { at: 5, lines: ['  <!-- issue-log-enable placeholder -->'] });
      assert.deepEqual(codesOf(text), ['placeholder@7']);
    });

    it('enable of a code not disabled: no effect, reported', () => {
      assert.deepEqual(unusedAt(log({ at: 5, lines: ['  <!-- issue-log-enable placeholder -->'] })), ['5:placeholder']);
      assert.deepEqual(codesOf(log({ at: 5, lines: ['  <!-- issue-log-enable placeholder -->'] })).filter((c) => !c.startsWith('unused')), ['unknown-status@4', 'placeholder@6', 'undefined-issue@8']);
      assert.deepEqual(unusedAt(log({ at: 5, lines: ['  <!-- issue-log-enable -->'] })), ['5:<!-- issue-log-enable -->']);
      // Enabled, then enabled again: the second one enables nothing.
      const twice = log({ at: 4, lines: ['<!-- issue-log-disable unknown-status -->'] }, { at: 5, lines: ['  <!-- issue-log-enable unknown-status -->', '  <!-- issue-log-enable unknown-status -->'] });
      assert.deepEqual(unusedAt(twice), ['7:unknown-status']);
    });
  });

  describe('disable-file', () => {
    it('anywhere in the file, with or without codes', () => {
      assert.deepEqual(codesOf(log() + '\n<!-- issue-log-disable-file undefined-issue unknown-status -->\n'), ['placeholder@5']);
      assert.deepEqual(codesOf('<!-- issue-log-disable-file -->\n' + log()), []);
    });
  });

  describe('only real HTML comments', () => {
    it('not in a code span, a fenced or an indented code block, and not reported as unused there', () => {
      const quoted = ['`<!-- issue-log-disable-file -->`', '', '```', '<!-- issue-log-disable-file -->', '```', '', '    <!-- issue-log-disable-file -->', ''];
      assert.deepEqual(codesOf(log({ at: 1, lines: quoted })), ['unknown-status@12', 'placeholder@13', 'undefined-issue@15']);
    });

    it('not a similar word, an unclosed comment, or a comment quoted in an attribute', () => {
      for (const line of ['<!-- issue-log-disabled -->', '<!-- issue-log-disable-next-lines -->', '<!-- issue-log-disable', '<img alt="<!-- issue-log-disable-file -->" src="x.png">']) {
        const found = codesOf(log({ at: 7, lines: [line, ''] })).filter((c) => c.startsWith('undefined-issue'));
        assert.deepEqual(found.length, line === '<!-- issue-log-disable' ? 0 : 1, line);
      }
    });

    it('in a block quote and a list item, as the parse reads them', () => {
      const text = joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Frobbed', '  <!-- issue-log-disable-next-line placeholder -->', '- **Date**: TBD', '', '> <!-- issue-log-disable-next-line', '> undefined-issue -->', '> See CRIT-404.');
      assert.deepEqual(codesOf(text), ['unknown-status@4']);
    });

    it('fields under a suppression comment are still the heading\'s fields', () => {
      assert.deepEqual(codesOf(log({ at: 4, lines: ['<!-- issue-log-disable-next-line unknown-status -->'] })), ['placeholder@6', 'undefined-issue@8']);
    });
  });

  describe('unused-suppression', () => {
    it('a code that suppressed nothing: a hint at the code, marked unnecessary', () => {
      const w = workspace({ 'M.md': log({ at: 4, lines: ['<!-- issue-log-disable-next-line unknown-status placeholder -->'] }) });
      const [d] = w.diagnostics('M.md').filter((x) => x.code === 'unused-suppression');
      assert.equal(w.textAt('M.md', d.range), 'placeholder');
      assert.equal(d.severity, DiagnosticSeverity.Hint);
      assert.deepEqual(d.tags, [DiagnosticTag.Unnecessary]);
      assert.deepEqual(d.codeDescription, { href: 'https://github.com/issue-log/issue-log/blob/main/docs/rules/unused-suppression.md' });
    });

    it('a comment without codes that suppressed nothing: at the comment', () => {
      assert.deepEqual(unusedAt(log({ at: 6, lines: ['<!-- issue-log-disable-next-line -->'] })), ['6:<!-- issue-log-disable-next-line -->']);
      assert.deepEqual(unusedAt(log({ at: 8, lines: ['<!-- issue-log-disable -->'] })), ['8:<!-- issue-log-disable -->']);
      assert.deepEqual(unusedAt(log({ at: 8, lines: ['<!-- issue-log-disable-file -->'] })), []);
    });

    it('an unknown code, reported even while the index is partial', () => {
      const text = log({ at: 7, lines: ['<!-- issue-log-disable-next-line undefined-isue undefined-issue -->'] });
      assert.deepEqual(unusedAt(text), ['7:undefined-isue']);
      const w = workspace({ 'M.md': text });
      const partial = computeDiagnostics(w.index, uriOf('M.md'), ruleOptions(w.index.options, '2025-08-02', true)).filter((d) => d.code === 'unused-suppression');
      assert.deepEqual(partial.map((d) => w.textAt('M.md', d.range)), ['undefined-isue']);
    });

    it('not while the index is partial (the rules that need every file are left out then)', () => {
      const text = log({ at: 7, lines: ['<!-- issue-log-disable-next-line undefined-issue -->'] }, { at: 1, lines: ['<!-- issue-log-disable-file duplicate-issue -->'] });
      const w = workspace({ 'M.md': text });
      assert.deepEqual(w.codes('M.md'), ['unused-suppression@1', 'unknown-status@5', 'placeholder@6']);
      const partial = computeDiagnostics(w.index, uriOf('M.md'), ruleOptions(w.index.options, '2025-08-02', true));
      assert.deepEqual(partial.map((d) => `${d.code}@${d.range.start.line + 1}`), ['unknown-status@5', 'placeholder@6']);
    });

    it('not when the rule it names is off; the report itself follows its setting', () => {
      const text = log({ at: 1, lines: ['<!-- issue-log-disable-file sla-breach -->'] });
      assert.deepEqual(unusedAt(text), ['1:sla-breach']);
      assert.deepEqual(unusedAt(text, { rules: { 'sla-breach': 'off' } }), []);
      assert.deepEqual(unusedAt(text, { rules: { 'unused-suppression': 'off' } }), []);
      const w = workspace({ 'M.md': text }, { rules: { 'unused-suppression': 'warning' } });
      assert.deepEqual(w.diagnostics('M.md').filter((d) => d.code === 'unused-suppression').map((d) => d.severity), [DiagnosticSeverity.Warning]);
    });

    it('silenced by a suppression that names unused-suppression, not by one without codes', () => {
      assert.deepEqual(unusedAt(log({ at: 1, lines: ['<!-- issue-log-disable-file unused-suppression -->', '<!-- issue-log-disable-file sla-breach -->'] })), []);
      assert.deepEqual(unusedAt(log({ at: 8, lines: ['<!-- issue-log-disable -->'] })), ['8:<!-- issue-log-disable -->']);
    });

    it('a suppression that is used is not reported, also when another covers the same finding', () => {
      assert.deepEqual(unusedAt(log({ at: 1, lines: ['<!-- issue-log-disable-file placeholder -->'] }, { at: 5, lines: ['  <!-- issue-log-disable-next-line placeholder -->'] })), []);
    });
  });

  it('an edit keeps the suppression facts as a fresh read has them', () => {
    const options = resolveOptions({});
    const text = log({ at: 4, lines: ['<!-- issue-log-disable-next-line unknown-status -->'] }, { at: 7, lines: ['', '<!-- issue-log-disable undefined-issue -->'] });
    const open = new OpenDocument(uriOf('M.md'), options);
    open.update(text);
    const at = text.indexOf('unknown-status -->');
    const edited = text.slice(0, at) + 'placeholder ' + text.slice(at);
    const doc = open.update(edited, { start: at, end: at });
    assert.deepStrictEqual(absoluteFacts(doc), absoluteFacts(buildDocument(uriOf('M.md'), edited, parseWhole(edited, options), options)));
    assert.deepEqual(doc.suppressions.map((s) => [s.kind, s.codes.map((c) => c.code)]), [['disable-next-line', ['placeholder', 'unknown-status']], ['disable', ['undefined-issue']]]);
    assert.deepEqual(readDocument(uriOf('M.md'), edited, options).suppressions.length, 2);
  });
});
