/**
 * Reviews are CPU work of seconds; webhook acknowledgements are a few milliseconds each and GitHub
 * waits for them. The workers' thread and the engine threads lower their own scheduling priority so
 * that, when the cores are busy, the main thread (acknowledgements, the store) runs first, then the
 * workers (GitHub I/O, publishing), then the engine. Linux keeps a nice value
 * per thread (setpriority on a thread id affects that thread only); elsewhere, or where it is not
 * allowed, the thread keeps the process's priority.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of an engine thread (0 is normal, 19 the lowest priority). */
export const ENGINE_NICE = 10;

/** The nice value of the jobs' thread (GitHub I/O and publishing): after acknowledgements, before the engine. */
export const JOBS_NICE = 5;

/** Lowers the calling thread's priority; true when it did. */
export function lowerThisThread(nice = ENGINE_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // "<pid>/task/<tid>": the kernel's id of the calling thread.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Never raises it: a process started with a higher nice value keeps it on its threads.
    if (getPriority(tid) >= nice) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
