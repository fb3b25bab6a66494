import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubernetesFanOut, terraformFanOut, writeFanOut } from './generate-fan-out.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const HOOK = join(import.meta.dirname, 'rss-hook.mjs');

/** One CLI run: wall time, CPU time and peak RSS of the process, exit code and output size. */
function run(args: string[], format = 'json'): string {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args, '--format', format], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wall = performance.now() - started;
  const rss = /__PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  const cpu = /__CPU_MS=(\d+)/.exec(r.stderr ?? '');
  return `wall ${(wall / 1000).toFixed(2)} s, CPU ${cpu ? (Number(cpu[1]) / 1000).toFixed(2) : '?'} s, peak RSS ${rss ? (Number(rss[1]) / 1024).toFixed(0) : '?'} MB, exit ${r.status}, ${(r.stdout.length / 1024).toFixed(0)} KB of ${format}`;
}

/** `npm run bench`: the shared fan-out inputs of issue 10 at 1x and 2x (scan, diff and the mermaid graph). */
export function benchSharedFanOut(): string {
  const lines: string[] = [];
  for (const n of [1000, 2000]) {
    for (const [name, make] of [['kubernetes', kubernetesFanOut], ['terraform', terraformFanOut]] as const) {
      const c = writeFanOut(join(tmpdir(), `spof-review-fan-out-${name}-${n}`), make(n));
      lines.push(`${name} ${n} x ${n} (${(c.bytes / 1024).toFixed(0)} KB): scan ${run(['scan', c.head])}; diff ${run(['diff', c.base, c.head])}; graph ${run(['graph', c.head], 'mermaid')}`);
    }
  }
  return lines.join('\n');
}
