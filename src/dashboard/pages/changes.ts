import { SEVERITIES } from '../../model/finding.js';
import type { ChangeRow, Page } from '../../store/dashboard/types.js';
import { CHANGE_STATUSES } from '../filters.js';
import type { PageContext } from './context.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { STATUS_LABEL, changesTable } from './parts.js';
import { filterParams, pager } from './pager.js';
import { dashboardPaths } from './paths.js';

/** The kinds a flagged change can have (a resolved SPOF flags nothing): the form offers these. */
const FLAGGED_KINDS = ['new-spof', 'redundancy-reduced', 'blast-radius-grown'] as const;

function select(name: string, label: string, current: string, options: readonly { value: string; label: string }[]): Html {
  return html`<label>${label}
<select name="${name}">
<option value="">Any</option>
${options.map((o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`)}
</select></label>`;
}

function filterForm(ctx: PageContext, rows: readonly ChangeRow[]): Html {
  const q = ctx.url.searchParams;
  const get = (k: string): string => q.get(k) ?? '';
  const repos = [...(ctx.viewer?.repos.values() ?? [])]
    .map((r) => `${r.owner}/${r.repo}`)
    .sort((a, b) => a.localeCompare(b));
  const teams = [...new Set([...(ctx.viewer?.teams ?? []), ...rows.flatMap((r) => r.teams)])].sort();
  const dateOnly = (v: string): string => (/^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : '');
  return html`<form class="filters" method="get" action="${dashboardPaths.changes}" role="search" aria-label="Filter flagged changes">
${select('repo', 'Repository', get('repo'), repos.map((r) => ({ value: r, label: r })))}
<label>Team <input name="team" value="${get('team')}" list="team-options" autocomplete="off"></label>
<datalist id="team-options">${teams.map((t) => html`<option value="${t}"></option>`)}</datalist>
${select('severity', 'Severity', get('severity'), SEVERITIES.map((s) => ({ value: s, label: s })))}
${select('kind', 'Kind', get('kind'), FLAGGED_KINDS.map((k) => ({ value: k, label: k })))}
<label>Rule <input name="rule" value="${get('rule')}" autocomplete="off"></label>
${select('status', 'Status', get('status'), CHANGE_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })))}
<label>Reviewed since <input type="date" name="since" value="${dateOnly(get('since'))}"></label>
<label>Reviewed until <input type="date" name="until" value="${dateOnly(get('until'))}"></label>
<button type="submit">Filter</button>
<a href="${dashboardPaths.changes}">Clear</a>
</form>`;
}

/** Every PR with findings, filtered by the URL's query (a shared link shows the same list). */
export function renderChanges(data: Page<ChangeRow>, ctx: PageContext): string {
  const csv = filterParams(ctx.url);
  csv.set('format', 'csv');
  const body = html`
${filterForm(ctx, data.rows)}
<p class="pager" id="result-count"><span><strong>${data.total}</strong> flagged ${data.total === 1 ? 'change' : 'changes'}${data.rows.length < data.total ? html`, ${data.rows.length} on this page` : ''}</span>
<a href="${dashboardPaths.apiChanges}?${csv.toString()}" download>Download CSV</a></p>
${changesTable(ctx, data.rows, 'Flagged changes')}
${pager(ctx, dashboardPaths.changes, data.nextCursor)}`;
  return layout(ctx, 'Flagged changes', 'changes', body);
}
