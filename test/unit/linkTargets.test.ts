/**
 * linkTargetsFrom (a document's link targets from its previous links list, by difference) gives the
 * same targets, in the same order, as working them out from scratch, over random edits of a list.
 */
import { strict as assert } from 'node:assert';
import { linkTargets, linkTargetsFrom } from '../../server/src/core/linkTargets';

type L = { target?: string };
const targetOf = (l: L) => l.target;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('link targets by difference', () => {
  it('equal a fresh computation after every random splice of the links list', () => {
    const rnd = random(7);
    const link = (): L => (rnd() < 0.3 ? {} : { target: `t${Math.floor(rnd() * 6)}` });
    let links: L[] = Array.from({ length: 30 }, link);
    let prev = linkTargets(links, targetOf);
    for (let step = 0; step < 2000; step++) {
      const at = Math.floor(rnd() * (links.length + 1));
      const gone = Math.min(links.length - at, Math.floor(rnd() * 4));
      const added = Array.from({ length: Math.floor(rnd() * 4) }, link);
      links = links.slice(0, at).concat(added, links.slice(at + gone));
      const next = linkTargetsFrom(prev, links, targetOf);
      const fresh = linkTargets(links, targetOf);
      assert.deepEqual(next.targets, fresh.targets, `step ${step}`);
      assert.deepEqual([...next.first].sort(), [...fresh.first].sort(), `step ${step}`);
      prev = next;
    }
  });

  it('keeps the previous targets array when the targets did not change', () => {
    const a: L[] = [{ target: 'x' }, {}, { target: 'y' }];
    const prev = linkTargets(a, targetOf);
    const next = linkTargetsFrom(prev, [a[0], {}, a[2]], targetOf);
    assert.equal(next.targets, prev.targets);
  });
});
