/**
 * `.gitignore` in the language server, on the real Node environment (as node/main.ts builds it) in
 * this process, over a workspace on disk: what the root and nested `.gitignore` files ignore is not
 * indexed (a git-ignored build/ copy of the master gets no diagnostics and adds none), a link to an
 * ignored file is not broken, an ignored file opened in the editor is not checked; the setting
 * `issueLog.useGitignore: false`, `"gitignore": false` in `.issue-log.json` and a changed `.gitignore`
 * (a watched-file event) each index the workspace anew.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DidChangeConfigurationNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { nodeSource } from '../../server/src/node/loadWorkspace';
import { NodeWorkspaceHost } from '../../server/src/node/nodeHost';
import { FileChangeType, type LspClient } from './client';
import { startOnEnvironment } from './inProcess';
import { MASTER, REPO } from './seed';

const SEED = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
/** The line appended to the master (0-based), with a link to the ignored copy and one to nothing. */
const LINKS_LINE = SEED.split('\n').length;
const LINKS = 'The copy: [built](../build/MASTER-ISSUE-LOG.md), [nothing](../build/NOPE.md).';
const entry = (id: string) => `### ${id}: Entry\n- **Status**: Open\n- **Severity**: Low\n\nSee [gone](missing.md).\n`;

describe('.gitignore (the server on disk)', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspClient | undefined;
  const uri = (rel: string) => URI.file(path.join(root, rel)).toString();
  const start = (settings: Record<string, unknown> = {}) =>
    startOnEnvironment({ host: new NodeWorkspaceHost(), ...nodeSource() }, URI.file(root).toString(), { readyTimeoutMs: 60_000, settings }).then((c) => (client = c));
  /** Waits until the workspace was indexed anew (the index-complete notification after a re-index). */
  const reindexed = async (c: LspClient, before: number) => {
    await c.waitFor(() => c.logs.some((l) => l.startsWith('Re-indexing because')) && c.indexChanged.length > before, 'a re-index', 60_000);
  };
  const brokenLinks = (d: Diagnostic[] | undefined) => (d ?? []).filter((x) => x.code === 'broken-link' && x.range.start.line === LINKS_LINE).map((x) => x.range.start.character);

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-lsp-gi-')));
    const files: Record<string, string> = {
      '.gitignore': 'build/\n',
      [MASTER]: SEED + '\n' + LINKS + '\n',
      'build/MASTER-ISSUE-LOG.md': SEED,
      'notes/.gitignore': '*.md\n!keep.md\n',
      'notes/drop.md': entry('LOW-101'),
      'notes/keep.md': entry('LOW-102'),
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('does not index what the root and nested .gitignore files ignore; a link to an ignored file is not broken', async () => {
    const c = await start();
    const master = await c.waitForDiagnostics(uri(MASTER), (d) => d.length > 0, 'the master');
    assert.deepEqual(brokenLinks(master), [LINKS.indexOf('[nothing]')], 'only the link to build/NOPE.md');
    await c.waitForDiagnostics(uri('notes/keep.md'), (d) => d.some((x) => x.code === 'broken-link'), 'the kept note');
    assert.equal(c.diagnostics(uri('build/MASTER-ISSUE-LOG.md')), undefined);
    assert.equal(c.diagnostics(uri('notes/drop.md')), undefined);
    // An ignored file opened in the editor is not checked either (as an excluded one).
    await c.open(uri('build/MASTER-ISSUE-LOG.md'), SEED);
    assert.deepEqual(await c.waitForVersion(uri('build/MASTER-ISSUE-LOG.md'), 1), []);
  });

  it('indexes them with issueLog.useGitignore false, and leaves them out again when it is back on', async () => {
    const c = await start();
    await c.waitForDiagnostics(uri(MASTER), (d) => d.length > 0, 'the master');
    let before = c.indexChanged.length;
    c.settings = { useGitignore: false };
    await c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await reindexed(c, before);
    await c.waitForDiagnostics(uri('build/MASTER-ISSUE-LOG.md'), (d) => d.length > 0, 'the copy, indexed');
    await c.waitForDiagnostics(uri('notes/drop.md'), (d) => d.some((x) => x.code === 'broken-link'), 'the dropped note, indexed');
    before = c.indexChanged.length;
    c.logs.length = 0;
    c.settings = {};
    await c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await reindexed(c, before);
    await c.waitForDiagnostics(uri('build/MASTER-ISSUE-LOG.md'), (d) => d.length === 0, 'the copy, left out again');
  });

  it('indexes anew when a .gitignore changes on disk (a watched-file event), and when .issue-log.json says "gitignore": false', async () => {
    const c = await start();
    await c.waitForDiagnostics(uri(MASTER), (d) => d.length > 0, 'the master');
    let before = c.indexChanged.length;
    fs.writeFileSync(path.join(root, 'notes', '.gitignore'), '# nothing ignored\n');
    await c.fileEvents({ uri: uri('notes/.gitignore'), type: FileChangeType.Changed });
    await reindexed(c, before);
    await c.waitForDiagnostics(uri('notes/drop.md'), (d) => d.some((x) => x.code === 'broken-link'), 'the note no longer ignored');
    assert.equal(c.diagnostics(uri('build/MASTER-ISSUE-LOG.md')), undefined, 'the root .gitignore still applies');

    before = c.indexChanged.length;
    c.logs.length = 0;
    fs.writeFileSync(path.join(root, '.issue-log.json'), '{ "gitignore": false }\n');
    await c.fileEvents({ uri: uri('.issue-log.json'), type: FileChangeType.Created });
    await reindexed(c, before);
    await c.waitForDiagnostics(uri('build/MASTER-ISSUE-LOG.md'), (d) => d.length > 0, 'the copy, indexed');
  });

  it('does not index anew for a .gitignore under node_modules or an ignored folder', async () => {
    fs.mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'pkg', '.gitignore'), 'x\n');
    fs.writeFileSync(path.join(root, 'build', '.gitignore'), 'x\n');
    const c = await start();
    await c.waitForDiagnostics(uri(MASTER), (d) => d.length > 0, 'the master');
    await c.fileEvents({ uri: uri('node_modules/pkg/.gitignore'), type: FileChangeType.Changed }, { uri: uri('build/.gitignore'), type: FileChangeType.Changed });
    // A change the server does react to, after them: its diagnostics say the events were applied.
    fs.writeFileSync(path.join(root, 'notes', 'keep.md'), entry('LOW-102') + '\nAnd [more](gone-too.md).\n');
    await c.fileEvents({ uri: uri('notes/keep.md'), type: FileChangeType.Changed });
    await c.waitForDiagnostics(uri('notes/keep.md'), (d) => d.filter((x) => x.code === 'broken-link').length === 2, 'the note read again');
    assert.ok(!c.logs.some((l) => l.startsWith('Re-indexing because')), c.logs.join('\n'));
  });
});
