// Keystroke and completion latency of a language server started with a warm cache (--cache-dir
// $ISSUE_LOG_BENCH_CACHE or .bench/server-cache), on a workspace made by scripts/bench.mjs: node scripts/bench-server-warm.mjs .bench/ws-large [profileDir]
// 60 edits spread over the master log (type a character at the end of a line, delete it), then 300
// completions after 'CRIT-' in a scratch document. Prints p50/p95 (ms). Not part of npm run bench.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const P = require('vscode-languageserver-protocol/node');
const { URI } = require('vscode-uri');
const ws = path.resolve(process.argv[2]);
const prof = process.argv[3];
const master = fs.readdirSync(ws).filter((d) => d.includes('Master')).map((d) => path.join(ws, d, fs.readdirSync(path.join(ws, d))[0]))[0];
const args = [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), 'dist/cli.js', 'lsp', '--stdio', '--cache-dir', process.env.ISSUE_LOG_BENCH_CACHE ?? '.bench/server-cache'];
const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
const published = []; let indexed = false; const waiters = [];
const poke = () => { for (const w of [...waiters]) if (w.c()) { waiters.splice(waiters.indexOf(w), 1); w.r(); } };
const waitFor = (c) => (c() ? Promise.resolve() : new Promise((r) => waiters.push({ c, r })));
conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { published.push({ ...p, at: performance.now() }); poke(); });
conn.onNotification('issueLog/indexChanged', () => { indexed = true; poke(); });
conn.onNotification(P.LogMessageNotification.type, (m) => process.stderr.write(m.message.slice(0, 200) + '\n'));
conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => null));
conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
conn.onRequest(P.RegistrationRequest.type, () => undefined);
conn.listen();
const uri = URI.file(master).toString();
const text = fs.readFileSync(master, 'utf8');
await conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri: URI.file(ws).toString(), workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }], capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
await conn.sendNotification(P.InitializedNotification.type, {});
await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
await waitFor(() => indexed);
const lines = text.split('\n'); const lat = []; let v = 1;
for (let i = 0; i < 60; i++) {
  const ln = Math.floor(((i >> 1) * lines.length) / 30); const line = lines[ln]; const typed = i % 2 === 0;
  const ch = typed ? line.length : line.length - 1;
  const change = typed ? { range: { start: { line: ln, character: ch }, end: { line: ln, character: ch } }, text: '7' } : { range: { start: { line: ln, character: ch }, end: { line: ln, character: line.length } }, text: '' };
  lines[ln] = typed ? line + '7' : line.slice(0, -1);
  const ver = ++v; const t = performance.now();
  await conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ver }, contentChanges: [change] });
  await waitFor(() => published.some((p) => p.uri === uri && p.version === ver));
  lat.push(published.find((p) => p.uri === uri && p.version === ver).at - t);
}
lat.sort((a, b) => a - b);
const scratch = URI.file(path.join(path.dirname(master), 'scratch.md')).toString();
await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: scratch, languageId: 'markdown', version: 1, text: 'Related: CRIT-\n' } });
await new Promise((r) => setTimeout(r, 3000));
const cl = []; for (let i = 0; i < 300; i++) { const t = performance.now(); await conn.sendRequest(P.CompletionRequest.type, { textDocument: { uri: scratch }, position: { line: 0, character: 14 } }); cl.push(performance.now() - t); }
cl.sort((a, b) => a - b); console.log('completion p50', cl[150].toFixed(1), 'p95', cl[285].toFixed(1));
console.log('keystroke p50', lat[30].toFixed(0), 'p95', lat[57].toFixed(0), 'min', lat[0].toFixed(0));
await conn.sendRequest(P.ShutdownRequest.type); await conn.sendNotification(P.ExitNotification.type);
setTimeout(() => process.exit(0), 3000);
