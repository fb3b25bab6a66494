/**
 * The total bytes one review reads are capped (issue 10): a few MB of `.git` can hold hundreds of
 * MB of compressible blobs. Past the cap the review is refused whole, counted from the listing's
 * sizes before anything is read: an error diagnostic, exit 2 / neutral, never a pass.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { BlobFetcher } from '../../src/github/fetch/blobs.js';
import { fetchChange } from '../../src/github/fetch/index.js';
import { runnerOptionsFromEnv } from '../../src/github/jobs/runner.js';
import { configurationProblem } from '../../src/github/settings-check.js';
import { ReadBudget } from '../../src/model/index.js';
import { useFake } from '../github/fake/client.js';
import { cli, git, tempDir, write } from '../cli/helpers.js';

const DB = (multiAz: boolean) => `resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`;
const LINE = '# padding that compresses very well, the same line again and again\n';
/** A Terraform file of comments only, `bytes` long, distinct per `i` (one blob each). */
const padding = (i: number, bytes: number) => `# ${i}\n${LINE.repeat(Math.floor(bytes / LINE.length))}`;

/**
 * A repository whose `base` tag has a multi-AZ database and whose `main` makes it single and adds
 * `files` padding files of `bytes` each, written through `git fast-import` one blob at a time (the
 * work tree and the test's memory never hold them all).
 */
async function compressibleRepo(files: number, bytes: number): Promise<string> {
  const repo = tempDir('spof-bomb-');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const child = spawn('git', ['-C', repo, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  const put = (text: string) => new Promise<void>((resolve) => (child.stdin.write(text) ? resolve() : child.stdin.once('drain', resolve)));
  let mark = 0;
  const blob = async (text: string) => {
    await put(`blob\nmark :${++mark}\ndata ${Buffer.byteLength(text)}\n`);
    await put(`${text}\n`);
    return mark;
  };
  const commit = async (entries: [string, number][], message: string, parent?: number) => {
    await put(`commit refs/heads/main\nmark :${++mark}\ncommitter t <t@example.test> 0 +0000\ndata ${message.length}\n${message}\n`);
    if (parent !== undefined) await put(`from :${parent}\n`);
    for (const [path, m] of entries) await put(`M 100644 :${m} ${path}\n`);
    await put('\n');
    return mark;
  };
  const base = await commit([['main.tf', await blob(DB(true))]], 'base');
  await put(`reset refs/tags/base\nfrom :${base}\n\n`);
  const head: [string, number][] = [['main.tf', await blob(DB(false))]];
  for (let i = 0; i < files; i++) head.push([`pad/f${i}.tf`, await blob(padding(i, bytes))]);
  await commit(head, 'head', base);
  child.stdin.end();
  expect(await done, stderr).toBe(0);
  return repo;
}

function gitDirBytes(repo: string): number {
  return Number(execFileSync('du', ['-sb', join(repo, '.git')], { encoding: 'utf8' }).split('\t')[0]);
}

describe('the total bytes one review reads', () => {
  it('diff --repo on a few MB of .git holding 320 MB of compressible blobs is refused before reading: exit 2, neutral', async () => {
    const repo = await compressibleRepo(64, 5_000_000);
    expect(gitDirBytes(repo)).toBeLessThan(10 * 1024 * 1024);
    const r = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.conclusion).toBe('neutral');
    expect(out.findings).toEqual([]);
    expect(out.diagnostics).toEqual([
      {
        file: expect.stringMatching(/^pad\/f\d+\.tf$/),
        line: 1,
        severity: 'error',
        message: expect.stringMatching(/^not reviewed: too large to review: \d+\.\d MB of files counted, and this file's 4\.8 MB would pass the 256 MB limit on what one review reads; raise it with --max-read-mb or SPOF_REVIEW_MAX_READ_MB$/),
      },
    ]);
  }, 120_000);

  it('the cap is raised with --max-read-mb or SPOF_REVIEW_MAX_READ_MB, and then the change is found', async () => {
    const repo = await compressibleRepo(3, 600_000);
    const refused = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json', '--max-read-mb', '1']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).diagnostics[0].message).toMatch(/would pass the 1 MB limit/);
    const byEnv = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json'], { env: { SPOF_REVIEW_MAX_READ_MB: '1' } });
    expect(byEnv.code).toBe(2);
    const raised = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json', '--max-read-mb', '4'], { env: { SPOF_REVIEW_MAX_READ_MB: '1' } });
    expect(raised.code, raised.stderr).toBe(1);
    expect(JSON.parse(raised.stdout).findings.map((f: { component: { id: string } }) => f.component.id)).toEqual(['aws_db_instance.main']);
  }, 60_000);

  it('directories: both sides count together, and a scan past the cap is refused too', () => {
    const base = tempDir();
    const head = tempDir();
    write(base, { 'main.tf': DB(true), 'pad.tf': padding(0, 600_000) });
    write(head, { 'main.tf': DB(false), 'pad.tf': padding(1, 600_000) });
    const diff = cli(['diff', base, head, '--format', 'json', '--max-read-mb', '1']);
    expect(diff.code).toBe(2);
    expect(JSON.parse(diff.stdout)).toMatchObject({ conclusion: 'neutral', findings: [], diagnostics: [{ severity: 'error', message: expect.stringMatching(/too large to review/) }] });
    expect(cli(['diff', base, head, '--format', 'json', '--max-read-mb', '2']).code).toBe(1);
    // Within the cap the single database is found (exit 1).
    expect(cli(['scan', head, '--format', 'json', '--max-read-mb', '1']).code).toBe(1);
    write(head, { 'pad2.tf': padding(2, 600_000) });
    const over = cli(['scan', head, '--format', 'json', '--max-read-mb', '1']);
    expect(over.code).toBe(2);
    expect(JSON.parse(over.stdout).diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/too large to review/) })]);
  }, 60_000);

  it('log: a commit past the cap could not be reviewed (exit 2)', async () => {
    const repo = await compressibleRepo(3, 600_000);
    git(repo, 'checkout', '-q', 'main');
    const r = cli(['log', '--repo', repo, '--format', 'json', '--max-read-mb', '1']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.subject === 'head')).toMatchObject({ status: 'error', error: expect.stringMatching(/too large to review/) });
  }, 60_000);

  it('a value that is not a number of MB is a usage error', () => {
    const dir = tempDir();
    write(dir, { 'main.tf': DB(true) });
    for (const v of ['0', '1.5', '5000']) {
      const r = cli(['scan', dir, '--max-read-mb', v]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--max-read-mb must be a whole number of megabytes from 1 to 4096/);
    }
    const env = cli(['scan', dir], { env: { SPOF_REVIEW_MAX_READ_MB: 'lots' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/SPOF_REVIEW_MAX_READ_MB must be a whole number of megabytes/);
  }, 60_000);
});

describe('the app reads within the same cap', () => {
  const { gh, repo, client, coords } = useFake();

  it('a change whose stack passes the cap fetches no blob and is not reviewed: an error, neutral', async () => {
    const pads = Object.fromEntries([0, 1, 2].map((i) => [`infra/pad-${i}.tf`, padding(i, 600_000)]));
    const base = repo.commit({ 'infra/main.tf': DB(true), ...pads });
    const head = repo.change(base, { 'infra/main.tf': DB(false) });
    const blobs = new BlobFetcher(client, coords, undefined, new ReadBudget(1, 'the app reads SPOF_REVIEW_MAX_READ_MB'));
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs });
    expect(gh.ops().filter((o) => o.includes('Blobs'))).toEqual([]);
    expect(got.files!.iacChanged).toEqual(['infra/main.tf']);
    expect(got.files!.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^not reviewed: too large to review: .* the 1 MB limit on what one review reads; the app reads SPOF_REVIEW_MAX_READ_MB$/) }),
    ]);
    const r = review({ base: got.files!.base, head: got.files!.head, config: DEFAULT_CONFIG, diagnostics: got.files!.diagnostics });
    expect(r.conclusion).toBe('neutral');
    expect(review({ base: got.files!.base, head: got.files!.head, config: { ...DEFAULT_CONFIG, on_error: 'failure' }, diagnostics: got.files!.diagnostics }).conclusion).toBe('failure');

    // Raised, the same change is fetched and its finding made.
    const raised = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords, undefined, new ReadBudget(4)) });
    expect(raised.files!.diagnostics).toEqual([]);
    expect(review({ base: raised.files!.base, head: raised.files!.head, config: DEFAULT_CONFIG }).findings.map((f) => f.component.id)).toEqual(['aws_db_instance.main']);
  });

  it('SPOF_REVIEW_MAX_READ_MB is checked at start and read into the runner', () => {
    expect(runnerOptionsFromEnv({ SPOF_REVIEW_MAX_READ_MB: '64' }).maxReadMb).toBe(64);
    expect(runnerOptionsFromEnv({}).maxReadMb).toBeUndefined();
    expect(configurationProblem({ SPOF_REVIEW_MAX_READ_MB: '64' })).toBeUndefined();
    expect(configurationProblem({ SPOF_REVIEW_MAX_READ_MB: '0' })).toBe('SPOF_REVIEW_MAX_READ_MB must be a whole number of megabytes from 1 to 4096, not "0"');
  });
});
