/**
 * A large issue log for the tests of large open documents: many entries with a list of fields each,
 * about `bytes` long, with something to report (a stale statistic, an undefined ID, a duplicate ID,
 * a broken anchor), so that its diagnostics say whether it was read.
 */
export function bigLog(bytes: number, prefix = 'CRIT'): string {
  const id = (i: number) => `${prefix}-${String(i).padStart(5, '0')}`;
  const lines = ['# Big Issue Log', '', '## Issue Summary Statistics', '', '- **Total Issues**: 0', '', '## Issues', ''];
  let size = lines.join('\n').length;
  for (let i = 1; size < bytes; i++) {
    const entry = [
      `### ${id(i)}: Connection pool exhaustion number ${i}`,
      `- **Status**: ${i % 3 === 0 ? 'Open' : 'Resolved'}`,
      '- **Severity**: High',
      '- **Component**: backend',
      `- **Description**: The pool ran out under load ${i}; see ${id(Math.max(1, i - 1))} and [the summary](#issue-summary-statistics).`,
      `- **Root Cause**: Too many idle connections held by worker ${i}`,
      '- **Solution**: PgBouncer in transaction mode',
      '',
    ];
    lines.push(...entry);
    size += entry.join('\n').length + 1;
  }
  lines.push(`### ${id(2)}: Connection pool exhaustion again`, '- **Status**: Open', `- **Description**: Like ${prefix}-99999, see [there](#no-such-heading).`, '');
  return lines.join('\n');
}
