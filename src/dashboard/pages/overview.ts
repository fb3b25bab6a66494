import { SEVERITIES } from '../../model/finding.js';
import type { Overview } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { changesTable } from './parts.js';
import { dashboardPaths } from './paths.js';

function changesLink(params: Record<string, string>): string {
  return `${dashboardPaths.changes}?${new URLSearchParams(params).toString()}`;
}

/** The organisation (as far as the viewer can see it) at a glance. */
export function renderOverview(data: Overview, ctx: PageContext): string {
  const open = data.open;
  const openTotal = SEVERITIES.reduce((n, s) => n + (open.bySeverity[s] ?? 0), 0);
  const body = html`
<section aria-labelledby="open-h">
<h2 id="open-h">Open flagged changes</h2>
<ul class="cards">
<li><span class="n">${openTotal}</span> <a href="${changesLink({ status: 'open' })}">open in total</a></li>
${SEVERITIES.map(
  (s) => html`<li><span class="n sev-${s}">${open.bySeverity[s] ?? 0}</span> <a href="${changesLink({ status: 'open', severity: s })}">${s}</a></li>`,
)}
<li><span class="n">${data.defaultBranchSpofs}</span> <a href="${dashboardPaths.inventory}">SPOFs on default branches now</a></li>
</ul>
</section>
<section aria-labelledby="week-h">
<h2 id="week-h">This week</h2>
<ul class="cards">
<li><span class="n">${data.thisWeek.newSpofs}</span> SPOFs new on default branches</li>
<li><span class="n">${data.thisWeek.resolved}</span> resolved from default branches</li>
<li><span class="n">${data.thisWeek.accepted}</span> acceptances given</li>
</ul>
</section>
<div class="grid2">
<section aria-labelledby="repo-h">
<h2 id="repo-h">Open by repository</h2>
${
  open.byRepo.length === 0
    ? html`<p class="empty">No open flagged changes.</p>`
    : html`<table><thead><tr><th scope="col">Repository</th><th scope="col" class="num">Open</th></tr></thead><tbody>
${open.byRepo.map(
  (r) => html`<tr><td><a href="${changesLink({ repo: `${r.owner}/${r.repo}`, status: 'open' })}">${r.owner}/${r.repo}</a></td><td class="num">${r.count}</td></tr>`,
)}
</tbody></table>`
}
</section>
<section aria-labelledby="team-h">
<h2 id="team-h">Open by team</h2>
${
  open.byTeam.length === 0
    ? html`<p class="empty">No open flagged changes with an owner in CODEOWNERS.</p>`
    : html`<table><thead><tr><th scope="col">Team (CODEOWNERS)</th><th scope="col" class="num">Open</th></tr></thead><tbody>
${open.byTeam.map(
  (t) => html`<tr><td><a href="${changesLink({ team: t.team, status: 'open' })}">${t.team}</a></td><td class="num">${t.count}</td></tr>`,
)}
</tbody></table>`
}
</section>
</div>
<section aria-labelledby="recent-h">
<h2 id="recent-h">Recently reviewed</h2>
${changesTable(ctx, data.recent, 'Flagged changes reviewed most recently')}
<p><a href="${dashboardPaths.changes}">All flagged changes</a></p>
</section>`;
  return layout(ctx, 'Overview', 'overview', body);
}
