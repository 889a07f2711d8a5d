// The run's compute pipelines, each built in one function from its WGSL files behind the
// prelude that src/kernel/wgslPrelude.ts generates from the kernel contract.
import causesWgsl from '../../../shaders/causes.wgsl?raw';
import commonWgsl from '../../../shaders/common.wgsl?raw';
import copulaWgsl from '../../../shaders/copula.wgsl?raw';
import distributionsWgsl from '../../../shaders/distributions.wgsl?raw';
import foldWgsl from '../../../shaders/fold.wgsl?raw';
import inverseWgsl from '../../../shaders/inverse.wgsl?raw';
import modelWgsl from '../../../shaders/model.wgsl?raw';
import philoxWgsl from '../../../shaders/philox.wgsl?raw';
import simulateWgsl from '../../../shaders/simulate.wgsl?raw';
import siteWgsl from '../../../shaders/site.wgsl?raw';
import summarizeWgsl from '../../../shaders/summarize.wgsl?raw';
import { MODE_MAIN, MODE_PILOT, MODE_RAW } from '../../kernel/contract';
import { wgslPrelude } from '../../kernel/wgslPrelude';

export interface RunPipelines {
  simulateLayout: GPUBindGroupLayout;
  /** [pilot, main] without the copula. */
  simulate: [GPUComputePipeline, GPUComputePipeline];
  foldLayout: GPUBindGroupLayout;
  fold: GPUComputePipeline;
  summarizeLayout: GPUBindGroupLayout;
  summarize: GPUComputePipeline;
}

type Kind = 'uniform' | 'read-only-storage' | 'storage';

function bindGroupLayout(device: GPUDevice, label: string, kinds: Kind[]): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label,
    entries: kinds.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
  });
}

async function pipeline(
  device: GPUDevice,
  label: string,
  code: string,
  layout: GPUBindGroupLayout,
  constants?: Record<string, number>,
): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ label, code });
  return device.createComputePipelineAsync({
    label,
    layout: device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main', constants },
  });
}

/** A shader's source: the generated prelude, then its WGSL files in order. */
const source = (...files: string[]): string => [wgslPrelude(), ...files].join('\n');
const simulateCode = (): string =>
  source(commonWgsl, philoxWgsl, distributionsWgsl, inverseWgsl, copulaWgsl, causesWgsl, siteWgsl, modelWgsl, simulateWgsl);

/** simulate.wgsl's raw-sample mode, built only when raw samples are asked for. */
export function createRawPipeline(device: GPUDevice, layout: GPUBindGroupLayout, copula: boolean): Promise<GPUComputePipeline> {
  return pipeline(device, `simulate (raw samples${copula ? ', copula' : ''})`, simulateCode(), layout, {
    MODE: MODE_RAW,
    COPULA: copula ? 1 : 0,
  });
}

/** The pilot and main simulate pipelines, with or without the copula compiled in. */
export async function createSimulatePipelines(
  device: GPUDevice,
  layout: GPUBindGroupLayout,
  copula: boolean,
): Promise<[GPUComputePipeline, GPUComputePipeline]> {
  const suffix = copula ? ', copula' : '';
  return Promise.all([
    pipeline(device, `simulate (pilot${suffix})`, simulateCode(), layout, { MODE: MODE_PILOT, COPULA: copula ? 1 : 0 }),
    pipeline(device, `simulate (main${suffix})`, simulateCode(), layout, { MODE: MODE_MAIN, COPULA: copula ? 1 : 0 }),
  ]);
}

export async function createRunPipelines(device: GPUDevice): Promise<RunPipelines> {
  const simulateLayout = bindGroupLayout(device, 'simulate bindings', [
    'uniform',
    'read-only-storage',
    'read-only-storage',
    'read-only-storage',
    'storage',
    'storage',
    'storage',
    'storage',
  ]);
  const foldLayout = bindGroupLayout(device, 'fold bindings', ['uniform', 'read-only-storage', 'storage']);
  const summarizeLayout = bindGroupLayout(device, 'summarize bindings', [
    'uniform',
    'read-only-storage',
    'read-only-storage',
    'read-only-storage',
    'storage',
    'read-only-storage',
  ]);
  // Scenarios without correlations are the common case; the copula variants come when needed.
  const [simulate, fold, summarize] = await Promise.all([
    createSimulatePipelines(device, simulateLayout, false),
    pipeline(device, 'fold', source(commonWgsl, foldWgsl), foldLayout),
    pipeline(device, 'summarize', source(commonWgsl, summarizeWgsl), summarizeLayout),
  ]);
  return { simulateLayout, simulate, foldLayout, fold, summarizeLayout, summarize };
}
