// Keystroke and completion latency of a language server started with a warm cache (--cache-dir
// $ISSUE_LOG_BENCH_CACHE or .bench/server-cache), on a workspace made by scripts/bench.mjs: node scripts/bench-server-warm.mjs .bench/ws-large [profileDir]
// 60 edits spread over the master log (type a character at the end of a line, delete it), then 300
// completions after 'CRIT-' in a scratch document. Prints p50/p95 (ms). Not part of npm run bench.
import fs from 'node:fs';
import path from 'node:path';
import { startBenchServer } from './benchServer.mjs';
const ws = path.resolve(process.argv[2]);
const prof = process.argv[3];
const master = fs.readdirSync(ws).filter((d) => d.includes('Master')).map((d) => path.join(ws, d, fs.readdirSync(path.join(ws, d))[0]))[0];
const server = startBenchServer({
  nodeArgs: prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [],
  serverArgs: ['--cache-dir', process.env.ISSUE_LOG_BENCH_CACHE ?? '.bench/server-cache'],
  onLog: (m) => process.stderr.write(m.slice(0, 200) + '\n'),
});
const { P, URI, conn, published, waitFor } = server;
const text = fs.readFileSync(master, 'utf8');
const uri = await server.open(ws, master, text);
await waitFor(() => server.indexed > 0);
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
