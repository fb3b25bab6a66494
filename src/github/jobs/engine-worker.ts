/** A worker thread of the engine pool: runs one piece of engine work at a time, off the event loop. */
import { parentPort } from 'node:worker_threads';
import { doInventory, doReview, type InventoryWork, type ReviewWork } from './engine-work.js';
import { lowerThisThread } from './thread-priority.js';

export type EngineRequest = { id: number; op: 'review'; work: ReviewWork } | { id: number; op: 'inventory'; work: InventoryWork };
export type EngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

// Acknowledgements on the main thread come first when the cores are busy.
if (parentPort) lowerThisThread();

parentPort?.on('message', (msg: EngineRequest) => {
  let reply: EngineReply;
  try {
    reply = { id: msg.id, ok: true, value: msg.op === 'review' ? doReview(msg.work) : doInventory(msg.work) };
  } catch (err) {
    reply = { id: msg.id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  parentPort!.postMessage(reply);
});
