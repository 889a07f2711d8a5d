// `auto` is honest about software adapters: SwiftShader and its kind run WGSL on the CPU, slower
// than the CPU workers (docs/performance.md), so `auto` passes them over and says why.
import { afterAll, describe, expect, it } from 'vitest';
import { acquireGpu, isSoftwareAdapter, releaseNodeGpu } from '../../src/backends/gpu/gpuDevice';
import { createEngine } from '../../src/createEngine';
import { requireGpu } from './engineHelpers';

const adapter = (info: Record<string, unknown>, own: Record<string, unknown> = {}) => ({ info, ...own }) as unknown as GPUAdapter;

describe('isSoftwareAdapter', () => {
  it.each([
    ['google swiftshader swiftshader-device-subzero-SwiftShader driver 5.0.0', {}, true],
    ['mesa llvmpipe (LLVM 15.0.7, 256 bits)', {}, true],
    ['Microsoft Basic Render Driver', {}, true],
    ['nvidia hopper NVIDIA H200', {}, false],
    ['apple metal-3 Apple M2', {}, false],
    ['some adapter', { isFallbackAdapter: true }, true],
  ])('%s → %s', (name, info, expected) => {
    expect(isSoftwareAdapter(adapter(info), name as string)).toBe(expected);
  });

  it('reads the older adapter-level flag too', () => {
    expect(isSoftwareAdapter(adapter({}, { isFallbackAdapter: true }), 'x')).toBe(true);
  });
});

describe("createEngine({ backend: 'auto' })", () => {
  afterAll(() => releaseNodeGpu());

  it('runs on the CPU when the only adapter is software, on WebGPU when it is hardware, and says which and why', async () => {
    const probe = await acquireGpu('probe');
    const software = probe.software;
    probe.device.destroy();
    const engine = await createEngine({ backend: 'auto', workers: 1 });
    try {
      if (software) {
        expect(engine.backend).toBe('cpu');
        expect(engine.backendReason).toMatch(/software renderer that runs on the CPU/);
        expect(engine.backendReason).toContain(probe.name);
      } else {
        expect(engine.backend).toBe('webgpu');
        expect(engine.backendReason).toBe('a WebGPU adapter was found');
      }
    } finally {
      await engine.dispose();
    }
  });

  it('an explicit webgpu choice, or an injected device, uses the adapter whatever it is', async () => {
    const chosen = await createEngine({ backend: 'webgpu' });
    expect(chosen.backend).toBe('webgpu');
    expect(chosen.backendReason).toMatch(/^the WebGPU backend was asked for/);
    await chosen.dispose();
    const injected = await createEngine({ backend: 'auto', gpu: await requireGpu() });
    expect(injected.backend).toBe('webgpu');
    await injected.dispose();
  });

  it('cpu says it was asked for', async () => {
    const engine = await createEngine({ backend: 'cpu', workers: 1 });
    expect(engine.backendReason).toBe('the CPU backend was asked for');
    await engine.dispose();
  });
});
