import { formatDuration } from './render/format-duration.js';

/**
 * Numbers as people read them in reports: `15 min`, `2.4 s`, `350 ms`, `1.5%`, `120 rps`.
 * Evidence keeps the raw number and its unit; only the rendered text changes.
 */
export function formatQuantity(value: number, unit?: string): string {
  if (unit === 'ms') return formatDuration(value);
  if (unit === '%') return `${round(value)}%`;
  if (!unit) return String(value);
  return `${round(value)} ${unit}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
