/**
 * A small GitHub behind nock: enough of the REST and GraphQL API for the app, with state (check
 * runs, reviews, comments, threads) so tests assert outcomes and the exact calls. Every request
 * body is validated against GitHub's OpenAPI description; an invalid one is recorded in
 * `invalid` and fails the test that checks it. Unknown routes answer 501 and are recorded too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { checkRequest } from '../openapi.js';
import { unifiedDiff } from './diff.js';
import type { FakeRepo } from './repo.js';
import { FakeUsers } from './users.js';

export const API = 'https://api.github.com';

export interface Call {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The OpenAPI operation id, or `graphql:<operation name>`. */
  op: string;
  /** The request's Authorization header. */
  authorization?: string;
  at: number;
}

export interface CheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  external_id?: string;
  output: { title?: string; summary?: string; text?: string };
  annotations: { path: string; start_line: number; end_line: number; annotation_level: string; title?: string; message: string }[];
  actions: { label: string; identifier: string; description: string }[];
  updates: number;
}

export interface PullState {
  number: number;
  /** The login of who opened it. */
  author: string;
  repo: FakeRepo;
  /** The commit the PR branched from (the merge base). */
  mergeBase: string;
  /** The base branch tip. */
  baseTip: string;
  head: string;
  headRepoFullName: string;
}

export interface Fault {
  method: string;
  path: RegExp;
  /** A GraphQL operation (`mutation Resolve`): only requests carrying it match. */
  graphql?: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export type Reply = [number, unknown, Record<string, string>?];

export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly invalid: string[] = [];
  readonly repos = new Map<string, FakeRepo>();
  /** Pull requests; their repository is told by name (a suite's `useFake` handle forwards to the repository). */
  readonly pulls: PullState[] = [];
  readonly checkRuns = new Map<number, CheckRun>();
  readonly issueComments: { id: number; issue: number; repo: string; body: string; user: { login: string; type: string } }[] = [];
  readonly reviews: { id: number; pull: number; repo: string; commit_id: string; body: string; event: string }[] = [];
  readonly reviewComments: {
    id: number;
    review_id: number;
    pull: number;
    repo: string;
    path: string;
    line: number;
    start_line?: number;
    body: string;
    user: { login: string; type: string };
    thread: string;
    in_reply_to?: number;
  }[] = [];
  readonly resolvedThreads = new Set<string>();
  readonly faults: Fault[] = [];
  /** Milliseconds each response is delayed (to see overlapping requests). */
  latencyMs = 0;
  private readonly holds: { method: string; path: RegExp; taken: boolean; reached: () => void; released: Promise<void> }[] = [];
  /** Recursive tree listings are truncated after this many entries. */
  truncateTreesAt = Infinity;
  /** What the next answer reports as `x-ratelimit-remaining` (each request uses one, as on GitHub). */
  rateLimitRemaining = 5000;
  /** Organization teams by `org/slug`, with their members' logins; others answer 404. */
  readonly teams = new Map<string, string[]>();
  /**
   * The app GitHub creates from a manifest (the setup flow): the manifest the browser posted to
   * `/settings/apps/new`, and the credentials `POST /app-manifests/{code}/conversions` hands out once.
   */
  readonly manifestFlow: { app?: { id: number; pem: string; webhookSecret: string }; manifests: Record<string, any>[]; codes: Map<string, Record<string, any>> } = { manifests: [], codes: new Map() };
  /** The org `.github` repository's config, when set. */
  orgConfig: string | undefined;
  /** Repository permission per login (`GET .../collaborators/{u}/permission`); anyone else has `write`. */
  readonly permissions = new Map<string, 'admin' | 'write' | 'read' | 'none'>();
  /** Teams whose membership answers 403 (a secret team, or no `members: read`). */
  readonly secretTeams = new Set<string>();
  /** CODEOWNERS files per `owner/name`, by path. */
  readonly codeowners = new Map<string, Record<string, string>>();
  /** Users, their installations and repositories, the OAuth web flow and user access tokens (the dashboard's side). */
  readonly users = new FakeUsers();
  /** Who the comments this GitHub stores are by: the app's bot, or `github-actions[bot]` for a workflow token. */
  botLogin = 'spof-review[bot]';
  private nextId = 1000;

  add(repo: FakeRepo): FakeRepo {
    this.repos.set(repo.fullName, repo);
    return repo;
  }

  openPull(repo: FakeRepo, p: { number: number; base: string; head: string; baseTip?: string; fork?: string; author?: string }): PullState {
    const pull = { number: p.number, author: p.author ?? 'Codertocat', repo, mergeBase: p.base, baseTip: p.baseTip ?? p.base, head: p.head, headRepoFullName: p.fork ?? repo.fullName };
    const old = this.pulls.findIndex((x) => x.repo.fullName === repo.fullName && x.number === p.number);
    if (old >= 0) this.pulls.splice(old, 1, pull);
    else this.pulls.push(pull);
    return pull;
  }

  /** The next `times` requests matching method and path fail with `status`. */
  fail(method: string, path: RegExp, status: number, times = 1, headers: Record<string, string> = {}, body: unknown = { message: 'Server Error' }): void {
    this.faults.push({ method, path, status, times, headers, body });
  }

  /**
   * The next request matching method and path waits until `release()`: a job stays busy exactly as
   * long as a test needs, whatever the machine's speed. `reached` resolves when it arrives.
   */
  hold(method: string, path: RegExp): { reached: Promise<void>; release(): void } {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    const released = new Promise<void>((r) => (release = r));
    this.holds.push({ method, path, taken: false, reached, released });
    return { reached: arrived, release };
  }

  /**
   * The next `times` GraphQL requests of one operation are refused as GitHub refuses them: HTTP 200
   * with an `errors` list (`FORBIDDEN`: "Resource not accessible by integration").
   */
  failGraphql(operation: string, type: string, message: string, times = 1): void {
    this.faults.push({ method: 'POST', path: /^\/graphql$/, graphql: operation, status: 200, times, body: { data: null, errors: [{ type, message, path: [operation.split(' ')[1]] }] } });
  }

  start(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- nock's reply function gets the request as `this`
    const self = this;
    nock.disableNetConnect();
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
      nock(API)
        .persist()
        .intercept(/.*/, method)
        .reply(async function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
          await self.waitTurn(method, new URL(uri, API).pathname);
          try {
            return self.handle(method, uri, body, this.req.headers, API) as unknown as nock.ReplyFnResult;
          } catch (e) {
            return [500, { message: `fake: ${(e as Error).message}` }];
          }
        });
    }
  }

  /** The response's latency, and a hold on the request if a test placed one. */
  private async waitTurn(method: string, path: string): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const held = this.holds.find((h) => !h.taken && h.method === method && h.path.test(path));
    if (held) {
      held.taken = true;
      held.reached();
      await held.released;
    }
  }

  stop(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  /**
   * The same GitHub on a real loopback port, for an app in another process or a container: it
   * answers at `/` and under `/api/v3` and `/api/graphql` (where Octokit sends them with `GHE_HOST` set). Resolves
   * to the server's origin.
   */
  async listen(port = 0): Promise<{ origin: string; close: () => Promise<void> }> {
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/settings/apps/new') return this.createApp(Buffer.concat(chunks).toString('utf8'), res);
        if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/login/oauth/authorize') return this.users.authorize(req.url ?? '', res);
        const uri = (req.url ?? '/').replace(/^\/api\/graphql(?=\?|$)/, '/graphql').replace(/^\/api\/v3(?=\/|$)/, '') || '/';
        await this.waitTurn(req.method ?? 'GET', uri.split('?')[0]!);
        if (res.destroyed) return;
        let reply: Reply;
        try {
          reply = this.handle(req.method ?? 'GET', uri, Buffer.concat(chunks).toString('utf8'), req.headers, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`);
        } catch (e) {
          reply = [500, { message: `fake: ${(e as Error).message}` }];
        }
        const [status, data, headers = {}] = reply;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const { port: bound } = server.address() as AddressInfo;
    return {
      origin: `http://127.0.0.1:${bound}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  /** github.com's "create app from manifest" form: keeps the manifest, sends the browser to its redirect_url with a code. */
  private createApp(form: string, res: import('node:http').ServerResponse): void {
    const text = new URLSearchParams(form).get('manifest');
    let manifest: Record<string, any>;
    try {
      manifest = JSON.parse(text ?? '');
    } catch {
      res.writeHead(422, { 'content-type': 'text/plain' }).end('manifest is not JSON');
      return;
    }
    if (typeof manifest.redirect_url !== 'string' || typeof manifest.hook_attributes?.url !== 'string' || typeof manifest.name !== 'string') {
      res.writeHead(422, { 'content-type': 'text/plain' }).end('manifest lacks name, hook_attributes.url or redirect_url');
      return;
    }
    this.manifestFlow.manifests.push(manifest);
    const code = `code${this.id()}`;
    this.manifestFlow.codes.set(code, manifest);
    res.writeHead(302, { location: `${manifest.redirect_url}?code=${code}` }).end();
  }

  /** `METHOD operation` of every call, in order (access tokens left out). */
  ops(filter?: (c: Call) => boolean): string[] {
    return this.calls.filter((c) => c.op !== 'apps/create-installation-access-token' && (!filter || filter(c))).map((c) => `${c.method} ${c.op}`);
  }

  /** Read requests (GET and GraphQL queries), access tokens left out. */
  reads(): Call[] {
    return this.calls.filter((c) => c.method === 'GET' || c.op.startsWith('graphql:query'));
  }

  private handle(method: string, uri: string, rawBody: unknown, headers: Record<string, string | string[] | undefined> = {}, base = API): Reply {
    const url = new URL(uri, API);
    const path = decodeURIComponent(url.pathname);
    let body: unknown = rawBody;
    if (typeof rawBody === 'string' && rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    if (body === '') body = undefined;
    let op: string;
    if (path.startsWith('/login/oauth/')) {
      // github.com's OAuth endpoints (not the REST API): form or JSON bodies, answered in JSON when asked.
      const form = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string> | undefined);
      this.calls.push({ method, path, query: url.searchParams, body: form, op: `oauth:${path}`, at: Date.now() });
      return this.users.oauth(method, path, form ?? {});
    } else if (path === '/graphql') {
      const q = (body as { query?: unknown })?.query;
      if (typeof q !== 'string') this.invalid.push('graphql: query missing');
      const vars = (body as { variables?: unknown })?.variables;
      if (vars !== undefined && (typeof vars !== 'object' || vars === null)) this.invalid.push('graphql: variables must be an object');
      const m = typeof q === 'string' ? /^\s*(query|mutation)\s+(\w+)/.exec(q) : null;
      op = m ? `graphql:${m[1]} ${m[2]}` : 'graphql:?';
      if (!m) this.invalid.push(`graphql: anonymous or malformed operation: ${String(q).slice(0, 80)}`);
    } else {
      const checked = checkRequest(method, url.pathname, body);
      this.invalid.push(...checked.errors);
      op = checked.operationId;
    }
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    this.calls.push({ method, path, query: url.searchParams, body, op, at: Date.now(), ...(authorization !== undefined ? { authorization } : {}) });

    const limit = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(Math.max(0, --this.rateLimitRemaining)) };
    const fault = this.faults.find((f) => f.method === method && f.path.test(path) && f.times > 0 && (f.graphql === undefined || `graphql:${f.graphql}` === op));
    if (fault) {
      fault.times--;
      return [fault.status, fault.body, { 'content-type': 'application/json; charset=utf-8', ...limit, ...fault.headers }];
    }
    const user = this.users.route(method, path, url.searchParams, headers, base, body);
    const [status, data, answerHeaders] = user ?? this.route(method, path, url.searchParams, body, op);
    return [status, data, { ...limit, ...answerHeaders }];
  }

  private repoOf(owner: string, name: string): FakeRepo {
    const r = this.repos.get(`${owner}/${name}`);
    if (!r) throw new Error(`no repo ${owner}/${name}`);
    return r;
  }

  private id(): number {
    return this.nextId++;
  }

  private route(method: string, path: string, query: URLSearchParams, body: any, op: string): Reply {
    const json = (status: number, data: unknown, headers: Record<string, string> = {}): Reply => [status, data, { 'content-type': 'application/json; charset=utf-8', ...headers }];
    let m: RegExpExecArray | null;

    if (method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      return json(201, { token: `ghs_fakeinstallationtoken${m[1]}`, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: 'all' });
    }
    if (path === '/graphql') return json(200, this.graphql(op, body));
    if (method === 'POST' && (m = /^\/app-manifests\/([^/]+)\/conversions$/.exec(path))) {
      const manifest = this.manifestFlow.codes.get(m[1]!);
      const app = this.manifestFlow.app;
      if (!manifest || !app) return json(404, { message: 'Not Found' });
      this.manifestFlow.codes.delete(m[1]!);
      const slug = String(manifest.name).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
      return json(201, {
        id: app.id,
        slug,
        node_id: 'MDM6QXBwNDI0Mg==',
        name: manifest.name,
        html_url: `https://github.com/apps/${slug}`,
        owner: { login: 'acme' },
        permissions: manifest.default_permissions,
        events: manifest.default_events,
        pem: app.pem,
        webhook_secret: app.webhookSecret,
        client_id: 'Iv1.0123456789abcdef',
        client_secret: '0123456789abcdef0123456789abcdef01234567',
      });
    }

    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(path))) {
      const members = this.teams.get(`${m[1]}/${m[2]}`);
      if (!members) return json(404, { message: 'Not Found' });
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const slice = members.slice((page - 1) * perPage, page * perPage).map((login, i) => ({ login, id: 5000 + i, type: 'User' }));
      const more = page * perPage < members.length;
      return json(200, slice, more ? { link: `<${API}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {});
    }
    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path))) {
      const team = `${m[1]}/${m[2]}`.toLowerCase();
      if (this.secretTeams.has(team)) return json(403, { message: 'Resource not accessible by integration' });
      if (!this.teams.get(team)?.includes(m[3]!)) return json(404, { message: 'Not Found' });
      return json(200, { url: `${API}${path}`, role: 'member', state: 'active' });
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path))) {
      const r = this.repoOf(m[1]!, m[2]!);
      return json(200, { id: r.id, name: r.name, full_name: r.fullName, owner: { login: r.owner }, private: true, default_branch: r.defaultBranch });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
    if (!m) return json(501, { message: `fake: no route ${method} ${path}` });
    const [, owner, name, rest] = m as unknown as [string, string, string, string];

    if (method === 'GET' && rest.startsWith('/contents/')) {
      const file = rest.slice('/contents/'.length);
      const owners = this.codeowners.get(`${owner}/${name}`)?.[file];
      if (owners !== undefined) return [200, owners, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }];
      // At a commit (`?ref=`): the file as that commit has it.
      const atRef = query.get('ref') ? this.repos.get(`${owner}/${name}`)?.commits.get(query.get('ref')!) : undefined;
      if (atRef) {
        const text = atRef.files.get(file);
        return text === undefined ? json(404, { message: 'Not Found' }) : [200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }];
      }
      const text = name === '.github' ? this.orgConfig : this.repos.get(`${owner}/${name}`)?.config;
      if (file !== '.github/spof-review.yml' || text === undefined) return json(404, { message: 'Not Found' });
      return [200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }];
    }
    const repo = this.repoOf(owner, name);

    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]+)$/.exec(rest))) {
      const commit = repo.commits.get(m[1]!);
      const treeSha = commit ? commit.tree : m[1]!;
      if (!repo.trees.has(treeSha)) return json(404, { message: 'Not Found' });
      let items = query.get('recursive') ? repo.recursive(treeSha) : repo.trees.get(treeSha)!;
      const truncated = items.length > this.truncateTreesAt;
      if (truncated) items = items.slice(0, this.truncateTreesAt);
      return json(200, { sha: treeSha, url: `${API}/repos/${repo.fullName}/git/trees/${treeSha}`, tree: items, truncated });
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/([0-9a-f]+)$/.exec(rest))) {
      const text = repo.blobs.get(m[1]!);
      if (text === undefined) return json(404, { message: 'Not Found' });
      return json(200, { sha: m[1], size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
    }
    if (method === 'GET' && (m = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest))) {
      const [base, head] = [m[1]!, m[2]!];
      const pull = this.pulls.find((p) => p.repo.fullName === repo.fullName && p.baseTip === base && p.head === head);
      const mergeBase = pull ? pull.mergeBase : base;
      const files = this.diff(repo, mergeBase, head);
      return json(200, { ...commitStub(repo, base), merge_base_commit: commitStub(repo, mergeBase), base_commit: commitStub(repo, base), status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: files.slice(0, 300) });
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
      const pull = this.pull(repo, Number(m[1]));
      const files = this.diff(repo, pull.mergeBase, pull.head).slice(0, 3000);
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const slice = files.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < files.length) headers.link = `<${API}/repos/${repo.fullName}/pulls/${pull.number}/files?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      return json(200, slice, headers);
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = this.pull(repo, Number(m[1]));
      return json(200, { number: pull.number, state: 'open', user: { login: pull.author, type: 'User' }, head: { sha: pull.head, ref: 'feature' }, base: { sha: pull.baseTip, ref: repo.defaultBranch } });
    }
    if (method === 'GET' && (m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const permission = this.permissions.get(m[1]!) ?? 'write';
      if (permission === 'none') return json(404, { message: 'Not Found' });
      return json(200, { permission, role_name: permission, user: { login: m[1] } });
    }
    if (method === 'GET' && (m = /^\/commits\/([^/]+)$/.exec(rest))) {
      // A SHA, or a branch name (its head).
      const c = repo.commits.get(m[1]!) ?? repo.commits.get(repo.branches.get(decodeURIComponent(m[1]!)) ?? '');
      if (!c) return json(404, { message: 'Not Found' });
      return json(200, { sha: c.sha, commit: { tree: { sha: c.tree } }, parents: c.parents.map((sha) => ({ sha, url: `${API}/repos/${repo.fullName}/commits/${sha}` })), files: [] });
    }
    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest))) {
      const sha = m[1]!;
      // Like GitHub: PRs from forks are not listed for the head commit in the base repository... unless open there.
      const list = this.pulls.filter((p) => p.repo.fullName === repo.fullName && p.head === sha).map((p) => ({ number: p.number, state: 'open', head: { sha: p.head }, base: { sha: p.baseTip } }));
      return json(200, list);
    }
    if (method === 'POST' && rest === '/check-runs') {
      const id = this.id();
      const run: CheckRun = { id, head_sha: body.head_sha, name: body.name, status: body.status ?? 'queued', conclusion: body.conclusion ?? null, external_id: body.external_id, output: body.output ?? {}, annotations: [...(body.output?.annotations ?? [])], actions: body.actions ?? [], updates: 0 };
      this.checkRuns.set(id, run);
      return json(201, { id, head_sha: run.head_sha, name: run.name, status: run.status });
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.get(Number(m[1]));
      if (!run) return json(404, { message: 'Not Found' });
      run.updates++;
      if (body.status) run.status = body.status;
      if (body.conclusion) (run.conclusion = body.conclusion), (run.status = 'completed');
      if (body.output) {
        const { annotations, ...rest2 } = body.output;
        run.output = rest2;
        run.annotations.push(...(annotations ?? []));
      }
      if (body.actions) run.actions = body.actions;
      return json(200, { id: run.id, status: run.status, conclusion: run.conclusion });
    }
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
      const pullNumber = Number(m[1]);
      const pull = this.pull(repo, pullNumber);
      const files = new Map(this.diff(repo, pull.mergeBase, pull.head).map((f) => [f.filename, f]));
      for (const c of body.comments ?? []) {
        const f = files.get(c.path);
        if (!f || !f.patch || !rightLines(f.patch).has(c.line) || (c.start_line !== undefined && !rightLines(f.patch).has(c.start_line))) {
          return json(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
        }
      }
      if (body.commit_id !== pull.head) return json(422, { message: 'Unprocessable Entity', errors: ['commit_id is not the head of the pull request'] });
      const id = this.id();
      this.reviews.push({ id, pull: pullNumber, repo: repo.fullName, commit_id: body.commit_id, body: body.body, event: body.event });
      for (const c of body.comments ?? []) {
        const cid = this.id();
        this.reviewComments.push({ id: cid, review_id: id, pull: pullNumber, repo: repo.fullName, path: c.path, line: c.line, start_line: c.start_line, body: c.body, user: this.bot(), thread: `PRRT_${cid}` });
      }
      return json(200, { id, body: body.body, commit_id: body.commit_id, state: 'COMMENTED' });
    }
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(rest))) {
      const to = this.reviewComments.find((c) => c.repo === repo.fullName && c.pull === Number(m![1]) && c.id === Number(m![2]));
      if (!to) return json(404, { message: 'Not Found' });
      const id = this.id();
      const reply = { id, review_id: to.review_id, pull: to.pull, repo: repo.fullName, path: to.path, line: to.line, body: body.body, user: this.bot(), thread: to.thread, in_reply_to: to.id };
      this.reviewComments.push(reply);
      return json(201, commentJson(reply));
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/.exec(rest))) {
      const list = this.reviewComments.filter((c) => c.repo === repo.fullName && c.review_id === Number(m![2]));
      return json(200, list.map(commentJson));
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/comments$/.exec(rest))) {
      const list = this.reviewComments.filter((c) => c.repo === repo.fullName && c.pull === Number(m![1]));
      return json(200, list.map(commentJson));
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      return json(200, this.issueComments.filter((c) => c.repo === repo.fullName && c.issue === Number(m![1])));
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const c = { id: this.id(), issue: Number(m[1]), repo: repo.fullName, body: body.body, user: this.bot() };
      this.issueComments.push(c);
      return json(201, c);
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const c = this.issueComments.find((x) => x.id === Number(m![1]) && x.repo === repo.fullName);
      if (!c) return json(404, { message: 'Not Found' });
      c.body = body.body;
      return json(200, c);
    }
    return json(501, { message: `fake: no route ${method} ${path}` });
  }

  private bot() {
    return { login: this.botLogin, type: 'Bot' };
  }

  pull(repo: FakeRepo, number: number): PullState {
    const p = this.pulls.find((x) => x.repo.fullName === repo.fullName && x.number === number);
    if (!p) throw new Error(`no pull ${number}`);
    return p;
  }

  /** GitHub's diff entries between two commits, sorted by path. */
  diff(repo: FakeRepo, from: string, to: string): { filename: string; status: string; sha: string; patch?: string; additions: number; deletions: number; changes: number }[] {
    const a = repo.get(from).files;
    const b = repo.get(to).files;
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    const out = [];
    for (const p of paths) {
      const x = a.get(p);
      const y = b.get(p);
      if (x === y) continue;
      const status = x === undefined ? 'added' : y === undefined ? 'removed' : 'modified';
      const patch = unifiedDiff(x ?? '', y ?? '');
      out.push({ filename: p, status, sha: '0'.repeat(40), patch, additions: 0, deletions: 0, changes: 0 });
    }
    return out;
  }

  private graphql(op: string, body: { query: string; variables: Record<string, any> }): unknown {
    const v = body.variables ?? {};
    if (op === 'graphql:query Blobs') {
      const repo = this.repoOf(v.owner, v.name);
      const data: Record<string, unknown> = {};
      for (const [k, sha] of Object.entries(v)) {
        if (!/^o\d+$/.test(k)) continue;
        const text = repo.blobs.get(sha as string);
        data[`b${k.slice(1)}`] = text === undefined ? null : text.includes('\0') ? { text: null, isBinary: true, isTruncated: false } : { text, isBinary: false, isTruncated: text.length > 512 * 1024 };
      }
      return { data: { repository: data } };
    }
    if (op === 'graphql:query Threads') {
      const repo = this.repoOf(v.owner, v.name);
      const nodes = this.reviewComments
        .filter((c) => c.repo === repo.fullName && c.pull === v.number && c.in_reply_to === undefined)
        .map((c) => ({ id: c.thread, isResolved: this.resolvedThreads.has(c.thread), comments: { nodes: [{ databaseId: c.id }] } }));
      return { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } };
    }
    if (op === 'graphql:mutation Resolve') {
      this.resolvedThreads.add(v.threadId);
      return { data: { resolveReviewThread: { thread: { id: v.threadId, isResolved: true } } } };
    }
    return { errors: [{ message: `fake: unknown graphql ${op}` }] };
  }
}


function commentJson(c: FakeGitHub['reviewComments'][number]) {
  return { id: c.id, pull_request_review_id: c.review_id, path: c.path, line: c.line, body: c.body, user: c.user, ...(c.in_reply_to !== undefined ? { in_reply_to_id: c.in_reply_to } : {}) };
}

function commitStub(repo: FakeRepo, sha: string) {
  return { sha, url: `${API}/repos/${repo.fullName}/commits/${sha}`, commit: { tree: { sha: repo.commits.get(sha)?.tree } } };
}

/** Head lines a comment may sit on (added and context lines of the hunks). */
export function rightLines(patch: string): Set<number> {
  const out = new Set<number>();
  let line = 0;
  for (const raw of patch.split('\n')) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(raw);
    if (h) {
      line = Number(h[1]);
      continue;
    }
    if (raw.startsWith('+') || raw.startsWith(' ')) out.add(line++);
  }
  return out;
}
