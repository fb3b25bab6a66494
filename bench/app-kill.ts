/**
 * `bench:app` part 3: a review interrupted by `kill -9`, and how long after the kill its check run
 * completes: (a) the same replica restarted (same REPLICA_ID), (b) only another replica left.
 * Replicas are separate processes (bench/app-replica.ts) sharing a SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FakeRepo } from '../test/github/fake/repo.js';
import { pullRequest } from '../test/github/fake/payloads.js';
import { WEBHOOK_SECRET, privateKey } from '../test/github/fake/probot.js';

const REPLICA = fileURLToPath(new URL('./app-replica.ts', import.meta.url));

function replica(db: string, name: string, keyFile: string): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', REPLICA, db, name, keyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      queue.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
      wake?.();
    }
  });
  const lines: AsyncIterator<string> = {
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return { value: queue.shift()!, done: false };
    },
  };
  return { child, lines };
}

async function interrupted(successor: 'same' | 'other'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'spof-kill-'));
  const db = join(dir, 'spof-review.db');
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, privateKey());
  const a = replica(db, 'replica-a', keyFile);
  const [, url, base, head] = (await a.lines.next()).value.split(' ') as [string, string, string, string];
  const repo = new FakeRepo('acme', 'infra', 100);
  const body = JSON.stringify(pullRequest('opened', repo, { number: 1, base, head }));
  const res = await fetch(`${url}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}` },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  // Kill it once the check run exists and the review is under way.
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  for (;;) {
    const row = sqlite.prepare('select state, check_run_id from review_jobs order by id desc limit 1').get() as { state: string; check_run_id: number | null } | undefined;
    if (row?.state === 'running' && row.check_run_id !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  // Another replica is already running when A dies; a restart starts after it.
  let b = successor === 'other' ? replica(db, 'replica-b', keyFile) : undefined;
  if (b) await b.lines.next(); // listening
  await new Promise((r) => setTimeout(r, 500));
  a.child.kill('SIGKILL');
  const killed = performance.now();
  if (!b) {
    b = replica(db, 'replica-a', keyFile);
    await b.lines.next();
  }
  let line = '';
  do line = (await b.lines.next()).value;
  while (!line.startsWith('done '));
  const ms = performance.now() - killed;
  const job = sqlite.prepare('select attempts from review_jobs order by id desc limit 1').get() as { attempts: number };
  sqlite.close();
  b.child.kill('SIGTERM');
  await new Promise((r) => b.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return `  ${successor === 'same' ? 'the same replica restarted' : 'another replica only'}: check run ${line.split(' ')[2]} ${(ms / 1000).toFixed(1)} s after the kill (the job's attempt ${job.attempts})`;
}

export async function killRecovery(): Promise<string> {
  return ['A review interrupted by kill -9 (default lease 15 s, heartbeat 5 s, poll 2 s; a restart includes its process start, the other replica was already running):', await interrupted('same'), await interrupted('other')].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await killRecovery());
