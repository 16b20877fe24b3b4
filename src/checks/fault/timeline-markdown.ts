import { formatDuration } from '../../core/render/format-duration.js';
import { niceCeiling } from '../../core/render/mermaid.js';
import { untrustedCell } from '../../core/render/untrusted-text.js';
import type { ConsistencyResult } from './consistency.js';
import type { ActionResult } from './fault-action.js';
import { phaseOf, type ScenarioMeasurement } from './measure.js';
import type { ScenarioRun } from './scenario-run.js';

const MAX_BINS = 40;

function actionLine(label: string, a: ActionResult | undefined): string {
  if (!a) return `${label}: not run`;
  const how = a.status !== undefined ? `answered ${a.status}` : `exit ${a.exitCode ?? a.signal ?? '?'}`;
  return `${label}: \`${untrustedCell(a.description, 500)}\` — ${a.ok ? how : `**failed** (${untrustedCell(a.error ?? how)})`} in ${formatDuration(a.ms)}`;
}

const ms = (v: number | null): string => (v === null ? '—' : formatDuration(v));

/** The scenario's report section: actions, the measures against their limits, per-phase table, timeline chart. */
export function scenarioMarkdown(
  run: ScenarioRun,
  m: ScenarioMeasurement,
  consistency: ConsistencyResult[],
): string {
  const s = run.scenario;
  const lines = [
    actionLine('Inject', run.inject),
    '',
    actionLine('Recover', run.recover),
    ...(run.interrupted
      ? ['', `**Interrupted** (${untrustedCell(run.interrupted)}); recover ran before opsgate stopped.`]
      : []),
    '',
    '| Measure | Limit | Actual |',
    '|---|---|---|',
    `| time to detect | ${s['detect-within']} | ${ms(m.ttdMs)} |`,
    `| time to recover | ${s['recover-within']} | ${ms(m.ttrMs)} |`,
    ...(['before', 'during', 'after'] as const).map((p) => {
      const b = m.spent[p];
      return `| error budget ${p} | ${Math.round(s['error-budget'][p] * 100)} % | ${b.share === null ? '—' : `${(b.share * 100).toFixed(1)} % (${b.outside}/${b.probes})`} |`;
    }),
    '',
    '| Phase | Endpoint | Probes | Answers | Outside expectation | p95 |',
    '|---|---|---:|---|---|---:|',
    ...m.stats.map(
      (x) =>
        `| ${x.phase} | ${untrustedCell(x.endpoint)} | ${x.probes} | ${Object.entries(x.statuses)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')} | ${
          x.outside
            ? untrustedCell(
                Object.entries(x.misses)
                  .map(([k, v]) => `${k} ×${v}`)
                  .join(', '),
              )
            : '—'
        } | ${ms(x.p95)} |`,
    ),
  ];
  if (consistency.length) {
    lines.push('', '| Consistency after recovery | Expected | Actual | |', '|---|---|---|---|');
    for (const c of consistency)
      lines.push(
        `| ${untrustedCell(c.name)} | ${untrustedCell(c.expected)} | ${untrustedCell(c.actual)} | ${c.ok ? '✅' : '❌'} |`,
      );
  }
  const chart = timelineChart(run);
  if (chart) lines.push('', chart);
  return lines.join('\n');
}

/**
 * Worst latency (line) and answers outside 2xx (bars) per time bin, the x labels marking where
 * inject, recover and recovery happened. Mermaid's xychart has no annotations, so the marks are labels.
 */
export function timelineChart(run: ScenarioRun): string | undefined {
  const { samples, marks } = run;
  if (!samples.length) return undefined;
  const span = Math.max(marks.end, ...samples.map((x) => x.sentAt)) + 1;
  const bin = Math.max(250, Math.ceil(span / MAX_BINS / 250) * 250);
  const bins = Math.ceil(span / bin);
  const worst = new Array<number>(bins).fill(0);
  const bad = new Array<number>(bins).fill(0);
  for (const x of samples) {
    const i = Math.min(bins - 1, Math.floor(x.sentAt / bin));
    worst[i] = Math.max(worst[i]!, Math.round(x.ms));
    if (x.status < 200 || x.status > 299) bad[i]!++;
  }
  const labels = Array.from({ length: bins }, (_, i) => {
    const from = i * bin;
    const mark = (t: number | undefined, name: string): string =>
      t !== undefined && t >= from && t < from + bin ? ` ${name}` : '';
    return `${(from / 1000).toFixed(1)}s${mark(marks.injectStart, 'inject')}${mark(marks.recoverStart, 'recover')}${mark(marks.recoveredAt, 'healthy')}`;
  });
  const top = niceCeiling(Math.max(1, ...worst, ...bad) * 1.1);
  const phases = [...new Set(samples.map((x) => phaseOf(x, marks)))].join(' → ');
  return [
    '```mermaid',
    'xychart-beta',
    `  title "probe timeline (${phases})"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "ms / answers outside 2xx" 0 --> ${top}`,
    `  bar [${bad.join(', ')}]`,
    `  line [${worst.join(', ')}]`,
    '```',
    '',
    `Bars: answers outside 2xx per ${formatDuration(bin)}; line: slowest answer (ms). Marks: inject, recover, healthy (first of the K healthy rounds).`,
  ].join('\n');
}
