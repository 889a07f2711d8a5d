// The pilot's draws, kept by a CPU worker so the main pass bins them instead of simulating them
// again (issue 11: the pilot used to re-simulate the first min(N, 128) draws, twice the work of
// a 64-draw ensemble). simulate.wgsl keeps them the same way, in its `stash` buffer. The
// numbers are the same: a draw is a pure function of its counters, so the series values kept
// here are those the main pass would compute, and their counters were counted once, in the pilot.
import { BLOCK_DRAWS } from './contract';

export class PilotStash {
  /** Each kept (parameter set, block) cell's series values: BLOCK_DRAWS rows × nSeries. */
  private readonly cells = new Map<number, Float32Array>();

  /** Parameter sets of the group (a cell's key is block × paramCount + pl). */
  constructor(private readonly paramCount: number) {}

  /** A new cell's rows, to be filled by the pilot. */
  open(pl: number, block: number, nSeries: number): Float32Array {
    const rows = new Float32Array(BLOCK_DRAWS * nSeries);
    this.cells.set(block * this.paramCount + pl, rows);
    return rows;
  }

  /** The cell's rows, removed from the stash (each is binned once), or undefined when not kept. */
  take(pl: number, block: number): Float32Array | undefined {
    const key = block * this.paramCount + pl;
    const rows = this.cells.get(key);
    this.cells.delete(key);
    return rows;
  }

  get size(): number {
    return this.cells.size;
  }
}
