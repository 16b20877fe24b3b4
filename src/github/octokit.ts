import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type Bottleneck from 'bottleneck';

/** The one Octokit class opsgate uses: REST methods + retry on 5xx + throttling of rate limits. */
export const OpsgateOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof OpsgateOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** REST API root; GitHub Enterprise Server sets `GITHUB_API_URL` (e.g. `https://ghe.example/api/v3`). */
  baseUrl?: string;
  /** Retries of 5xx / network failures per request (retry plugin). */
  retries?: number;
  /** How many times one request is retried after a secondary rate limit (403/429 + retry-after). */
  secondaryRateLimitRetries?: number;
  /**
   * Milliseconds per "second" of back-off. GitHub asks for seconds; tests against the local fake
   * set this to a few ms so a retry-after of 2 costs 2×base instead of 2 s.
   * Default: `OPSGATE_RETRY_BASE_MS` or 1000.
   */
  retryBaseMs?: number;
  /**
   * GitHub asks integrations to space content-creating requests by ~1 s (the throttling plugin
   * does this). Off for the local fake server, where it only makes tests slow.
   * Default: on, unless `OPSGATE_SPACE_WRITES=0`.
   */
  spaceWrites?: boolean;
  /** Where retry notices go (stderr on the CLI). */
  log?: (message: string) => void;
  userAgent?: string;
}

/** A throttling group that runs jobs at once: no write spacing (tests, local fakes). */
const immediateGroup = {
  key: () => ({
    schedule: (_opts: unknown, job: (...a: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(job(...args)),
  }),
} as unknown as Bottleneck.Group;

/**
 * Build an authenticated client. Transient failures (5xx, connection resets) are retried with
 * quadratic back-off; primary and secondary rate limits are waited out a bounded number of times,
 * honouring `retry-after`, then surface as errors instead of hanging the job.
 */
/** Creates that are not idempotent: a retry after a lost answer would make a second one. */
const NON_IDEMPOTENT_CREATE = /\/repos\/[^/]+\/[^/]+\/issues(?:\/[^/]+\/comments)?$/;

export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  const base = opts.retryBaseMs ?? (Number(process.env.OPSGATE_RETRY_BASE_MS) || 1000);
  const maxLimitRetries = opts.secondaryRateLimitRetries ?? 3;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount >= maxLimitRetries) {
        log(`github: ${kind} on ${options.method} ${options.url}; giving up after ${retryCount} retries`);
        return false;
      }
      log(`github: ${kind} on ${options.method} ${options.url}; retrying after ${retryAfter}s`);
      return true;
    };
  const client = new OpsgateOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'opsgate',
    // Failed requests are reported by whoever made them (a 404 for a missing branch is normal);
    // OPSGATE_DEBUG shows Octokit's own request log.
    log: {
      debug: () => {},
      info: () => {},
      warn: log,
      error: process.env.OPSGATE_DEBUG ? log : () => {},
    },
    // 403/429 are rate limits or permissions: the throttling plugin (which honours retry-after)
    // decides about those, the retry plugin only retries 5xx and network failures.
    retry: {
      retries: opts.retries ?? 3,
      retryAfterBaseValue: base,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...((opts.spaceWrites ?? process.env.OPSGATE_SPACE_WRITES !== '0') === false
        ? { write: immediateGroup, notifications: immediateGroup, search: immediateGroup }
        : {}),
    },
  });
  // Issue and comment creates are never re-sent by the retry plugin: createOnce (create-once.ts)
  // looks the marker up first. Every other write here is idempotent (labels answer 422 when they
  // exist, git objects are content-addressed, refs are compare-and-swap).
  client.hook.before('request', (options) => {
    if (options.method === 'POST' && NON_IDEMPOTENT_CREATE.test(options.url.split('?')[0] ?? ''))
      Object.assign((options.request ??= {}), { retries: 0 });
  });
  return client;
}
