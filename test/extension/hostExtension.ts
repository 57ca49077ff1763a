/**
 * A test-only extension that runs the extension-host suite in code-server, which refuses
 * `--extensionTestsPath`. `test/e2e/run.mjs` installs it (this bundle, `dist/test/runner/extension.js`,
 * with `test/extension/runner/package.json`) next to the product's .vsix; on activation it runs the
 * suite and writes the outcome as JSON to the file named by `ISSUE_LOG_EXTENSION_TESTS_RESULT`.
 * Nothing of this is in the product: the product's bundle has no test hook.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { runSuite, type SuiteResult } from './index';

export interface ExtensionTestsResult extends SuiteResult {
  vscodeVersion: string;
  /** Set when the suite threw outside a test. */
  error?: string;
}

async function runAndReport(resultPath: string): Promise<void> {
  let result: ExtensionTestsResult;
  try {
    result = { vscodeVersion: vscode.version, ...(await runSuite()) };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    result = { vscodeVersion: vscode.version, failures: 1, passes: 0, pending: 0, tests: [], error: message };
  }
  // A temporary name first, so that the runner polling for the file never reads half of it.
  fs.writeFileSync(`${resultPath}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${resultPath}.tmp`, resultPath);
}

export function activate(): void {
  const resultPath = process.env.ISSUE_LOG_EXTENSION_TESTS_RESULT;
  if (!resultPath) return;
  // After activate() has returned, so that the host does not wait for the suite to finish activating.
  setTimeout(() => void runAndReport(resultPath), 0);
}
