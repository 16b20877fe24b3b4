/**
 * Choose the baseline runs from the evidence store (the last K accepted runs of the same plan,
 * engine and profile), compare this run with their median, and render the comparison table and
 * the trend chart.
 */
import { judgeRegression, type RegressionPolicy } from '../../core/baseline/regression.js';
import type { LoadRegression } from '../../core/config/sections/load.js';
import type { Comparison, Evidence } from '../../core/evidence/model.js';
import { cell } from '../../core/render/markdown.js';
import { trendChart } from '../../core/render/mermaid.js';
import type { EvidenceStore, StoredEvidence } from '../../core/store/evidence-store.js';
import type { EndpointStats } from '../../engines/load-plan.js';
import { round2 } from './evaluate-thresholds.js';

/** What makes two runs comparable: the same plan, on the same engine, with the same profile. */
export interface BaselineKey {
  planKey: string;
  engine: string;
  profile: string;
  target: string;
}

export interface BaselineChoice {
  /** Human description: `commit 1a2b3c4`, `latest on main`, `latest stored runs`. */
  source: string;
  /** The accepted runs the baseline is the median of, newest first (at most `window`). */
  runs: StoredEvidence[];
  /** Accepted runs of the same key, newest first, for the trend. */
  history: StoredEvidence[];
  /** Why this run cannot be compared at all (engine, profile or plan changed). */
  inconclusive?: string;
  note?: string;
}

type StoredStats = { total: EndpointStats; endpoints: EndpointStats[] };

function dataOf(s: StoredEvidence): Record<string, unknown> {
  return s.evidence.data ?? {};
}

/** A whole, passing run: a failed or regressed run never becomes the yardstick. */
function passing(s: StoredEvidence): boolean {
  const v = s.evidence.verdict;
  return (v === 'pass' || v === 'warn') && !s.evidence.error && dataOf(s).shard === undefined;
}

/** May serve as a baseline for `key`: passing, same plan/engine/profile, not marked ineligible. */
function accepted(s: StoredEvidence, key: BaselineKey): boolean {
  const d = dataOf(s);
  return (
    passing(s) &&
    d.planKey === key.planKey &&
    d.engine === key.engine &&
    (d.profile ?? '') === key.profile &&
    d.baselineEligible !== false
  );
}

/** Why nothing of `key` is stored although comparable-looking runs are. */
function changeOf(all: StoredEvidence[], key: BaselineKey): string | undefined {
  const samePlan = all.find(
    (s) => passing(s) && dataOf(s).planKey === key.planKey && dataOf(s).baselineEligible !== false,
  );
  if (samePlan) {
    const d = dataOf(samePlan);
    if (d.engine !== key.engine)
      return (
        `engine changed: the stored runs of this plan used ${String(d.engine)} ${String(d.engineVersion ?? '')}`.trim() +
        `, this run ${key.engine}`
      );
    if ((d.profile ?? '') !== key.profile)
      return `profile changed: the stored runs of this plan used ${String(d.profile)}, this run ${key.profile}`;
  }
  const otherPlan = all.find(
    (s) => s.evidence.target.url === key.target && dataOf(s).planKey !== key.planKey,
  );
  if (otherPlan && !samePlan)
    return 'the plan changed since the latest stored run (endpoints, script or traffic shape); this run starts a new baseline';
  return undefined;
}

export async function chooseBaseline(
  store: EvidenceStore,
  key: BaselineKey,
  sel: { commit?: string; branch: string; fallbackLatest: boolean; window: number },
): Promise<BaselineChoice> {
  const all = await store.list('load', {});
  const ok = all.filter((s) => accepted(s, key));
  const history = ok;
  let source: string;
  let runs: StoredEvidence[] = [];
  let note: string | undefined;
  if (sel.commit) {
    source = `commit ${sel.commit.slice(0, 7)}`;
    const own = ok.filter((s) => s.commit === sel.commit);
    if (!own.length) note = `no accepted load run of the same plan for commit ${sel.commit}`;
    else {
      // That commit's runs, then the accepted runs recorded before it, up to K.
      const before = ok.filter((s) => s.commit !== sel.commit && s.recordedAt <= own[0]!.recordedAt);
      runs = [...own, ...before].slice(0, sel.window);
    }
  } else {
    const onBranch = ok.filter((s) => s.branch === sel.branch);
    source = `latest on ${sel.branch}`;
    if (onBranch.length) runs = onBranch.slice(0, sel.window);
    else if (sel.fallbackLatest && ok.length) {
      source = 'latest stored runs';
      runs = ok.slice(0, sel.window);
    } else
      note = ok.length
        ? `nothing stored for ${sel.branch}`
        : 'no earlier run of this plan in the store; this run becomes the baseline';
  }
  const inconclusive = runs.length ? undefined : changeOf(all, key);
  return {
    source: runs.length || inconclusive ? source : 'none',
    runs,
    history,
    ...(inconclusive ? { inconclusive } : {}),
    ...(note ? { note } : {}),
  };
}

function statsIn(e: Evidence): StoredStats | undefined {
  const d = e.data as Partial<StoredStats> | undefined;
  return d?.total && d.endpoints ? { total: d.total, endpoints: d.endpoints } : undefined;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Latency comparisons (total and per endpoint) of this run against the median of the baseline
 * runs. `inconclusive` (a saturated generator) turns every comparison into a warning.
 */
export function compareWithBaseline(
  current: StoredStats,
  choice: BaselineChoice,
  reg: LoadRegression,
  inconclusive?: string,
): Comparison[] {
  const past = choice.runs.map((r) => statsIn(r.evidence)).filter((x) => x !== undefined);
  if (!past.length) return [];
  const policy: RegressionPolicy = {
    limit: reg.limit,
    noiseFloor: reg['noise-floor-ms'],
    minRuns: reg['min-runs'],
    ...(reg.test === 'z-score' ? { test: { kind: 'z-score' as const, zLimit: reg['z-limit'] } } : {}),
  };
  const out: Comparison[] = [];
  for (const now of [current.total, ...current.endpoints]) {
    const pick = (s: StoredStats): EndpointStats | undefined =>
      now === current.total ? s.total : s.endpoints.find((x) => x.name === now.name);
    for (const m of reg.metrics) {
      const actual = now.latency[m];
      const values = past
        .map((s) => pick(s))
        .filter((x) => x && x.responses > 0)
        .map((x) => x!.latency[m])
        .filter(finite);
      if (!finite(actual) || !values.length) continue;
      const v = judgeRegression(values, actual, policy);
      const why =
        inconclusive ??
        v.inconclusive ??
        (now.responses < reg['min-samples']
          ? `${now.responses} latency samples, ${reg['min-samples']} needed`
          : undefined);
      out.push({
        metric: `${m} ${now.name}`,
        baseline: round2(v.baseline),
        actual: round2(v.actual),
        change: Number.isFinite(v.change) ? round2(v.change * 10000) / 10000 : 999,
        limit: reg.limit,
        regressed: why ? false : v.regressed,
        ...(why ? { inconclusive: why } : {}),
        note: [`median of ${v.runs} run${v.runs === 1 ? '' : 's'}, spread ${round2(v.spread)} ms`, v.note]
          .filter(Boolean)
          .join('; '),
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
      `| ${cell(c.metric)} | ${c.baseline} | ${c.actual} | ${c.change >= 0 ? '+' : ''}${round2(c.change * 100)}% | +${round2(c.limit * 100)}% | ${c.regressed ? '❌ regressed' : c.inconclusive ? `⚠️ inconclusive: ${cell(c.inconclusive)}` : '✅'}${c.note ? ` ${cell(c.note)}` : ''} |`,
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
    .filter((p) => p.stats !== undefined && finite(p.stats.latency.p95) && finite(p.stats.latency.p99))
    .reverse();
  const points = [...past, ...(finite(current.latency.p95) ? [{ label: 'this run', stats: current }] : [])];
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
