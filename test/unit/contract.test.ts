// The kernel contract is the one place a number shared by host and shader is written: the WGSL
// files get every such number from the generated prelude, and each kernel has a TypeScript
// mirror of the same stem that imports only the contract and its sibling mirrors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as contract from '../../src/kernel/contract';
import { wgslPrelude } from '../../src/kernel/wgslPrelude';

const SHADERS = new URL('../../shaders/', import.meta.url);
const KERNEL = new URL('../../src/kernel/', import.meta.url);
const shaderFiles = readdirSync(SHADERS).filter((f) => f.endsWith('.wgsl'));
const read = (file: string): string => readFileSync(new URL(file, SHADERS), 'utf8');
/** WGSL without its comments (line comments only: the project uses no block comments). */
const code = (text: string): string => text.replace(/\/\/.*$/gm, '');

/**
 * Integer literals that are not layout numbers, by file: Philox's 16-bit halves (0xFFFF, 16),
 * its 10 rounds and u01's 9-bit shift (a 23-bit mantissa). Everything else ≥ 8 must be named.
 */
const ALGORITHM_INTEGERS: Record<string, number[]> = {
  'philox.wgsl': [0xffff, 16, 10, 9],
};

/** Integer literals (decimal or hex, optional u/i suffix) of a WGSL text, floats excluded. */
function integerLiterals(text: string): { value: number; line: number }[] {
  const out: { value: number; line: number }[] = [];
  code(text)
    .split('\n')
    .forEach((line, i) => {
      // Floats (with a point or an exponent) first, so their digits are not read as integers.
      const stripped = line.replace(/(?<![\w.])(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?f?(?![\w.])/g, (m, body: string, exp?: string) =>
        body.includes('.') || exp ? ' ' : m,
      );
      for (const m of stripped.matchAll(/(?<![\w.])(0[xX][0-9a-fA-F]+|\d+)[ui]?(?![\w.])/g)) out.push({ value: Number(m[1]), line: i + 1 });
    });
  return out;
}

describe('the WGSL prelude is generated from the contract', () => {
  const prelude = wgslPrelude();
  const declared = [...prelude.matchAll(/^const (\w+): (u32|f32) = ([^;]+);$/gm)];

  it('declares every UPPER_CASE number of the contract once, as u32', () => {
    const names = Object.entries(contract)
      .filter(([name, v]) => /^[A-Z][A-Z0-9_]*$/.test(name) && typeof v === 'number')
      .map(([name]) => name);
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const lines = declared.filter((m) => m[1] === name);
      expect(
        lines.map((m) => [m[2], Number(m[3].replace(/u$/, ''))]),
        name,
        // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test walks every export of the contract
      ).toEqual([['u32', contract[name as keyof typeof contract]]]);
    }
  });

  it('declares each F32 constant with a literal that rounds to the same f32', () => {
    for (const [name, value] of Object.entries(contract.F32)) {
      const m = declared.find((d) => d[1] === name);
      expect(m?.[2], name).toBe('f32');
      expect(Math.fround(Number(m![3])), name).toBe(Math.fround(value));
    }
  });

  it('declares struct Params with PARAM_FIELDS, all u32, in order', () => {
    const body = /struct Params \{([\s\S]*?)\n\}/.exec(prelude)![1];
    expect([...body.matchAll(/^\s*(\w+): u32,/gm)].map((m) => m[1])).toEqual([...contract.PARAM_FIELDS]);
  });

  it('refuses a contract number that is not a u32', () => {
    for (const [name, value] of Object.entries(contract)) {
      if (/^[A-Z][A-Z0-9_]*$/.test(name) && typeof value === 'number') {
        expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff, name).toBe(true);
      }
    }
  });
});

describe('shaders write no number the contract owns', () => {
  it('finds the shaders', () => {
    expect(shaderFiles.length).toBeGreaterThanOrEqual(9);
  });

  it.each(shaderFiles)('%s declares no module-scope constant or struct Params of its own', (file) => {
    const text = code(read(file));
    expect(text.match(/^const \w+/gm) ?? []).toEqual([]);
    expect(/^struct Params\b/m.test(text)).toBe(false);
  });

  it.each(shaderFiles)('%s has no integer literal ≥ 8 outside its algorithm constants', (file) => {
    const allowed = new Set(ALGORITHM_INTEGERS[file] ?? []);
    const found = integerLiterals(read(file)).filter((l) => l.value >= 8 && !allowed.has(l.value));
    expect(found, `${file}: name these numbers in src/kernel/contract.ts`).toEqual([]);
  });

  it('the literal scanner sees integers and ignores floats and identifiers', () => {
    const found = integerLiterals('let a = x[72u] + 1e-3 + 8760.0 + G_COPULA_L2 + 0x7fu; // 99u\nlet b = 2.5e+10;');
    expect(found.map((l) => l.value)).toEqual([72, 0x7f]);
  });
});

describe('every kernel has a TypeScript mirror of the same stem', () => {
  const mirrorOf = (file: string): URL =>
    file === 'rngProbe.wgsl'
      ? new URL('../../src/backends/gpu/rngProbe.ts', import.meta.url)
      : new URL(file.replace(/\.wgsl$/, '.ts'), KERNEL);

  it.each(shaderFiles)('%s', (file) => {
    expect(existsSync(mirrorOf(file)), `${file} needs ${mirrorOf(file).pathname}`).toBe(true);
  });

  const mirrors = readdirSync(KERNEL).filter((f) => f.endsWith('.ts'));
  it.each(mirrors)('src/kernel/%s imports only the contract and sibling mirrors', (file) => {
    const text = readFileSync(new URL(file, KERNEL), 'utf8');
    const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !/^\.\/[\w]+$/.test(s))).toEqual([]);
  });
});

describe('simulate.wgsl fits its workgroup memory and its packed counts', () => {
  it('a block of draws never overflows a packed binding-cause count into its neighbour', () => {
    expect(contract.BLOCK_DRAWS).toBeLessThanOrEqual(contract.CAUSE_COUNT_MASK);
    expect(contract.CAUSES_PER_WORD * contract.CAUSE_COUNT_BITS).toBeLessThanOrEqual(32);
    expect(contract.CAUSE_WORDS * contract.CAUSES_PER_WORD).toBeGreaterThanOrEqual(contract.N_CAUSES);
  });

  it("the pilot is whole blocks, so a pilot block's draws fit the stash's PILOT_DRAWS rows per set", () => {
    expect(contract.PILOT_DRAWS % contract.BLOCK_DRAWS).toBe(0);
  });

  it('the workgroup arrays fit the 16 KiB every WebGPU device offers', () => {
    // wgSum, wgSq (f32), wgHist, wgSite, wgCurtail (u32): 4 bytes each.
    const words = 2 * contract.WG_SERIES_SLOTS + contract.WG_HIST_SLOTS + contract.WG_SITE_SLOTS + contract.REGION_YEAR_SLOTS;
    expect(4 * words).toBeLessThanOrEqual(16384);
    const declared = [...code(read('simulate.wgsl')).matchAll(/var<workgroup>\s+\w+\s*:\s*array<[^,]+,\s*(\w+)>/g)].map((m) => m[1]);
    expect(declared.sort()).toEqual(['REGION_YEAR_SLOTS', 'WG_HIST_SLOTS', 'WG_SERIES_SLOTS', 'WG_SERIES_SLOTS', 'WG_SITE_SLOTS'].sort());
  });
});
