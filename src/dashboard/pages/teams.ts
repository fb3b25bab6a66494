import type { TeamSummary } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { dashboardPaths } from './paths.js';

function table(rows: readonly TeamSummary[], caption: string): Html {
  if (rows.length === 0) return html`<p class="empty">None.</p>`;
  const link = (params: Record<string, string>) => `${dashboardPaths.changes}?${new URLSearchParams(params).toString()}`;
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Team (CODEOWNERS)</th><th scope="col" class="num">Open</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">SPOFs on default branches</th><th scope="col">Repositories</th></tr></thead>
<tbody>${rows.map(
    (t) => html`<tr><th scope="row"><a href="${link({ team: t.team })}">${t.team}</a></th>
<td class="num"><a href="${link({ team: t.team, status: 'open' })}">${t.open}</a></td>
<td class="num"><a href="${link({ team: t.team, status: 'accepted' })}">${t.accepted}</a></td>
<td class="num"><a href="${dashboardPaths.inventory}?${new URLSearchParams({ team: t.team }).toString()}">${t.defaultBranchSpofs}</a></td>
<td>${t.repos.join(', ')}</td></tr>`,
  )}</tbody></table></div>`;
}

/**
 * Findings attributed to teams through CODEOWNERS. The viewer's own teams come first when GitHub
 * told us which they are; when it would not (the app may not read org membership), the page says so
 * instead of guessing.
 */
export function renderTeams(rows: readonly TeamSummary[], ctx: PageContext): string {
  const mine = ctx.viewer?.teams;
  const key = (t: string) => t.replace(/^@/, '').toLowerCase();
  const mineSet = new Set((mine ?? []).map(key));
  const own = rows.filter((t) => mineSet.has(key(t.team)) || key(t.team) === ctx.viewer?.login.toLowerCase());
  const others = rows.filter((t) => !own.includes(t));
  const body = html`
<section aria-labelledby="mine-h">
<h2 id="mine-h">My teams</h2>
${
  mine === undefined
    ? html`<p class="notice">GitHub did not tell which teams you are in (the app cannot read your organisation's team membership), so every team is listed below.</p>`
    : mine.length === 0
      ? html`<p class="muted">GitHub lists no teams for you in these organisations.</p>`
      : table(own, 'Teams you are in, and files you own yourself')
}
</section>
<section aria-labelledby="all-h">
<h2 id="all-h">${mine === undefined ? 'All teams' : 'Other teams'}</h2>
${table(mine === undefined ? rows : others, 'Teams owning files that findings point at')}
</section>`;
  return layout(ctx, 'Teams', 'teams', body);
}
