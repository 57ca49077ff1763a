/**
 * A writer of the facts cache in its own process, for the concurrency test (cacheStore.test.ts):
 * `tsx cacheWriter.ts DIR ROUNDS` stores the facts of two contents, in turn, for the same documents.
 */
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { FactsCache } from '../../server/src/node/factsCache';

const [dir, rounds] = process.argv.slice(2);
const options = resolveOptions();
const cache = new FactsCache(dir, options, { maxBytes: 64 * 1024 });
const texts = ['# A\n\n### CRIT-001: One\n- **Status**: Open\n', '# B\n\n### CRIT-002: Two\n- **Status**: Resolved\n'.repeat(3)];
for (let r = 0; r < Number(rounds); r++) {
  for (let d = 0; d < 8; d++) {
    const uri = `file:///doc${d}.md`;
    const text = texts[(r + d) % 2];
    cache.put(cache.keyOf(text), readDocument(uri, text, options));
  }
}
