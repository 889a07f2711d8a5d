// `npm run sim`: runs a scenario headless (Dawn WebGPU or the CPU backend) and writes the result.
// Exit codes: 0 done, 1 engine or output failure, 2 bad arguments or scenario, 130 interrupted.
import { findSeries, resultToJson, seriesSummary } from '../engine/resultJson';
import {
  RunAbortedError,
  type Engine,
  type ParamSetDesign,
  type RunOptions,
  type RunProgress,
  type RunResult,
  type SampleOptions,
} from '../engine/types';
import { ensembleMeta, shardRange, ShardError } from '../analysis/shards';
import { SensitivityError } from '../analysis/sensitivityRun';
import { checkRunOptions, checkRunSize, checkSampleOptions, RunOptionError } from '../engine/options';
import { CAUSE_LABELS, shortfallByYear } from '../engine/attribution';
import { HEADLINE_KEYS } from '../engine/series';
import { loadScenarioFile, ScenarioError } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { cliChecked, CliError, parseSimArgs, USAGE, type SimArgs } from './args';
import { OutputError, writeOutputs, writeSamples } from './outputs';
import { SiteFileError, withSiteFile } from './siteFile';

/** Runs shorter than this print no progress at all. */
const QUIET_MS = 1000;

const errorLine = (message: string) => process.stderr.write(`error: ${message}\n`);

/** Bad arguments or input (exit 2), as opposed to an engine failure (exit 1). */
function isUsageError(e: unknown): e is Error {
  return (
    e instanceof CliError ||
    e instanceof RunOptionError ||
    e instanceof ScenarioError ||
    e instanceof SiteFileError ||
    e instanceof SensitivityError ||
    e instanceof ShardError
  );
}
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const fmt = (v: number) => (Number.isFinite(v) ? num.format(v) : 'n/a');

function progressReporter(stream: NodeJS.WriteStream): { onProgress: (p: RunProgress) => void; done: () => void } {
  const tty = stream.isTTY === true;
  let nextTenth = 1;
  let lastWrite = 0;
  let shown = false;
  const onProgress = (p: RunProgress) => {
    if (p.elapsedMs < QUIET_MS) return;
    const eta = p.fraction > 0 ? (p.elapsedMs * (1 - p.fraction)) / p.fraction / 1000 : NaN;
    const line =
      `${(p.fraction * 100).toFixed(0).padStart(3)}%  ${fmt(p.doneDraws)} / ${fmt(p.totalDraws)} draws` +
      `  ${(p.elapsedMs / 1000).toFixed(1)} s${Number.isFinite(eta) && p.fraction < 1 ? `, ~${eta.toFixed(0)} s left` : ''}`;
    if (tty) {
      // Redrawing faster than the eye can read only costs time on slow terminals.
      if (p.elapsedMs - lastWrite < 100 && p.fraction < 1) return;
      lastWrite = p.elapsedMs;
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    } else if (p.fraction * 10 >= nextTenth) {
      stream.write(`${line}\n`);
      nextTenth = Math.floor(p.fraction * 10) + 1;
    }
  };
  return { onProgress, done: () => void (tty && shown && stream.write('\r\x1b[K')) };
}

function summaryText(result: RunResult, scenario: Scenario, args: SimArgs, written: string[]): string {
  const first = result.firstParamSet ?? 0;
  const slice = args.shard
    ? `, shard ${args.shard.index}/${args.shard.count}: sets ${first}–${first + result.paramSetCount - 1} of ${args.paramSets}`
    : '';
  const lines = [
    `scenario:   ${scenario.name} (${scenario.startYear}–${scenario.endYear}, ${result.siteIds.length} sites, ${result.regionIds.length} regions)`,
    `backend:    ${result.backend} (${result.device})`,
    `run:        ${result.paramSetCount} parameter set${result.paramSetCount === 1 ? '' : 's'} × ${result.draws} draws, seed ${result.seed}${args.crn ? ', common random numbers' : ''}`,
    `design:     ${args.design}${slice}`,
    `time:       ${(result.elapsedMs / 1000).toFixed(2)} s, ${fmt(result.siteYearSamplesPerSecond)} site-year samples/s`,
    `parameter set ${first}, mean [P5–P95]:`,
  ];
  const width = Math.max(...HEADLINE_KEYS.map((k) => k.length));
  for (const key of HEADLINE_KEYS) {
    const found = findSeries(result, key);
    if (!found) {
      lines.push(`  ${key.padEnd(width)}  (not in result)`);
      continue;
    }
    const s = seriesSummary(result, 0, found.index);
    lines.push(`  ${key.padEnd(width)}  ${fmt(s.mean)} [${fmt(s.p5)}–${fmt(s.p95)}] ${found.info.unit}`);
  }
  lines.push(...breaksFirstLines(result, scenario, first));
  for (const file of written) lines.push(`wrote ${file}`);
  return `${lines.join('\n')}\n`;
}

/** What breaks first, year by year: planned, not delivered P50 [P5–P95], the two main causes. */
function breaksFirstLines(result: RunResult, scenario: Scenario, first: number): string[] {
  const lines = [`what breaks first (set ${first}): planned IT MW, not delivered P50 [P5–P95], P(> threshold), main causes:`];
  for (const y of shortfallByYear(scenario, result, 0)) {
    if (y.plannedMW <= 0) {
      lines.push(`  ${y.year}  nothing planned`);
      continue;
    }
    const causes = y.causes
      .filter((c) => c.shareOfShortfall >= 0.05)
      .slice(0, 2)
      .map((c) => `${CAUSE_LABELS[c.cause].toLowerCase()} ${(100 * c.shareOfShortfall).toFixed(0)}%`);
    const s = y.shortfallMW;
    lines.push(
      `  ${y.year}  ${fmt(y.plannedMW)} MW  short ${fmt(s.p50)} [${fmt(s.p5)}–${fmt(s.p95)}] MW  ` +
        `P(>${(100 * y.threshold).toFixed(0)}%) ${(100 * y.pExceed).toFixed(0)}%  ${causes.join(', ') || 'no shortfall'}  ` +
        `capex idle US$${fmt(y.facilityCapexUSD / 1e6)} M`,
    );
  }
  return lines;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    errorLine(`${e.message}\n(npm run sim -- --help for usage)`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let scenario: Scenario;
  try {
    scenario = await loadScenarioFile(args.scenario);
    if (args.sites) scenario = await withSiteFile(scenario, args.sites, args.sitesMode);
  } catch (e) {
    if (!(e instanceof ScenarioError) && !(e instanceof SiteFileError)) throw e;
    errorLine(e.message);
    return 2;
  }

  // Every option as the engine will see it, checked by the engine's own rules against this
  // scenario (result size, sample set, series names) before the engine starts or a file is written.
  const paramSets: ParamSetDesign = { count: args.paramSets, design: args.design };
  let runOptions: RunOptions;
  let sampleOptions: SampleOptions | undefined;
  try {
    runOptions = {
      paramSets,
      paramSetRange: args.shard ? shardRange(args.shard, args.paramSets) : undefined,
      draws: args.draws,
      seed: args.seed,
      commonRandomNumbers: args.crn,
      shortfallThreshold: args.shortfallThreshold,
      histograms: false,
    };
    const checked = cliChecked(() => checkRunOptions(runOptions));
    cliChecked(() => checkRunSize(scenario, checked, args.shard ? 'paramSetRange.count' : 'paramSets'));
    if (args.samplesCsv || args.samplesArrow || args.sampleSeries || args.sampleSet !== 0) {
      const asked: SampleOptions = {
        paramSets,
        draws: args.draws,
        seed: args.seed,
        commonRandomNumbers: args.crn,
        paramSet: args.sampleSet,
        series: args.sampleSeries,
      };
      cliChecked(() => checkSampleOptions(scenario, asked));
      sampleOptions = asked;
    }
  } catch (e) {
    if (!isUsageError(e)) throw e;
    errorLine(`${e.message}\n(npm run sim -- --help for usage)`);
    return 2;
  }

  let engine: Engine;
  try {
    // Loaded only now so argument and scenario errors never wait for (or trip over) Dawn.
    const { createEngine } = await import('../createEngine');
    engine = await createEngine({
      backend: args.backend,
      workers: args.workers,
      onFallback: (reason: string) => process.stderr.write(`warning: falling back to the CPU: ${reason}\n`),
    });
  } catch (e) {
    errorLine(`could not start the ${args.backend} engine: ${messageOf(e)}`);
    return 1;
  }

  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const progress = progressReporter(process.stderr);
  try {
    const result = await engine.run(scenario, { ...runOptions, onProgress: progress.onProgress, signal: abort.signal });
    progress.done();
    let written: string[];
    try {
      const ensemble = await ensembleMeta(scenario, { paramSets, commonRandomNumbers: args.crn, shard: args.shard });
      written = await writeOutputs({ ...resultToJson(result, scenario), ensemble }, args);
      if (sampleOptions && (args.samplesCsv || args.samplesArrow)) {
        const samples = await engine.samples(scenario, { ...sampleOptions, signal: abort.signal });
        written.push(...(await writeSamples(samples, args)));
      }
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      errorLine(e.message);
      return 1;
    }
    process.stdout.write(summaryText(result, scenario, args, written));
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof RunAbortedError) {
      errorLine('interrupted');
      return 130;
    }
    // The engine's own checks, should one be reached here: still bad input, not an engine failure.
    if (isUsageError(e)) {
      errorLine(e.message);
      return 2;
    }
    errorLine(`run failed: ${messageOf(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    await engine.dispose().catch((e: unknown) => process.stderr.write(`warning: dispose failed: ${messageOf(e)}\n`));
  }
}

// Dawn's threads keep Node alive after dispose(), so the exit is explicit.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    errorLine(`unexpected: ${messageOf(e)}`);
    process.exit(1);
  },
);
