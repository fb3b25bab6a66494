import type { TrendWeek, Trends } from '../../store/dashboard/types.js';
import { CHART_COLORS, chartSvg, type ChartSeries } from './charts.js';
import type { PageContext } from './context.js';
import { html, trusted, type Html } from './html.js';
import { layout } from './layout.js';
import { dashboardPaths } from './paths.js';

/** A week label for a chart axis: only a date ever reaches the SVG. */
function weekLabel(week: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(week) ? week.slice(0, 10) : '?';
}

interface ChartDef {
  id: string;
  caption: string;
  series: (weeks: readonly TrendWeek[]) => ChartSeries[];
  columns: { label: string; value: (w: TrendWeek) => number | null }[];
}

const CHARTS: ChartDef[] = [
  {
    id: 'new-resolved',
    caption: 'SPOFs new on and resolved from default branches per week (by the inventory recorded on each push)',
    series: (ws) => [
      { name: 'New on a default branch', type: 'bar', data: ws.map((w) => w.newSpofs), color: CHART_COLORS.new },
      { name: 'Resolved from a default branch', type: 'bar', data: ws.map((w) => w.resolved), color: CHART_COLORS.resolved },
    ],
    columns: [
      { label: 'New on default branches', value: (w) => w.newSpofs },
      { label: 'Resolved from default branches', value: (w) => w.resolved },
    ],
  },
  {
    id: 'time-to-fix',
    caption: "Median hours from a PR's first flag to its first review with nothing open since (PRs that got there that week)",
    series: (ws) => [{ name: 'Median hours to fix in the PR', type: 'line', data: ws.map((w) => w.medianHoursToFix), color: CHART_COLORS.fix }],
    columns: [{ label: 'Median hours to fix in the PR', value: (w) => w.medianHoursToFix }],
  },
  {
    id: 'acceptances',
    caption: 'Acceptances given and acceptances expired (not revoked first) per week',
    series: (ws) => [
      { name: 'Acceptances given', type: 'bar', data: ws.map((w) => w.acceptedNew), color: CHART_COLORS.accepted },
      { name: 'Acceptances expired', type: 'bar', data: ws.map((w) => w.acceptancesExpired), color: CHART_COLORS.expired },
    ],
    columns: [
      { label: 'Acceptances given', value: (w) => w.acceptedNew },
      { label: 'Acceptances expired', value: (w) => w.acceptancesExpired },
    ],
  },
  {
    id: 'inventory-size',
    caption: "SPOFs on default branches at each week's end",
    series: (ws) => [{ name: 'SPOFs on default branches', type: 'line', data: ws.map((w) => w.inventorySize), color: CHART_COLORS.size }],
    columns: [{ label: "SPOFs on default branches at the week's end", value: (w) => w.inventorySize }],
  },
];

function figure(def: ChartDef, weeks: readonly TrendWeek[]): Html {
  const capId = `chart-${def.id}`;
  return html`<figure>
<figcaption id="${capId}">${def.caption}</figcaption>
${trusted(chartSvg(weeks.map((w) => weekLabel(w.week)), def.series(weeks), capId))}
<details><summary>The numbers</summary><div class="table-wrap"><table>
<thead><tr><th scope="col">Week of</th>${def.columns.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}</tr></thead>
<tbody>${weeks.map((w) => html`<tr><th scope="row">${weekLabel(w.week)}</th>${def.columns.map((c) => html`<td class="num">${c.value(w) ?? '—'}</td>`)}</tr>`)}</tbody>
</table></div></details>
</figure>`;
}

function sum(weeks: readonly TrendWeek[], f: (w: TrendWeek) => number): number {
  return weeks.reduce((n, w) => n + f(w), 0);
}

function breakdown(caption: string, head: string, rows: { name: Html | string; weeks: TrendWeek[] }[]): Html {
  if (rows.length === 0) return html``;
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col" class="num">New on default branches</th><th scope="col" class="num">Resolved from default branches</th><th scope="col" class="num">Acceptances given</th><th scope="col" class="num">Acceptances expired</th><th scope="col" class="num">SPOFs on default branches at the last week's end</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.name}</th><td class="num">${sum(r.weeks, (w) => w.newSpofs)}</td><td class="num">${sum(r.weeks, (w) => w.resolved)}</td><td class="num">${sum(r.weeks, (w) => w.acceptedNew)}</td><td class="num">${sum(r.weeks, (w) => w.acceptancesExpired)}</td><td class="num">${r.weeks.at(-1)?.inventorySize ?? 0}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Charts as server-rendered SVG (no client script), each with its numbers as a table. */
export function renderTrends(data: Trends, ctx: PageContext): string {
  const q = ctx.url.searchParams;
  const repos = [...(ctx.viewer?.repos.values() ?? [])].map((r) => `${r.owner}/${r.repo}`).sort((a, b) => a.localeCompare(b));
  const body = html`
<form class="filters" method="get" action="${dashboardPaths.trends}" aria-label="Filter trends">
<label>Repository <select name="repo"><option value="">Any</option>${repos.map((r) => html`<option value="${r}"${r === q.get('repo') ? html` selected` : ''}>${r}</option>`)}</select></label>
<label>Team <input name="team" value="${q.get('team') ?? ''}" autocomplete="off"></label>
<label>From <input type="date" name="from" value="${q.get('from') ?? ''}"></label>
<label>To <input type="date" name="to" value="${q.get('to') ?? ''}"></label>
<button type="submit">Show</button>
</form>
${
  data.weeks.length === 0
    ? html`<p class="empty">No weeks to show.</p>`
    : html`<p>${data.weeks.length} weeks from ${weekLabel(data.weeks[0]!.week)} to ${weekLabel(data.weeks.at(-1)!.week)}.</p>
<div class="charts">${CHARTS.map((c) => figure(c, data.weeks))}</div>`
}
<section aria-labelledby="by-repo-h">
<h2 id="by-repo-h">Per repository</h2>
${data.byRepo.length === 0 ? html`<p class="empty">None.</p>` : breakdown('Totals over these weeks per repository', 'Repository', data.byRepo.map((r) => ({ name: `${r.owner}/${r.repo}`, weeks: r.weeks })))}
</section>
<section aria-labelledby="by-team-h">
<h2 id="by-team-h">Per team</h2>
${data.byTeam.length === 0 ? html`<p class="empty">None.</p>` : breakdown('Totals over these weeks per team', 'Team (CODEOWNERS)', data.byTeam.map((t) => ({ name: t.team, weeks: t.weeks })))}
</section>`;
  return layout(ctx, 'Trends', 'trends', body);
}
