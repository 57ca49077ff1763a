/** "Fix all stale numbers" and the settings that force a re-index (core/config.ts REINDEX_SETTINGS). */
import * as assert from 'node:assert/strict';
import { provideCodeActions, fixAll, FIX_ALL_KIND } from '../../server/src/core/features/codeActions';
import type { FeatureContext } from '../../server/src/core/features/context';
import { REINDEX_SETTINGS, reindexSettingsChanged, resolveOptions } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

const STALE = joinLines('## Issue Summary Statistics', '- **Total Issues**: 5', '- **Open**: 5', '', '### LOW-001: A', '- **Status**: Open');

function context(partial: boolean): FeatureContext {
  const ws = workspace({ 'log.md': STALE });
  return { index: ws.index, partial, getText: (uri) => (uri === uriOf('log.md') ? STALE : undefined) };
}

describe('fix all stale numbers', () => {
  it('fixes every stale count once the whole workspace is indexed', () => {
    const action = fixAll(context(false), uriOf('log.md'), '2026-11-28');
    assert.ok(action);
    assert.deepEqual(action.diagnostics?.map((d) => d.code), ['stale-stat', 'stale-stat']);
    assert.deepEqual(action.edit?.changes?.[uriOf('log.md')].map((e) => [e.range.start.line, e.newText]), [
      [1, '1'],
      [2, '1'],
    ]);
  });

  it('offers nothing while indexing is running (the counts would come from part of the workspace)', () => {
    assert.equal(fixAll(context(true), uriOf('log.md'), '2026-11-28'), undefined);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = provideCodeActions(context(true), uriOf('log.md'), range, { diagnostics: [], only: [FIX_ALL_KIND] }, '2026-11-28');
    assert.deepEqual(actions, []);
  });
});

describe('settings that force a re-index', () => {
  it('are named in one list', () => {
    assert.deepEqual([...REINDEX_SETTINGS], ['prefixes', 'exclude', 'maxFileSizeMB', 'status', 'severity', 'useGitignore', 'checkLinks']);
  });

  it('are told apart from the settings that only change what the rules report', () => {
    const base = resolveOptions({});
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({})), []);
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({ rules: { 'broken-link': 'off' }, caseSensitiveAnchors: true })), []);
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({ prefixes: { BUG: 'High' } })), ['prefixes']);
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({ exclude: ['a/**'], maxFileSizeMB: 1 })), ['exclude', 'maxFileSizeMB']);
    // The same prefixes in another severity still change the facts (the severity an ID implies).
    assert.deepEqual(reindexSettingsChanged(resolveOptions({ prefixes: { BUG: 'High' } }), resolveOptions({ prefixes: { BUG: 'Low' } })), ['prefixes']);
  });
});
