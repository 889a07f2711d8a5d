// The one module that owns the WebGPU adapter, its limits, its errors and `device.lost`. Browser
// and Node (Dawn through the `webgpu` package) both come through here.
import { isSoftwareRendererName } from '../../engine/softwareRenderer';

/** The device limits a run is planned within (src/engine/plan.ts). */
export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupsPerDimension: number;
}

export interface GpuHandle {
  device: GPUDevice;
  /** Human-readable adapter name, e.g. 'google swiftshader'. */
  name: string;
  /** A software adapter (isFallbackAdapter, SwiftShader, llvmpipe…): a CPU pretending to be a GPU. */
  software: boolean;
  /** The device's limits; a test may claim smaller ones (never larger: the device enforces its own). */
  limits: GpuLimits;
  /** Resolves when the device is lost (destroyed or dropped by the driver). */
  lost: Promise<GPUDeviceLostInfo>;
  /** The device's lost state and the errors that escaped every error scope, watched in one place. */
  watch: GpuWatch;
}

export type GpuErrorKind = 'validation' | 'out-of-memory' | 'internal';

/** A GPU error: from an error scope around `operation`, or one that escaped all scopes. */
export class GpuError extends Error {
  constructor(
    readonly kind: GpuErrorKind,
    readonly operation: string,
    readonly gpuMessage: string,
    /** True when no error scope caught it (the device's `uncapturederror` event). */
    readonly uncaptured = false,
  ) {
    super(
      `GPU ${kind} error ${uncaptured ? 'outside any error scope (reported before' : 'in'} ${operation}${uncaptured ? ')' : ''}: ${gpuMessage.trim()}`,
    );
    this.name = 'GpuError';
  }
}

export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`GPU device lost: ${reason}`);
    this.name = 'DeviceLostError';
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function errorKind(error: GPUError): GpuErrorKind {
  if (typeof GPUOutOfMemoryError !== 'undefined' && error instanceof GPUOutOfMemoryError) return 'out-of-memory';
  if (typeof GPUInternalError !== 'undefined' && error instanceof GPUInternalError) return 'internal';
  return 'validation';
}

/**
 * Watches one device: `device.lost` and the `uncapturederror` event. `check()` is called before
 * and after every piece of device work, so nothing that went wrong passes silently.
 */
export class GpuWatch {
  private lostReason: string | undefined;
  private escaped: GPUError | undefined;
  private readonly lostSettled: Promise<unknown>;

  constructor(
    private readonly device: GPUDevice,
    lost: Promise<GPUDeviceLostInfo>,
  ) {
    this.lostSettled = lost.then((info) => (this.lostReason = info.message || String(info.reason)));
    device.addEventListener('uncapturederror', (event) => {
      // Keep the first: later ones are usually its consequences.
      this.escaped ??= (event as GPUUncapturedErrorEvent).error;
    });
  }

  /**
   * Throws DeviceLostError once the device is lost (every time after), or a GpuError for an
   * error that escaped every scope since the last check (once: the device itself still works).
   */
  check(operation: string): void {
    if (this.lostReason !== undefined) throw new DeviceLostError(this.lostReason);
    const escaped = this.escaped;
    if (escaped) {
      this.escaped = undefined;
      throw new GpuError(errorKind(escaped), operation, escaped.message, true);
    }
  }

  /**
   * Runs `work` inside validation, out-of-memory and internal error scopes and pops them: throws
   * a GpuError for the first error caught, else returns its value. The scopes see the device
   * calls `work` makes synchronously; when it returns a promise (async pipeline creation,
   * onSubmittedWorkDone) that is awaited after the pops, a rejection becoming a GpuError too.
   */
  async scoped<T>(operation: string, work: () => T): Promise<Awaited<T>> {
    this.check(operation);
    const filters: GPUErrorFilter[] = ['internal', 'out-of-memory', 'validation'];
    for (const filter of filters) this.device.pushErrorScope(filter);
    let value: Promise<Awaited<T>> | T | undefined;
    let thrown: { error: unknown } | undefined;
    try {
      value = work();
      if (isThenable(value)) {
        value = this.settled(operation, value as PromiseLike<Awaited<T>>).then((v) => {
          this.check(operation);
          return v;
        });
        value.catch(() => undefined); // handled by the caller, after the pops
      }
    } catch (error) {
      thrown = { error };
    }
    let errors: (GPUError | null)[];
    try {
      // Pops the innermost scope first: validation, then out-of-memory, then internal.
      errors = await Promise.all(filters.map(() => this.device.popErrorScope()));
    } catch (e) {
      await this.awaitLoss();
      this.check(operation);
      throw new GpuError('internal', operation, `could not pop the error scopes: ${(e as Error).message}`);
    }
    if (thrown) throw thrown.error;
    const error = errors.find((e) => e);
    if (error) throw new GpuError(errorKind(error), operation, error.message);
    this.check(operation);
    return value as Awaited<T>;
  }

  /**
   * A failed map or pop is often the first sign of a lost device, whose `lost` promise may settle
   * a moment later: give it that moment, so the caller sees DeviceLostError (and falls back).
   */
  private async awaitLoss(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.lostSettled, new Promise((resolve) => (timer = setTimeout(resolve, 100)))]);
    clearTimeout(timer);
  }

  /** Awaits device work that reports failure by rejecting (mapAsync, async pipeline creation). */
  async settled<T>(operation: string, pending: PromiseLike<T>): Promise<T> {
    try {
      return await pending;
    } catch (e) {
      if (!(e instanceof GpuError)) await this.awaitLoss();
      this.check(operation);
      if (e instanceof GpuError || e instanceof DeviceLostError) throw e;
      const reason = (e as { reason?: string }).reason;
      throw new GpuError(reason === 'validation' ? 'validation' : 'internal', operation, (e as Error).message ?? String(e));
    }
  }
}

export class NoAdapterError extends Error {
  constructor(reason: string) {
    super(`no WebGPU adapter: ${reason}`);
    this.name = 'NoAdapterError';
  }
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

let nodeGpu: GPU | undefined;

async function getNavigatorGpu(): Promise<GPU> {
  if (!isNode) {
    if (typeof navigator === 'undefined' || !navigator.gpu) {
      throw new NoAdapterError('this browser has no navigator.gpu (WebGPU is off, or the page is not a secure context)');
    }
    return navigator.gpu;
  }
  if (!nodeGpu) {
    // Dawn reads the Vulkan driver list when it starts; Debian's Chromium ships SwiftShader.
    const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
    const fsSpecifier = 'node:fs'; // computed: keeps the browser bundle free of node:*
    const fs = (await import(/* @vite-ignore */ fsSpecifier)) as typeof import('node:fs');
    if (!process.env.VK_ICD_FILENAMES && fs.existsSync(icd)) process.env.VK_ICD_FILENAMES = icd;
    const pkg = 'webgpu';
    const webgpu = (await import(/* @vite-ignore */ pkg)) as { create(flags: string[]): GPU; globals: object };
    Object.assign(globalThis, webgpu.globals);
    nodeGpu = webgpu.create([]);
  }
  return nodeGpu;
}

export async function acquireGpu(label = 'headroom'): Promise<GpuHandle> {
  const gpu = await getNavigatorGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    const hint = isNode
      ? 'Dawn found no Vulkan driver; install Debian chromium (SwiftShader) and libvulkan1, or set VK_ICD_FILENAMES'
      : 'navigator.gpu.requestAdapter() returned null';
    throw new NoAdapterError(hint);
  }
  const device = await adapter.requestDevice({
    label,
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
      maxStorageBuffersPerShaderStage: Math.min(8, adapter.limits.maxStorageBuffersPerShaderStage),
    },
  });
  // The device's own limits (what was granted), not the adapter's: they are what it validates.
  const limits: GpuLimits = {
    maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
    maxBufferSize: device.limits.maxBufferSize,
    maxComputeWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
  };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ') || 'WebGPU adapter';
  const lost = device.lost;
  return { device, name, limits, software: isSoftwareAdapter(adapter, name), lost, watch: new GpuWatch(device, lost) };
}

/** Adapters that run on the CPU: the spec's fallback flag, or a known software rasteriser's name. */
export function isSoftwareAdapter(adapter: GPUAdapter, name: string): boolean {
  // isFallbackAdapter moved from the adapter to adapter.info in 2024; either may be present.
  const flagged =
    (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter ??
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return flagged === true || isSoftwareRendererName(name);
}

/** End the Node process's hold on Dawn so test and CLI processes can exit. */
export function releaseNodeGpu(): void {
  nodeGpu = undefined;
}
