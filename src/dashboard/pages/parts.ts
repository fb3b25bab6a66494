import { SEVERITIES, type Severity } from '../../model/finding.js';
import type { ChangeRow, ChangeStatus } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { checkRunUrl, pullUrl } from './github-links.js';
import { html, type Html } from './html.js';
import { changePath } from './paths.js';

export const STATUS_LABEL: Record<ChangeStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  'fixed-before-merge': 'Fixed before merge',
  'merged-with-risk': 'Merged with risk',
  abandoned: 'Abandoned',
};

export function statusBadge(status: ChangeStatus | 'resolved'): Html {
  const label = status === 'resolved' ? 'Resolved' : STATUS_LABEL[status];
  return html`<span class="badge st-${status}">${label}</span>`;
}

export function severityBadge(s: Severity): Html {
  return html`<span class="badge sev-${s}">${s}</span>`;
}

/** `2 critical, 1 high`, highest first; the words carry the meaning, colour only repeats it. */
export function severityCounts(counts: Partial<Record<Severity, number>>): Html {
  const parts = SEVERITIES.filter((s) => (counts[s] ?? 0) > 0).map((s) => html`<span class="sev-${s}">${counts[s]} ${s}</span>`);
  return parts.length === 0 ? html`<span class="muted">none</span>` : html`${parts.map((p, i) => html`${i > 0 ? ', ' : ''}${p}`)}`;
}

/** A UTC date-time people can read and machines can parse. */
export function time(iso: string | null | undefined): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  const text = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return html`<time datetime="${d.toISOString()}">${text}</time>`;
}

export function day(iso: string | null | undefined): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  return html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 10)}</time>`;
}

export function repoLabel(r: { owner: string; repo: string }): string {
  return `${r.owner}/${r.repo}`;
}

/** The change's own page, the PR on GitHub and (when known) its check run. */
export function changeLinks(ctx: PageContext, c: ChangeRow): Html {
  const pr = pullUrl(ctx.githubUrl, c.owner, c.repo, c.prNumber);
  const run = c.checkRunId !== null ? checkRunUrl(ctx.githubUrl, c.owner, c.repo, c.checkRunId) : undefined;
  return html`<a href="${changePath(c.owner, c.repo, c.prNumber)}">${repoLabel(c)}#${c.prNumber}</a>
<span class="muted">(<a href="${pr}">PR on GitHub<span class="visually-hidden"> ${repoLabel(c)}#${c.prNumber}</span></a>${run ? html`, <a href="${run}">check run</a>` : ''})</span>`;
}

export function acceptanceText(c: ChangeRow): Html | '' {
  const a = c.acceptance;
  if (!a) return '';
  return html`<br><span class="muted">by @${a.by}${a.reason ? html`: “${a.reason}”` : ''}${a.expiresAt ? html` until ${day(a.expiresAt)}` : ''}</span>`;
}

export function changesTable(ctx: PageContext, rows: readonly ChangeRow[], caption: string): Html {
  if (rows.length === 0) return html`<p class="empty">No flagged changes.</p>`;
  return html`<div class="table-wrap"><table class="stack">
<caption>${caption}</caption>
<thead><tr><th scope="col">Change</th><th scope="col">Status</th><th scope="col">Findings</th><th scope="col">Rules</th><th scope="col">Teams</th><th scope="col">Last reviewed</th></tr></thead>
<tbody>
${rows.map(
  (c) => html`<tr>
<td data-label="Change">${changeLinks(ctx, c)}</td>
<td data-label="Status">${statusBadge(c.status)}${acceptanceText(c)}</td>
<td data-label="Findings">${severityCounts(c.counts)}</td>
<td data-label="Rules">${c.rules.join(', ')}</td>
<td data-label="Teams">${c.teams.length > 0 ? c.teams.join(', ') : html`<span class="muted">no owner</span>`}</td>
<td data-label="Last reviewed">${time(c.lastReviewedAt)}</td>
</tr>`,
)}
</tbody></table></div>`;
}
