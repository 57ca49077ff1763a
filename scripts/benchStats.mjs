// What the benchmark scripts share: medians and percentiles, the log line, and CPU profiles summed up.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
export const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export function summarizeProfiles(dir, top = 12, window) {
  const self = new Map();
  let total = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    let at = 0;
    p.samples.forEach((s, i) => {
      at += (p.timeDeltas[i] ?? 0) / 1000;
      if (window && (at < window[0] || at > window[1])) return;
      const n = byId.get(s);
      const fr = n.callFrame;
      if (fr.functionName === '(idle)' || fr.functionName === '(program)') return;
      const file = fr.url ? fr.url.split('/').slice(-2).join('/') : '';
      const k = `${fr.functionName || '(anonymous)'} ${file}`;
      const dt = p.timeDeltas[i] ?? 0;
      self.set(k, (self.get(k) ?? 0) + dt);
      total += dt;
    });
  }
  return { totalMs: total / 1000, top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / total })) };
}
