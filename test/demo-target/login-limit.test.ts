import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../support/demo.js';

async function login(demo: TestDemo, email: string, password: string): Promise<Response> {
  return fetch(`${demo.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function statuses(demo: TestDemo, email: string, passwords: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const password of passwords) out.push((await login(demo, email, password)).status);
  return out;
}

const WRONG = 'wrong-password';

describe('login limiter', () => {
  let limited: TestDemo;
  let unlimited: TestDemo;
  beforeAll(async () => {
    [limited, unlimited] = await Promise.all([startTestDemo(), startTestDemo({ flaws: ['no-login-limit'] })]);
  });
  afterAll(async () => {
    await Promise.all([limited?.stopAll(), unlimited?.stopAll()]);
  });

  it('answers 429 with Retry-After and RateLimit-* on the 6th failure, even for the right password', async () => {
    expect(await statuses(limited, 'lockout@demo.test', Array(5).fill(WRONG))).toEqual([
      401, 401, 401, 401, 401,
    ]);
    const locked = await login(limited, 'lockout@demo.test', WRONG);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('ratelimit-limit')).toBe('5');
    expect(locked.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(locked.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(await locked.json()).toEqual({ error: 'too many failed login attempts' });
    expect((await login(limited, 'lockout@demo.test', DEMO_PASSWORD)).status).toBe(429);
    // The limiter is per email: another account is untouched.
    expect((await login(limited, 'viewer@demo.test', DEMO_PASSWORD)).status).toBe(200);
  });

  it('does not count successful logins', async () => {
    const sequence = [WRONG, WRONG, DEMO_PASSWORD, WRONG, WRONG, DEMO_PASSWORD, WRONG, WRONG];
    expect(await statuses(limited, 'ratelimit@demo.test', sequence)).toEqual([
      401, 401, 200, 401, 401, 200, 401, 429,
    ]);
  });

  it('never limits with no-login-limit', async () => {
    const results = await statuses(unlimited, 'lockout@demo.test', Array(8).fill(WRONG));
    expect(results).toEqual(Array(8).fill(401));
    expect((await login(unlimited, 'lockout@demo.test', DEMO_PASSWORD)).status).toBe(200);
  });

  it('lets the window expire', async () => {
    // Generous window: scrypt logins are slow on a busy machine, and the window must outlive the attempts.
    const short = await startTestDemo({ loginMaxFailures: 2, loginWindowMs: 3000 });
    try {
      expect(await statuses(short, 'lockout@demo.test', [WRONG, WRONG])).toEqual([401, 401]);
      const locked = await login(short, 'lockout@demo.test', DEMO_PASSWORD);
      expect(locked.status).toBe(429);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3);
      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
      expect((await login(short, 'lockout@demo.test', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await short.stopAll();
    }
  });
});
