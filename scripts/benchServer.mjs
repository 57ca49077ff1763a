// The benchmarks' language-server client (bench.mjs, bench-server-warm.mjs, bench-memory.mjs): starts
// `dist/cli.js lsp --stdio`, answers what a minimal editor answers, records what the server publishes,
// and waits on predicates re-checked at every message (never a sleep).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const P = require('vscode-languageserver-protocol/node');
const { URI } = require('vscode-uri');

/**
 * `nodeArgs` go before the script (profiling flags), `serverArgs` after `lsp --stdio`. `onLog` gets the
 * server's log messages (dropped by default). Diagnostics: `published` keeps every publish (with `at`,
 * performance.now()) unless `keep` is 'latest', which keeps only `latest` (URI → {version, at}), for
 * long sessions. `indexed` counts issueLog/indexChanged notifications.
 */
export function startBenchServer({ cwd, nodeArgs = [], serverArgs = [], stderr = 'inherit', onLog, keep = 'all' } = {}) {
  const repo = cwd ?? process.cwd();
  const child = spawn(process.execPath, [...nodeArgs, path.join(repo, 'dist', 'cli.js'), 'lsp', '--stdio', ...serverArgs], { cwd: repo, stdio: ['pipe', 'pipe', stderr] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  const server = { P, URI, child, conn, published: [], latest: new Map(), indexed: 0 };
  const waiters = [];
  const poke = () => {
    for (const w of [...waiters]) {
      if (!w.check()) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  /** Resolves once `check()` holds; rejects after `ms` (when given) naming `what`. */
  server.waitFor = (check, what = 'the server', ms) =>
    check()
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = ms ? setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms) : undefined;
          waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
        });
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    const at = performance.now();
    if (keep === 'all') server.published.push({ ...p, at });
    if (p.version !== undefined) server.latest.set(p.uri, { version: p.version, at });
    poke();
  });
  conn.onNotification('issueLog/indexChanged', () => {
    server.indexed++;
    poke();
  });
  conn.onNotification(P.LogMessageNotification.type, (m) => onLog?.(m.message));
  conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => null));
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(P.RegistrationRequest.type, () => undefined);
  conn.listen();
  /** Initializes on the folder `dir` and opens `masterPath` with `text`; returns the master's URI. */
  server.open = async (dir, masterPath, text) => {
    const folder = URI.file(dir).toString();
    await conn.sendRequest(P.InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(dir) }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await conn.sendNotification(P.InitializedNotification.type, {});
    const uri = URI.file(masterPath).toString();
    await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  };
  return server;
}
