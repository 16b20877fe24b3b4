import type { LoginLimiterConfig } from '../../core/config/sections/abuse.js';
import type { Threshold } from '../../core/evidence/model.js';
import type { HttpResponse } from '../../engines/http/http-client.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { describeExpectation, statusMatches } from '../rbac/expectation.js';
import { loginSender, ordinal, type LoginAttempt } from './login-sender.js';
import { advertisedResetSeconds, headersLine, rateLimitHeadersOf } from './rate-limit-headers.js';

export type { LoginAttempt } from './login-sender.js';

export interface LoginLimiterResult {
  style: LoginLimiterConfig['style'];
  thresholds: Threshold[];
  attempts: LoginAttempt[];
  /** The promised N, when both brackets held: refused after exactly N counted attempts. */
  observedLimit?: number;
  /** Counted attempts before the first refusal, when a login was refused. */
  refusedAfter?: number;
  headers: Record<string, string>;
  advertisedResetSeconds?: number;
  /** Whether the cleanup unlock ran and the account logged in afterwards. */
  unlocked?: boolean;
  /** One line for the evidence summary; says "limit" only when one was observed. */
  summary: string;
}

const is2xx = (s: number): boolean => s >= 200 && s < 300;

/**
 * Prove the login limit from both sides. Low bracket: N-1 counted failures, then the right
 * password must still work. High bracket: bring the count to N (as the configured model of
 * resets and counted successes says), then the next attempt must be refused: a failure answering
 * 429 (style 429) or the right password refused (style lockout). The unlock request runs first,
 * and always last, so the account is usable afterwards. At most 2N+5 requests.
 */
export async function loginLimiterProbe(
  client: TargetClient,
  cfg: LoginLimiterConfig,
  signal: AbortSignal,
): Promise<LoginLimiterResult> {
  const attempts: LoginAttempt[] = [];
  const send = loginSender(client, cfg, signal, attempts);
  const n = cfg.attempts;
  const refused = cfg['expect-status'] ?? (cfg.style === '429' ? 429 : 401);
  const failure = cfg['failure-status'];
  const thresholds: Threshold[] = [];
  let counted = 0;
  let refusedAfter: number | undefined;
  let limitedRes: HttpResponse | undefined;
  const mark = (): void => {
    attempts.at(-1)!.counted = counted;
  };
  /** A failed attempt; false when it was already refused (limited) instead. */
  const fail = async (): Promise<boolean> => {
    const res = await send('failed');
    if (statusMatches(failure, res.status) && !(cfg.style === '429' && statusMatches(refused, res.status))) {
      counted++;
      mark();
      return true;
    }
    refusedAfter ??= counted;
    limitedRes ??= res;
    mark();
    return false;
  };
  const correct = async (): Promise<HttpResponse> => {
    const res = await send('correct');
    if (is2xx(res.status)) {
      if (cfg['successes-count']) counted++;
      if (cfg['success-resets']) counted = 0;
    }
    mark();
    return res;
  };
  let unlocked: boolean | undefined;
  try {
    if (cfg.unlock) await send('unlock');
    // Low bracket: N-1 counted failures, the right password still works.
    let low = true;
    for (let i = 1; i < n && low; i++) low = await fail();
    const lowLogin = low ? await correct() : undefined;
    if (lowLogin && !is2xx(lowLogin.status)) {
      refusedAfter ??= counted;
      low = false;
    }
    const lowStatuses = attempts.filter((a) => a.kind !== 'unlock').map((a) => a.status);
    thresholds.push({
      name: `login limiter: after ${n - 1} failed attempts the right password still works (limit not below ${n})`,
      limit: `${describeExpectation(failure)} ×${n - 1}, then 2xx`,
      actual: lowStatuses.join(','),
      ok: low,
      detail: low
        ? undefined
        : `refused after ${refusedAfter} counted attempt(s): the limit is lower than ${n}`,
    });
    // High bracket: bring the count to N, then the next attempt must be refused.
    let high: boolean | undefined;
    let highRes: HttpResponse | undefined;
    if (low) {
      let stillCounting = true;
      while (counted < n && stillCounting) stillCounting = await fail();
      if (!stillCounting) {
        high = false;
        thresholds[0] = {
          ...thresholds[0]!,
          ok: false,
          detail: `refused after ${refusedAfter} counted attempt(s): the limit is lower than ${n}`,
        };
      } else if (cfg.style === '429') {
        highRes = await send('failed');
        high = statusMatches(refused, highRes.status);
        if (high) {
          refusedAfter = counted;
          limitedRes = highRes;
        }
      } else {
        highRes = await send('correct');
        high = statusMatches(refused, highRes.status) && !is2xx(highRes.status);
        if (high) refusedAfter = counted;
      }
    }
    const highName =
      cfg.style === '429'
        ? `login limiter: the failed attempt after ${n} counted ones answers ${describeExpectation(refused)} (limit not above ${n})`
        : `login limiter: after ${n} counted attempts the right password is refused with ${describeExpectation(refused)} (limit not above ${n})`;
    thresholds.push({
      name: highName,
      limit: describeExpectation(refused),
      actual: highRes?.status ?? null,
      ok: high === true,
      ...(high === undefined || !highRes
        ? { detail: `not reached: refused after ${refusedAfter ?? '?'} counted attempt(s)` }
        : high
          ? { detail: `headers: ${headersLine(rateLimitHeadersOf(highRes.headers))}` }
          : {
              detail: `the ${ordinal(n + 1)} counted attempt still answered ${highRes.status}: no limit at ${n}`,
            }),
    });
    if (high && cfg.style === '429' && cfg['locked-login-status'] !== null) {
      const locked = await send('correct');
      thresholds.push({
        name: 'login limiter: the right password is refused while limited',
        limit: describeExpectation(cfg['locked-login-status']),
        actual: locked.status,
        ok: statusMatches(cfg['locked-login-status'], locked.status),
      });
    }
  } finally {
    if (cfg.unlock) unlocked = await cleanupUnlock(send, cfg, thresholds);
  }
  const observedLimit = thresholds.slice(0, 2).every((t) => t.ok) ? n : undefined;
  const headers = limitedRes ? rateLimitHeadersOf(limitedRes.headers) : {};
  const countedSent = attempts.filter((a) => a.kind !== 'unlock').length;
  const summary =
    observedLimit !== undefined
      ? `login limit observed: exactly ${n} counted attempts (${cfg.style})`
      : refusedAfter !== undefined
        ? `login refused after ${refusedAfter} counted attempt(s): below the promised ${n} (${cfg.style})`
        : `no login limit observed in ${countedSent} login attempts (promised ${n}, ${cfg.style})`;
  return {
    style: cfg.style,
    thresholds,
    attempts,
    observedLimit,
    refusedAfter,
    headers,
    advertisedResetSeconds: advertisedResetSeconds(headers),
    unlocked,
    summary,
  };
}

/** Re-activate the account and prove it: the unlock answers as expected and a login succeeds. */
async function cleanupUnlock(
  send: ReturnType<typeof loginSender>,
  cfg: LoginLimiterConfig,
  thresholds: Threshold[],
): Promise<boolean> {
  let unlockStatus: number | null = null;
  let loginStatus: number | null = null;
  let why: string | undefined;
  try {
    unlockStatus = (await send('unlock')).status;
    loginStatus = (await send('correct')).status;
  } catch (err) {
    why = (err as Error).message;
  }
  const ok =
    unlockStatus !== null && statusMatches(cfg.unlock!.expect, unlockStatus) && is2xx(loginStatus ?? 0);
  thresholds.push({
    name: `login limiter: after the unlock (${cfg.unlock!.method} ${cfg.unlock!.path}) the account logs in again`,
    limit: `${describeExpectation(cfg.unlock!.expect)}, then 2xx`,
    actual: `${unlockStatus ?? '—'}, then ${loginStatus ?? '—'}`,
    ok,
    ...(why
      ? { detail: why }
      : ok
        ? {}
        : { detail: 'the sacrificial account stays locked: fix it before the next run' }),
  });
  return ok;
}
