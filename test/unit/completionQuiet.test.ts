/** Completion that does not get in the way (issue 14): nothing for an empty word or after a complete value. */
import * as assert from 'node:assert/strict';
import { CompletionTriggerKind } from 'vscode-languageserver-protocol';
import { provideCompletion } from '../../server/src/core/features/completion';
import type { FeatureContext } from '../../server/src/core/features/context';
import { joinLines, uriOf, workspace } from './helpers';

function context(files: Record<string, string>): FeatureContext {
  const ws = workspace(files, {});
  return { index: ws.index, getText: (uri) => files[Object.keys(files).find((rel) => uriOf(rel) === uri) ?? ''] };
}

describe('completion stays out of the way', () => {
  const text = joinLines('### CRIT-001: A', '- **Status**: Open', '- *', '- **Severity**', 'See ', '- **Severity**: Low', '- **Severity**: lo', '- **Status**: open');
  const at = (line: number, character: number, triggerKind?: CompletionTriggerKind) =>
    provideCompletion(context({ 'log.md': text }), uriOf('log.md'), { line, character }, triggerKind ? { triggerKind, triggerCharacter: triggerKind === CompletionTriggerKind.TriggerCharacter ? '*' : undefined } : undefined);
  const labels = (line: number, character: number, triggerKind?: CompletionTriggerKind) => at(line, character, triggerKind).items.map((i) => i.label);

  it('offers no ID for an empty word on a trigger character, only when asked (Ctrl+Space)', () => {
    assert.deepEqual(labels(2, 3, CompletionTriggerKind.TriggerCharacter), []);
    assert.deepEqual(labels(3, 13, CompletionTriggerKind.TriggerCharacter), []);
    assert.deepEqual(labels(4, 4), []);
    assert.deepEqual(labels(4, 4, CompletionTriggerKind.Invoked), ['CRIT-001']);
  });

  it('offers nothing after a complete value, and an incomplete list before it so that the editor asks again', () => {
    assert.deepEqual(labels(5, 19), []);
    assert.deepEqual(labels(7, 18), []);
    const partial = at(6, 18);
    assert.deepEqual(partial.items.map((i) => i.label), ['Critical', 'High', 'Medium', 'Low']);
    assert.equal(partial.isIncomplete, true);
  });
});
