import type { InventoryPage } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { lineUrl } from './github-links.js';
import { graphSection } from './graph-section.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { filterParams, pager } from './pager.js';
import { severityBadge, time } from './parts.js';
import { dashboardPaths } from './paths.js';

/**
 * Per repository: the graph of its SPOFs and what fails with them, then per stack the SPOFs on the
 * default branch now, with blast radius and recovery; a page of repositories at a time, the totals
 * counting every repository in scope.
 */
export function renderInventory(data: InventoryPage, ctx: PageContext): string {
  const rows = data.rows;
  const team = ctx.url.searchParams.get('team');
  const repos = data.total;
  const csv = filterParams(ctx.url);
  csv.set('format', 'csv');
  const body = html`
<p class="pager" id="result-count"><span><strong>${data.spofs}</strong> SPOF${data.spofs === 1 ? '' : 's'} on the default branches of ${repos} ${repos === 1 ? 'repository' : 'repositories'}${team ? html` owned by <strong>${team}</strong>` : ''}${rows.length < repos ? html`, ${rows.length} ${rows.length === 1 ? 'repository' : 'repositories'} on this page` : ''}</span>
<a href="${dashboardPaths.apiInventory}?${csv.toString()}" download>Download CSV</a></p>
${rows.length === 0 ? html`<p class="empty">No default-branch inventory recorded yet.</p>` : ''}
${rows.map((r, i) => {
  const stacks = [...new Set(r.spofs.map((s) => s.stack))].sort();
  return html`<section aria-labelledby="repo-${i}">
<h2 id="repo-${i}">${r.owner}/${r.repo}</h2>
<p class="muted">${r.ref} at <code>${r.sha.slice(0, 12)}</code>, recorded ${time(r.recordedAt)}</p>
${r.spofs.length === 0 ? html`<p class="empty">No SPOFs.</p>` : ''}
${
  r.spofs.length > 0 && !team
    ? graphSection(r.graph, {
        id: `graph-${i}`,
        caption: `The SPOFs of ${r.owner}/${r.repo} and what fails with them`,
        title: `SPOFs and their dependents in ${r.owner}/${r.repo}`,
        missing: 'No graph is recorded for this inventory (it is drawn only when the SPOFs and what fails with them are few).',
      })
    : ''
}
${stacks.map(
  (stack) => html`<div class="table-wrap"><table>
<caption>Stack ${stack}</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Component</th><th scope="col">Rule</th><th scope="col" class="num">Blast radius</th><th scope="col">Recovery</th><th scope="col">Owners</th><th scope="col">Where</th></tr></thead>
<tbody>${r.spofs
    .filter((s) => s.stack === stack)
    .map(
      (s) => html`<tr><td>${severityBadge(s.severity)}</td>
<td>${s.componentId}<br><span class="muted">${s.title}</span></td>
<td>${s.rule}</td>
<td class="num">${s.blastRadius ?? html`<span class="muted">unknown</span>`}</td>
<td>${s.recovery ?? html`<span class="muted">unknown</span>`}</td>
<td>${s.teams.length > 0 ? s.teams.join(', ') : html`<span class="muted">no owner</span>`}</td>
<td><a href="${lineUrl(ctx.githubUrl, r.owner, r.repo, r.sha, s.file, s.line)}">${s.file}${s.line > 0 ? `:${s.line}` : ''}</a></td></tr>`,
    )}</tbody></table></div>`,
)}
</section>`;
})}
${pager(ctx, dashboardPaths.inventory, data.nextCursor)}`;
  return layout(ctx, 'Inventory', 'inventory', body);
}
