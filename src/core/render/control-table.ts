import type { Control } from '../gate/controls.js';
import { untrustedCell } from './untrusted-text.js';

/**
 * The per-check control table of the report. Findings that name their problem (Finding.problem)
 * are shown once per problem, listing every place it was seen and what the target answered there,
 * so six missing headers on three pages read as six rows, not eighteen. Issues, JUnit and SARIF
 * keep one entry per finding: only the reading view is grouped.
 */
export const statusIcon: Record<Control['status'], string> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  error: '💥',
  skip: '⏭️',
  suppressed: '🔕',
  info: 'ℹ️',
};

/** Places named in one row, and distinct observed values shown, before "… and N more". */
export const MAX_PLACES = 20;
export const MAX_VALUES = 5;
/** Byte budget of one observed value and of a row's place list (both target-influenced). */
const VALUE_BYTES = 200;
const PLACES_BYTES = 1000;

/** One table row, its cells still raw (neutralised when rendered). */
interface Row {
  status: Control['status'];
  name: string;
  expected?: string;
  /** Already-neutralised markdown (grouped rows join several neutralised values with `<br>`). */
  actualMarkdown: string;
  detailMarkdown: string;
  solution?: string;
}

export function controlTable(controls: Control[]): string[] {
  const rows = groupRows(controls);
  const fix = rows.some((r) => r.solution);
  const out = [
    `| | Control | Expected | Actual | Detail |${fix ? ' Fix |' : ''}`,
    `|---|---|---|---|---|${fix ? '---|' : ''}`,
  ];
  for (const r of rows) {
    const cells = [statusIcon[r.status], cell(r.name), cell(r.expected), r.actualMarkdown, r.detailMarkdown];
    if (fix) cells.push(cell(r.solution));
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out;
}

function cell(text: string | undefined, maxBytes?: number): string {
  return untrustedCell(text, maxBytes);
}

function named(c: Control, name: string): string {
  return c.severity ? `${name} (${c.severity})` : name;
}

/** Controls in order, those sharing problem, status, severity, expectation and fix folded into one. */
function groupRows(controls: Control[]): Row[] {
  const rows: (Row | Control[])[] = [];
  const groups = new Map<string, Control[]>();
  for (const c of controls) {
    if (!c.problem) {
      rows.push({
        status: c.status,
        name: named(c, c.name),
        expected: c.expected,
        actualMarkdown: cell(c.actual),
        detailMarkdown: cell(c.detail),
        solution: c.solution,
      });
      continue;
    }
    const key = JSON.stringify([c.problem, c.status, c.severity, c.expected, c.solution]);
    const group = groups.get(key);
    if (group) group.push(c);
    else {
      const fresh = [c];
      groups.set(key, fresh);
      rows.push(fresh);
    }
  }
  return rows.map((r) => (Array.isArray(r) ? groupedRow(r) : r));
}

function groupedRow(group: Control[]): Row {
  const first = group[0]!;
  const places = group.map((c) => c.place ?? c.name);
  const byValue = new Map<string, string[]>();
  for (const c of group) {
    const value = c.actual ?? '';
    byValue.set(value, [...(byValue.get(value) ?? []), c.place ?? c.name]);
  }
  const values = [...byValue];
  const actualMarkdown =
    values.length === 1
      ? cell(values[0]![0], VALUE_BYTES)
      : values
          .slice(0, MAX_VALUES)
          .map(([v, at]) => `${cell(v, VALUE_BYTES)} (${cell(listed(at, 3), 200)})`)
          .concat(values.length > MAX_VALUES ? [`… and ${values.length - MAX_VALUES} more values`] : [])
          .join('<br>');
  const where = `seen on ${listed(places, MAX_PLACES)}${group.length > 1 ? ` (${group.length})` : ''}`;
  return {
    status: first.status,
    name: named(first, first.problem!),
    expected: first.expected,
    actualMarkdown,
    detailMarkdown: cell(where, PLACES_BYTES),
    solution: first.solution,
  };
}

/** `a, b, c` or `a, b, … and 7 more`. */
function listed(items: string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … and ${items.length - max} more` : shown;
}
