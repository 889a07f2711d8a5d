// Sobol' points against published values and a reference implementation, and their balance.
import { describe, expect, it } from 'vitest';
import { directionNumbers, owenScramble, SOBOL_MAX_DIM, SobolError, sobolPoints } from '../../src/engine/design/sobol';
import { expectBelow, expectNear, sdSE, testSeeds, Z } from './stats';

/** Blocks of scrambling seeds for the unbiasedness check (block b uses seeds 32b + 1 … 32b + 32). */
const SEEDS = testSeeds([0, 1, 2]);

const col = (pts: Float64Array, dim: number, j: number): number[] =>
  Array.from({ length: pts.length / dim }, (_, i) => pts[i * dim + j] as number);

describe('unscrambled Sobol points', () => {
  it('equal scipy.stats.qmc.Sobol(2, scramble=False) (its test_qmc.py reference, "theoretical values from Joe Kuo 2010")', () => {
    const scipy = [
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ];
    expect(Array.from(sobolPoints(8, 2))).toEqual(scipy.flat());
  });

  it('equal the first ten 3-d points of Joe & Kuo’s generator', () => {
    const ref = [
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
      [0.1875, 0.3125, 0.9375],
      [0.6875, 0.8125, 0.4375],
    ];
    expect(Array.from(sobolPoints(10, 3))).toEqual(ref.flat());
  });

  // Produced with scipy 1.17.1: qmc.Sobol(d=32, scramble=False).random(1024), times 16 (first 16
  // rows) or 1024 (row 1000); scipy embeds the same new-joe-kuo-6.21201 table.
  it('equal scipy in dimensions 1, 2, 3, 10, 21 and 32 (first 16 points)', () => {
    const scipy16: Record<number, number[]> = {
      1: [0, 8, 12, 4, 6, 14, 10, 2, 3, 11, 15, 7, 5, 13, 9, 1],
      2: [0, 8, 4, 12, 6, 14, 2, 10, 5, 13, 1, 9, 3, 11, 7, 15],
      3: [0, 8, 4, 12, 10, 2, 14, 6, 15, 7, 11, 3, 5, 13, 1, 9],
      10: [0, 8, 12, 4, 10, 2, 6, 14, 5, 13, 9, 1, 15, 7, 3, 11],
      21: [0, 8, 4, 12, 2, 10, 6, 14, 3, 11, 7, 15, 1, 9, 5, 13],
      32: [0, 8, 4, 12, 2, 10, 6, 14, 13, 5, 9, 1, 15, 7, 11, 3],
    };
    const pts = sobolPoints(16, 32);
    for (const [dim, want] of Object.entries(scipy16)) expect(col(pts, 32, Number(dim) - 1).map((u) => u * 16)).toEqual(want);
  });

  it('equal scipy at point 1000 in all 32 dimensions', () => {
    const scipy1000 = [
      225, 99, 531, 693, 287, 929, 47, 921, 513, 71, 87, 261, 165, 393, 147, 379, 737, 353, 1015, 743, 535, 563, 973, 553, 597, 929, 41,
      1003, 61, 349, 151, 149,
    ];
    expect(Array.from(sobolPoints(1, 32, { skip: 1000 }), (u) => u * 1024)).toEqual(scipy1000);
    // The same point reached by the Gray-code recurrence rather than directly.
    expect(Array.from(sobolPoints(1001, 32).subarray(1000 * 32))).toEqual(Array.from(sobolPoints(1, 32, { skip: 1000 })));
  });

  it('continue where a skip starts', () => {
    const all = sobolPoints(64, 7);
    expect(Array.from(sobolPoints(24, 7, { skip: 40 }))).toEqual(Array.from(all.subarray(40 * 7)));
  });

  it('have direction numbers v_k confined to their top k bits, odd m_k', () => {
    for (let j = 0; j < SOBOL_MAX_DIM; j++) {
      const v = directionNumbers(j);
      for (let k = 0; k < 32; k++) {
        const m = (v[k] as number) / 2 ** (31 - k);
        expect(Number.isInteger(m) && m % 2 === 1 && m < 2 ** (k + 1)).toBe(true);
      }
    }
  });
});

describe('balance (net properties), scrambled or not', () => {
  const m = 8;
  const n = 2 ** m;
  for (const scramble of ['none', 'owen', 'shift'] as const) {
    it(`${scramble}: each of 2^${m} strata holds one point in every dimension`, () => {
      const pts = sobolPoints(n, SOBOL_MAX_DIM, { scramble, seed: 11 });
      for (let j = 0; j < SOBOL_MAX_DIM; j++) {
        const strata = col(pts, SOBOL_MAX_DIM, j)
          .map((u) => Math.floor(u * n))
          .sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
      }
    });

    it(`${scramble}: dimensions 1 and 2 form a (0, ${m}, 2)-net (one point per elementary box)`, () => {
      const pts = sobolPoints(n, 2, { scramble, seed: 5 });
      for (let a = 0; a <= m; a++) {
        const counts = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const key = `${Math.floor((pts[2 * i] as number) * 2 ** a)},${Math.floor((pts[2 * i + 1] as number) * 2 ** (m - a))}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        expect(counts.size).toBe(n);
      }
    });
  }
});

describe('scrambling', () => {
  it('is keyed by the seed: reproducible, different across seeds, inside [0, 1)', () => {
    const a = sobolPoints(512, 6, { scramble: 'owen', seed: 3 });
    expect(Array.from(sobolPoints(512, 6, { scramble: 'owen', seed: 3 }))).toEqual(Array.from(a));
    const b = sobolPoints(512, 6, { scramble: 'owen', seed: 4 });
    // Two independent scrambles share a coordinate with chance ~2^-32 each: 3072 of them, 7e-7 in all.
    expect(a.filter((u, k) => u === b[k]).length).toBeLessThan(5);
    for (const u of a) expect(u >= 0 && u < 1).toBe(true);
  });

  it('Owen scrambling is a bijection on the 2^4 values of the top 4 bits (nested: same prefix, same flips)', () => {
    const tops = new Set(Array.from({ length: 16 }, (_, k) => owenScramble(k * 2 ** 28, 2, 99) >>> 28));
    expect(tops.size).toBe(16);
  });

  const title = 'makes a QMC mean unbiased: over 32 seeds the average of a smooth integrand is within 4 standard errors (seed block %i)';
  it.each(SEEDS)(title, (block) => {
    // ∫ Π (1 + (x_i − ½)) dx = 1 on [0,1)^5.
    const f = (p: Float64Array, i: number) =>
      Array.from({ length: 5 }, (_, j) => 1 + ((p[i * 5 + j] as number) - 0.5)).reduce((x, y) => x * y, 1);
    const est = Array.from({ length: 32 }, (_, s) => {
      const p = sobolPoints(256, 5, { scramble: 'owen', seed: 32 * block + s + 1 });
      let t = 0;
      for (let i = 0; i < 256; i++) t += f(p, i);
      return t / 256;
    });
    const mean = est.reduce((a, b) => a + b, 0) / est.length;
    const sd = Math.sqrt(est.reduce((a, b) => a + (b - mean) ** 2, 0) / (est.length - 1));
    // Z = 4 SE of the mean of 32 replicates, SE = sd/sqrt(32) from their own sd (Student t with 31
    // df: P(|t| > 4) = 3.6e-4).
    expectNear(mean, 1, (Z * sd) / Math.sqrt(est.length) + 1e-12, 'Owen-scrambled QMC mean', sd / Math.sqrt(est.length));
    // Far better than plain Monte Carlo (sd of one 256-point MC mean: sqrt((13/12)^5 − 1)/16 ≈ 0.044).
    // Over 2000 scrambles one estimate's sd is σ₀ = 0.00178 (kurtosis 2.9), and the sd of 32 of
    // them has SE σ₀·sqrt((κ − 1)/(4·32)) = 0.00022 (stats.ts sdSE), so σ₀ + 4 SE = 0.0027 (was
    // 0.005, 15 SE above σ₀, which a random digital shift alone, sd 0.0038, would also pass).
    expectBelow(sd, 0.00178 + Z * sdSE(0.00178, 2.9, 32), 'Owen-scrambled QMC sd over 32 scrambles');
  });
});

describe('argument checks', () => {
  it('rejects dimensions beyond the table, bad counts and seeds', () => {
    expect(() => sobolPoints(4, SOBOL_MAX_DIM + 1)).toThrow(SobolError);
    expect(() => sobolPoints(4, 0)).toThrow(/dimension/);
    expect(() => sobolPoints(-1, 2)).toThrow(/count/);
    expect(() => sobolPoints(4, 2, { skip: 2 ** 32 })).toThrow(/2\^32/);
    expect(() => sobolPoints(4, 2, { scramble: 'owen', seed: -1 })).toThrow(/seed/);
  });
});
