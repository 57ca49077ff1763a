/**
 * Test-only entry point. code-server refuses `--extensionTestsPath`, so the extension-host suite runs
 * this way instead: when `ISSUE_LOG_EXTENSION_TESTS` names a JS module (the bundle built from
 * `test/extension/index.ts`), `activate()` loads it, runs it, and writes the outcome as JSON to the
 * file named by `ISSUE_LOG_EXTENSION_TESTS_RESULT`. Unset in normal use, so this does nothing.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export interface ExtensionTestsResult {
  vscodeVersion: string;
  failures: number;
  passes: number;
  pending: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number; error?: string }[];
  /** Set when the module could not be loaded or threw outside a test. */
  error?: string;
}

interface ExtensionTestsModule {
  /** Preferred: runs the suite and resolves with its outcome. */
  runSuite?: () => Promise<Omit<ExtensionTestsResult, 'vscodeVersion'>>;
  /** The `@vscode/test-electron` convention: resolves when all passed, rejects otherwise. */
  run?: () => Promise<void>;
}

export async function runExtensionTestsFromEnvironment(log: vscode.LogOutputChannel): Promise<void> {
  const modulePath = process.env.ISSUE_LOG_EXTENSION_TESTS;
  if (!modulePath) return;
  const resultPath = process.env.ISSUE_LOG_EXTENSION_TESTS_RESULT;
  log.info(`Running extension tests from ${modulePath}`);
  let result: ExtensionTestsResult;
  try {
    // A path known only at run time: esbuild leaves this require to Node.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time path, loaded by Node
    const mod = require(modulePath) as ExtensionTestsModule;
    if (typeof mod.runSuite === 'function') {
      result = { vscodeVersion: vscode.version, ...(await mod.runSuite()) };
    } else if (typeof mod.run === 'function') {
      try {
        await mod.run();
        result = { vscodeVersion: vscode.version, failures: 0, passes: 0, pending: 0, tests: [] };
      } catch (error) {
        result = { vscodeVersion: vscode.version, failures: 1, passes: 0, pending: 0, tests: [], error: String(error) };
      }
    } else {
      throw new Error(`${modulePath} exports neither runSuite() nor run()`);
    }
  } catch (error) {
    result = {
      vscodeVersion: vscode.version,
      failures: 1,
      passes: 0,
      pending: 0,
      tests: [],
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  log.info(`Extension tests finished: ${result.passes} passed, ${result.failures} failed, ${result.pending} pending`);
  if (resultPath) {
    // Write to a temporary name first so that a reader polling for the file never sees half of it.
    fs.writeFileSync(`${resultPath}.tmp`, JSON.stringify(result, null, 2));
    fs.renameSync(`${resultPath}.tmp`, resultPath);
  }
}
