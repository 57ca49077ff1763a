#!/usr/bin/env node
// Packages the extension as a .vsix (`npm run package`; `-o FILE`, default issue-log.vsix).
//
// vsce refuses a folder whose package.json has a `files` list (the npm package's: the CLI) next to a
// .vscodeignore (the extension's), so vsce runs in a staging folder: package.json without `files`, the
// .vscodeignore, and the top-level entries that .vscodeignore lets in. What ships is still decided by
// .vscodeignore alone. The README vsce ships is docs/extension-README.md (written for the extension's
// page); its relative links and images become absolute URLs of the repository's docs/ folder, because
// VS Code's details page shows no relative image or link of an installed extension.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = 'docs/extension-README.md';
const DOCS_BLOB = 'https://github.com/issue-log/issue-log/blob/main/docs';
const DOCS_RAW = 'https://github.com/issue-log/issue-log/raw/main/docs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('-o');
const out = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(ROOT, 'issue-log.vsix'));
if (outIndex >= 0 && !args[outIndex + 1]) {
  console.error('usage: node scripts/package-vsix.mjs [-o FILE.vsix]');
  process.exit(2);
}

const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
// `!dist/client.js` → `dist`: copy whole top-level entries; .vscodeignore picks the files inside them.
const entries = new Set(
  ignore
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).split('/')[0])
    .filter((e) => e && e !== 'package.json' && !e.includes('*')),
);

const stage = mkdtempSync(path.join(os.tmpdir(), 'issue-log-vsix-'));
try {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  cpSync(path.join(ROOT, '.vscodeignore'), path.join(stage, '.vscodeignore'));
  for (const entry of entries) {
    const from = path.join(ROOT, entry);
    if (existsSync(from)) cpSync(from, path.join(stage, entry), { recursive: true });
  }
  mkdirSync(path.join(stage, path.dirname(README)), { recursive: true });
  cpSync(path.join(ROOT, README), path.join(stage, README));

  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--readme-path', README, '--baseContentUrl', DOCS_BLOB, '--baseImagesUrl', DOCS_RAW, '--no-gitHubIssueLinking', '-o', out],
    { cwd: stage, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
