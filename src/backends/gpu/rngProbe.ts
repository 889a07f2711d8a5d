// Runs shaders/rngProbe.wgsl: raw Philox words or samples of one packed distribution, computed on
// the GPU and read back, so tests can compare them with the TypeScript mirror.
import philoxWgsl from '../../../shaders/philox.wgsl?raw';
import distributionsWgsl from '../../../shaders/distributions.wgsl?raw';
import probeWgsl from '../../../shaders/rngProbe.wgsl?raw';
import { PROBE_WORKGROUP } from '../../kernel/contract';
import { wgslPrelude } from '../../kernel/wgslPrelude';

export type ProbeMode = 'philox' | 'sample';
const MODE_CODE: Record<ProbeMode, number> = { philox: 0, sample: 1 };
const PARAMS_BYTES = 64;

export interface ProbeRequest {
  mode: ProbeMode;
  key: readonly [number, number];
  stream: number;
  slot: number;
  /** 4th counter word in 'philox' mode. */
  sub?: number;
  /** Packed [kind, p0, p1, p2, p3] for 'sample' mode (stored as f32). */
  dist?: ArrayLike<number>;
  /** Indices [0, total) are produced. */
  total: number;
  /** Dispatch as these (offset, count) chunks instead of one; they must tile [0, total). */
  chunks?: ReadonlyArray<{ offset: number; count: number }>;
}

/** Builds the probe pipeline: one shader module from the three WGSL files, MODE as an override. */
export function createRngProbePipeline(device: GPUDevice, mode: ProbeMode): GPUComputePipeline {
  const module = device.createShaderModule({
    label: 'rngProbe shader',
    code: [wgslPrelude(), philoxWgsl, distributionsWgsl, probeWgsl].join('\n'),
  });
  const bindGroupLayout = device.createBindGroupLayout({
    label: 'rngProbe bind group layout',
    entries: [
      { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
      { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
    ],
  });
  return device.createComputePipeline({
    label: `rngProbe pipeline (${mode})`,
    layout: device.createPipelineLayout({ label: 'rngProbe pipeline layout', bindGroupLayouts: [bindGroupLayout] }),
    compute: { module, entryPoint: 'main', constants: { MODE: MODE_CODE[mode] } },
  });
}

const pipelines = new WeakMap<GPUDevice, Map<ProbeMode, GPUComputePipeline>>();

function pipelineFor(device: GPUDevice, mode: ProbeMode): GPUComputePipeline {
  let byMode = pipelines.get(device);
  if (!byMode) {
    byMode = new Map();
    pipelines.set(device, byMode);
  }
  let pipeline = byMode.get(mode);
  if (!pipeline) {
    pipeline = createRngProbePipeline(device, mode);
    byMode.set(mode, pipeline);
  }
  return pipeline;
}

function paramsBytes(req: ProbeRequest, offset: number, count: number): ArrayBuffer {
  const bytes = new ArrayBuffer(PARAMS_BYTES);
  new Uint32Array(bytes, 0, 8).set([offset, count, req.key[0], req.key[1], req.stream, req.slot, req.sub ?? 0, 0]);
  new Float32Array(bytes, 32, 5).set(req.dist ?? [0, 0, 0, 0, 0]);
  return bytes;
}

/**
 * Runs the probe and returns the output words: 4 per index in 'philox' mode, 1 (an f32's bits;
 * view with `new Float32Array(words.buffer)`) in 'sample' mode.
 */
export async function runRngProbe(device: GPUDevice, req: ProbeRequest): Promise<Uint32Array> {
  const chunks = req.chunks ?? [{ offset: 0, count: req.total }];
  const wordsPerIndex = req.mode === 'philox' ? 4 : 1;
  const outBytes = req.total * wordsPerIndex * 4;
  const pipeline = pipelineFor(device, req.mode);
  const output = device.createBuffer({
    label: 'rngProbe output',
    size: outBytes,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const staging = device.createBuffer({
    label: 'rngProbe staging',
    size: outBytes,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder({ label: 'rngProbe encoder' });
  // One uniform buffer per chunk: queue writes all land before the submit, so a shared buffer
  // would leave every pass seeing the last chunk's parameters.
  const uniforms = chunks.map(({ offset, count }, c) => {
    const workgroups = Math.ceil(count / PROBE_WORKGROUP);
    if (workgroups > device.limits.maxComputeWorkgroupsPerDimension) throw new Error(`rngProbe: chunk of ${count} is too large`);
    const uniform = device.createBuffer({
      label: `rngProbe params (chunk ${c})`,
      size: PARAMS_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(uniform, 0, paramsBytes(req, offset, count));
    const bindGroup = device.createBindGroup({
      label: `rngProbe bind group (chunk ${c})`,
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: uniform } },
        { binding: 1, resource: { buffer: output } },
      ],
    });
    const pass = encoder.beginComputePass({ label: `rngProbe pass (chunk ${c})` });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups);
    pass.end();
    return uniform;
  });
  encoder.copyBufferToBuffer(output, 0, staging, 0, outBytes);
  device.queue.submit([encoder.finish({ label: 'rngProbe commands' })]);
  await staging.mapAsync(GPUMapMode.READ);
  const words = new Uint32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  for (const buffer of [output, staging, ...uniforms]) buffer.destroy();
  return words;
}
