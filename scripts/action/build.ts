/**
 * Bundles the GitHub Action (src/action/main.ts) into one committed file, action/dist/index.js,
 * which action.yml runs on node24. The build is deterministic (no timestamps, paths relative to the
 * repository, pinned esbuild), so test/action/bundle.test.ts can rebuild it and compare bytes.
 * Native modules stay out: the action has no store, and the bundle must not reach better-sqlite3, pg
 * or Probot. `npm run build:action` rewrites the bundle.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'action', 'dist', 'index.js');

/** Writes the bundle to `outfile`; returns what went into it. */
export async function buildAction(outfile: string = BUNDLE): Promise<Metafile> {
  await mkdir(dirname(outfile), { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/action/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The runner runs node24; the tests run the bundle on the Node the project supports (20.18+).
    target: 'node20.18',
    // ESM builds first: jsonc-parser's "main" is a UMD file that require()s its parts at run time.
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'eof',
    sourcemap: false,
    minify: false,
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as spofCreateRequire } from 'node:module';\nconst require = spofCreateRequire(import.meta.url);" },
  });
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const meta = await buildAction();
  const bytes = Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
  process.stdout.write(`action/dist/index.js: ${bytes} bytes from ${Object.keys(meta.inputs).length} modules\n`);
}
