/**
 * Runs the extension-host suite (`suite.test.ts`) with mocha, programmatically. Bundled by
 * `node esbuild.mjs --tests` into `dist/test/extension.js`, which `@vscode/test-electron` loads (and
 * calls `run()`), and into the test-only runner extension `dist/test/runner/extension.js`
 * (`hostExtension.ts`, which calls `runSuite()`) that the e2e run installs into code-server.
 */
import Mocha from 'mocha';

export interface SuiteTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResult {
  failures: number;
  passes: number;
  pending: number;
  tests: SuiteTestResult[];
}

/** Runs the suite and resolves with its outcome (never rejects for failing tests). */
export function runSuite(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The suite is bundled with this file, so it cannot be added with `mocha.addFile`; instead it is
  // required after mocha has installed its BDD globals (`describe`, `it`) for it.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'suite.test.ts', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after mocha's globals are in place, not hoisted as an import would be
  require('./suite.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./newIssue.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./tasks.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./codeLens.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./outline.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./openIssuesView.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./editorDetails.test');
  // It restarts the language server on a large generated workspace, and again without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./indexing.test');
  // It stops and starts the language server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./enable.test');
  // Last: it kills the language server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  require('./crash.test');

  const tests: SuiteTestResult[] = [];
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      resolve({
        failures,
        passes: tests.filter((t) => t.state === 'passed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      });
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err: Error) =>
      tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error: err?.stack ?? String(err) }),
    );
  });
}

/** The `@vscode/test-electron` convention: resolves when every test passed, rejects with the failure count. */
export async function run(): Promise<void> {
  const result = await runSuite();
  if (result.failures > 0) throw new Error(`${result.failures} extension test${result.failures === 1 ? '' : 's'} failed.`);
}
