import { durationMs } from '../../core/config/sections/common.js';
import type { PhaseExpectation, StatusMatch } from '../../core/config/sections/fault.js';

/** One probe answer (or its absence: status 0 is a timeout or a refused connection). */
export interface ProbeSample {
  round: number;
  endpoint: string;
  /** Milliseconds since the scenario's probe clock started. */
  sentAt: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  timedOut: boolean;
  error?: string;
}

/** `503` matches 503; `5xx` matches 500-599. */
export function statusMatches(status: number, m: StatusMatch): boolean {
  if (typeof m === 'number') return status === m;
  const cls = Number(m[0]);
  return status >= cls * 100 && status < cls * 100 + 100;
}

/** Why a sample is outside a phase's expectation, or undefined when it meets it. */
export function missedExpectation(s: ProbeSample, e: PhaseExpectation): string | undefined {
  if (s.status === 0) return s.timedOut ? 'timeout' : (s.error ?? 'no answer');
  if (!e.status.some((m) => statusMatches(s.status, m))) return `status ${s.status}`;
  if (e['retry-after'] && (s.status < 200 || s.status > 299) && !s.retryAfter)
    return `${s.status} without Retry-After`;
  if (e['max-latency'] !== undefined && s.ms > durationMs(e['max-latency'])) return 'too slow';
  return undefined;
}

/** Nearest-rank percentile of latencies (ms); null for no samples. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
