/**
 * The README's CI section and .pre-commit-hooks.yaml, run as written: their command lines are read
 * from the two files (so they cannot drift from what is tested), `issue-log` replaced by the built
 * `node dist/cli.js`, and run in temporary repositories. (Both files are simple enough to read with
 * a few patterns; no YAML library is a dependency.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outputRepository, tempDir, WARNINGS_ONLY, write } from './cliOutputFixture';
import { REPO, runCli } from './cliRun';

const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** The fenced blocks of the README's `## CI` section, by language. */
function ciBlocks(lang: string): string[] {
  const start = README.indexOf('\n## CI\n');
  assert.ok(start >= 0, 'README.md has a "## CI" section');
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** `issue-log ARGS` (after `npx` or not) as arguments for runCli; the commands have no quoting. */
function cliArgs(command: string): string[] {
  const words = command.trim().split(/\s+/);
  const at = words.indexOf('issue-log');
  assert.ok(at >= 0 && words.slice(0, at).every((w) => w === 'npx'), command);
  return words.slice(at + 1);
}

/** A repository with the seed (errors and warnings), as a workflow checks it out. */
const failing = () => outputRepository();
function warningsOnly(): string {
  const root = tempDir('ci-warn');
  fs.mkdirSync(path.join(root, '.git'));
  write(root, 'docs/LOG.md', WARNINGS_ONLY);
  return root;
}

describe('README: the GitHub Actions example, run locally', function () {
  this.timeout(120_000);
  const workflow = ciBlocks('yaml').find((b) => b.includes('upload-sarif'));
  const runs = workflow ? [...workflow.matchAll(/^\s*(?:- )?run: (.*?)\s*(?:#.*)?$/gm)].map((m) => m[1]).filter((c) => /\bissue-log\b/.test(c)) : [];

  it('has a workflow with a SARIF step, its upload, and an annotations step', () => {
    assert.ok(workflow, 'a yaml block with upload-sarif');
    assert.equal(runs.length, 2, runs.join(' | '));
    assert.match(workflow, /uses: github\/codeql-action\/upload-sarif@v\d+/);
    assert.match(workflow, /security-events: write/);
  });
  it('SARIF step: writes the file the upload step names (nothing on stdout), exit 1 on errors, the step set to continue', () => {
    const sarifRun = runs.find((c) => c.includes('--format sarif'))!;
    const args = cliArgs(sarifRun);
    const out = args[args.indexOf('-o') + 1];
    assert.equal(/sarif_file: (\S+)/.exec(workflow!)?.[1], out, 'the upload reads what the step writes');
    assert.match(workflow!.slice(workflow!.indexOf(sarifRun)), /^\s*continue-on-error: true/m);
    const root = failing();
    const r = runCli(args, root);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(fs.readFileSync(path.join(root, out), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.equal(runCli(args, warningsOnly()).code, 0, 'warnings alone: the file, and exit 0');
  });
  it('annotations step: workflow commands; --max-warnings 0 fails on warnings, errors fail without it', () => {
    const ghRun = runs.find((c) => c.includes('--format github'))!;
    const args = cliArgs(ghRun);
    assert.ok(args.includes('--max-warnings'));
    const r = runCli(args, failing());
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length > 0 && lines.every((l) => /^::(error|warning|notice) file=[^:]+,line=\d+.*::/.test(l)), lines[0]);
    const warned = warningsOnly();
    assert.equal(runCli(args, warned).code, 1, 'stale statistics fail with --max-warnings 0');
    const i = args.indexOf('--max-warnings');
    assert.equal(runCli([...args.slice(0, i), ...args.slice(i + 2)], warned).code, 0, 'and pass without it');
  });
});

/** .pre-commit-hooks.yaml: one hook, `key: value` lines (values unquoted, as written there). */
function hooks(): Record<string, string>[] {
  const text = fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
  const out: Record<string, string>[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = /^(- |  )([a-z_]+): (.*)$/.exec(line);
    assert.ok(m, `a line this test reads: ${line}`);
    if (m[1] === '- ') out.push({});
    out[out.length - 1][m[2]] = m[3];
  }
  return out;
}

describe('.pre-commit-hooks.yaml: the hook, run locally', function () {
  this.timeout(120_000);
  const [hook] = hooks();
  /** The entry as pre-commit runs it, from the repository root: with the staged files that match `files` unless pass_filenames is false. */
  const preCommit = (root: string, staged: string[]) => runCli([...cliArgs(hook.entry), ...(hook.pass_filenames === 'false' ? [] : staged.filter((f) => new RegExp(hook.files).test(f)))], root);

  it('is the issue-log hook on Markdown files, a node hook running issue-log check', () => {
    assert.equal(hook.id, 'issue-log');
    assert.equal(hook.language, 'node');
    assert.match(hook.entry, /^issue-log check\b/);
    const files = new RegExp(hook.files);
    assert.ok(['LOG.md', 'docs/06-Master/MASTER-ISSUE-LOG.md'].every((f) => files.test(f)));
    assert.ok(['notes.mdx', 'package.json', 'md'].every((f) => !files.test(f)));
    const readme = ciBlocks('yaml').find((b) => b.includes('hooks:'));
    assert.match(readme ?? '', new RegExp(`- id: ${hook.id}\\b`), "the README's .pre-commit-config.yaml names this hook");
  });
  it('fails a commit on errors, passes a clean one: the entry as pre-commit runs it, from the repository root', () => {
    const all = (root: string) => fs.readdirSync(root, { recursive: true }).map(String);
    const root = failing();
    const bad = preCommit(root, all(root));
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, / error broken-link /);
    const clean = tempDir('hook-clean');
    fs.mkdirSync(path.join(clean, '.git'));
    write(clean, 'docs/LOG.md', '### LOW-001: Fine\n- **Status**: Open\n- **Severity**: Low\n');
    assert.equal(preCommit(clean, all(clean)).code, 0);
  });
  it('reports a file the commit did not touch when the commit broke it (the whole workspace, not the files named)', () => {
    const root = tempDir('hook-cross');
    fs.mkdirSync(path.join(root, '.git'));
    // The log links to a.md#setup; the commit renamed a.md's "Setup" heading (and touched nothing else).
    write(root, 'LOG.md', '# Log\n\n### LOW-001: Fine\n- **Status**: Open\n- **Severity**: Low\n- **Reference**: [set-up](a.md#setup)\n');
    write(root, 'a.md', '# A\n\n## Set-up\n');
    const r = preCommit(root, ['a.md']);
    assert.equal(r.code, 1, 'pass_filenames: false, so LOG.md is reported too');
    assert.match(r.stdout, /^LOG\.md:6:\d+ error broken-anchor /m);
  });
});
