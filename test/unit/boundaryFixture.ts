/** The boundary tests' workspace on disk (test/unit/boundaries.test.ts, test/lsp/boundaries.test.ts). */
import fs from 'node:fs';
import * as path from 'node:path';

/** A workspace `ws` beside a folder `out` (outside it), under a fresh /tmp/bound-… folder. */
export function makeBoundaryFixture(): { top: string; ws: string; out: string } {
  const top = fs.realpathSync(fs.mkdtempSync('/tmp/bound-'));
  const ws = path.join(top, 'ws');
  const out = path.join(top, 'out');
  fs.mkdirSync(path.join(ws, 'docs'), { recursive: true });
  fs.mkdirSync(path.join(out, 'deep'), { recursive: true });
  // Outside: Markdown with headings (whose anchors must not be judged) and an issue entry (which must not count).
  fs.writeFileSync(path.join(out, 'o.md'), '# Out\n\n## There\n\n### BUG-001: Also outside\n- **Status**: Open\n');
  for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(out, 'deep', `n${i}.md`), `# N${i}\n`);
  fs.writeFileSync(
    path.join(ws, 'LOG.md'),
    '# Log\n\n### BUG-001: Inside\n- **Status**: Open\n\n' +
      'See [a](lo.md#nope), [b](dir/o.md#nope), [c](../out/o.md#nope), [d](docs/x.md#nope) and [e](alias/x.md#x).\n',
  );
  fs.writeFileSync(path.join(ws, 'docs', 'x.md'), '# X\n');
  return { top, ws, out };
}
