// Hardening, part A — the sim CLI: every argument and output path is checked before the run (exit
// 2), outputs appear all together or not at all, Ctrl-C or SIGTERM leaves nothing behind (exit
// 130), what is echoed of user input is cut short, and output drains before the process exits.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, parseSimArgs } from '../../src/cli/args';
import { OutputBatch, OutputError } from '../../src/cli/atomicWrite';
import { MAX_DRAWS } from '../../src/engine/options';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/minimal-scenario.json');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const base = mkdtempSync(join(tmpdir(), 'headroom-hardening-a-'));
let dirs = 0;
/** A fresh, empty directory per test, so "nothing left behind" can be read off its listing. */
const freshDir = () => {
  const d = join(base, `d${dirs++}`);
  mkdirSync(d);
  return d;
};
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [TSX, '--import', './scripts/rawImport.mjs', 'src/cli/sim.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cpu = ['--scenario', FIXTURE, '--backend', 'cpu', '--workers', '1'];

/** Starts sim, sends `signal` once stderr matches `when`, and resolves with the exit code and stderr. */
function interrupted(args: string[], when: RegExp, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX, '--import', './scripts/rawImport.mjs', 'src/cli/sim.ts', ...args], { cwd: ROOT });
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

describe('arguments are checked before the run', () => {
  it("--draws 2^24 + 1 and --param-sets 2^32 exit 2 at once, naming the engine's limit", () => {
    const d = freshDir();
    const draws = sim(...cpu, '--draws', '16777217', '--out', join(d, 'r.json'));
    expect(draws.code).toBe(2);
    expect(draws.stderr).toContain('error: --draws: must be a whole number within [1, 16777216] (got 16777217)');
    const t0 = performance.now();
    const sets = sim(...cpu, '--param-sets', '4294967296', '--out', join(d, 'r.json'));
    expect(sets.code).toBe(2);
    expect(sets.stderr).toContain('error: --param-sets: must be a whole number within [1, 1048576] (got 4294967296)');
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(readdirSync(d)).toEqual([]);
  });

  it('--sample-series nope exits 2 before the run, listing the valid names (capped)', () => {
    const d = freshDir();
    const r = sim(...cpu, '--draws', '64', '--sample-series', 'nope', '--samples-csv', join(d, 's.csv'), '--out', join(d, 'r.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sample-series: no series 'nope' in this scenario \(known: energyDemandedMWh, [^\n]*\(\d+ more\)\)/);
    expect(r.stderr.length).toBeLessThan(600);
    expect(r.stdout).toBe('');
    expect(readdirSync(d)).toEqual([]);
  });

  it('an unknown flag is echoed cut short, with control characters escaped', () => {
    const r = sim(`--dr\x1b[31mawz${'x'.repeat(5000)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Unknown option '--dr\\u001b\[31mawzx+… \(5,012 characters\)'\n/);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr.length).toBeLessThan(300);
  });

  it('an --csv in a missing directory exits 2 and writes no --out; an existing --out is kept', () => {
    const d = freshDir();
    writeFileSync(join(d, 'ok.json'), 'old result\n');
    const r = sim(...cpu, '--draws', '64', '--csv', '/nonexistent-dir/x.csv', '--out', join(d, 'ok.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --csv: directory /nonexistent-dir does not exist');
    expect(readFileSync(join(d, 'ok.json'), 'utf8')).toBe('old result\n');
    expect(readdirSync(d)).toEqual(['ok.json']);
  });

  it('refuses two outputs in one file, an output over the scenario, and a directory as an output', () => {
    const d = freshDir();
    const same = sim(...cpu, '--draws', '64', '--out', join(d, 'r.json'), '--arrow', join(d, 'r.json'));
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('--arrow: ');
    expect(same.stderr).toContain('is also the --out file');
    const scenario = join(d, 'scenario.json');
    writeFileSync(scenario, readFileSync(FIXTURE));
    const over = sim('--scenario', scenario, '--backend', 'cpu', '--draws', '64', '--out', scenario);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('is the --scenario file being read');
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
    const isDir = sim(...cpu, '--draws', '64', '--csv', d);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain('is a directory');
    expect(readdirSync(d)).toEqual(['scenario.json']);
  });
});

describe('interrupts leave nothing behind', () => {
  it('Ctrl-C during the run exits 130; no output, no temporary, an existing --out unchanged', async () => {
    const d = freshDir();
    writeFileSync(join(d, 'r.json'), 'old\n');
    const r = await interrupted([...cpu, '--draws', '400000', '--out', join(d, 'r.json'), '--csv', join(d, 'r.csv')], /\d+%/, 'SIGINT');
    expect(r.stderr).toContain('error: interrupted');
    expect(r.code).toBe(130);
    expect(readdirSync(d)).toEqual(['r.json']);
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('old\n');
  });

  it('Ctrl-C during the raw-sample export exits 130 with no --out (already computed) left', async () => {
    const d = freshDir();
    const args = [...cpu, '--draws', '150000', '--samples-csv', join(d, 's.csv'), '--out', join(d, 'r.json')];
    const r = await interrupted(args, /raw samples: +\d+%/, 'SIGINT');
    expect(r.stderr).toContain('error: interrupted');
    expect(r.code).toBe(130);
    expect(readdirSync(d)).toEqual([]);
  });

  it('SIGTERM is an interrupt too: exit 130, nothing left', async () => {
    const d = freshDir();
    const r = await interrupted([...cpu, '--draws', '400000', '--out', join(d, 'r.json')], /\d+%/, 'SIGTERM');
    expect(r.code).toBe(130);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('output batches: all or none', () => {
  /** Per target: what stood there before (undefined: nothing), and what this run writes. */
  const target = fc.record({ before: fc.option(fc.string(), { nil: undefined }), after: fc.string() });
  const failure = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constantFrom('write' as const, 'commit' as const), at: fc.nat(3) }),
  );

  it('commits every file or leaves every target as it was, with no temporaries (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(target, { minLength: 1, maxLength: 4 }), failure, async (targets, fail) => {
        const d = freshDir();
        const paths = targets.map((_, i) => join(d, `out${i}.txt`));
        targets.forEach((t, i) => t.before !== undefined && writeFileSync(paths[i] as string, t.before));
        const batch = new OutputBatch();
        const failAt = fail.kind === 'none' ? -1 : fail.at % targets.length;
        let failed = false;
        try {
          for (const [i, t] of targets.entries()) {
            // A write into a directory that does not exist fails like a full disk would.
            await batch.write(fail.kind === 'write' && i === failAt ? join(d, 'missing', 'x') : (paths[i] as string), t.after);
          }
          // A directory where a file should go makes the rename fail part-way through the commit.
          if (fail.kind === 'commit') {
            rmSync(paths[failAt] as string, { force: true });
            mkdirSync(join(paths[failAt] as string, 'inside'), { recursive: true });
          }
          batch.commit();
        } catch (e) {
          expect(e).toBeInstanceOf(OutputError);
          failed = true;
        } finally {
          batch.discard();
        }
        expect(failed).toBe(fail.kind !== 'none');
        targets.forEach((t, i) => {
          const p = paths[i] as string;
          if (fail.kind === 'commit' && i === failAt) return;
          const want = failed ? t.before : t.after;
          expect(want === undefined ? existsSync(p) : readFileSync(p, 'utf8')).toBe(want === undefined ? false : want);
        });
        expect(readdirSync(d).filter((n) => n.startsWith('.'))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("removes a dead process's leftover temporary of the same target", async () => {
    const d = freshDir();
    const stale = join(d, '.r.json.999999999.0123abcd.tmp');
    writeFileSync(stale, 'half-written');
    const batch = new OutputBatch();
    await batch.write(join(d, 'r.json'), 'new');
    batch.commit();
    expect(readdirSync(d)).toEqual(['r.json']);
  });
});

describe('what is echoed, and how the process exits', () => {
  it('any argv gives a result or a CliError of bounded length without control characters (property)', () => {
    const token = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('--draws', '--param-sets', '--seed', '--shard', '--backend', '--csv'),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (argv) => {
        try {
          parseSimArgs(argv);
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
          const msg = (e as CliError).message;
          expect(msg.length).toBeLessThan(400);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none get through
          expect(msg).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('--draws takes exactly the whole numbers within [1, MAX_DRAWS] (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n }), (n) => {
        const ok = n >= 1n && n <= BigInt(MAX_DRAWS);
        if (ok) expect(parseSimArgs(['--draws', String(n)]).draws).toBe(Number(n));
        else expect(() => parseSimArgs(['--draws', String(n)])).toThrow(/^--draws: must be a whole number within \[1, 16777216\]/);
      }),
      { numRuns: 200 },
    );
  });

  it('waits for a slow reader to take all of stderr before exiting', () => {
    const script = join(base, 'flush.ts');
    writeFileSync(
      script,
      `import { exitWhenFlushed } from ${JSON.stringify(join(ROOT, 'src/cli/lifecycle.ts'))};\n` +
        `process.stderr.write('x'.repeat(1 << 20));\nvoid exitWhenFlushed(3);\n`,
    );
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${TSX}" "${script}" 2>&1 >/dev/null | (sleep 1; wc -c); echo "exit \${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.stdout.trim().split(/\s+/)).toEqual([String(1 << 20), 'exit', '3']);
  });
});
