import type { DemoFlaw } from './flaws.js';

/**
 * `default`: express-rate-limit style (429 per email, successes neither count nor reset; a global
 * limiter per token with a bypass header for load tests). `strict`: how a self-hosted CMS behaves
 * (suspend the account on the attempt after N since the last success, admin re-activation, one
 * per-IP limiter counting every request, 403 for unauthenticated calls, 204 creates that need the
 * caller's user id).
 */
export const DEMO_PROFILES = ['default', 'strict'] as const;
export type DemoProfile = (typeof DEMO_PROFILES)[number];

/** How to run the demo target; every limit is configurable so tests can use small windows. */
export interface DemoTargetOptions {
  /** Behaviour profile (default `default`). */
  profile?: DemoProfile;
  databaseUrl: string;
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default 127.0.0.1: the demo target is for loopback only. */
  host?: string;
  /** Names from DEMO_FLAWS; unknown names are rejected. */
  flaws?: string[];
  /** Failed logins per email before 429 (default 5). */
  loginMaxFailures?: number;
  /** Window for failed logins (default 15 minutes). */
  loginWindowMs?: number;
  /** Requests per client key on /api/* except login (default 100). */
  rateLimit?: number;
  /** Default 15 minutes. */
  rateWindowMs?: number;
  /** Requests carrying `X-RateLimit-Bypass: <token>` skip the global limiter, as real teams let load tests through. */
  rateLimitBypassToken?: string;
  /** Delay the slow-dashboard flaw adds (default 400 ms). */
  slowMs?: number;
  /** Appends one JSON line per request: {ts, method, path, status, role, ms}. */
  requestLogPath?: string;
  /** Bearer token lifetime (default 1 hour). */
  tokenTtlMs?: number;
  /** The one origin CORS allows (with credentials); none when unset. */
  corsOrigin?: string;
  /** How long the database breaker stays open before trying again; also Retry-After (default 1 s). */
  dbRetryMs?: number;
  /** Connect timeout of the pool (default 1 s). */
  dbConnectTimeoutMs?: number;
}

export interface ResolvedOptions {
  profile: DemoProfile;
  loginMaxFailures: number;
  loginWindowMs: number;
  rateLimit: number;
  rateWindowMs: number;
  rateLimitBypassToken: string | undefined;
  slowMs: number;
  requestLogPath: string | undefined;
  tokenTtlMs: number;
  corsOrigin: string | undefined;
  dbRetryMs: number;
  dbConnectTimeoutMs: number;
  flaws: ReadonlySet<DemoFlaw>;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export function resolveOptions(opts: DemoTargetOptions, flaws: ReadonlySet<DemoFlaw>): ResolvedOptions {
  const profile = opts.profile ?? 'default';
  if (!DEMO_PROFILES.includes(profile))
    throw new Error(`unknown demo profile "${String(profile)}"; valid profiles: ${DEMO_PROFILES.join(', ')}`);
  return {
    profile,
    // The two count flaws stand for a limit configured differently from what the team promised.
    loginMaxFailures: flaws.has('lockout-at-3') ? 3 : (opts.loginMaxFailures ?? 5),
    loginWindowMs: opts.loginWindowMs ?? FIFTEEN_MINUTES,
    rateLimit: flaws.has('limiter-at-108') ? 108 : (opts.rateLimit ?? 100),
    rateWindowMs: opts.rateWindowMs ?? FIFTEEN_MINUTES,
    rateLimitBypassToken: opts.rateLimitBypassToken || undefined,
    slowMs: opts.slowMs ?? 400,
    requestLogPath: opts.requestLogPath || undefined,
    tokenTtlMs: opts.tokenTtlMs ?? 60 * 60 * 1000,
    corsOrigin: opts.corsOrigin || undefined,
    dbRetryMs: opts.dbRetryMs ?? 1000,
    dbConnectTimeoutMs: opts.dbConnectTimeoutMs ?? 1000,
    flaws,
  };
}
