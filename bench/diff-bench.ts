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
  return runCli(['diff', base, head, '--format', 'json'], (out) => (JSON.parse(out) as { findings: unknown[] }).findings.length);
}

/** `spof-review scan dir --format json`: every stack extracted and analysed (no unchanged-stack shortcut). */
function runScan(dir: string): Run {
  return runCli(['scan', dir, '--format', 'json'], (out) => (JSON.parse(out) as { spofs: unknown[] }).spofs.length);
}

function runCli(args: string[], count: (stdout: string) => number): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const rss = /__PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  let findings = -1;
  try {
    findings = count(r.stdout);
  } catch {
    throw new Error(`${args[0]} did not print the expected JSON (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
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
  const results: { scale: number; resources: number; wall: number; peak: number; scanWall: number }[] = [];
  for (const scale of [1, 2]) {
    const dir = join(tmpdir(), `spof-review-bench-${scale}x`);
    const { base, head, resources } = generateMonorepo(dir, { stacks: 50 * scale, resourcesPerStack: 200 });
    runDiff(base, head); // warm the page cache
    const runs = Array.from({ length: repeats }, () => runDiff(base, head));
    const wall = median(runs.map((r) => r.wallMs));
    const peak = Math.max(...runs.map((r) => r.peakMb));
    const scans = Array.from({ length: 3 }, () => runScan(head));
    const scanWall = median(scans.map((r) => r.wallMs));
    const scanPeak = Math.max(...scans.map((r) => r.peakMb));
    results.push({ scale, resources, wall, peak, scanWall });
    lines.push(
      `diff ${scale}x: ${resources} resources in ${50 * scale} stacks, 1 changed: wall ${wall.toFixed(0)} ms (median of ${repeats}), peak RSS ${peak.toFixed(0)} MB, exit ${runs[0]!.exitCode}, ${runs[0]!.findings} finding(s)`,
      `scan ${scale}x: all ${resources} resources extracted and analysed: wall ${scanWall.toFixed(0)} ms (median of 3), peak RSS ${scanPeak.toFixed(0)} MB, ${scans[0]!.findings} SPOF(s)`,
    );
  }
  const [one, two] = results;
  lines.push(`scaling 2x/1x: diff ${(two!.wall / one!.wall).toFixed(2)}x time, scan ${(two!.scanWall / one!.scanWall).toFixed(2)}x time`);
  return lines.join('\n');
}
