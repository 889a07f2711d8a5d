// Raw samples are the run's own draws: their mean is the run's mean for that parameter set,
// on both backends, and the CSV / Arrow exports read back to the same numbers.
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/createEngine';
import { rawSamplesToArrow, rawSamplesToCsv } from '../../src/engine/rawExport';
import type { RawSamples } from '../../src/engine/rawSamples';
import { findSeries, seriesSummary } from '../../src/engine/resultJson';
import type { Engine } from '../../src/engine/types';
import { fixtureScenario, requireGpu } from './engineHelpers';

const design = { paramSets: 5, draws: 1000, seed: 21 };
const keys = ['energyServedMWh', 'curtailedMWh', 'gridStress[south]'];

describe.each(['cpu', 'webgpu'] as const)('raw samples on %s', (backend) => {
  let engine: Engine;
  let raw: RawSamples;
  beforeAll(async () => {
    engine = await createEngine({ backend, workers: 2, gpu: backend === 'webgpu' ? await requireGpu() : undefined });
    raw = await engine.samples(fixtureScenario(), { ...design, paramSet: 3, series: keys });
  });
  afterAll(async () => engine?.dispose());

  it('returns every draw of the chosen series', () => {
    expect(raw.series.map((s) => s.key)).toEqual(keys);
    expect(raw.columns.map((c) => c.length)).toEqual([1000, 1000, 1000]);
    // Distinct draws, not a constant (not a statistical tolerance: the fixture's energy served is
    // continuous, so a tie between two of 1000 float32 draws is rare and 100 would be a bug).
    expect(new Set(raw.columns[0]).size).toBeGreaterThan(900);
  });

  it("has the run's mean for that parameter set", async () => {
    const run = await engine.run(fixtureScenario(), design);
    keys.forEach((key, c) => {
      const { mean } = seriesSummary(run, 3, findSeries(run, key)!.index);
      const rawMean = raw.columns[c].reduce((a, x) => a + x, 0) / raw.draws;
      // The run sums float32 deviations in blocks; 1e-5 relative covers that rounding.
      expect(Math.abs(rawMean - mean)).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(mean), 1e-3));
    });
  });

  it('exports CSV and Arrow that read back to the same values', () => {
    const csv = Papa.parse<string[]>(rawSamplesToCsv(raw)).data;
    expect(csv[0]).toEqual(['draw', ...keys]);
    expect(Number(csv[501][1])).toBe(raw.columns[0][500]);
    const table = tableFromIPC(rawSamplesToArrow(raw));
    expect(table.numRows).toBe(1000);
    expect(table.getChild('energyServedMWh')!.toArray()).toEqual(raw.columns[0]);
    expect(table.schema.metadata.get('headroom.paramSet')).toBe('3');
  });

  it('names a bad series or parameter set', async () => {
    await expect(engine.samples(fixtureScenario(), { ...design, series: ['nope'] })).rejects.toThrow("series[0]: no series 'nope'");
    await expect(engine.samples(fixtureScenario(), { ...design, paramSet: 5 })).rejects.toThrow(
      'paramSet: must be a whole number within [0, 4]',
    );
  });
});

it('GPU and CPU raw samples agree draw by draw', async () => {
  const cpu = await createEngine({ backend: 'cpu', workers: 2 });
  const gpu = await createEngine({ backend: 'webgpu', gpu: await requireGpu() });
  const a = await cpu.samples(fixtureScenario(), { ...design, paramSet: 2 });
  const b = await gpu.samples(fixtureScenario(), { ...design, paramSet: 2 });
  // Same draws, float32 on both sides: all but a rare ulp-flipped decision agree to 1e-4 relative.
  // Not a sampling tolerance: a flip has a chance of order 1e-6 per draw and decision (see
  // rngGpuParity.test.ts), so flips in 0.1% of the values would already be a bug.
  let close = 0;
  let total = 0;
  a.columns.forEach((col, c) =>
    col.forEach((x, d) => {
      total++;
      if (Math.abs(x - b.columns[c][d]) <= 1e-4 * Math.max(Math.abs(x), 1)) close++;
    }),
  );
  expect(close / total).toBeGreaterThanOrEqual(0.999);
  await cpu.dispose();
  await gpu.dispose();
});
