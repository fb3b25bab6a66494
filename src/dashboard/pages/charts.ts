import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface ChartSeries {
  name: string;
  type: 'bar' | 'line';
  data: (number | null)[];
  color: string;
  /** A line's marker (an ECharts symbol, `none` for none) and dash: what tells lines apart besides colour. */
  symbol?: string;
  dash?: 'solid' | 'dashed' | 'dotted';
}

/** Colours with at least 3:1 contrast on white, told apart by legend text as well. */
export const CHART_COLORS = { new: '#a40e26', resolved: '#116329', accepted: '#7a5200', expired: '#6639ba', size: '#0550ae', fix: '#0550ae' };

/**
 * Colours for charts with a line per team or repository, each at least 3:1 on white. Several are
 * alike to someone who does not see red and green apart, so each line also gets its own marker,
 * and lines past the palette a dash pattern.
 */
export const SERIES_COLORS = ['#0550ae', '#a40e26', '#116329', '#6639ba', '#bc4c00', '#0a6f75', '#bf3989', '#7a5200'] as const;
const SERIES_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect', 'emptyTriangle', 'emptyDiamond', 'pin'] as const;
const SERIES_DASHES = ['solid', 'dashed', 'dotted'] as const;

/** The look of the `i`th line of a chart with a line per group: no two of the first 27 alike. */
export function seriesStyle(i: number): Pick<ChartSeries, 'color' | 'symbol' | 'dash'> {
  return { color: SERIES_COLORS[i % SERIES_COLORS.length]!, symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]!, dash: SERIES_DASHES[Math.floor(i / SERIES_COLORS.length) % SERIES_DASHES.length]! };
}

/** The line that sums the groups not drawn on their own: grey, dashed, no marker. */
export const REST_STYLE: Pick<ChartSeries, 'color' | 'symbol' | 'dash'> = { color: '#57606a', symbol: 'none', dash: 'dashed' };

const LEGEND = { fontSize: 13, itemWidth: 25, itemGap: 10, textGap: 5, rowHeight: 24, padding: 5, textWidth: 170 };

/**
 * How many rows ECharts' legend takes for these names (it wraps at the chart's width), so the plot
 * starts below it. Text width is estimated from the font size: a row too many is only space.
 */
export function legendRows(names: readonly string[], width: number): number {
  const room = width - 2 * LEGEND.padding;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = LEGEND.itemWidth + LEGEND.textGap + Math.min(LEGEND.textWidth, name.length * LEGEND.fontSize * 0.6);
    if (x > 0 && x + w > room) {
      rows++;
      x = 0;
    }
    x += w + LEGEND.itemGap;
  }
  return rows;
}

/**
 * ECharts' SVG without what the CSP forbids: its `<style>` element (hover effects for a page with
 * no script) goes, and `style="font-size:12px;..."` becomes presentation attributes.
 */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decls: string) =>
      decls
        .split(';')
        .map((d) => d.split(':').map((x) => x.trim()))
        .filter(([k, v]) => k && v && /^[a-z-]+$/.test(k))
        .map(([k, v]) => ` ${k}="${v!.replace(/"/g, '&quot;')}"`)
        .join(''),
    );
}

/**
 * A chart rendered on the server (ECharts' SSR: no DOM, no client script), labelled for assistive
 * technology by the caption's id. Categories are weeks the caller formats; series names (teams,
 * repositories) are text ECharts escapes, shortened in the legend past LEGEND.textWidth (the
 * numbers table beside each chart has them whole). The plot keeps its height below a legend of
 * several rows.
 */
export function chartSvg(categories: readonly string[], series: readonly ChartSeries[], labelledBy: string, width = 560, plotHeight = 280): string {
  const extra = (legendRows(series.map((s) => s.name), width) - 1) * LEGEND.rowHeight;
  const height = plotHeight + extra;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', color: '#1b1f24', fontSize: 13 },
      legend: {
        top: 0, padding: LEGEND.padding, itemGap: LEGEND.itemGap, itemWidth: LEGEND.itemWidth,
        textStyle: { color: '#1b1f24', fontSize: LEGEND.fontSize, width: LEGEND.textWidth, overflow: 'truncate' },
      },
      grid: { left: 48, right: 16, top: 36 + extra, bottom: 40 },
      xAxis: { type: 'category', data: [...categories], axisLabel: { color: '#4d5560', fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4d5560', fontSize: 12 } },
      series: series.map((s) => ({
        name: s.name, type: s.type, data: s.data, itemStyle: { color: s.color }, lineStyle: { color: s.color, type: s.dash ?? 'solid' }, connectNulls: true,
        ...(s.symbol ? { symbol: s.symbol, symbolSize: 7, showAllSymbol: true } : {}),
      })),
    });
    const svg = cspSafeSvg(chart.renderToSVGString());
    return svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${labelledBy}" `);
  } finally {
    chart.dispose();
  }
}
