// `npm run calibrate`: the measurements behind docs/data.md's Calibration tables, so each number
// there can be re-made with one command instead of a throw-away script.
//
//   npm run calibrate -- report global-2030 US 2025,2028,2030 [--seeds 1,2,2030] [--draws 4096]
//     energy served (TWh): P5, P50 ± its Monte Carlo standard error, P95 per year and seed.
//   npm run calibrate -- size global-2030 US 2030 426 us-agg-pipeline-2024-2028
//     the aggregate's itLoadMW that puts the area's median on the target (secant iteration,
//     seed 1), rounded to 10 MW. This is what "fitted" means in docs/data.md: the printed size is
//     written into the scenario file by hand, and the target it was sized on is a fitted check.
//
//   npm run calibrate -- delay global-2030 us-agg-pipeline-2024-2028 [--draws 400000]
//     the site's mean commissioning delay (years, grid part) with its Monte Carlo standard error:
//     the model's own siteState over that many draws (seed 1), as docs/data.md's pipeline-dates
//     rule uses it (planned dates = the trend's online dates less this mean delay).
//
// CPU engine, 2 workers, the preset's own knobs: the same engine and settings as
// test/unit/calibration.test.ts.
import { annualEnergyTWh, medianStandardErrorTWh, scenarioForCountry } from '../src/data/calibration';
import { createEngine } from '../src/createEngine';
import type { Engine } from '../src/engine/types';
import type { Scenario } from '../src/scenario/schema';
import { loadScenarioFile } from '../src/scenario/validate';
import { packScenario, sitesOffset } from '../src/engine/pack';
import { knobMatrix } from '../src/engine/paramSets';
import { checkParamSets } from '../src/engine/options';
import { SiteModel } from '../src/kernel/site';

const USAGE = `usage: npm run calibrate -- report <preset> <area|world> <year[,year…]> [--seeds 1,2,2030] [--draws 4096]
       npm run calibrate -- size <preset> <area|world> <year> <targetTWh> <aggregate id> [--draws 4096]
       npm run calibrate -- delay <preset> <site id> [--draws 400000]`;

interface Options {
  seeds: number[];
  draws: number;
}

function options(rest: string[], draws = 4096): Options {
  const o: Options = { seeds: [1, 2, 2030], draws };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1] ?? ''];
    if (flag === '--seeds') o.seeds = value.split(',').map(Number);
    else if (flag === '--draws') o.draws = Number(value);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (o.seeds.some((s) => !Number.isInteger(s)) || !Number.isInteger(o.draws)) throw new Error(`bad --seeds or --draws\n${USAGE}`);
  return o;
}

/** A preset's name (public/data/scenarios/<name>.json), or a path to a scenario file. */
const presetPath = (preset: string): string =>
  preset.endsWith('.json') ? preset : new URL(`../public/data/scenarios/${preset}.json`, import.meta.url).pathname;

async function energyIn(engine: Engine, scenario: Scenario, year: number, seed: number, draws: number) {
  const r = await engine.run(scenario, { draws, seed });
  return annualEnergyTWh(r, year);
}

async function report(engine: Engine, args: string[]): Promise<void> {
  const [preset, where, years, ...rest] = args;
  if (!preset || !where || !years) throw new Error(USAGE);
  const o = options(rest);
  const scenario = scenarioForCountry(await loadScenarioFile(presetPath(preset)), where);
  for (const seed of o.seeds) {
    const r = await engine.run(scenario, { draws: o.draws, seed });
    for (const year of years.split(',').map(Number)) {
      const e = annualEnergyTWh(r, year);
      const se = medianStandardErrorTWh(e);
      console.log(
        `${preset} ${where} ${year} seed ${seed}: P5 ${e.p5TWh.toFixed(1)}  P50 ${e.p50TWh.toFixed(1)} ± ${se.toFixed(2)} (MC s.e.)  P95 ${e.p95TWh.toFixed(1)} TWh`,
      );
    }
  }
}

function withLoad(scenario: Scenario, id: string, itLoadMW: number): Scenario {
  return { ...scenario, sites: scenario.sites.map((s) => (s.id === id ? { ...s, itLoadMW } : s)) };
}

async function size(engine: Engine, args: string[]): Promise<void> {
  const [preset, where, yearText, targetText, id, ...rest] = args;
  if (!preset || !where || !yearText || !targetText || !id) throw new Error(USAGE);
  const o = options(rest);
  const [year, target] = [Number(yearText), Number(targetText)];
  const scenario = scenarioForCountry(await loadScenarioFile(presetPath(preset)), where);
  const site = scenario.sites.find((s) => s.id === id);
  if (!site) throw new Error(`no site '${id}' in ${preset} ${where}`);
  const miss = async (mw: number) => (await energyIn(engine, withLoad(scenario, id, mw), year, 1, o.draws)).p50TWh - target;
  let [x0, x1] = [site.itLoadMW, site.itLoadMW * 1.1];
  let [f0, f1] = [await miss(x0), await miss(x1)];
  for (let i = 0; i < 12 && Math.abs(f1) > target * 1e-3 && f1 !== f0; i++) {
    const x2 = Math.max(10, x1 - (f1 * (x1 - x0)) / (f1 - f0));
    [x0, f0, x1] = [x1, f1, x2];
    f1 = await miss(x1);
    console.log(`  ${id} ${x1.toFixed(0)} MW → ${preset} ${where} ${year} P50 ${(f1 + target).toFixed(2)} TWh`);
  }
  const rounded = Math.round(x1 / 10) * 10;
  const e = await energyIn(engine, withLoad(scenario, id, rounded), year, 1, o.draws);
  console.log(
    `${id}: itLoadMW ${rounded} (was ${site.itLoadMW}) → P50 ${e.p50TWh.toFixed(2)} ± ${medianStandardErrorTWh(e).toFixed(2)} TWh vs target ${target}`,
  );
}

/** The site's mean delay from its planned date to its grid part's commissioning, drawn by the model's siteState. */
async function delay(args: string[]): Promise<void> {
  const [preset, id, ...rest] = args;
  if (!preset || !id) throw new Error(USAGE);
  const o = options(rest, 400_000);
  const scenario = await loadScenarioFile(presetPath(preset));
  const s = scenario.sites.findIndex((x) => x.id === id);
  if (s < 0) throw new Error(`no site '${id}' in ${preset}`);
  const packed = packScenario(scenario);
  const shape = { nSites: packed.nSites, nRegions: packed.nRegions, nYears: packed.nYears, sitesOffset: sitesOffset(packed) };
  const model = new SiteModel(packed.data, knobMatrix(scenario, checkParamSets(1), 1), shape);
  let sum = 0;
  let sumSq = 0;
  for (let n = 0; n < o.draws; n++) {
    const st = model.siteState({ key0: 1, key1: 0, index: n, knob: 0 }, s);
    const years = st.commissionOffset - st.plannedOffset;
    sum += years;
    sumSq += years * years;
  }
  const mean = sum / o.draws;
  const se = Math.sqrt(Math.max(sumSq / o.draws - mean * mean, 0) / o.draws);
  console.log(`${preset} ${id}: mean commissioning delay ${mean.toFixed(3)} ± ${se.toFixed(3)} years (MC s.e., ${o.draws} draws, seed 1)`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'delay') return delay(args);
  if (command !== 'report' && command !== 'size') throw new Error(USAGE);
  const engine = await createEngine({ backend: 'cpu', workers: 2 });
  try {
    await (command === 'report' ? report(engine, args) : size(engine, args));
  } finally {
    await engine.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
