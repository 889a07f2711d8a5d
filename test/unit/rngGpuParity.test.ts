// The WGSL RNG library against its TypeScript mirror on a real WebGPU device (Dawn; in CI that is
// SwiftShader). A missing adapter fails every test with the reason: never a silent skip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseNodeGpu, type GpuHandle } from '../../src/backends/gpu/gpuDevice';
import { packDist } from '../../src/engine/packDist';
import { sampleDist } from '../../src/kernel/distributions';
import { philox4x32 } from '../../src/kernel/philox';
import { runRngProbe } from '../../src/backends/gpu/rngProbe';
import type { DistSpec } from '../../src/scenario/schema';

const KEY = [0x1234abcd, 7] as const;
const N = 65536;

let gpu: GpuHandle | undefined;
let gpuError = '';

beforeAll(async () => {
  try {
    gpu = await acquireGpu('rng parity test');
    console.log(`rngGpuParity on: ${gpu.name}`);
  } catch (e) {
    gpuError = e instanceof Error ? e.message : String(e);
  }
});

afterAll(() => {
  gpu?.device.destroy();
  releaseNodeGpu();
});

function device(): GPUDevice {
  if (!gpu) throw new Error(`WebGPU device unavailable, so the GPU parity tests cannot run: ${gpuError}`);
  return gpu.device;
}

describe('Philox on the GPU', () => {
  it(`equals the TypeScript words bit for bit for ${N} counters`, async () => {
    const stream = 0x0300002a;
    const slot = 5;
    const sub = 9;
    const words = await runRngProbe(device(), { mode: 'philox', key: KEY, stream, slot, sub, total: N });
    const out = new Uint32Array(4);
    let mismatches = 0;
    for (let i = 0; i < N; i++) {
      philox4x32(i, stream, slot, sub, KEY[0], KEY[1], out);
      for (let w = 0; w < 4; w++) if (words[4 * i + w] !== out[w]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

interface Case {
  name: string;
  spec: DistSpec;
  /** Absolute tolerance scale: |gpu − ts| ≤ REL · (|ts| + scale). */
  scale: number;
  discrete?: boolean;
}

// Continuous kinds: f32 results differ only through GPU log/exp/sqrt/division, which WGSL allows
// to be a few ulp off (log and exp: 3 ulp, division 2.5 ulp); 1e-5 relative is ~80 f32 ulp, room
// for those errors amplified through Φ⁻¹ and exp, yet far below any statistical effect.
const REL = 1e-5;
const CASES: Case[] = [
  { name: 'fixed', spec: { dist: 'fixed', value: 3.25 }, scale: 1 },
  { name: 'uniform', spec: { dist: 'uniform', min: -2, max: 5 }, scale: 7 },
  { name: 'triangular', spec: { dist: 'triangular', min: 1, mode: 2, max: 6 }, scale: 5 },
  { name: 'normal', spec: { dist: 'normal', mean: 10, sd: 3 }, scale: 3 },
  { name: 'truncated normal', spec: { dist: 'normal', mean: 1, sd: 0.5, min: 0, max: 1.8 }, scale: 0.5 },
  { name: 'upper-tail normal', spec: { dist: 'normal', mean: 0, sd: 1, min: 2.5 }, scale: 1 },
  { name: 'lognormal', spec: { dist: 'lognormal', median: 40, p90: 120 }, scale: 0 },
  { name: 'pert', spec: { dist: 'pert', min: 2, mode: 3, max: 9 }, scale: 7 },
  { name: 'bernoulli', spec: { dist: 'bernoulli', p: 0.3 }, scale: 0, discrete: true },
  { name: 'poisson (inversion)', spec: { dist: 'poisson', lambda: 6.5 }, scale: 0, discrete: true },
  { name: 'poisson (normal approximation)', spec: { dist: 'poisson', lambda: 250 }, scale: 0, discrete: true },
];

describe('distribution samples on the GPU', () => {
  it.each(CASES)('$name agrees with the TypeScript mirror', async ({ name, spec, scale, discrete }) => {
    const packed = Float32Array.from(packDist(spec));
    const stream = 0x01000003;
    const slot = 11;
    const words = await runRngProbe(device(), { mode: 'sample', key: KEY, stream, slot, dist: packed, total: N });
    const gpuSamples = new Float32Array(words.buffer);
    let exact = 0;
    let outside = 0;
    let worst = 0;
    for (let i = 0; i < N; i++) {
      const ts = sampleDist(packed[0], packed[1], packed[2], packed[3], packed[4], KEY[0], KEY[1], i, stream, slot);
      const g = gpuSamples[i];
      if (g === ts) exact++;
      const err = g === ts ? 0 : Math.abs(g - ts) / (Math.abs(ts) + scale);
      if (!(err <= REL)) outside++;
      if (err > worst) worst = err;
    }
    console.log(`${name}: ${exact}/${N} bit-identical, worst relative difference ${worst.toExponential(2)}`);
    if (discrete) {
      // Discrete results agree exactly unless a uniform falls within an ulp or so of a cumulative
      // probability that the GPU rounds differently (division and exp are not correctly
      // rounded in WGSL): a chance of order 1e-6 per sample, so about 0.07 mismatches expected in
      // N = 65536 and 66 (0.1%) would be a bug. A numerical tolerance, not a sampling one: the two
      // sides draw the same numbers, so a second key would test the same arithmetic.
      expect(exact / N).toBeGreaterThanOrEqual(0.999);
    } else {
      expect(outside).toBe(0);
    }
  });
});

describe('chunked dispatch', () => {
  const total = 10000;
  const chunks = [
    { offset: 0, count: 3001 },
    { offset: 3001, count: 6999 },
  ];
  it('gives bit-identical Philox words in one dispatch or two', async () => {
    const req = { mode: 'philox', key: KEY, stream: 1, slot: 2, sub: 3, total } as const;
    const whole = await runRngProbe(device(), req);
    const split = await runRngProbe(device(), { ...req, chunks });
    expect(Array.from(split)).toEqual(Array.from(whole));
  });

  it('gives bit-identical PERT samples in one dispatch or two', async () => {
    const dist = packDist({ dist: 'pert', min: 0, mode: 1, max: 4 });
    const req = { mode: 'sample', key: KEY, stream: 4, slot: 5, dist, total } as const;
    const whole = await runRngProbe(device(), req);
    const split = await runRngProbe(device(), { ...req, chunks });
    expect(Array.from(split)).toEqual(Array.from(whole));
  });
});
