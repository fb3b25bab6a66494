/**
 * The members of the teams CODEOWNERS names (DESIGN amendment 48): a team of one is one person. Read
 * with the `members: read` organization permission; a team GitHub will not show (403: the permission
 * was not granted, or the team is another organization's; 404: no such team, or a secret one) keeps an
 * unknown size, which never makes a finding. Other failures are the job's, as for every request.
 */
import type { TeamMembers } from '../../analysis/index.js';
import type { GitHubApi } from '../types.js';

/** Teams read per review, at most: past it the rest stay unknown. */
export const MAX_TEAMS = 50;

export async function fetchTeamMembers(gh: GitHubApi, teams: readonly string[]): Promise<TeamMembers> {
  const out: TeamMembers = {};
  for (const team of teams.slice(0, MAX_TEAMS)) {
    const [org, team_slug] = team.split('/') as [string, string | undefined];
    if (!org || !team_slug) continue;
    try {
      const members = (await gh.paginate('GET /orgs/{org}/teams/{team_slug}/members', { org, team_slug, per_page: 100 })) as { login: string }[];
      out[team.toLowerCase()] = members.map((m) => m.login.toLowerCase());
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status !== 403 && status !== 404) throw err;
    }
  }
  return out;
}
