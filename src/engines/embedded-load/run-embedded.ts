/**
 * The embedded load engine, for machines without k6 (a laptop running the demo). Same plan in,
 * same result out, built on autocannon. Approximations, stated in the docs:
 * - stages become consecutive phases at the stage's mean VU count (connections);
 * - each endpoint gets its own connections in proportion to its weight (at least one);
 * - a 401 answer triggers one re-login for later requests instead of an in-place retry.
 */
import autocannon from 'autocannon';
import autocannonPackage from 'autocannon/package.json' with { type: 'json' };
import { joinOriginPath } from '../http/request-policy.js';
import { recordLatency } from '../../core/baseline/latency-histogram.js';
import {
  emptyRawEndpoint,
  statsFromRaw,
  type LoadPlan,
  type LoadRunResult,
  type RawLoadResult,
} from '../load-plan.js';

/** Headers for one identity, or why it could not log in (`login failed (401)`). */
export type SessionResolver = (
  identity: string,
  opts: { refresh: boolean },
) => Promise<{ headers: Record<string, string> } | { failed: string }>;

export interface EmbeddedRunOptions {
  resolveSession: SessionResolver;
  log: (message: string) => void;
  signal?: AbortSignal;
}

interface Phase {
  vus: number;
  durationS: number;
  /** Iterations mode: exact total request count. */
  amount?: number;
}

/** Stages → consecutive phases at the mean VU count of each stage. */
export function phasesOf(plan: LoadPlan): Phase[] {
  const s = plan.scenario;
  if (s.kind === 'constant') return [{ vus: s.vus, durationS: s.durationS }];
  if (s.kind === 'iterations') return [{ vus: s.vus, durationS: s.maxDurationS, amount: s.iterations }];
  const out: Phase[] = [];
  let from = 0;
  for (const st of s.stages) {
    const vus = Math.round((from + st.target) / 2);
    if (vus > 0 && st.durationS > 0) out.push({ vus, durationS: st.durationS });
    from = st.target;
  }
  return out;
}

/** Read at build time: the bundled CLI needs no node_modules to say which autocannon it embeds. */
export function embeddedVersion(): string {
  return `autocannon ${autocannonPackage.version}`;
}

export async function runEmbedded(plan: LoadPlan, opts: EmbeddedRunOptions): Promise<LoadRunResult> {
  const raw: RawLoadResult = {
    kind: 'opsgate.load.raw',
    version: 1,
    engine: 'embedded',
    engineVersion: embeddedVersion(),
    durationMs: 0,
    endpoints: Object.fromEntries(plan.endpoints.map((e) => [e.name, emptyRawEndpoint()])),
  };
  const sessions = new Map<string, { headers: Record<string, string> } | { failed: string }>();
  for (const id of new Set(plan.endpoints.map((e) => e.identity)))
    sessions.set(id, await opts.resolveSession(id, { refresh: false }));
  const totalWeight = plan.endpoints.reduce((a, e) => a + e.weight, 0);
  const started = Date.now();
  for (const [i, phase] of phasesOf(plan).entries()) {
    if (opts.signal?.aborted) break;
    opts.log(`load: embedded phase ${i + 1}: ${phase.vus} connections for ${phase.durationS} s`);
    await Promise.all(
      plan.endpoints.map(async (e) => {
        const r = raw.endpoints[e.name]!;
        const share = e.weight / totalWeight;
        const session = sessions.get(e.identity)!;
        if ('failed' in session) {
          // Nothing can be sent without a session: one failed attempt per connection and phase.
          const n = Math.max(1, Math.round(phase.vus * share));
          r.attempts += n;
          r.failed += n;
          r.reasons[session.failed] = (r.reasons[session.failed] ?? 0) + n;
          return;
        }
        let refreshing: Promise<void> | undefined;
        // Only a token that had worked is re-logged on 401 (expiry); a refused one is the answer.
        let worked = false;
        const headers = { ...session.headers };
        const refresh = (): void => {
          refreshing ??= opts.resolveSession(e.identity, { refresh: true }).then((s) => {
            if ('headers' in s) Object.assign(headers, s.headers);
          });
        };
        let finished!: (err: Error | null) => void;
        const done = new Promise<void>((resolve, reject) => {
          finished = (err) => (err ? reject(err) : resolve());
        });
        const instance = autocannon(
          {
            url: joinOriginPath(plan.baseUrl, e.path),
            connections: Math.max(1, Math.round(phase.vus * share)),
            ...(phase.amount
              ? { amount: Math.max(1, Math.round(phase.amount * share)) }
              : { duration: phase.durationS }),
            timeout: Math.max(1, Math.ceil(plan.timeoutMs / 1000)),
            method: e.method as 'GET',
            ...(e.body ? { body: e.body } : {}),
            requests: [
              {
                setupRequest: (req) => ({
                  ...req,
                  headers: {
                    ...headers,
                    ...(e.body ? { 'content-type': 'application/json' } : {}),
                    ...e.headers,
                  },
                }),
              },
            ],
          },
          (err) => finished(err as Error | null),
        );
        instance.on('response', (_client, status, _bytes, ms) => {
          r.attempts++;
          recordLatency(r.histogram, ms);
          if (status !== 401) worked = true;
          if (!e.expect.includes(status)) {
            r.failed++;
            const reason = `status ${status}`;
            r.reasons[reason] = (r.reasons[reason] ?? 0) + 1;
            if (status === 401 && worked) refresh();
          }
        });
        instance.on('reqError', (err) => {
          r.attempts++;
          r.failed++;
          const reason = /timed out/.test(err.message) ? 'timeout' : 'connection error';
          r.reasons[reason] = (r.reasons[reason] ?? 0) + 1;
        });
        const stop = (): void => instance.stop();
        opts.signal?.addEventListener('abort', stop, { once: true });
        try {
          await done;
        } finally {
          opts.signal?.removeEventListener('abort', stop);
        }
      }),
    );
  }
  raw.durationMs = Date.now() - started;
  const stats = statsFromRaw(raw, plan.endpoints);
  return {
    engine: 'embedded',
    engineVersion: raw.engineVersion,
    durationS: stats.durationS,
    endpoints: stats.endpoints,
    total: stats.total,
    raw,
    artifacts: [],
  };
}
