import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { CliError, DEFAULT_SCENARIO, parseMergeArgs, parseSimArgs } from '../../src/cli/args';
import { CAUSES } from '../../src/engine/attribution';
import { KNOB_NAMES } from '../../src/kernel/contract';
import { findSeries, resultToJson, seriesSummary, type ResultJson } from '../../src/engine/resultJson';
import type { RunResult } from '../../src/engine/types';
import { parseScenario } from '../../src/scenario/validate';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/minimal-scenario.json');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));

/** Runs `tsx src/cli/<script>.ts ...args` the way `npm run sim --` (or merge) does. */
function cli(script: 'sim' | 'merge', args: string[]) {
  const r = spawnSync(process.execPath, [TSX, '--import', './scripts/rawImport.mjs', `src/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sim = (...args: string[]) => cli('sim', args);
const merge = (...args: string[]) => cli('merge', args);

function cliError(argv: string[]): string {
  try {
    parseSimArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as CliError).message;
  }
  throw new Error(`parseSimArgs accepted ${argv.join(' ')}`);
}

describe('parseSimArgs', () => {
  it('parses a full command line', () => {
    const argv = ['--scenario', 'x.json', '--param-sets', '8', '--draws', '1024', '--seed', '4294967295'];
    const more = ['--design', 'sobol', '--shard', '1/4', '--csv', 't.csv', '--arrow', 't.arrow'];
    const files = [
      '--sites',
      's.csv',
      '--sites-mode',
      'append',
      '--samples-csv',
      'd.csv',
      '--samples-arrow',
      'd.arrow',
      '--sample-set',
      '7',
      '--sample-series',
      'curtailedMWh',
    ];
    expect(
      parseSimArgs([
        ...argv,
        ...more,
        ...files,
        '--backend',
        'cpu',
        '--out',
        'r.json',
        '--workers',
        '3',
        '--crn',
        '--shortfall-threshold',
        '0.25',
      ]),
    ).toEqual({
      scenario: 'x.json',
      paramSets: 8,
      design: 'sobol',
      shard: { index: 1, count: 4 },
      draws: 1024,
      seed: 4294967295,
      backend: 'cpu',
      out: 'r.json',
      csv: 't.csv',
      arrow: 't.arrow',
      workers: 3,
      crn: true,
      shortfallThreshold: 0.25,
      sites: 's.csv',
      sitesMode: 'append',
      samplesCsv: 'd.csv',
      samplesArrow: 'd.arrow',
      sampleSet: 7,
      sampleSeries: ['curtailedMWh'],
      help: false,
    });
  });

  it('fills defaults', () => {
    expect(parseSimArgs([])).toEqual({
      scenario: DEFAULT_SCENARIO,
      paramSets: 1,
      design: 'random',
      shard: undefined,
      draws: 4096,
      seed: 1,
      backend: 'auto',
      out: undefined,
      csv: undefined,
      arrow: undefined,
      workers: undefined,
      crn: false,
      shortfallThreshold: 0.1,
      sites: undefined,
      sitesMode: 'replace',
      samplesCsv: undefined,
      samplesArrow: undefined,
      sampleSet: 0,
      sampleSeries: undefined,
      help: false,
    });
  });

  it('validates site files and raw-sample options', () => {
    expect(cliError(['--sites-mode', 'merge'])).toBe("--sites-mode: must be replace or append (got 'merge')");
    expect(cliError(['--param-sets', '3', '--sample-set', '3'])).toBe('--sample-set: must be a whole number within [0, 2] (got 3)');
    expect(cliError(['--sample-series', ' , '])).toBe('--sample-series: must name at least one series key');
    expect(
      parseSimArgs(['--param-sets', '4', '--sample-set', '3', '--sample-series', 'curtailedMWh, gridStress[north]']).sampleSeries,
    ).toEqual(['curtailedMWh', 'gridStress[north]']);
  });

  it('rejects unknown flags and positionals', () => {
    expect(cliError(['--drawz', '5'])).toBe("Unknown option '--drawz'");
    expect(cliError(['scenario.json'])).toMatch(/^Unexpected argument 'scenario.json'/);
  });

  it('validates numbers and choices', () => {
    expect(cliError(['--param-sets', '0'])).toBe('--param-sets: must be a whole number within [1, 1048576] (got 0)');
    expect(cliError(['--draws', 'abc'])).toBe("--draws: must be a whole number within [1, 16777216] (got 'abc')");
    expect(cliError(['--draws', '1e3'])).toBe("--draws: must be a whole number within [1, 16777216] (got '1e3')");
    expect(cliError(['--seed', '4294967296'])).toBe('--seed: must be a whole number within [0, 4294967295] (got 4294967296)');
    expect(cliError(['--seed', '-1'])).toMatch(/--seed/);
    expect(cliError(['--seed=-1'])).toBe("--seed: must be a whole number within [0, 4294967295] (got '-1')");
    expect(cliError(['--backend', 'tpu'])).toBe("--backend: must be one of auto, webgpu, cpu (got 'tpu')");
    expect(cliError(['--workers', '0'])).toBe('--workers: must be a whole number within [1, 256] (got 0)');
    expect(parseSimArgs(['--seed', '0']).seed).toBe(0);
  });

  it("states the engine's limits: draws 2^24 + 1 and 2^32 parameter sets are refused by name", () => {
    expect(cliError(['--draws', '16777217'])).toBe('--draws: must be a whole number within [1, 16777216] (got 16777217)');
    expect(parseSimArgs(['--draws', '16777216']).draws).toBe(16777216);
    expect(cliError(['--param-sets', '4294967296'])).toBe('--param-sets: must be a whole number within [1, 1048576] (got 4294967296)');
    expect(cliError(['--param-sets', '99999999999999999999999'])).toMatch(/^--param-sets: must be a whole number within \[1, 1048576\]/);
    // Echoed values are cut short.
    expect(cliError(['--draws', 'x'.repeat(5000)]).length).toBeLessThan(150);
  });

  it('validates designs, shards and output files', () => {
    expect(cliError(['--design', 'grid'])).toBe("--design: must be one of random, sobol, lhs (got 'grid')");
    expect(cliError(['--param-sets', '8', '--shard', '4/4'])).toBe("--shard: index i must be within [0, n − 1] (got '4/4')");
    expect(cliError(['--param-sets', '8', '--shard', '0/0'])).toBe("--shard: count n must be ≥ 1 (got '0/0')");
    expect(cliError(['--param-sets', '8', '--shard', '1'])).toBe("--shard: must look like i/n, e.g. 0/4 (got '1')");
    expect(cliError(['--param-sets', '3', '--shard', '0/4'])).toBe('--shard: 4 shards need at least 4 parameter sets (--param-sets is 3)');
    expect(cliError(['--csv', ''])).toBe('--csv: must name a file');
    expect(cliError(['--arrow', ''])).toBe('--arrow: must name a file');
    expect(parseSimArgs(['--param-sets', '4', '--shard', '3/4']).shard).toEqual({ index: 3, count: 4 });
  });
});

describe('parseMergeArgs', () => {
  it('takes shard files as positionals and at least one output', () => {
    expect(parseMergeArgs(['a.json', 'b.json', '--out', 'all.json', '--csv', 'all.csv'])).toEqual({
      shards: ['a.json', 'b.json'],
      out: 'all.json',
      csv: 'all.csv',
      arrow: undefined,
      help: false,
    });
    expect(() => parseMergeArgs(['--out', 'x.json'])).toThrow('name the shard files to merge');
    expect(() => parseMergeArgs(['a.json'])).toThrow('nothing to write: give --out, --csv or --arrow');
    expect(() => parseMergeArgs(['a.json', '--outt', 'x'])).toThrow(CliError);
    expect(parseMergeArgs(['--help']).help).toBe(true);
  });
});

describe('sim CLI', () => {
  it('exits 2 and names the bad fields of an invalid scenario', () => {
    const s = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { regions: { droughtProbability: number }[]; sites: { itLoadMW: number }[] };
    s.regions[1].droughtProbability = 1.5;
    s.sites[2].itLoadMW = -3;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(s));
    const r = sim('--scenario', file, '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${file}: 2 problems:`);
    expect(r.stderr).toContain('  regions[1].droughtProbability: must be within [0, 1]\n');
    expect(r.stderr).toContain('  sites[2].itLoadMW: must be > 0\n');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 on a missing scenario file and on a bad flag', () => {
    const missing = join(dir, 'missing.json');
    const r = sim('--scenario', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${missing}: file not found`);
    const flag = sim('--draws', '0');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('error: --draws: must be a whole number within [1, 16777216] (got 0)');
  });

  it("exits 2 on arguments beyond the engine's limits, before it runs or writes anything", () => {
    const out = join(dir, 'never.json');
    const draws = sim('--scenario', FIXTURE, '--backend', 'cpu', '--draws', '16777217', '--out', out);
    expect(draws.code).toBe(2);
    expect(draws.stderr).toContain('error: --draws: must be a whole number within [1, 16777216] (got 16777217)');
    const sets = sim('--scenario', FIXTURE, '--backend', 'cpu', '--param-sets', '4294967296', '--out', out);
    expect(sets.code).toBe(2);
    expect(sets.stderr).toContain('error: --param-sets: must be a whole number within [1, 1048576] (got 4294967296)');
    const backend = sim('--scenario', FIXTURE, '--backend', 'gpu', '--out', out);
    expect(backend.code).toBe(2);
    expect(backend.stderr).toContain("error: --backend: must be one of auto, webgpu, cpu (got 'gpu')");
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming an unknown --sample-series, with nothing run or written', () => {
    const out = join(dir, 'never-result.json');
    const samples = join(dir, 'never-samples.csv');
    const r = sim(
      '--scenario',
      FIXTURE,
      '--backend',
      'cpu',
      '--draws',
      '64',
      '--sample-series',
      'energyServedMWh,gridStress[west]',
      '--samples-csv',
      samples,
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /error: --sample-series: no series 'gridStress\[west\]' in this scenario \(known: energyDemandedMWh, .*\(\d+ more\)\)\n/,
    );
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(samples)).toBe(false);
  });

  it('exits 2 when the result would not fit (parameter sets × sites × years), naming the limit', () => {
    const s = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { endYear: number; sites: Record<string, unknown>[] };
    s.endYear = 2040; // 16 years
    s.sites = Array.from({ length: 4096 }, (_, i) => ({ ...s.sites[i % 3], id: `s${i}` }));
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(s));
    const out = join(dir, 'never-big.json');
    const r = sim('--scenario', file, '--backend', 'cpu', '--param-sets', '4097', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error: --param-sets: 4097 parameter sets × 4096 sites × 16 years is 268500992 site-years of results; one run holds at most 268435456',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('runs the fixture on the CPU and writes the result JSON', () => {
    const out = join(dir, 'result.json');
    const r = sim('--scenario', FIXTURE, '--backend', 'cpu', '--draws', '256', '--param-sets', '2', '--seed', '7', '--out', out);
    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('site-year samples/s');
    expect(existsSync(out)).toBe(true);
    const json = JSON.parse(readFileSync(out, 'utf8')) as ResultJson;
    expect(json.run).toMatchObject({ backend: 'cpu', seed: 7, draws: 256, paramSetCount: 2, firstParamSet: 0 });
    expect(json.paramSets).toHaveLength(2);
    const set0 = json.paramSets[0] as ResultJson['paramSets'][number];
    for (const key of ['energyDemandedMWh', 'energyServedMWh', 'curtailedMWh', 'waterUsedML', 'waterShortfallML', 'computeLostMWh']) {
      expect(set0.series[key]?.mean).toBeTypeOf('number');
    }
    expect(Object.keys(set0.sites)).toEqual(['n-alpha', 'n-beta', 's-gamma']);
    expect(set0.sites['s-gamma']?.missProbability).toHaveLength(6);
    expect(set0.regions.north?.curtailProbability).toHaveLength(6);
    // What breaks first, in the file and on stdout: every year, causes summing to the shortfall.
    expect(set0.attribution).toHaveLength(6);
    for (const y of set0.attribution ?? []) {
      const parts = y.causes.reduce((a, c) => a + c.meanMW, 0);
      expect(Math.abs(parts - y.shortfallMW.mean)).toBeLessThan(1e-4 * Math.max(1, y.plannedMW));
    }
    expect(r.stdout).toMatch(/what breaks first[\s\S]*2030 +[\d,.]+ MW +short/);
  });
});

describe('site files and raw samples (CLI, CPU)', () => {
  const header = 'id,name,lat,lon,region,status,itLoadMW,plannedYear,cooling';

  it('exits 2 and names the row, column and reason of every bad value in a site file', () => {
    const file = join(dir, 'bad-sites.csv');
    writeFileSync(file, `${header}\nx1,One,51.5,-0.1,north,planned,100,2027,air\nx2,Two,200,-0.1,north,planned,-5,2027,air\n`);
    const r = sim('--scenario', FIXTURE, '--sites', file, '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 3, column lat: must be within [-90, 90] degrees');
    expect(r.stderr).toContain('row 3, column itLoadMW: must be > 0');
    expect(r.stdout).toBe('');
  });

  it('appends a good site file and writes raw samples of the chosen set', () => {
    const file = join(dir, 'good-sites.csv');
    writeFileSync(file, `${header}\nx1,One,51.5,-0.1,north,planned,100,2027,air\n`);
    const out = join(dir, 'with-sites.json');
    const samples = join(dir, 'samples.csv');
    const r = sim(
      '--scenario',
      FIXTURE,
      '--sites',
      file,
      '--sites-mode',
      'append',
      '--backend',
      'cpu',
      '--draws',
      '300',
      '--param-sets',
      '2',
      '--sample-set',
      '1',
      '--samples-csv',
      samples,
      '--out',
      out,
    );
    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(json.paramSets[0].sites)).toEqual(['n-alpha', 'n-beta', 's-gamma', 'x1']);
    const rows = readFileSync(samples, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('draw,energyDemandedMWh,energyServedMWh,curtailedMWh,waterUsedML,waterShortfallML,computeLostMWh');
    expect(rows).toHaveLength(301);
    // The raw samples are parameter set 1's own draws: their mean is its mean.
    const served = rows.slice(1).map((row) => Number(row.split(',')[2]));
    const mean = served.reduce((a, b) => a + b, 0) / served.length;
    expect(Math.abs(mean - json.paramSets[1].series.energyServedMWh.mean)).toBeLessThan(1e-5 * mean);
  });
});

describe('sweeps, shards and merge (CLI, CPU)', () => {
  const common = [
    '--scenario',
    FIXTURE,
    '--backend',
    'cpu',
    '--workers',
    '2',
    '--draws',
    '128',
    '--param-sets',
    '5',
    '--design',
    'lhs',
    '--seed',
    '3',
  ];
  const file = (name: string) => join(dir, name);
  const readJson = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as ResultJson & { ensemble: { shard: unknown } };

  it('two shards merged equal the unsharded run: JSON, CSV and Arrow', () => {
    const whole = sim(...common, '--out', file('whole.json'), '--csv', file('whole.csv'), '--arrow', file('whole.arrow'));
    expect(whole.stderr).not.toContain('error:');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('design:     lhs');
    for (const i of [0, 1]) {
      const r = sim(...common, '--shard', `${i}/2`, '--out', file(`shard-${i}.json`));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(i === 0 ? 'shard 0/2: sets 0–1 of 5' : 'shard 1/2: sets 2–4 of 5');
    }
    const m = merge(
      file('shard-1.json'),
      file('shard-0.json'),
      '--out',
      file('merged.json'),
      '--csv',
      file('merged.csv'),
      '--arrow',
      file('merged.arrow'),
    );
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('merged 2 shards: 5 parameter sets × 128 draws, lhs design, seed 3');
    expect(readJson('merged.json').paramSets).toEqual(readJson('whole.json').paramSets);
    expect(readJson('shard-1.json').ensemble.shard).toEqual({ index: 1, count: 2 });
    expect(readFileSync(file('merged.csv'), 'utf8')).toBe(readFileSync(file('whole.csv'), 'utf8'));
    expect(readFileSync(file('merged.arrow'))).toEqual(readFileSync(file('whole.arrow')));

    // The table: one row per set, knobs then each headline metric's five statistics.
    const csv = Papa.parse<Record<string, number>>(readFileSync(file('whole.csv'), 'utf8'), {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: true,
    });
    expect(csv.data).toHaveLength(5);
    expect(csv.meta.fields?.slice(0, 3)).toEqual(['paramSet', 'demandGrowthPctPerYear', 'gridBuildoutScale']);
    expect(csv.meta.fields).toContain('curtailedMWh_pExceed');
    const years = readJson('whole.json').years;
    // paramSet, the knobs, 6 headline metrics × 5 stats, then per year: shortfall mean/se/P5/P50/P95,
    // P(exceed), one mean per cause and the idle facility capital (the fixture prices no grid).
    expect(csv.meta.fields).toHaveLength(1 + KNOB_NAMES.length + 6 * 5 + years.length * (5 + 1 + CAUSES.length + 1));
    expect(csv.meta.fields).toContain(`shortfallMW[gridQueue][${years.at(-1)}]_mean`);
    const set3 = readJson('whole.json').paramSets[3] as ResultJson['paramSets'][number];
    expect(csv.data[3]?.energyServedMWh_p95).toBe(set3.series.energyServedMWh?.p95);
    expect(csv.data[3]?.gridBuildoutScale).toBe(set3.knobs.gridBuildoutScale);
    const table = tableFromIPC(readFileSync(file('whole.arrow')));
    expect(table.numRows).toBe(5);
    expect(table.schema.fields.map((f) => f.name)).toEqual(csv.meta.fields);
    expect(table.getChild('energyServedMWh_p95')?.get(3)).toBe(set3.series.energyServedMWh?.p95);
  });

  it('merge exits 2 with a clear message on a missing shard, a foreign file or an unreadable one', () => {
    const missing = merge(file('shard-0.json'), '--out', file('x.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: missing shard 1/2 (sets [2, 5)): give every shard of the run\n');
    const other = sim(...common.map((a) => (a === '3' ? '4' : a)), '--shard', '1/2', '--out', file('other-seed.json'));
    expect(other.code).toBe(0);
    const mixed = merge(file('shard-0.json'), file('other-seed.json'), '--out', file('x.json'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('other-seed.json: seed is 4 but');
    expect(merge(file('nope.json'), '--out', file('x.json')).stderr).toContain('nope.json: file not found');
    expect(merge('--out', file('x.json')).code).toBe(2);
    expect(existsSync(file('x.json'))).toBe(false);
  });
});

describe('resultToJson', () => {
  const parsed = parseScenario(readFileSync(FIXTURE, 'utf8'));
  if (!parsed.ok) throw new Error('fixture must parse');
  const scenario = parsed.scenario;
  // K = 2 parameter sets, 2 series, 3 sites, 2 regions, 2 years, 8 knobs.
  const result: RunResult = {
    backend: 'cpu',
    device: 'CPU, 1 worker',
    seed: 3,
    draws: 100,
    paramSetCount: 2,
    years: [2025, 2026],
    siteIds: ['n-alpha', 'n-beta', 's-gamma'],
    regionIds: ['north', 'south'],
    series: [
      { key: 'energyServedMWh', metric: 'energyServedMWh', unit: 'MWh', threshold: 0 },
      { key: 'gridStress[north]', metric: 'gridStress', unit: 'ratio', region: 'north', threshold: 1 },
    ],
    knobValues: Float32Array.from({ length: 2 * KNOB_NAMES.length }, (_, i) => i),
    summary: Float32Array.from({ length: 2 * 2 * 8 }, (_, i) => i),
    siteMissProbability: Float32Array.from({ length: 12 }, (_, i) => i / 16),
    siteCauseProbability: Float32Array.from({ length: 12 * CAUSES.length }, (_, i) => i / 1024),
    siteExpectedLoadMW: Float32Array.from({ length: 12 }, (_, i) => 100 + i),
    regionCurtailProbability: Float32Array.from({ length: 8 }, (_, i) => i / 8),
    regionShortfallMW: Float32Array.from({ length: 8 * CAUSES.length }, (_, i) => i),
    regionShortfallQuantilesMW: new Float32Array(0),
    elapsedMs: 12.5,
    siteYearSamplesPerSecond: 96000,
  };

  it('reads the flat arrays in K × series × 8 order', () => {
    expect(findSeries(result, 'gridStress[north]')?.index).toBe(1);
    expect(findSeries(result, 'nope')).toBeUndefined();
    // Set 1, series 1 starts at (1 × 2 + 1) × 8 = 24.
    expect(seriesSummary(result, 1, 1)).toMatchObject({ mean: 24, sd: 25, se: 2.5, p5: 26, p50: 27, p95: 28, pExceed: 29 });
    expect(() => seriesSummary(result, 2, 0)).toThrow(RangeError);
  });

  it('builds per-parameter-set knobs, series, sites and regions', () => {
    const json = resultToJson(result, scenario);
    expect(json.run).toEqual({
      backend: 'cpu',
      device: 'CPU, 1 worker',
      seed: 3,
      draws: 100,
      paramSetCount: 2,
      firstParamSet: 0,
      elapsedMs: 12.5,
      siteYearSamplesPerSecond: 96000,
    });
    expect(json.knobNames).toHaveLength(KNOB_NAMES.length);
    const set1 = json.paramSets[1] as ResultJson['paramSets'][number];
    expect(set1.knobs.demandGrowthPctPerYear).toBe(KNOB_NAMES.length);
    expect(set1.series.energyServedMWh).toEqual({
      mean: 16,
      sd: 17,
      se: 1.7,
      p5: 18,
      p50: 19,
      p95: 20,
      pExceed: 21,
      outOfRangeFraction: 22,
      threshold: 0,
      unit: 'MWh',
    });
    // Set 1, site 2: offset (1 × 3 + 2) × 2 = 10.
    expect(set1.sites['s-gamma']).toMatchObject({ missProbability: [10 / 16, 11 / 16], expectedLoadMW: [110, 111] });
    // Set 1, site 2, year 1, cause gridQueue: ((1 × 3 + 2) × 2 + 1) × causes + its index.
    const C = CAUSES.length;
    expect(set1.sites['s-gamma']?.causeProbability.gridQueue[1]).toBe((11 * C + CAUSES.indexOf('gridQueue')) / 1024);
    expect(set1.regions.south).toMatchObject({ curtailProbability: [6 / 8, 7 / 8] });
    // Set 1, region 1, year 0, cause cyber: ((1 × 2 + 1) × 2 + 0) × causes + its index.
    expect(set1.regions.south?.shortfallMWByCause.cyber[0]).toBe(6 * C + CAUSES.indexOf('cyber'));
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
