// npm run bench: site-year samples per second for every backend, measured in one run on the
// same workload (each after a warm-up, CPU rows the best of two runs), with the ratios between
// them and the time to first result of the live view.
//   npm run bench -- [--scenario FILE] [--draws N] [--param-sets K] [--skip-browser]
//                    [--ensemble-sets K] [--ensemble-draws N] [--against REV]
// --against REV also measures the CPU fallback (one worker) of git revision REV, alternating
// with this tree's, and prints the ratio (bench/against.ts).
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/createEngine';
import type { Engine, RunOptions } from '../src/engine/types';
import type { Scenario } from '../src/scenario/schema';
import { loadScenarioFile } from '../src/scenario/validate';
import { benchInBrowser } from './browserBench';
import { benchAgainst, median } from './against';
import { countCalls } from './counts';

interface Row {
  backend: string;
  device: string;
  siteYears: number;
  seconds: number;
}

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'public/data/scenarios/global-2030.json' },
    draws: { type: 'string', default: '4096' },
    'param-sets': { type: 'string', default: '4' },
    'skip-browser': { type: 'boolean', default: false },
    'ensemble-sets': { type: 'string', default: '256' },
    'ensemble-draws': { type: 'string', default: '64' },
    against: { type: 'string' },
  },
});

const scenario: Scenario = await loadScenarioFile(values.scenario);
const draws = Number(values.draws);
const paramSets = Number(values['param-sets']);
const ensembleSets = Number(values['ensemble-sets']);
const ensembleDraws = Number(values['ensemble-draws']);
const siteYearsPerDraw = scenario.sites.length * (scenario.endYear - scenario.startYear + 1);
const siteYears = paramSets * draws * siteYearsPerDraw;

/**
 * A warm-up run (pipelines compiled, the JIT settled: 512 draws, as `--against` does), then the
 * best of `rounds` timed runs, so a ratio between rows compares settled code, not start-up.
 */
async function measure(engine: Engine, options: RunOptions, rounds: number): Promise<Row> {
  await engine.run(scenario, { ...options, draws: 512, paramSets: 1 });
  let seconds = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await engine.run(scenario, options);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { backend: engine.backend, device: engine.device, siteYears, seconds };
}

async function timeToFirstResult(backend: 'cpu' | 'webgpu'): Promise<{ coldMs: number; warmMs: number }> {
  // The live view's first result: one parameter set at the default draw count, engine included.
  const t0 = performance.now();
  const engine = await createEngine({ backend });
  await engine.run(scenario, {});
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await engine.run(scenario, { seed: 2 });
  const warmMs = performance.now() - t1;
  await engine.dispose();
  return { coldMs, warmMs };
}

const rows: Row[] = [];
const options: RunOptions = { draws, paramSets, seed: 1, histograms: false };
const log = (s: string) => process.stderr.write(`${s}\n`);
log(
  `workload: ${scenario.name}: ${paramSets} parameter sets × ${draws} draws × ${scenario.sites.length} sites × ${scenario.endYear - scenario.startYear + 1} years = ${siteYears.toLocaleString('en')} site-years`,
);
for (const workers of [1, availableParallelism()]) {
  log(`CPU, ${workers} worker(s)…`);
  const engine = await createEngine({ backend: 'cpu', workers });
  rows.push(await measure(engine, options, 2));
  await engine.dispose();
}
log('WebGPU in Node (Dawn)…');
const gpu = await createEngine({ backend: 'webgpu' });
rows.push({ ...(await measure(gpu, options, 1)), backend: 'webgpu (Node, Dawn)' });
await gpu.dispose();
if (!values['skip-browser']) {
  log('WebGPU in headless Chromium…');
  const browser = await benchInBrowser(scenario, options);
  rows.push({ backend: 'webgpu (Chromium)', device: browser.device, siteYears, seconds: browser.seconds });
}
log('ensembles (Sobol design)…');
const ensembleRows: { backend: string; device: string; sets: number; draws: number; seconds: number }[] = [];
for (const backend of ['cpu', 'webgpu'] as const) {
  const engine = await createEngine({ backend });
  const design = { paramSets: { count: ensembleSets, design: 'sobol' as const }, draws: ensembleDraws, seed: 1, histograms: false };
  await engine.run(scenario, { ...design, paramSets: { count: 2, design: 'sobol' }, draws: 64 });
  const t0 = performance.now();
  await engine.run(scenario, design);
  ensembleRows.push({ backend, device: engine.device, sets: ensembleSets, draws: ensembleDraws, seconds: (performance.now() - t0) / 1000 });
  await engine.dispose();
}
log('counting Philox and transcendental calls…');
const calls = countCalls(scenario, 256);
if (values.against) log(`CPU, 1 worker: this tree against ${values.against}…`);
const against = values.against ? benchAgainst(values.against, values.scenario, draws) : undefined;
log('time to first result…');
const ttfrGpu = await timeToFirstResult('webgpu');
const ttfrCpu = await timeToFirstResult('cpu');

const rate = (r: Row) => r.siteYears / r.seconds;
const fmt = (x: number) => x.toLocaleString('en', { maximumSignificantDigits: 3 });
console.log(`\n## ${new Date().toISOString().slice(0, 10)} — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads`);
console.log(`Workload: ${scenario.name}, ${paramSets} parameter sets × ${draws} draws = ${fmt(siteYears)} site-years.\n`);
console.log('| backend | device | seconds | site-year samples/s | × CPU 1 worker |');
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.backend === 'cpu' ? `CPU` : r.backend} | ${r.device} | ${r.seconds.toFixed(2)} | ${fmt(rate(r))} | ${(rate(r) / rate(rows[0])).toFixed(2)} |`,
  );
console.log(`\nEnsembles: ${ensembleSets} parameter sets (Sobol design) × ${ensembleDraws} draws:\n`);
console.log('| backend | device | seconds | parameter-set draws/s | site-year samples/s | × CPU |');
console.log('|---|---|---|---|---|---|');
for (const r of ensembleRows) {
  const draws = r.sets * r.draws;
  const perSecond = draws / r.seconds;
  console.log(
    `| ${r.backend} | ${r.device} | ${r.seconds.toFixed(2)} | ${fmt(perSecond)} | ${fmt(perSecond * siteYearsPerDraw)} | ${(r.seconds > 0 ? ensembleRows[0].seconds / r.seconds : 0).toFixed(2)} |`,
  );
}
console.log(
  `\nCalls per site-year (TypeScript kernel mirror, one main pass of ${fmt(calls.siteYears)} site-years; a GPU lane makes the same calls):`,
);
console.log(
  `- philox4x32: ${calls.philoxPerSiteYear.toFixed(2)} in the TypeScript mirror; ${calls.wgslPhiloxPerSiteYear.toFixed(2)} per lane in simulate.wgsl (site state recomputed in both phases; target ≤ 3)`,
);
console.log(
  `- transcendental: ${Object.entries(calls.transcendentalPerSiteYear)
    .map(([name, n]) => `${name} ${n.toFixed(2)}`)
    .join(', ')}`,
);
if (against) {
  const now = median(against.current);
  const then = median(against.previous);
  console.log(
    `\nAgainst ${against.revision}: CPU, 1 worker, warm, 1 parameter set × ${draws} draws, ${against.current.length} alternating rounds each:`,
  );
  console.log(`- this tree: ${against.current.map(fmt).join(', ')} site-year samples/s (median ${fmt(now)})`);
  console.log(`- ${against.revision}: ${against.previous.map(fmt).join(', ')} (median ${fmt(then)})`);
  console.log(`- ratio (medians): ${(now / then).toFixed(2)}×`);
}
console.log(`\nTime to first result (default live run: 1 parameter set × 4096 draws):`);
console.log(`- WebGPU (Node): ${ttfrGpu.coldMs.toFixed(0)} ms cold (device + pipelines + run), ${ttfrGpu.warmMs.toFixed(0)} ms warm`);
console.log(
  `- CPU (${availableParallelism()} workers): ${ttfrCpu.coldMs.toFixed(0)} ms cold (workers + run), ${ttfrCpu.warmMs.toFixed(0)} ms warm`,
);
process.exit(0);
