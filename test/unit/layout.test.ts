// The WGSL kernels repeat the buffer layout of src/engine/layout.ts; drift between them would
// silently read the wrong floats, so every shared constant and the Params struct are compared.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as layout from '../../src/engine/layout';
import { PARAM_FIELDS } from '../../src/model/common';
import { MAX_SERIES } from '../../src/model/model';

function wgslConstants(file: string): Map<string, number> {
  const text = readFileSync(new URL(`../../shaders/${file}`, import.meta.url), 'utf8');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^const (\w+): u32 = (0x[0-9A-Fa-f]+|\d+)u;/gm)) out.set(m[1], Number(m[2]));
  return out;
}

describe('WGSL and TypeScript share one layout', () => {
  const wgsl = new Map([...wgslConstants('common.wgsl'), ...wgslConstants('model.wgsl'), ...wgslConstants('copula.wgsl')]);

  it('finds the constants it compares', () => {
    expect(wgsl.size).toBeGreaterThan(20);
  });

  const shared = [
    'BLOCK_DRAWS', 'HIST_BINS', 'HIST_STRIDE', 'SUMMARY_STRIDE', 'ACCUM_STRIDE', 'NKNOBS', 'MAX_REGIONS', 'MAX_YEARS',
    'G_COOLING', 'G_SUPPLY', 'SUPPLY_STRIDE', 'G_CYBER_RATE', 'G_CYBER_OUTAGE', 'G_MISS_TOLERANCE', 'G_WUE_NOMINAL',
    'GLOBAL_SIZE', 'REGION_STRIDE', 'SITE_STRIDE', 'R_HEADROOM', 'R_GROWTH', 'R_CONN_DELAY', 'R_HW_PUE', 'R_HW_WUE',
    'R_DROUGHT_ALLOWANCE', 'R_HEATWAVE_P', 'R_DROUGHT_P', 'G_COPULA_ON', 'G_COPULA_L', 'COPULA_L_STRIDE',
  ] as const;
  it.each(shared)('%s', (name) => {
    expect(wgsl.get(name), `${name} in WGSL`).toBe(layout[name]);
  });

  it('DIST and MAX_SERIES', () => {
    expect(wgsl.get('DIST')).toBe(layout.DIST_STRIDE);
    expect(wgsl.get('MAX_SERIES')).toBe(MAX_SERIES);
  });

  it('struct Params lists the fields in PARAM_FIELDS order, all u32', () => {
    const text = readFileSync(new URL('../../shaders/common.wgsl', import.meta.url), 'utf8');
    const body = /struct Params \{([\s\S]*?)\n\}/.exec(text)![1];
    const fields = [...body.matchAll(/^\s*(\w+): u32,/gm)].map((m) => m[1]);
    expect(fields).toEqual(PARAM_FIELDS);
  });
});
