// The language server's figures for scripts/bench.mjs: time to first diagnostics, indexing, keystrokes,
// completion and hover, over JSON-RPC on stdio (benchServer.mjs), optionally under --cpu-prof.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startBenchServer } from './benchServer.mjs';
import { log, percentile, summarizeProfiles } from './benchStats.mjs';

export async function measureServer(REPO, ws, edits, result, profileDir) {
  if (!fs.existsSync(path.join(REPO, 'dist', 'server.js'))) {
    result.serverError = 'dist/server.js is missing (the language server is not built)';
    return;
  }
  const spawnedAt = performance.now();
  const windows = {};
  const server = startBenchServer({ cwd: REPO, nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [], stderr: 'pipe' });
  const { P, URI, child, conn, published, waitFor } = server;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  const masterUri = URI.file(ws.master).toString();
  const text = fs.readFileSync(ws.master, 'utf8');
  const limit = ws.size === 'large' ? 1_800_000 : 600_000;
  try {
    // Time to first diagnostics: a cold server, the master opened at once.
    const t0 = performance.now();
    await server.open(ws.dir, ws.master, text);
    await waitFor(() => published.some((p) => p.uri === masterUri), 'the first diagnostics of the master', limit);
    const first = published.find((p) => p.uri === masterUri);
    result.ttfdMs = first.at - t0;
    log(`  server: first diagnostics of the master after ${(result.ttfdMs / 1000).toFixed(2)} s`);
    await waitFor(() => server.indexed > 0, 'indexing to finish', limit);
    result.indexedMs = performance.now() - t0;
    windows.index = [t0 - spawnedAt, performance.now() - spawnedAt];

    // Keystrokes: each edit waits for the diagnostics of its version.
    // Spread across the master: edit pairs at evenly spaced lines, from the top to the bottom.
    const lineCount = text.split('\n').length;
    const pairs = Math.max(1, Math.ceil(edits / 2));
    let version = 1;
    let current = text;
    const latencies = [];
    windows.keystrokes = [performance.now() - spawnedAt];
    for (let i = 0; i < edits; i++) {
      // Type a character at the end of a line, then delete it again: the text stays a log.
      const edited = current.split('\n');
      const editLine = Math.min(lineCount - 1, Math.floor(((i >> 1) * lineCount) / pairs));
      const line = edited[editLine];
      const typed = i % 2 === 0;
      const character = typed ? line.length : line.length - 1;
      const change = typed
        ? { range: { start: { line: editLine, character }, end: { line: editLine, character } }, text: '7' }
        : { range: { start: { line: editLine, character }, end: { line: editLine, character: line.length } }, text: '' };
      edited[editLine] = typed ? line + '7' : line.slice(0, -1);
      current = edited.join('\n');
      version++;
      const v = version;
      const t = performance.now();
      await conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri: masterUri, version: v }, contentChanges: [change] });
      await waitFor(() => published.some((p) => p.uri === masterUri && p.version === v), `diagnostics of version ${v}`, 120_000);
      latencies.push(published.find((p) => p.uri === masterUri && p.version === v).at - t);
      if ((i + 1) % 50 === 0) log(`  server: ${i + 1}/${edits} edits, last ${latencies[latencies.length - 1].toFixed(0)} ms`);
    }
    windows.keystrokes.push(performance.now() - spawnedAt);
    result.keystroke = { n: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
    log(`  server: keystroke → diagnostics p50 ${result.keystroke.p50.toFixed(0)} ms, p95 ${result.keystroke.p95.toFixed(0)} ms`);

    // Completion of an issue ID and hover on one, 100 of each.
    const scratchUri = URI.file(path.join(path.dirname(ws.master), 'bench-scratch.md')).toString();
    await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: scratchUri, languageId: 'markdown', version: 1, text: 'Related: CRIT-\n' } });
    const completion = [];
    windows.completion = [performance.now() - spawnedAt];
    let items = 0;
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const r = await conn.sendRequest(P.CompletionRequest.type, { textDocument: { uri: scratchUri }, position: { line: 0, character: 14 } });
      completion.push(performance.now() - t);
      items = Array.isArray(r) ? r.length : (r?.items?.length ?? 0);
    }
    windows.completion.push(performance.now() - spawnedAt);
    result.completion = { n: completion.length, p50: percentile(completion, 50), p95: percentile(completion, 95), items };
    const mention = /\b(CRIT|HIGH|MED|LOW|OPEN)-\d{3,}\b/.exec(current);
    const before = current.slice(0, mention.index);
    const hoverPos = { line: before.split('\n').length - 1, character: mention.index - before.lastIndexOf('\n') - 1 + 2 };
    const hover = [];
    let hoverOk = false;
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const r = await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: masterUri }, position: hoverPos });
      hover.push(performance.now() - t);
      hoverOk = hoverOk || !!r;
    }
    result.hover = { n: hover.length, p50: percentile(hover, 50), p95: percentile(hover, 95), answered: hoverOk };
    log(`  server: completion p50 ${result.completion.p50.toFixed(1)} ms p95 ${result.completion.p95.toFixed(1)} ms (${items} items); hover p50 ${result.hover.p50.toFixed(1)} ms p95 ${result.hover.p95.toFixed(1)} ms`);
    result.serverIds = ws.expected.masterScope?.total;
    await conn.sendRequest(P.ShutdownRequest.type);
    await conn.sendNotification(P.ExitNotification.type);
    if (profileDir) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      result.serverProfiles = {};
      for (const [label, w] of Object.entries(windows)) result.serverProfiles[label] = summarizeProfiles(profileDir, 12, w);
      if (windows.index) result.serverProfiles.index = summarizeProfiles(profileDir, 12, windows.index);
    }
  } catch (err) {
    result.serverError = `${err.message}; stderr: ${stderr.join('').slice(-300)}`;
    log(`  server: ${result.serverError}`);
  } finally {
    conn.dispose();
    setTimeout(() => child.kill(), 2000).unref();
  }
}
