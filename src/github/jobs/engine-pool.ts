/**
 * Where the engine runs. Parsing and analysing a change is CPU work of up to seconds; on an event
 * loop it delays everything behind it (the workers' GitHub I/O and publishing, or, with the workers
 * on the main thread, every webhook acknowledgement). The pool runs it on worker threads (one per
 * concurrent job, started by the workers' thread). A thread that dies (out of memory on a
 * huge repository) fails that job with a readable reason and is replaced; the app lives on.
 */
import type { Worker } from 'node:worker_threads';
import { doInventory, doReview, type InventoryOutcome, type InventoryWork, type ReviewOutcome, type ReviewWork } from './engine-work.js';
import type { EngineReply, EngineRequest } from './engine-worker.js';
import { startThread } from './thread-start.js';

export interface Engine {
  review(work: ReviewWork): Promise<ReviewOutcome>;
  inventory(work: InventoryWork): Promise<InventoryOutcome>;
  /** Starts the threads now, so the first reviews do not pay for loading the engine. */
  warm(): void;
  close(): Promise<void>;
}

/** The engine on the calling thread (threads: 0). */
export const inProcessEngine: Engine = {
  review: async (work) => doReview(work),
  inventory: async (work) => doInventory(work),
  warm: () => undefined,
  close: async () => undefined,
};

interface Task {
  request: Omit<EngineRequest, 'id'>;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  task: (Task & { id: number }) | undefined;
}

export class EnginePool implements Engine {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Pieces of work the threads completed (tests, logs). */
  completed = 0;

  constructor(private readonly size: number) {}

  /** Threads running now. */
  get threads(): number {
    return this.slots.length;
  }

  review(work: ReviewWork): Promise<ReviewOutcome> {
    return this.submit({ op: 'review', work }) as Promise<ReviewOutcome>;
  }

  inventory(work: InventoryWork): Promise<InventoryOutcome> {
    return this.submit({ op: 'inventory', work }) as Promise<InventoryOutcome>;
  }

  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new Error('the app is stopping'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private submit(request: Task['request']): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the app is stopping'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = { ...this.waiting.shift()!, id: this.nextId++ };
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, ...task.request } as EngineRequest);
    }
  }

  private spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, task: undefined };
    worker.unref();
    worker.on('message', (reply: EngineReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      slot.task = undefined;
      worker.unref();
      this.completed++;
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new Error(`review engine: ${reply.error}`));
      this.dispatch();
    });
    const lost = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.task?.reject(new Error(`the review engine's thread stopped (${why})`));
      slot.task = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (err) => lost(err.message.split('\n')[0] ?? 'error'));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }
}

function startWorker(): Worker {
  return startThread(import.meta.url, 'engine-worker');
}

/** The engine for `threads` concurrent jobs: worker threads, or the calling thread for 0. */
export function engineFor(threads: number): Engine {
  return threads > 0 ? new EnginePool(threads) : inProcessEngine;
}
