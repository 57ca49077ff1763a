import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import type { FeatureContext } from '../../server/src/core/features/context';
import { DocumentSymbolsMemo, provideDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { joinLines, uriOf, workspace } from './helpers';

describe('document symbols memo', () => {
  const text = (body: string, title = 'Slow Queries') =>
    joinLines('# Master Issue Log', '', '## Critical Issues Register', '', `### CRIT-001: ${title}`, '- **Status**: Open', body, '', '### CRIT-002: Broken Images', '- **Status**: Fixed');
  const uri = uriOf('MASTER-ISSUE-LOG.md');
  const options = resolveOptions({});
  const setup = () => {
    const ws = workspace({ 'MASTER-ISSUE-LOG.md': text('- **Impact**: high') });
    const ctx: FeatureContext = { index: ws.index, getText: () => undefined };
    return { ctx, memo: new DocumentSymbolsMemo() };
  };

  it('gives the same symbols as provideDocumentSymbols, and the same array when asked again', () => {
    const { ctx, memo } = setup();
    const first = memo.provide(ctx, uri);
    assert.deepEqual(first, provideDocumentSymbols(ctx, uri));
    assert.equal(first[0].children?.[0].children?.[0].detail, 'Critical, Open');
    assert.equal(memo.provide(ctx, uri), first);
  });

  it('keeps the symbols of a new version whose headings did not move or change', () => {
    const { ctx, memo } = setup();
    const first = memo.provide(ctx, uri);
    ctx.index.set(readDocument(uri, text('- **Impact**: low'), options));
    assert.equal(memo.provide(ctx, uri), first);
  });

  it('builds new symbols when a heading changes or moves', () => {
    const { ctx, memo } = setup();
    const first = memo.provide(ctx, uri);
    ctx.index.set(readDocument(uri, text('- **Impact**: low', 'Slower Queries'), options));
    const renamed = memo.provide(ctx, uri);
    assert.notEqual(renamed, first);
    assert.equal(renamed[0].children?.[0].children?.[0].name, 'CRIT-001: Slower Queries');
    ctx.index.set(readDocument(uri, text('- **Impact**: low\n- **Owner**: ops', 'Slower Queries'), options));
    const moved = memo.provide(ctx, uri);
    assert.notEqual(moved, renamed);
    assert.deepEqual(moved, provideDocumentSymbols(ctx, uri));
    assert.equal(moved[0].children?.[0].children?.[1].selectionRange.start.line, renamed[0].children![0].children![1].selectionRange.start.line + 1);
  });
});
