/**
 * The setting that turns `.gitignore` off: `issueLog.useGitignore` (default true), `"gitignore"` in
 * `.issue-log.json` (the file wins), a wrong type reported and not taken, and a change re-indexes.
 */
import { strict as assert } from 'node:assert';
import { mergeSettings, reindexSettingsChanged, resolveOptions, type IssueLogSettings, type SettingsProblem } from '../../server/src/core/config';
import { readConfigFile } from '../../server/src/core/configFile';

describe('setting: useGitignore / "gitignore"', () => {
  it('is on by default, off when the setting or the file says false; the file wins', () => {
    assert.equal(resolveOptions({}).useGitignore, true);
    assert.equal(resolveOptions({ useGitignore: false }).useGitignore, false);
    const file = readConfigFile('{ "gitignore": false }');
    assert.deepEqual(file, { settings: { gitignore: false }, problems: [] });
    assert.equal(resolveOptions(mergeSettings({ useGitignore: true }, file.settings)).useGitignore, false);
    assert.equal(resolveOptions(mergeSettings({ useGitignore: false }, readConfigFile('{ "gitignore": true }').settings)).useGitignore, true);
  });

  it('reports a value that is not true or false, and keeps the default', () => {
    const problems: SettingsProblem[] = [];
    assert.equal(resolveOptions({ useGitignore: 'no' } as unknown as IssueLogSettings, problems).useGitignore, true);
    assert.deepEqual(problems.map((p) => p.setting), ['issueLog.useGitignore']);
    const file = readConfigFile('{ "gitignore": "no" }');
    assert.deepEqual(file.settings, {});
    assert.deepEqual(file.problems.map((p) => [p.offset, p.length, p.severity]), [[15, 4, 'warning']]);
  });

  it('changes what is indexed: a change re-indexes', () => {
    assert.deepEqual(reindexSettingsChanged(resolveOptions({}), resolveOptions({ useGitignore: false })), ['useGitignore']);
  });
});
