// The CPU fallback: the same kernels as the GPU (their TypeScript mirrors), spread over Web
// Workers (or worker_threads in Node). Each dispatch is cut into one piece per worker; block sums
// come back in block order and are folded exactly as fold.wgsl does. The pilot's draws are kept
// by the worker that ran them and binned, not simulated again, in the main pass.
import * as Comlink from 'comlink';
import type { Backend, GroupOutput, GroupSetup } from '../../engine/backend';
import { EngineDisposedError } from '../../engine/types';
import type { CounterLayout } from '../../engine/counters';
import { ACCUM_STRIDE, BLOCK_DRAWS, SUMMARY_STRIDE } from '../../kernel/contract';
import type { Params } from '../../kernel/common';
import { fold } from '../../kernel/fold';
import { summarize } from '../../kernel/summarize';
import { startWorkerPool, type WorkerPool } from './workerPool';

type Piece = Pick<Params, 'paramOffset' | 'paramCount' | 'blockOffset' | 'blockCount'>;

/** Cuts a dispatch into at most `n` contiguous pieces, by blocks when there are enough. */
export function splitDispatch(d: Piece, n: number): Piece[] {
  const byBlocks = d.blockCount >= n || d.blockCount >= d.paramCount;
  const total = byBlocks ? d.blockCount : d.paramCount;
  const parts = Math.min(n, total);
  const out: Piece[] = [];
  for (let i = 0; i < parts; i++) {
    const start = Math.floor((i * total) / parts);
    const count = Math.floor(((i + 1) * total) / parts) - start;
    out.push(
      byBlocks
        ? { paramOffset: d.paramOffset, paramCount: d.paramCount, blockOffset: d.blockOffset + start, blockCount: count }
        : { paramOffset: d.paramOffset + start, paramCount: count, blockOffset: d.blockOffset, blockCount: d.blockCount },
    );
  }
  return out;
}

/** A rectangle of (parameter set, block) cells and the worker that runs it. */
export interface Job {
  piece: Piece;
  worker: number;
}

function intersect(a: Piece, b: Piece): Piece | undefined {
  const p0 = Math.max(a.paramOffset, b.paramOffset);
  const p1 = Math.min(a.paramOffset + a.paramCount, b.paramOffset + b.paramCount);
  const b0 = Math.max(a.blockOffset, b.blockOffset);
  const b1 = Math.min(a.blockOffset + a.blockCount, b.blockOffset + b.blockCount);
  return p1 > p0 && b1 > b0 ? { paramOffset: p0, paramCount: p1 - p0, blockOffset: b0, blockCount: b1 - b0 } : undefined;
}

/**
 * A main dispatch's jobs: the cells a worker's pilot ran go back to that worker, which kept their
 * draws and only bins them; the blocks past the pilot's are cut into one piece per worker.
 */
export function mainJobs(d: Piece, pilotJobs: readonly Job[], n: number): Job[] {
  const jobs: Job[] = [];
  let pilotEnd = 0;
  for (const j of pilotJobs) {
    pilotEnd = Math.max(pilotEnd, j.piece.blockOffset + j.piece.blockCount);
    const cells = intersect(d, j.piece);
    if (cells) jobs.push({ piece: cells, worker: j.worker });
  }
  const start = Math.max(d.blockOffset, pilotEnd);
  const end = d.blockOffset + d.blockCount;
  if (end > start) {
    const rest = { ...d, blockOffset: start, blockCount: end - start };
    splitDispatch(rest, n).forEach((piece, worker) => jobs.push({ piece, worker }));
  }
  return jobs;
}

/**
 * Adds worker counters into `into`; the load sums and the region-year MW by cause are 64-bit
 * (low, high) pairs (src/engine/counters.ts).
 */
function addCounters(into: Uint32Array, from: Uint32Array, layout: CounterLayout): void {
  // 64-bit pairs: the load sums and the region-year MW sums (which end where the histograms start).
  const regionCauseEnd = layout.regionHist ?? layout.total;
  const pairs = (i: number): number =>
    i >= layout.load && i < layout.curtail ? i - layout.load : i >= layout.regionCause && i < regionCauseEnd ? i - layout.regionCause : -1;
  for (let i = 0; i < into.length; i++) {
    const pair = pairs(i);
    if (pair >= 0 && pair % 2 === 0) {
      const low = into[i] + from[i];
      into[i] = low >>> 0;
      into[i + 1] = (into[i + 1] + from[i + 1] + (low > 0xffffffff ? 1 : 0)) >>> 0;
      i++;
    } else {
      into[i] = (into[i] + from[i]) >>> 0;
    }
  }
}

/**
 * Puts each piece's per-(parameter set, block) cells, of `cellFloats` floats, where the whole
 * dispatch would have written them: parameter-major, then block.
 */
function placePieces(d: Piece, pieces: Piece[], parts: Float32Array[], cellFloats: number): Float32Array {
  const out = new Float32Array(d.paramCount * d.blockCount * cellFloats);
  pieces.forEach((piece, i) => {
    for (let pi = 0; pi < piece.paramCount; pi++) {
      for (let bi = 0; bi < piece.blockCount; bi++) {
        const src = (pi * piece.blockCount + bi) * cellFloats;
        const dst = ((piece.paramOffset - d.paramOffset + pi) * d.blockCount + piece.blockOffset - d.blockOffset + bi) * cellFloats;
        out.set(parts[i].subarray(src, src + cellFloats), dst);
      }
    }
  });
  return out;
}

export class CpuBackend implements Backend {
  readonly kind = 'cpu' as const;
  readonly device: string;
  private setup: GroupSetup | undefined;
  private accum = new Float32Array(0);
  private rangesShared = false;
  /** The group's pilot pieces by worker: each worker keeps the draws of its own (PilotStash). */
  private pilotJobs: Job[] = [];
  private disposed = false;

  private constructor(private readonly pool: WorkerPool) {
    const n = pool.workers.length;
    this.device = `CPU, ${n} worker${n === 1 ? '' : 's'}`;
  }

  /** Worker threads: a dispatch is cut into this many pieces, so the plan gives each some blocks. */
  get workers(): number {
    return this.pool.workers.length;
  }

  static async create(workers: number): Promise<CpuBackend> {
    return new CpuBackend(await startWorkerPool(workers));
  }

  private get group(): GroupSetup {
    if (!this.setup) throw new Error('CpuBackend: beginGroup was not called');
    return this.setup;
  }

  /** After dispose the workers are gone: a clear error, not Comlink's "Proxy has been released". */
  private live(): void {
    if (this.disposed) throw new EngineDisposedError();
  }

  async beginGroup(setup: GroupSetup): Promise<void> {
    this.live();
    this.setup = setup;
    this.accum = new Float32Array(setup.paramCount * setup.packed.nSeries * ACCUM_STRIDE);
    this.rangesShared = false;
    this.pilotJobs = [];
    const workerSetup = {
      paramCount: setup.paramCount,
      scenario: setup.packed.data,
      knobs: setup.knobs,
      seriesInfo: setup.packed.seriesInfo,
      rangeWords: setup.paramCount * setup.packed.nSeries * 2,
      counterWords: setup.layout.total,
    };
    await Promise.all(this.pool.workers.map((w) => w.beginGroup(workerSetup)));
  }

  /** After the pilot, every worker needs the ranges all of them found. */
  private async shareRanges(): Promise<Uint32Array> {
    const all = await Promise.all(this.pool.workers.map((w) => w.takeRanges()));
    const merged = all[0].slice();
    for (const r of all.slice(1)) {
      for (let i = 0; i < merged.length; i += 2) {
        merged[i] = Math.min(merged[i], r[i]);
        merged[i + 1] = Math.max(merged[i + 1], r[i + 1]);
      }
    }
    if (!this.rangesShared) await Promise.all(this.pool.workers.map((w) => w.setRanges(merged)));
    this.rangesShared = true;
    return merged;
  }

  async dispatch(params: Params, mode: 0 | 1): Promise<void> {
    this.live();
    const n = this.pool.workers.length;
    if (mode === 0) {
      const pieces = splitDispatch(params, n);
      this.pilotJobs.push(...pieces.map((piece, worker) => ({ piece, worker })));
      await Promise.all(pieces.map((piece, i) => this.pool.workers[i].pilot({ ...params, ...piece })));
      return;
    }
    if (!this.rangesShared) await this.shareRanges();
    const jobs = mainJobs(params, this.pilotJobs, n);
    const partials = await Promise.all(jobs.map((j) => this.pool.workers[j.worker].main({ ...params, ...j.piece })));
    const pieces = jobs.map((j) => j.piece);
    fold(params, placePieces(params, pieces, partials, params.nSeries * 2), this.accum);
  }

  async raw(params: Params): Promise<Float32Array> {
    this.live();
    const pieces = splitDispatch(params, this.pool.workers.length);
    const parts = await Promise.all(pieces.map((piece, i) => this.pool.workers[i].raw({ ...params, ...piece })));
    return placePieces(params, pieces, parts, BLOCK_DRAWS * params.nSeries);
  }

  async finishGroup(): Promise<GroupOutput> {
    this.live();
    const g = this.group;
    const ranges = await this.shareRanges();
    const all = await Promise.all(this.pool.workers.map((w) => w.takeCounters()));
    const counters = new Uint32Array(g.layout.total);
    for (const c of all) addCounters(counters, c, g.layout);
    const summary = new Float32Array(g.paramCount * g.packed.nSeries * SUMMARY_STRIDE);
    summarize({ ...g.base, paramOffset: 0, paramCount: g.paramCount }, ranges, counters, this.accum, summary, g.packed.seriesInfo);
    return { summary, ranges, counters };
  }

  /** Frees the workers once; a second call does nothing. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.pool.workers) w[Comlink.releaseProxy]();
    await this.pool.terminate();
  }
}
