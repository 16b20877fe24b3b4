import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, loginAs, readRequestLog, startTestDemo, type TestDemo } from '../support/demo.js';

async function timedDashboard(
  demo: TestDemo,
  token: string,
): Promise<{ ms: number; body: Record<string, number> }> {
  const started = performance.now();
  const res = await api(demo.url, 'GET', '/api/dashboard', { token });
  const body = (await res.json()) as Record<string, number>;
  expect(res.status).toBe(200);
  return { ms: performance.now() - started, body };
}

describe('dashboard', () => {
  let fast: TestDemo;
  let slow: TestDemo;
  beforeAll(async () => {
    [fast, slow] = await Promise.all([
      startTestDemo(),
      startTestDemo({ flaws: ['slow-dashboard'], slowMs: 400 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([fast?.stopAll(), slow?.stopAll()]);
  });

  it('aggregates the seeded data quickly, and slowly with slow-dashboard', async () => {
    const fastRun = await timedDashboard(fast, await loginAs(fast.url, 'viewer@demo.test'));
    expect(fastRun.body.companies).toBeGreaterThanOrEqual(1000);
    expect(fastRun.body.units).toBeGreaterThanOrEqual(5000);
    expect(fastRun.body.leased_units).toBeGreaterThan(0);
    expect(fastRun.body.occupancy).toBeGreaterThan(0);
    // Server-side time from the request log: the client's clock also counts a busy test machine.
    const fastLog = (await readRequestLog(fast.requestLogPath)).find((l) => l.path === '/api/dashboard');
    expect(fastLog?.ms).toBeLessThan(400);
    const slowRun = await timedDashboard(slow, await loginAs(slow.url, 'viewer@demo.test'));
    expect(slowRun.ms).toBeGreaterThanOrEqual(400);
    expect(slowRun.body).toEqual(fastRun.body);
  });
});

describe('global rate limiter', () => {
  const BYPASS = 'load-test-bypass-token';
  let demo: TestDemo;
  let open: TestDemo;
  beforeAll(async () => {
    [demo, open] = await Promise.all([
      startTestDemo({ rateLimit: 5, rateLimitBypassToken: BYPASS }),
      startTestDemo({ rateLimit: 5, flaws: ['no-rate-limit'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([demo?.stopAll(), open?.stopAll()]);
  });

  async function burst(
    target: TestDemo,
    token: string,
    n: number,
    headers?: Record<string, string>,
  ): Promise<Response[]> {
    const out: Response[] = [];
    for (let i = 0; i < n; i++)
      out.push(await api(target.url, 'GET', '/api/companies?limit=1', { token, headers }));
    return out;
  }

  it('answers 429 with Retry-After once a client exceeds the limit', async () => {
    const token = await loginAs(demo.url, 'viewer@demo.test');
    const responses = await burst(demo, token, 6);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(responses[4]!.headers.get('ratelimit-remaining')).toBe('0');
    const limited = responses[5]!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('5');
    // Health checks are never limited.
    expect((await fetch(`${demo.url}/health`)).status).toBe(200);
  });

  it('exempts requests carrying the bypass token, and only the right one', async () => {
    const token = await loginAs(demo.url, 'manager@demo.test');
    const bypassed = await burst(demo, token, 8, { 'X-RateLimit-Bypass': BYPASS });
    expect(bypassed.every((r) => r.status === 200)).toBe(true);
    const wrong = await burst(demo, token, 6, { 'X-RateLimit-Bypass': 'guess' });
    expect(wrong.at(-1)!.status).toBe(429);
  });

  it('never limits with no-rate-limit', async () => {
    const token = await loginAs(open.url, 'viewer@demo.test');
    expect((await burst(open, token, 8)).every((r) => r.status === 200)).toBe(true);
  });
});
