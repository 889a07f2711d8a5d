// What `npm run sim` prints: progress on stderr while it runs, and the summary on stdout.
import { CAUSE_LABELS, shortfallByYear } from '../engine/attribution';
import { findSeries, seriesSummary } from '../engine/resultJson';
import { HEADLINE_KEYS } from '../engine/series';
import type { RunProgress, RunResult } from '../engine/types';
import { echo } from '../scenario/echo';
import type { Scenario } from '../scenario/schema';
import type { SimArgs } from './args';

/** Runs shorter than this print no progress at all. */
const QUIET_MS = 1000;

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const fmt = (v: number) => (Number.isFinite(v) ? num.format(v) : 'n/a');

/**
 * Progress lines: redrawn in place on a terminal, every tenth otherwise. `label` names the phase
 * ('raw samples'); time is measured here, since not every phase reports its own.
 */
export function progressReporter(stream: NodeJS.WriteStream, label = ''): { onProgress: (p: RunProgress) => void; done: () => void } {
  const tty = stream.isTTY === true;
  const t0 = performance.now();
  let nextTenth = 1;
  let lastWrite = 0;
  let shown = false;
  const onProgress = (p: RunProgress) => {
    const elapsedMs = Math.max(p.elapsedMs, performance.now() - t0);
    if (elapsedMs < QUIET_MS) return;
    const eta = p.fraction > 0 ? (elapsedMs * (1 - p.fraction)) / p.fraction / 1000 : NaN;
    const line =
      `${label ? `${label}: ` : ''}${(p.fraction * 100).toFixed(0).padStart(3)}%  ${fmt(p.doneDraws)} / ${fmt(p.totalDraws)} draws` +
      `  ${(elapsedMs / 1000).toFixed(1)} s${Number.isFinite(eta) && p.fraction < 1 ? `, ~${eta.toFixed(0)} s left` : ''}`;
    if (tty) {
      // Redrawing faster than the eye can read only costs time on slow terminals.
      if (elapsedMs - lastWrite < 100 && p.fraction < 1) return;
      lastWrite = elapsedMs;
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    } else if (p.fraction * 10 >= nextTenth) {
      stream.write(`${line}\n`);
      nextTenth = Math.floor(p.fraction * 10) + 1;
    }
  };
  return { onProgress, done: () => void (tty && shown && stream.write('\r\x1b[K')) };
}

export function summaryText(
  result: RunResult,
  scenario: Scenario,
  args: SimArgs,
  written: readonly string[],
  backendReason: string,
): string {
  const first = result.firstParamSet ?? 0;
  const slice = args.shard
    ? `, shard ${args.shard.index}/${args.shard.count}: sets ${first}–${first + result.paramSetCount - 1} of ${args.paramSets}`
    : '';
  const lines = [
    `scenario:   ${echo(scenario.name)} (${scenario.startYear}–${scenario.endYear}, ${result.siteIds.length} sites, ${result.regionIds.length} regions)`,
    `backend:    ${result.backend} (${result.device}): ${backendReason}`,
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
  for (const file of written) lines.push(`wrote ${echo(file, 200)}`);
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
