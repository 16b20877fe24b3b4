import type { FaultScenario, PhaseExpectation } from '../../core/config/sections/fault.js';
import { missedExpectation, percentile, statusMatches, type ProbeSample } from './judge.js';
import type { ScenarioMarks, ScenarioRun } from './scenario-run.js';

export type Phase = 'before' | 'during' | 'recovering' | 'after';
export const PHASES: Phase[] = ['before', 'during', 'recovering', 'after'];

/** Budgets and expectations: recovering is still the fault, so it is judged as during. */
export function budgetPhase(p: Phase): 'before' | 'during' | 'after' {
  return p === 'recovering' ? 'during' : p;
}

/**
 * A probe belongs to `before` only when its answer arrived before inject started: one still in
 * flight when the fault hit saw the fault, and is judged as during.
 */
export function phaseOf(x: Pick<ProbeSample, 'sentAt' | 'ms'>, m: ScenarioMarks): Phase {
  const sentAt = x.sentAt;
  if (m.injectStart === undefined || sentAt + x.ms < m.injectStart) return 'before';
  if (m.recoverStart === undefined || sentAt < m.recoverStart) return 'during';
  if (m.recoveredAt === undefined || sentAt < m.recoveredAt) return 'recovering';
  return 'after';
}

export interface EndpointPhaseStats {
  endpoint: string;
  phase: Phase;
  probes: number;
  outside: number;
  /** `status 500` → 12, `timeout` → 3 … */
  misses: Record<string, number>;
  statuses: Record<string, number>;
  p95: number | null;
  maxMs: number | null;
}

export interface ScenarioMeasurement {
  /** Inject start → answer showing the fault; null when never detected. */
  ttdMs: number | null;
  /** Recover start → first of K healthy rounds; null when not recovered. */
  ttrMs: number | null;
  /** Share of probes outside expectations, per budget phase (null: no probes in it). */
  spent: Record<'before' | 'during' | 'after', { probes: number; outside: number; share: number | null }>;
  stats: EndpointPhaseStats[];
}

function expectationFor(s: FaultScenario, endpoint: string, phase: Phase): PhaseExpectation {
  const e = s.probe.endpoints.find((x) => x.name === endpoint)!;
  return e.expect[budgetPhase(phase)];
}

/** Whether a sample shows the target has noticed the fault. */
function showsFault(s: FaultScenario, x: ProbeSample): boolean {
  const withDetect = s.probe.endpoints.filter((e) => e.detect);
  if (!withDetect.length) return missedExpectation(x, expectationFor(s, x.endpoint, 'before')) !== undefined;
  const e = withDetect.find((d) => d.name === x.endpoint);
  return !!e && e.detect!.status.some((m) => statusMatches(x.status, m));
}

export function measureScenario(run: ScenarioRun): ScenarioMeasurement {
  const { scenario: s, marks: m, samples } = run;
  let ttdMs: number | null = null;
  if (m.injectStart !== undefined && run.inject?.ok) {
    // Earliest answer (not earliest request) showing the fault.
    const first = samples
      .filter((x) => phaseOf(x, m) === 'during' && showsFault(s, x))
      .sort((a, b) => a.sentAt + a.ms - (b.sentAt + b.ms))[0];
    if (first) ttdMs = Math.max(0, first.sentAt + first.ms - m.injectStart);
  }
  const ttrMs =
    m.recoveredAt !== undefined && m.recoverStart !== undefined
      ? Math.max(0, m.recoveredAt - m.recoverStart)
      : null;

  const stats = new Map<string, EndpointPhaseStats & { latencies: number[] }>();
  const spent: ScenarioMeasurement['spent'] = {
    before: { probes: 0, outside: 0, share: null },
    during: { probes: 0, outside: 0, share: null },
    after: { probes: 0, outside: 0, share: null },
  };
  for (const x of samples) {
    const phase = phaseOf(x, m);
    const key = `${x.endpoint}\u0000${phase}`;
    let st = stats.get(key);
    if (!st) {
      st = {
        endpoint: x.endpoint,
        phase,
        probes: 0,
        outside: 0,
        misses: {},
        statuses: {},
        p95: null,
        maxMs: null,
        latencies: [],
      };
      stats.set(key, st);
    }
    st.probes++;
    const answer = x.status ? String(x.status) : x.timedOut ? 'timeout' : 'no answer';
    st.statuses[answer] = (st.statuses[answer] ?? 0) + 1;
    if (x.status) st.latencies.push(x.ms);
    const miss = missedExpectation(x, expectationFor(s, x.endpoint, phase));
    const b = spent[budgetPhase(phase)];
    b.probes++;
    if (miss) {
      st.outside++;
      st.misses[miss] = (st.misses[miss] ?? 0) + 1;
      b.outside++;
    }
  }
  for (const b of Object.values(spent)) b.share = b.probes ? b.outside / b.probes : null;
  const out: EndpointPhaseStats[] = [];
  for (const { latencies, ...st } of stats.values()) {
    out.push({
      ...st,
      p95: percentile(latencies, 95),
      maxMs: latencies.length ? Math.max(...latencies) : null,
    });
  }
  out.sort(
    (a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.endpoint.localeCompare(b.endpoint),
  );
  return { ttdMs, ttrMs, spent, stats: out };
}
