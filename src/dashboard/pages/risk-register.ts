import type { AcceptanceRow } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { day, repoLabel, statusBadge, time } from './parts.js';
import { changePath, dashboardPaths } from './paths.js';

function state(a: AcceptanceRow, now: Date): string {
  if (a.revokedAt) return 'revoked';
  if (a.expiresAt && Date.parse(a.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** Every accepted risk: who accepted it, why, until when, and what happened since. */
export function renderRiskRegister(rows: readonly AcceptanceRow[], ctx: PageContext): string {
  const current = ctx.url.searchParams.get('state') ?? '';
  const csv = new URLSearchParams(ctx.url.searchParams);
  csv.set('format', 'csv');
  const body = html`
<form class="filters" method="get" action="${dashboardPaths.risks}" aria-label="Filter accepted risks">
<label>State <select name="state">
<option value="">Any</option>
${['active', 'expired', 'revoked'].map((s) => html`<option value="${s}"${s === current ? html` selected` : ''}>${s}</option>`)}
</select></label>
<button type="submit">Filter</button>
</form>
<p class="pager"><span><strong>${rows.length}</strong> accepted ${rows.length === 1 ? 'risk' : 'risks'}</span>
<a href="${dashboardPaths.apiAcceptances}?${csv.toString()}" download>Download CSV</a></p>
${
  rows.length === 0
    ? html`<p class="empty">No accepted risks.</p>`
    : html`<div class="table-wrap"><table class="stack">
<caption>Accepted risks</caption>
<thead><tr><th scope="col">Change</th><th scope="col">Accepted by</th><th scope="col">Reason</th><th scope="col">Accepted</th><th scope="col">Until</th><th scope="col">State</th><th scope="col">Since then</th><th scope="col">Teams</th></tr></thead>
<tbody>${rows.map(
        (a) => html`<tr><td data-label="Change"><a href="${changePath(a.owner, a.repo, a.prNumber)}">${repoLabel(a)}#${a.prNumber}</a><br><span class="muted">${a.fingerprints.length} finding${a.fingerprints.length === 1 ? '' : 's'}</span></td>
<td data-label="Accepted by">@${a.acceptedBy}<br><span class="muted">via ${a.via}</span></td>
<td data-label="Reason">${a.reason ?? html`<span class="muted">no reason given</span>`}</td>
<td data-label="Accepted">${time(a.acceptedAt)}</td>
<td data-label="Until">${a.expiresAt ? day(a.expiresAt) : html`<span class="muted">no expiry</span>`}</td>
<td data-label="State">${state(a, ctx.now)}${a.revokedAt ? html`<br><span class="muted">by @${a.revokedBy ?? 'unknown'} ${day(a.revokedAt)}</span>` : ''}</td>
<td data-label="Since then">${statusBadge(a.since)}</td>
<td data-label="Teams">${a.teams.join(', ')}</td></tr>`,
      )}</tbody></table></div>`
}`;
  return layout(ctx, 'Risk register', 'risks', body);
}
