// The CPU backend's main-pass jobs: a worker's pilot keeps the draws it ran (PilotStash), so each
// of those cells must go back to that worker, every cell of the dispatch must be run exactly once,
// and the blocks past the pilot are shared among the workers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CpuBackend, type Job, mainJobs, splitDispatch } from '../../src/backends/cpu/CpuBackend';
import { tuningFor } from '../../src/createEngine';
import { packScenario } from '../../src/engine/pack';
import { planRun } from '../../src/engine/plan';
import { checkScenario } from '../../src/scenario/validate';

type Piece = Job['piece'];

/** Who runs each cell of d: a map "pl,block" → worker; throws on a cell run twice. */
function owners(jobs: Job[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { piece, worker } of jobs) {
    for (let p = piece.paramOffset; p < piece.paramOffset + piece.paramCount; p++) {
      for (let b = piece.blockOffset; b < piece.blockOffset + piece.blockCount; b++) {
        const key = `${p},${b}`;
        if (out.has(key)) throw new Error(`cell ${key} is run twice`);
        out.set(key, worker);
      }
    }
  }
  return out;
}

/** The pilot's jobs for a group of `sets` parameter sets over `pilotBlocks` blocks, as CpuBackend records them. */
function pilotJobs(sets: number, pilotBlocks: number, workers: number, cut: number): Job[] {
  const jobs: Job[] = [];
  for (let p0 = 0; p0 < sets; p0 += cut) {
    const d = { paramOffset: p0, paramCount: Math.min(cut, sets - p0), blockOffset: 0, blockCount: pilotBlocks };
    splitDispatch(d, workers).forEach((piece, worker) => jobs.push({ piece, worker }));
  }
  return jobs;
}

describe('mainJobs', () => {
  const cases: [string, number, number, number, number, Piece[]][] = [
    // name, sets, pilot blocks, workers, pilot cut (sets per pilot dispatch), main dispatches
    ['one set, 4096 draws in one dispatch', 1, 2, 2, 1, [{ paramOffset: 0, paramCount: 1, blockOffset: 0, blockCount: 64 }]],
    [
      'one set, main cut finer than the pilot',
      1,
      2,
      2,
      1,
      [0, 1, 2, 3].map((b) => ({ paramOffset: 0, paramCount: 1, blockOffset: b, blockCount: 1 })),
    ],
    [
      'an ensemble of 64-draw sets (the pilot is the whole run)',
      37,
      1,
      2,
      10,
      [0, 10, 20, 30].map((p) => ({ paramOffset: p, paramCount: Math.min(10, 37 - p), blockOffset: 0, blockCount: 1 })),
    ],
    [
      'three sets, three workers, main dispatches by set',
      3,
      2,
      3,
      3,
      [0, 1, 2].map((p) => ({ paramOffset: p, paramCount: 1, blockOffset: 0, blockCount: 5 })),
    ],
  ];
  it.each(cases)('%s: every cell once, each pilot cell on its pilot worker', (_name, sets, pilotBlocks, workers, cut, dispatches) => {
    const pilot = pilotJobs(sets, pilotBlocks, workers, cut);
    const pilotOwner = owners(pilot);
    const all: Job[] = [];
    for (const d of dispatches) {
      const jobs = mainJobs(d, pilot, workers);
      const cells = owners(jobs);
      // Exactly the dispatch's cells.
      expect(cells.size).toBe(d.paramCount * d.blockCount);
      for (const key of cells.keys()) {
        const [p, b] = key.split(',').map(Number) as [number, number];
        expect(p >= d.paramOffset && p < d.paramOffset + d.paramCount && b >= d.blockOffset && b < d.blockOffset + d.blockCount).toBe(true);
        if (pilotOwner.has(key)) expect(cells.get(key), `cell ${key}`).toBe(pilotOwner.get(key));
        expect(cells.get(key)).toBeLessThan(workers);
      }
      all.push(...jobs);
    }
    owners(all); // no cell in two dispatches' jobs
  });

  it('shares the blocks past the pilot among the workers', () => {
    const pilot = pilotJobs(1, 2, 2, 1);
    const jobs = mainJobs({ paramOffset: 0, paramCount: 1, blockOffset: 0, blockCount: 64 }, pilot, 2);
    const simulated = jobs.filter((j) => j.piece.blockOffset >= 2);
    expect(simulated.map((j) => j.worker).sort()).toEqual([0, 1]);
    expect(simulated.reduce((n, j) => n + j.piece.blockCount, 0)).toBe(62);
  });
});

describe('the CPU plan', () => {
  // On global-2030 (64 sites × 11 years) 2^18 site-years per worker is 11.6 blocks of 64 draws:
  // cut into 11-cell dispatches, two workers split each 5/6 and one waited for the other.
  const global = checkScenario(JSON.parse(readFileSync(new URL('../../public/data/scenarios/global-2030.json', import.meta.url), 'utf8')));
  const shapes: [string, number, number][] = [
    ['the live view, 1 set × 4096 draws', 1, 4096],
    ['the bench, 4 sets × 4096 draws', 4, 4096],
    ['an ensemble, 256 sets × 64 draws', 256, 64],
    ['an ensemble, 37 sets × 200 draws', 37, 200],
  ];
  it.each(shapes)('%s: the largest dispatches, the bulk of the run, split evenly between two workers', (_name, sets, draws) => {
    const workers = 2;
    // The CPU backend's own tuning, for a backend of two workers (no threads are started).
    const backend = Object.create(CpuBackend.prototype, { pool: { value: { workers: [{}, {}] } } }) as CpuBackend;
    const groups = planRun(packScenario(global), sets, draws, tuningFor(backend));
    for (const { main } of groups) {
      const full = main.filter((d) => d.paramCount * d.blockCount === Math.max(...main.map((m) => m.paramCount * m.blockCount)));
      for (const d of full) {
        const counts = splitDispatch(d, workers).map((p) => p.paramCount * p.blockCount);
        expect(counts, JSON.stringify(d)).toEqual(counts.map(() => counts[0]));
      }
      expect(full.length).toBeGreaterThan(0);
    }
  });
});
