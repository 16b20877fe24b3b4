import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DEMO_PASSWORD, loginAs, startTestDemo, type TestDemo } from '../support/demo.js';

interface Tokens {
  admin: string;
  manager: string;
  manager2: string;
  viewer: string;
}

async function tokensFor(demo: TestDemo): Promise<Tokens> {
  const [admin, manager, manager2, viewer] = await Promise.all(
    ['admin', 'manager', 'manager2', 'viewer'].map((name) => loginAs(demo.url, `${name}@demo.test`)),
  );
  return { admin: admin!, manager: manager!, manager2: manager2!, viewer: viewer! };
}

async function firstLeaseOf(demo: TestDemo, token: string): Promise<number> {
  const res = await api(demo.url, 'GET', '/api/leases', { token });
  const { items } = (await res.json()) as { items: Array<{ id: number }> };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.id;
}

describe('authorization', () => {
  let safe: TestDemo;
  let flawed: TestDemo;
  let safeTokens: Tokens;
  let flawedTokens: Tokens;
  beforeAll(async () => {
    [safe, flawed] = await Promise.all([
      startTestDemo(),
      startTestDemo({ flaws: ['viewer-can-delete', 'idor'] }),
    ]);
    [safeTokens, flawedTokens] = await Promise.all([tokensFor(safe), tokensFor(flawed)]);
  });
  afterAll(async () => {
    await Promise.all([safe?.stopAll(), flawed?.stopAll()]);
  });

  it('rejects missing and invalid tokens with 401', async () => {
    expect((await api(safe.url, 'GET', '/api/me')).status).toBe(401);
    expect((await api(safe.url, 'GET', '/api/me', { token: 'nope' })).status).toBe(401);
    const me = await api(safe.url, 'GET', '/api/me', { token: safeTokens.viewer });
    expect(await me.json()).toMatchObject({ email: 'viewer@demo.test', role: 'VIEWER' });
  });

  it('expires tokens after tokenTtlMs', async () => {
    const shortLived = await startTestDemo({ tokenTtlMs: 1 });
    try {
      const res = await api(shortLived.url, 'POST', '/api/auth/login', {
        body: { email: 'viewer@demo.test', password: DEMO_PASSWORD },
      });
      const { token, expiresIn } = (await res.json()) as { token: string; expiresIn: number };
      expect(expiresIn).toBe(0);
      await new Promise((r) => setTimeout(r, 5));
      expect((await api(shortLived.url, 'GET', '/api/me', { token })).status).toBe(401);
    } finally {
      await shortLived.stopAll();
    }
  });

  it('lets only ADMIN delete companies; viewer-can-delete lets a VIEWER through', async () => {
    expect((await api(safe.url, 'DELETE', '/api/companies/5', { token: safeTokens.viewer })).status).toBe(
      403,
    );
    expect((await api(safe.url, 'DELETE', '/api/companies/5', { token: safeTokens.manager })).status).toBe(
      403,
    );
    expect((await api(safe.url, 'DELETE', '/api/companies/5', { token: safeTokens.admin })).status).toBe(204);
    expect((await api(safe.url, 'GET', '/api/companies/5', { token: safeTokens.viewer })).status).toBe(404);
    expect((await api(flawed.url, 'DELETE', '/api/companies/5', { token: flawedTokens.viewer })).status).toBe(
      204,
    );
  });

  it('lets MANAGER but not VIEWER create and update companies', async () => {
    const body = { name: 'Probe Co' };
    expect((await api(safe.url, 'POST', '/api/companies', { token: safeTokens.viewer, body })).status).toBe(
      403,
    );
    const created = await api(safe.url, 'POST', '/api/companies', { token: safeTokens.manager, body });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const put = { token: safeTokens.viewer, body: { name: 'Renamed' } };
    expect((await api(safe.url, 'PUT', `/api/companies/${id}`, put)).status).toBe(403);
    expect(
      (await api(safe.url, 'PUT', `/api/companies/${id}`, { ...put, token: safeTokens.manager })).status,
    ).toBe(200);
  });

  it('hides other owners\u2019 leases with 404; idor exposes them', async () => {
    const leaseId = await firstLeaseOf(safe, safeTokens.manager);
    expect((await api(safe.url, 'GET', `/api/leases/${leaseId}`, { token: safeTokens.manager })).status).toBe(
      200,
    );
    expect(
      (await api(safe.url, 'GET', `/api/leases/${leaseId}`, { token: safeTokens.manager2 })).status,
    ).toBe(404);
    expect((await api(safe.url, 'GET', `/api/leases/${leaseId}`, { token: safeTokens.viewer })).status).toBe(
      404,
    );
    const put = { token: safeTokens.manager2, body: { tenant: 'Mallory' } };
    expect((await api(safe.url, 'PUT', `/api/leases/${leaseId}`, put)).status).toBe(404);
    expect((await api(safe.url, 'GET', `/api/leases/${leaseId}`, { token: safeTokens.admin })).status).toBe(
      200,
    );

    const flawedLease = await firstLeaseOf(flawed, flawedTokens.manager);
    const read = await api(flawed.url, 'GET', `/api/leases/${flawedLease}`, { token: flawedTokens.manager2 });
    expect(read.status).toBe(200);
  });

  it('creates leases owned by the caller', async () => {
    const body = { unit_id: 500, tenant: 'Acme', monthly_rent_cents: 120000 };
    expect((await api(safe.url, 'POST', '/api/leases', { token: safeTokens.viewer, body })).status).toBe(403);
    const res = await api(safe.url, 'POST', '/api/leases', { token: safeTokens.manager2, body });
    expect(res.status).toBe(201);
    const lease = (await res.json()) as { id: number; tenant: string };
    expect(lease.tenant).toBe('Acme');
    expect(
      (await api(safe.url, 'DELETE', `/api/leases/${lease.id}`, { token: safeTokens.manager })).status,
    ).toBe(404);
    expect(
      (await api(safe.url, 'DELETE', `/api/leases/${lease.id}`, { token: safeTokens.manager2 })).status,
    ).toBe(204);
  });

  it('restricts user administration to ADMIN', async () => {
    expect((await api(safe.url, 'GET', '/api/users', { token: safeTokens.manager })).status).toBe(403);
    const res = await api(safe.url, 'GET', '/api/users', { token: safeTokens.admin });
    const { items } = (await res.json()) as { items: Array<{ id: number; email: string }> };
    expect(items.map((u) => u.email)).toContain('ratelimit@demo.test');
    const victim = items.find((u) => u.email === 'ratelimit@demo.test')!;
    expect(
      (await api(safe.url, 'DELETE', `/api/users/${victim.id}`, { token: safeTokens.manager })).status,
    ).toBe(403);
    expect(
      (await api(safe.url, 'DELETE', `/api/users/${victim.id}`, { token: safeTokens.viewer })).status,
    ).toBe(403);
    expect(
      (await api(safe.url, 'DELETE', `/api/users/${victim.id}`, { token: safeTokens.admin })).status,
    ).toBe(204);
  });
});
