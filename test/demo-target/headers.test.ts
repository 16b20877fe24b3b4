import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDemo, type TestDemo } from '../support/demo.js';

const HARDENING_HEADERS = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
];

describe('security headers, cookie and CORS', () => {
  let hardened: TestDemo;
  let flawed: TestDemo;
  beforeAll(async () => {
    [hardened, flawed] = await Promise.all([
      startTestDemo({ corsOrigin: 'https://app.demo.test' }),
      startTestDemo({ flaws: ['missing-headers', 'cors-credentials-wildcard', 'insecure-cookie'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([hardened?.stopAll(), flawed?.stopAll()]);
  });

  it('sends every hardening header and no banners when the flaw is off', async () => {
    const res = await fetch(`${hardened.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    for (const name of HARDENING_HEADERS) expect(res.headers.get(name), name).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('server')).toBeNull();
  });

  it('drops the hardening headers and leaks banners with missing-headers', async () => {
    const res = await fetch(`${flawed.url}/`);
    for (const name of HARDENING_HEADERS) expect(res.headers.get(name), name).toBeNull();
    expect(res.headers.get('x-powered-by')).toBe('Express');
    expect(res.headers.get('server')).toBe('demo-target/1.4.2');
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
  });

  it('sets a hardened session cookie unless insecure-cookie is on', async () => {
    const good = (await fetch(`${hardened.url}/`)).headers.get('set-cookie') ?? '';
    expect(good).toMatch(/^demo_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const bad = (await fetch(`${flawed.url}/`)).headers.get('set-cookie') ?? '';
    expect(bad).toMatch(/^demo_session=/);
    expect(bad).not.toMatch(/HttpOnly|Secure|SameSite/);
  });

  it('allows only the configured origin unless cors-credentials-wildcard reflects any', async () => {
    const evil = { Origin: 'https://evil.example' };
    const denied = await fetch(`${hardened.url}/health`, { headers: evil });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${hardened.url}/health`, { headers: { Origin: 'https://app.demo.test' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.demo.test');
    const reflected = await fetch(`${flawed.url}/health`, { headers: evil });
    expect(reflected.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(reflected.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
