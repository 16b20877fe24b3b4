import type { GlobalLimitConfig } from '../../core/config/sections/abuse.js';
import { durationMs } from '../../core/config/sections/common.js';
import type { Threshold } from '../../core/evidence/model.js';
import {
  countLedger,
  currentLedgerScope,
  hostOf,
  type LedgerQuery,
} from '../../engines/http/request-ledger.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { advertisedResetSeconds, headersLine, rateLimitHeadersOf } from './rate-limit-headers.js';

export interface GlobalLimitResult {
  thresholds: Threshold[];
  /** Probe requests sent (the burst itself). */
  sent: number;
  /** Burst request number of the first limit status, if any. */
  firstLimitedAt?: number;
  /** Requests the limiter let through in the window before the first limit status, opsgate's earlier ones included. */
  observedLimit?: number;
  /** Requests opsgate sent to the host in the window before the burst (its own login included), as the ledger counts them. */
  earlierInWindow: number;
  /** Those earlier requests by check. */
  earlierByCheck: Record<string, number>;
  /** Statuses other than success and the limit status, by status. */
  otherStatuses: Record<string, number>;
  headers: Record<string, string>;
  advertisedResetSeconds?: number;
  burstMs: number;
}

/** Whether the limiter counts a ledger path (exact, or a prefix ending in `*`). */
function uncounted(cfg: GlobalLimitConfig): (path: string) => boolean {
  const rules = cfg['uncounted-paths'];
  return (p) => rules.some((r) => (r.endsWith('*') ? p.startsWith(r.slice(0, -1)) : p === r));
}

/**
 * Spend the limiter's budget: the requests opsgate already sent to the host inside the window
 * (the run's ledger, shared by every check) are subtracted, so the first limit status must come
 * exactly at `limit` counted requests. Stops at the first limit status; the window is never slept
 * out: the trigger is proved and the advertised reset is reported.
 */
export async function globalLimitProbe(
  client: TargetClient,
  cfg: GlobalLimitConfig,
  signal: AbortSignal,
): Promise<GlobalLimitResult> {
  const ledger = currentLedgerScope()?.file;
  const host = hostOf(client.url(cfg.request.path));
  const windowStart = cfg.window !== undefined ? Date.now() - durationMs(cfg.window) : 0;
  const skip = uncounted(cfg);
  const query: LedgerQuery = {
    host,
    since: windowStart,
    ...(cfg.key === 'identity' ? { identity: cfg.identity } : {}),
    ...(cfg['uncounted-paths'].length ? { skipPath: skip } : {}),
  };
  const before = ledger ? countLedger(ledger, query) : { total: 0, byCheck: {} };
  const max = Math.max(0, cfg.limit - before.total) + cfg.margin;
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
    headers = rateLimitHeadersOf(res.headers);
    if (res.status === cfg['expect-status']) {
      firstLimitedAt = sent;
      break;
    }
    if (res.status < 200 || res.status >= 400)
      otherStatuses[String(res.status)] = (otherStatuses[String(res.status)] ?? 0) + 1;
  }
  // Everything counted in the window up to the limited answer, minus that answer: what the limiter allowed.
  const after = ledger ? countLedger(ledger, query) : { total: sent, byCheck: {} as Record<string, number> };
  const through = after.total;
  // The burst itself is not "earlier": take it off the running check's count.
  const own = currentLedgerScope()?.check;
  const earlierByCheck = Object.fromEntries(
    Object.entries(after.byCheck)
      .map(([c, n]) => [c, c === own ? n - sent : n] as const)
      .filter(([, n]) => n > 0),
  );
  const observedLimit = firstLimitedAt !== undefined ? through - 1 : undefined;
  const earlier = observedLimit !== undefined ? observedLimit - (firstLimitedAt! - 1) : through - sent;
  const ok = observedLimit !== undefined && Math.abs(observedLimit - cfg.limit) <= cfg.tolerance;
  const reset = firstLimitedAt !== undefined ? advertisedResetSeconds(headers) : undefined;
  const spent = `${earlier} earlier request${earlier === 1 ? '' : 's'} by opsgate in the window${byCheckLine(earlierByCheck)}`;
  const detail =
    observedLimit !== undefined
      ? `limit observed: ${observedLimit === cfg.limit ? 'exactly ' : ''}${observedLimit} — ${spent}; headers: ${headersLine(headers)}` +
        (reset !== undefined ? `; advertised reset in ${reset} s` : '') +
        (cfg.window !== undefined ? `; window ${cfg.window} (not waited out)` : '')
      : `no ${cfg['expect-status']} after ${sent} probe requests (${through} counted in the window — ${spent})${stopped ? ` (${stopped})` : ''}`;
  const thresholds: Threshold[] = [
    {
      name: `global limit: ${cfg.limit} requests per ${cfg.key}${cfg.window !== undefined ? ` per ${cfg.window}` : ''}, then ${cfg['expect-status']}${cfg.tolerance ? ` (±${cfg.tolerance})` : ''} (${cfg.identity} ${cfg.request.method} ${cfg.request.path})`,
      limit: cfg.limit,
      actual: observedLimit ?? null,
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
    observedLimit,
    earlierInWindow: earlier,
    earlierByCheck,
    otherStatuses,
    headers,
    advertisedResetSeconds: reset,
    burstMs: Math.round(performance.now() - started),
  };
}

function byCheckLine(byCheck: Record<string, number>): string {
  const parts = Object.entries(byCheck).map(([c, n]) => `${c} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
