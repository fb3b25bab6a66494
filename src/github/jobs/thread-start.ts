/**
 * Starts a worker thread on one of this folder's modules, built or from source. Built, the `.js`
 * beside the caller; from source (tsx: tests, benches), the `.ts`, through tsx's loader registered
 * inside the thread, because Node 20 does not apply a parent's `--import` loader to workers.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `caller` is the starting module's `import.meta.url`; `name` the thread's module without extension. */
export function startThread(caller: string, name: string, options: Pick<WorkerOptions, 'workerData' | 'transferList'> = {}): Worker {
  const fromSource = caller.endsWith('.ts');
  const entry = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, caller);
  if (!fromSource) return new Worker(entry, options);
  // The ESM build of tsx's API (require.resolve names its CommonJS twin beside it).
  const tsx = pathToFileURL(createRequire(caller).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
