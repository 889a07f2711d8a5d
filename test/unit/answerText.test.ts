// The answer card's sentences (src/ui/answerText.ts): units, the order of the causes, the Monte
// Carlo standard error kept apart from the P5–P95 range, "nothing planned" and money.
import { describe, expect, it } from 'vitest';
import type { CauseShortfall, YearShortfall } from '../../src/engine/attribution';
import {
  answerText,
  CAUSE_LABELS,
  CAUSES,
  formatMoney,
  formatPower,
  formatPowerDelta,
  formatPowerRange,
  formatSeLine,
  formatShare,
  keepTogether,
  type Cause,
} from '../../src/ui/answerText';

/** A year's shortfall with causes given as mean MW; shares, sorting and money as the engine does. */
function year(over: {
  plannedMW: number;
  mean: number;
  se?: number;
  p5?: number;
  p50?: number;
  p95?: number;
  pExceed?: number;
  causes?: Partial<Record<Cause, number>>;
  itCapex?: number;
  gridCapex?: number;
}): YearShortfall {
  const capex = 11.3e6;
  const total = Object.values(over.causes ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const causes: CauseShortfall[] = CAUSES.map((cause) => {
    const m = over.causes?.[cause] ?? 0;
    return {
      cause,
      meanMW: m,
      seMW: m / 100,
      p5MW: 0,
      p50MW: m,
      p95MW: 2 * m,
      shareOfShortfall: total > 0 ? m / total : 0,
      facilityCapexUSD: m * capex,
    };
  }).sort((a, b) => b.meanMW - a.meanMW);
  return {
    year: 2030,
    plannedMW: over.plannedMW,
    shortfallMW: {
      mean: over.mean,
      se: over.se ?? over.mean / 100,
      p5: over.p5 ?? over.mean / 2,
      p50: over.p50 ?? over.mean,
      p95: over.p95 ?? over.mean * 1.6,
    },
    pExceed: over.pExceed ?? 0.63,
    threshold: 0.1,
    causes,
    facilityCapexUSD: over.mean * capex,
    itCapexUSD: over.itCapex === undefined ? undefined : over.mean * over.itCapex,
    gridCapexUSD: over.gridCapex === undefined ? undefined : over.mean * over.gridCapex,
  };
}

describe('units', () => {
  it('GW from 1000 MW on, else MW', () => {
    expect(formatPower(4200)).toBe('4.2 GW');
    expect(formatPower(1000)).toBe('1 GW');
    expect(formatPower(999)).toBe('999 MW');
    expect(formatPower(840)).toBe('840 MW');
    expect(formatPower(61.4)).toBe('61 MW');
    expect(formatPower(0.42)).toBe('0.42 MW');
    expect(formatPower(101_000)).toBe('101 GW');
  });
  it('a range takes one unit and one number of decimals, from its larger end', () => {
    expect(formatPowerRange(600, 1800)).toBe('0.6–1.8 GW');
    expect(formatPowerRange(1100, 2000)).toBe('1.1–2.0 GW');
    expect(formatPowerRange(120, 480)).toBe('120–480 MW');
    expect(formatPowerRange(9000, 24_000)).toBe('9–24 GW');
    expect(formatPowerRange(0, 3.5)).toBe('0–3.5 MW');
  });
  it('a difference carries its sign and the unit it is compared in', () => {
    expect(formatPowerDelta(500, { unit: 'GW', divisor: 1000 })).toBe('+0.5 GW');
    expect(formatPowerDelta(-120)).toBe('−120 MW');
    expect(formatPowerDelta(0)).toBe('±0 MW');
  });
  it('shares in percent, never a bare 0 % for something that happens', () => {
    expect(formatShare(0.48)).toBe('48 %');
    expect(formatShare(0.001)).toBe('<1 %');
    expect(formatShare(0.999)).toBe('>99 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(1)).toBe('100 %');
  });
  it('keeps numbers with their units for display only', () => {
    expect(keepTogether('US$ 12 B and 48 % of 4.2 GW')).toBe('US$\u00a012\u00a0B and 48\u00a0% of 4.2\u00a0GW');
  });
});

describe('money', () => {
  it('US$ M below a billion, US$ B from a billion', () => {
    expect(formatMoney(12.4e9)).toBe('US$ 12 B');
    expect(formatMoney(1.26e9)).toBe('US$ 1.3 B');
    expect(formatMoney(161e9)).toBe('US$ 161 B');
    expect(formatMoney(840e6)).toBe('US$ 840 M');
    expect(formatMoney(3.44e6)).toBe('US$ 3.4 M');
    expect(formatMoney(0.5e6)).toBe('US$ 0.5 M');
    expect(formatMoney(0)).toBe('US$ 0');
  });
  it('the sentence gives the facility capital, and the IT too when the scenario prices it', () => {
    const a = year({ plannedMW: 4200, mean: 1100, causes: { gridQueue: 1100 } });
    expect(answerText(a, { draws: 4096 }).details).toContain('US$ 12 B of facility investment stands idle or delayed.');
    const b = year({ plannedMW: 4200, mean: 1100, causes: { gridQueue: 1100 }, itCapex: 15e6 });
    expect(answerText(b, { draws: 4096 }).details.join(' ')).toContain(
      'US$ 12 B of facility investment stands idle or delayed (US$ 29 B with the IT equipment that cannot run).',
    );
    const c = year({ plannedMW: 4200, mean: 1100, causes: { gridQueue: 1100 }, gridCapex: 0.3e6 });
    expect(answerText(c, { draws: 4096 }).details.join(' ')).toContain(
      'US$ 12 B of facility investment stands idle or delayed, and US$ 330 M of grid connections built for it.',
    );
  });
});

describe('the sentences', () => {
  const a = year({
    plannedMW: 4200,
    mean: 1120,
    se: 11,
    p5: 600,
    p95: 1800,
    pExceed: 0.63,
    causes: { transformers: 246, gridQueue: 538, curtailment: 157, water: 100, cyber: 79 },
  });
  const t = answerText(a, { draws: 4096 });

  it('the headline: the plan, the mean not delivered and its P5–P95', () => {
    expect(t.headline).toBe('Of the 4.2 GW planned to run in 2030, 1.1 GW (P5–P95 0.6–1.8 GW) is not delivered.');
  });
  it('causes largest first: the main one with its share of the shortfall, then the next two', () => {
    expect(t.details[0]).toBe(
      'The main cause is the grid-connection queue (48 % of the shortfall), then transformers (22 %) and grid curtailment (14 %).',
    );
  });
  it('the exceedance probability with its threshold', () => {
    expect(t.details.at(-1)).toBe('P(more than 10 % of the plan is lost) = 63 %.');
  });
  it('the Monte Carlo standard error is labelled and kept off the range', () => {
    expect(t.seLine).toBe('mean 1.120 GW ± 0.011 GW Monte Carlo standard error, 4,096 draws');
    expect(t.headline).not.toContain('±');
    expect(t.seLine).not.toContain('P5');
    expect(formatSeLine(840, 12, 256)).toBe('mean 840 MW ± 12 MW Monte Carlo standard error, 256 draws');
  });
  it('one cause alone is "the only cause"; tiny causes are not named', () => {
    const one = answerText(year({ plannedMW: 500, mean: 50, causes: { water: 50 } }), { draws: 256 });
    expect(one.details[0]).toBe('The only cause is water limits in droughts (100 % of the shortfall).');
    const tiny = answerText(year({ plannedMW: 500, mean: 50, causes: { transformers: 49.9, cyber: 0.1 } }), { draws: 256 });
    expect(tiny.details[0]).toBe('The main cause is transformers (>99 % of the shortfall).');
  });
  it('every cause has a name in words', () => {
    expect(CAUSES.map((c) => CAUSE_LABELS[c])).toEqual([
      'Abandoned (never built)',
      'Accelerator supply',
      'Transformers',
      'Cooling plant',
      'Grid-connection queue',
      'On-site generation',
      'Grid curtailment',
      'Flexible-connection curtailment',
      'Water (drought)',
      'Cyber outages',
    ]);
  });
  it("names a flexible connection's curtailment beside the grid queue it shortened", () => {
    const flex = answerText(year({ plannedMW: 1400, mean: 30, causes: { gridQueue: 20, flexibleConnection: 10 } }), { draws: 256 });
    expect(flex.details[0]).toContain('the grid-connection queue (67 % of the shortfall)');
    expect(flex.details[0]).toContain('the curtailment accepted for an earlier, flexible grid connection (33 %)');
  });
  it('nothing planned in the year: says so, with no numbers to misread', () => {
    const none = answerText(year({ plannedMW: 0, mean: 0, p5: 0, p95: 0 }), { draws: 256 });
    expect(none.headline).toBe('Nothing is planned to run in 2030 in this scenario, so nothing can be short.');
    expect(none.details).toEqual([]);
    expect(none.seLine).toBeUndefined();
  });
  it('nothing short: all delivered, no cause', () => {
    const ok = answerText(year({ plannedMW: 800, mean: 0, p5: 0, p95: 0, pExceed: 0 }), { draws: 256 });
    expect(ok.headline).toBe('Of the 800 MW planned to run in 2030, all is delivered in every draw.');
    expect(ok.details).toEqual(['P(more than 10 % of the plan is lost) = 0 %.']);
  });
  it('with the scenario as written: both, and the difference', () => {
    const asWritten = year({ plannedMW: 4200, mean: 1100, causes: { gridQueue: 1100 } });
    const moved = year({ plannedMW: 4200, mean: 1600, causes: { gridQueue: 1600 } });
    expect(answerText(moved, { draws: 4096, baseline: asWritten }).baselineLine).toBe(
      'As written: 1.1 GW short; with your knob settings: 1.6 GW (+0.5 GW).',
    );
    const better = year({ plannedMW: 4200, mean: 700, causes: { gridQueue: 700 } });
    expect(answerText(better, { draws: 4096, baseline: asWritten }).baselineLine).toBe(
      'As written: 1.1 GW short; with your knob settings: 0.7 GW (−0.4 GW).',
    );
    // A change smaller than the values' unit shows in MW, and one inside the runs' noise says so.
    const same = year({ plannedMW: 5500, mean: 1403, se: 19, causes: { gridQueue: 1403 } });
    const asWritten2 = year({ plannedMW: 5500, mean: 1400, se: 27, causes: { gridQueue: 1400 } });
    expect(answerText(same, { draws: 512, baseline: asWritten2 }).baselineLine).toBe(
      'As written: 1.4 GW short; with your knob settings: 1.4 GW (+3 MW, within Monte Carlo noise).',
    );
    expect(t.baselineLine).toBeUndefined();
  });
});
