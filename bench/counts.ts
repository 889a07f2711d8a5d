// What one site-year costs in random numbers and transcendental functions: the TypeScript mirror
// of the kernel (src/kernel/simulate.ts, the same code path as simulate.wgsl) runs one main pass
// in this process, counting philox4x32 calls and calls of Math's transcendental functions. Both
// backends draw each region-year's climate once per draw; the mirror computes a site's state once
// per draw, simulate.wgsl once in each of its two phases, so the WGSL count is the mirror's plus
// one more site-state evaluation per site and draw at its measured cost. The mirror also skips the
// site-years before a site's planned date, whose cyber draws the shader still makes (at most a
// quarter call each), so the WGSL figure is low by that much. Divergence within a warp can make a
// GPU lane wait for more.
import { packScenario } from '../src/engine/pack';
import { counterLayout } from '../src/engine/counters';
import { knobMatrix } from '../src/engine/paramSets';
import { groupParams } from '../src/engine/runner';
import { checkParamSets } from '../src/engine/options';
import { BLOCK_DRAWS, MODE_MAIN } from '../src/kernel/contract';
import { philoxCalls } from '../src/kernel/philox';
import { DrawModel } from '../src/kernel/model';
import { SimulateKernel } from '../src/kernel/simulate';
import type { Scenario } from '../src/scenario/schema';

const TRANSCENDENTAL = [
  'log',
  'log1p',
  'log2',
  'log10',
  'exp',
  'expm1',
  'pow',
  'sin',
  'cos',
  'tan',
  'atan',
  'atan2',
  'sqrt',
  'cbrt',
] as const;
type MathFn = (...args: number[]) => number;

export interface CallCounts {
  siteYears: number;
  /** The TypeScript mirror's philox4x32 calls per site-year. */
  philoxPerSiteYear: number;
  /** simulate.wgsl's, per lane: the same, with site state evaluated as the shader does (twice per draw). */
  wgslPhiloxPerSiteYear: number;
  /** Per function, calls per site-year (only functions called at all). */
  transcendentalPerSiteYear: Record<string, number>;
}

/** Runs `draws` draws of one parameter set through the kernel mirror, counting calls. */
export function countCalls(scenario: Scenario, draws: number): CallCounts {
  const packed = packScenario(scenario);
  const layout = counterLayout(1, packed);
  const blockCount = Math.ceil(draws / BLOCK_DRAWS);
  const base = groupParams(packed, { seed: 1, draws, crn: false, paramBase: 0, paramCount: 1 });
  const ranges = new Uint32Array(packed.nSeries * 2);
  for (let i = 0; i < ranges.length; i += 2) ranges[i] = 0xffffffff;
  const buffers = {
    scenario: packed.data,
    knobs: knobMatrix(scenario, checkParamSets(1), 1),
    seriesInfo: packed.seriesInfo,
    ranges,
    counters: new Uint32Array(layout.total),
    partials: new Float32Array(blockCount * packed.nSeries * 2),
  };
  const counts: Record<string, number> = {};
  const saved = new Map<string, MathFn>();
  const math = Math as unknown as Record<string, MathFn>;
  for (const name of TRANSCENDENTAL) {
    const fn = math[name] as MathFn;
    saved.set(name, fn);
    counts[name] = 0;
    math[name] = (...args: number[]) => {
      counts[name] = (counts[name] as number) + 1;
      return fn(...args);
    };
  }
  const site = instrument('siteState');
  const philox0 = philoxCalls.count;
  try {
    new SimulateKernel(buffers, { ...base, blockOffset: 0, blockCount }).dispatch(MODE_MAIN);
  } finally {
    for (const [name, fn] of saved) math[name] = fn;
    site.restore();
  }
  const siteYears = draws * packed.nSites * packed.nYears;
  const per: Record<string, number> = {};
  for (const [name, n] of Object.entries(counts)) if (n > 0) per[name] = n / siteYears;
  const total = philoxCalls.count - philox0;
  const perEval = (c: Counted) => (c.calls > 0 ? c.philox / c.calls : 0);
  const wgsl = total + draws * packed.nSites * perEval(site);
  return { siteYears, philoxPerSiteYear: total / siteYears, wgslPhiloxPerSiteYear: wgsl / siteYears, transcendentalPerSiteYear: per };
}

interface Counted {
  calls: number;
  philox: number;
  restore: () => void;
}

/** Counts a DrawModel method's evaluations and the Philox calls made inside them. */
function instrument(name: 'siteState'): Counted {
  const proto = DrawModel.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = proto[name] as (...args: unknown[]) => unknown;
  const counted: Counted = { calls: 0, philox: 0, restore: () => (proto[name] = original) };
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const before = philoxCalls.count;
    const out = original.apply(this, args);
    counted.calls++;
    counted.philox += philoxCalls.count - before;
    return out;
  };
  return counted;
}
