/**
 * Generated corpora under contract v2 (test/fixtures/corpus, README "Contracts" and "Dialects"): each
 * named dialect and `mixed`, small (6 × 20, 3 faults of each kind) and medium (20 × 200, 5 faults), must
 * give exactly their expected.json diagnostics (file, line, code) with the built CLI, and nothing at the
 * lines listed in `unjudged` (counts the interval rule cannot rule out). The seeds are chosen so that
 * each workspace has an unjudged count (the named dialects share a seed's issues and faults). The 14
 * workspaces take about 100 s of CPU to check (measured on the v1 build; 5 min wall on 2 busy cores).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const GENERATOR = path.join(REPO, 'test', 'fixtures', 'corpus', 'gen-workspace.mjs');

interface Where { file: string; line: number; code: string }
interface Expected { contract: string; dialect: string; today: string; diagnostics: Where[]; unjudged: Where[] }

const DIALECTS = ['seed', 'decorated', 'bugs', 'tickets', 'incidents', 'defects', 'mixed'];
const SIZES = {
  small: { label: '6 phases × 20 issues, 3 faults of each kind', args: ['--phases', '6', '--issues-per-phase', '20', '--faults', '3', '--seed', '3'] },
  medium: { label: '20 phases × 200 issues, 5 faults of each kind', args: ['--phases', '20', '--issues-per-phase', '200', '--faults', '5', '--seed', '2'] },
};

before(function () {
  this.timeout(120_000);
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
});

const key = (d: Where) => `${d.file}:${d.line} ${d.code}`;

describe('corpus (contract 2): generated workspaces give exactly expected.json', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  for (const [size, spec] of Object.entries(SIZES)) {
    for (const dialect of DIALECTS) {
      it(`${dialect}, ${size} (${spec.label})`, function () {
        this.timeout(600_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `issue-log-corpus-${dialect}-`));
        dirs.push(dir);
        execFileSync(process.execPath, [GENERATOR, dir, ...spec.args, '--dialect', dialect, '--contract', '2'], { stdio: 'ignore' });
        const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
        assert.equal(expected.contract, 'issue-log-format v2');
        assert.equal(expected.dialect, dialect);
        assert.ok(expected.diagnostics.length > 20, 'the corpus has faults');
        assert.ok(expected.unjudged.length > 0, 'the corpus has a count the interval rule leaves unjudged');

        const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json', '--today', expected.today], { cwd: dir, encoding: 'utf8', timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
        if (r.error) throw r.error;
        assert.equal(r.stderr, '');
        const printed = JSON.parse(r.stdout) as Where[];
        const unjudged = new Set(expected.unjudged.map((u) => `${u.file}:${u.line}`));
        // Both at once, so a failure shows every missing and extra diagnostic and names the unjudged ones.
        const got = { atUnjudgedLines: printed.filter((d) => unjudged.has(`${d.file}:${d.line}`)).map(key), diagnostics: printed.map(key).sort() };
        assert.deepEqual(got, { atUnjudgedLines: [], diagnostics: expected.diagnostics.map(key).sort() });
      });
    }
  }
});
