// The site detail's and the region chart's sentences, from the binding-cause counts and the
// region-year MW by cause (src/ui/whyText.ts).
import { describe, expect, it } from 'vitest';
import type { RegionShortfall } from '../../src/engine/whereBreaks';
import { regionWhyText, siteWhyText } from '../../src/ui/whyText';

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('siteWhyText', () => {
  it('names the binding causes by their share of the misses', () => {
    const text = siteWhyText(
      {
        missProbability: 0.4,
        causes: [
          { cause: 'gridQueue', probability: 0.3, shareOfMisses: 0.75 },
          { cause: 'transformers', probability: 0.06, shareOfMisses: 0.15 },
          { cause: 'water', probability: 0.03, shareOfMisses: 0.075 },
          { cause: 'cyber', probability: 0.01, shareOfMisses: 0.025 },
        ],
      },
      2030,
    );
    expect(plain(text)).toBe(
      'In 2030 it misses its plan in 40 % of draws. When it does, the grid-connection queue binds in 75 %, transformers in 15 %, water limits in droughts in 8 % and other causes in 3 % of them.',
    );
  });

  it('says so when the site never misses', () => {
    expect(siteWhyText({ missProbability: 0, causes: [] }, 2027)).toBe(
      'In 2027 it meets its plan (within the miss tolerance) in every draw.',
    );
  });
});

describe('regionWhyText', () => {
  const region = (id: string, meanMW: number, plannedMW: number, main: RegionShortfall['causes'][number]['cause']): RegionShortfall => ({
    region: id,
    plannedMW,
    meanMW,
    causes: [{ cause: main, meanMW, shareOfShortfall: 1 }],
    facilityCapexUSD: meanMW * 10e6,
  });
  it('leads with the region that loses most, then the next two', () => {
    const names = new Map([
      ['va', 'Northern Virginia'],
      ['ie', 'Ireland'],
    ]);
    const text = plain(
      regionWhyText(
        [region('va', 1500, 4000, 'gridQueue'), region('ie', 500, 1200, 'curtailment'), region('x', 0, 100, 'water')],
        2030,
        names,
      ),
    );
    expect(text).toBe(
      'In 2030 75 % of the mean shortfall is in Northern Virginia (mean 1.5 GW of 4 GW planned, mainly the grid-connection queue); then Ireland (mean 500 MW of 1.2 GW planned, mainly grid curtailment). Capital behind it there: US$ 15 B.',
    );
  });

  it('gives the P5–P95 range when the run kept region-year quantiles', () => {
    const va = { ...region('va', 1500, 4000, 'gridQueue'), quantilesMW: { p5: 600, p50: 1400, p95: 2600 } };
    expect(plain(regionWhyText([va], 2030, new Map()))).toContain('va (mean 1.5 GW, P5–P95 600 MW–2.6 GW of 4 GW planned');
  });

  it('says so when nothing is short', () => {
    expect(regionWhyText([region('va', 0, 100, 'gridQueue')], 2026, new Map())).toBe(
      'In 2026 every region delivers its plan in every draw.',
    );
  });
});
