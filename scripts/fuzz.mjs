// The long fuzz campaign: thousands of inputs per property, with a seed printed first so a failure
// can be replayed (FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run test/fuzz/<target>.fuzz.test.ts).
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '5000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz campaign: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}`);
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
console.log(`fuzz campaign ended (FUZZ_RUNS=${runs} FUZZ_SEED=${seed}): exit ${r.status}`);
process.exit(r.status ?? 1);
