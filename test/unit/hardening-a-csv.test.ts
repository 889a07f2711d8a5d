// Spreadsheet formula injection: every CSV the project writes goes through engine/csv.ts toCsv,
// which puts an apostrophe before a text cell a spreadsheet would evaluate. Checked on the one
// writer with fast-check, and on each export with a site named like an attack.
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramSetTable, tableToCsv } from '../../src/analysis/table';
import { createEngine } from '../../src/createEngine';
import { FORMULA_START, toCsv } from '../../src/engine/csv';
import { rawSamplesToCsv } from '../../src/engine/rawExport';
import { resultToJson } from '../../src/engine/resultJson';
import type { Engine, RunResult } from '../../src/engine/types';
import { sitesToCsv } from '../../src/data/scenarioFile';
import type { Scenario } from '../../src/scenario/schema';
import { resultsCsv, siteYearsCsv } from '../../src/ui/io/exports';
import { handScenario } from './engineHelpers';

const ATTACKS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1', ' =1+1', '＝1+1'];

/** Every cell of a CSV text, parsed back as a spreadsheet would split it. */
const rows = (text: string): string[][] => Papa.parse<string[]>(text.replace(/\n$/, ''), { header: false, delimiter: ',' }).data;
const cells = (text: string): string[] => rows(text).flat();
/** What a spreadsheet runs as a formula (OWASP), written out here rather than taken from csv.ts. */
const SPREADSHEET_FORMULA = /^(?:[\t\r]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;
const dangerous = (cell: string): boolean => SPREADSHEET_FORMULA.test(cell);

describe('toCsv', () => {
  it('prefixes every text cell that starts like a formula, and only those', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), (row) => {
        const back =
          rows(
            toCsv(
              row.map((_, i) => `c${i}`),
              [row],
            ),
          )[1] ?? [];
        row.forEach((cell, i) => {
          const got = back[i] ?? '';
          // Guarded: every dangerous cell, and one that already starts with apostrophes before a
          // formula (so a reader taking one apostrophe off gets it back).
          if (FORMULA_START.test(cell)) expect(got).toBe(`'${cell}`);
          else expect(got).toBe(cell);
          if (dangerous(cell)) expect(got.startsWith("'")).toBe(true);
          expect(dangerous(got)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves numbers alone, negative ones included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        const back = cells(toCsv(['v'], [[v]]))[1] ?? '';
        expect(Number(back)).toBe(v === 0 ? 0 : v); // -0 prints as "0"
      }),
      { numRuns: 300 },
    );
  });

  it('guards the header too', () => {
    expect(cells(toCsv(['=1+1'], []))[0]).toBe("'=1+1");
  });
});

describe('every CSV export', () => {
  let engine: Engine;
  let scenario: Scenario;
  let result: RunResult;
  beforeAll(async () => {
    engine = await createEngine({ backend: 'cpu', workers: 1 });
    scenario = handScenario({ site: { id: '-2.3', name: ATTACKS[0] } }); // ids allow a leading '-'
    result = await engine.run(scenario, { draws: 64, seed: 3 });
  });
  afterAll(() => engine.dispose());

  const noFormula = (text: string) => {
    // A plain number such as -0.1 is data, not a formula: spreadsheets read it as a number.
    for (const cell of cells(text))
      expect(dangerous(cell) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell), `cell ${JSON.stringify(cell)}`).toBe(false);
  };

  it('sites by year: id and name neutralised', () => {
    const text = siteYearsCsv(result, scenario);
    expect(text).toContain("'-2.3");
    expect(text).toContain(`'=HYPERLINK`);
    noFormula(text);
  });

  it('results CSV and the sweep table', () => {
    noFormula(resultsCsv(result));
    noFormula(tableToCsv(paramSetTable(resultToJson(result, scenario))));
  });

  it('raw samples', async () => {
    noFormula(rawSamplesToCsv(await engine.samples(scenario, { draws: 16, seed: 3 })));
  });

  it('site list export, for every attack string as a name', () => {
    const site = scenario.sites[0];
    if (!site) throw new Error('hand scenario has a site');
    const text = sitesToCsv(ATTACKS.map((name, i) => ({ ...site, id: `s${i}`, name })));
    noFormula(text);
  });
});
