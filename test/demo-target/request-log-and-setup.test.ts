import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FLAWS, startDemoTarget } from '../../examples/demo-target/src/server.js';
import { api, loginAs, readRequestLog, startTestDemo, type TestDemo } from '../support/demo.js';

describe('request log', () => {
  let demo: TestDemo;
  beforeAll(async () => {
    demo = await startTestDemo();
  });
  afterAll(async () => {
    await demo?.stopAll();
  });

  it('writes one JSON line per request without tokens or bodies', async () => {
    const token = await loginAs(demo.url, 'manager@demo.test');
    await api(demo.url, 'GET', '/api/companies?limit=3', { token });
    await api(demo.url, 'GET', '/api/units/1', { token });
    await api(demo.url, 'GET', '/api/nope', { token });
    const lines = await readRequestLog(demo.requestLogPath);
    expect(lines.map((l) => `${l.method} ${l.path} ${l.status} ${l.role}`)).toEqual([
      'POST /api/auth/login 200 null',
      'GET /api/companies 200 MANAGER',
      'GET /api/units/1 200 MANAGER',
      'GET /api/nope 404 MANAGER',
    ]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['method', 'ms', 'path', 'role', 'status', 'ts']);
      expect(line.ms).toBeGreaterThanOrEqual(0);
    }
    const raw = await readFile(demo.requestLogPath, 'utf8');
    expect(raw).not.toContain(token);
    expect(raw).not.toContain('Passw0rd');
    // What tests rely on: no write request reached the target.
    expect(lines.filter((l) => l.method !== 'GET' && l.path !== '/api/auth/login')).toEqual([]);
  });

  it('answers JSON errors for bad input', async () => {
    const token = await loginAs(demo.url, 'manager@demo.test');
    const bad = await api(demo.url, 'POST', '/api/leases', { token, body: { unit_id: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('error');
    expect((await api(demo.url, 'GET', '/api/companies/abc', { token })).status).toBe(404);
    expect((await api(demo.url, 'GET', '/api/companies?limit=100000', { token })).status).toBe(400);
  });
});

describe('flaw names', () => {
  it('are the contract names', () => {
    expect(DEMO_FLAWS).toEqual(
      expect.arrayContaining([
        'missing-headers',
        'slow-dashboard',
        'viewer-can-delete',
        'idor',
        'no-login-limit',
      ]),
    );
  });

  it('rejects unknown flaws with the list of valid ones', async () => {
    await expect(
      startDemoTarget({ databaseUrl: 'postgres://127.0.0.1:1/x', flaws: ['no-such-flaw'] }),
    ).rejects.toThrow(/unknown demo flaw\(s\): no-such-flaw; valid flaws: missing-headers, slow-dashboard/);
  });
});
