/**
 * One log with a problem of every kind, written with each line ending (LF, CRLF, lone CR, mixed) and
 * with a byte order mark: the line-ending tests of the core, the CLI and the server read the same
 * problems at the same line:column from each.
 */

/** The log's lines: each problem is on its own line (line numbers in the comments are zero-based). */
export const LOG_LINES = [
  '### CRIT-001: Pool exhausted', // 0: duplicate-issue (a BOM shifts this line only)
  '- **Status**: Open',
  '- **Severity**: Critical',
  '',
  '# Log',
  '',
  'See CRIT-404 and [the pool](#crit-001-pool-exhaustd), **BUG-9: x**.', // 6: undefined-issue, broken-anchor, undefined-issue
  '',
  '## Issue Summary Statistics',
  '- **Total Issues**: 5', // 9: stale-stat
  '- **Open**: 1',
  '',
  // A bold entry with text on its next line (CRLF and CR must end its line as LF does).
  '**BUG-7: bold entry**',
  'Found in staging.',
  '',
  '- **Status**: Opne', // 15: unknown-status
  '',
  // A fence right after a paragraph line: the heading in it is code, whatever the line endings.
  'text',
  '```',
  '# CRIT-002: inside code',
  '```',
  '',
  '### CRIT-001: Pool exhausted again', // 22: duplicate-issue
  '- **Status**: Resolved',
  '- **Date**: [TBD]', // 24: placeholder
  '- **Reference**: [x](./missing.md) and', // 25: broken-link
  '  more text [y](#nowhere)', // 26: broken-anchor
  '',
  '*Last Updated: 2020-01-01*', // 28: review-overdue (needs the next line read as a line of its own)
  '*Next Review: Weekly on Mondays*',
  '',
];

/** A file whose fields are its front matter: the status is unknown, the mention undefined. */
export const FRONT_MATTER_LINES = ['---', 'status: Opne', 'severity: Critical', '---', '', '# CRIT-050: Front matter entry', '', 'See CRIT-002.', ''];

export const TODAY = '2026-11-28';

export type Ending = 'LF' | 'CRLF' | 'CR' | 'mixed' | 'BOM';
export const ENDINGS: readonly Ending[] = ['LF', 'CRLF', 'CR', 'mixed', 'BOM'];

/** The lines joined with `ending` (mixed: LF, CRLF and CR in turn; BOM: U+FEFF then LF). */
export function written(lines: readonly string[], ending: Ending): string {
  if (ending === 'mixed') {
    let out = '';
    let previous = '';
    lines.forEach((l, i) => {
      if (i === lines.length - 1) return void (out += l);
      let eol = ['\n', '\r\n', '\r'][i % 3];
      // A CR, an empty line and a LF would be one CRLF.
      if (l === '' && previous === '\r' && eol === '\n') eol = '\r\n';
      out += l + eol;
      previous = eol;
    });
    return out;
  }
  const eol = ending === 'CRLF' ? '\r\n' : ending === 'CR' ? '\r' : '\n';
  return (ending === 'BOM' ? '\uFEFF' : '') + lines.join(eol);
}
