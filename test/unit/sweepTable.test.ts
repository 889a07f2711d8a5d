// The sweep table (CLI --csv / --arrow) carries what breaks first: per parameter set and year the
// MW not delivered, its causes and the capital idle, the same numbers as the result JSON.
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramSetTable, tableToArrow, tableToCsv } from '../../src/analysis/table';
import { createEngine } from '../../src/createEngine';
import { CAUSES } from '../../src/engine/attribution';
import { resultToJson, type ResultJson } from '../../src/engine/resultJson';
import type { Engine } from '../../src/engine/types';
import { fixtureScenario, handScenario, mustParse } from './engineHelpers';

describe('sweep table attribution columns', () => {
  let engine: Engine;
  let json: ResultJson;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 1 });
    const scenario = fixtureScenario();
    json = resultToJson(await engine.run(scenario, { draws: 256, seed: 5, paramSets: { count: 3, design: 'sobol' } }), scenario);
  });
  afterAll(() => engine.dispose());

  it('has a column per year, stat and cause, equal to the JSON attribution', () => {
    const table = paramSetTable(json);
    expect(json.paramSets.some((s) => s.attribution?.some((a) => a.shortfallMW.mean > 0))).toBe(true); // something to attribute
    for (const [y, year] of json.years.entries()) {
      for (const [k, set] of json.paramSets.entries()) {
        const a = set.attribution?.[y];
        if (!a) throw new Error('fixture result has attribution');
        expect(table.data[`shortfallMW[${year}]_p95`]?.[k]).toBe(a.shortfallMW.p95);
        expect(table.data[`shortfallPExceed[${year}]`]?.[k]).toBe(a.pExceed);
        expect(table.data[`idleFacilityCapexUSD[${year}]`]?.[k]).toBe(a.facilityCapexUSD);
        const causeSum = CAUSES.reduce((sum, c) => sum + (table.data[`shortfallMW[${c}][${year}]_mean`]?.[k] as number), 0);
        // The causes split each draw's shortfall exactly; their means differ from the total's only
        // by float32 summation (the kernels sum each series separately): 1e-4 of the plan.
        expect(Math.abs(causeSum - a.shortfallMW.mean)).toBeLessThanOrEqual(1e-4 * a.plannedMW + 1e-6);
      }
    }
  });

  it('CSV and Arrow carry the same columns and numbers', () => {
    const table = paramSetTable(json);
    const csv = Papa.parse<Record<string, string>>(tableToCsv(table).trim(), { header: true, delimiter: ',' });
    expect(csv.meta.fields).toEqual(table.columns);
    const arrow = tableFromIPC(tableToArrow(table));
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(table.columns);
    const col = `shortfallMW[${json.years.at(-1)}]_mean`;
    for (let k = 0; k < table.rows; k++) {
      expect(Number(csv.data[k]?.[col])).toBe(table.data[col]?.[k]);
      expect(arrow.getChild(col)?.get(k)).toBe(table.data[col]?.[k]);
    }
  });

  it('carries the grid connections behind the shortfall when the scenario prices them', async () => {
    const one = handScenario({
      supplyChain: { transformers: { delayYears: 1, shockProbability: 0, shockDelayYears: 0, scope: 'global' } },
    });
    const s = mustParse({ ...one, economics: { facilityCapexUSDPerMW: 11e6, gridCapexUSDPerMW: 0.3e6 } });
    const table = paramSetTable(resultToJson(await engine.run(s, { draws: 64, seed: 1 }), s));
    // 2027: 50 MW of 75 planned are late in every draw.
    expect(table.data['idleGridCapexUSD[2027]']?.[0]).toBeCloseTo(50 * 0.3e6, 0);
    expect(table.data['idleFacilityCapexUSD[2027]']?.[0]).toBeCloseTo(50 * 11e6, -1);
    expect(paramSetTable(json).columns.some((c) => c.startsWith('idleGridCapexUSD'))).toBe(false); // the fixture prices no grid
  });
});
