// Validation rules are worded in English in src/scenario (shared with the CLI); the page shows
// them in its language. The messages tested are the validator's own, produced from broken copies
// of a preset, so a rule reworded there without its shape here fails this test.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ruleText } from '../../src/data/ruleText';
import { setLanguage } from '../../src/i18n/i18n';
import { parseScenario } from '../../src/scenario/validate';

/** Only the parts the breaks reach into. */
type Preset = { sites: Record<string, unknown>[]; regions: unknown[]; knobs: Record<string, { value: number }> };
const preset = (): Preset => JSON.parse(readFileSync('public/data/scenarios/uk-2030.json', 'utf8'));

/** Each break gives the validator one kind of bad value; the messages are whatever it says. */
const BREAKS: ((s: Preset) => void)[] = [
  (s) => (s.sites[0]!.lat = 123),
  (s) => (s.sites[0]!.lon = -999),
  (s) => (s.sites[0]!.status = 'imagined'),
  (s) => (s.sites[0]!.cooling = 'ice'),
  (s) => (s.sites[0]!.itLoadMW = -5),
  (s) => (s.sites[0]!.itLoadMW = 1e9),
  (s) => (s.sites[0]!.plannedYear = 1800),
  (s) => (s.sites[0]!.id = 'bad id!'),
  (s) => (s.sites[0]!.name = ''),
  (s) => (s.sites[0]!.rampYears = 'soon'),
  (s) => (s.sites = []),
  (s) => (s.regions = []),
  (s) => (s.knobs.demandGrowthPctPerYear!.value = 1e6),
];

function messages(): string[] {
  const out = new Set<string>();
  for (const b of BREAKS) {
    const s = preset();
    b(s);
    const r = parseScenario(JSON.stringify(s));
    if (r.ok) throw new Error(`the validator accepted a broken scenario (${b.toString()})`);
    for (const i of r.errors) out.add(i.message);
  }
  return [...out];
}

afterEach(() => setLanguage('en'));

describe('validation rules in the page language', () => {
  it('English: every rule reads as the validator wrote it', () => {
    setLanguage('en');
    const all = messages();
    expect(all.length).toBeGreaterThan(8);
    for (const m of all) expect(ruleText(m)).toBe(m);
  });

  it('Japanese: every "must …" rule the validator gives is rebuilt in Japanese, its numbers kept', () => {
    setLanguage('ja');
    const rules = messages().filter((m) => m.startsWith('must '));
    expect(rules.length).toBeGreaterThan(8);
    for (const m of rules) {
      const ja = ruleText(m);
      expect(ja, m).not.toMatch(/\bmust\b/);
      expect(ja, m).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      for (const n of m.match(/-?\d[\d,.]*/g) ?? []) expect(ja, m).toContain(n);
    }
  });

  it('an unknown wording is shown as given', () => {
    setLanguage('ja');
    expect(ruleText('is reserved, rename it')).toBe('is reserved, rename it');
  });
});
