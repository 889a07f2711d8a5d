// The engine's own words on screen (its device name and why it runs on the CPU) in the page's
// language. The engine cannot import i18n and says these in English; the ones the page knows the
// shape of are rebuilt from their parts, anything else is shown as the engine said it, in a
// translated frame. Kept apart from the store, so a change of language re-renders them.
import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n';
import { withParts } from './i18n/withParts';

/** Why 'auto' ended on the CPU: the browser's side, a lost GPU, or the engine's reason. */
export type CpuFallback =
  | { why: 'insecure' }
  | { why: 'noWebgpu' }
  | { why: 'deviceLost'; detail: string }
  | { why: 'engine'; reason: string };

const CPU_DEVICE = /^CPU, (\d+) workers?$/;
const SOFTWARE = /^the only WebGPU adapter here \((.*)\) is a software renderer that runs on the CPU, and the CPU workers are faster; /;
const NO_START = /^WebGPU could not start \((.*)\), so the model runs in CPU workers$/;

/** "CPU, 4 workers" (the CPU backend) in the page's language; a GPU's name as it is. */
export function deviceText(device: string): string {
  const m = CPU_DEVICE.exec(device);
  return m ? t('app:device.cpu', { count: Number(m[1]) }) : device;
}

/** The reason in words, with addresses, parameters and adapter names set as code (they stay as they are in every language). */
export function cpuFallbackText(f: CpuFallback): (string | TemplateResult)[] {
  switch (f.why) {
    case 'insecure':
      return withParts((v) => t('app:cpu.insecure', v), { https: html`<code>https</code>`, localhost: html`<code>localhost</code>` });
    case 'noWebgpu':
      return withParts((v) => t('app:cpu.noGpu', v), { api: html`<code>navigator.gpu</code>` });
    case 'deviceLost':
      return [t('app:cpu.deviceLost', { reason: f.detail })];
  }
  const software = SOFTWARE.exec(f.reason);
  if (software)
    return withParts((v) => t('app:cpu.software', v), {
      adapter: html`<code>${software[1]}</code>`,
      param: html`<code>?backend=webgpu</code>`,
    });
  const noStart = NO_START.exec(f.reason);
  if (noStart) return [t('app:cpu.noStart', { detail: noStart[1] })];
  return [t('app:cpu.engine', { reason: f.reason })];
}
