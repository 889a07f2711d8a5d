// Hardening, part A — merge: shard files are checked by a schema (path-named errors, never a
// TypeError), shards from different backends are refused, and every shard carries a digest of its
// numbers and metadata, so an edited or damaged file is refused naming it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MergeError, mergeShards, parseShardJson, verifyShard, type NamedShard } from '../../src/analysis/merge';
import { canonicalJson, resultDigest, sealResult, type EnsembleResultJson } from '../../src/analysis/shards';
import { paramSetTable, TableError } from '../../src/analysis/table';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/minimal-scenario.json');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'headroom-merge-'));
const file = (name: string) => join(dir, name);

function cli(script: 'sim' | 'merge', args: string[]) {
  const r = spawnSync(process.execPath, [TSX, '--import', './scripts/rawImport.mjs', `src/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const merge = (...args: string[]) => cli('merge', args);

const readJson = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as EnsembleResultJson;
/** A copy of shard `from` with `edit` applied, written as `name` (its digest left as it was). */
function tampered(from: string, name: string, edit: (j: Record<string, unknown> & EnsembleResultJson) => void): string {
  const json = readJson(from) as Record<string, unknown> & EnsembleResultJson;
  edit(json);
  writeFileSync(file(name), JSON.stringify(json, null, 2));
  return file(name);
}

beforeAll(() => {
  for (const i of [0, 1]) {
    const common = ['--scenario', FIXTURE, '--backend', 'cpu', '--workers', '1', '--draws', '64', '--param-sets', '3', '--seed', '5'];
    const r = cli('sim', [...common, '--shard', `${i}/2`, '--out', file(`s${i}.json`)]);
    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
  }
}, 60_000);

describe('merge refuses tampered shard files with exit 2 and a path-named reason', () => {
  it.each([
    ['no-years.json', (j: Record<string, unknown>) => delete j.years, 'years: missing (expected an array)'],
    ['no-scenario.json', (j: Record<string, unknown>) => delete j.scenario, 'scenario: missing (expected an object)'],
    ['null-set.json', (j: Record<string, unknown>) => (j.paramSets = [null]), 'paramSets[0]: expected an object, got null'],
  ])('%s', (name, edit, reason) => {
    const r = merge(file('s0.json'), tampered('s1.json', name, edit), '--out', file('never.json'));
    expect(r.stderr).toBe(`error: shard 2 (${file(name)}): ${reason}\n`);
    expect(r.code).toBe(2);
    expect(existsSync(file('never.json'))).toBe(false);
  });

  it('lists at most 20 problems, then "and N more"', () => {
    const many = tampered('s1.json', 'many.json', (j) => (j.paramSets = Array(50).fill(null) as never));
    const r = merge(file('s0.json'), many, '--out', file('never.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`shard 2 (${many}): 50 problems:\n  paramSets[0]: expected an object, got null\n`);
    expect(r.stderr).toContain('  … and 30 more problems\n');
    expect(r.stderr.split('\n').length).toBeLessThan(25);
  });

  it('an edited number is refused by the digest, naming the file; an existing output is kept', () => {
    writeFileSync(file('kept.json'), 'previous merge\n');
    const edited = tampered('s1.json', 'edited.json', (j) => {
      const s = j.paramSets[0]!.series.energyServedMWh!;
      s.mean *= 1.01;
    });
    const r = merge(file('s0.json'), edited, '--out', file('kept.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${edited}: its contents do not match its integrity digest`);
    expect(r.stderr).toContain('--shard 1/2');
    expect(readFileSync(file('kept.json'), 'utf8')).toBe('previous merge\n');
  });

  it('a shard without a digest (an older file) is refused with how to regenerate it', () => {
    const old = tampered('s0.json', 'old.json', (j) => delete j.ensemble.digest);
    const r = merge(old, file('s1.json'), '--out', file('never.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${old}: has no integrity digest`);
    expect(r.stderr).toContain('regenerate it');
  });

  it('shards from different backends are refused, naming both files', async () => {
    const json = readJson('s1.json');
    json.run.backend = 'webgpu';
    json.run.device = 'some GPU';
    writeFileSync(file('gpu.json'), JSON.stringify(await sealResult(json)));
    const r = merge(file('s0.json'), file('gpu.json'), '--out', file('never.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file('s0.json')} ran on cpu but ${file('gpu.json')} on webgpu`);
    expect(existsSync(file('never.json'))).toBe(false);
  });

  it('refuses to write over a shard it reads', () => {
    const before = readFileSync(file('s0.json'), 'utf8');
    const r = merge(file('s0.json'), file('s1.json'), '--out', file('s0.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the shard file being read');
    expect(readFileSync(file('s0.json'), 'utf8')).toBe(before);
  });

  it('a good merge writes a sealed result, which merges again as a single shard', async () => {
    const r = merge(file('s1.json'), file('s0.json'), '--out', file('merged.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const merged = readJson('merged.json');
    expect(merged.ensemble.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(verifyShard({ name: 'merged.json', json: merged })).resolves.toBeUndefined();
    expect(merge(file('merged.json'), '--csv', file('merged.csv')).code).toBe(0);
  });
});

describe('digests and schema (properties)', () => {
  let s0: EnsembleResultJson;
  let s1: EnsembleResultJson;
  beforeAll(() => {
    s0 = readJson('s0.json');
    s1 = readJson('s1.json');
  });

  /** Every path to a number or string in the document. */
  function leaves(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
    else if (typeof v === 'number' || typeof v === 'string') out.push(path);
    return out;
  }
  function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
    let v = root as Record<string | number, unknown>;
    for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
    v[path[path.length - 1] as string | number] = value;
  }
  function getAt(root: unknown, path: readonly (string | number)[]): unknown {
    return path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], root);
  }

  it('any one changed number or string is refused; the file as written verifies', async () => {
    await verifyShard({ name: 's1.json', json: s1 });
    const paths = leaves(s1).filter((p) => p.join('.') !== 'ensemble.digest');
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.double({ noNaN: true, noDefaultInfinity: true }), async (at, x) => {
        const path = paths[at] as (string | number)[];
        const json = structuredClone(s1);
        const old = getAt(json, path);
        const next = typeof old === 'number' ? (x === old ? old + 1 : x) : `${String(old)}!`;
        setAt(json, path, next);
        await expect(verifyShard({ name: 'x.json', json })).rejects.toThrow(/x\.json: its contents do not match its integrity digest/);
      }),
      { numRuns: 60 },
    );
  });

  it('the digest ignores key order and indentation', async () => {
    const want = await resultDigest(s1);
    const shuffle = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x) => shuffle(x, seed));
      if (typeof v !== 'object' || v === null) return v;
      const keys = Object.keys(v);
      const order = keys.map((k, i) => [k, (i * 7919 + seed) % keys.length] as const).sort((a, b) => a[1] - b[1]);
      return Object.fromEntries(order.map(([k]) => [k, shuffle((v as Record<string, unknown>)[k], seed)]));
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.integer({ min: 0, max: 4 }), async (seed, indent) => {
        const text = JSON.stringify(shuffle(s1, seed), null, indent);
        expect(await resultDigest(JSON.parse(text))).toBe(want);
      }),
      { numRuns: 20 },
    );
    expect(canonicalJson({ b: [1, Number.NaN, undefined], a: { d: 1, c: undefined } })).toBe('{"a":{"d":1},"b":[1,null,null]}');
  });

  it('any node replaced by any JSON value is refused with a MergeError (or merges), never a TypeError', () => {
    const paths = leaves(s1, [], []).flatMap((p) => p.map((_, i) => p.slice(0, i + 1)));
    const unique = [...new Map(paths.map((p) => [JSON.stringify(p), p])).values()];
    // By depth first, so that the few top-level fields are hit as often as the many deep ones.
    const byDepth = [...new Set(unique.map((p) => p.length))].map((d) => unique.filter((p) => p.length === d));
    fc.assert(
      fc.property(fc.nat(byDepth.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 2 }), (depth, pick, value) => {
        const level = byDepth[depth] as (string | number)[][];
        const at = level[pick % level.length] as (string | number)[];
        const json = structuredClone(s1) as unknown;
        setAt(json, at, value);
        try {
          const parsed = parseShardJson('x.json', JSON.stringify(json), 2);
          const { merged } = mergeShards([{ name: 's0.json', json: s0 }, parsed]);
          paramSetTable(merged);
        } catch (e) {
          if (!(e instanceof MergeError || e instanceof TableError)) throw e;
          expect(e.message.length).toBeLessThan(4000);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control characters may be echoed
          expect(e.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('mixed backends are refused in-process too (no longer a warning)', () => {
    const gpu: NamedShard = { name: 'gpu.json', json: { ...structuredClone(s1), run: { ...s1.run, backend: 'webgpu' } } };
    expect(() => mergeShards([{ name: 'cpu.json', json: s0 }, gpu])).toThrow(/cpu\.json ran on cpu but gpu\.json on webgpu/);
  });
});
