#!/usr/bin/env node
/**
 * CPU cost of indexing a folder with no issue log (scripts/gen-readmes.mjs), for the CLI and for the
 * language server. CPU time, not wall time (the machine is shared): the CLI's process.cpuUsage() at
 * exit (every thread of the process, workers included), and the server's utime+stime from
 * /proc/PID/stat between its answer to initialize and its "Indexed …" log line.
 *   node scripts/bench-readmes.mjs DIR [--runs 3]
 * ISSUE_LOG_DIST=other/dist measures another build (before/after).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.ISSUE_LOG_DIST ?? path.join(REPO, 'dist'));
const dir = path.resolve(process.argv[2] ?? '');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cliCpu() {
  const probe = path.join(REPO, '.bench-cpu-probe.cjs');
  fs.writeFileSync(probe, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(2, `CPU_MS ${(u.user + u.system) / 1000}\\n`); });\n");
  try {
    const r = spawnSync(process.execPath, ['--require', probe, path.join(DIST, 'cli.js'), 'check', dir], { encoding: 'utf8' });
    const m = /CPU_MS ([\d.]+)/.exec(r.stderr);
    if (!m) throw new Error(r.stderr);
    return { ms: Number(m[1]), summary: r.stdout.trim().split('\n').pop() };
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

function procCpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

async function serverCpu() {
  const rpc = require('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [path.join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let indexed;
  const done = new Promise((resolve) => (indexed = resolve));
  let line = '';
  conn.onNotification('window/logMessage', (p) => {
    if (p.message.startsWith('Indexed ')) {
      line = p.message;
      indexed(procCpuMs(child.pid));
    }
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }], capabilities: {} });
  const start = procCpuMs(child.pid);
  conn.sendNotification('initialized', {});
  const end = await done;
  // Killed, not shut down: only the indexing run is measured.
  conn.dispose();
  child.kill();
  return { ms: end - start, summary: line };
}

const cli = [];
const server = [];
let cliSummary = '';
let serverSummary = '';
for (let i = 0; i < runs; i++) {
  const c = cliCpu();
  cli.push(c.ms);
  cliSummary = c.summary;
  const s = await serverCpu();
  server.push(s.ms);
  serverSummary = s.summary;
}
console.log(`CLI check: CPU ${median(cli).toFixed(0)} ms median of ${runs} (${cli.map((x) => x.toFixed(0)).join(', ')}); ${cliSummary}`);
console.log(`Server indexing run: CPU ${median(server).toFixed(0)} ms median of ${runs} (${server.map((x) => x.toFixed(0)).join(', ')}); ${serverSummary}`);
