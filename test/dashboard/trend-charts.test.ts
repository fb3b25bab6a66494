import { describe, expect, it } from 'vitest';
import { renderTrends } from '../../src/dashboard/pages/index.js';
import { CHART_COLORS, REST_STYLE, SERIES_COLORS, chartSvg, seriesStyle } from '../../src/dashboard/pages/charts.js';
import { groupLines, type TrendGroup } from '../../src/dashboard/pages/trend-groups.js';
import type { TrendWeek } from '../../src/store/dashboard/types.js';
import { HOSTILE, ctx } from './fixtures.js';

const WEEKS = ['2026-11-16', '2026-11-23', '2026-11-30'];

/** Three weeks of a group: `sizes` SPOFs at each week's end, `added` new in each. */
function weeks(sizes: number[], added: number[] = [0, 0, 0]): TrendWeek[] {
  return WEEKS.map((week, i) => ({ week, newSpofs: added[i]!, resolved: 0, acceptedNew: 0, acceptancesExpired: 0, inventorySize: sizes[i]!, medianHoursToFix: null }));
}

const group = (name: string, sizes: number[], added?: number[]): TrendGroup => ({ name, weeks: weeks(sizes, added) });
const rest = (n: number) => `${n} other teams`;

/** The body rows of the numbers table after the figcaption `id`: each row's cells as text. */
function numbers(page: string, id: string): { head: string[]; rows: string[][] } {
  const fig = page.slice(page.indexOf(`<figcaption id="${id}">`));
  const table = fig.slice(fig.indexOf('<table>'), fig.indexOf('</table>'));
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]!);
  const [head, ...rows] = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => cells(m[1]!));
  return { head: head!, rows };
}

/** Relative luminance and contrast as WCAG 2 defines them. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
}

describe('groupLines', () => {
  it('draws the eight groups with the most SPOFs now, then sums the rest week by week', () => {
    const groups = Array.from({ length: 11 }, (_, i) => group(`acme/t${String(i).padStart(2, '0')}`, [i, i, i], [0, i % 2, 0]));
    const lines = groupLines(groups, rest);
    expect(lines.map((l) => l.name)).toEqual(['acme/t10', 'acme/t09', 'acme/t08', 'acme/t07', 'acme/t06', 'acme/t05', 'acme/t04', 'acme/t03', '2 other teams']);
    // t00 has nothing to draw: not among the others either.
    expect(lines.at(-1)).toEqual({ name: '2 other teams', rest: true, values: { inventorySize: [3, 3, 3], newSpofs: [0, 1, 0] } });
  });

  it('breaks ties by new SPOFs, then by name; one group left over is drawn as itself; empty groups are left out', () => {
    const groups = [group('b', [1, 1, 2]), group('a', [2, 2, 2]), group('c', [0, 0, 2], [0, 0, 2]), group('z', [0, 0, 0])];
    expect(groupLines(groups, rest, 2).map((l) => l.name)).toEqual(['c', 'a', 'b']);
    expect(groupLines(groups, rest, 1).map((l) => l.name)).toEqual(['c', '2 other teams']);
  });
});

describe('chart colours', () => {
  it('keeps every chart colour at 3:1 on white and no two of the first 27 lines alike', () => {
    for (const c of [...SERIES_COLORS, REST_STYLE.color!, ...Object.values(CHART_COLORS)]) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3);
    const looks = Array.from({ length: 27 }, (_, i) => JSON.stringify(seriesStyle(i)));
    expect(new Set(looks).size).toBe(27);
    expect(looks).not.toContain(JSON.stringify(REST_STYLE));
  });

  it('makes room for a legend of several rows above the plot', () => {
    const line = (name: string) => ({ name, type: 'line' as const, data: [1, 2], ...seriesStyle(0) });
    const height = (svg: string) => Number(/^<svg [^>]*height="(\d+)"/.exec(svg)![1]);
    expect(height(chartSvg(['a', 'b'], [line('acme/one')], 'x'))).toBe(280);
    expect(height(chartSvg(['a', 'b'], Array.from({ length: 9 }, (_, i) => line(`acme/platform-team-${i}`)), 'x'))).toBeGreaterThan(280);
  });
});

describe('renderTrends per team and per repository', () => {
  const teams = Array.from({ length: 10 }, (_, i) => ({ team: `acme/team-${i}`, weeks: weeks([i, i + 1, 20 - i], [i, 1, 0]) }));
  const page = renderTrends(
    {
      weeks: weeks([5, 6, 7], [1, 1, 1]),
      byRepo: [
        { repoId: 11, owner: 'acme', repo: 'payments', weeks: weeks([1, 2, 3], [1, 1, 1]) },
        { repoId: 12, owner: 'acme', repo: 'search', weeks: weeks([4, 4, 4], [0, 0, 0]) },
      ],
      byTeam: teams,
    },
    ctx('/dashboard/trends?from=2026-11-16&to=2026-12-01'),
  );

  it('draws a line per team for the eight with the most SPOFs now and one for the rest, with the numbers', () => {
    expect(page.match(/<figure>/g)).toHaveLength(8);
    expect(page).toContain("<figcaption id=\"chart-team-inventory\">SPOFs on default branches at each week&#39;s end, per team; the 8 teams with the most at the last week&#39;s end, the others summed (a SPOF two teams own counts for each)</figcaption>");
    const sizes = numbers(page, 'chart-team-inventory');
    expect(sizes.head).toEqual(['Week of', ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `acme/team-${i}`), '2 other teams']);
    expect(sizes.rows).toEqual([
      ['2026-11-16', '0', '1', '2', '3', '4', '5', '6', '7', '17'],
      ['2026-11-23', '1', '2', '3', '4', '5', '6', '7', '8', '19'],
      ['2026-11-30', '20', '19', '18', '17', '16', '15', '14', '13', '23'],
    ]);
    expect(numbers(page, 'chart-team-new').rows[0]).toEqual(['2026-11-16', '0', '1', '2', '3', '4', '5', '6', '7', '17']);
    // The legend names every line: the SVG is labelled by the caption, its text is the legend's and the axes'.
    const svg = page.slice(page.indexOf('<figcaption id="chart-team-new">'));
    for (const name of ['acme/team-0', 'acme/team-7', '2 other teams']) expect(svg.slice(0, svg.indexOf('</svg>'))).toContain(`>${name}</text>`);
    expect(svg.slice(0, svg.indexOf('</svg>'))).not.toContain('>acme/team-8</text>');
  });

  it('draws a line per repository', () => {
    const sizes = numbers(page, 'chart-repo-inventory');
    expect(sizes.head).toEqual(['Week of', 'acme/search', 'acme/payments']);
    expect(sizes.rows.at(-1)).toEqual(['2026-11-30', '4', '3']);
    expect(numbers(page, 'chart-repo-new').rows.map((r) => r.slice(1))).toEqual([['0', '1'], ['0', '1'], ['0', '1']]);
  });

  it("links each team's and repository's totals to its trends over the same weeks", () => {
    expect(page).toContain('<th scope="row"><a href="/dashboard/trends?team=acme%2Fteam-9&amp;from=2026-11-16&amp;to=2026-12-01">acme/team-9</a></th>');
    expect(page).toContain('<th scope="row"><a href="/dashboard/trends?repo=acme%2Fpayments&amp;from=2026-11-16&amp;to=2026-12-01">acme/payments</a></th>');
    const plain = renderTrends({ weeks: weeks([0, 0, 0]), byRepo: [], byTeam: [{ team: '@lee', weeks: weeks([1, 1, 1]) }] }, ctx('/dashboard/trends'));
    expect(plain).toContain('<a href="/dashboard/trends?team=%40lee">@lee</a>');
  });

  it('draws nothing per team when one team has lines (the charts above are its own), and keeps hostile names text', () => {
    const one = renderTrends({ weeks: weeks([1, 1, 1]), byRepo: [], byTeam: [{ team: 'acme/a', weeks: weeks([1, 1, 1]) }, { team: 'acme/b', weeks: weeks([0, 0, 0]) }] }, ctx('/dashboard/trends'));
    expect(one.match(/<figure>/g)).toHaveLength(4);
    const hostile = renderTrends({ weeks: weeks([1, 1, 1]), byRepo: [], byTeam: [{ team: HOSTILE, weeks: weeks([1, 1, 1]) }, { team: `${HOSTILE}2`, weeks: weeks([2, 2, 2]) }] }, ctx('/dashboard/trends'));
    expect(hostile.match(/<figure>/g)).toHaveLength(6);
    expect(hostile).not.toMatch(/<script|<img/i);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
