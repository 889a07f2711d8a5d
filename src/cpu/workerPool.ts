// Starts N CPU workers behind comlink, in the browser (Web Workers) or in Node (worker_threads).
import * as Comlink from 'comlink';
import type { CpuWorkerApi } from './cpuWorkerApi';

export interface WorkerPool {
  workers: Comlink.Remote<CpuWorkerApi>[];
  terminate(): Promise<void>;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

export function defaultWorkerCount(): number {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  return 2;
}

async function startNodeWorkers(n: number): Promise<WorkerPool> {
  const { Worker } = await import('node:worker_threads');
  const nodeEndpoint = (await import('comlink/dist/esm/node-adapter.mjs')).default;
  const entry = new URL('./cpuWorker.node.ts', import.meta.url).href;
  const threads = Array.from({ length: n }, () => new Worker(new URL('./nodeWorkerBoot.mjs', import.meta.url), { workerData: { entry } }));
  return {
    workers: threads.map((t) => Comlink.wrap<CpuWorkerApi>(nodeEndpoint(t))),
    terminate: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

function startBrowserWorkers(n: number): WorkerPool {
  const workers = Array.from({ length: n }, (_, i) => new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module', name: `headroom-cpu-${i}` }));
  return {
    workers: workers.map((w) => Comlink.wrap<CpuWorkerApi>(w)),
    terminate: async () => workers.forEach((w) => w.terminate()),
  };
}

export async function startWorkerPool(n: number): Promise<WorkerPool> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`workers: must be a whole number ≥ 1 (got ${n})`);
  return isNode ? startNodeWorkers(n) : startBrowserWorkers(n);
}
