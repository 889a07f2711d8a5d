// `npm run bench -- --against REV`: the CPU fallback's site-year samples/s, one worker, warm, for
// this tree and for revision REV, measured in the same run, alternating, so the ratio is read off
// one machine state. REV is checked out in a temporary git worktree that borrows this tree's
// node_modules and runs its own engine; the worktree is removed afterwards. Both trees run
// REV's copy of the scenario when REV has one (older code may refuse newer fields), else the file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface AgainstResult {
  revision: string;
  /** site-year samples/s of each alternating round, this tree's and REV's. */
  current: number[];
  previous: number[];
}

/**
 * The script each tree runs, from its own bench/ folder, so both measure the same way: its own
 * engine, CPU, one worker, a warm-up run (worker start-up, JIT) and then the timed run. Warm
 * rather than the sim CLI's cold run, whose start-up (tsx compiling the worker) is half its time.
 */
const WARM_RUN = `import { createEngine } from '../src/createEngine';
import { loadScenarioFile } from '../src/scenario/validate';
const [path, draws] = [process.argv[2] ?? '', Number(process.argv[3])];
const scenario = await loadScenarioFile(path);
const engine = await createEngine({ backend: 'cpu', workers: 1 });
await engine.run(scenario, { draws: 512 });
const result = await engine.run(scenario, { draws });
console.log(\`rate \${Math.round(result.siteYearSamplesPerSecond)}\`);
await engine.dispose();
`;
const SCRIPT = 'bench/.against-run.ts';

function simRate(dir: string, scenario: string, draws: number): number {
  const script = join(dir, SCRIPT);
  writeFileSync(script, WARM_RUN);
  try {
    const args = ['tsx', '--import', './scripts/rawImport.mjs', SCRIPT, scenario, String(draws)];
    const run = spawnSync('npx', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const m = /^rate (\d+)$/m.exec(run.stdout ?? '');
    if (run.status !== 0 || !m?.[1]) throw new Error(`${dir}: the warm CPU run exited ${run.status}:\n${(run.stderr ?? '').slice(-2000)}`);
    return Number(m[1]);
  } finally {
    rmSync(script, { force: true });
  }
}

export function benchAgainst(revision: string, scenario: string, draws: number, rounds = 5): AgainstResult {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${revision}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'headroom-against-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { stdio: 'ignore' });
  try {
    const inRevision = isAbsolute(scenario) ? undefined : join(dir, scenario);
    const scenarioPath = inRevision && existsSync(inRevision) ? inRevision : resolve(scenario);
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    const result: AgainstResult = { revision: `${revision} (${commit.slice(0, 9)})`, current: [], previous: [] };
    for (let i = 0; i < rounds; i++) {
      result.current.push(simRate(process.cwd(), scenarioPath, draws));
      result.previous.push(simRate(dir, scenarioPath, draws));
    }
    return result;
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
