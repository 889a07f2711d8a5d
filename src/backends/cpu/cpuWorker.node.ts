// Node worker_threads entry of the CPU fallback (CLI, tests, benchmark).
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { CpuWorkerApi } from './cpuWorkerApi';

if (!parentPort) throw new Error('cpuWorker.node.ts must run in a worker thread');
Comlink.expose(new CpuWorkerApi(), nodeEndpoint(parentPort));
