// Starts N CPU workers behind comlink, in the browser (Web Workers) or in Node (worker_threads).
import * as Comlink from 'comlink';
import type { CpuWorkerApi, WorkerPool } from './cpuWorkerApi';

export type { WorkerPool } from './cpuWorkerApi';

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

export function defaultWorkerCount(): number {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  return 2;
}

async function startNodeWorkers(n: number): Promise<WorkerPool> {
  // A computed specifier keeps Vite from bundling the Node pool into the page.
  const module = './nodeWorkerPool';
  const { startNodeWorkers: start } = (await import(/* @vite-ignore */ module)) as typeof import('./nodeWorkerPool');
  return start(n);
}

function startBrowserWorkers(n: number): WorkerPool {
  const workers = Array.from(
    { length: n },
    (_, i) => new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module', name: `headroom-cpu-${i}` }),
  );
  return {
    workers: workers.map((w) => Comlink.wrap<CpuWorkerApi>(w)),
    terminate: async () => workers.forEach((w) => w.terminate()),
  };
}

export async function startWorkerPool(n: number): Promise<WorkerPool> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`workers: must be a whole number ≥ 1 (got ${n})`);
  return isNode ? startNodeWorkers(n) : startBrowserWorkers(n);
}
