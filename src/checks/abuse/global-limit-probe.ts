import type { GlobalLimitConfig } from '../../core/config/sections/abuse.js';
import { durationMs } from '../../core/config/sections/common.js';
import type { Threshold } from '../../core/evidence/model.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { advertisedResetSeconds, headersLine, rateLimitHeadersOf } from './rate-limit-headers.js';

export interface GlobalLimitResult {
  thresholds: Threshold[];
  sent: number;
  /** Request number of the first limit status, if any. */
  firstLimitedAt?: number;
  /** Requests answered before the limit: the limit as observed. */
  observedLimit?: number;
  /** Statuses other than success and the limit status, by status. */
  otherStatuses: Record<string, number>;
  headers: Record<string, string>;
  advertisedResetSeconds?: number;
  burstMs: number;
}

/**
 * Spend an identity's budget: up to limit + margin requests, one after the other, stopping at
 * the first limit status. The window is never slept out: the trigger is proved and the
 * advertised reset is reported.
 */
export async function globalLimitProbe(
  client: TargetClient,
  cfg: GlobalLimitConfig,
  signal: AbortSignal,
): Promise<GlobalLimitResult> {
  const max = cfg.limit + cfg.margin;
  const deadline = Date.now() + durationMs(cfg['max-duration']);
  const started = performance.now();
  const otherStatuses: Record<string, number> = {};
  let sent = 0;
  let firstLimitedAt: number | undefined;
  let headers: Record<string, string> = {};
  let stopped: string | undefined;
  while (sent < max) {
    if (signal.aborted) {
      stopped = 'aborted';
      break;
    }
    if (Date.now() > deadline) {
      stopped = `max-duration ${cfg['max-duration']} reached`;
      break;
    }
    const res = await client.send(
      cfg.identity,
      { method: cfg.request.method, path: cfg.request.path, headers: cfg.request.headers },
      { retryOn401: false },
    );
    sent++;
    if (res.status === cfg['expect-status']) {
      firstLimitedAt = sent;
      headers = rateLimitHeadersOf(res.headers);
      break;
    }
    if (res.status < 200 || res.status >= 400)
      otherStatuses[String(res.status)] = (otherStatuses[String(res.status)] ?? 0) + 1;
    headers = rateLimitHeadersOf(res.headers);
  }
  const want = cfg.limit + 1;
  const ok = firstLimitedAt !== undefined && Math.abs(firstLimitedAt - want) <= cfg.tolerance;
  const reset = firstLimitedAt !== undefined ? advertisedResetSeconds(headers) : undefined;
  const detail = firstLimitedAt
    ? `observed limit ${firstLimitedAt - 1}; headers: ${headersLine(headers)}` +
      (reset !== undefined ? `; advertised reset in ${reset} s` : '') +
      (cfg.window !== undefined ? `; configured window ${cfg.window} (not waited out)` : '')
    : `no ${cfg['expect-status']} after ${sent} requests${stopped ? ` (${stopped})` : ''}`;
  const thresholds: Threshold[] = [
    {
      name: `global limit: first ${cfg['expect-status']} at request ${want}${cfg.tolerance ? ` ±${cfg.tolerance}` : ''} (${cfg.identity} ${cfg.request.method} ${cfg.request.path})`,
      limit: want,
      actual: firstLimitedAt ?? null,
      ok,
      detail,
    },
  ];
  if (Object.keys(otherStatuses).length)
    thresholds.push({
      name: 'global limit: requests before the limit succeeded',
      limit: '2xx/3xx',
      actual: Object.entries(otherStatuses)
        .map(([s, c]) => `${c}×${s}`)
        .join(', '),
      ok: false,
      detail:
        'the probe request must be one the identity may send; fix abuse.global-limit.request or identity',
    });
  return {
    thresholds,
    sent,
    firstLimitedAt,
    observedLimit: firstLimitedAt !== undefined ? firstLimitedAt - 1 : undefined,
    otherStatuses,
    headers,
    advertisedResetSeconds: reset,
    burstMs: Math.round(performance.now() - started),
  };
}
