/**
 * Who may accept risk (config `accept`): never the pull request's author unless
 * `author_may_accept`; then, with `accept.by` empty, anyone with write access to the repository,
 * else a listed user, a member of a listed team, or (`codeowners`) an owner of every file the
 * findings are in. Team membership is asked of GitHub (`members: read`); a 403 or 404 means
 * "not a member", never an error that lets the acceptance through. CODEOWNERS is read from the
 * default branch, so a pull request cannot make its author an owner.
 */
import type { AcceptPolicy, Acceptor } from '../../config/types.js';
import type { GitHub, RepoCoords } from '../types.js';
import { CODEOWNERS_LOCATIONS, ownersLookup } from '../../formats/index.js';
import type { Owner } from '../../model/index.js';

export type Decision = { ok: true; as: string } | { ok: false; why: string };

export interface Request {
  actor: string;
  author: string | null;
  /** The files of the findings the acceptance would cover. */
  files: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export async function mayAccept(gh: GitHub, coords: RepoCoords, policy: AcceptPolicy, req: Request): Promise<Decision> {
  if (req.author && same(req.actor, req.author) && !policy.author_may_accept) {
    return { ok: false, why: `@${req.actor} opened this pull request, and its author may not accept its risk (\`accept.author_may_accept\` is false)` };
  }
  if (policy.by.length === 0) {
    const permission = await repoPermission(gh, coords, req.actor);
    if (permission === 'admin' || permission === 'write') return { ok: true, as: `has ${permission} access` };
    return { ok: false, why: `@${req.actor} has no write access to ${coords.owner}/${coords.repo}` };
  }
  const teams = new TeamCache(gh, req.actor);
  for (const entry of policy.by) {
    if (entry.kind === 'user' && same(entry.login, req.actor)) return { ok: true, as: `is listed in \`accept.by\`` };
    if (entry.kind === 'team' && (await teams.isMember(entry.org, entry.slug))) return { ok: true, as: `is a member of @${entry.org}/${entry.slug}` };
  }
  let codeownersWhy: string | undefined;
  if (policy.by.some((e) => e.kind === 'codeowners')) {
    const verdict = await ownsAll(gh, coords, teams, req);
    if (verdict.ok) return verdict;
    codeownersWhy = verdict.why;
  }
  return { ok: false, why: `@${req.actor} is not among those who may accept (\`accept.by\`: ${policy.by.map(describeAcceptor).join(', ')})${codeownersWhy ? `: ${codeownersWhy}` : ''}` };
}

export function describeAcceptor(a: Acceptor): string {
  return a.kind === 'user' ? `@${a.login}` : a.kind === 'team' ? `@${a.org}/${a.slug}` : 'codeowners';
}

async function repoPermission(gh: GitHub, coords: RepoCoords, username: string): Promise<string> {
  try {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...coords, username });
    return data.permission;
  } catch (err) {
    if (isRefusal(err)) return 'none';
    throw err;
  }
}

/** One membership request per team and actor, within one decision. */
class TeamCache {
  private readonly answers = new Map<string, Promise<boolean>>();
  constructor(private readonly gh: GitHub, private readonly username: string) {}

  isMember(org: string, slug: string): Promise<boolean> {
    const key = `${org.toLowerCase()}/${slug.toLowerCase()}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.gh.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: this.username }).then(
        ({ data }) => data.state === 'active',
        (err) => {
          // Not a member, a secret team, or no `members: read`: all mean "not shown to be a member".
          if (isRefusal(err)) return false;
          throw err;
        },
      );
      this.answers.set(key, answer);
    }
    return answer;
  }
}

async function ownsAll(gh: GitHub, coords: RepoCoords, teams: TeamCache, req: Request): Promise<Decision> {
  const ownersOf = await readCodeowners(gh, coords);
  if (!ownersOf) return { ok: false, why: 'the repository has no CODEOWNERS file on its default branch' };
  const notOwned: string[] = [];
  for (const file of [...new Set(req.files)].sort()) {
    if (!(await owns(ownersOf(file), req.actor, teams))) notOwned.push(file);
  }
  if (notOwned.length === 0) return { ok: true, as: 'owns the affected files (CODEOWNERS)' };
  return { ok: false, why: `CODEOWNERS does not make @${req.actor} an owner of ${notOwned.map((f) => `\`${f}\``).join(', ')}` };
}

async function owns(owners: readonly Owner[], actor: string, teams: TeamCache): Promise<boolean> {
  for (const owner of owners) {
    // An e-mail address names no GitHub login to compare with.
    if (owner.kind === 'user' && same(owner.name, actor)) return true;
    if (owner.kind === 'team') {
      const [org, slug] = owner.name.split('/') as [string, string];
      if (await teams.isMember(org, slug)) return true;
    }
  }
  return false;
}

async function readCodeowners(gh: GitHub, coords: RepoCoords): Promise<((path: string) => Owner[]) | undefined> {
  for (const path of CODEOWNERS_LOCATIONS) {
    try {
      const { data } = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', { ...coords, path, mediaType: { format: 'raw' } });
      return ownersLookup(String(data));
    } catch (err) {
      if ((err as { status?: number }).status === 404) continue;
      throw err;
    }
  }
  return undefined;
}

function isRefusal(err: unknown): boolean {
  const status = (err as { status?: number }).status;
  return status === 403 || status === 404;
}
