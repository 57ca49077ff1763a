#!/usr/bin/env node
// `npm run demo [-- --port N]`: Issue Log in a real VS Code (code-server) on the example workspace.
// Builds and packages the extension, runs scripts/setup-e2e.sh when its prerequisites are missing, copies
// examples/workspace to a temporary folder (the repository's files are never touched), installs the .vsix
// into a fresh extensions folder and serves code-server on 127.0.0.1. Runs until Ctrl+C, then stops
// code-server (its whole process group) and removes the temporary folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
if (portArg !== undefined && !(Number.isInteger(portArg) && portArg > 0 && portArg < 65536)) {
  console.error('usage: npm run demo [-- --port N]');
  process.exit(2);
}

function sh(cmd, cmdArgs, what) {
  console.log(`[demo] ${what} ...`);
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

sh('npm', ['run', 'package', '--silent'], 'building and packaging issue-log.vsix');

// The harness reads the prerequisites from ISSUE_LOG_* or the env.sh that setup writes (re-read after a
// failed check, so running setup in between is enough).
const h = await import('../test/e2e/codeServer.mjs');
try {
  h.e2eConfig();
} catch (e) {
  console.log(`[demo] ${e.message.split('. ')[0]}: running scripts/setup-e2e.sh (a few minutes the first time)`);
  sh('bash', ['scripts/setup-e2e.sh'], 'installing code-server, Node 24 and Chromium');
  h.e2eConfig();
}

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'issue-log-demo-'));
const workspace = path.join(tmpRoot, 'workspace');
const extensionsDir = path.join(tmpRoot, 'extensions');
const userDataDir = path.join(tmpRoot, 'user-data');
cpSync(path.join(REPO_ROOT, 'examples', 'workspace'), workspace, { recursive: true });

let server;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping code-server ...');
  await server?.stop();
  rmSync(tmpRoot, { recursive: true, force: true });
  console.log('[demo] stopped; temporary workspace removed');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  console.log('[demo] installing issue-log.vsix into a fresh extensions folder ...');
  await h.installExtension(path.join(REPO_ROOT, 'issue-log.vsix'), extensionsDir, userDataDir);
  console.log('[demo] starting code-server ...');
  server = await h.startCodeServer({ workspace, extensionsDir, userDataDir, port: portArg, timeout: 90_000 });
} catch (e) {
  console.error(`[demo] ${e.message}`);
  await shutdown(1);
}

console.log(`
Issue Log demo: open ${server.url}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}

  A copy of examples/workspace (six planted problems: see examples/README.md). Try:
  - 06-Master/MASTER-ISSUE-LOG.md with the Problems panel (Ctrl+Shift+M); Ctrl+. on line 10 (stale Resolved)
  - the Issue Log icon in the activity bar: the Open Issues view
  - type CRIT- and Ctrl+Space; F12 on a Reference link; type crit + Ctrl+Space for a new entry
  code-server log: ${server.logFile}
  Press Ctrl+C to stop.`);

// Keep running until Ctrl+C; if code-server dies on its own, say so and exit.
server.process.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`[demo] code-server exited (${code ?? signal}); log: ${server.logFile}`);
    shutdown(1);
  }
});
setInterval(() => {}, 1 << 30);
