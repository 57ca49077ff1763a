/**
 * Seeded random Markdown for the block-wise parsing tests: issue-log-like documents with the
 * constructs that decide where a document may be split (ATX headings, fences with `#` lines inside,
 * fences in lists and quotes, indented code, HTML blocks, reference definitions used across blocks),
 * and the comparison of facts.
 */
import type { ParsedFacts } from '../../server/src/core/model';

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
}

const WORDS = ['pool', 'cache', 'query', 'latency', 'timeout', 'index', 'deploy', 'Node.js', "can't", 'N+1', '(retry)', 'fix', 'see', 'the', 'and'];
const IDS = ['CRIT-001', 'CRIT-002', 'HIGH-003', 'MED-004', 'LOW-010', 'OPEN-001', 'CRIT-1234'];
const LABELS = ['ref-a', 'Ref B', 'runbook', 'postmortem 1', 'x'];

function words(g: Gen, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(g.chance(0.1) ? g.pick(IDS) : g.pick(WORDS));
  return out.join(' ');
}

function inline(g: Gen): string {
  const parts = [words(g, 1 + g.int(6))];
  const r = g.int(14);
  if (r === 0) parts.push(`[${words(g, 2)}](../0${g.int(3)}-Phase/issues-and-solutions.md#issue-${1 + g.int(5)})`);
  if (r === 1) parts.push(`[${words(g, 1)}][${g.pick(LABELS)}]`);
  if (r === 2) parts.push(`[${g.pick(LABELS)}]`);
  if (r === 3) parts.push(`\`${g.pick(IDS)}\``);
  if (r === 4) parts.push(`<https://example.com/${g.pick(IDS)}>`);
  if (r === 5) parts.push(`[${g.pick(LABELS).toUpperCase()}][]`);
  if (r === 6) parts.push(`[local](#${g.pick(['overview', 'issue-1', 'crit-001-pool', 'anchor-x'])})`);
  if (r === 7) parts.push(`<a name="anchor-${g.int(3)}"></a>`);
  return parts.join(' ');
}

function fence(g: Gen, indent = ''): string[] {
  const ch = g.pick(['`', '~']);
  const len = 3 + g.int(2);
  const open = ch.repeat(len) + g.pick(['', 'bash', 'md', ' text']);
  const body: string[] = [];
  for (let i = 0; i < 1 + g.int(4); i++) {
    body.push(
      g.pick([
        '# a comment that looks like a heading',
        '## CRIT-009: not an entry',
        `- **Status**: Open`,
        '[ref-a]: ./inside-code.md',
        `see ${g.pick(IDS)}`,
        ch.repeat(len - 1),
        '<!--',
        '',
      ]),
    );
  }
  const close = g.chance(0.9) ? ch.repeat(len + g.int(2)) : ch.repeat(len - 1) + ' not a close';
  return [indent + open, ...body.map((b) => (b ? indent + b : b)), indent + close];
}

function fields(g: Gen, indent = ''): string[] {
  const names = ['Status', 'Severity', 'Time to Resolution', 'Reference', 'Date', 'Assigned', 'Phase'];
  const values = ['Open', 'Resolved', 'Critical', '3 hours', '[TBD]', '2026-01-0' + (1 + g.int(8)), `[Issue 2](../01-P/issues-and-solutions.md#issue-2)`, 'Won\'t Fix'];
  const bullet = g.pick(['-', '*', '+']);
  const out: string[] = [];
  for (let i = 0; i < 1 + g.int(5); i++) out.push(`${indent}${bullet} **${g.pick(names)}**: ${g.pick(values)}`);
  return out;
}

function heading(g: Gen): string {
  const level = 1 + g.int(4);
  const text = g.pick([
    () => `${g.pick(IDS)}: ${words(g, 2)}`,
    () => `Issue ${1 + g.int(9)}${g.chance(0.5) ? ': ' + words(g, 2) : ''}`,
    () => `${g.pick(['Critical', 'High Priority', 'Open'])} Issues`,
    () => 'Issue Summary Statistics',
    () => words(g, 1 + g.int(3)),
  ])();
  return `${'#'.repeat(level)} ${text}${g.chance(0.05) ? ' ##' : ''}`;
}

/** One random section (a heading and what follows it). */
function section(g: Gen): string[] {
  const out: string[] = [heading(g)];
  if (g.chance(0.7)) out.push(...fields(g));
  const n = g.int(5);
  for (let i = 0; i < n; i++) {
    out.push('');
    const r = g.int(17);
    if (r <= 3) out.push(inline(g), ...(g.chance(0.3) ? [inline(g)] : []));
    else if (r === 4) out.push(...fence(g));
    else if (r === 5) out.push(`- item ${words(g, 1)}`, '', ...fence(g, '  '), ...(g.chance(0.5) ? ['', '  more of the item'] : []));
    else if (r === 6) out.push(...fence(g, '> '));
    else if (r === 7) out.push('    # indented code, not a heading', '    ```', '    more code');
    else if (r === 8) out.push('<div>', `# ${words(g, 1)} inside an HTML block`, '</div>');
    else if (r === 9) out.push('<!--', '# commented out heading', g.chance(0.5) ? '-->' : 'still open', ...(g.chance(0.5) ? [] : ['-->']));
    else if (r === 10) out.push('| Severity | Avg Resolution Time | Target SLA |', '|---|---|---|', `| Critical | ${1 + g.int(9)} hours | < 4 hours |`, `| High | ${g.int(30)}.5 hours | < 24 hours |`);
    else if (r === 11) out.push(`[${g.pick(LABELS)}]: ${g.pick(['./a.md', '../missing.md#x', '#overview', '<./with space.md>'])}${g.chance(0.3) ? ' "title"' : ''}`);
    else if (r === 12) out.push('*Last Updated: 2026-0' + (1 + g.int(9)) + '-15*', '*Next Review: Weekly on Mondays*');
    else if (r === 13) out.push(`> ${inline(g)}`, `> # quoted heading ${words(g, 1)}`, inline(g));
    else if (r === 14) out.push(...fields(g), ...(g.chance(0.5) ? ['  continued text', `  [${words(g, 1)}][${g.pick(LABELS)}]`] : []));
    else if (r === 15) out.push(`#${words(g, 1)} is not a heading`, `#5 neither`, `${words(g, 2)}`, '=====');
    else out.push('---', words(g, 3));
  }
  out.push('');
  return out;
}

export function randomDocument(seed: number, sections = 4 + (seed % 12)): string {
  const g = new Gen(prng(seed));
  const out: string[] = [];
  if (g.chance(0.2)) out.push('---', 'title: x', '# not front matter in remark', '---', '');
  for (let i = 0; i < sections; i++) out.push(...section(g));
  if (g.chance(0.1)) out.push('```', '# unclosed fence at the end');
  const eol = g.chance(0.1) ? '\r\n' : '\n';
  return out.join(eol);
}

/** Facts in a form that compares structurally (undefined keys dropped, lists in document order). */
export function normalizeFacts(f: ParsedFacts): unknown {
  const byStart = <T extends { start: number }>(xs: T[]) => [...xs].sort((a, b) => a.start - b.start || ((a as { end?: number }).end ?? 0) - ((b as { end?: number }).end ?? 0));
  return JSON.parse(
    JSON.stringify({
      headings: byStart(f.headings),
      links: byStart(f.links),
      referenceUses: byStart(f.referenceUses),
      htmlIds: byStart(f.htmlIds),
      mentions: byStart(f.mentions),
      tables: byStart(f.tables),
      footer: byStart(f.footer),
      problems: f.problems,
    }),
  );
}

/**
 * Markdown constructs, each whole lines ending in a newline, that the fuzz suite inserts into
 * documents or strings together (test/fuzz/arbitraries.ts): fences (closed and not), HTML comments
 * and blocks, tables (resolution tables, registers, broken ones), lists and fields, headings (entries,
 * statistics, setext), reference definitions, links, quotes, front matter, footers.
 */
export const CONSTRUCTS: readonly string[] = [
  '```\n# inside a fence\n```\n',
  '```\n',
  '~~~md\n[link](./x.md#y)\n',
  '    indented code CRIT-001\n',
  '<!--\n',
  '-->\n',
  '<!-- ## CRIT-009: commented -->\n',
  '<div>\n# in html\n</div>\n',
  '<a id="anchor-1"></a>\n',
  '| Severity | Avg Resolution Time | Target SLA |\n|---|---|---|\n| Critical | 3 hours | < 4 hours |\n| High | 2.5 days | < 24 hours |\n',
  '| ID | Status | Severity |\n|---|---|---|\n| CRIT-001 | Open | Critical |\n| BUG-9 | Resolved | Low |\n',
  '| a | b |\n|---|\n| broken |\n',
  '| Field | Value |\n|---|---|\n| Status | Open |\n| Severity | High |\n',
  '- **Status**: Open\n',
  '- **Status**: Resolved\n- **Severity**: Critical\n- **Time to Resolution**: 5 hours\n',
  '* **Reference**: [Issue 1](../04-Backend-Optimization/issues-and-solutions.md#issue-1)\n',
  '- **Status**: [TBD]\n',
  '**Status:** Closed  \n**Severity:** P1\n',
  '1. first\n   - nested **Status**: Open\n     > quoted\n',
  '- a\n\n      code in a list\n',
  '## CRIT-777: New entry\n',
  '### Issue 3: numbered\n',
  '### OPEN-001: Open one\n- **Severity**: Medium\n',
  '**BUG-12: bold entry**\n',
  '#### Bug #4 — dash\n',
  '## Issue Summary Statistics\n- **Total Issues**: 7\n- **Open**: 2\n- **Critical**: 3\n',
  'Setext heading\n===\n',
  'Another\n---\n',
  '#\n',
  '###### deep ######\n',
  '[ref-a]: ./a.md#top "title"\n',
  '[Ref B]: <../missing dir/x.md>\n',
  'See [the log](../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistics) and [ref-a] and [x][Ref B].\n',
  'Mentions CRIT-001, HIGH-002, ZED-1 and `MED-003`.\n',
  '<https://example.com/CRIT-001> [mail](mailto:a@b.c)\n',
  '> ## quoted heading\n> - **Status**: Open\n',
  '---\ntitle: front\n---\n',
  '*Last Updated: 2026-01-01*\n*Next Review: Weekly on Mondays*\n',
  '\n',
  '\r\n',
  'text with a lone CR\rafter it\n',
  'NUL \0 inside\n',
  '\\# escaped \\[not a link\\](x)\n',
  '[unclosed link(./x.md\n',
  '![image](./img.png#frag)\n',
];
