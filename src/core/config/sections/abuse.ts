import { z } from 'zod';
import { duration, headerMap, httpMethod, httpStatus, targetPath } from './common.js';
import { statusExpectation } from './rbac.js';

/**
 * Login limiter: N failed logins for a dedicated account, then attempt N+1 must be refused.
 * Products differ (429 with Retry-After; or the account is suspended and keeps answering 401),
 * so every expectation is configurable.
 */
const loginLimiter = z
  .object({
    identity: z
      .string()
      .describe(
        'A json-login or cookie-session identity for a dedicated account: the probe locks it out, so never one the other probes use.',
      ),
    'password-field': z.string().default('password').describe('Login body field that carries the password.'),
    'wrong-password': z
      .string()
      .default('opsgate-wrong-password')
      .describe('Password sent on the failed attempts.'),
    attempts: z.number().int().min(1).max(50).default(5).describe('Failed attempts the limiter allows (N).'),
    'failure-status': statusExpectation
      .default(401)
      .describe('What attempts 1..N must answer (a wrong password, not yet limited).'),
    'expect-status': statusExpectation.default(429).describe('What failed attempt N+1 must answer.'),
    'success-between': z
      .boolean()
      .default(true)
      .describe(
        'Log in correctly once midway: it must succeed and must not count, so the limit still trips at N+1, not N.',
      ),
    'locked-login-status': statusExpectation
      .nullable()
      .default(429)
      .describe(
        'What the correct password answers once the limit tripped (429 for a lockout; 401 for products that suspend the account). null to skip.',
      ),
    'max-duration': duration.default('60s'),
  })
  .strict();

/** Global rate limit: up to limit + margin requests, the limit status must appear at request limit+1. */
const globalLimit = z
  .object({
    identity: z
      .string()
      .default('anonymous')
      .describe('Identity whose budget is spent: its own, so other probes are not throttled.'),
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
      .describe('How far from limit+1 the first limited answer may be (other traffic shares the window).'),
    'expect-status': httpStatus.default(429),
    window: duration
      .optional()
      .describe(
        'Advertised window (e.g. 15m); reported, never slept out: the probe proves the trigger only.',
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
