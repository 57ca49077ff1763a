// Bundles the extension client, the language server and the CLI with esbuild.
// unified/remark are ESM-only; bundling turns everything into CommonJS files that
// VS Code and plain Node load directly, and keeps the .vsix small.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The extension-host test bundle is built only on request, so that the normal build stays fast.
const tests = process.argv.includes('--tests');

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

/**
 * What the facts cache is keyed by (server/src/node/factsCache.ts): the version and a hash of everything
 * that can change what the parser reads (the server's sources and the locked library versions), so that
 * two builds share cached facts only when they parse alike, a rebuilt dev tree included.
 */
function buildId() {
  const hash = crypto.createHash('sha1');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  walk('server/src');
  if (fs.existsSync('package-lock.json')) hash.update(fs.readFileSync('package-lock.json'));
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // `issue-log --version` and the facts cache key come from here; unbundled runs (tsx) say 0.0.0-dev / dev.
  define: { __VERSION__: JSON.stringify(version), __BUILD_ID__: JSON.stringify(buildId()) },
};

const builds = [
  // The VS Code extension (the `vscode` module is provided by the host).
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The language server started by the extension over IPC (and by `issue-log lsp --stdio`).
  { ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  // The command-line checker; `issue-log lsp` loads the server from the same bundle.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker thread that parses files in parallel for the CLI and the server.
  { ...common, entryPoints: ['server/src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
];
if (tests) {
  const suite = {
    ...common,
    minify: false,
    external: ['vscode'],
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
  builds.push(
    // The extension-host suite with mocha bundled in, for @vscode/test-electron (`--extensionTestsPath`).
    { ...suite, entryPoints: ['test/extension/index.ts'], outfile: 'dist/test/extension.js' },
    // The same suite as a separate test-only extension, for code-server (which refuses --extensionTestsPath);
    // test/e2e/run.mjs installs it with test/extension/runner/package.json. Never part of the .vsix.
    { ...suite, entryPoints: ['test/extension/hostExtension.ts'], outfile: 'dist/test/runner/extension.js' },
  );
}

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching', builds.map((b) => b.outfile).join(', '));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
}
