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
}

/** Colours with at least 3:1 contrast on white, told apart by legend text as well. */
export const CHART_COLORS = { new: '#a40e26', resolved: '#116329', accepted: '#7a5200', expired: '#6639ba', size: '#0550ae', fix: '#0550ae' };

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
 * technology by the caption's id. Categories are weeks the caller formats; nothing else is text.
 */
export function chartSvg(categories: readonly string[], series: readonly ChartSeries[], labelledBy: string, width = 560, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', color: '#1b1f24', fontSize: 13 },
      legend: { top: 0, textStyle: { color: '#1b1f24', fontSize: 13 } },
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: [...categories], axisLabel: { color: '#4d5560', fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4d5560', fontSize: 12 } },
      series: series.map((s) => ({ name: s.name, type: s.type, data: s.data, itemStyle: { color: s.color }, lineStyle: { color: s.color }, connectNulls: true })),
    });
    const svg = cspSafeSvg(chart.renderToSVGString());
    return svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${labelledBy}" `);
  } finally {
    chart.dispose();
  }
}
