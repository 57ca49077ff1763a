// Helpers to run the extension in a real VS Code: code-server (VS Code 1.139.1 on Node 24) driven by Debian's
// Chromium through playwright-core. Plain JS (ESM) so that it runs under the repository's Node 20 and mocha.
// The prerequisites live outside the repository; `bash scripts/setup-e2e.sh` installs them and writes env.sh.
import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SETUP = 'scripts/setup-e2e.sh';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

export const BASE_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  // Quieter, steadier UI for tests: no chat side bar, no extension update checks against a gallery.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
});

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` (sync or async) until it returns a truthy value, which it returns; throws after `timeout` ms.
 * Exceptions thrown by `check` count as "not yet" (the last one is named in the timeout error).
 */
export async function waitFor(check, { timeout = 30_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${message}` + (lastError ? `: ${lastError.message}` : ''));
    }
    await sleep(interval);
  }
}

function e2eHome() {
  return process.env.ISSUE_LOG_E2E_HOME || path.join(os.homedir(), '.cache', 'issue-log-e2e');
}

/** Reads `export NAME="value"` lines of env.sh (no shell involved). */
function readEnvSh() {
  const file = path.join(e2eHome(), 'env.sh');
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)=(?:"([^"]*)"|'([^']*)'|(\S*))\s*$/.exec(line);
    if (m) out[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

let cachedConfig;
/**
 * The prerequisite paths: from the environment variables ISSUE_LOG_CODE_SERVER, ISSUE_LOG_NODE24,
 * ISSUE_LOG_PLAYWRIGHT, ISSUE_LOG_CHROMIUM, or else from $ISSUE_LOG_E2E_HOME/env.sh. Throws a clear error
 * naming the setup script when one is missing.
 */
export function e2eConfig() {
  if (cachedConfig) return cachedConfig;
  const fromFile = readEnvSh();
  const get = (name, fallback) => process.env[name] || fromFile[name] || fallback;
  const config = {
    codeServer: get('ISSUE_LOG_CODE_SERVER'),
    node24: get('ISSUE_LOG_NODE24'),
    playwright: get('ISSUE_LOG_PLAYWRIGHT'),
    chromium: get('ISSUE_LOG_CHROMIUM', '/usr/bin/chromium'),
  };
  const checks = [
    ['ISSUE_LOG_CODE_SERVER', config.codeServer, 'code-server'],
    ['ISSUE_LOG_NODE24', config.node24, 'Node 24'],
    ['ISSUE_LOG_PLAYWRIGHT', config.playwright, 'playwright-core'],
    ['ISSUE_LOG_CHROMIUM', config.chromium, 'Chromium'],
  ];
  const missing = checks
    .filter(([, p]) => !p || !existsSync(p))
    .map(([name, p, what]) => `${what} (${name}=${p || '<unset>'})`);
  if (missing.length) {
    throw new Error(
      `end-to-end prerequisites missing: ${missing.join(', ')}. ` +
        `Run \`bash ${SETUP}\` (it installs them into ${e2eHome()} and writes env.sh there), ` +
        `or set the ISSUE_LOG_* variables.`,
    );
  }
  cachedConfig = config;
  return config;
}

/** A free TCP port on 127.0.0.1 (the port is released before returning; the window for a race is tiny). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Writes <userDataDir>/User/settings.json: BASE_SETTINGS plus `extra` (extra wins). */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2) + '\n');
  return file;
}

async function httpOk(url) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), 2_000);
  try {
    const res = await fetch(url, { signal: ctl.signal, redirect: 'manual' });
    await res.arrayBuffer().catch(() => {});
    return res.status >= 200 && res.status < 400;
  } catch {
    return false;
  } finally {
    clearTimeout(t);
  }
}

/**
 * Starts code-server on 127.0.0.1:port (a free port when omitted) serving `workspace`, with its own
 * user-data and extensions folders, and waits until it answers HTTP.
 * Returns { url, port, process, logFile, log(), stop() }. `env` is merged over process.env (the extension host
 * inherits it, e.g. ISSUE_LOG_EXTENSION_TESTS_RESULT). `settings` are extra user settings.
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  userDataDir,
  port,
  env = {},
  settings = {},
  timeout = 60_000,
  logFile,
} = {}) {
  if (!workspace || !extensionsDir || !userDataDir) {
    throw new Error('startCodeServer needs workspace, extensionsDir and userDataDir');
  }
  const { codeServer } = e2eConfig();
  port = port || (await freePort());
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, settings);
  logFile = logFile || path.join(userDataDir, 'code-server.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  let logText = '';
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  const child = spawn(codeServer, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() ends the extension host and helpers too
  });
  const onData = (d) => {
    logStream.write(d);
    if (logText.length < 200_000) logText += d.toString();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { error: err };
      resolve(exited);
    });
  });

  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      killGroup('SIGTERM');
      const done = await Promise.race([exitPromise, sleep(5_000).then(() => null)]);
      if (!done) killGroup('SIGKILL');
      await Promise.race([exitPromise, sleep(2_000)]);
    }
    killGroup('SIGKILL'); // leftovers of the group (extension host, pty host)
    await new Promise((r) => logStream.end(r));
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (exited) {
          throw Object.assign(new Error(`code-server exited early (${JSON.stringify(exited)})`), { fatal: true });
        }
        return (await httpOk(`${url}/healthz`)) && (await httpOk(`${url}/`));
      },
      { timeout, interval: 200, message: `code-server at ${url}` },
    );
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)})`);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n--- code-server log (${logFile}) ---\n${logText.slice(-4000)}`);
  }
  return { url, port, process: child, logFile, log: () => logText, stop };
}

function run(cmd, args, { timeout = 120_000, env } = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout, env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n${cmd} ${args.join(' ')}\n${stdout}\n${stderr}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
  });
}

/** `code-server --install-extension <vsix> --force` into the given folders. Resolves to its output. */
export async function installExtension(vsixPath, extensionsDir, userDataDir, { timeout = 120_000 } = {}) {
  const { codeServer } = e2eConfig();
  if (!existsSync(vsixPath)) throw new Error(`installExtension: no such file ${vsixPath}`);
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const { stdout, stderr } = await run(
    codeServer,
    ['--install-extension', vsixPath, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
    { timeout },
  );
  const out = stdout + stderr;
  if (!/successfully installed|already installed/i.test(out)) {
    throw new Error(`installExtension: code-server did not report success for ${vsixPath}:\n${out}`);
  }
  return out;
}

let playwrightModule;
/** playwright-core, loaded from ISSUE_LOG_PLAYWRIGHT (not a dependency of the repository). */
export function playwright() {
  if (!playwrightModule) {
    const { playwright: dir } = e2eConfig();
    playwrightModule = createRequire(import.meta.url)(dir);
  }
  return playwrightModule;
}

/**
 * Launches Debian's Chromium (headless by default) and opens one page.
 * Returns { browser, context, page, close() }.
 */
export async function launchBrowser({ headless = true, viewport = { width: 1400, height: 900 }, args = [] } = {}) {
  const { chromium: executablePath } = e2eConfig();
  const browser = await playwright().chromium.launch({
    executablePath,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: async () => {
      await browser.close().catch(() => {});
    },
  };
}

/** Opens the workbench for `folder` and waits until it is rendered (and its explorer/activity bar are up). */
export async function openWorkbench(page, url, folder, { timeout = 60_000 } = {}) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout });
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.part.activitybar .action-item, .part.statusbar', { timeout });
}

/** Writes test-results/e2e/<name>.png (the folder is gitignored) and returns its path. */
export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Writes a generated issue-log workspace into `dir` with the corpus generator
 * (test/fixtures/corpus/gen-workspace.mjs, contract v2); resolves with its output.
 */
export function generateWorkspace(dir, { phases, issuesPerPhase, faults }) {
  const args = [path.join(REPO_ROOT, 'test/fixtures/corpus/gen-workspace.mjs'), dir, '--phases', String(phases), '--issues-per-phase', String(issuesPerPhase), '--faults', String(faults), '--contract', '2'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`gen-workspace.mjs exited with ${code}: ${out}`))));
  });
}
