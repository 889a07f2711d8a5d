// Number formatting for the results table. A mean and its P5–P95 share one scale so the three
// numbers read against each other (no "950 GWh – 1.2 TWh"). Digits are grouped the page's
// language's way (numberFormat); units and symbols are the same in every language.
import { numberFormat } from '../i18n/i18n';

interface Scale {
  unit: string;
  divisor: number;
}

const SCALES: Record<string, Scale[]> = {
  MWh: [
    { unit: 'TWh', divisor: 1e6 },
    { unit: 'GWh', divisor: 1e3 },
    { unit: 'MWh', divisor: 1 },
  ],
  ML: [
    { unit: 'GL', divisor: 1e3 },
    { unit: 'ML', divisor: 1 },
  ],
};

export function pickScale(unit: string, magnitude: number): Scale {
  const scales = SCALES[unit];
  if (!scales) return { unit, divisor: 1 };
  const m = Math.abs(magnitude);
  return scales.find((s) => m >= s.divisor) ?? scales[scales.length - 1];
}

/** Cached per language by numberFormat. */
const threeFigures = (): Intl.NumberFormat => numberFormat({ maximumSignificantDigits: 3 });

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  // Past a thousand, decimals are noise next to the Monte Carlo spread; grouping keeps it legible.
  if (Math.abs(value) >= 1000) return numberFormat().format(Math.round(value));
  return threeFigures().format(value);
}

export interface FormattedStat {
  mean: string;
  range: string;
  unit: string;
}

export function formatStat(mean: number, p5: number, p95: number, unit: string): FormattedStat {
  const scale = pickScale(unit, Math.max(Math.abs(mean), Math.abs(p95)));
  const f = (v: number): string => formatNumber(v / scale.divisor);
  return { mean: `${f(mean)} ${scale.unit}`, range: `${f(p5)} – ${f(p95)} ${scale.unit}`, unit: scale.unit };
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  const steps: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [divisor, prefix] = steps.find(([d]) => perSecond >= d) ?? [1, ''];
  return `${threeFigures().format(perSecond / divisor)}${prefix ? ` ${prefix}` : ''}`;
}

export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** A probability as a percentage: '0%', '<1%', '37%', '>99%', '100%'. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p <= 0) return '0%';
  if (p >= 1) return '100%';
  if (p < 0.01) return '<1%';
  if (p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

export function formatMW(mw: number): string {
  if (!Number.isFinite(mw)) return '—';
  return mw >= 1000 ? `${threeFigures().format(mw / 1000)} GW` : `${threeFigures().format(mw)} MW`;
}

/** An error's message for the error box (never a stack trace). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
