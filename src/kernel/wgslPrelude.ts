// Generates the WGSL prelude from the kernel contract: one `const` per exported number (u32),
// one f32 `const` per member of F32, and `struct Params`. Every shader is compiled with this
// text in front of it, so a number shared by host and shader exists only in contract.ts.
import * as contract from './contract';

const NAME = /^[A-Z][A-Z0-9_]*$/;

/** WGSL literal for an f32 constant: the shortest decimal that rounds to the same f32. */
function f32Literal(value: number): string {
  const f = Math.fround(value);
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 24) return `${f}.0`;
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return /[.e]/.test(text) ? text : `${text}.0`;
  }
  return String(f);
}

function u32Constants(): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(contract)) {
    if (!NAME.test(name) || typeof value !== 'number') continue;
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`contract: ${name} = ${value} is not a u32`);
    lines.push(`const ${name}: u32 = ${value}u;`);
  }
  return lines;
}

function paramsStruct(): string {
  return ['struct Params {', ...contract.PARAM_FIELDS.map((f) => `  ${f}: u32,`), '}'].join('\n');
}

let cached: string | undefined;

/** The prelude every shader is compiled with (generated once per process). */
export function wgslPrelude(): string {
  cached ??= [
    '// Generated from src/kernel/contract.ts by src/kernel/wgslPrelude.ts: do not edit.',
    ...u32Constants(),
    ...Object.entries(contract.F32).map(([name, value]) => `const ${name}: f32 = ${f32Literal(value)};`),
    paramsStruct(),
    '',
  ].join('\n');
  return cached;
}
