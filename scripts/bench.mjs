// The benchmark of the issue "Fast at scale": generated workspaces against the anchors, in one run.
//
//   npm run bench -- [--size small|medium|large|all] [--runs N] [--skip-anchors] [--skip-server]
//                    [--edits N] [--no-write] [--no-profile] [--report]
//   node scripts/bench.mjs --size small --runs 1          (the CI smoke test: no timing assertions)
//
// Workspaces come from the team's corpus generator (test/fixtures/corpus/gen-workspace.mjs, a copy of ../shared/corpus) under .bench/
// (gitignored): small = 6×20, medium = 20×200, large = 50×400, all with --faults 5 --seed 1. Every
// figure is the median of N runs (default 5; 3 for large) unless its row says otherwise. The results
// of each size are kept in .bench/results-SIZE.json, and docs/benchmarks.md is written from every
// size measured so far (so that large can be run on its own).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, targets } from './benchReport.mjs';
import { measureServer } from './benchLanguageServer.mjs';
import { log, median, summarizeProfiles } from './benchStats.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(REPO, '.bench');
const CLI = path.join(REPO, 'dist', 'cli.js');
const GEN = process.env.ISSUE_LOG_CORPUS_GENERATOR ?? path.resolve(REPO, 'test', 'fixtures', 'corpus', 'gen-workspace.mjs');
const ANCHORS = path.join(REPO, 'scripts', 'bench-anchors.mjs');
const DOC = path.join(REPO, 'docs', 'benchmarks.md');
const SIZES = {
  small: { phases: 6, issues: 20 },
  medium: { phases: 20, issues: 200 },
  large: { phases: 50, issues: 400 },
};

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const a = { sizes: ['small'], runs: undefined, anchors: true, server: true, edits: 200, write: true, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => {
      if (argv[i + 1] === undefined) usage(`${v} needs a value`);
      return argv[++i];
    };
    if (v === '--size') {
      const s = next();
      a.sizes = s === 'all' ? Object.keys(SIZES) : s.split(',');
      for (const x of a.sizes) if (!SIZES[x]) usage(`unknown size ${x}`);
    } else if (v === '--runs') a.runs = Math.max(1, Number(next()) | 0);
    else if (v === '--edits') a.edits = Math.max(1, Number(next()) | 0);
    else if (v === '--skip-anchors') a.anchors = false;
    else if (v === '--skip-server') a.server = false;
    else if (v === '--no-write') a.write = false;
    else if (v === '--no-profile') a.profile = false;
    else if (v === '--report') a.sizes = [];
    else if (v === '--server-profile') a.serverProfile = true;
    else if (v === '-h' || v === '--help') usage();
    else usage(`unknown argument ${v}`);
  }
  return a;
}

function usage(msg) {
  if (msg) process.stderr.write(`bench: ${msg}\n`);
  process.stderr.write('usage: node scripts/bench.mjs [--size small|medium|large|all] [--runs N] [--skip-anchors] [--skip-server] [--edits N] [--no-write] [--no-profile] [--report]\n  --report: measure nothing; write docs/benchmarks.md from the results kept in .bench/\n  --server-profile: only profile the language server (indexing, --edits keystrokes, completion) and add the profiles to the kept results\n');
  process.exit(msg ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const HAS_TIME = fs.existsSync('/usr/bin/time');

/** Runs a command; returns wall ms, peak RSS (KB, with /usr/bin/time), status, stdout, stderr. */
function timed(cmd, args, options = {}) {
  const full = HAS_TIME ? ['/usr/bin/time', ['-f', '__RSS_KB=%M %U %S', cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: REPO, ...options });
  const ms = performance.now() - t0;
  let stderr = r.stderr ?? '';
  let rssKB;
  let cpuMs;
  const m = /__RSS_KB=(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (m) {
    rssKB = Number(m[1]);
    cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\n$/, '');
  }
  return { ms, rssKB, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr, error: r.error };
}

function generate(size) {
  const { phases, issues } = SIZES[size];
  const dir = path.join(BENCH, `ws-${size}`);
  fs.mkdirSync(BENCH, { recursive: true });
  if (!fs.existsSync(GEN)) throw new Error(`the corpus generator is not at ${GEN}; set ISSUE_LOG_CORPUS_GENERATOR to its path`);
  const r = spawnSync(process.execPath, [GEN, dir, '--phases', String(phases), '--issues-per-phase', String(issues), '--faults', '5', '--seed', '1', '--contract', '2'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generator failed: ${r.stderr}`);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  // The workspace is its own root (the CLI's root is the nearest folder with .issue-log.json or .git,
  // and .bench/ sits inside this repository, beside the other sizes).
  const config = path.join(dir, '.issue-log.json');
  if (!fs.existsSync(config)) fs.writeFileSync(config, '// This generated workspace is its own root.\n{}\n');
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        bytes += fs.statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { dir, expected, bytes, files, master: path.join(dir, expected.master) };
}

/** Compares the CLI's JSON with expected.json by (file, line, code), as multisets. */
function compare(stdout, expected) {
  let printed;
  try {
    printed = JSON.parse(stdout);
  } catch {
    return { ok: false, summary: 'output is not JSON' };
  }
  const key = (d) => `${d.file}:${d.line}:${d.code}`;
  const want = new Map();
  for (const d of expected.diagnostics) want.set(key(d), (want.get(key(d)) ?? 0) + 1);
  const extra = [];
  for (const d of printed) {
    const k = key(d);
    if (want.get(k)) want.set(k, want.get(k) - 1);
    else extra.push(k);
  }
  const missing = [...want.entries()].flatMap(([k, n]) => Array(n).fill(k));
  const ok = missing.length === 0 && extra.length === 0;
  return { ok, printed: printed.length, expected: expected.diagnostics.length, missing, extra, summary: ok ? `exact (${printed.length} = expected)` : `MISMATCH: ${missing.length} missing, ${extra.length} extra` };
}

// ---------------------------------------------------------------------------------------------
// CLI

function cliCheck(ws, extra = []) {
  // From the workspace: check prints paths relative to the current folder, as expected.json has them.
  return timed(process.execPath, [CLI, 'check', ws.dir, '--format', 'json', '--today', ws.expected.today, ...extra], { cwd: ws.dir });
}

function measureCli(ws, runs, result) {
  const cold = [];
  for (let i = 0; i < runs; i++) {
    const r = cliCheck(ws);
    const cmp = compare(r.stdout, ws.expected);
    log(`  cold check ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(2)} s, ${r.rssKB ?? '?'} KB, ${cmp.summary}`);
    cold.push(r);
    result.correctness = cmp;
    if (r.stderr.trim()) result.cliStderr = r.stderr.trim().split('\n').slice(0, 5);
  }
  result.coldMs = median(cold.map((r) => r.ms));
  result.coldRssKB = median(cold.map((r) => r.rssKB));
  result.coldCpuMs = median(cold.map((r) => r.cpuMs));
  result.coldRuns = runs;

  const cacheDir = path.join(BENCH, `cache-${ws.size}`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const fill = cliCheck(ws, ['--cache-dir', cacheDir]);
  result.fillMs = fill.ms;
  result.fillCorrect = compare(fill.stdout, ws.expected).ok;
  log(`  cold check filling the cache: ${(fill.ms / 1000).toFixed(2)} s`);
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const r = cliCheck(ws, ['--cache-dir', cacheDir]);
    const cmp = compare(r.stdout, ws.expected);
    if (!cmp.ok) result.warmMismatch = cmp.summary;
    log(`  warm check ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(2)} s, ${r.rssKB ?? '?'} KB, ${cmp.summary}`);
    warm.push(r);
  }
  result.warmMs = median(warm.map((r) => r.ms));
  result.warmRssKB = median(warm.map((r) => r.rssKB));
  result.warmCpuMs = median(warm.map((r) => r.cpuMs));
  result.warmCorrect = warm.every((r) => compare(r.stdout, ws.expected).ok);
}

// ---------------------------------------------------------------------------------------------
// Anchors

function anchor(args) {
  const r = timed(process.execPath, [ANCHORS, ...args]);
  if (r.status !== 0) throw new Error(`anchor ${args[0]} failed: ${r.stderr.slice(-800)}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wallMs: r.ms, rssKB: r.rssKB, cpuMs: r.cpuMs };
}

function measureAnchors(ws, runs, result) {
  const floorRuns = ws.size === 'large' ? 1 : runs;
  const floors = [];
  for (let i = 0; i < floorRuns; i++) {
    const f = anchor(['floor', ws.dir]);
    log(`  parse floor ${i + 1}/${floorRuns}: ${(f.ms / 1000).toFixed(2)} s (process ${(f.wallMs / 1000).toFixed(2)} s)`);
    floors.push(f);
  }
  result.floorMs = median(floors.map((f) => f.wallMs));
  result.floorParseMs = median(floors.map((f) => f.ms));
  result.floorCpuMs = median(floors.map((f) => f.cpuMs));
  result.floorRuns = floorRuns;
  const mds = [];
  for (let i = 0; i < runs; i++) {
    try {
      const m = anchor(['mdls', ws.dir, ws.master]);
      log(`  vscode-markdown-languageservice ${i + 1}/${runs}: full ${(m.fullMs / 1000).toFixed(2)} s (process ${(m.wallMs / 1000).toFixed(2)} s), re-validate ${m.revalidateMs.toFixed(0)} ms, ${m.diagnostics} diagnostics`);
      mds.push(m);
    } catch (err) {
      result.mdlsError = String(err.message).slice(0, 300);
      break;
    }
  }
  if (mds.length) {
    result.mdlsFullMs = median(mds.map((m) => m.wallMs));
    result.mdlsFullInProcessMs = median(mds.map((m) => m.fullMs));
    result.mdlsRevalidateMs = median(mds.map((m) => m.revalidateMs));
    result.mdlsCpuMs = median(mds.map((m) => m.cpuMs));
    result.mdlsDiagnostics = mds[0].diagnostics;
  }
}

/** Our parser on the master alone (read + block-wise parse + facts), in a fresh process. */
function measureMasterParse(ws, runs, result) {
  const script = `
    const fs = require('node:fs');
    const { resolveOptions } = require(${JSON.stringify(path.join(REPO, 'server/src/core/config.ts'))});
    const { readDocument } = require(${JSON.stringify(path.join(REPO, 'server/src/core/document.ts'))});
    const t0 = performance.now();
    readDocument('file:///m.md', fs.readFileSync(${JSON.stringify(ws.master)}, 'utf8'), resolveOptions());
    process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }));`;
  const times = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const r = timed(process.execPath, ['--import', 'tsx', '-e', script]);
    if (r.status !== 0) {
      result.masterParseError = r.stderr.slice(-300);
      return;
    }
    times.push(JSON.parse(r.stdout).ms);
  }
  result.masterParseMs = median(times);
  log(`  master alone (block-wise parse): ${(result.masterParseMs / 1000).toFixed(2)} s`);
}

// ---------------------------------------------------------------------------------------------
// Profiles

/** Self time per function over every profile in `dir`; `window` = [from, to] ms after the process started. */
function profileCli(ws, extra, label) {
  const dir = path.join(BENCH, `prof-${ws.size}-${label}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CLI, 'check', ws.dir, '--format', 'json', '--today', ws.expected.today, ...extra], { cwd: REPO, maxBuffer: 1 << 30 });
  return summarizeProfiles(dir);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) {
    log('dist/cli.js is missing: building');
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  }
  const command = `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim();
  for (const size of args.serverProfile ? args.sizes : []) {
    const file = path.join(BENCH, `results-${size}.json`);
    const kept = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { size };
    const ws = { ...generate(size), size };
    const dir = path.join(BENCH, `prof-${size}-server`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    log(`${size}: profiling the language server (${args.edits} edits)`);
    const tmp = {};
    await measureServer(REPO, ws, args.edits, tmp, dir);
    kept.serverProfiles = tmp.serverProfiles;
    kept.serverProfileRun = { date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC', edits: args.edits, keystroke: tmp.keystroke, completion: tmp.completion, ttfdMs: tmp.ttfdMs, error: tmp.serverError };
    fs.writeFileSync(file, JSON.stringify(kept, null, 2));
  }
  const measured = {};
  for (const size of args.serverProfile ? [] : args.sizes) {
    const runs = args.runs ?? (size === 'large' ? 3 : 5);
    log(`${size}: generating`);
    const ws = { ...generate(size), size };
    const result = {
      size,
      date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      command,
      files: ws.files,
      bytes: ws.bytes,
      machine: {
        cpus: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
        cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
        memGB: (os.totalmem() / 2 ** 30).toFixed(1),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadBefore: os.loadavg().map((x) => x.toFixed(2)).join(' '),
      },
      notes: [],
    };
    // The IDs a completion can offer: every ID entry of the workspace plus every numbered entry.
    const text = fs.readFileSync(ws.master, 'utf8');
    result.idCount = new Set(text.match(/\b(?:CRIT|HIGH|MED|LOW|OPEN)-\d{3,}\b/g) ?? []).size + ws.expected.phases * ws.expected.issuesPerPhase;
    log(`${size}: ${ws.files} files, ${(ws.bytes / 1048576).toFixed(1)} MiB, ${runs} runs`);
    measureCli(ws, runs, result);
    if (args.anchors) {
      measureAnchors(ws, runs, result);
    } else result.anchorsSkipped = true;
    measureMasterParse(ws, runs, result);
    if (args.server) await measureServer(REPO, ws, args.edits, result);
    else result.serverError = 'skipped (--skip-server)';
    if (args.profile) {
      const t = targets(result);
      result.profiles = {};
      if (t[3].verdict === 'NOT MET') result.profiles['cold check'] = profileCli(ws, [], 'cold');
      if (t[4].verdict === 'NOT MET') {
        const cacheDir = path.join(BENCH, `cache-${size}`);
        result.profiles['warm re-check'] = profileCli(ws, ['--cache-dir', cacheDir], 'warm');
      }
    }
    result.machine.loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    // With --no-write the kept results (which --report turns into docs/benchmarks.md) stay as they were.
    fs.writeFileSync(path.join(BENCH, args.write ? `results-${size}.json` : `results-${size}.scratch.json`), JSON.stringify(result, null, 2));
    measured[size] = result;
    log(`${size}: done`);
  }
  // What this run measured, and for the other sizes the results kept from earlier runs.
  const all = {};
  for (const s of Object.keys(SIZES)) {
    const f = path.join(BENCH, `results-${s}.json`);
    if (measured[s]) all[s] = measured[s];
    else if (fs.existsSync(f)) all[s] = JSON.parse(fs.readFileSync(f, 'utf8'));
  }
  if (Object.keys(all).length === 0) {
    log('no results are kept in .bench/ yet: run `npm run bench` (a size at least) before --report');
    process.exit(2);
  }
  const notesFile = path.join(REPO, 'docs', 'benchmarks-notes.md');
  const md = render(all, fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8').trim() : undefined, Object.keys(SIZES));
  process.stdout.write(md + '\n');
  if (args.write) {
    fs.mkdirSync(path.dirname(DOC), { recursive: true });
    fs.writeFileSync(DOC, md + '\n');
    log(`wrote ${path.relative(REPO, DOC)}`);
  }
  const bad = Object.values(all).filter((r) => args.sizes.includes(r.size) && r.correctness && !r.correctness.ok);
  if (bad.length) log(`results differ from expected.json for: ${bad.map((r) => r.size).join(', ')}`);
  process.exitCode = bad.length ? 1 : 0;
  // The protocol connection may keep handles open.
  setTimeout(() => process.exit(process.exitCode), 100).unref();
}

await main();
