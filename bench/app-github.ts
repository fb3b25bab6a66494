/**
 * GitHub's fake for `bench:app`'s acknowledgement runs, in its own process at the lowest scheduling
 * priority: in production GitHub's work is not on the app's cores, so here it answers when a core
 * is free instead of taking the app's time. argv[2]: `{ stacks, rounds, concurrent, file }`. Opens
 * `rounds` x `concurrent` pull requests, each changing every one of `stacks` Terraform stacks (each
 * becomes a single-instance group: a finding per stack), writes their `pull_request.opened` bodies
 * to `file` as JSON (one array per round), prints `origin <url>` when listening, and answers
 * `completed` on stdin with `completed <n>` (check runs completed so far).
 */
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { monorepo, payments, webStack } from '../test/github/fake/fixtures.js';
import { FakeGitHub } from '../test/github/fake/github.js';
import { pullRequest } from '../test/github/fake/payloads.js';
import { FakeRepo } from '../test/github/fake/repo.js';

const { stacks, rounds, concurrent, file } = JSON.parse(process.argv[2]!) as { stacks: number; rounds: number; concurrent: number; file: string };
setPriority(19);
const gh = new FakeGitHub();
const github = await gh.listen();
const repo = gh.add(new FakeRepo('acme', 'infra', 100));
const baseFiles = monorepo({ stacks });
const headFiles: Record<string, string> = { ...baseFiles, ...payments('head') };
for (let i = 0; i < stacks; i++) Object.assign(headFiles, webStack(`infra/web-${String(i).padStart(3, '0')}`, 1));
const base = repo.commit(baseFiles);
let pr = 0;
const bodies = Array.from({ length: rounds }, () =>
  Array.from({ length: concurrent }, () => {
    pr++;
    const head = repo.commit({ ...headFiles, 'infra/payments/pr.txt': String(pr) });
    gh.openPull(repo, { number: pr, base, head });
    return JSON.stringify(pullRequest('opened', repo, { number: pr, base, head }));
  }),
);
writeFileSync(file, JSON.stringify(bodies));
process.stdout.write(`origin ${github.origin}\n`);
process.stdin.on('data', (d) => {
  if (String(d).includes('completed')) process.stdout.write(`completed ${[...gh.checkRuns.values()].filter((r) => r.status === 'completed').length}\n`);
});
process.on('SIGTERM', () => void github.close().then(() => process.exit(0)));
