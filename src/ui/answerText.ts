// The answer card's words and numbers: what share of the plan in a year is not delivered, why,
// what capital stands behind it and how likely a large loss is, from the engine's attribution
// (src/engine/attribution.ts). Pure functions, so the sentences are tested without a browser
// (test/unit/answerText.test.ts); hr-answer.ts only lays them out.
import { type Cause, type YearShortfall, yearShortfall } from '../engine/attribution';
import type { RunResult } from '../engine/types';
import { KNOB_NAMES } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { knobRanges } from './knobs';

export { CAUSE_LABELS, CAUSES, type Cause } from '../engine/attribution';

/** The same causes inside a sentence ("The main cause is the grid-connection queue"). */
export const CAUSE_IN_SENTENCE: Record<Cause, string> = {
  accelerators: 'accelerator supply',
  transformers: 'transformers',
  coolingPlant: 'cooling plant',
  gridQueue: 'the grid-connection queue',
  curtailment: 'grid curtailment',
  water: 'water limits in droughts',
  cyber: 'cyber outages',
};

/** Okabe–Ito colours (distinct under the common colour-vision deficiencies), one per cause. */
export const CAUSE_COLOURS: Record<Cause, string> = {
  accelerators: '#CC79A7',
  transformers: '#E69F00',
  coolingPlant: '#56B4E9',
  gridQueue: '#0072B2',
  curtailment: '#D55E00',
  water: '#009E73',
  cyber: '#F0E442',
};

/** A cause is named in the sentence only from this share of the shortfall on. */
const MIN_NAMED_SHARE = 0.01;
/** The sentence names the main cause and at most this many more. */
const MORE_CAUSES = 2;

// ---------------------------------------------------------------- numbers

/** Numbers and units are joined by a plain space, so scripts can match the text as read. */
const SP = ' ';
const MINUS = '\u2212';

/** `digits` significant figures, but never decimals past a hundred ("840", "4.2", "0.61"). */
function sig(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 10 ** digits) return Math.round(v).toLocaleString('en');
  return new Intl.NumberFormat('en', { maximumSignificantDigits: digits }).format(v);
}

export interface PowerUnit {
  unit: 'GW' | 'MW';
  divisor: number;
}

/** GW from 1000 MW on, else MW, judged on the largest magnitude shown together. */
export function powerUnit(...mw: number[]): PowerUnit {
  const m = Math.max(0, ...mw.filter(Number.isFinite).map(Math.abs));
  return m >= 1000 ? { unit: 'GW', divisor: 1000 } : { unit: 'MW', divisor: 1 };
}

/** A power in MW, shown in GW from 1000 MW on: "4.2 GW", "840 MW". */
export function formatPower(mw: number, digits = 2, unit = powerUnit(mw)): string {
  return `${sig(mw / unit.divisor, digits)}${SP}${unit.unit}`;
}

/** A P5–P95 range in one unit and to one decimal place, set by the larger end: "0.6–1.8 GW", "1.1–2.0 GW", "120–480 MW". */
export function formatPowerRange(lo: number, hi: number, digits = 2): string {
  const unit = powerUnit(lo, hi);
  const top = Math.max(Math.abs(lo), Math.abs(hi)) / unit.divisor;
  const decimals = top > 0 ? Math.min(6, Math.max(0, digits - 1 - Math.floor(Math.log10(top)))) : 0;
  const f = (v: number) =>
    v === 0 ? '0' : (v / unit.divisor).toLocaleString('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${f(lo)}–${f(hi)}${SP}${unit.unit}`;
}

/** A signed difference: "+0.5 GW", "−120 MW", "±0 MW". */
export function formatPowerDelta(mw: number, unit = powerUnit(mw)): string {
  const text = sig(Math.abs(mw) / unit.divisor, 2);
  const sign = text === '0' ? '±' : mw > 0 ? '+' : MINUS;
  return `${sign}${text}${SP}${unit.unit}`;
}

/** US$ in millions or billions: "US$ 12 B", "US$ 840 M", "US$ 0.5 M", "US$ 0". */
export function formatMoney(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const a = Math.abs(usd);
  if (a === 0) return `US$${SP}0`;
  if (a >= 1e9) return `US$${SP}${sig(usd / 1e9, 2)}${SP}B`;
  return `US$${SP}${sig(usd / 1e6, 2)}${SP}M`;
}

/** A share or probability in percent, spaced as in the card: "48 %", "<1 %", ">99 %". */
export function formatShare(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p <= 0) return `0${SP}%`;
  if (p >= 1) return `100${SP}%`;
  if (p < 0.005) return `<1${SP}%`;
  if (p > 0.995) return `>99${SP}%`;
  return `${Math.round(p * 100)}${SP}%`;
}

/**
 * The mean with its Monte Carlo standard error, in one unit, the error to two significant
 * figures and the mean to the same last decimal (at least three figures):
 * "mean 1.12 GW ± 0.011 GW Monte Carlo standard error, 4,096 draws".
 */
export function formatSeLine(meanMW: number, seMW: number, draws: number): string {
  const unit = powerUnit(meanMW, seMW);
  const m = meanMW / unit.divisor;
  const se = seMW / unit.divisor;
  const seDecimals = se > 0 ? Math.max(0, 1 - Math.floor(Math.log10(se))) : 0;
  const meanDecimals = m !== 0 ? Math.max(0, 2 - Math.floor(Math.log10(Math.abs(m)))) : 0;
  const decimals = Math.min(6, Math.max(seDecimals, meanDecimals));
  const fixed = (v: number, d: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : v.toFixed(d));
  const seText = se > 0 ? fixed(se, Math.min(6, seDecimals)) : '0';
  return `mean ${fixed(m, decimals)}${SP}${unit.unit} ± ${seText}${SP}${unit.unit} Monte Carlo standard error, ${draws.toLocaleString('en')} draws`;
}

/** For display: no line break between a number and its unit or "US$" and its number. */
export function keepTogether(text: string): string {
  return text.replace(/(\d) (%|GW|MW|B|M)(?![A-Za-z])/g, '$1\u00a0$2').replace(/US\$ /g, 'US$\u00a0');
}

// ---------------------------------------------------------------- sentences

export interface AnswerText {
  /** "Of the 4.2 GW planned to run in 2030, 1.1 GW (P5–P95 0.6–1.8 GW) is not delivered." (also `body[data-answer]`). */
  headline: string;
  /** The causes, the money and the exceedance probability, one sentence each ([] when nothing is planned or short). */
  details: string[];
  /** The mean's Monte Carlo standard error, kept apart from the P5–P95 range. */
  seLine?: string;
  /** "As written: 1.1 GW short; with your knob settings: 1.6 GW (+0.5 GW)." when the knobs differ from the scenario's. */
  baselineLine?: string;
}

/** "a", "a and b", "a, b and c". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function causeSentence(a: YearShortfall): string | undefined {
  const short = a.causes.filter((c) => c.meanMW > 0);
  const named = short.filter((c) => c.shareOfShortfall >= MIN_NAMED_SHARE);
  const [main, ...rest] = named;
  if (!main) return undefined;
  const lead = `${CAUSE_IN_SENTENCE[main.cause]} (${formatShare(main.shareOfShortfall)} of the shortfall)`;
  if (short.length === 1) return `The only cause is ${lead}.`;
  if (rest.length === 0) return `The main cause is ${lead}.`;
  const then = rest.slice(0, MORE_CAUSES).map((c) => `${CAUSE_IN_SENTENCE[c.cause]} (${formatShare(c.shareOfShortfall)})`);
  return `The main cause is ${lead}, then ${listOf(then)}.`;
}

function moneySentence(a: YearShortfall): string {
  const it =
    a.itCapexUSD !== undefined && a.itCapexUSD > 0
      ? ` (${formatMoney(a.facilityCapexUSD + a.itCapexUSD)} with the IT equipment that cannot run)`
      : '';
  const grid =
    a.gridCapexUSD !== undefined && a.gridCapexUSD > 0 ? `, and ${formatMoney(a.gridCapexUSD)} of grid connections built for it` : '';
  return `${formatMoney(a.facilityCapexUSD)} of facility investment stands idle or delayed${it}${grid}.`;
}

/** The card's sentences for one year of one result (`baseline`: the same year of the scenario as written). */
export function answerText(a: YearShortfall, opts: { draws: number; baseline?: YearShortfall }): AnswerText {
  if (!(a.plannedMW > 0)) {
    return { headline: `Nothing is planned to run in ${a.year} in this scenario, so nothing can be short.`, details: [] };
  }
  const s = a.shortfallMW;
  const planned = formatPower(a.plannedMW);
  const baselineLine = opts.baseline ? baselineText(opts.baseline, a) : undefined;
  const seLine = formatSeLine(s.mean, s.se, opts.draws);
  if (!(s.mean > 0) && !(s.p95 > 0)) {
    return {
      headline: `Of the ${planned} planned to run in ${a.year}, all is delivered in every draw.`,
      details: [`P(more than ${formatShare(a.threshold)} of the plan is lost) = ${formatShare(a.pExceed)}.`],
      seLine,
      baselineLine,
    };
  }
  const headline = `Of the ${planned} planned to run in ${a.year}, ${formatPower(s.mean)} (P5–P95 ${formatPowerRange(s.p5, s.p95)}) is not delivered.`;
  const details = [
    causeSentence(a),
    moneySentence(a),
    `P(more than ${formatShare(a.threshold)} of the plan is lost) = ${formatShare(a.pExceed)}.`,
  ].filter((x): x is string => x !== undefined);
  return { headline, details, seLine, baselineLine };
}

function baselineText(asWritten: YearShortfall, current: YearShortfall): string {
  const b = asWritten.shortfallMW.mean;
  const c = current.shortfallMW.mean;
  const unit = powerUnit(b, c);
  const d = c - b;
  // A difference too small for the values' unit is given in MW rather than as "+0.0031 GW".
  const dUnit = Math.abs(d) / unit.divisor >= 0.1 ? unit : powerUnit(0);
  // Two standard errors of the difference (independent runs: an upper bound under common random numbers).
  const noise = 2 * Math.hypot(asWritten.shortfallMW.se, current.shortfallMW.se);
  const within = Math.abs(d) < noise ? ', within Monte Carlo noise' : '';
  return `As written: ${formatPower(b, 2, unit)} short; with your knob settings: ${formatPower(c, 2, unit)} (${formatPowerDelta(d, dUnit)}${within}).`;
}

// ---------------------------------------------------------------- the page's answer

/** True when parameter set 0 of `result` ran with knob values other than the scenario's own. */
export function knobsDiffer(scenario: Scenario, result: RunResult): boolean {
  const ranges = knobRanges(scenario);
  return KNOB_NAMES.some((name, k) => {
    const ran = result.knobValues[k] as number;
    const base = ranges[name].base;
    return Math.abs(ran - base) > 1e-6 * Math.max(1, Math.abs(base));
  });
}

export interface PageAnswerInput {
  result?: RunResult;
  /** The scenario `result` was run on (knobs not applied). */
  resultScenario?: Scenario;
  /** The same scenario run as written (the knobs at its own values), when the knobs differ. */
  baselineResult?: RunResult;
  baselineScenario?: Scenario;
}

export interface PageAnswer {
  year: number;
  /** What the card shows, with the numbers behind it. */
  text: AnswerText;
  shortfall: YearShortfall;
  /** The scenario as written, when the knobs differ and its run has landed. */
  baseline?: YearShortfall;
  draws: number;
  baselineDraws?: number;
  scenarioName: string;
}

/** The card's answer for a year, or undefined before there is a result with shortfall series for it. */
export function pageAnswer(s: PageAnswerInput, year: number | undefined): PageAnswer | undefined {
  const { result, resultScenario: scenario } = s;
  if (!result || !scenario || year === undefined || !result.years.includes(year)) return undefined;
  let shortfall: YearShortfall;
  try {
    shortfall = yearShortfall(scenario, result, 0, year);
  } catch {
    return undefined; // a result without the shortfall series
  }
  let baseline: YearShortfall | undefined;
  const b = s.baselineResult;
  if (b && s.baselineScenario === scenario && b.seed === result.seed && knobsDiffer(scenario, result)) {
    try {
      baseline = yearShortfall(scenario, b, 0, year);
    } catch {
      baseline = undefined;
    }
  }
  return {
    year,
    text: answerText(shortfall, { draws: result.draws, baseline }),
    shortfall,
    baseline,
    draws: result.draws,
    baselineDraws: baseline ? b?.draws : undefined,
    scenarioName: scenario.name,
  };
}
