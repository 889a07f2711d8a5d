// Browser Web Worker entry of the CPU fallback.
import * as Comlink from 'comlink';
import { CpuWorkerApi } from './cpuWorkerApi';

Comlink.expose(new CpuWorkerApi());
