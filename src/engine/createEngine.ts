// createEngine: picks a backend (WebGPU when an adapter is there, else the CPU workers), runs
// one scenario at a time, and falls back to the CPU when the GPU device is lost mid-run.
import { CpuBackend } from '../cpu/CpuBackend';
import { defaultWorkerCount } from '../cpu/workerPool';
import { DeviceLostError, GpuBackend } from '../gpu/GpuBackend';
import type { Scenario } from '../scenario/schema';
import type { Backend, BackendTuning } from './backend';
import { sampleWithBackend, type RawSamples, type SampleOptions } from './rawSamples';
import { runWithBackend } from './runner';
import type { BackendKind, Engine, EngineOptions, RunOptions, RunResult } from './types';

const MIB = 1024 * 1024;

function tuningFor(backend: Backend): BackendTuning {
  if (backend instanceof GpuBackend) {
    return { maxGroupWords: Math.min(backend.maxStorageBytes, 128 * MIB) / 4, targetSiteYears: 2 ** 22 };
  }
  return { maxGroupWords: (256 * MIB) / 4, targetSiteYears: 2 ** 17 };
}

async function workerCount(requested?: number): Promise<number> {
  if (requested !== undefined) return requested;
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return defaultWorkerCount();
  const specifier = 'node:os'; // computed: keeps the browser bundle free of node:*
  const os = (await import(/* @vite-ignore */ specifier)) as typeof import('node:os');
  return os.availableParallelism();
}

class HeadroomEngine implements Engine {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private primary: Backend, private readonly options: EngineOptions) {}

  get backend(): BackendKind {
    return this.primary.kind;
  }

  get device(): string {
    return this.primary.device;
  }

  run(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
    return this.enqueue((backend) => runWithBackend(backend, tuningFor(backend), scenario, options));
  }

  samples(scenario: Scenario, options: SampleOptions = {}): Promise<RawSamples> {
    return this.enqueue((backend) => sampleWithBackend(backend, tuningFor(backend), scenario, options));
  }

  /** One job at a time: backends hold a group's buffers between dispatches. */
  private enqueue<T>(job: (backend: Backend) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.withFallback(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async withFallback<T>(job: (backend: Backend) => Promise<T>): Promise<T> {
    try {
      return await job(this.primary);
    } catch (e) {
      if (!(e instanceof DeviceLostError)) throw e;
      // The GPU is gone for good: finish this job, and every later one, on the CPU.
      this.primary = await CpuBackend.create(await workerCount(this.options.workers));
      this.options.onFallback?.(e.message);
      return job(this.primary);
    }
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.primary.dispose();
  }
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const choice = options.backend ?? 'auto';
  if (choice !== 'cpu') {
    try {
      return new HeadroomEngine(await GpuBackend.create(options.gpu), options);
    } catch (e) {
      if (choice === 'webgpu') throw e;
    }
  }
  return new HeadroomEngine(await CpuBackend.create(await workerCount(options.workers)), options);
}
