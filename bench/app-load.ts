/**
 * The load generator of `bench:app`, in its own process so that its work does not count as the
 * server's: reads `{ url, secret, rounds: string[][] }` from the file given, sends each round's
 * bodies as concurrent signed deliveries (one new connection each, as GitHub does) and prints the
 * latencies (ms) of every round after the `warmUp` first as JSON, with the reviews the server had
 * running (its `/metrics`) when each measured round started.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const { url, secret, warmUp, rounds } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { url: string; secret: string; warmUp: number; rounds: string[][] };

function deliver(body: string): Promise<number> {
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      `${url}/api/github/webhooks`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`webhook answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Review jobs the store holds as running (all the server's workers busy: its concurrency). */
async function running(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^spof_review_queue_jobs\{state="running"\} (\d+)/m.exec(text)?.[1] ?? NaN);
}

const latencies: number[] = [];
const reviewing: number[] = [];
for (const [i, bodies] of rounds.entries()) {
  if (i >= warmUp) reviewing.push(await running());
  const ms = await Promise.all(bodies.map(deliver));
  if (i >= warmUp) latencies.push(...ms);
}
process.stdout.write(JSON.stringify({ latencies, reviewing }));
