// The answer card in Japanese: for a real run, the headline, the causes, the money, the
// exceedance, the Monte Carlo standard error line and the site/region "why" sentences are whole
// Japanese sentences (no English words left) that carry the same numbers as the English.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/createEngine';
import type { Engine, RunResult } from '../../src/engine/types';
import { regionShortfallInYear, siteWhy } from '../../src/engine/whereBreaks';
import { setLanguage } from '../../src/i18n/i18n';
import type { Scenario } from '../../src/scenario/schema';
import { answerText, formatPower, formatPowerRange, pageAnswer, powerUnit, type PageAnswer } from '../../src/ui/answerText';
import { KNOB_META } from '../../src/ui/knobs';
import { scenarioDescription, scenarioName } from '../../src/ui/scenarioText';
import { regionWhyText, siteWhyText } from '../../src/ui/whyText';
import { everyCause, mustParse } from './engineHelpers';

/** Latin words that are not English prose: units, statistics and currency. */
const ALLOWED = new Set(['MW', 'GW', 'TWh', 'US']);

/** Latin words of three letters or more, minus units and the data's own names. */
function english(text: string, names: readonly string[] = []): string[] {
  const own = new Set(names.flatMap((n) => n.match(/[A-Za-z]+/g) ?? []));
  return (text.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w) && !own.has(w));
}

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

function inJapanese<T>(fn: () => T): T {
  try {
    setLanguage('ja');
    return fn();
  } finally {
    setLanguage('en');
  }
}

let cpu: Engine;
let scenario: Scenario;
let result: RunResult;
const year = 2027;

beforeAll(async () => {
  cpu = await createEngine({ backend: 'cpu', workers: 1 });
  scenario = everyCause();
  result = await cpu.run(scenario, { draws: 512, seed: 3 });
});
afterAll(async () => {
  await cpu.dispose();
});

const answerAt = (): PageAnswer => {
  const a = pageAnswer({ result, resultScenario: scenario }, result.years.includes(year) ? year : result.years[1]);
  if (!a) throw new Error('no answer for the year');
  return a;
};

describe('the answer card in Japanese', () => {
  it('is all Japanese and carries the same numbers as the English', () => {
    const en = answerAt();
    const ja = inJapanese(answerAt);
    const s = ja.shortfall.shortfallMW;
    expect(s.mean).toBeGreaterThan(0);
    const all = [ja.text.headline, ...ja.text.details, ja.text.seLine ?? ''].join(' ');
    expect(english(all), all).toEqual([]);
    expect(ja.text.headline).toContain(`${ja.year}年`);
    expect(ja.text.headline).toContain(formatPower(ja.shortfall.plannedMW));
    expect(ja.text.headline).toContain(formatPower(s.mean));
    expect(ja.text.headline).toContain(`P5–P95 ${formatPowerRange(s.p5, s.p95)}`);
    expect(ja.text.seLine).toContain('モンテカルロ標準誤差');
    expect(ja.text.seLine).toContain('512');
    expect(ja.text.details.join(' ')).toContain('US$');
    // The same sentences, the same count of them, in English.
    expect(ja.text.details.length).toBe(en.text.details.length);
    expect(en.text.headline).toMatch(/^Of the .* planned to run in \d{4}, .* is not delivered\.$/);
  });

  it('the comparison with the scenario as written is Japanese too', () => {
    const asWritten = answerAt().shortfall;
    const moved = { ...asWritten, shortfallMW: { ...asWritten.shortfallMW, mean: asWritten.shortfallMW.mean * 1.5 } };
    const line = inJapanese(() => answerText(moved, { draws: 512, baseline: asWritten }).baselineLine) ?? '';
    expect(english(line), line).toEqual([]);
    expect(line).toContain(formatPower(asWritten.shortfallMW.mean, 2, powerUnit(asWritten.shortfallMW.mean, moved.shortfallMW.mean)));
    expect(line).toContain('シナリオどおり');
  });

  it('the site and region "why" sentences are Japanese', () => {
    const y = answerAt().year;
    const regionNames = new Map(scenario.regions.map((r) => [r.id, r.name]));
    const [site, region] = inJapanese(() => [
      siteWhyText(siteWhy(result, 0, 0, y), y),
      regionWhyText(regionShortfallInYear(scenario, result, 0, y), y, regionNames),
    ]);
    const names = [...scenario.regions.map((r) => r.name), ...scenario.regions.map((r) => r.id)];
    expect(english(plain(site)), site).toEqual([]);
    expect(english(plain(region), names), region).toEqual([]);
    expect(site).toContain(`${y}年`);
  });

  it('knob labels, units and help follow the language', () => {
    const en = KNOB_META.gridBuildoutScale.label;
    const ja = inJapanese(() => [KNOB_META.gridBuildoutScale.label, KNOB_META.gridBuildoutScale.unit, KNOB_META.gridBuildoutScale.help]);
    expect(en).toBe('Grid build-out');
    expect(ja.join(' ')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("a preset's name and description come from its i18n block", () => {
    for (const id of ['global-2030', 'uk-2030', 'us-federal-sites', 'japan-2030']) {
      const s = mustParse(JSON.parse(readFileSync(new URL(`../../public/data/scenarios/${id}.json`, import.meta.url), 'utf8')));
      expect(scenarioName(s)).toBe(s.name);
      const [name, description] = inJapanese(() => [scenarioName(s), scenarioDescription(s)]);
      expect(name, id).toBe(s.i18n?.ja?.name);
      expect(description, id).toBe(s.i18n?.ja?.description);
      expect(name).not.toBe(s.name);
    }
  });
});
