/**
 * The CLI (dist/cli.js, as a user runs it) reports the same problems at the same line:column for the
 * same log written with LF, CRLF, lone CR or mixed line endings, or with a byte order mark (which a
 * file read from disk loses: columns are those of the text after it).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { runCli } from './cliRun';
import { ENDINGS, FRONT_MATTER_LINES, LOG_LINES, TODAY, written, type Ending } from './lineEndingsLog';

function check(ending: Ending): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `issue-log-eol-${ending}-`));
  try {
    fs.writeFileSync(path.join(dir, 'LOG.md'), written(LOG_LINES, ending));
    fs.writeFileSync(path.join(dir, 'FM.md'), written(FRONT_MATTER_LINES, ending));
    const r = runCli(['check', dir, '--format', 'json', '--today', TODAY]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return (JSON.parse(r.stdout) as Printed[]).map((d) => `${path.basename(d.file)} ${d.code}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('CLI: line endings and a BOM', function () {
  this.timeout(120_000);
  const lf: string[] = [];
  before(() => lf.push(...check('LF')));

  it('LF: the problems of the fixture, at their lines', () => {
    assert.deepEqual(
      lf.map((d) => d.replace(/:\d+-.*$/, '')),
      ['FM.md unknown-status@2', 'FM.md undefined-issue@8', ...['duplicate-issue@1', 'undefined-issue@7', 'broken-anchor@7', 'undefined-issue@7', 'stale-stat@10', 'unknown-status@16', 'duplicate-issue@23', 'placeholder@25', 'broken-link@26', 'broken-anchor@27', 'review-overdue@29'].map((d) => `LOG.md ${d}`)],
    );
  });

  for (const ending of ENDINGS.filter((e) => e !== 'LF')) {
    it(`${ending}: the same diagnostics at the same line:column`, () => {
      assert.deepEqual(check(ending), lf);
    });
  }
});
