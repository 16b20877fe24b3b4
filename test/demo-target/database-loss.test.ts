import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startDemoTarget, type DemoTarget } from '../../examples/demo-target/src/server.js';
import { api, cleanupAfterEach, freshDemoDatabase, loginAs } from '../support/demo.js';
import { startFaultProxy } from '../support/fault-proxy.js';

/** The demo target with PostgreSQL cut away at a TCP fault proxy, over real HTTP. */
const cleanups = cleanupAfterEach();

async function demoBehindProxy(flaws: string[] = []) {
  const db = await freshDemoDatabase();
  cleanups.push(() => db.drop());
  const url = new URL(db.url);
  const proxy = await startFaultProxy(Number(url.port));
  cleanups.push(() => proxy.close());
  url.port = String(proxy.port);
  const target: DemoTarget = await startDemoTarget({
    databaseUrl: url.toString(),
    port: 0,
    flaws,
    dbRetryMs: 500,
  });
  cleanups.push(() => target.close());
  const control = (what: 'cut' | 'restore') => fetch(`${proxy.controlUrl}/${what}`, { method: 'POST' });
  return { target, control };
}

describe('demo target without its database', () => {
  it('answers 503 + Retry-After and the last good list, then reconnects by itself', async () => {
    const { target, control } = await demoBehindProxy();
    const token = await loginAs(target.url, 'viewer@demo.test');
    const fresh = await api(target.url, 'GET', '/api/companies', { token });
    expect(fresh.status).toBe(200);
    const body = await fresh.text();
    expect((await (await fetch(`${target.url}/health`)).json()) as unknown).toEqual({ status: 'ok' });

    await control('cut');
    const health = await fetch(`${target.url}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('1');
    const stale = await api(target.url, 'GET', '/api/companies', { token });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('stale');
    expect(await stale.text()).toBe(body);
    const uncached = await api(target.url, 'GET', '/api/units', { token });
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get('retry-after')).toBeTruthy();
    const login = await api(target.url, 'POST', '/api/auth/login', {
      body: { email: 'viewer@demo.test', password: 'x' },
    });
    expect(login.status).toBe(503);

    await control('restore');
    await sleep(600); // the breaker's retry window
    expect((await fetch(`${target.url}/health`)).status).toBe(200);
    const back = await api(target.url, 'GET', '/api/companies', { token });
    expect(back.status).toBe(200);
    expect(back.headers.get('x-cache')).toBeNull();
  });

  it('no-db-reconnect: stays 503 after the database is back', async () => {
    const { target, control } = await demoBehindProxy(['no-db-reconnect']);
    await control('cut');
    expect((await fetch(`${target.url}/health`)).status).toBe(503);
    await control('restore');
    await sleep(1200);
    expect((await fetch(`${target.url}/health`)).status).toBe(503);
  });

  it('crash-on-db-loss: answers 500 while the database is away', async () => {
    const { target, control } = await demoBehindProxy(['crash-on-db-loss']);
    const token = await loginAs(target.url, 'viewer@demo.test');
    await control('cut');
    expect((await fetch(`${target.url}/health`)).status).toBe(500);
    expect((await api(target.url, 'GET', '/api/companies', { token })).status).toBe(500);
    await control('restore');
    expect((await fetch(`${target.url}/health`)).status).toBe(200);
  });
});
