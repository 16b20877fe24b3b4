import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadersCheck } from '../../../src/checks/headers/headers-check.js';
import { ConfigError } from '../../../src/core/errors.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { HARDENED_HEADERS, contextFor, startHeaderServer, tempDir, type LocalServer } from './helpers.js';

/**
 * Rules against a real local http server whose headers each test chooses per path:
 * `/hardened`, `/bare`, `/cookies`, `/cors-reflect`, `/cors-wildcard`, `/weak`.
 */
const byPath: Record<string, (origin?: string) => Record<string, string | string[]>> = {
  '/hardened': () => ({
    ...HARDENED_HEADERS,
    'set-cookie': ['sid=s3cr3t-value; Path=/; Secure; HttpOnly; SameSite=Strict'],
  }),
  '/bare': () => ({ 'x-powered-by': 'Express', server: 'nginx/1.25.3' }),
  '/cookies': () => ({
    ...HARDENED_HEADERS,
    'set-cookie': [
      'sid=abc; Path=/',
      'csrf_token=xyz; Path=/; Secure; SameSite=Lax',
      'old=; Max-Age=0',
      'pref=1; Secure; HttpOnly; SameSite=None',
    ],
  }),
  '/cors-reflect': (origin) => ({
    ...HARDENED_HEADERS,
    ...(origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}),
  }),
  '/cors-wildcard': () => ({
    ...HARDENED_HEADERS,
    'access-control-allow-origin': '*',
    'access-control-allow-credentials': 'true',
  }),
  '/cors-fixed': (origin) => ({
    ...HARDENED_HEADERS,
    ...(origin === 'https://app.example.com'
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }
      : {}),
  }),
  '/weak': () => ({
    'strict-transport-security': 'max-age=60',
    'content-security-policy-report-only': "default-src 'self'",
    'x-content-type-options': 'sniff',
    'x-frame-options': 'ALLOW-FROM https://example.com',
    'referrer-policy': 'unsafe-url',
    server: 'nginx',
  }),
  '/csp-frame-ancestors': () => ({
    ...HARDENED_HEADERS,
    'x-frame-options': '',
    'content-security-policy': "script-src 'self'; frame-ancestors 'self'",
  }),
};

let server: LocalServer;
let out: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  server = await startHeaderServer((req) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    return (byPath[path] ?? byPath['/hardened']!)(req.headers.origin);
  });
  out = await tempDir('headers-rules');
});
afterAll(async () => {
  await server.close();
  await out.remove();
});

async function check(section: string): Promise<Evidence> {
  return runHeadersCheck(contextFor(`target:\n  base-url: ${server.url}\nheaders:\n${section}`, out.dir));
}

const titles = (e: Evidence) => e.findings.map((f) => f.title);

describe('headers rules on a real http server', () => {
  it('a hardened page with a well-flagged cookie has no findings', async () => {
    const e = await check('  paths: [/hardened]\n');
    expect(e.findings).toEqual([]);
    expect(e.metrics.pages_checked).toBe(1);
    const page = (e.data!.pages as { headers: Record<string, string>; cookies: unknown[] }[])[0]!;
    expect(page.headers['content-security-policy']).toBe(HARDENED_HEADERS['content-security-policy']);
    expect(page.cookies).toEqual([{ name: 'sid', secure: true, httpOnly: true, sameSite: 'Strict' }]);
    // Cookie values never reach the evidence.
    expect(JSON.stringify(e)).not.toContain('s3cr3t-value');
  });

  it('a bare page names every missing header and the banners', async () => {
    const e = await check('  paths: [/bare]\n');
    expect(titles(e).sort()).toEqual(
      [
        'Content-Security-Policy missing on /bare',
        'Referrer-Policy missing on /bare',
        'Server banner reveals a version on /bare',
        'Strict-Transport-Security missing (http target: browsers only honour HSTS over https) on /bare',
        'X-Content-Type-Options missing on /bare',
        'X-Frame-Options missing (no frame protection) on /bare',
        'X-Powered-By banner present on /bare',
      ].sort(),
    );
    const bySeverity = Object.fromEntries(e.findings.map((f) => [f.ruleId, f.severity]));
    expect(bySeverity).toMatchObject({
      'headers.csp': 'medium',
      'headers.hsts': 'info', // http target
      'headers.banner': 'low',
      'headers.referrer-policy': 'low',
    });
    const powered = e.findings.find((f) => f.title.startsWith('X-Powered-By'))!;
    expect(powered.detail).toBe('expected: no X-Powered-By header; seen: X-Powered-By: Express');
    expect(powered.location).toBe(`GET ${server.url}/bare`);
    expect(e.metrics).toMatchObject({ findings_medium: 3, findings_low: 3, findings_info: 1 });
  });

  it('fingerprints are stable across runs and differ per path', async () => {
    const a = await check('  paths: [/bare, /weak]\n');
    const b = await check('  paths: [/bare, /weak]\n');
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
    const csp = a.findings.filter((f) => f.ruleId === 'headers.csp').map((f) => f.fingerprint);
    expect(new Set(csp).size).toBe(2);
  });

  it('weak values are findings with what was seen', async () => {
    const e = await check('  paths: [/weak]\n');
    const detail = (prefix: string) => e.findings.find((f) => f.title.startsWith(prefix))?.detail;
    expect(detail('Content-Security-Policy missing')).toContain('only Content-Security-Policy-Report-Only');
    expect(detail('X-Content-Type-Options not nosniff')).toContain('seen: X-Content-Type-Options: sniff');
    expect(detail('X-Frame-Options ineffective')).toContain('ALLOW-FROM');
    expect(detail('Referrer-Policy too permissive')).toContain('seen: Referrer-Policy: unsafe-url');
    expect(detail('Strict-Transport-Security too weak')).toContain('max-age=60');
    // A Server header without a version is fine.
    expect(titles(e).some((t) => t.startsWith('Server'))).toBe(false);
  });

  it('CSP frame-ancestors counts as frame protection; required directives are enforced', async () => {
    const e = await check(
      '  paths: [/csp-frame-ancestors]\n  csp:\n    required-directives: [default-src, frame-ancestors]\n',
    );
    expect(titles(e)).toEqual(['Content-Security-Policy lacks default-src on /csp-frame-ancestors']);
  });

  it('cookie flags: each missing flag a finding, deletions ignored, waivers honoured', async () => {
    const e = await check('  paths: [/cookies]\n');
    expect(titles(e).sort()).toEqual(
      [
        'Cookie csrf_token without HttpOnly on /cookies',
        'Cookie pref with SameSite=None on /cookies',
        'Cookie sid without HttpOnly on /cookies',
        'Cookie sid without SameSite on /cookies',
        'Cookie sid without Secure on /cookies',
      ].sort(),
    );
    const waived = await check(
      [
        '  paths: [/cookies]',
        '  cookies:',
        '    same-site-allowed: [Strict, Lax, None]',
        '    exceptions:',
        '      - { cookie: "csrf*", rules: [http-only], reason: the SPA reads it }',
        '',
      ].join('\n'),
    );
    expect(titles(waived).sort()).toEqual([
      'Cookie sid without HttpOnly on /cookies',
      'Cookie sid without SameSite on /cookies',
      'Cookie sid without Secure on /cookies',
    ]);
  });

  it('CORS: reflected or wildcard origin with credentials is a high finding; a fixed allow-list is not', async () => {
    const e = await check('  paths: [/cors-reflect, /cors-wildcard, /cors-fixed]\n');
    expect(e.findings.map((f) => [f.title, f.severity])).toEqual([
      ['CORS reflects any Origin with credentials on /cors-reflect', 'high'],
      ['CORS allows any origin (*) with credentials on /cors-wildcard', 'high'],
    ]);
    expect(e.findings[0]!.detail).toContain('Access-Control-Allow-Origin: https://opsgate-probe.invalid');
    expect(e.findings[0]!.location).toContain('Origin: https://opsgate-probe.invalid');
  });

  it('per-page skips, disabled rules and severity overrides', async () => {
    const e = await check(
      [
        '  paths:',
        '    - { path: /bare, skip: [csp, banners] }',
        '  referrer-policy: { enabled: false }',
        '  content-type-options: { severity: critical }',
        '  hsts: { enabled: false }',
        '',
      ].join('\n'),
    );
    expect(e.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['headers.content-type-options', 'critical'],
      ['headers.frame-protection', 'medium'],
    ]);
  });

  it('on an http target the TLS promises are skipped, not silently dropped', async () => {
    const e = await check('  paths: [/hardened]\n');
    expect(e.thresholds.map((t) => [t.name, t.skipped])).toEqual([
      ['TLS minimum version TLSv1.2', 'target is http: no TLS to probe'],
      ['TLS certificate days to expiry', 'target is http: no TLS to probe'],
    ]);
  });

  it('an identity that is not defined is a configuration error', async () => {
    const err = await check(
      '  identity: admin\n  paths: [/hardened, { path: /bare, identity: viewer }]\n',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message.split('\n')).toEqual([
      'headers.identity: identity "admin" is not defined under identities',
      'headers.paths[1].identity: identity "viewer" is not defined under identities',
    ]);
  });
});
