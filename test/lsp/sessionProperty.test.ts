/**
 * Random sessions against the in-process server (issue 11, "the server's state stays true"): opens,
 * range and full edits (sometimes with the version already sent), closes, documents outside the
 * workspace, disk writes and deletes with their watched-file events (sometimes wrong: the wrong
 * type, the folder's URI, an event for a file that did not change), settings changes (the editor's,
 * and the folder's .issue-log.json) and cancelled requests. After each group of steps the server is let settle and every document's published
 * diagnostics must equal a fresh analysis of the same texts (sessionModel.ts).
 *
 * Seeded and deterministic. FUZZ_SEED and FUZZ_RUNS (sessions) and FUZZ_STEPS (steps per session)
 * run more; the seed and the failing session's steps are printed on failure.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CancellationTokenSource, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DocumentSymbolRequest, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { OpenIssuesRequest } from '../../server/src/protocol';
import { FileChangeType } from './client';
import { startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { CONFIG_FILE_NAME } from '../../server/src/core/configFile';
import { CONFIG_FILES, docArb, FILES, freshDiagnostics, keyOf, render, SETTINGS, SNIPPETS, startingFiles, type DocSpec } from './sessionModel';

const SEED = Number(process.env.FUZZ_SEED ?? 20261102);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const STEPS = Number(process.env.FUZZ_STEPS ?? 40);

/** How the client reports a disk change: as it should, with the wrong type, with the folder's URI, or not about this file at all. */
type Report = 'right' | 'wrong-type' | 'folder' | 'twice';

type Step =
  | { t: 'open'; file: number; spec: DocSpec | null }
  | { t: 'untitled'; spec: DocSpec }
  | { t: 'edit'; doc: number; at: number; del: number; snippet: number; sameVersion: boolean }
  | { t: 'full'; doc: number; spec: DocSpec; sameVersion: boolean }
  | { t: 'close'; doc: number }
  | { t: 'write'; file: number; spec: DocSpec; report: Report }
  | { t: 'delete'; file: number; report: Report }
  | { t: 'spurious'; file: number; type: FileChangeType }
  | { t: 'settings'; preset: number }
  | { t: 'config'; preset: number }
  | { t: 'cancel'; which: number };

const file = fc.nat(FILES.length - 1);
const report = fc.constantFrom<Report>('right', 'right', 'wrong-type', 'folder', 'twice');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('open' as const), file, spec: fc.option(docArb, { freq: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('untitled' as const), spec: docArb }) },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant('edit' as const), doc: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), snippet: fc.nat(SNIPPETS.length), sameVersion: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('full' as const), doc: fc.nat(), spec: docArb, sameVersion: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('close' as const), doc: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('write' as const), file, spec: docArb, report }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), file, report }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('spurious' as const), file, type: fc.constantFrom(FileChangeType.Created, FileChangeType.Changed, FileChangeType.Deleted) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('settings' as const), preset: fc.nat(SETTINGS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('config' as const), preset: fc.nat(CONFIG_FILES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), which: fc.nat(2) }) },
);

/** A session: the starting workspace, then the steps, in groups after each of which the server settles. */
const sessionArb = fc.record({
  phase: docArb,
  readme: docArb,
  steps: fc.array(fc.tuple(stepArb, fc.boolean()), { minLength: STEPS, maxLength: STEPS }),
});

/** One session against a fresh server; throws at the first divergence, with where it happened. */
class Session {
  readonly open = new Map<string, TextDocument>();
  settings = SETTINGS[0];
  private untitled = 0;
  /** An untitled document edited at each settling point: its new version's diagnostics, then a complete run, mean the server is idle. */
  private readonly sentinel = 'untitled:Sentinel';
  private sentinelVersion = 1;

  private constructor(
    readonly ws: InMemoryWorkspace,
    readonly client: InProcessClient,
  ) {}

  static async start(phase: DocSpec, readme: DocSpec): Promise<Session> {
    const ws = new InMemoryWorkspace(startingFiles(phase, readme));
    const client = await startInProcess(ws);
    const s = new Session(ws, client);
    await client.open(s.sentinel, '# Sentinel\n');
    return s;
  }

  private docAt(n: number): TextDocument | undefined {
    const docs = [...this.open.values()];
    return docs.length === 0 ? undefined : docs[n % docs.length];
  }

  private async sendChange(doc: TextDocument, changes: TextDocumentContentChangeEvent[], sameVersion: boolean): Promise<void> {
    const version = sameVersion ? doc.version : doc.version + 1;
    this.open.set(doc.uri, TextDocument.update(doc, changes, version));
    await this.client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: doc.uri, version }, contentChanges: changes });
  }

  /** Tells the server about a change at `rel` as the client of `report` would. */
  private async report(rel: string, type: FileChangeType, how: Report): Promise<void> {
    const uri = this.ws.uri(rel);
    const wrong = type === FileChangeType.Deleted ? FileChangeType.Changed : FileChangeType.Deleted;
    if (how === 'right') await this.client.fileEvents({ uri, type });
    else if (how === 'wrong-type') await this.client.fileEvents({ uri, type: wrong });
    else if (how === 'folder') await this.client.fileEvents({ uri: this.ws.uri(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''), type: FileChangeType.Deleted });
    else {
      await this.client.fileEvents({ uri, type: wrong });
      await this.client.fileEvents({ uri, type });
    }
  }

  async run(step: Step): Promise<void> {
    const c = this.client;
    switch (step.t) {
      case 'open': {
        const uri = this.ws.uri(FILES[step.file]);
        if (this.open.has(uri)) return;
        const onDisk = this.ws.kindOf(this.ws.path(FILES[step.file])) === 'file' ? this.ws.read(FILES[step.file]) : undefined;
        const text = step.spec || onDisk === undefined ? render(step.spec ?? { title: 'New', stats: null, entries: [], link: null }, FILES[step.file]) : onDisk;
        this.open.set(uri, TextDocument.create(uri, 'markdown', 1, text));
        return c.open(uri, text);
      }
      case 'untitled': {
        const uri = `untitled:Untitled-${++this.untitled}`;
        const text = render(step.spec, 'x.md');
        this.open.set(uri, TextDocument.create(uri, 'markdown', 1, text));
        return c.open(uri, text);
      }
      case 'edit': {
        const doc = this.docAt(step.doc);
        if (!doc) return;
        const text = doc.getText();
        const at = Math.floor(step.at * text.length);
        const del = Math.min(step.del % 3 === 0 ? step.del : 0, text.length - at);
        const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at + del) }, text: step.snippet === SNIPPETS.length ? '' : SNIPPETS[step.snippet] };
        return this.sendChange(doc, [change], step.sameVersion);
      }
      case 'full': {
        const doc = this.docAt(step.doc);
        if (!doc) return;
        const rel = doc.uri.startsWith(this.ws.folderUri) ? doc.uri.slice(this.ws.folderUri.length + 1) : 'x.md';
        return this.sendChange(doc, [{ text: render(step.spec, rel) }], step.sameVersion);
      }
      case 'close': {
        const doc = this.docAt(step.doc);
        if (!doc) return;
        this.open.delete(doc.uri);
        return c.close(doc.uri);
      }
      case 'write': {
        const rel = FILES[step.file];
        const existed = this.ws.kindOf(this.ws.path(rel)) === 'file';
        this.ws.write(rel, render(step.spec, rel));
        return this.report(rel, existed ? FileChangeType.Changed : FileChangeType.Created, step.report);
      }
      case 'delete': {
        const rel = FILES[step.file];
        if (this.ws.kindOf(this.ws.path(rel)) !== 'file') return;
        this.ws.remove(rel);
        return this.report(rel, FileChangeType.Deleted, step.report);
      }
      case 'spurious':
        return c.fileEvents({ uri: this.ws.uri(FILES[step.file]), type: step.type });
      case 'settings':
        this.settings = SETTINGS[step.preset];
        c.settings = this.settings as Record<string, unknown>;
        return c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      case 'config': {
        const text = CONFIG_FILES[step.preset];
        const existed = this.ws.kindOf(this.ws.path(CONFIG_FILE_NAME)) === 'file';
        if (text === null && !existed) return;
        if (text === null) this.ws.remove(CONFIG_FILE_NAME);
        else this.ws.write(CONFIG_FILE_NAME, text);
        return c.fileEvents({ uri: this.ws.uri(CONFIG_FILE_NAME), type: text === null ? FileChangeType.Deleted : existed ? FileChangeType.Changed : FileChangeType.Created });
      }
      case 'cancel': {
        const source = new CancellationTokenSource();
        const doc = this.docAt(step.which) ?? this.docAt(0);
        const pending =
          step.which === 0
            ? c.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'CRIT' }, source.token)
            : step.which === 1 && doc
              ? c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc.uri } }, source.token)
              : c.connection.sendRequest(OpenIssuesRequest, {} as never, source.token);
        source.cancel();
        await pending.catch(() => undefined);
        return;
      }
    }
  }

  /** Waits until the server is idle: the sentinel's new version is published and a complete run ended after it. */
  async settle(): Promise<void> {
    const c = this.client;
    const version = ++this.sentinelVersion;
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.sentinel, version }, contentChanges: [{ text: `# Sentinel ${version}\n` }] });
    let seen = false;
    let runs = c.indexChanged.length;
    await c.waitFor(() => {
      // Re-checked after each message, in the order they came: a complete run that ended after the sentinel's publish.
      if (c.indexChanged.length > runs && seen) return true;
      runs = c.indexChanged.length;
      seen ||= c.published.some((p) => p.uri === this.sentinel && p.version === version);
      return false;
    }, `the server to settle (sentinel version ${version})`);
  }

  /** The published diagnostics of every document against a fresh analysis; waits a little for the last ones in flight. */
  async compare(where: string): Promise<void> {
    const texts = new Map([...this.open].map(([uri, d]) => [uri, d.getText()]));
    texts.set(this.sentinel, this.sentinelText());
    const expected = freshDiagnostics(this.ws, texts, this.settings);
    const diverging = () => {
      const uris = new Set([...expected.keys(), ...this.client.published.map((p) => p.uri)]);
      for (const uri of uris) {
        const want = expected.get(uri) ?? '[]';
        const got = keyOf(this.client.diagnostics(uri) ?? []);
        if (want !== got) return { uri, want, got };
        const doc = this.open.get(uri);
        const last = [...this.client.published].reverse().find((p) => p.uri === uri);
        if (doc && last && last.version !== doc.version) return { uri, want: `version ${doc.version}`, got: `version ${last.version}` };
      }
      return undefined;
    };
    try {
      await this.client.waitFor(() => diverging() === undefined, 'the published diagnostics to equal a fresh analysis', 3000);
    } catch {
      const d = diverging();
      if (d) assert.fail(`${where}: ${d.uri}\n  published: ${d.got}\n  fresh:     ${d.want}`);
    }
  }

  private sentinelText(): string {
    return `# Sentinel ${this.sentinelVersion}\n`;
  }
}

describe('LSP random sessions (in process, property)', function () {
  it(`${RUNS} sessions of ${STEPS} steps give the diagnostics of a fresh analysis after every settled group of steps`, async function () {
    this.timeout(Math.max(120000, RUNS * STEPS * 2000));
    const out = await fc.check(
      fc.asyncProperty(sessionArb, async ({ phase, readme, steps }) => {
        const s = await Session.start(phase, readme);
        try {
          await s.settle();
          await s.compare('at the start');
          for (const [i, [step, settleAfter]] of steps.entries()) {
            await s.run(step);
            if (!settleAfter && i < steps.length - 1) continue;
            await s.settle();
            await s.compare(`after step ${i + 1} (${JSON.stringify(step)})`);
          }
        } finally {
          await s.client.stop();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: !process.env.FUZZ_SHRINK },
    );
    // The seed and the divergence, not the whole session (FUZZ_SEED replays it).
    if (out.failed && process.env.FUZZ_VERBOSE) console.log(JSON.stringify(out.counterexample));
    if (out.failed) assert.fail(`FUZZ_SEED=${SEED} (path ${out.counterexamplePath}), session ${out.numRuns}: ${(out.errorInstance as Error)?.message}`);
  });
});
