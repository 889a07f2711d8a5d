// `npm run sim`: runs a scenario headless (Dawn WebGPU or the CPU backend) and writes the result.
// Exit codes: 0 done, 1 engine or output failure, 2 bad arguments or scenario, 130 interrupted
// (Ctrl-C or SIGTERM). Every argument, the scenario and every output path are checked before the
// engine starts; the outputs appear together at the end, or not at all (atomicWrite.ts).
import { resultToJson } from '../engine/resultJson';
import { RunAbortedError, type Engine, type ParamSetDesign, type RunOptions, type RunResult, type SampleOptions } from '../engine/types';
import { ensembleMeta, sealResult, shardRange, ShardError } from '../analysis/shards';
import { SensitivityError } from '../analysis/sensitivityRun';
import { checkRunOptions, checkRunSize, checkSampleOptions, RunOptionError } from '../engine/options';
import { ScenarioError } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { cliChecked, CliError, parseSimArgs, USAGE, type SimArgs } from './args';
import { EXIT_INTERRUPTED, exitWhenFlushed, stopOnSignals } from './lifecycle';
import { OutputBatch, OutputError, outputTargets, writeOutputs, writeSamples } from './outputs';
import { readScenarioFile, SiteFileError, withSiteFile } from './siteFile';
import { progressReporter, summaryText } from './summary';
import { checkOutputTargets } from './targets';

const errorLine = (message: string) => process.stderr.write(`error: ${message}\n`);
const usageLine = (message: string) => errorLine(`${message}\n(npm run sim -- --help for usage)`);

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

/** A run whose every input has been checked. */
interface Prepared {
  args: SimArgs;
  scenario: Scenario;
  runOptions: RunOptions;
  /** Set when raw samples (or sample options) were asked for. */
  sampleOptions: SampleOptions | undefined;
}

async function loadScenario(args: SimArgs): Promise<Scenario> {
  const scenario = await readScenarioFile(args.scenario);
  return args.sites ? withSiteFile(scenario, args.sites, args.sitesMode) : scenario;
}

/**
 * Every option as the engine will see it, checked by the engine's own rules against this scenario
 * (result size, sample set, series names), so nothing is refused after the run.
 */
function checkedOptions(args: SimArgs, scenario: Scenario): Pick<Prepared, 'runOptions' | 'sampleOptions'> {
  const paramSets: ParamSetDesign = { count: args.paramSets, design: args.design };
  const runOptions: RunOptions = {
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
  if (!(args.samplesCsv || args.samplesArrow || args.sampleSeries || args.sampleSet !== 0)) return { runOptions, sampleOptions: undefined };
  const sampleOptions: SampleOptions = {
    paramSets,
    draws: args.draws,
    seed: args.seed,
    commonRandomNumbers: args.crn,
    paramSet: args.sampleSet,
    series: args.sampleSeries,
  };
  cliChecked(() => checkSampleOptions(scenario, sampleOptions));
  return { runOptions, sampleOptions };
}

/** Parses and checks everything; an exit code instead when the run should not start. */
async function prepare(argv: readonly string[]): Promise<Prepared | number> {
  try {
    const args = parseSimArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const inputs = [{ flag: '--scenario file', path: args.scenario }, ...(args.sites ? [{ flag: '--sites file', path: args.sites }] : [])];
    checkOutputTargets(outputTargets(args), inputs);
    const scenario = await loadScenario(args);
    return { args, scenario, ...checkedOptions(args, scenario) };
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof SiteFileError) errorLine(e.message);
    else if (isUsageError(e)) usageLine(e.message);
    else throw e;
    return 2;
  }
}

/** Runs, writes every output to temporaries, then commits them together. */
async function runAndWrite(engine: Engine, prepared: Prepared, signal: AbortSignal): Promise<number> {
  const { args, scenario, runOptions, sampleOptions } = prepared;
  const batch = new OutputBatch();
  let progress = progressReporter(process.stderr);
  try {
    const result: RunResult = await engine.run(scenario, { ...runOptions, onProgress: progress.onProgress, signal });
    progress.done();
    const ensemble = await ensembleMeta(scenario, {
      paramSets: runOptions.paramSets ?? 1,
      commonRandomNumbers: args.crn,
      shard: args.shard,
    });
    const json = { ...resultToJson(result, scenario), ensemble };
    // The digest is for the JSON file (merge checks it); the tables do not carry it.
    await writeOutputs(args.out ? await sealResult(json) : json, args, batch);
    if (sampleOptions && (args.samplesCsv || args.samplesArrow)) {
      progress = progressReporter(process.stderr, 'raw samples');
      const samples = await engine.samples(scenario, { ...sampleOptions, onProgress: progress.onProgress, signal });
      progress.done();
      await writeSamples(samples, args, batch);
    }
    // An interrupt that came while the files were being written still means none of them.
    if (signal.aborted) throw new RunAbortedError();
    batch.commit();
    process.stdout.write(summaryText(result, scenario, args, batch.names, engine.backendReason));
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof RunAbortedError) {
      errorLine('interrupted');
      return EXIT_INTERRUPTED;
    }
    if (e instanceof OutputError) {
      errorLine(e.message);
      return 1;
    }
    // The engine's own checks, should one be reached here: still bad input, not an engine failure.
    if (isUsageError(e)) {
      errorLine(e.message);
      return 2;
    }
    errorLine(`run failed: ${messageOf(e)}`);
    return 1;
  } finally {
    batch.discard();
  }
}

async function startEngine(args: SimArgs): Promise<Engine | undefined> {
  try {
    // Loaded only now so argument and scenario errors never wait for (or trip over) Dawn.
    const { createEngine } = await import('../createEngine');
    return await createEngine({
      backend: args.backend,
      workers: args.workers,
      onFallback: (reason: string) => process.stderr.write(`warning: falling back to the CPU: ${reason}\n`),
    });
  } catch (e) {
    errorLine(`could not start the ${args.backend} engine: ${messageOf(e)}`);
    return undefined;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const abort = new AbortController();
  // From the start: a Ctrl-C while the scenario or Dawn loads stops as cleanly as one mid-run.
  const release = stopOnSignals(abort);
  try {
    const prepared = await prepare(argv);
    if (typeof prepared === 'number') return prepared;
    const engine = abort.signal.aborted ? undefined : await startEngine(prepared.args);
    if (!engine) {
      if (!abort.signal.aborted) return 1;
      errorLine('interrupted');
      return EXIT_INTERRUPTED;
    }
    try {
      return await runAndWrite(engine, prepared, abort.signal);
    } finally {
      await engine.dispose().catch((e: unknown) => process.stderr.write(`warning: dispose failed: ${messageOf(e)}\n`));
    }
  } finally {
    release();
  }
}

// Dawn's threads keep Node alive after dispose(), so the exit is explicit — once output has drained.
main(process.argv.slice(2)).then(exitWhenFlushed, (e: unknown) => {
  errorLine(`unexpected: ${messageOf(e)}`);
  return exitWhenFlushed(1);
});
