import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo } from './generate.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const HOOK = join(import.meta.dirname, 'rss-hook.mjs');

interface Run {
  wallMs: number;
  peakMb: number;
  exitCode: number | null;
  findings: number;
}

/** Run the built CLI as a user would (`spof-review diff base head --format json`), measuring wall time and peak RSS. */
function runDiff(base: string, head: string): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', HOOK, CLI, 'diff', base, head, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const rss = /__PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  let findings = -1;
  try {
    findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  } catch {
    throw new Error(`diff did not print JSON (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  }
  return { wallMs, peakMb: rss ? Number(rss[1]) / 1024 : NaN, exitCode: r.status, findings };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchDiff(repeats = 5): Promise<string> {
  if (!existsSync(CLI)) throw new Error('build first: npm run build');
  const lines: string[] = [];
  const results: { scale: number; resources: number; wall: number; peak: number }[] = [];
  for (const scale of [1, 2]) {
    const dir = join(tmpdir(), `spof-review-bench-${scale}x`);
    const { base, head, resources } = generateMonorepo(dir, { stacks: 50 * scale, resourcesPerStack: 200 });
    runDiff(base, head); // warm the page cache
    const runs = Array.from({ length: repeats }, () => runDiff(base, head));
    const wall = median(runs.map((r) => r.wallMs));
    const peak = Math.max(...runs.map((r) => r.peakMb));
    results.push({ scale, resources, wall, peak });
    lines.push(
      `diff ${scale}x: ${resources} resources in ${50 * scale} stacks, 1 changed: wall ${wall.toFixed(0)} ms (median of ${repeats}), peak RSS ${peak.toFixed(0)} MB, exit ${runs[0]!.exitCode}, ${runs[0]!.findings} finding(s)`,
    );
  }
  const [one, two] = results;
  lines.push(`diff scaling 2x/1x: ${(two!.wall / one!.wall).toFixed(2)}x time`);
  return lines.join('\n');
}
