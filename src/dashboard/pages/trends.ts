import type { TrendWeek, Trends } from '../../store/dashboard/types.js';
import { CHART_COLORS, REST_STYLE, chartSvg, seriesStyle, type ChartSeries } from './charts.js';
import type { PageContext } from './context.js';
import { html, trusted, type Html } from './html.js';
import { layout } from './layout.js';
import { dashboardPaths, withQuery } from './paths.js';
import { TOP_GROUPS, groupLines, type GroupMeasure, type TrendGroup } from './trend-groups.js';

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

/** A chart and its numbers: a column per series, a row per week. */
function figure(id: string, caption: string, weeks: readonly TrendWeek[], series: readonly ChartSeries[], columns: readonly { label: string; values: readonly (number | null)[] }[]): Html {
  const capId = `chart-${id}`;
  return html`<figure>
<figcaption id="${capId}">${caption}</figcaption>
${trusted(chartSvg(weeks.map((w) => weekLabel(w.week)), series, capId))}
<details><summary>The numbers</summary><div class="table-wrap"><table>
<thead><tr><th scope="col">Week of</th>${columns.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}</tr></thead>
<tbody>${weeks.map((w, i) => html`<tr><th scope="row">${weekLabel(w.week)}</th>${columns.map((c) => html`<td class="num">${c.values[i] ?? '—'}</td>`)}</tr>`)}</tbody>
</table></div></details>
</figure>`;
}

function wholeFigure(def: ChartDef, weeks: readonly TrendWeek[]): Html {
  return figure(def.id, def.caption, weeks, def.series(weeks), def.columns.map((c) => ({ label: c.label, values: weeks.map(c.value) })));
}

/** Per-group charts: what each says of a group's week, and how a caption names the groups. */
const GROUP_CHARTS: { id: string; measure: GroupMeasure; caption: (of: string) => string }[] = [
  { id: 'inventory', measure: 'inventorySize', caption: (of) => `SPOFs on default branches at each week's end, per ${of}` },
  { id: 'new', measure: 'newSpofs', caption: (of) => `SPOFs new on default branches per week, per ${of}` },
];

/**
 * A line per team (repository) for the TOP_GROUPS with the most default-branch SPOFs at the last week's end, the rest
 * summed; nothing when fewer than two groups have anything to draw (the charts above are then theirs).
 */
function groupFigures(kind: 'team' | 'repo', groups: readonly TrendGroup[], weeks: readonly TrendWeek[]): Html {
  const [one, many] = kind === 'team' ? ['team', 'teams'] : ['repository', 'repositories'];
  const lines = groupLines(groups, (n) => `${n} other ${n === 1 ? one : many}`);
  if (lines.length < 2) return html``;
  const rest = lines.at(-1)!.rest ? `; the ${TOP_GROUPS} ${many} with the most at the last week's end, the others summed` : '';
  const shared = kind === 'team' ? ' (a SPOF two teams own counts for each)' : '';
  return html`<div class="charts">${GROUP_CHARTS.map((c) => {
    const series: ChartSeries[] = lines.map((l, i) => ({ name: l.name, type: 'line', data: l.values[c.measure], ...(l.rest ? REST_STYLE : seriesStyle(i)) }));
    return figure(`${kind}-${c.id}`, `${c.caption(one)}${rest}${shared}`, weeks, series, lines.map((l) => ({ label: l.name, values: l.values[c.measure] })));
  })}</div>`;
}

function sum(weeks: readonly TrendWeek[], f: (w: TrendWeek) => number): number {
  return weeks.reduce((n, w) => n + f(w), 0);
}

function breakdown(caption: string, head: string, rows: { name: Html | string; weeks: readonly TrendWeek[] }[]): Html {
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
  const visible = [...(ctx.viewer?.repos.values() ?? [])].map((r) => `${r.owner}/${r.repo}`).sort((a, b) => a.localeCompare(b));
  const repos: TrendGroup[] = data.byRepo.map((r) => ({ name: `${r.owner}/${r.repo}`, weeks: r.weeks }));
  const teams: TrendGroup[] = data.byTeam.map((t) => ({ name: t.team, weeks: t.weeks }));
  // One repository's or team's trends over the same weeks: the rows come from the scoped data, so a link names only what the viewer sees.
  const drill = (key: 'repo' | 'team', name: string) => withQuery(dashboardPaths.trends, { [key]: name, from: q.get('from'), to: q.get('to') });
  const body = html`
<form class="filters" method="get" action="${dashboardPaths.trends}" aria-label="Filter trends">
<label>Repository <select name="repo"><option value="">Any</option>${visible.map((r) => html`<option value="${r}"${r === q.get('repo') ? html` selected` : ''}>${r}</option>`)}</select></label>
<label>Team <input name="team" value="${q.get('team') ?? ''}" autocomplete="off"></label>
<label>From <input type="date" name="from" value="${q.get('from') ?? ''}"></label>
<label>To <input type="date" name="to" value="${q.get('to') ?? ''}"></label>
<button type="submit">Show</button>
</form>
${
  data.weeks.length === 0
    ? html`<p class="empty">No weeks to show.</p>`
    : html`<p>${data.weeks.length} weeks from ${weekLabel(data.weeks[0]!.week)} to ${weekLabel(data.weeks.at(-1)!.week)}.</p>
<div class="charts">${CHARTS.map((c) => wholeFigure(c, data.weeks))}</div>`
}
<section aria-labelledby="by-repo-h">
<h2 id="by-repo-h">Per repository</h2>
${data.byRepo.length === 0 ? html`<p class="empty">None.</p>` : html`${groupFigures('repo', repos, data.weeks)}${breakdown('Totals over these weeks per repository (each links to its trends)', 'Repository', repos.map((r) => ({ name: html`<a href="${drill('repo', r.name)}">${r.name}</a>`, weeks: r.weeks })))}`}
</section>
<section aria-labelledby="by-team-h">
<h2 id="by-team-h">Per team</h2>
${data.byTeam.length === 0 ? html`<p class="empty">None.</p>` : html`${groupFigures('team', teams, data.weeks)}${breakdown('Totals over these weeks per team (each links to its trends)', 'Team (CODEOWNERS)', teams.map((t) => ({ name: html`<a href="${drill('team', t.name)}">${t.name}</a>`, weeks: t.weeks })))}`}
</section>`;
  return layout(ctx, 'Trends', 'trends', body);
}
