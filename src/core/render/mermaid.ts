/**
 * Mermaid charts for report sections. GitHub renders ```mermaid blocks in PR comments, job
 * summaries and markdown files, so a trend needs no image hosting.
 */

export interface TrendSeries {
  /** Shown in the chart title legend line; mermaid xychart has no legend, so keep it short. */
  name: string;
  values: readonly number[];
}

/** Quote a label for xychart-beta (double quotes are not escapable there, so they are dropped). */
function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

/**
 * A line chart (`xychart-beta`) of one or more series over the same x labels, oldest first.
 * Returns the fenced block ready to put in markdown.
 */
export function trendChart(opts: {
  title: string;
  xLabels: readonly string[];
  yLabel: string;
  series: readonly TrendSeries[];
}): string {
  const all = opts.series.flatMap((s) => s.values).filter(Number.isFinite);
  const top = all.length ? Math.max(...all) : 1;
  const yMax = niceCeiling(top * 1.1);
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title ${label(opts.title)}`,
    `  x-axis [${opts.xLabels.map(label).join(', ')}]`,
    `  y-axis ${label(opts.yLabel)} 0 --> ${yMax}`,
    ...opts.series.map((s) => `  line [${s.values.map((v) => round(v)).join(', ')}]`),
    '```',
  ];
  // xychart-beta draws no legend: name the lines in the order they are drawn.
  if (opts.series.length > 1) lines.push('', `Lines: ${opts.series.map((s) => s.name).join(', ')}.`);
  return lines.join('\n');
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 100) / 100 : 0;
}

/** 1, 2 or 5 times a power of ten, at or above `x`. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
