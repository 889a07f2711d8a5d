// Stream addressing since v2.0 (docs/model.md, "Random numbers"): the uniform at slot s is word
// s mod 4 of the Philox call at counter (draw, stream, ⌊s/4⌋, 0), and PERT's attempts use sub ≥ 1,
// so the two never share a call. uniformAt keeps the last block; a hit must return what a fresh
// call would, whatever was drawn in between.
import { describe, expect, it } from 'vitest';
import { DIST_KIND, gammaTry, sampleDist, uniformAt } from '../../src/kernel/distributions';
import { philox4x32, philoxCalls, u01 } from '../../src/kernel/philox';

const words = new Uint32Array(4);
function fresh(key0: number, key1: number, draw: number, stream: number, slot: number): number {
  philox4x32(draw, stream, slot >>> 2, 0, key0, key1, words);
  return u01(words[slot & 3] as number);
}

describe('uniform blocks', () => {
  it.each([1, 7, 0xdeadbeef])('slot s is word s mod 4 of block ⌊s/4⌋ (seed %i), in any order of calls', (seed) => {
    // Interleave draws, streams, slots and keys so that the cache hits and misses both occur.
    let state = seed >>> 0;
    const next = (n: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
    for (let i = 0; i < 4000; i++) {
      const draw = next(3);
      const stream = 0x02000000 | next(2);
      const slot = next(24);
      const key1 = next(2);
      expect(uniformAt(seed, key1, draw, stream, slot)).toBe(fresh(seed, key1, draw, stream, slot));
    }
  });

  it('four neighbouring slots cost one Philox call, the next block another', () => {
    uniformAt(5, 0, 99, 7, 40); // some other block first
    const before = philoxCalls.count;
    for (let slot = 0; slot < 4; slot++) uniformAt(5, 0, 1, 3, slot);
    expect(philoxCalls.count - before).toBe(1);
    uniformAt(5, 0, 1, 3, 4);
    expect(philoxCalls.count - before).toBe(2);
  });

  it("a PERT sample draws apart from the uniform block of its slot (sub ≥ 1) and leaves the block's cache as it was", () => {
    const pert = [DIST_KIND.pert, 2, 6, 2.5, 3.5] as const;
    let firstAttempt = 0;
    for (let draw = 0; draw < 200; draw++) {
      const u0 = uniformAt(11, 3, draw, 9, 0);
      const x = sampleDist(...pert, 11, 3, draw, 9, 0);
      // PERT's first attempt is the call at sub 1: when both gammas accept there, x is theirs.
      philox4x32(draw, 9, 0, 1, 11, 3, words);
      const gx = gammaTry(2.5, words[0] as number, words[1] as number);
      const gy = gammaTry(3.5, words[2] as number, words[3] as number);
      if (gx >= 0 && gy >= 0) {
        firstAttempt++;
        expect(x).toBe(Math.fround(2 + Math.fround(6 * Math.fround(gx / Math.fround(gx + gy)))));
      }
      const before = philoxCalls.count;
      expect(uniformAt(11, 3, draw, 9, 1)).toBe(fresh(11, 3, draw, 9, 1));
      expect(uniformAt(11, 3, draw, 9, 0)).toBe(u0);
      // fresh() made one call; the two uniformAt calls hit the block drawn before the PERT sample.
      expect(philoxCalls.count - before).toBe(1);
    }
    // Most first attempts accept (each gamma rejects with p < 0.1), so the check above ran.
    expect(firstAttempt).toBeGreaterThan(150);
  });
});
