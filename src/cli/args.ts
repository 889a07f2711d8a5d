// Command-line parsing for `npm run sim`, kept free of I/O so it can be unit-tested.
import { parseArgs } from 'node:util';
import type { BackendChoice } from '../engine/types';

export const DEFAULT_SCENARIO = 'public/data/scenarios/global-2030.json';

export interface SimArgs {
  scenario: string;
  paramSets: number;
  draws: number;
  seed: number;
  backend: BackendChoice;
  /** Where to write the result JSON; nothing is written when absent. */
  out: string | undefined;
  workers: number | undefined;
  /** Common random numbers across parameter sets. */
  crn: boolean;
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
  --param-sets K      parameter sets, K ≥ 1 (default 1; set 0 uses the scenario's knob values)
  --draws N           Monte Carlo draws per parameter set, N ≥ 1 (default 4096)
  --seed S            32-bit unsigned seed (default 1)
  --backend B         auto | cpu | webgpu (default auto)
  --workers W         CPU worker threads (default: all cores)
  --crn               common random numbers across parameter sets
  --out FILE          write the full result as JSON
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
        draws: { type: 'string' },
        seed: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        workers: { type: 'string' },
        crn: { type: 'boolean' },
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
  if (values.out === '') throw new CliError('--out must name a file');
  return {
    scenario,
    paramSets: positiveInt('param-sets', values['param-sets'], 1),
    draws: positiveInt('draws', values.draws, 4096),
    seed: uint32('seed', values.seed, 1),
    backend,
    out: values.out,
    workers: values.workers === undefined ? undefined : positiveInt('workers', values.workers, 1),
    crn: values.crn ?? false,
    help: values.help ?? false,
  };
}
