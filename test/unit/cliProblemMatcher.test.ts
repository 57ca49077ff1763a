/**
 * The `$issue-log` problem matcher and the `issue-log` task type that package.json contributes: its
 * pattern, read from package.json, against the real text output of `node dist/cli.js check` (every
 * severity word, info and hint among them), each match's groups against `--format json`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, checkJson, outputRepository } from './cliOutputFixture';
import { REPO } from './cliRun';

interface Pattern {
  name: string;
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
}

const contributes = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).contributes;

/** The words VS Code's problem matcher reads as a severity (Severity.fromValue, then `hint`/`note` as info); anything else is an error. */
const VSCODE_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', warn: 'warning', info: 'info', hint: 'info', note: 'info' };

describe('package.json: the $issue-log problem matcher', function () {
  this.timeout(120_000);
  const pattern = (contributes.problemPatterns as Pattern[]).find((p) => p.name === 'issue-log')!;
  const matcher = (contributes.problemMatchers as { name: string; owner: string; fileLocation: string[]; pattern: string }[]).find((m) => m.name === 'issue-log')!;

  it('is declared with a named pattern, owner issue-log, and paths relative to the task\'s folder', () => {
    assert.ok(pattern);
    assert.equal(matcher.pattern, '$issue-log');
    assert.equal(matcher.owner, 'issue-log');
    assert.deepEqual(matcher.fileLocation, ['relative', '${cwd}']);
  });

  it('matches every diagnostic line of the text output, each group as the JSON has it, and not the summary', () => {
    const root = outputRepository({ '.issue-log.json': '{ "rules": { "review-overdue": "hint" } }\n' });
    const cwd = path.join(root, 'docs');
    const json = checkJson(cwd);
    const lines = check(cwd, ['.']).stdout.trimEnd().split('\n');
    const re = new RegExp(pattern.regexp);
    const matched = lines.map((l) => re.exec(l));
    assert.equal(matched[matched.length - 1], null, 'the summary line is no problem');
    assert.equal(matched.length - 1, json.length);
    const seen = new Set<string>();
    json.forEach((d, i) => {
      const m = matched[i];
      assert.ok(m, lines[i]);
      seen.add(m[pattern.severity]);
      assert.deepEqual(
        [m[pattern.file], Number(m[pattern.line]), Number(m[pattern.column]), VSCODE_SEVERITY[m[pattern.severity]], m[pattern.code], m[pattern.message]],
        [d.file, d.line, d.column, { error: 'error', warning: 'warning', information: 'info', hint: 'info' }[d.severity], d.code, d.message],
        lines[i],
      );
      // The file opens from the folder the CLI ran in, as `${cwd}` says.
      assert.ok(fs.existsSync(path.join(cwd, m[pattern.file])), m[pattern.file]);
    });
    assert.deepEqual([...seen].sort(), ['error', 'hint', 'info', 'warning']);
  });

  it('has a task type issue-log whose properties are those of client/src/checkTask.ts', () => {
    const def = (contributes.taskDefinitions as { type: string; properties: Record<string, unknown> }[]).find((t) => t.type === 'issue-log')!;
    assert.deepEqual(Object.keys(def.properties).sort(), ['args', 'paths']);
    const source = fs.readFileSync(path.join(REPO, 'client', 'src', 'checkTask.ts'), 'utf8');
    assert.match(source, /TASK_TYPE = 'issue-log'/);
    assert.match(source, /\['\$issue-log'\]/);
  });
});
