/**
 * The webhook endpoint under hostile traffic: oversized bodies are refused before they are read,
 * forged and malformed deliveries are answered with a clear status and one log line, and no
 * payload, secret or internal error text reaches the response or the log.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { spofOctokit } from '../../src/github/octokit.js';
import { serve, type RunningServer } from '../../src/github/server.js';
import { WEBHOOK_BODY_LIMIT } from '../../src/github/webhook-route.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { FAST_RUNNER } from '../github/fake/app.js';
import { monorepo } from '../github/fake/fixtures.js';
import { FakeGitHub } from '../github/fake/github.js';
import { payloadProblem } from '../../src/github/payload-shape.js';
import { checkRun, checkSuite, closed, installationDeleted, issueComment, labeled, mergeGroup, pullRequest, push, repositoriesRemoved } from '../github/fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger, privateKey } from '../github/fake/probot.js';
import { FakeRepo } from '../github/fake/repo.js';

const MARKER = 'HOSTILE-PAYLOAD-MARKER-7f3a';
const PATH = '/api/github/webhooks';

let server: RunningServer | undefined;
let store: KyselyStore | undefined;
let gh: FakeGitHub | undefined;
let logs: string[] = [];

afterEach(async () => {
  await server?.close();
  await store?.close().catch(() => undefined);
  gh?.stop();
  server = store = gh = undefined;
  logs = [];
});

async function start(opts: { env?: NodeJS.ProcessEnv; bodyLimit?: number } = {}): Promise<RunningServer> {
  gh = new FakeGitHub();
  gh.start();
  nock.enableNetConnect('127.0.0.1');
  store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
  server = await serve({
    env: opts.env ?? { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET },
    store,
    host: '127.0.0.1',
    port: 0,
    Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
    runner: FAST_RUNNER,
    log: captureLogger(logs, 'debug'),
    ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}),
  });
  return server;
}

function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function post(event: string, body: string, signature = sign(body)): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server!.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Log lines that mention a refused or failed webhook. */
function refusals(): string[] {
  return logs.filter((l) => /webhook refused|error/i.test(l));
}

/** Sends request headers on a raw socket, then `body` chunks until the server answers; resolves with the answer and the bytes sent. */
function rawPost(headers: string[], chunks: () => Buffer | undefined): Promise<{ response: string; sent: number }> {
  const url = new URL(server!.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let response = '';
    let sent = 0;
    let answered = false;
    socket.on('data', (d) => {
      response += d.toString('latin1');
      answered = true;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => (answered ? resolve({ response, sent }) : reject(new Error(`closed without an answer after ${sent} bytes`))));
    socket.write([`POST ${PATH} HTTP/1.1`, `Host: ${url.host}`, ...headers, '', ''].join('\r\n'));
    const pump = () => {
      while (!answered && !socket.destroyed) {
        const chunk = chunks();
        if (!chunk) return; // keep the socket open: the server must answer without an end
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

describe('oversized webhook bodies', () => {
  it('a Content-Length over 25 MB is answered 413 before any of the body is sent', async () => {
    await start();
    const { response, sent } = await rawPost(
      ['Content-Type: application/json', 'X-GitHub-Event: pull_request', `X-GitHub-Delivery: ${randomUUID()}`, 'X-Hub-Signature-256: sha256=00', `Content-Length: ${26 * 1024 * 1024}`],
      () => undefined,
    );
    expect(sent).toBe(0);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain(`over the ${WEBHOOK_BODY_LIMIT}-byte webhook limit`);
    expect(refusals()).toHaveLength(1);
  });

  it('a chunked body is cut off at the limit: the answer comes without the rest being read', async () => {
    const limit = 1024 * 1024;
    await start({ bodyLimit: limit });
    const piece = Buffer.alloc(64 * 1024, 'a');
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    const total = 200 * 1024 * 1024;
    let offered = 0;
    const { response, sent } = await rawPost(
      ['Content-Type: application/json', 'X-GitHub-Event: pull_request', `X-GitHub-Delivery: ${randomUUID()}`, 'X-Hub-Signature-256: sha256=00', 'Transfer-Encoding: chunked'],
      () => (offered < total ? ((offered += chunk.length), chunk) : undefined),
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    // The client kept writing until the connection was closed: far less than the 200 MB it had.
    expect(sent).toBeLessThan(total / 4);
    expect(refusals()).toHaveLength(1);
  });
});

describe('what the log and the answers carry', () => {
  it('a forged delivery is answered 401 with one log line that carries neither the payload nor the secret', async () => {
    await start();
    const body = JSON.stringify({ action: 'opened', filler: MARKER.repeat(50_000) });
    const res = await post('pull_request', body, sign(body, 'not-the-secret'));
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(MARKER);
    expect(refusals()).toHaveLength(1);
    const all = logs.join('');
    expect(all).not.toContain(MARKER);
    expect(all).not.toContain(WEBHOOK_SECRET);
    expect(all.length).toBeLessThan(20_000);
  });

  it('a handler failing inside (the store is gone) answers 500 without internals, and the log has no payload', async () => {
    await start();
    const repo = gh!.add(new FakeRepo('acme', 'infra', 100));
    const base = repo.commit(monorepo());
    const payload = pullRequest('opened', repo, { number: 1, base, head: base });
    payload.pull_request.title = MARKER;
    await server!.runner.stop();
    await store!.close();
    const res = await post('pull_request', JSON.stringify(payload));
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/internal error while recording delivery/);
    expect(res.text).not.toMatch(/Sqlite|TypeError|destroyed|at /);
    expect(logs.join('')).not.toContain(MARKER);
    expect(logs.join('')).toMatch(/destroyed|closed/i);
  });
});

describe('signed payloads missing fields', () => {
  const cases: [string, string, (p: Record<string, any>) => void, RegExp][] = [
    ['pull_request without a head SHA', 'pull_request', (p) => delete p.pull_request.head.sha, /pull_request\.head\.sha is missing/],
    ['pull_request without a repository id', 'pull_request', (p) => delete p.repository.id, /repository\.id is missing/],
    ['pull_request with a number that is a string', 'pull_request', (p) => (p.pull_request.number = '1; drop table'), /pull_request\.number must be a non-negative integer \(found another string\)/],
    ['pull_request without pull_request', 'pull_request', (p) => delete p.pull_request, /pull_request\.number is missing/],
    ['push without after', 'push', (p) => delete p.after, /after is missing/],
  ];
  for (const [name, event, breakIt, expected] of cases) {
    it(`${name}: 400 naming the field, one log line, nothing recorded`, async () => {
      await start();
      const repo = gh!.add(new FakeRepo('acme', 'infra', 100));
      const base = repo.commit(monorepo());
      const payload = event === 'push' ? push(repo, base) : pullRequest('opened', repo, { number: 1, base, head: base });
      breakIt(payload);
      const res = await post(event, JSON.stringify(payload));
      expect(res.status).toBe(400);
      expect(res.text).toMatch(expected);
      expect(res.text).not.toMatch(/Sqlite|TypeError|Cannot read|constraint/);
      expect(refusals()).toHaveLength(1);
      expect(refusals()[0]).toMatch(expected);
      expect(await store!.unfinished()).toEqual([]);
    });
  }

  it('every kind of delivery the app handles passes the check when GitHub sends it whole', () => {
    const repo = new FakeRepo('acme', 'infra', 100);
    const base = repo.commit(monorepo());
    const head = repo.change(base, { 'README.md': 'x\n' });
    const pull = { number: 1, base, head };
    const deliveries: [string, Record<string, any>][] = [
      ...['opened', 'synchronize', 'reopened', 'ready_for_review'].map((a) => ['pull_request', pullRequest(a, repo, pull)] as [string, Record<string, any>]),
      ['pull_request', labeled(repo, pull, 'spof-accepted')],
      ['check_run', checkRun('rerequested', repo, { id: 5, headSha: head, pull })],
      ['check_run', checkRun('requested_action', repo, { id: 5, headSha: head, pull })],
      ['check_suite', checkSuite(repo, { headSha: head, pull })],
      ['merge_group', mergeGroup(repo, { head, base, pulls: [1] })],
      ['push', push(repo, head)],
      ['pull_request', labeled(repo, pull, 'spof-accepted', 'octocat', 'unlabeled')],
      ['pull_request', closed(repo, pull, true)],
      ['pull_request', closed(repo, pull, false)],
      ['issue_comment', issueComment(repo, pull, '/spof-review accept because')],
      ['installation', installationDeleted(1)],
      ['installation_repositories', repositoriesRemoved(1, [repo])],
    ];
    for (const [event, payload] of deliveries) expect([event, payload.action, payloadProblem(event, payload)]).toEqual([event, payload.action, undefined]);
    // Without an installation the handlers ignore the delivery: nothing to check.
    const bare = pullRequest('opened', repo, pull);
    delete bare.installation;
    delete bare.pull_request;
    expect(payloadProblem('pull_request', bare)).toBeUndefined();
    expect(payloadProblem('check_run', checkRun('rerequested', repo, { id: 5, headSha: 'main', pull }))).toBe('check_run.head_sha must be a commit SHA (found another string)');
    const noCommenter = issueComment(repo, pull, '/spof-review accept');
    delete noCommenter.comment.user;
    expect(payloadProblem('issue_comment', noCommenter)).toBe('comment.user.login is missing');
    const removed = repositoriesRemoved(1, [repo]);
    removed.repositories_removed[0].id = '100';
    expect(payloadProblem('installation_repositories', removed)).toBe('repositories_removed[].id must be a non-negative integer (found another string)');
    const deleted = installationDeleted(1);
    deleted.installation.id = null;
    expect(payloadProblem('installation', deleted)).toBe('installation.id must be a non-negative integer (found null)');
  });

  it('a well-formed delivery of the same kind is accepted (the check is not too strict)', async () => {
    await start();
    const repo = gh!.add(new FakeRepo('acme', 'infra', 100));
    const base = repo.commit(monorepo());
    const res = await post('push', JSON.stringify(push(repo, repo.change(base, { 'README.md': 'x\n' }))));
    expect(res.status).toBe(200);
    expect(refusals()).toEqual([]);
  });

  it('a body that is not JSON is answered 400', async () => {
    await start();
    const res = await post('pull_request', `{"action": "opened", ${MARKER}`);
    expect(res).toMatchObject({ status: 400, text: expect.stringMatching(/not JSON/) });
    expect(logs.join('')).not.toContain(MARKER);
  });
});

describe('a missing WEBHOOK_SECRET outside production', () => {
  it('is warned about at start', async () => {
    await start({ env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey() } });
    const warnings = logs.filter((l) => l.includes('WEBHOOK_SECRET is not set'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!).level).toBe(40);
  });

  it('is not warned about when it is set', async () => {
    await start();
    expect(logs.filter((l) => l.includes('WEBHOOK_SECRET'))).toEqual([]);
  });
});
