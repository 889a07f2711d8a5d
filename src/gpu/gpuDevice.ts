// The one module that owns the WebGPU adapter, its limits and `device.lost`. Browser and Node
// (Dawn through the `webgpu` package) both come through here.

export interface GpuHandle {
  device: GPUDevice;
  /** Human-readable adapter name, e.g. 'google swiftshader'. */
  name: string;
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number; maxComputeWorkgroupsPerDimension: number };
  /** Resolves when the device is lost (destroyed or dropped by the driver). */
  lost: Promise<GPUDeviceLostInfo>;
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
  const limits = {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
  };
  const device = await adapter.requestDevice({
    label,
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(8, adapter.limits.maxStorageBuffersPerShaderStage),
    },
  });
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ') || 'WebGPU adapter';
  return { device, name, limits, lost: device.lost };
}

/** End the Node process's hold on Dawn so test and CLI processes can exit. */
export function releaseNodeGpu(): void {
  nodeGpu = undefined;
}
