// Sharding: n slices of a run, merged, are the unsharded run number for number; parameter-set
// designs; and the checks that stop shards of different runs from being merged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backends/cpu/CpuBackend';
import { buildParamSets, ParamSetError, rangedKnobs } from '../../src/engine/paramSets';
import { resultToJson } from '../../src/engine/resultJson';
import { runWithBackend, RunOptionError } from '../../src/engine/runner';
import type { ParamSetDesign, RunOptions, RunResult } from '../../src/engine/types';
import { GpuBackend } from '../../src/backends/gpu/GpuBackend';
import { MergeError, mergeShards, parseShardJson, type NamedShard } from '../../src/analysis/merge';
import { ensembleMeta, parseShard, ShardError, shardRange, type EnsembleResultJson, type ShardSpec } from '../../src/analysis/shards';
import { KNOB_NAMES } from '../../src/scenario/names';
import { fixtureScenario, requireGpu } from './engineHelpers';

const tuning = { maxGroupWords: 2 ** 24, targetSiteYears: 2 ** 30 };
const scenario = fixtureScenario();

describe('shardRange and parseShard', () => {
  it('splits K = 7 into 3 contiguous slices [0, 2), [2, 4), [4, 7)', () => {
    expect([0, 1, 2].map((index) => shardRange({ index, count: 3 }, 7))).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 2 },
      { first: 4, count: 3 },
    ]);
  });

  it('covers 0 … K − 1 exactly once for every n ≤ K ≤ 40', () => {
    for (let K = 1; K <= 40; K++) {
      for (let n = 1; n <= K; n++) {
        let next = 0;
        for (let i = 0; i < n; i++) {
          const r = shardRange({ index: i, count: n }, K);
          expect(r.first).toBe(next);
          expect(r.count).toBeGreaterThanOrEqual(1);
          next += r.count;
        }
        expect(next).toBe(K);
      }
    }
  });

  it('rejects bad shards', () => {
    expect(() => shardRange({ index: 0, count: 5 }, 4)).toThrow(/at most 4 shards/);
    expect(() => shardRange({ index: 3, count: 3 }, 9)).toThrow(ShardError);
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(() => parseShard('5/5')).toThrow(/within \[0, n − 1\]/);
    expect(() => parseShard('0/0')).toThrow(/≥ 1/);
    expect(() => parseShard('1-4')).toThrow(/i\/n/);
  });
});

describe('parameter-set designs', () => {
  const K = 64;
  const ranged = rangedKnobs(scenario);
  const col = (m: Float32Array, name: string) =>
    Array.from({ length: K }, (_, p) => m[p * KNOB_NAMES.length + KNOB_NAMES.indexOf(name as (typeof KNOB_NAMES)[number])] as number);

  it('vary exactly the knobs with a range, within it; the others stay at the scenario value', () => {
    expect(ranged).toEqual(['demandGrowthPctPerYear', 'gridBuildoutScale', 'chipShockProbability']);
    for (const design of ['random', 'sobol', 'lhs'] as const) {
      const m = buildParamSets(scenario, { count: K, design }, 3);
      for (const name of KNOB_NAMES) {
        const spec = scenario.knobs[name];
        const values = col(m, name);
        if (spec?.min !== undefined && spec.max !== undefined && spec.max > spec.min) {
          for (const v of values) expect(v >= Math.fround(spec.min) && v <= Math.fround(spec.max)).toBe(true);
          // Not a statistical tolerance: 64 values spread over a continuous range tie only by float32
          // rounding, so half of them equal would mean the knob is not varied.
          expect(new Set(values).size).toBeGreaterThan(K / 2);
        } else {
          expect(new Set(values).size, `${design} ${name}`).toBe(1);
        }
      }
    }
  });

  it("'random' keeps set 0 at the scenario's values and equals the plain count", () => {
    const m = buildParamSets(scenario, { count: K, design: 'random' }, 3);
    expect(m).toEqual(buildParamSets(scenario, K, 3));
    expect(col(m, 'demandGrowthPctPerYear')[0]).toBe(10);
    expect(col(m, 'gridBuildoutScale')[0]).toBe(1);
  });

  it("'lhs' puts one set in each of K strata of every ranged knob; 'sobol' does too for K = 2^m", () => {
    for (const design of ['lhs', 'sobol'] as const) {
      const m = buildParamSets(scenario, { count: K, design }, 5);
      for (const name of ranged) {
        const { min, max } = scenario.knobs[name] as { min: number; max: number };
        // Float32 rounding can move a value across a stratum edge by one ulp: compare in f32 steps.
        const strata = col(m, name).map((v) => Math.min(K - 1, Math.floor(((v - min) / (max - min)) * K + 1e-6)));
        expect(new Set(strata).size, `${design} ${name}`).toBe(K);
      }
    }
  });

  it('rejects unknown designs and bad counts; explicit arrays still work', () => {
    expect(() => buildParamSets(scenario, { count: 4, design: 'grid' } as unknown as ParamSetDesign, 1)).toThrow(/random, sobol, lhs/);
    expect(() => buildParamSets(scenario, { count: 0, design: 'lhs' }, 1)).toThrow(ParamSetError);
    expect(buildParamSets(scenario, [{ gridBuildoutScale: 0.7 }], 1)[1]).toBeCloseTo(0.7, 6);
  });
});

describe('n = 3 shards of K = 7 merged equal the unsharded run (CPU)', () => {
  let cpu: CpuBackend;
  beforeAll(async () => {
    cpu = await CpuBackend.create(2);
  });
  afterAll(async () => cpu?.dispose());

  async function shardJson(
    result: RunResult,
    paramSets: ParamSetDesign,
    shard: ShardSpec,
    name = `shard-${shard.index}.json`,
  ): Promise<NamedShard> {
    const ensemble = await ensembleMeta(scenario, { paramSets, commonRandomNumbers: false, shard });
    return { name, json: { ...resultToJson(result, scenario), ensemble } };
  }

  for (const design of ['random', 'sobol', 'lhs'] as const) {
    it(`${design}: every number of every array, and the merged JSON`, async () => {
      const paramSets: ParamSetDesign = { count: 7, design };
      const options: RunOptions = { paramSets, draws: 300, seed: 9, histograms: true };
      const whole = await runWithBackend(cpu, tuning, scenario, options);
      const shards: RunResult[] = [];
      for (let index = 0; index < 3; index++) {
        shards.push(await runWithBackend(cpu, tuning, scenario, { ...options, paramSetRange: shardRange({ index, count: 3 }, 7) }));
      }
      expect(shards.map((s) => [s.firstParamSet, s.paramSetCount])).toEqual([
        [0, 2],
        [2, 2],
        [4, 3],
      ]);
      const cat = (pick: (r: RunResult) => Float32Array | Uint32Array) => shards.flatMap((s) => Array.from(pick(s)));
      expect(cat((r) => r.knobValues)).toEqual(Array.from(whole.knobValues));
      expect(cat((r) => r.summary)).toEqual(Array.from(whole.summary));
      expect(cat((r) => r.siteMissProbability)).toEqual(Array.from(whole.siteMissProbability));
      expect(cat((r) => r.siteExpectedLoadMW)).toEqual(Array.from(whole.siteExpectedLoadMW));
      expect(cat((r) => r.regionCurtailProbability)).toEqual(Array.from(whole.regionCurtailProbability));
      expect(cat((r) => r.histograms!.counts)).toEqual(Array.from(whole.histograms!.counts));
      expect(cat((r) => r.histograms!.lo)).toEqual(Array.from(whole.histograms!.lo));

      // Through the files: shuffled order, JSON text and back, then merge.
      const named = await Promise.all([2, 0, 1].map((i) => shardJson(shards[i] as RunResult, paramSets, { index: i, count: 3 })));
      const { merged, warnings } = mergeShards(named.map((s) => parseShardJson(s.name, JSON.stringify(s.json))));
      expect(warnings).toEqual([]);
      const wholeJson = resultToJson(whole, scenario);
      expect(merged.paramSets).toEqual(wholeJson.paramSets);
      expect(merged.paramSets.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(merged.run).toMatchObject({ paramSetCount: 7, firstParamSet: 0, seed: 9, draws: 300 });
      expect(merged.ensemble).toMatchObject({ design, paramSetTotal: 7, shard: { index: 0, count: 1 }, mergedShards: 3 });
    });
  }

  describe('refuses shards that do not belong together', () => {
    let good: NamedShard[];
    const paramSets: ParamSetDesign = { count: 7, design: 'lhs' };
    beforeAll(async () => {
      good = [];
      for (let index = 0; index < 3; index++) {
        const r = await runWithBackend(cpu, tuning, scenario, {
          paramSets,
          draws: 64,
          seed: 2,
          paramSetRange: shardRange({ index, count: 3 }, 7),
        });
        good.push(await shardJson(r, paramSets, { index, count: 3 }));
      }
    });
    const edit = (s: NamedShard, f: (j: EnsembleResultJson) => void): NamedShard => {
      const json = structuredClone(s.json);
      f(json);
      return { name: s.name, json };
    };

    it('different seed, draws, design, K, scenario or common random numbers', () => {
      const [a, b, c] = good as [NamedShard, NamedShard, NamedShard];
      expect(() => mergeShards([a, edit(b, (j) => (j.run.seed = 3)), c])).toThrow(/shard-1\.json: seed is 3 but shard-0\.json has 2/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.run.draws = 65))])).toThrow(/draws/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.ensemble.design = 'sobol'))])).toThrow(/design/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.ensemble.paramSetTotal = 8))])).toThrow(/parameter sets K/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.ensemble.scenarioHash = 'f00'))])).toThrow(/scenario hash/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.scenario.name = 'Other'))])).toThrow(/scenario name/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.ensemble.commonRandomNumbers = true))])).toThrow(/common random numbers/);
    });

    it('missing, repeated or mislabelled shards', () => {
      const [a, b, c] = good as [NamedShard, NamedShard, NamedShard];
      expect(() => mergeShards([a, c])).toThrow(/missing shard 1\/3 \(sets \[2, 4\)\)/);
      expect(() => mergeShards([a, b, { ...a, name: 'copy.json' }, c])).toThrow(/shard-0\.json and copy\.json are both shard 0\/3/);
      expect(() => mergeShards([a, b, edit(c, (j) => (j.ensemble.shard.index = 1))])).toThrow(
        /should hold sets \[2, 4\) but holds \[4, 7\)/,
      );
      expect(() => mergeShards([a, b, edit(c, (j) => (j.paramSets[0]!.index = 9))])).toThrow(/index 9, expected 4/);
      expect(() => mergeShards([])).toThrow(MergeError);
    });

    it('files that are not shard results, and mixed backends (refused since hardening A)', () => {
      expect(() => parseShardJson('x.json', '{')).toThrow(/x\.json: not JSON/);
      // A result written before sharding existed: no ensemble section.
      const { ensemble: _, ...plain } = (good[0] as NamedShard).json;
      expect(() => parseShardJson('old.json', JSON.stringify(plain))).toThrow(
        /old\.json: not a result written by `npm run sim -- --out` \(no "ensemble" section\)/,
      );
      const [a, b, c] = good as [NamedShard, NamedShard, NamedShard];
      expect(() =>
        mergeShards([
          a,
          b,
          edit(c, (j) => {
            j.run.backend = 'webgpu';
            j.run.device = 'gpu';
          }),
        ]),
      ).toThrow(/shard-0\.json ran on cpu but shard-2\.json on webgpu/);
    });
  });

  it('paramSetRange outside the design is an error', async () => {
    await expect(runWithBackend(cpu, tuning, scenario, { paramSets: 4, draws: 64, paramSetRange: { first: 3, count: 2 } })).rejects.toThrow(
      RunOptionError,
    );
    await expect(runWithBackend(cpu, tuning, scenario, { paramSets: 4, draws: 64, paramSetRange: { first: 0, count: 0 } })).rejects.toThrow(
      /non-empty/,
    );
  });
});

describe('shards on WebGPU', () => {
  it('3 shards of K = 7 (Sobol) equal the unsharded GPU run bit for bit', async () => {
    const gpu = await GpuBackend.create(await requireGpu());
    try {
      const options: RunOptions = { paramSets: { count: 7, design: 'sobol' }, draws: 300, seed: 4, histograms: true };
      const whole = await runWithBackend(gpu, tuning, scenario, options);
      const shards: RunResult[] = [];
      for (let index = 0; index < 3; index++)
        shards.push(await runWithBackend(gpu, tuning, scenario, { ...options, paramSetRange: shardRange({ index, count: 3 }, 7) }));
      const cat = (pick: (r: RunResult) => Float32Array | Uint32Array) => shards.flatMap((r) => Array.from(pick(r)));
      expect(cat((r) => r.summary)).toEqual(Array.from(whole.summary));
      expect(cat((r) => r.siteExpectedLoadMW)).toEqual(Array.from(whole.siteExpectedLoadMW));
      expect(cat((r) => r.regionCurtailProbability)).toEqual(Array.from(whole.regionCurtailProbability));
      expect(cat((r) => r.histograms!.counts)).toEqual(Array.from(whole.histograms!.counts));
    } finally {
      await gpu.dispose();
    }
  });
});
