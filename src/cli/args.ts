// Command-line parsing for `npm run sim`, kept free of I/O so it can be unit-tested.
import { parseArgs } from 'node:util';
import { DESIGNS, type DesignKind } from '../engine/paramSets';
import type { BackendChoice } from '../engine/types';
import { parseShard, ShardError, type ShardSpec } from '../ensemble/shards';

export const DEFAULT_SCENARIO = 'public/data/scenarios/global-2030.json';

export interface SimArgs {
  scenario: string;
  paramSets: number;
  /** How the K parameter sets spread over the scenario's knob ranges. */
  design: DesignKind;
  /** Run only this shard's contiguous slice of the K sets. */
  shard: ShardSpec | undefined;
  draws: number;
  seed: number;
  backend: BackendChoice;
  /** Where to write the result JSON; nothing is written when absent. */
  out: string | undefined;
  /** One row per parameter set: knobs, then headline metrics' mean, P5, P50, P95, P(exceed). */
  csv: string | undefined;
  /** The same table as Apache Arrow IPC. */
  arrow: string | undefined;
  workers: number | undefined;
  /** Common random numbers across parameter sets. */
  crn: boolean;
  /** A CSV or GeoJSON site list that replaces (or is appended to) the scenario's sites. */
  sites: string | undefined;
  sitesMode: 'replace' | 'append';
  /** Raw samples: every draw of chosen series for one parameter set, as CSV and/or Arrow. */
  samplesCsv: string | undefined;
  samplesArrow: string | undefined;
  sampleSet: number;
  /** Series keys for raw samples; undefined: the six headline totals. */
  sampleSeries: string[] | undefined;
  help: boolean;
}

/** Bad command-line input: the CLI prints the message and exits 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const USAGE = `usage: npm run sim -- [options]
  --scenario FILE     scenario JSON (default ${DEFAULT_SCENARIO})
  --param-sets K      parameter sets, K ≥ 1 (default 1), spread over the scenario's knob ranges
  --design D          random | sobol | lhs (default random; only random keeps set 0 at the
                      scenario's own knob values)
  --shard i/n         run only shard i (0 … n−1) of n: sets [⌊iK/n⌋, ⌊(i+1)K/n⌋); merge the
                      shards' --out files with npm run merge
  --draws N           Monte Carlo draws per parameter set, N ≥ 1 (default 4096)
  --seed S            32-bit unsigned seed (default 1)
  --backend B         auto | cpu | webgpu (default auto)
  --workers W         CPU worker threads (default: all cores)
  --crn               common random numbers across parameter sets
  --out FILE          write the full result as JSON
  --csv FILE          write one row per parameter set (knobs, headline metrics) as CSV
  --arrow FILE        write the same table as Apache Arrow IPC
  --sites FILE        a CSV or GeoJSON site list (columns as public/data/sites.csv); bad
                      values are reported by row and column
  --sites-mode M      replace | append the scenario's sites (default replace)
  --samples-csv FILE  write every draw of one parameter set (raw samples, for audits) as CSV
  --samples-arrow FILE  the same as Apache Arrow IPC
  --sample-set P      which parameter set the raw samples are of (default 0)
  --sample-series K   comma-separated series keys (default: the six headline totals)
  -h, --help          show this help`;

const BACKENDS: readonly BackendChoice[] = ['auto', 'cpu', 'webgpu'];

// Number() accepts '', '1e3', '0x10' and whitespace; a flag value should be plain digits.
function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`--${flag} must be a whole number ≥ 1 (got '${text}')`);
  return n;
}

function uint32(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new CliError(`--${flag} must be a whole number within [0, 4294967295] (got '${text}')`);
  }
  return n;
}

/** Parses the arguments after the script name (process.argv.slice(2)). Throws CliError. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        'param-sets': { type: 'string' },
        design: { type: 'string' },
        shard: { type: 'string' },
        csv: { type: 'string' },
        arrow: { type: 'string' },
        draws: { type: 'string' },
        seed: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        workers: { type: 'string' },
        crn: { type: 'boolean' },
        sites: { type: 'string' },
        'sites-mode': { type: 'string' },
        'samples-csv': { type: 'string' },
        'samples-arrow': { type: 'string' },
        'sample-set': { type: 'string' },
        'sample-series': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    // node:util's messages name the flag but also suggest `--` forms meant for its own users.
    const msg = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new CliError(msg);
  }
  const backend = BACKENDS.find((b) => b === (values.backend ?? 'auto'));
  if (backend === undefined) {
    throw new CliError(`--backend must be one of ${BACKENDS.join(', ')} (got '${values.backend}')`);
  }
  const scenario = values.scenario ?? DEFAULT_SCENARIO;
  if (scenario === '') throw new CliError('--scenario must name a file');
  for (const flag of ['out', 'csv', 'arrow', 'sites', 'samples-csv', 'samples-arrow'] as const) {
    if (values[flag] === '') throw new CliError(`--${flag} must name a file`);
  }
  const sitesMode = values['sites-mode'] ?? 'replace';
  if (sitesMode !== 'replace' && sitesMode !== 'append') throw new CliError(`--sites-mode must be replace or append (got '${sitesMode}')`);
  const design = DESIGNS.find((d) => d === (values.design ?? 'random'));
  if (design === undefined) throw new CliError(`--design must be one of ${DESIGNS.join(', ')} (got '${values.design}')`);
  const paramSets = positiveInt('param-sets', values['param-sets'], 1);
  let shard: ShardSpec | undefined;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard);
    } catch (e) {
      throw e instanceof ShardError ? new CliError(`--${e.message}`) : e;
    }
    if (shard.count > paramSets) {
      throw new CliError(`--shard ${values.shard}: ${shard.count} shards need at least ${shard.count} parameter sets (--param-sets is ${paramSets})`);
    }
  }
  const sampleSet = values['sample-set'] === undefined ? 0 : uint32('sample-set', values['sample-set'], 0);
  if (sampleSet >= paramSets) throw new CliError(`--sample-set must be below --param-sets (${paramSets}); got ${sampleSet}`);
  const sampleSeries = values['sample-series']?.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (sampleSeries?.length === 0) throw new CliError('--sample-series must name at least one series key');
  return {
    scenario,
    paramSets,
    design,
    shard,
    draws: positiveInt('draws', values.draws, 4096),
    seed: uint32('seed', values.seed, 1),
    backend,
    out: values.out,
    csv: values.csv,
    arrow: values.arrow,
    workers: values.workers === undefined ? undefined : positiveInt('workers', values.workers, 1),
    crn: values.crn ?? false,
    sites: values.sites,
    sitesMode,
    samplesCsv: values['samples-csv'],
    samplesArrow: values['samples-arrow'],
    sampleSet,
    sampleSeries,
    help: values.help ?? false,
  };
}

export interface MergeArgs {
  shards: string[];
  out: string | undefined;
  csv: string | undefined;
  arrow: string | undefined;
  help: boolean;
}

export const MERGE_USAGE = `usage: npm run merge -- SHARD.json … [--out FILE] [--csv FILE] [--arrow FILE]
  SHARD.json          every shard's --out file of one sharded run (any order)
  --out FILE          write the merged result as JSON (the same as the unsharded run's)
  --csv FILE          write one row per parameter set as CSV
  --arrow FILE        write the same table as Apache Arrow IPC
  -h, --help          show this help`;

/** Parses `npm run merge` arguments. Throws CliError. */
export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { out: { type: 'string' }, csv: { type: 'string' }, arrow: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  for (const flag of ['out', 'csv', 'arrow'] as const) if (values[flag] === '') throw new CliError(`--${flag} must name a file`);
  if (!help && positionals.length === 0) throw new CliError('name the shard files to merge');
  if (!help && !values.out && !values.csv && !values.arrow) throw new CliError('nothing to write: give --out, --csv or --arrow');
  return { shards: positionals, out: values.out, csv: values.csv, arrow: values.arrow, help };
}
