/** `issue-log check` honours suppression comments: nothing suppressed is printed, unused ones are (hint). */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { CLI, REPO, runCli } from './cliRun';
import { joinLines } from './helpers';

before(function () {
  this.timeout(120_000);
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
});

describe('CLI: suppressions', () => {
  it('check prints nothing suppressed, and the unused suppression', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-suppress-'));
    const log = joinLines(
      '<!-- issue-log-disable-file unknown-status -->',
      '# Log',
      '',
      '### CRIT-001: A',
      '- **Status**: Frobbed',
      '  <!-- issue-log-disable-next-line placeholder -->',
      '- **Date**: TBD',
      '',
      '<!-- issue-log-disable undefined-issue -->',
      'See CRIT-404.',
      '<!-- issue-log-enable undefined-issue -->',
      'See CRIT-405. `<!-- issue-log-disable-next-line -->`',
      '<!-- issue-log-disable-next-line broken-link -->',
      'No link here.',
    );
    fs.writeFileSync(path.join(dir, 'log.md'), log);
    const r = runCli(['check', dir, '--format', 'json', '--today', '2025-08-02']);
    const out = JSON.parse(r.stdout) as Printed[];
    assert.deepEqual(out.map((d) => `${d.code}@${d.line}:${d.column}:${d.severity}`), ['undefined-issue@12:5:warning', 'unused-suppression@13:34:hint']);
    assert.equal(r.code, 0);
    const quiet = runCli(['check', dir, '--today', '2025-08-02'], dir);
    assert.match(quiet.stdout, /^log\.md:13:34 hint unused-suppression /m);
    assert.doesNotMatch(quiet.stdout, /placeholder|unknown-status|CRIT-404/);
  });
});
