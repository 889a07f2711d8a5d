// Command-line parsing for `npm run sim`, kept free of I/O so it can be unit-tested. The rules
// of every engine option (limits, choices, defaults) are the engine's (src/engine/options.ts):
// this file only turns text into values and names the flag when the engine refuses one.
import { parseArgs } from 'node:util';
import {
  checkBackendChoice,
  checkDraws,
  checkParamSetIndex,
  checkParamSets,
  checkSeed,
  checkShortfallThreshold,
  checkWorkers,
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  echo,
  MAX_DRAWS,
  MAX_PARAM_SETS,
  RunOptionError,
  type DesignKind,
} from '../engine/options';
import type { BackendChoice } from '../engine/types';
import { parseShard, ShardError, type ShardSpec } from '../analysis/shards';
import { ECHO_MAX_CHARS, echo as echoText } from '../scenario/echo';

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
  /** Share of a year's planned IT load whose loss counts as exceeding (P(shortfall > share)). */
  shortfallThreshold: number;
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

/** The flag that sets each engine option (paths as RunOptionError names them). */
const FLAG_OF: Record<string, string> = {
  draws: '--draws',
  seed: '--seed',
  paramSets: '--param-sets',
  'paramSets.count': '--param-sets',
  'paramSets.design': '--design',
  paramSetRange: '--shard',
  'paramSetRange.count': '--param-sets',
  backend: '--backend',
  workers: '--workers',
  shortfallThreshold: '--shortfall-threshold',
  paramSet: '--sample-set',
  series: '--sample-series',
};

/** The flag behind an engine option path ('series[2]' → '--sample-series'), else the path itself. */
export function flagOf(path: string): string {
  return FLAG_OF[path] ?? FLAG_OF[path.replace(/\[\d+\]/g, '')] ?? path;
}

/** Runs an engine check on command-line values; a refusal becomes a CliError naming the flag. */
export function cliChecked<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof RunOptionError) throw new CliError(`${flagOf(e.path)}: ${e.reason}`);
    throw e;
  }
}

export const USAGE = `usage: npm run sim -- [options]
  --scenario FILE     scenario JSON (default ${DEFAULT_SCENARIO})
  --param-sets K      parameter sets, 1 ≤ K ≤ ${MAX_PARAM_SETS} (default 1), spread over the scenario's
                      knob ranges
  --design D          random | sobol | lhs (default random; only random keeps set 0 at the
                      scenario's own knob values)
  --shard i/n         run only shard i (0 … n−1) of n: sets [⌊iK/n⌋, ⌊(i+1)K/n⌋); merge the
                      shards' --out files with npm run merge
  --draws N           Monte Carlo draws per parameter set, 1 ≤ N ≤ ${MAX_DRAWS} (default ${DEFAULT_DRAWS})
  --seed S            32-bit unsigned seed (default ${DEFAULT_SEED})
  --backend B         auto | cpu | webgpu (default auto)
  --workers W         CPU worker threads (default: all cores)
  --crn               common random numbers across parameter sets
  --shortfall-threshold F  report P(more than F of a year's planned IT load is not delivered),
                      0 ≤ F ≤ 1 (default 0.1)
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

/**
 * node:util's message for an unknown flag or a stray argument, with what was typed cut short and
 * its control characters escaped (a 1 MB or an ANSI-escaped flag must not reach the terminal as
 * it is), and without the tip on `--` forms that node writes for its own users.
 */
function parseArgsMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const head = msg.replace(/\. To specify a positional argument.*$/s, '');
  // What was typed stands between the first and last quote: "Unknown option '--drawz'".
  const m = /^([^']*)'(.*)'([^']*)$/s.exec(head);
  return m ? `${m[1]}'${echoText(m[2] ?? '')}'${m[3]}` : echoText(head, 2 * ECHO_MAX_CHARS);
}

/**
 * A flag's number: plain digits only (Number() would take '', '1e3', '0x10' and whitespace).
 * Anything else stays text, so the engine's check refuses it and echoes what was typed.
 */
const numberOf = (text: string | undefined): number | string | undefined =>
  text !== undefined && /^\d+$/.test(text) ? Number(text) : text;

/** A share such as 0.1 or .25 (decimal digits only); anything else stays text for the check to echo. */
const shareOf = (text: string | undefined): number | string | undefined =>
  text !== undefined && /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : text;

/** Parses the arguments after the script name (process.argv.slice(2)). Throws CliError. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs call assigned in the try block
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
        'shortfall-threshold': { type: 'string' },
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
    throw new CliError(parseArgsMessage(e));
  }
  const backend = cliChecked(() => checkBackendChoice(values.backend));
  const scenario = values.scenario ?? DEFAULT_SCENARIO;
  if (scenario === '') throw new CliError('--scenario: must name a file');
  for (const flag of ['out', 'csv', 'arrow', 'sites', 'samples-csv', 'samples-arrow'] as const) {
    if (values[flag] === '') throw new CliError(`--${flag}: must name a file`);
  }
  const sitesMode = values['sites-mode'] ?? 'replace';
  if (sitesMode !== 'replace' && sitesMode !== 'append')
    throw new CliError(`--sites-mode: must be replace or append (got ${echo(sitesMode)})`);
  // Refused here, before anything is read or allocated: a count beyond the engine's limit says so.
  const spec = cliChecked(() => checkParamSets({ count: numberOf(values['param-sets'] ?? '1'), design: values.design ?? 'random' }));
  const paramSets = spec.count;
  const design = spec.kind === 'design' ? spec.design : 'random';
  let shard: ShardSpec | undefined;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard);
    } catch (e) {
      throw e instanceof ShardError ? new CliError(`--shard: ${e.message.replace(/^shard /, '')}`) : e;
    }
    if (shard.count > paramSets) {
      throw new CliError(`--shard: ${shard.count} shards need at least ${shard.count} parameter sets (--param-sets is ${paramSets})`);
    }
  }
  const sampleSet = cliChecked(() => checkParamSetIndex(numberOf(values['sample-set']), paramSets));
  const sampleSeries = values['sample-series']
    ?.split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  // The names are checked against the scenario's series once it is loaded (sim.ts).
  if (sampleSeries?.length === 0) throw new CliError('--sample-series: must name at least one series key');
  return {
    scenario,
    paramSets,
    design,
    shard,
    draws: cliChecked(() => checkDraws(numberOf(values.draws))),
    seed: cliChecked(() => checkSeed(numberOf(values.seed))),
    backend,
    out: values.out,
    csv: values.csv,
    arrow: values.arrow,
    workers: cliChecked(() => checkWorkers(numberOf(values.workers))),
    crn: values.crn ?? false,
    shortfallThreshold: cliChecked(() => checkShortfallThreshold(shareOf(values['shortfall-threshold']))),
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
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs call assigned in the try block
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { out: { type: 'string' }, csv: { type: 'string' }, arrow: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new CliError(parseArgsMessage(e));
  }
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  for (const flag of ['out', 'csv', 'arrow'] as const) if (values[flag] === '') throw new CliError(`--${flag}: must name a file`);
  if (!help && positionals.length === 0) throw new CliError('name the shard files to merge');
  if (!help && !values.out && !values.csv && !values.arrow) throw new CliError('nothing to write: give --out, --csv or --arrow');
  return { shards: positionals, out: values.out, csv: values.csv, arrow: values.arrow, help };
}
