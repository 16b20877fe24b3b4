/**
 * Choose the baseline run from the evidence store, compare this run with it, and render the
 * comparison table and the trend chart.
 */
import { judgeRegression, type RegressionPolicy } from '../../core/baseline/regression.js';
import type { LoadRegression } from '../../core/config/sections/load.js';
import type { Comparison, Evidence } from '../../core/evidence/model.js';
import { cell } from '../../core/render/markdown.js';
import { trendChart } from '../../core/render/mermaid.js';
import type { EvidenceStore, StoredEvidence } from '../../core/store/evidence-store.js';
import type { EndpointStats } from '../../engines/load-plan.js';
import { round2 } from './evaluate-thresholds.js';

export interface BaselineChoice {
  /** Human description: `commit 1a2b3c4`, `latest on main`, `latest stored run`. */
  source: string;
  baseline?: StoredEvidence;
  /** Same-plan runs newest first (the baseline first), for the statistical test and the trend. */
  history: StoredEvidence[];
  note?: string;
}

/**
 * Stored runs that may serve as a baseline: the same plan, a whole run (not one shard), and a
 * run that passed its gate — a failed or regressed run never becomes the yardstick, so a
 * regression is not silently absorbed and a healthy run is not judged against a broken one.
 */
function usable(list: StoredEvidence[], planKey: string): StoredEvidence[] {
  return list.filter((s) => {
    const d = s.evidence.data ?? {};
    const passed = s.evidence.verdict === 'pass' || s.evidence.verdict === 'warn';
    return passed && !s.evidence.error && d.planKey === planKey && d.shard === undefined;
  });
}

export async function chooseBaseline(
  store: EvidenceStore,
  planKey: string,
  sel: { commit?: string; branch: string; fallbackLatest: boolean },
): Promise<BaselineChoice> {
  if (sel.commit) {
    const byCommit = usable(await store.list('load', { commit: sel.commit }), planKey);
    const history = usable(await store.list('load', {}), planKey);
    if (!byCommit.length)
      return {
        source: `commit ${sel.commit.slice(0, 7)}`,
        history,
        note: `no stored load run of the same plan for commit ${sel.commit}`,
      };
    return { source: `commit ${sel.commit.slice(0, 7)}`, baseline: byCommit[0], history };
  }
  const onBranch = usable(await store.list('load', { branch: sel.branch }), planKey);
  if (onBranch.length) return { source: `latest on ${sel.branch}`, baseline: onBranch[0], history: onBranch };
  if (!sel.fallbackLatest)
    return { source: `latest on ${sel.branch}`, history: [], note: `nothing stored for ${sel.branch}` };
  const any = usable(await store.list('load', {}), planKey);
  if (!any.length)
    return {
      source: 'none',
      history: [],
      note: 'no earlier run of this plan in the store; this run becomes the baseline',
    };
  return { source: 'latest stored run', baseline: any[0], history: any };
}

function statsIn(e: Evidence): { total: EndpointStats; endpoints: EndpointStats[] } | undefined {
  const d = e.data as { total?: EndpointStats; endpoints?: EndpointStats[] } | undefined;
  return d?.total && d.endpoints ? { total: d.total, endpoints: d.endpoints } : undefined;
}

/** Latency comparisons (total and per endpoint) for the configured percentiles. */
export function compareWithBaseline(
  current: { total: EndpointStats; endpoints: EndpointStats[] },
  choice: BaselineChoice,
  reg: LoadRegression,
): Comparison[] {
  const base = choice.baseline && statsIn(choice.baseline.evidence);
  if (!base) return [];
  const policy: RegressionPolicy = {
    limit: reg.limit,
    noiseFloor: reg['noise-floor-ms'],
    ...(reg.test === 'z-score' ? { test: { kind: 'z-score' as const, zLimit: reg['z-limit'] } } : {}),
  };
  const window = choice.history
    .slice(0, reg.window)
    .map((h) => statsIn(h.evidence))
    .filter((x) => x !== undefined);
  const out: Comparison[] = [];
  const pairs: [
    EndpointStats,
    EndpointStats | undefined,
    (s: { total: EndpointStats; endpoints: EndpointStats[] }) => EndpointStats | undefined,
  ][] = [
    [current.total, base.total, (s) => s.total],
    ...current.endpoints.map(
      (
        e,
      ): [
        EndpointStats,
        EndpointStats | undefined,
        (s: { total: EndpointStats; endpoints: EndpointStats[] }) => EndpointStats | undefined,
      ] => {
        const find = (s: { endpoints: EndpointStats[] }): EndpointStats | undefined =>
          s.endpoints.find((x) => x.name === e.name);
        return [e, find(base), find];
      },
    ),
  ];
  for (const [now, then, pick] of pairs) {
    if (!then || now.responses === 0 || then.responses === 0) continue;
    for (const m of reg.metrics) {
      const history = window
        .map((w) => pick(w)?.latency[m])
        .filter((v): v is number => typeof v === 'number');
      const v = judgeRegression(then.latency[m], now.latency[m], policy, history);
      out.push({
        metric: `${m} ${now.name}`,
        baseline: round2(v.baseline),
        actual: round2(v.actual),
        change: Number.isFinite(v.change) ? round2(v.change * 10000) / 10000 : 999,
        limit: reg.limit,
        regressed: v.regressed,
        ...(v.note ? { note: v.note } : {}),
      });
    }
  }
  return out;
}

export function comparisonTable(source: string, comparisons: Comparison[]): string {
  const rows = [
    `Baseline: ${source}.`,
    '',
    '| Metric | Baseline ms | Now ms | Change | Limit | |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const c of comparisons)
    rows.push(
      `| ${cell(c.metric)} | ${c.baseline} | ${c.actual} | ${c.change >= 0 ? '+' : ''}${round2(c.change * 100)}% | +${round2(c.limit * 100)}% | ${c.regressed ? '❌ regressed' : '✅'}${c.note ? ` ${cell(c.note)}` : ''} |`,
    );
  return rows.join('\n');
}

/** Total p95/p99 over the stored history (oldest first) and this run. */
export function trendSection(history: StoredEvidence[], current: EndpointStats, limit = 12): string {
  const past = history
    .slice(0, limit - 1)
    .map((h) => ({
      label: h.commit?.slice(0, 7) ?? h.recordedAt.slice(5, 16).replace('T', ' '),
      stats: statsIn(h.evidence)?.total,
    }))
    .filter((p) => p.stats !== undefined)
    .reverse();
  const points = [...past, { label: 'this run', stats: current }];
  return trendChart({
    title: 'Total latency over recent runs (ms)',
    xLabels: points.map((p) => p.label),
    yLabel: 'ms',
    series: [
      { name: 'p99', values: points.map((p) => p.stats!.latency.p99) },
      { name: 'p95', values: points.map((p) => p.stats!.latency.p95) },
    ],
  });
}
