// `npm run sim`: runs a scenario headless (Dawn WebGPU or the CPU backend) and writes the result.
// Exit codes: 0 done, 1 engine or output failure, 2 bad arguments or scenario, 130 interrupted.
import { findSeries, resultToJson, seriesSummary } from '../engine/resultJson';
import { RunAbortedError, type Engine, type ParamSetDesign, type RunProgress, type RunResult } from '../engine/types';
import { ensembleMeta, shardRange } from '../ensemble/shards';
import { HEADLINE_KEYS } from '../engine/layout';
import { loadScenarioFile, ScenarioError } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { CliError, parseSimArgs, USAGE, type SimArgs } from './args';
import { OutputError, writeOutputs, writeSamples } from './outputs';
import { SiteFileError, withSiteFile } from './siteFile';

/** Runs shorter than this print no progress at all. */
const QUIET_MS = 1000;

const errorLine = (message: string) => process.stderr.write(`error: ${message}\n`);
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
  const slice = args.shard ? `, shard ${args.shard.index}/${args.shard.count}: sets ${first}–${first + result.paramSetCount - 1} of ${args.paramSets}` : '';
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
  for (const file of written) lines.push(`wrote ${file}`);
  return `${lines.join('\n')}\n`;
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

  let engine: Engine;
  try {
    // Loaded only now so argument and scenario errors never wait for (or trip over) Dawn.
    const { createEngine } = await import('../engine/createEngine');
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
  const paramSets: ParamSetDesign = { count: args.paramSets, design: args.design };
  try {
    const result = await engine.run(scenario, {
      paramSets,
      paramSetRange: args.shard ? shardRange(args.shard, args.paramSets) : undefined,
      draws: args.draws,
      seed: args.seed,
      commonRandomNumbers: args.crn,
      histograms: false,
      onProgress: progress.onProgress,
      signal: abort.signal,
    });
    progress.done();
    let written: string[];
    try {
      const ensemble = await ensembleMeta(scenario, { paramSets, commonRandomNumbers: args.crn, shard: args.shard });
      written = await writeOutputs({ ...resultToJson(result, scenario), ensemble }, args);
      if (args.samplesCsv || args.samplesArrow) {
        const samples = await engine.samples(scenario, {
          paramSets, draws: args.draws, seed: args.seed, commonRandomNumbers: args.crn,
          paramSet: args.sampleSet, series: args.sampleSeries, signal: abort.signal,
        });
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
