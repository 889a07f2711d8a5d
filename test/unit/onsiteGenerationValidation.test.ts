// Scenario validation of on-site generation (src/scenario/schema.ts, validate.ts): every bad input
// comes back with the path of the field at fault and a rule a person can act on.
import { describe, expect, it } from 'vitest';
import { packScenario, sitesOffset } from '../../src/engine/pack';
import { DIST_UNIFORM, SITE_GEN_AVAILABILITY, SITE_GEN_CAPACITY, SITE_GEN_DELAY, SITE_STRIDE } from '../../src/kernel/contract';
import { parseScenario } from '../../src/scenario/validate';
import { handScenario, mustParse } from './engineHelpers';

const noShock = { delayYears: 0.5, shockProbability: 0, shockDelayYears: 0, scope: 'global' };
const plant = { capacityMW: 60, kind: 'gasTurbine', availability: 0.9 };

/** The hand scenario's site with `site` as its plant; `equipment` null leaves supplyChain.onsiteGeneration out. */
function withPlant(site: object, equipment: object | null = noShock): unknown {
  const base = handScenario();
  const supplyChain = equipment ? { ...base.supplyChain, onsiteGeneration: equipment } : base.supplyChain;
  return { ...base, sites: [{ ...base.sites[0], onsiteGeneration: site }], supplyChain };
}

function issues(input: unknown): { path: string; message: string }[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.errors;
}

describe('on-site generation is validated with a path for every problem', () => {
  it('a valid plant parses, and packs its capacity, the equipment delay it inherits and its availability', () => {
    const s = mustParse(withPlant(plant));
    const p = packScenario(s);
    const at = sitesOffset(p);
    expect(p.data[at + SITE_GEN_CAPACITY]).toBe(60);
    // No delay of its own: the supply item's 0.5 years (a fixed distribution).
    expect(Array.from(p.data.subarray(at + SITE_GEN_DELAY, at + SITE_GEN_DELAY + 2))).toEqual([0, 0.5]);
    expect(p.data[at + SITE_GEN_AVAILABILITY + 1]).toBeCloseTo(0.9, 6);
    // A site without a plant packs capacity 0: the kernels draw nothing for it.
    const none = packScenario(handScenario());
    expect(none.data[sitesOffset(none) + SITE_GEN_CAPACITY]).toBe(0);
    expect(SITE_STRIDE).toBeGreaterThan(SITE_GEN_AVAILABILITY);
  });

  it('a site with its own delayYears needs no supply item; one without it does, and is told where', () => {
    const own = { ...plant, delayYears: { dist: 'uniform', min: 1, max: 3 } };
    const s = mustParse(withPlant(own, null));
    expect(packScenario(s).data[sitesOffset(packScenario(s)) + SITE_GEN_DELAY]).toBe(DIST_UNIFORM);
    expect(issues(withPlant(plant, null))).toEqual([
      {
        path: 'supplyChain.onsiteGeneration',
        message: 'is required: sites[0].onsiteGeneration plans on-site generation without a delayYears of its own',
      },
    ]);
  });

  it('refuses an availability outside [0, 1], a negative delay, a capacity ≤ 0 and an unknown kind, each at its path', () => {
    const paths = (site: object) => issues(withPlant({ ...plant, ...site })).map((i) => i.path);
    expect(paths({ availability: { dist: 'uniform', min: 0.5, max: 1.2 } })).toContain('sites[0].onsiteGeneration.availability.max');
    expect(paths({ availability: { dist: 'normal', mean: 0.9, sd: 0.05 } })).toContain('sites[0].onsiteGeneration.availability');
    expect(paths({ delayYears: { dist: 'uniform', min: -1, max: 2 } })).toContain('sites[0].onsiteGeneration.delayYears.min');
    expect(paths({ capacityMW: 0 })).toEqual(['sites[0].onsiteGeneration.capacityMW']);
    expect(paths({ capacityMW: 1e6 })).toEqual(['sites[0].onsiteGeneration.capacityMW']);
    const kind = issues(withPlant({ ...plant, kind: 'windmill' }));
    expect(kind).toEqual([
      { path: 'sites[0].onsiteGeneration.kind', message: 'must be one of gasTurbine, reciprocatingEngine, fuelCell, smr' },
    ]);
    expect(paths({ fuel: 'gas' })).toEqual(['sites[0].onsiteGeneration.fuel']);
  });
});
