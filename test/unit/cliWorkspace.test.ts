/**
 * The CLI's workspace root (the nearest folder with .issue-log.json or .git), its .issue-log.json,
 * and `list` in its three formats: `node dist/cli.js …` in a child process on temporary folder trees.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ListedIssue, Printed } from '../../server/src/cli';
import { markedRoot, workspaceRootOf } from '../../server/src/node/workspaceRoot';
import { joinLines } from './helpers';
import { REPO, runCli } from './cliRun';


const run = runCli;

/** A folder tree under a fresh temporary folder (relative path → text; a path ending in / is a folder). */
function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-root-')));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    if (rel.endsWith('/')) fs.mkdirSync(p, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
  }
  return root;
}

const MASTER = joinLines(
  '# Issue Log',
  '',
  '### LOW-001: First',
  '- **Status**: Open',
  '- **Severity**: Low',
  '',
  'See [setup](../../README.md#setup), [gone](../../README.md#nowhere), LOW-009 and LOW-404.',
);

/** A repository: .git at the top, the log in docs/Issues, what it links to and mentions outside docs/. */
const repository = (extra: Record<string, string> = {}) =>
  tree({
    '.git/': '',
    'README.md': joinLines('# Project', '', '## Setup'),
    'src/NOTES.md': joinLines('### LOW-009: Defined outside docs', '- **Status**: Open', '- **Severity**: Low'),
    'docs/Issues/MASTER-ISSUE-LOG.md': MASTER,
    ...extra,
  });

const codesAndLines = (stdout: string) => (JSON.parse(stdout) as Printed[]).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe('CLI workspace root: discovery', () => {
  it('is the nearest folder with .issue-log.json or .git, from the path upwards', () => {
    const root = tree({ '.git/': '', 'a/b/c/': '', 'a/.issue-log.json': '{}', 'x/y/': '' });
    assert.equal(markedRoot(path.join(root, 'a', 'b', 'c')), path.join(root, 'a'));
    assert.equal(markedRoot(path.join(root, 'x', 'y')), root);
    assert.equal(markedRoot(root), root);
    assert.equal(workspaceRootOf(path.join(root, 'a', 'b', 'c', 'log.md'), false, '/'), path.join(root, 'a'));
  });
  it('is the current folder when no folder above has either, or the path\'s own folder outside it', () => {
    const bare = tree({ 'docs/Issues/': '' });
    if (markedRoot(bare) !== undefined) return assert.fail(`a marker above ${bare}: the test needs a bare temporary folder`);
    const log = path.join(bare, 'docs', 'Issues', 'log.md');
    assert.equal(workspaceRootOf(log, false, bare), bare);
    assert.equal(workspaceRootOf(path.join(bare, 'docs'), true, bare), bare);
    assert.equal(workspaceRootOf(log, false, path.join(REPO, 'server')), path.join(bare, 'docs', 'Issues'));
    assert.equal(workspaceRootOf(path.join(bare, 'docs'), true, path.join(REPO, 'server')), path.join(bare, 'docs'));
  });
});

describe('CLI workspace root: results do not depend on the current folder', () => {
  it('gives the same diagnostics for the log from the root, from docs/ and from docs/Issues/', () => {
    const root = repository();
    const fromRoot = run(['check', 'docs/Issues/MASTER-ISSUE-LOG.md', '--format', 'json'], root);
    const fromDocs = run(['check', 'Issues/MASTER-ISSUE-LOG.md', '--format', 'json'], path.join(root, 'docs'));
    const fromIssues = run(['check', 'MASTER-ISSUE-LOG.md', '--format', 'json'], path.join(root, 'docs', 'Issues'));
    const dot = run(['check', '.', '--format', 'json'], path.join(root, 'docs', 'Issues'));
    // The link into README.md is checked (it is in the workspace), LOW-009 is defined in src/.
    assert.deepEqual(codesAndLines(fromRoot.stdout), ['7:37 error broken-anchor', '7:82 warning undefined-issue']);
    for (const other of [fromDocs, fromIssues, dot]) assert.deepEqual(codesAndLines(other.stdout), codesAndLines(fromRoot.stdout));
    // Printed paths are relative to the current folder.
    assert.deepEqual((JSON.parse(fromRoot.stdout) as Printed[]).map((d) => d.file), ['docs/Issues/MASTER-ISSUE-LOG.md', 'docs/Issues/MASTER-ISSUE-LOG.md']);
    assert.deepEqual((JSON.parse(fromIssues.stdout) as Printed[]).map((d) => d.file), ['MASTER-ISSUE-LOG.md', 'MASTER-ISSUE-LOG.md']);
    assert.equal(fromRoot.code, 1);
  });
  it('reports only what lies under a folder PATH, having read the whole root', () => {
    const root = repository({ 'src/BROKEN.md': joinLines('### LOW-010: Broken', '- **Status**: Open', '', '[x](missing.md)') });
    const docs = run(['check', 'docs', '--format', 'json'], root);
    assert.deepEqual(codesAndLines(docs.stdout), ['7:37 error broken-anchor', '7:82 warning undefined-issue']);
    assert.deepEqual((JSON.parse(docs.stdout) as Printed[]).map((d) => d.file), ['docs/Issues/MASTER-ISSUE-LOG.md', 'docs/Issues/MASTER-ISSUE-LOG.md'], 'relative to the current folder (contract v2), not to the folder given');
    const all = run(['check', '.', '--format', 'json'], root);
    assert.deepEqual((JSON.parse(all.stdout) as Printed[]).map((d) => `${d.file}:${d.line} ${d.code}`), ['docs/Issues/MASTER-ISSUE-LOG.md:7 broken-anchor', 'docs/Issues/MASTER-ISSUE-LOG.md:7 undefined-issue', 'src/BROKEN.md:4 broken-link']);
  });
});

describe('CLI: .issue-log.json', () => {
  it('is read from the root whatever the current folder; it wins over flags, which fill in the rest', () => {
    const root = repository({ '.issue-log.json': '{\n  // comments are allowed\n  "rules": { "undefined-issue": "error", },\n}\n' });
    for (const [cwd, file] of [
      [root, 'docs/Issues/MASTER-ISSUE-LOG.md'],
      [path.join(root, 'docs', 'Issues'), 'MASTER-ISSUE-LOG.md'],
    ]) {
      const r = run(['check', file, '--format', 'json', '--rule', 'undefined-issue=hint', '--rule', 'broken-anchor=off'], cwd);
      assert.deepEqual(codesAndLines(r.stdout), ['7:82 error undefined-issue'], cwd);
    }
  });
  it('adds prefixes and excludes files', () => {
    const root = repository({
      '.issue-log.json': '{ "prefixes": { "SEC": "Critical" }, "exclude": ["src/**"] }',
      'docs/Issues/SEC.md': joinLines('### SEC-001: Token leak', '- **Status**: Open', '', 'Also SEC-002.'),
    });
    const r = run(['check', '.', '--format', 'json'], root);
    assert.deepEqual((JSON.parse(r.stdout) as Printed[]).map((d) => `${d.file}:${d.line} ${d.code}`), [
      'docs/Issues/MASTER-ISSUE-LOG.md:7 broken-anchor',
      'docs/Issues/MASTER-ISSUE-LOG.md:7 undefined-issue',
      // LOW-009's definition is in src/, excluded.
      'docs/Issues/MASTER-ISSUE-LOG.md:7 undefined-issue',
      'docs/Issues/SEC.md:4 undefined-issue',
    ]);
  });
  it('gives its problems as `config` diagnostics in the file when the root is checked', () => {
    const root = repository({ '.issue-log.json': '{\n  "rules": { "no-such-rule": "off" },\n  "colour": "blue"\n  "scope": "linked"\n}\n' });
    const r = run(['check', '.', '--format', 'json'], root);
    const config = (JSON.parse(r.stdout) as Printed[]).filter((d) => d.file === '.issue-log.json');
    assert.deepEqual(
      config.map((d) => [d.code, d.severity, d.line, d.column, d.endLine, d.endColumn]),
      [
        ['config', 'warning', 2, 14, 2, 28],
        ['config', 'warning', 3, 3, 3, 11],
        ['config', 'error', 4, 3, 4, 10],
      ],
    );
    // Checking a folder below the root leaves the root's file alone.
    assert.equal((JSON.parse(run(['check', 'docs', '--format', 'json'], root).stdout) as Printed[]).filter((d) => d.code === 'config').length, 0);
  });
});

/** Parses CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'every row ends with CRLF');
  return rows;
}

describe('CLI: list', () => {
  const log = joinLines(
    '# Log',
    '',
    '### LOW-001: Quote "this", and that',
    '- **Status**: Open',
    '- **Severity**: Low',
    '- **Impact**: Slow, then',
    '  broken',
    '',
    '### CRIT-002: Down',
    '- **Status**: Resolved',
    '- **Assigned**: Ops',
  );
  let root: string;
  before(() => {
    root = repository({ 'docs/Issues/MASTER-ISSUE-LOG.md': log });
  });

  it('prints JSON in the contract\'s shape, one per issue', () => {
    const r = run(['list', 'docs', '--format', 'json'], root);
    assert.equal(r.code, 0);
    const issues = JSON.parse(r.stdout) as ListedIssue[];
    assert.deepEqual(Object.keys(issues[0]).sort(), ['fields', 'file', 'id', 'line', 'severity', 'status', 'statusClass', 'title']);
    assert.deepEqual(
      issues.map((i) => [i.id, i.file, i.line, i.status, i.statusClass, i.severity]),
      [
        ['LOW-001', 'Issues/MASTER-ISSUE-LOG.md', 3, 'Open', 'open', 'Low'],
        ['CRIT-002', 'Issues/MASTER-ISSUE-LOG.md', 9, 'Resolved', 'resolved', 'Critical'],
      ],
    );
    assert.equal(issues[0].title, 'Quote "this", and that');
    assert.equal(issues[1].fields.Assigned, 'Ops');
  });
  it('prints CSV that parses back to the same issues (RFC 4180 quoting)', () => {
    const json = JSON.parse(run(['list', 'docs', '--format', 'json'], root).stdout) as ListedIssue[];
    const rows = parseCsv(run(['list', 'docs', '--format', 'csv'], root).stdout);
    const [header, ...body] = rows;
    assert.deepEqual(header.slice(0, 7), ['id', 'title', 'file', 'line', 'status', 'statusClass', 'severity']);
    assert.equal(body.length, json.length);
    body.forEach((cells, n) => {
      const i = json[n];
      assert.deepEqual(cells.slice(0, 7), [i.id, i.title, i.file, String(i.line), i.status ?? '', i.statusClass, i.severity ?? '']);
      for (const [name, value] of Object.entries(i.fields)) assert.equal(cells[header.indexOf(name)], value, name);
    });
    assert.ok(header.every((h) => h !== ''), 'every column is named');
  });
  it('prints a text table with a line per issue and a count', () => {
    const lines = run(['list', 'docs'], root).stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.deepEqual(lines.slice(1, 3).map((l) => l.split(/\s+/)[0]), ['LOW-001', 'CRIT-002']);
    assert.equal(lines[3], '2 issues');
  });
  it('says on stderr when a path holds no issue entries (list, open, stats)', () => {
    for (const args of [['list', 'README.md'], ['open', 'README.md'], ['stats', 'README.md'], ['list', 'src', '--format', 'json']]) {
      const r = run(args, repository({ 'src/NOTES.md': '# Notes\n' }));
      assert.equal(r.code, 0, args.join(' '));
      assert.equal(r.stderr, `issue-log: no issue entries found under ${args[1]}\n`, args.join(' '));
      assert.equal(r.stdout, args.includes('json') ? '[]\n' : '', args.join(' '));
    }
  });
});

describe('CLI: .issue-log.json problems outside check', () => {
  it('go to stderr with their position, and the rest of the file applies', () => {
    const root = repository({ '.issue-log.json': '{\n  "colour": "blue",\n  "prefixes": { "SEC": "High" }\n}\n', 'docs/Issues/SEC.md': joinLines('### SEC-001: Leak', '- **Status**: Open') });
    const r = run(['list', '.', '--format', 'json'], root);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^issue-log: \.issue-log\.json:2:3: /);
    assert.deepEqual((JSON.parse(r.stdout) as ListedIssue[]).map((i) => [i.id, i.severity]), [
      ['LOW-001', 'Low'],
      ['SEC-001', 'High'],
      ['LOW-009', 'Low'],
    ]);
  });
});
