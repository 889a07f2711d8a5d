// createEngine: picks a backend (WebGPU on a hardware adapter, else the CPU workers), runs
// one scenario at a time, and falls back to the CPU when the GPU device is lost mid-run. Every
// run and sample request is checked (scenario and options) before it is queued, so a bad one
// fails at once rather than after the jobs ahead of it; a disposed engine refuses every call.
import { CpuBackend } from './backends/cpu/CpuBackend';
import { defaultWorkerCount } from './backends/cpu/workerPool';
import { DeviceLostError, GpuBackend } from './backends/gpu/GpuBackend';
import type { Scenario } from './scenario/schema';
import { acquireGpu, type GpuHandle } from './backends/gpu/gpuDevice';
import type { Backend, BackendTuning } from './engine/backend';
import { checkEngineOptions } from './engine/options';
import { prepareSamples, samplePrepared } from './engine/rawSamples';
import { prepareRun, runPrepared } from './engine/runner';
import {
  EngineDisposedError,
  type BackendChoice,
  type BackendKind,
  type Engine,
  type RawSamples,
  type RunOptions,
  type RunResult,
  type SampleOptions,
} from './engine/types';

export interface EngineOptions {
  /**
   * 'auto' (WebGPU on a hardware adapter, else the CPU: a software adapter such as SwiftShader is
   * a CPU too, and slower than the workers), 'webgpu' or 'cpu'; any other value is an error. Default 'auto'.
   */
  backend?: BackendChoice;
  /** CPU workers; default navigator.hardwareConcurrency (or os.availableParallelism in Node). */
  workers?: number;
  /** Called when a lost GPU device makes the engine fall back to the CPU. */
  onFallback?: (reason: string) => void;
  /** A GPU device to use instead of acquiring one (tests inject one to lose it on purpose); used even when software. */
  gpu?: GpuHandle;
}
const ENGINE_OPTION_KEYS = ['backend', 'workers', 'onFallback', 'gpu'] as const satisfies readonly (keyof EngineOptions)[];

const MIB = 1024 * 1024;

/** A GPU dispatch lasts about this long at the backend's measured rate (see gpuDispatchSiteYears). */
export const GPU_DISPATCH_SECONDS = 0.1;

/**
 * Site-years per GPU dispatch. Measured: what the last run's rate does in GPU_DISPATCH_SECONDS,
 * as a power of two in [2^16, 2^28] — large enough to fill a big GPU with an ensemble's
 * workgroups, short enough for progress, a cancel and the operating system's GPU watchdog.
 * Before any run: 2^22 on a hardware adapter, 2^18 on a software one (SwiftShader does ~3·10^5
 * site-years/s, so 2^22 was a 14-second dispatch that no cancel or knob move could interrupt).
 */
export function gpuDispatchSiteYears(software: boolean, measuredRate?: number): number {
  if (measuredRate === undefined || !Number.isFinite(measuredRate) || measuredRate <= 0) return software ? 2 ** 18 : 2 ** 22;
  const exponent = Math.floor(Math.log2(measuredRate * GPU_DISPATCH_SECONDS));
  return 2 ** Math.min(Math.max(exponent, 16), 28);
}

/**
 * How runs on `backend` are cut: within a GPU's own limits, and short enough per dispatch.
 * `measuredRate` is the site-year samples/s of the engine's last run on this backend.
 */
export function tuningFor(backend: Backend, measuredRate?: number): BackendTuning {
  if (backend instanceof GpuBackend) {
    // The plan keeps every dispatch and buffer within the device's limits (src/engine/plan.ts).
    const limits = backend.limits;
    const maxGroupBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, 128 * MIB);
    const targetSiteYears = gpuDispatchSiteYears(backend.software, measuredRate);
    return { maxGroupWords: Math.floor(maxGroupBytes / 4), targetSiteYears, limits };
  }
  // Each worker gets its own piece of every dispatch: 2^18 site-years each (~0.3 s) keeps all of
  // them busy (at 2^17 per dispatch a 1,300-site-year draw made one-block dispatches, one worker
  // idle) while progress and cancellation still come several times a second.
  const workers = backend instanceof CpuBackend ? backend.workers : 1;
  return { maxGroupWords: (256 * MIB) / 4, targetSiteYears: 2 ** 18 * workers, cellMultiple: workers };
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
  private disposed = false;
  /** Site-year samples/s of the last run of a second or more, for sizing GPU dispatches; forgotten when the backend changes. */
  private measuredRate: number | undefined;

  constructor(
    private primary: Backend,
    private readonly options: EngineOptions,
    private reason: string,
  ) {}

  get backendReason(): string {
    return this.reason;
  }

  get backend(): BackendKind {
    return this.primary.kind;
  }

  get device(): string {
    return this.primary.device;
  }

  run(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
    return this.submit(
      () => prepareRun(scenario, options),
      async (backend, prepared) => {
        const result = await runPrepared(backend, tuningFor(backend, this.measuredRate), prepared);
        // A short run is mostly fixed costs: its rate would undersize the next run's dispatches.
        if (result.elapsedMs >= 1000) this.measuredRate = result.siteYearSamplesPerSecond;
        return result;
      },
    );
  }

  samples(scenario: Scenario, options: SampleOptions = {}): Promise<RawSamples> {
    return this.submit(
      () => prepareSamples(scenario, options),
      (backend, prepared) => samplePrepared(backend, tuningFor(backend, this.measuredRate), prepared),
    );
  }

  /** Refuses after dispose, checks now (ScenarioError, RunOptionError), then queues the job. */
  private submit<P, T>(prepare: () => P, job: (backend: Backend, prepared: P) => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new EngineDisposedError());
    let prepared: P;
    try {
      prepared = prepare();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue((backend) => job(backend, prepared));
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
      // The GPU is gone for good: finish this job, and every later one, on the CPU. The lost
      // backend is freed (dispose is once only), so nothing of it outlives the engine.
      const lost = this.primary;
      this.primary = await CpuBackend.create(await workerCount(this.options.workers));
      this.measuredRate = undefined;
      this.reason = `the GPU device was lost (${e.message}), so the model runs in CPU workers`;
      await lost.dispose().catch(() => undefined);
      this.options.onFallback?.(e.message);
      return job(this.primary);
    }
  }

  /** Jobs queued before it still finish; everything called after it is refused. */
  async dispose(): Promise<void> {
    if (this.disposed) throw new EngineDisposedError();
    this.disposed = true;
    await this.queue;
    await this.primary.dispose();
  }
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  // An unknown backend name, a bad worker count or a misspelt option is an error, never a default.
  const { backend: choice } = checkEngineOptions(options, ENGINE_OPTION_KEYS);
  let reason = 'the CPU backend was asked for';
  if (choice !== 'cpu') {
    try {
      const picked = await pickGpu(choice, options.gpu);
      if (typeof picked === 'string') reason = picked;
      else return new HeadroomEngine(await GpuBackend.create(picked.handle), options, picked.reason);
    } catch (e) {
      if (choice === 'webgpu') throw e;
      reason = `WebGPU could not start (${e instanceof Error ? e.message : String(e)}), so the model runs in CPU workers`;
    }
  }
  return new HeadroomEngine(await CpuBackend.create(await workerCount(options.workers)), options, reason);
}

/**
 * The GPU to run on, with the reason in words; or, on 'auto' with a software adapter, the reason
 * to use the CPU instead: SwiftShader and its kind run the shaders on the CPU, through a layer
 * that costs more than the workers' own TypeScript (docs/performance.md: 0.48–0.71× one CPU
 * worker on this project's machine). An injected handle is the caller's choice and always used.
 */
async function pickGpu(
  choice: 'auto' | 'webgpu',
  injected: GpuHandle | undefined,
): Promise<{ handle: GpuHandle; reason: string } | string> {
  const handle = injected ?? (await acquireGpu('headroom engine'));
  if (choice === 'auto' && handle.software && !injected) {
    handle.device.destroy();
    return `the only WebGPU adapter here (${handle.name}) is a software renderer that runs on the CPU, and the CPU workers are faster; ask for the WebGPU backend to use it anyway`;
  }
  const kind = handle.software ? 'a software WebGPU adapter' : 'a WebGPU adapter';
  return { handle, reason: choice === 'webgpu' ? `the WebGPU backend was asked for (${kind})` : `${kind} was found` };
}
