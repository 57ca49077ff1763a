// The server's keystroke latency, CPU and memory over a long editing session, on a workspace made by
// scripts/bench.mjs (or test/fixtures/corpus/gen-workspace.mjs):
//
//   npm run bench:memory -- .bench/ws-large [--edits 2000] [--keystrokes 100] [--pace MS] [--every 100] [--cpu-prof DIR] [--heap-at N]
//
// Starts `dist/cli.js lsp --stdio` with a cache folder ($ISSUE_LOG_BENCH_CACHE or .bench/server-cache;
// the first run fills it), opens the master log, waits for indexing, and prints the server's RSS
// (VmRSS, VmHWM from /proc). Then --keystrokes edits spread over the master (type a character at the
// end of a line, delete it), each waiting for its version's diagnostics: wall-clock p50/p95 and the
// server's CPU time (utime+stime from /proc) per edit. Then --edits more edits the same way, alternating
// insert and delete so the text stays bounded, with RSS sampled every --every edits. Linux only (/proc).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchServer } from './benchServer.mjs';

const argv = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = argv.indexOf(name);
  return i < 0 ? dflt : argv.splice(i, 2)[1];
};
const edits = Number(flag('--edits', 2000));
const keystrokes = Number(flag('--keystrokes', 100));
const every = Number(flag('--every', 100));
// Wait this long after each keystroke's diagnostics (a typist's pace), so the other logs' checks finish.
const pace = Number(flag('--pace', 0));
const prof = flag('--cpu-prof', undefined);
const heapAt = Number(flag('--heap-at', 0)); // a heap snapshot (Heap.*.heapsnapshot in .bench/) after this many session edits
const ws = path.resolve(argv[0] ?? '.bench/ws-large');
const masterDir = fs.readdirSync(ws).find((d) => d.includes('Master'));
const master = path.join(ws, masterDir, fs.readdirSync(path.join(ws, masterDir)).find((f) => f.endsWith('.md')));
const cache = process.env.ISSUE_LOG_BENCH_CACHE ?? '.bench/server-cache';
const nodeArgs = [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), ...(heapAt ? ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir=.bench'] : [])];
// Only each document's latest version is kept: a 2,000-edit session would otherwise hold every publish.
const server = startBenchServer({ nodeArgs, serverArgs: ['--cache-dir', cache], keep: 'latest' });
const { P, child, conn, waitFor } = server;
const published = server.latest;

const TICK = 1000 / 100; // /proc/PID/stat counts in clock ticks (USER_HZ, 100 on Linux)
const cpuMs = () => {
  const f = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK; // utime, stime (fields 14 and 15)
};
const memMb = () => {
  const s = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const text = fs.readFileSync(master, 'utf8');
const t0 = performance.now();
const uri = await server.open(ws, master, text);
await waitFor(() => server.indexed > 0);
const m0 = memMb();
console.log(`indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s, server CPU ${(cpuMs() / 1000).toFixed(1)} s; RSS ${m0.rss} MB, peak (VmHWM) ${m0.hwm} MB; load ${load()}`);

const lines = text.split('\n');
let version = 1;
/** One edit at `ln` (type '7' at the line's end, or delete it), waiting for its diagnostics; its wall time. */
const edit = async (ln, typed) => {
  const line = lines[ln];
  const ch = typed ? line.length : line.length - 1;
  const change = typed
    ? { range: { start: { line: ln, character: ch }, end: { line: ln, character: ch } }, text: '7' }
    : { range: { start: { line: ln, character: ch }, end: { line: ln, character: line.length } }, text: '' };
  lines[ln] = typed ? line + '7' : line.slice(0, -1);
  const ver = ++version;
  const t = performance.now();
  await conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ver }, contentChanges: [change] });
  await waitFor(() => (published.get(uri)?.version ?? 0) >= ver);
  return published.get(uri).at - t;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const lineOf = (i, n) => Math.floor(((i >> 1) * lines.length) / Math.ceil(n / 2));

if (keystrokes > 0) {
  const lat = [];
  const c0 = cpuMs();
  const w0 = performance.now();
  for (let i = 0; i < keystrokes; i++) {
    lat.push(await edit(lineOf(i, keystrokes), i % 2 === 0));
    if (pace) await new Promise((r) => setTimeout(r, pace));
  }
  const cpu = cpuMs() - c0;
  const wall = performance.now() - w0;
  console.log(
    `keystrokes: ${keystrokes}, wall p50 ${pct(lat, 50).toFixed(0)} ms, p95 ${pct(lat, 95).toFixed(0)} ms, max ${pct(lat, 100).toFixed(0)} ms; ` +
      `server CPU ${(cpu / keystrokes).toFixed(0)} ms per edit (${(cpu / 1000).toFixed(1)} s over ${(wall / 1000).toFixed(1)} s wall); load ${load()}`,
  );
}
if (edits > 0) {
  const series = [];
  const c0 = cpuMs();
  for (let i = 0; i < edits; i++) {
    await edit(lineOf(i, edits), i % 2 === 0);
    if ((i + 1) % every === 0) series.push({ edits: i + 1, ...memMb() });
    if (i + 1 === heapAt) child.kill('SIGUSR2');
  }
  console.log(`session: ${edits} edits, server CPU ${((cpuMs() - c0) / edits).toFixed(0)} ms per edit; load ${load()}`);
  console.log('RSS (MB) every', every, 'edits:', series.map((s) => s.rss).join(' '));
  console.log('VmHWM (MB) at the end:', series[series.length - 1].hwm);
}
await conn.sendRequest(P.ShutdownRequest.type);
await conn.sendNotification(P.ExitNotification.type);
await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
process.exit(0);
