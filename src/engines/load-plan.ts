/**
 * What a load engine is asked to do and what it hands back. Both engines (k6, embedded) take the
 * same plan and return the same result, so the load check builds identical Evidence from either.
 */
import type { Threshold } from '../core/evidence/model.js';
import {
  emptyHistogram,
  histogramPercentile,
  mergeHistograms,
  type LatencyHistogram,
} from '../core/baseline/latency-histogram.js';

/** How an identity authenticates, reduced to what a load script needs. */
export type PlannedIdentity =
  | { name: string; kind: 'static'; headers: Record<string, string> }
  | {
      name: string;
      kind: 'json-login' | 'cookie-session';
      headers: Record<string, string>;
      /** `json` bodies are serialized by the script, `form` bodies url-encoded; secrets stay separate leaves. */
      login: {
        method: string;
        path: string;
        body?: unknown;
        bodyKind?: 'json' | 'form';
        headers: Record<string, string>;
      };
      tokenPath?: string;
      tokenHeader?: string;
      tokenScheme?: string;
      csrf?: { fromPath?: string; jsonPath?: string; cookie?: string; header: string };
    };

export interface PlannedEndpoint {
  name: string;
  method: string;
  path: string;
  /** JSON text of the body, if any. */
  body?: string;
  headers: Record<string, string>;
  identity: string;
  weight: number;
  tags: Record<string, string>;
  expect: number[];
}

export type LoadScenario =
  | { kind: 'constant'; vus: number; durationS: number }
  | { kind: 'ramping'; stages: { durationS: number; target: number }[] }
  | { kind: 'iterations'; vus: number; iterations: number; maxDurationS: number };

/** Engine-level threshold expression for one scope (an endpoint or the total). */
export interface ScopeThresholds {
  p95?: number;
  p99?: number;
  errorRate?: number;
  minRps?: number;
}

export interface LoadPlan {
  baseUrl: string;
  profile: string;
  endpoints: PlannedEndpoint[];
  identities: Record<string, PlannedIdentity>;
  scenario: LoadScenario;
  thinkTimeS: number;
  timeoutMs: number;
  thresholds: { total: ScopeThresholds; endpoints: Record<string, ScopeThresholds> };
}

export interface LatencyStats {
  avg: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Per endpoint (or total) outcome of a run. */
export interface EndpointStats {
  name: string;
  method?: string;
  path?: string;
  /** Attempts, including those that could not be sent because the login failed. */
  requests: number;
  failed: number;
  /** Responses timed (the latency sample count); 0 means the latency figures are empty. */
  responses: number;
  errorRate: number;
  rps: number;
  latency: LatencyStats;
  /** Failures by reason: `status 500`, `timeout`, `login failed (401)`, `connection error`. */
  reasons: Record<string, number>;
}

export interface LoadRunResult {
  /** What produced the numbers: an engine opsgate ran, or the tool that wrote a result file. */
  engine: 'k6' | 'embedded' | 'artillery';
  engineVersion: string;
  durationS: number;
  endpoints: EndpointStats[];
  total: EndpointStats;
  /** Mergeable raw metrics, when the engine produced them (shards, embedded engine). */
  raw?: RawLoadResult;
  /** k6's own verdict on the thresholds it was given (exit code 99), for cross-checking. */
  engineThresholdsCrossed?: boolean;
  /** Thresholds the tool evaluated itself (a user script's own), as controls. */
  toolThresholds?: Threshold[];
  /** k6 `dropped_iterations`, when the summary had it. */
  droppedIterations?: number;
  /** Environment variables kept from the engine because they would have changed the plan. */
  removedEnv?: string[];
  artifacts: { name: string; path: string }[];
}

export interface RawEndpoint {
  attempts: number;
  failed: number;
  histogram: LatencyHistogram;
  reasons: Record<string, number>;
}

/** Raw metrics one run (or one shard) writes so several can be merged exactly. */
export interface RawLoadResult {
  kind: 'opsgate.load.raw';
  version: 1;
  engine: 'k6' | 'embedded';
  engineVersion: string;
  durationMs: number;
  shard?: { index: number; count: number };
  endpoints: Record<string, RawEndpoint>;
}

export function emptyRawEndpoint(): RawEndpoint {
  return { attempts: 0, failed: 0, histogram: emptyHistogram(), reasons: {} };
}

export function latencyFromHistogram(h: LatencyHistogram): LatencyStats {
  return {
    avg: h.count ? h.sumMs / h.count : 0,
    min: h.count ? h.minMs : 0,
    p50: histogramPercentile(h, 50),
    p90: histogramPercentile(h, 90),
    p95: histogramPercentile(h, 95),
    p99: histogramPercentile(h, 99),
    max: h.maxMs,
  };
}

function statsOf(name: string, raw: RawEndpoint, durationS: number): EndpointStats {
  return {
    name,
    requests: raw.attempts,
    failed: raw.failed,
    responses: raw.histogram.count,
    errorRate: raw.attempts ? raw.failed / raw.attempts : 0,
    rps: durationS > 0 ? raw.attempts / durationS : 0,
    latency: latencyFromHistogram(raw.histogram),
    reasons: raw.reasons,
  };
}

/** Endpoint names of raw metrics (a user script's), for statsFromRaw when no plan lists them. */
export function rawEndpointList(raw: RawLoadResult): { name: string; method: string; path: string }[] {
  // The name already says `GET /path` where it is a URL group.
  return Object.keys(raw.endpoints).map((name) => ({ name, method: '', path: '' }));
}

/** Per-endpoint and total stats from raw metrics, in the plan's endpoint order. */
export function statsFromRaw(
  raw: RawLoadResult,
  endpoints: readonly { name: string; method: string; path: string }[],
): { endpoints: EndpointStats[]; total: EndpointStats; durationS: number } {
  const durationS = raw.durationMs / 1000;
  const list = endpoints.map((e) => ({
    ...statsOf(e.name, raw.endpoints[e.name] ?? emptyRawEndpoint(), durationS),
    method: e.method,
    path: e.path,
  }));
  const all = Object.values(raw.endpoints);
  const reasons: Record<string, number> = {};
  for (const r of all) for (const [k, n] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + n;
  const total = statsOf(
    'total',
    {
      attempts: all.reduce((a, r) => a + r.attempts, 0),
      failed: all.reduce((a, r) => a + r.failed, 0),
      histogram: mergeHistograms(all.map((r) => r.histogram)),
      reasons,
    },
    durationS,
  );
  return { endpoints: list, total, durationS };
}
