import type { LoginLimiterConfig } from '../../core/config/sections/abuse.js';
import { durationMs } from '../../core/config/sections/common.js';
import { ConfigError } from '../../core/errors.js';
import type { Threshold } from '../../core/evidence/model.js';
import { httpRequest, type HttpResponse } from '../../engines/http/http-client.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { authorizeRequest } from '../../engines/http/request-policy.js';
import { describeExpectation } from '../rbac/expectation.js';
import { statusMatches } from '../rbac/expectation.js';
import { advertisedResetSeconds, headersLine, rateLimitHeadersOf } from './rate-limit-headers.js';

/** One login attempt as sent and answered. */
export interface LoginAttempt {
  n: number;
  kind: 'failed' | 'correct';
  status: number;
  ms: number;
}

export interface LoginLimiterResult {
  thresholds: Threshold[];
  attempts: LoginAttempt[];
  /** Failed attempt number that was first refused with the limit status, if any. */
  triggeredAt?: number;
  headers: Record<string, string>;
  advertisedResetSeconds?: number;
}

const ordinal = (n: number): string =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/**
 * N failed logins for a dedicated account, a correct one midway (must succeed and not count),
 * then failed attempt N+1 must be refused, and the correct password too while limited.
 * At most N+3 requests, within max-duration.
 */
export async function loginLimiterProbe(
  client: TargetClient,
  cfg: LoginLimiterConfig,
  signal: AbortSignal,
): Promise<LoginLimiterResult> {
  const id = client.identity(cfg.identity);
  if (id.kind !== 'json-login' && id.kind !== 'cookie-session')
    throw new ConfigError([
      {
        path: 'abuse.login-limiter.identity',
        message: `identity "${cfg.identity}" must be json-login or cookie-session (it has a login request), got ${id.kind}`,
      },
    ]);
  const field = cfg['password-field'];
  const login = id.login;
  const correctBody = login.form ?? login.body;
  if (!correctBody || typeof correctBody !== 'object' || !(field in correctBody))
    throw new ConfigError([
      {
        path: `identities.${cfg.identity}.login`,
        message: `the login body has no "${field}" field (set abuse.login-limiter.password-field)`,
      },
    ]);
  const wrongBody = { ...(correctBody as Record<string, unknown>), [field]: cfg['wrong-password'] };
  const headers: Record<string, string> = {
    ...(id['target-headers'] ? client.target.headers : {}),
    ...id.headers,
    ...login.headers,
  };
  const deadline = Date.now() + durationMs(cfg['max-duration']);
  const attempts: LoginAttempt[] = [];
  const send = async (kind: LoginAttempt['kind']): Promise<HttpResponse> => {
    if (signal.aborted) throw new Error('login limiter probe aborted');
    if (Date.now() > deadline)
      throw new Error(`login limiter probe exceeded max-duration ${cfg['max-duration']}`);
    const body = kind === 'correct' ? correctBody : wrongBody;
    const res = await httpRequest({
      method: login.method,
      url: authorizeRequest(client.target, login, { login: true }),
      headers: login.form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
      body: login.form ? new URLSearchParams(body as Record<string, string>).toString() : body,
      timeoutMs: client.target['timeout-ms'],
      signal: client.signal,
    });
    attempts.push({ n: attempts.length + 1, kind, status: res.status, ms: Math.round(res.ms) });
    return res;
  };

  const n = cfg.attempts;
  const midway = Math.floor(n / 2);
  const failedStatuses: number[] = [];
  const thresholds: Threshold[] = [];
  let successStatus: number | undefined;
  let triggeredAt: number | undefined;
  for (let i = 1; i <= n; i++) {
    if (cfg['success-between'] && i === midway + 1) successStatus = (await send('correct')).status;
    const res = await send('failed');
    failedStatuses.push(res.status);
    if (
      !statusMatches(cfg['failure-status'], res.status) &&
      statusMatches(cfg['expect-status'], res.status)
    ) {
      triggeredAt = i;
      break;
    }
  }
  const allowedOk =
    failedStatuses.length === n && failedStatuses.every((s) => statusMatches(cfg['failure-status'], s));
  thresholds.push({
    name: `login limiter: failed attempts 1-${n} answered ${describeExpectation(cfg['failure-status'])}`,
    limit: describeExpectation(cfg['failure-status']),
    actual: failedStatuses.join(','),
    ok: allowedOk,
    detail: triggeredAt
      ? `limited early at the ${ordinal(triggeredAt)} failed attempt${successStatus ? ' (the successful login was counted?)' : ''}`
      : undefined,
  });
  if (cfg['success-between'])
    thresholds.push({
      name: `login limiter: a correct login after ${midway} failures succeeds and is not counted`,
      limit: '2xx',
      actual: successStatus ?? null,
      ok: successStatus !== undefined && successStatus >= 200 && successStatus < 300,
    });
  let limited: HttpResponse | undefined;
  if (!triggeredAt) {
    limited = await send('failed');
    if (statusMatches(cfg['expect-status'], limited.status)) triggeredAt = n + 1;
  }
  const lastStatus = limited?.status ?? failedStatuses.at(-1) ?? null;
  thresholds.push({
    name: `login limiter: the ${ordinal(n + 1)} failed login is refused`,
    limit: describeExpectation(cfg['expect-status']),
    actual: limited ? limited.status : null,
    ok: limited !== undefined && statusMatches(cfg['expect-status'], limited.status),
    detail: limited
      ? statusMatches(cfg['expect-status'], limited.status)
        ? `headers: ${headersLine(rateLimitHeadersOf(limited.headers))}`
        : `the ${ordinal(n + 1)} failed login still answered ${limited.status}: no limiter at ${n}`
      : `not reached: limited at the ${ordinal(triggeredAt ?? 0)} attempt (last status ${lastStatus})`,
  });
  if (cfg['locked-login-status'] !== null && triggeredAt) {
    const locked = await send('correct');
    thresholds.push({
      name: 'login limiter: the correct password is refused while limited',
      limit: describeExpectation(cfg['locked-login-status']),
      actual: locked.status,
      ok: statusMatches(cfg['locked-login-status'], locked.status),
    });
  }
  const headersSeen = limited ? rateLimitHeadersOf(limited.headers) : {};
  return {
    thresholds,
    attempts,
    triggeredAt,
    headers: headersSeen,
    advertisedResetSeconds: advertisedResetSeconds(headersSeen),
  };
}
