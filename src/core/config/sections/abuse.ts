import { z } from 'zod';
import { duration, headerMap, httpMethod, httpStatus, targetPath } from './common.js';
import { statusExpectation } from './rbac.js';

/**
 * An admin request that re-activates the sacrificial account (unsuspend, clear the lockout).
 * Runs before the probe, between phases where the model needs a zero counter, and always as
 * cleanup, so next month's drill does not start locked out.
 */
const unlockRequest = z
  .object({
    identity: z
      .string()
      .describe('Identity allowed to re-activate accounts (an admin), never the locked one.'),
    method: httpMethod.default('POST'),
    path: targetPath,
    body: z.unknown().optional().describe('JSON body, e.g. { email: lockout@example.test }.'),
    headers: headerMap.optional(),
    expect: statusExpectation.default('2xx').describe('What a successful unlock answers.'),
  })
  .strict();

/**
 * Login limiter, proved exactly: after N-1 counted attempts the right password still works (the
 * limit is not lower), after N the login is refused (not higher). Two styles: `429` (the next
 * failure answers 429) and `lockout` (the account refuses even the right password).
 */
const loginLimiter = z
  .object({
    identity: z
      .string()
      .describe(
        'A json-login or cookie-session identity for a dedicated account: the probe locks it out, so never one the other probes use.',
      ),
    style: z
      .enum(['429', 'lockout'])
      .default('429')
      .describe(
        '`429`: after N counted attempts the next failure is rate limited. `lockout`: after N counted attempts the account refuses even the right password (suspend, temporary lockout).',
      ),
    'password-field': z.string().default('password').describe('Login body field that carries the password.'),
    'wrong-password': z
      .string()
      .default('opsgate-wrong-password')
      .describe('Password sent on the failed attempts.'),
    attempts: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe('Counted attempts the limiter allows (N): attempt N+1 is the first refused.'),
    'failure-status': statusExpectation
      .default(401)
      .describe('What a wrong password answers before the limit (and, for lockout, after it).'),
    'expect-status': statusExpectation
      .optional()
      .describe(
        'What the refused attempt answers: style 429 → the failure after N (default 429); style lockout → the right password after N (default 401).',
      ),
    'locked-login-status': statusExpectation
      .nullable()
      .default(429)
      .describe('Style 429: what the right password answers while limited. null to skip.'),
    'success-resets': z
      .boolean()
      .default(false)
      .describe(
        'A successful login resets the counter (suspend-on-N-attempts CMSes, Keycloak). express-rate-limit does not.',
      ),
    'successes-count': z
      .boolean()
      .default(false)
      .describe('Successful logins count as attempts (express-rate-limit without skipSuccessfulRequests).'),
    unlock: unlockRequest.optional(),
    'max-duration': duration.default('60s'),
  })
  .strict();

/** Global rate limit: up to limit + margin requests, the limit status must appear at request limit+1. */
const globalLimit = z
  .object({
    identity: z
      .string()
      .default('anonymous')
      .describe(
        'Identity the burst is sent as (a dedicated one, so a per-identity limiter throttles no other probe).',
      ),
    request: z
      .object({ method: httpMethod.default('GET'), path: targetPath, headers: headerMap.optional() })
      .strict()
      .describe('A cheap, read-only request counted by the limiter.'),
    limit: z.number().int().min(1).max(10_000).describe('Requests allowed per window.'),
    margin: z.number().int().min(0).max(1_000).default(10).describe('Extra requests sent past the limit.'),
    tolerance: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        'How far the observed limit may be from `limit`. The ledger subtracts what opsgate already sent, so 0 is right unless other clients share the key.',
      ),
    key: z
      .enum(['ip', 'identity'])
      .default('ip')
      .describe(
        "What the limiter counts by: `ip` (every request opsgate sent to the host in the window counts), `identity` (only this identity's requests: limiters keyed by user or token).",
      ),
    'uncounted-paths': z
      .array(targetPath)
      .default([])
      .describe(
        'Paths the limiter does not count (`/api/auth/login`, or a prefix ending in `*`), left out of the ledger count.',
      ),
    'expect-status': httpStatus.default(429),
    window: duration
      .optional()
      .describe(
        'The limiter window (e.g. 15m): requests opsgate sent to the host within it are subtracted from the budget. Never slept out. Unset: every earlier request of the run counts.',
      ),
    'max-duration': duration.default('60s').describe('Time bound for the whole burst.'),
  })
  .strict();

/** Configuration of the `abuse` check. Runs last in a drill: it trips limiters on purpose. */
export const abuseSection = z
  .object({
    enabled: z.boolean().default(true),
    'login-limiter': loginLimiter.optional(),
    'global-limit': globalLimit.optional(),
  })
  .strict()
  .optional();

export type AbuseConfig = NonNullable<z.infer<typeof abuseSection>>;
export type LoginLimiterConfig = NonNullable<AbuseConfig['login-limiter']>;
export type GlobalLimitConfig = NonNullable<AbuseConfig['global-limit']>;
