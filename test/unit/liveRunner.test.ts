// The live view's run policy (src/ui/liveRunner.ts), on a fake engine whose runs take a fixed
// time and, like the real one, stop only at a dispatch boundary (here: their end) when cancelled.
// A burst of changes is answered with the latest value first, a long drag still shows passes, and
// the refined pass follows the coarse one of the same value.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunAbortedError, type Engine, type RunOptions, type RunResult } from '../../src/engine/types';
import { checkScenario } from '../../src/scenario/validate';
import { COARSE_DRAWS, LiveRunner } from '../../src/ui/liveRunner';
import { Store } from '../../src/ui/store';
import { initialState } from '../../src/ui/urlState';

const scenario = checkScenario(JSON.parse(readFileSync(new URL('../../public/data/scenarios/uk-2030.json', import.meta.url), 'utf8')));
const KNOB = 'demandGrowthPctPerYear';

interface Run {
  draws: number;
  value: number | undefined;
  started: number;
  outcome: 'running' | 'done' | 'aborted';
  /** The companion run of the scenario as written asks for no histograms; live passes do. */
  live: boolean;
}

/** An engine whose every run takes `ms` of (fake) time; a cancelled run rejects when it would have ended. */
function fakeEngine(ms: number): { engine: Engine; runs: Run[] } {
  const runs: Run[] = [];
  const run = (s: typeof scenario, o: RunOptions = {}): Promise<RunResult> => {
    const rec: Run = {
      draws: o.draws ?? 0,
      value: s.knobs[KNOB]?.value,
      started: performance.now(),
      outcome: 'running',
      live: o.histograms === true,
    };
    runs.push(rec);
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (o.signal?.aborted) {
          rec.outcome = 'aborted';
          reject(new RunAbortedError());
          return;
        }
        rec.outcome = 'done';
        resolve({ draws: rec.draws, seed: o.seed, series: [], value: rec.value } as unknown as RunResult);
      }, ms);
    });
  };
  return { engine: { backend: 'cpu', device: 'fake', run } as unknown as Engine, runs };
}

function setup(ms: number) {
  const store = new Store({ ...initialState(''), ready: true, scenario });
  const { engine, runs } = fakeEngine(ms);
  const runner = new LiveRunner(store, () => engine);
  const move = (value: number): void => {
    store.set({ knobs: { ...store.state.knobs, [KNOB]: value } });
    runner.requestLive();
  };
  const shown: { draws: number; value: number; at: number }[] = [];
  store.subscribe(() => {
    const r = store.state.result as unknown as { draws: number; value: number } | undefined;
    if (r && shown.at(-1)?.value !== r.value) shown.push({ ...r, at: performance.now() });
    else if (r && shown.at(-1)?.draws !== r.draws) shown.push({ ...r, at: performance.now() });
  });
  return { store, runs, runner, move, shown };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

describe('the live runner', () => {
  it('answers a burst of key presses with the latest value first, without waiting for earlier passes', async () => {
    const { runs, move, shown, runner } = setup(120);
    for (const v of [1, 2, 3]) {
      move(v);
      await vi.advanceTimersByTimeAsync(50);
    }
    const lastKey = performance.now() - 50;
    await vi.advanceTimersByTimeAsync(5_000);
    const refined = await runner.settled();
    expect((refined as unknown as { value: number }).value).toBe(3);
    // Nothing of an earlier value was shown after the first key: each was cancelled.
    expect(shown.map((s) => s.value)).toEqual([3, 3]);
    expect(shown.map((s) => s.draws)).toEqual([COARSE_DRAWS, expect.any(Number)]);
    // The latest value's coarse pass started once the run in flight reached its boundary (≤ one run's time).
    const coarse3 = runs.find((r) => r.value === 3 && r.draws === COARSE_DRAWS);
    expect(coarse3!.started - lastKey).toBeLessThanOrEqual(120);
    expect(runs.filter((r) => r.live && r.value !== 3).every((r) => r.outcome === 'aborted')).toBe(true);
  });

  it('lets a coarse pass land during a long drag, so the map keeps moving', async () => {
    const { move, shown } = setup(120);
    // A drag: a new value every 16 ms for 1.5 s.
    for (let i = 1; i <= 94; i++) {
      move(i / 10);
      await vi.advanceTimersByTimeAsync(16);
    }
    const during = shown.filter((s) => s.draws === COARSE_DRAWS && s.value < 9.4);
    // Passes land at most LAND_EVERY_MS (200 ms) plus two runs apart: several during the drag.
    expect(during.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < during.length; i++) expect(during[i]!.at - during[i - 1]!.at).toBeLessThanOrEqual(200 + 2 * 120 + 16);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(shown.at(-1)?.value).toBe(9.4);
  });

  it('cancels a refine of an old value at once and refines the new one after its coarse pass', async () => {
    const { runs, move, runner } = setup(100);
    move(1);
    await vi.advanceTimersByTimeAsync(150); // coarse of 1 landed, its refine is in flight
    expect(runs.at(-1)).toMatchObject({ value: 1, outcome: 'running' });
    expect(runs.at(-1)!.draws).toBeGreaterThan(COARSE_DRAWS);
    move(2);
    await vi.advanceTimersByTimeAsync(5_000);
    await runner.settled();
    const after = runs.filter((r) => r.live && r.value === 2);
    expect(after.map((r) => [r.draws > COARSE_DRAWS ? 'refine' : 'coarse', r.outcome])).toEqual([
      ['coarse', 'done'],
      ['refine', 'done'],
    ]);
    expect(runs.filter((r) => r.value === 1 && r.draws > COARSE_DRAWS)[0]!.outcome).toBe('aborted');
  });
});
