// The answer card's words and numbers: what share of the plan in a year is not delivered, why,
// what capital stands behind it and how likely a large loss is, from the engine's attribution
// (src/engine/attribution.ts). Pure functions, so the sentences are tested without a browser
// (test/unit/answerText.test.ts); hr-answer.ts only lays them out.
import { CAUSES, type Cause, type YearShortfall, yearShortfall } from '../engine/attribution';
import type { RunResult } from '../engine/types';
import { numberFormat, t } from '../i18n/i18n';
import { KNOB_NAMES } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import { knobRanges } from './knobs';

export { CAUSES, type Cause } from '../engine/attribution';

/**
 * Getters, so a legend that reads `map[cause]` in its render gets the page's current language
 * without knowing about i18n (the engine's CAUSE_LABELS stay English for the CLI).
 */
function translatedByCause(key: (c: Cause) => string): Record<Cause, string> {
  const out = {} as Record<Cause, string>;
  for (const c of CAUSES) Object.defineProperty(out, c, { get: () => key(c), enumerable: true });
  return out;
}

/** Each cause in words, as legends and tables name it ("Grid-connection queue"). */
export const CAUSE_LABELS: Record<Cause, string> = translatedByCause((c) => t(`answer:causeLabel.${c}`));

/** The same causes inside a sentence ("The main cause is the grid-connection queue"). */
export const CAUSE_IN_SENTENCE: Record<Cause, string> = translatedByCause((c) => t(`answer:cause.${c}`));

/** Okabe–Ito colours (distinct under the common colour-vision deficiencies), one per cause. */
export const CAUSE_COLOURS: Record<Cause, string> = {
  abandoned: '#999999',
  accelerators: '#CC79A7',
  transformers: '#E69F00',
  coolingPlant: '#56B4E9',
  gridQueue: '#0072B2',
  // Okabe–Ito's eighth colour.
  onsiteGeneration: '#000000',
  curtailment: '#D55E00',
  // Past Okabe–Ito's eight: Paul Tol's wine, dark beside accelerators' light reddish purple.
  flexibleConnection: '#882255',
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
  if (a >= 10 ** digits) return numberFormat().format(Math.round(v));
  return numberFormat({ maximumSignificantDigits: digits }).format(v);
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
  const format = numberFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const f = (v: number) => (v === 0 ? '0' : format.format(v / unit.divisor));
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
  const fixed = (v: number, d: number) => (Math.abs(v) >= 1000 ? numberFormat().format(Math.round(v)) : v.toFixed(d));
  const seText = se > 0 ? fixed(se, Math.min(6, seDecimals)) : '0';
  return t('answer:seLine', {
    mean: `${fixed(m, decimals)}${SP}${unit.unit}`,
    se: `${seText}${SP}${unit.unit}`,
    draws: numberFormat().format(draws),
  });
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

/** "a", "a and b", "a, b and c" ("a、b、c" in Japanese). */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t('answer:list.last', { rest: items.slice(0, -1).join(t('answer:list.separator')), last: items.at(-1) ?? '' });
}

function causeSentence(a: YearShortfall): string | undefined {
  const short = a.causes.filter((c) => c.meanMW > 0);
  const named = short.filter((c) => c.shareOfShortfall >= MIN_NAMED_SHARE);
  const [main, ...rest] = named;
  if (!main) return undefined;
  const lead = { cause: CAUSE_IN_SENTENCE[main.cause], share: formatShare(main.shareOfShortfall) };
  if (short.length === 1) return t('answer:cause.only', lead);
  if (rest.length === 0) return t('answer:cause.main', lead);
  const then = rest
    .slice(0, MORE_CAUSES)
    .map((c) => t('answer:cause.thenItem', { cause: CAUSE_IN_SENTENCE[c.cause], share: formatShare(c.shareOfShortfall) }));
  return t('answer:cause.mainThen', { ...lead, next: listOf(then) });
}

function moneySentence(a: YearShortfall): string {
  const it = a.itCapexUSD !== undefined && a.itCapexUSD > 0;
  const grid = a.gridCapexUSD !== undefined && a.gridCapexUSD > 0;
  const values = {
    facility: formatMoney(a.facilityCapexUSD),
    total: formatMoney(a.facilityCapexUSD + (a.itCapexUSD ?? 0)),
    grid: formatMoney(a.gridCapexUSD ?? 0),
  };
  // Whole sentences per case: the optional clauses sit in different places in Japanese.
  if (it && grid) return t('answer:money.facilityItGrid', values);
  if (it) return t('answer:money.facilityIt', values);
  if (grid) return t('answer:money.facilityGrid', values);
  return t('answer:money.facility', values);
}

const exceedSentence = (a: YearShortfall): string => t('answer:exceed', { threshold: formatShare(a.threshold), p: formatShare(a.pExceed) });

/** The card's sentences for one year of one result (`baseline`: the same year of the scenario as written). */
export function answerText(a: YearShortfall, opts: { draws: number; baseline?: YearShortfall }): AnswerText {
  if (!(a.plannedMW > 0)) {
    return { headline: t('answer:headline.nothingPlanned', { year: a.year }), details: [] };
  }
  const s = a.shortfallMW;
  const planned = formatPower(a.plannedMW);
  const baselineLine = opts.baseline ? baselineText(opts.baseline, a) : undefined;
  const seLine = formatSeLine(s.mean, s.se, opts.draws);
  if (!(s.mean > 0) && !(s.p95 > 0)) {
    return {
      headline: t('answer:headline.allDelivered', { planned, year: a.year }),
      details: [exceedSentence(a)],
      seLine,
      baselineLine,
    };
  }
  const headline = t('answer:headline.short', {
    planned,
    year: a.year,
    mean: formatPower(s.mean),
    range: formatPowerRange(s.p5, s.p95),
  });
  const details = [causeSentence(a), moneySentence(a), exceedSentence(a)].filter((x): x is string => x !== undefined);
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
  const values = { asWritten: formatPower(b, 2, unit), current: formatPower(c, 2, unit), delta: formatPowerDelta(d, dUnit) };
  return Math.abs(d) < noise ? t('answer:baselineNoise', values) : t('answer:baseline', values);
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
