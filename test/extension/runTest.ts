/**
 * Runs the extension-host suite in a desktop VS Code downloaded by `@vscode/test-electron`:
 * `npm run test:extension` (which first builds `dist/test/extension.js` with `--tests`).
 * Machines without access to the VS Code download site cannot run this; there the same suite runs in
 * code-server through a separate test-only extension (test/extension/hostExtension.ts, installed by
 * test/e2e/run.mjs); the product has no test hook.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  try {
    await runTests({
      // The oldest VS Code that package.json's engines accept would be a stricter choice; `stable` is
      // what users run.
      version: process.env.ISSUE_LOG_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist/test/extension.js'),
      launchArgs: [
        path.join(root, 'test/extension/workspace'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (error) {
    console.error('Extension tests failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

void main();
