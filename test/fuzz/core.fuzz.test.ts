/**
 * Fuzzing the core (no server, no disk): random and mutated documents and workspaces never make
 * readDocument, the index, the rules or a language feature throw; every range handed out is inside
 * its document; the same input gives the same output, twice and with the files read in another order.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { absoluteFacts } from '../unit/factsView';
import { uriOf } from '../unit/helpers';
import { applyMutations, documentArb, mutationArb, smallDocumentArb, WITHOUT, withoutOpenBugs, type Mutation } from './arbitraries';
import { baseTexts, corpora, DIALECTS, type Files } from './corpora';
import { diagnosticsOf, exerciseCodeActions, exerciseFeatures, markdownOf, type Probe } from './exercise';
import { FUZZ_TIMEOUT, fuzzParams } from './settings';

const probeArb: fc.Arbitrary<Probe> = fc.record({
  file: fc.nat(),
  line: fc.nat(),
  character: fc.nat(),
  outside: fc.boolean(),
  newName: fc.constantFrom('CRIT-999', 'HIGH-002', 'CRIT-001', 'x', '', 'OPEN-0001', 'ZED-1'),
});

/** Where the documents of a made-up workspace live: a master log, a phase file its References name, a note. */
const PATHS = ['06-Master/MASTER-ISSUE-LOG.md', '04-Backend-Optimization/issues-and-solutions.md', 'notes/a.md'];

/**
 * A workspace: 1 to 3 random documents, or a generated corpus with some of its files mutated (drawn
 * as the dialect and the mutations, so that a counterexample prints those, not the corpus).
 */
type WorkspaceSpec = { texts: string[] } | { dialect: (typeof DIALECTS)[number]; edits: [number, Mutation[]][] };

function workspaceArb(bases: readonly string[]): fc.Arbitrary<WorkspaceSpec> {
  const made = fc.record({ texts: fc.array(documentArb(bases), { minLength: 1, maxLength: 3 }) });
  const corpus = fc.record({ dialect: fc.constantFrom(...DIALECTS), edits: fc.array(fc.tuple(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 })), { maxLength: 3 }) });
  return fc.oneof(made, corpus);
}

function filesOf(spec: WorkspaceSpec): Files {
  if ('texts' in spec) return Object.fromEntries(spec.texts.map((t, i) => [PATHS[i], t]));
  const files = { ...corpora().get(spec.dialect)! };
  const rels = markdownOf(files).map(([rel]) => rel);
  for (const [which, ms] of spec.edits) files[rels[which % rels.length]] = withoutOpenBugs(applyMutations(files[rels[which % rels.length]], ms));
  return files;
}

/** With FUZZ_WITHOUT=order: duplicate-issue's "also at" list compared as a set (a known open bug). */
function withoutOrder(diagnostics: Record<string, unknown>): unknown {
  if (!WITHOUT.has('order')) return diagnostics;
  return JSON.parse(JSON.stringify(diagnostics), (key, value: unknown) => {
    if (key === 'message' && typeof value === 'string' && value.includes('also at')) return value.replace(/\(also at .*\)/, '(also at …)');
    if (key === 'relatedInformation' && Array.isArray(value)) return value.map((x) => JSON.stringify(x)).sort();
    return value;
  });
}

describe('fuzz: the core', function () {
  this.timeout(FUZZ_TIMEOUT);
  let bases: string[];
  before(() => {
    bases = baseTexts();
  });

  it('small made-up documents: read twice, the same facts; their diagnostics never throw and stay inside them', () => {
    const options = resolveOptions();
    fc.assert(
      fc.property(smallDocumentArb, (text) => {
        const uri = uriOf(PATHS[0]);
        assert.deepStrictEqual(absoluteFacts(readDocument(uri, text, options)), absoluteFacts(readDocument(uri, text, options)), 'facts of the same text differ');
        diagnosticsOf({ [PATHS[0]]: text }, [PATHS[0]]);
      }),
      fuzzParams(1500, 60),
    );
  });

  it('one document: read twice, the same facts; its diagnostics and every feature at random positions never throw and stay inside it', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb(bases), fc.array(probeArb, { minLength: 1, maxLength: 4 }), async (text, probes) => {
        const options = resolveOptions();
        const uri = uriOf(PATHS[0]);
        assert.deepStrictEqual(absoluteFacts(readDocument(uri, text, options)), absoluteFacts(readDocument(uri, text, options)), 'facts of the same text differ');
        const files = { [PATHS[0]]: text };
        const { ctx, texts } = diagnosticsOf(files, [PATHS[0]]);
        await exerciseFeatures(ctx, texts, [PATHS[0]], probes);
      }),
      fuzzParams(100, 15),
    );
  });

  it('a workspace: diagnostics, quick fixes and features stay inside their documents, and are the same when the files are read in reverse order', async () => {
    await fc.assert(
      fc.asyncProperty(workspaceArb(bases), fc.array(probeArb, { minLength: 1, maxLength: 3 }), async (spec, probes) => {
        const files = filesOf(spec);
        const rels = markdownOf(files).map(([rel]) => rel);
        const a = diagnosticsOf(files, rels);
        const b = diagnosticsOf(files, [...rels].reverse());
        assert.deepStrictEqual(withoutOrder(b.diagnostics), withoutOrder(a.diagnostics), 'diagnostics differ with the files read in reverse order');
        if (WITHOUT.has('order')) return;
        const fixesA = exerciseCodeActions(a.ctx, a.texts, a.diagnostics);
        assert.deepStrictEqual(exerciseCodeActions(b.ctx, b.texts, b.diagnostics), fixesA, 'quick fixes differ with the files read in reverse order');
        const featuresA = await exerciseFeatures(a.ctx, a.texts, rels, probes);
        assert.deepStrictEqual(await exerciseFeatures(b.ctx, b.texts, rels, probes), featuresA, 'features differ with the files read in reverse order');
      }),
      fuzzParams(20, 7),
    );
  });
});
