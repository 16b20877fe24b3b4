import type { LoginLimiterConfig } from '../../core/config/sections/abuse.js';
import { durationMs } from '../../core/config/sections/common.js';
import { ConfigError } from '../../core/errors.js';
import { httpRequest, type HttpResponse } from '../../engines/http/http-client.js';
import type { TargetClient } from '../../engines/http/sessions.js';

/** One request of the login limiter probe as sent and answered. */
export interface LoginAttempt {
  n: number;
  kind: 'failed' | 'correct' | 'unlock';
  status: number;
  ms: number;
  /** Counted attempts since the last reset, as the configured model has it, after this one. */
  counted?: number;
}

export type SendLogin = (kind: LoginAttempt['kind']) => Promise<HttpResponse>;

/**
 * The probe's own sender: raw login requests with the right or a wrong password (never through
 * the session cache, which would log in once and keep the token), and the admin unlock request.
 * Bounded by max-duration and the abort signal.
 */
export function loginSender(
  client: TargetClient,
  cfg: LoginLimiterConfig,
  signal: AbortSignal,
  attempts: LoginAttempt[],
): SendLogin {
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
  return async (kind) => {
    if (signal.aborted) throw new Error('login limiter probe aborted');
    if (Date.now() > deadline)
      throw new Error(`login limiter probe exceeded max-duration ${cfg['max-duration']}`);
    let res: HttpResponse;
    if (kind === 'unlock') {
      const u = cfg.unlock!;
      res = await client.send(
        u.identity,
        { method: u.method, path: u.path, body: u.body, headers: u.headers },
        { retryOn401: true },
      );
    } else {
      const body = kind === 'correct' ? correctBody : wrongBody;
      res = await httpRequest({
        method: login.method,
        url: client.url(login.path),
        headers: login.form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
        body: login.form ? new URLSearchParams(body as Record<string, string>).toString() : body,
        timeoutMs: client.target['timeout-ms'],
        identity: cfg.identity,
      });
    }
    attempts.push({ n: attempts.length + 1, kind, status: res.status, ms: Math.round(res.ms) });
    return res;
  };
}

export const ordinal = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
