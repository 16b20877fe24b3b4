import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/render/mermaid.ts
function label(text) {
  return `"${text.replace(/"/g, "'")}"`;
}
function trendChart(opts) {
  const all = opts.series.flatMap((s) => s.values).filter(Number.isFinite);
  const top = all.length ? Math.max(...all) : 1;
  const yMax = niceCeiling(top * 1.1);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title ${label(opts.title)}`,
    `  x-axis [${opts.xLabels.map(label).join(", ")}]`,
    `  y-axis ${label(opts.yLabel)} 0 --> ${yMax}`,
    ...opts.series.map((s) => `  line [${s.values.map((v) => round(v)).join(", ")}]`),
    "```"
  ];
  if (opts.series.length > 1) lines.push("", `Lines: ${opts.series.map((s) => s.name).join(", ")}.`);
  return lines.join("\n");
}
function round(v) {
  return Number.isFinite(v) ? Math.round(v * 100) / 100 : 0;
}
function niceCeiling(x) {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

export {
  trendChart,
  niceCeiling
};
