// "auto" ensembles are sized by measured throughput, and every K gets a time estimate.
import { describe, expect, it } from 'vitest';
import { autoK, ENSEMBLE_TARGET_SECONDS, estimateSeconds, formatEstimate } from '../../src/ui/ensemble/sizing';
import { ENSEMBLE_DEFAULT_K } from '../../src/ui/ensemble/types';

describe('autoK', () => {
  it('takes the largest power of two that the measured rate runs within the target time', () => {
    // 1e6 site-years/s, 256 draws × 1,000 site-years: 0.256 s a set, so 117 sets fit in 30 s → 64.
    expect(autoK('cpu', 1e6, 256, 1000)).toBe(64);
    const K = autoK('webgpu', 5e7, 256, 1000);
    expect(estimateSeconds(K, 256, 1000, 5e7)).toBeLessThanOrEqual(ENSEMBLE_TARGET_SECONDS);
    expect(estimateSeconds(2 * K, 256, 1000, 5e7)).toBeGreaterThan(ENSEMBLE_TARGET_SECONDS);
  });
  it('stays within 16–4096', () => {
    expect(autoK('cpu', 10, 256, 1000)).toBe(16);
    expect(autoK('webgpu', 1e12, 256, 1000)).toBe(4096);
  });
  it("uses the backend's usual K before anything is measured", () => {
    expect(autoK('cpu', undefined, 256, 1000)).toBe(ENSEMBLE_DEFAULT_K.cpu);
    expect(autoK('webgpu', Number.NaN, 256, 1000)).toBe(ENSEMBLE_DEFAULT_K.webgpu);
  });
});

describe('estimates', () => {
  it('K × draws × site-years over the rate, in words', () => {
    expect(estimateSeconds(64, 256, 1000, 1e6)).toBeCloseTo(16.384, 6);
    expect(estimateSeconds(64, 256, 1000, undefined)).toBeUndefined();
    expect(formatEstimate(16.4)).toBe('16 s');
    expect(formatEstimate(600)).toBe('10 min');
    expect(formatEstimate(9000)).toBe('2.5 h');
    expect(formatEstimate(0.2)).toBe('under a second');
  });
});
