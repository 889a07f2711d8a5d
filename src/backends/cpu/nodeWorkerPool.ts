// Node (CLI, tests, benchmark): the CPU workers as worker_threads. Loaded only in Node, through an
// import the browser bundler does not follow, so tsx and node:* never reach the page's build.
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { CpuWorkerApi, WorkerPool } from './cpuWorkerApi';

export function startNodeWorkers(n: number): WorkerPool {
  const entry = new URL('./cpuWorker.node.ts', import.meta.url).href;
  const boot = new URL('./nodeWorkerBoot.mjs', import.meta.url);
  const threads = Array.from({ length: n }, () => new Worker(boot, { workerData: { entry } }));
  return {
    workers: threads.map((t) => Comlink.wrap<CpuWorkerApi>(nodeEndpoint(t))),
    terminate: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
