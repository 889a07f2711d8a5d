// The WebGPU backend: uploads a group of parameter sets, runs the pilot and main dispatches of
// simulate.wgsl (folding block sums after each main one; the pilot keeps its draws' values on the
// device and the main pass bins them rather than simulating them again), then summarize.wgsl, and reads back only the
// summaries and counters: kilobytes, never per-draw arrays. Every buffer, bind group, pipeline
// and submit runs inside error scopes (GpuWatch.scoped): a GPU error rejects the call with a
// GpuError, a lost device with DeviceLostError; no call returns a silent result.
import type { Backend, DeviceLimits, GroupOutput, GroupSetup } from '../../engine/backend';
import { EngineDisposedError } from '../../engine/types';
import { ACCUM_STRIDE, BLOCK_DRAWS, PILOT_DRAWS, SERIES_WORKGROUP, SUMMARY_STRIDE } from '../../kernel/contract';
import { PARAM_FIELDS, type Params } from '../../kernel/common';
import { acquireGpu, type GpuHandle } from './gpuDevice';
import { createRawPipeline, createRunPipelines, createSimulatePipelines, type RunPipelines } from './pipelines';
import { StagingPool } from './StagingPool';

export { DeviceLostError, GpuError } from './gpuDevice';

interface GroupBuffers {
  setup: GroupSetup;
  /** [pilot, main] for this group's scenario: with the copula compiled in only when needed. */
  simulatePipelines: [GPUComputePipeline, GPUComputePipeline];
  params: GPUBuffer;
  partials: GPUBuffer;
  ranges: GPUBuffer;
  counters: GPUBuffer;
  accum: GPUBuffer;
  summary: GPUBuffer;
  all: GPUBuffer[];
  simulate: GPUBindGroup;
  fold: GPUBindGroup;
  summarize: GPUBindGroup;
}

// Read lazily: in a browser without WebGPU (or Node before Dawn loads) GPUBufferUsage is undefined.
const storageUsage = (): number => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

export class GpuBackend implements Backend {
  readonly kind = 'webgpu' as const;
  readonly device: string;
  readonly lost: Promise<string>;
  private readonly rawPipelines = new Map<boolean, Promise<GPUComputePipeline>>();
  private copulaPipelines: Promise<[GPUComputePipeline, GPUComputePipeline]> | undefined;
  private group: GroupBuffers | undefined;
  private readonly staging: StagingPool;
  private disposed = false;
  /** The last submitted dispatch's completion: the next is queued behind it (two in flight). */
  private inFlight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly gpu: GpuHandle,
    private readonly pipelines: RunPipelines,
  ) {
    this.device = gpu.name;
    this.staging = new StagingPool(gpu);
    this.lost = gpu.lost.then((info) => info.message || String(info.reason));
  }

  static async create(handle?: GpuHandle): Promise<GpuBackend> {
    const gpu = handle ?? (await acquireGpu('headroom engine'));
    return new GpuBackend(gpu, await gpu.watch.scoped('creating the run pipelines', () => createRunPipelines(gpu.device)));
  }

  /** A software adapter (SwiftShader and its kind): a CPU, so dispatches start small. */
  get software(): boolean {
    return this.gpu.software;
  }

  /** The limits every run on this backend is planned within (see src/engine/plan.ts). */
  get limits(): DeviceLimits {
    return { ...this.gpu.limits };
  }

  private buffer(label: string, size: number, usage: number, data?: ArrayBufferView<ArrayBuffer>): GPUBuffer {
    const buffer = this.gpu.device.createBuffer({ label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    if (data) this.gpu.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  /**
   * A disposed backend refuses with EngineDisposedError: its destroyed device would otherwise
   * read as a lost one (DeviceLostError), and the engine would fall back to fresh CPU workers.
   */
  private checkAlive(operation: string): void {
    if (this.disposed) throw new EngineDisposedError();
    this.gpu.watch.check(operation);
  }

  /** Waits for the dispatch still running; its error, if any, was the last run's to report. */
  private async drain(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = Promise.resolve();
    await pending.catch(() => undefined);
  }

  async beginGroup(setup: GroupSetup): Promise<void> {
    this.checkAlive('starting a group');
    // A cancelled run may leave its last dispatch running: let it finish before its buffers go.
    await this.drain();
    this.releaseGroup();
    const { packed } = setup;
    if (packed.correlated && !this.copulaPipelines) {
      // Built on first use; a failed build is forgotten, so a later group tries again.
      const pending = this.gpu.watch.scoped('creating the copula pipelines', () =>
        createSimulatePipelines(this.gpu.device, this.pipelines.simulateLayout, true),
      );
      pending.catch(() => {
        if (this.copulaPipelines === pending) this.copulaPipelines = undefined;
      });
      this.copulaPipelines = pending;
    }
    const simulatePipelines = packed.correlated ? await this.copulaPipelines! : this.pipelines.simulate;
    const created: GPUBuffer[] = [];
    try {
      this.group = await this.gpu.watch.scoped('creating the group buffers and bind groups', () =>
        this.createGroup(setup, simulatePipelines, created),
      );
    } catch (e) {
      created.forEach((b) => b.destroy());
      throw e;
    }
  }

  private createGroup(setup: GroupSetup, simulatePipelines: [GPUComputePipeline, GPUComputePipeline], created: GPUBuffer[]): GroupBuffers {
    const { packed, paramCount, layout } = setup;
    const STORAGE = storageUsage();
    const make = (label: string, size: number, usage: number, data?: ArrayBufferView<ArrayBuffer>): GPUBuffer => {
      const buffer = this.buffer(label, size, usage, data);
      created.push(buffer);
      return buffer;
    };
    const rangeInit = new Uint32Array(paramCount * packed.nSeries * 2);
    for (let i = 0; i < rangeInit.length; i += 2) rangeInit[i] = 0xffffffff;
    const params = make('params', PARAM_FIELDS.length * 4, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const scenario = make('scenario', packed.data.byteLength, STORAGE, packed.data);
    const knobs = make('knobs', setup.knobs.byteLength, STORAGE, new Float32Array(setup.knobs));
    const seriesInfo = make('series info', packed.seriesInfo.byteLength, STORAGE, packed.seriesInfo);
    const ranges = make('pilot ranges', rangeInit.byteLength, STORAGE, rangeInit);
    const counters = make('counters', layout.total * 4, STORAGE);
    const partials = make('block sums', setup.maxPartialFloats * 4, STORAGE);
    // The pilot's draws, kept for the main pass to bin instead of simulating them again.
    const stash = make('pilot draws', paramCount * PILOT_DRAWS * packed.nSeries * 4, GPUBufferUsage.STORAGE);
    const accum = make('running sums', paramCount * packed.nSeries * ACCUM_STRIDE * 4, STORAGE);
    const summary = make('summary', paramCount * packed.nSeries * SUMMARY_STRIDE * 4, STORAGE);
    const device = this.gpu.device;
    const bind = (label: string, layout: GPUBindGroupLayout, buffers: GPUBuffer[]): GPUBindGroup =>
      device.createBindGroup({ label, layout, entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
    const p = this.pipelines;
    return {
      setup,
      simulatePipelines,
      params,
      partials,
      ranges,
      counters,
      accum,
      summary,
      all: [params, scenario, knobs, seriesInfo, ranges, counters, partials, stash, accum, summary],
      simulate: bind('simulate', p.simulateLayout, [params, scenario, knobs, seriesInfo, ranges, counters, partials, stash]),
      fold: bind('fold', p.foldLayout, [params, partials, accum]),
      summarize: bind('summarize', p.summarizeLayout, [params, ranges, counters, accum, summary, seriesInfo]),
    };
  }

  private get current(): GroupBuffers {
    if (!this.group) throw new Error('GpuBackend: beginGroup was not called');
    return this.group;
  }

  private writeParams(params: Params): void {
    this.gpu.device.queue.writeBuffer(
      this.current.params,
      0,
      Uint32Array.from(PARAM_FIELDS, (f) => params[f]),
    );
  }

  async dispatch(params: Params, mode: 0 | 1): Promise<void> {
    if (this.disposed) throw new EngineDisposedError();
    const operation = mode === 0 ? 'the pilot dispatch' : 'a main dispatch';
    const g = this.current;
    // Two in flight: this dispatch is queued while the last one runs, so the GPU does not idle
    // while the page thread encodes the next one (queue.writeBuffer of the params is ordered with
    // the submits). Waiting for the one before still bounds the queue, keeps progress within one
    // dispatch of the truth and lets a cancel land between dispatches.
    const previous = this.inFlight;
    const done = this.gpu.watch.scoped(operation, () => {
      this.writeParams(params);
      const encoder = this.gpu.device.createCommandEncoder({ label: mode === 0 ? 'pilot dispatch' : 'main dispatch' });
      const pass = encoder.beginComputePass({ label: 'simulate' });
      pass.setPipeline(g.simulatePipelines[mode]);
      pass.setBindGroup(0, g.simulate);
      pass.dispatchWorkgroups(params.blockCount, params.paramCount);
      pass.end();
      if (mode === 1) {
        const foldPass = encoder.beginComputePass({ label: 'fold' });
        foldPass.setPipeline(this.pipelines.fold);
        foldPass.setBindGroup(0, g.fold);
        foldPass.dispatchWorkgroups(Math.ceil((params.paramCount * params.nSeries) / SERIES_WORKGROUP));
        foldPass.end();
      }
      this.gpu.device.queue.submit([encoder.finish()]);
      return this.gpu.device.queue.onSubmittedWorkDone();
    });
    // A failure is reported by whichever waits for it next: the next dispatch or finishGroup.
    // Both promises get a handler now: `done` may fail before `previous` settles, and a rejection
    // without one is reported by the runtime as unhandled.
    done.catch(() => undefined);
    this.inFlight = previous.then(() => done);
    this.inFlight.catch(() => undefined);
    await previous;
  }

  async finishGroup(withHistograms: boolean): Promise<GroupOutput> {
    if (this.disposed) throw new EngineDisposedError();
    const last = this.inFlight;
    this.inFlight = Promise.resolve();
    await last;
    const g = this.current;
    const { packed, paramCount, layout } = g.setup;
    await this.gpu.watch.scoped('the summarize dispatch', () => {
      this.writeParams({ ...g.setup.base, paramOffset: 0, paramCount });
      const encoder = this.gpu.device.createCommandEncoder({ label: 'summarize' });
      const pass = encoder.beginComputePass({ label: 'summarize' });
      pass.setPipeline(this.pipelines.summarize);
      pass.setBindGroup(0, g.summarize);
      pass.dispatchWorkgroups(Math.ceil((paramCount * packed.nSeries) / SERIES_WORKGROUP));
      pass.end();
      this.gpu.device.queue.submit([encoder.finish()]);
    });
    // Histograms are the bulk of the counters: skip them unless asked for.
    const from = withHistograms ? 0 : layout.binding;
    const [summary, ranges, counterWords] = await Promise.all([
      this.staging.read(g.summary, 0, paramCount * packed.nSeries * SUMMARY_STRIDE * 4),
      this.staging.read(g.ranges, 0, paramCount * packed.nSeries * 2 * 4),
      this.staging.read(g.counters, from * 4, (layout.total - from) * 4),
    ]);
    this.checkAlive('reading back the group');
    const counters = new Uint32Array(layout.total);
    counters.set(new Uint32Array(counterWords), from);
    return { summary: new Float32Array(summary), ranges: new Uint32Array(ranges), counters };
  }

  async raw(params: Params): Promise<Float32Array> {
    if (this.disposed) throw new EngineDisposedError();
    const g = this.current;
    const copula = g.setup.packed.correlated;
    if (!this.rawPipelines.has(copula)) {
      const pending = this.gpu.watch.scoped('creating the raw-sample pipeline', () =>
        createRawPipeline(this.gpu.device, this.pipelines.simulateLayout, copula),
      );
      pending.catch(() => this.rawPipelines.delete(copula));
      this.rawPipelines.set(copula, pending);
    }
    const pipeline = await this.rawPipelines.get(copula)!;
    await this.gpu.watch.scoped('a raw-sample dispatch', () => {
      this.writeParams(params);
      const encoder = this.gpu.device.createCommandEncoder({ label: 'raw-sample dispatch' });
      const pass = encoder.beginComputePass({ label: 'simulate (raw samples)' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, g.simulate);
      pass.dispatchWorkgroups(params.blockCount, params.paramCount);
      pass.end();
      this.gpu.device.queue.submit([encoder.finish()]);
    });
    const floats = params.paramCount * params.blockCount * BLOCK_DRAWS * params.nSeries;
    const values = new Float32Array(await this.staging.read(g.partials, 0, floats * 4));
    this.checkAlive('reading back raw samples');
    return values;
  }

  private releaseGroup(): void {
    this.group?.all.forEach((b) => b.destroy());
    this.group = undefined;
  }

  /** Frees the buffers and the device once; a second call does nothing. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseGroup();
    this.staging.destroy();
    this.gpu.device.destroy();
  }
}
