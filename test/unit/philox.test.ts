import { describe, expect, it } from 'vitest';
import { PHILOX_M0, PHILOX_M1 } from '../../src/kernel/contract';
import { mulhi32, philox4x32, u01 } from '../../src/kernel/philox';
import { expectBelow, expectNear, testSeeds } from './stats';

/** Key word 0 of the statistical checks (stats.ts: testSeeds). */
const SEEDS = testSeeds([123, 42, 1]);

// Known-answer vectors for Philox4x32 with 10 rounds: the three "philox4x32 10" lines of
// Random123's tests/kat_vectors (github.com/DEShawResearch/random123; format: name, rounds,
// counter[4], key[2], expected[4], all hex). Found through the code search of this project and
// cross-checked in two independent copies: the TEST_CASES of E. Sarmas' philox.py ("copied
// verbatim from original source") and Go/Rust ports quoting kat_vectors at commit 9545ff64.
//   philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
//   philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
//   philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
// Plus two single-bit vectors from the extended Random123 list (examples/kat_vectors in
// github.com/girving/random123-manual), which exercise key and counter words one at a time:
//   philox4x32 10 00000001 00000000 00000000 00000000   00000001 00000000   ac08141b dfc5ccbe 79c07a47 a7f66093
//   philox4x32 10 00000000 00000000 00000000 80000000   00000000 80000000   f7a0b371 e51dc93d 56ce135d 1d4b5580
const KAT: Array<{ ctr: number[]; key: number[]; expected: number[] }> = [
  { ctr: [0, 0, 0, 0], key: [0, 0], expected: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
  {
    ctr: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    expected: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  },
  {
    ctr: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    expected: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  },
  { ctr: [1, 0, 0, 0], key: [1, 0], expected: [0xac08141b, 0xdfc5ccbe, 0x79c07a47, 0xa7f66093] },
  { ctr: [0, 0, 0, 0x80000000], key: [0, 0x80000000], expected: [0xf7a0b371, 0xe51dc93d, 0x56ce135d, 0x1d4b5580] },
];

const hex = (words: ArrayLike<number>): string[] => Array.from(words, (w) => (w >>> 0).toString(16).padStart(8, '0'));

describe('philox4x32-10', () => {
  it.each(KAT)('matches the Random123 known answer for ctr $ctr key $key', ({ ctr, key, expected }) => {
    const out = new Uint32Array(4);
    philox4x32(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out);
    expect(hex(out)).toEqual(hex(expected));
  });

  it('mulhi32 equals the BigInt high word, including the extremes', () => {
    const pairs: Array<[number, number]> = [
      [0xffffffff, 0xffffffff],
      [0, 0xffffffff],
      [0xd2511f53, 0xcd9e8d57],
      [0x10000, 0x10000],
    ];
    const out = new Uint32Array(4);
    for (let i = 0; i < 2000; i++) {
      philox4x32(i, 7, 0, 0, 1, 2, out);
      pairs.push([out[0], out[1]], [out[2], 0xd2511f53], [out[3], 0xcd9e8d57]);
    }
    for (const [a, b] of pairs) expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });

  it("mulhi32 is exact for Philox's multipliers where the low word is extreme and over 200,000 random words", () => {
    // The CPU takes the high word from a double product and the exact low word (philox.ts): the
    // hardest cases for that rounding are products whose low word is near 0 or 2^32, which
    // a = lo · M^-1 (mod 2^32) produces for any chosen lo.
    const inverse = (m: bigint): bigint => {
      let x = m; // Newton's iteration for the inverse of an odd number mod 2^32
      for (let i = 0; i < 5; i++) x = (x * (2n - m * x)) & 0xffffffffn;
      return x;
    };
    const lows = [0n, 1n, 2n, 3n, 0xffffffffn, 0xfffffffen, 0x80000000n, 0x7fffffffn];
    let seed = 0x9e3779b9;
    const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (const m of [PHILOX_M0, PHILOX_M1]) {
      const words = lows.map((lo) => Number((lo * inverse(BigInt(m))) & 0xffffffffn));
      for (let i = 0; i < 100_000; i++) words.push(next());
      for (const a of words) {
        const exact = Number((BigInt(a) * BigInt(m)) >> 32n);
        if (mulhi32(a, m) !== exact || mulhi32(m, a) !== exact) expect([a, m, mulhi32(a, m)]).toEqual([a, m, exact]);
      }
    }
  });

  it('gives different words for neighbouring counters in every counter word and key', () => {
    const base = new Uint32Array(4);
    const other = new Uint32Array(4);
    philox4x32(5, 6, 7, 8, 9, 10, base);
    const variants = [
      [6, 6, 7, 8, 9, 10],
      [5, 7, 7, 8, 9, 10],
      [5, 6, 8, 8, 9, 10],
      [5, 6, 7, 9, 9, 10],
      [5, 6, 7, 8, 10, 10],
      [5, 6, 7, 8, 9, 11],
    ];
    for (const v of variants) {
      philox4x32(v[0], v[1], v[2], v[3], v[4], v[5], other);
      // A one-bit input change flips each output bit with probability 1/2: all four words
      // coinciding by chance has probability 2^-128, so any equality is a bug.
      for (let w = 0; w < 4; w++) expect(other[w]).not.toBe(base[w]);
    }
  });

  it.each(SEEDS)('produces distinct words over 65536 consecutive draws (no short cycles), key %i', (key0) => {
    const out = new Uint32Array(4);
    const seen = new Set<number>();
    for (let draw = 0; draw < 65536; draw++) {
      philox4x32(draw, 3, 1, 0, key0, 7, out);
      seen.add(out[0]);
    }
    // Birthday bound: expected collisions among 65536 random 32-bit words ≈ 2^32/2^33 = 0.5;
    // P(more than 8) < 1e-6 for a Poisson(0.5) count.
    expectBelow(65536 - seen.size, 9, 'philox 32-bit collisions in 65536 draws');
  });
});

describe('u01', () => {
  it('maps the extreme words strictly inside (0, 1), exactly as f32', () => {
    expect(u01(0)).toBe(2 ** -24);
    expect(u01(0xffffffff)).toBe(1 - 2 ** -24);
    for (const w of [0, 1, 511, 512, 0x80000000, 0xfffffe00, 0xffffffff]) {
      const u = u01(w);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      expect(Math.fround(u)).toBe(u);
      expect(Math.fround(1 - u)).toBe(1 - u);
    }
  });

  it.each(SEEDS)('has mean 1/2 and variance 1/12 over Philox words, key %i', (key0) => {
    const n = 100000;
    const out = new Uint32Array(4);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      philox4x32(i, 0, 0, 0, key0, 456, out);
      const u = u01(out[0]);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // SE of the mean = sqrt(1/12/n) = 9.1e-4; SE of the variance = sqrt((1/80 − 1/144)/n) = 2.4e-4.
    // 5 SE each.
    expectNear(mean, 0.5, 5 * 9.1e-4, 'u01 mean', 9.1e-4);
    expectNear(variance, 1 / 12, 5 * 2.4e-4, 'u01 variance', 2.4e-4);
  });
});
