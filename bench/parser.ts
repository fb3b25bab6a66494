/**
 * Parse throughput of the HCL parser over every `.tf` file of ../shared/corpus/terraform,
 * against hcl2-parser (GopherJS build of hashicorp/hcl) and @cdktf/hcl2json (Go WASM), in MB/s
 * of UTF-8 input. Each parser is warmed up before it is timed; ours is timed over repeated
 * passes (at least `minMs`), the two slow ones over one full pass.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHcl } from '../src/formats/terraform/hcl/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function listTf(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listTf(p, out);
    else if (e.isFile() && e.name.endsWith('.tf')) out.push(p);
  }
  return out;
}

interface Result {
  name: string;
  mbPerSec: number;
  passes: number;
  ms: number;
  failures: number;
}

async function measure(
  name: string,
  texts: { path: string; text: string }[],
  bytes: number,
  parse: (path: string, text: string) => unknown,
  opts: { warmupFiles: number; warmupPasses: number; minMs: number },
): Promise<Result> {
  let failures = 0;
  const one = async (f: { path: string; text: string }): Promise<void> => {
    try {
      const r = parse(f.path, f.text);
      if (r instanceof Promise) await r;
    } catch {
      failures++;
    }
  };
  for (let p = 0; p < opts.warmupPasses; p++) for (const f of texts) await one(f);
  for (const f of texts.slice(0, opts.warmupFiles)) await one(f);
  failures = 0;
  const t0 = performance.now();
  let passes = 0;
  let ms = 0;
  do {
    for (const f of texts) await one(f);
    passes++;
    ms = performance.now() - t0;
  } while (ms < opts.minMs);
  return { name, mbPerSec: (bytes * passes) / 1e6 / (ms / 1000), passes, ms, failures: failures / passes };
}

export async function benchParser(): Promise<string> {
  const dir = path.resolve(repoRoot, '../shared/corpus/terraform');
  try {
    statSync(dir);
  } catch {
    return `parser: skipped (no corpus at ${dir})`;
  }
  const texts = listTf(dir).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  const bytes = texts.reduce((s, f) => s + Buffer.byteLength(f.text), 0);

  const require = createRequire(import.meta.url);
  const hcl2parser = require('hcl2-parser') as { parseToObject(text: string): [unknown, unknown] };
  const { parse: hcl2json } = (await import('@cdktf/hcl2json')) as { parse(file: string, text: string): Promise<unknown> };

  const ours = await measure('spof-review parseHcl', texts, bytes, parseHcl, { warmupFiles: 0, warmupPasses: 5, minMs: 2000 });
  const h2j = await measure('@cdktf/hcl2json', texts, bytes, (p, t) => hcl2json(p, t), { warmupFiles: 200, warmupPasses: 0, minMs: 0 });
  const h2p = await measure(
    'hcl2-parser',
    texts,
    bytes,
    (_p, t) => {
      const [, err] = hcl2parser.parseToObject(t);
      if (err) throw new Error('rejected');
    },
    { warmupFiles: 100, warmupPasses: 0, minMs: 0 },
  );

  const base = h2p.mbPerSec;
  const lines = [
    `HCL parser throughput: ${texts.length} .tf files, ${(bytes / 1e6).toFixed(2)} MB (${path.relative(repoRoot, dir)})`,
  ];
  for (const r of [ours, h2j, h2p]) {
    lines.push(
      `  ${r.name.padEnd(22)} ${r.mbPerSec.toFixed(2).padStart(8)} MB/s  ${(r.mbPerSec / base).toFixed(1).padStart(6)}x hcl2-parser` +
        `  (${r.passes} pass${r.passes > 1 ? 'es' : ''}, ${(r.ms / 1000).toFixed(2)} s${r.failures ? `, ${r.failures} files rejected` : ''})`,
    );
  }
  return lines.join('\n');
}
