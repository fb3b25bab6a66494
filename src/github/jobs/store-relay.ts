/**
 * The jobs' thread reaches the store through the main thread, which owns the one connection (pool).
 * A second SQLite connection would make every webhook's write wait for the jobs' transactions in
 * SQLite's busy handler, which sleeps on the event loop; through the main thread, the store's calls
 * of both sides queue on one connection without blocking acknowledgements. Arguments and results
 * cross by structured clone (the store deals in plain data and Dates).
 */
import type { Store } from '../../store/types.js';

export type StoreCall = { t: 'store'; id: number; method: string; args: unknown[] };
export type StoreAnswer = { t: 'store-answer'; id: number; ok: true; value: unknown } | { t: 'store-answer'; id: number; ok: false; error: string };

/** The schema and the connection belong to the main thread. */
const NOT_RELAYED = new Set(['migrate', 'close', 'constructor']);

/** Main thread: runs one call of the jobs' thread on the store; never throws (failures are answered). */
export async function answerStoreCall(store: Store, call: StoreCall): Promise<StoreAnswer> {
  const fn = (store as unknown as Record<string, unknown>)[call.method];
  if (NOT_RELAYED.has(call.method) || typeof fn !== 'function') return { t: 'store-answer', id: call.id, ok: false, error: `the store has no relayed method ${call.method}` };
  try {
    return { t: 'store-answer', id: call.id, ok: true, value: await (fn as (...a: unknown[]) => unknown).apply(store, call.args) };
  } catch (err) {
    return { t: 'store-answer', id: call.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Jobs' thread: a Store whose calls run on the main thread's store. `send` posts a call; answers come to `settle`. */
export function relayedStore(send: (call: StoreCall) => void): { store: Store; settle(answer: StoreAnswer): void; fail(why: string): void } {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  const store = new Proxy({} as Store, {
    get(_, method) {
      if (typeof method !== 'string' || method === 'then') return undefined;
      if (NOT_RELAYED.has(method)) return () => Promise.reject(new Error(`store.${method} belongs to the main thread`));
      return (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          send({ t: 'store', id, method, args });
        });
    },
  });
  return {
    store,
    settle(answer) {
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if (answer.ok) p.resolve(answer.value);
      else p.reject(new Error(answer.error));
    },
    fail(why) {
      for (const p of pending.values()) p.reject(new Error(why));
      pending.clear();
    },
  };
}
