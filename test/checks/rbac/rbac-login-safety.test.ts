import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { abuseCheck } from '../../../src/checks/abuse/abuse-check.js';
import { headersCheck } from '../../../src/checks/headers/headers-check.js';
import type { CellResult } from '../../../src/checks/rbac/probe-cells.js';
import { rbacCheck } from '../../../src/checks/rbac/rbac-check.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { SessionCache } from '../../../src/engines/http/session-cache.js';
import { TargetClient } from '../../../src/engines/http/sessions.js';
import { stringify } from 'yaml';
import {
  cleanupAfterEach,
  DEMO_PASSWORD,
  readRequestLog,
  startTestDemo,
  type TestDemo,
} from '../../support/demo.js';
import { demoConfig, demoContext, type RawConfig } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

async function demo(opts: Parameters<typeof startTestDemo>[0] = {}): Promise<TestDemo> {
  const d = await startTestDemo({ rateLimit: 10_000, ...opts });
  cleanups.push(d.stopAll);
  return d;
}

function withWrongPassword(raw: RawConfig, identity: string): RawConfig {
  const id = raw.identities[identity] as { login: { body: Record<string, unknown> } };
  raw.identities[identity] = {
    ...id,
    login: { ...id.login, body: { ...id.login.body, password: 'not-it' } },
  };
  return raw;
}

async function loginsIn(d: TestDemo): Promise<{ refused: number; total: number }> {
  const logins = (await readRequestLog(d.requestLogPath)).filter((r) => r.path === '/api/auth/login');
  return { refused: logins.filter((r) => r.status !== 200).length, total: logins.length };
}

describe('login safety: one login per identity and run', () => {
  it('a wrong password costs one login attempt over the whole matrix; its cells are skipped with one finding', async () => {
    const d = await demo();
    const raw = withWrongPassword(await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }), 'viewer');
    const ctx = await demoContext(raw);
    cleanups.push(ctx.cleanup);
    const { evidence, evidenceFile } = await runCheck(rbacCheck, ctx);

    const { refused, total } = await loginsIn(d);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(2);
    // Four login identities, each at most once plus one expiry retry.
    expect(total).toBeLessThanOrEqual(8);
    const cells = evidence.data!.cells as CellResult[];
    const viewerCells = cells.filter((c) => c.identity === 'viewer');
    expect(viewerCells.length).toBeGreaterThan(5);
    for (const c of viewerCells) {
      expect(c).toMatchObject({ verdict: 'skipped', status: null, loginFailed: 'viewer' });
      expect(c.reason).toBe('login failed: identity "viewer" could not log in: login answered 401');
    }
    // The other identities still ran.
    expect(cells.filter((c) => c.identity === 'manager' && c.verdict === 'enforced').length).toBeGreaterThan(
      5,
    );
    const loginFindings = evidence.findings.filter((f) => f.ruleId === 'rbac-login-failed');
    expect(loginFindings).toHaveLength(1);
    expect(loginFindings[0]!.title).toBe(
      `identity "viewer" could not log in: ${viewerCells.length} cells skipped`,
    );
    expect(evidence.verdict).toBe('fail');
    expect(evidence.summary).toContain('could not log in (tried once): viewer');

    const text = await readFile(evidenceFile, 'utf8');
    expect(text).toContain('login failed: identity \\"viewer\\" could not log in');
    const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
    expect(report).toContain('identity "viewer" could not log in');
    expect(report).toContain('⏭️ login failed');
  });

  it('checks of one run share the login: a second check does not try the wrong password again', async () => {
    const d = await demo();
    const raw = withWrongPassword(await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }), 'viewer');
    raw.headers = { paths: [{ path: '/api/companies', identity: 'viewer' }, '/health'] };
    const ctx = { ...(await demoContext(raw)), sessions: new SessionCache() };
    cleanups.push(ctx.cleanup);
    await runCheck(rbacCheck, ctx);
    await runCheck(headersCheck, ctx);
    await runCheck(rbacCheck, ctx);
    const { refused, total } = await loginsIn(d);
    expect(refused).toBe(1);
    expect(total).toBe(4);
  });

  it('re-logs in once after a token that had worked expires, and not again', async () => {
    const d = await demo({ tokenTtlMs: 300 });
    const raw = await demoConfig(d.url, []);
    const config = parseConfigText(stringify(raw), 'opsgate.yml', { DEMO_USER_PASSWORD: DEMO_PASSWORD });
    const client = new TargetClient(config.target, config.identities);
    const get = async (): Promise<number> =>
      (await client.send('viewer', { method: 'GET', path: '/api/companies' })).status;

    expect(await get()).toBe(200);
    await sleep(400);
    expect(await get()).toBe(200); // 401, one re-login, retried
    expect(client.loginCount).toBe(2);
    await sleep(400);
    expect(await get()).toBe(401); // the run's one re-login is spent
    expect(await get()).toBe(401);
    expect(client.loginCount).toBe(2);
    expect((await loginsIn(d)).total).toBe(2);
  });

  it('never re-logs in for a token that never worked, also under concurrent 401s', async () => {
    const d = await demo();
    const raw = await demoConfig(d.url, []);
    // The token lands in a header the target ignores: every request answers 401.
    (raw.identities.viewer as Record<string, unknown>)['token-header'] = 'x-ignored';
    const config = parseConfigText(stringify(raw), 'opsgate.yml', { DEMO_USER_PASSWORD: DEMO_PASSWORD });
    const client = new TargetClient(config.target, config.identities);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => client.send('viewer', { method: 'GET', path: '/api/companies' })),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(12).fill(401));
    expect(client.loginCount).toBe(1);
    expect((await loginsIn(d)).total).toBe(1);
  });

  it('the login limiter refuses an identity any other check logs in as (load, headers, dast)', async () => {
    for (const [section, value] of [
      ['load', { endpoints: [{ name: 'me', path: '/api/me', identity: 'lockout' }] }],
      ['headers', { paths: [{ path: '/api/me', identity: 'lockout' }] }],
      ['dast', { identity: 'lockout' }],
    ] as const) {
      const raw = await demoConfig('http://127.0.0.1:9', ['abuse']);
      raw[section] = value;
      const ctx = await demoContext(raw);
      cleanups.push(ctx.cleanup);
      await expect(runCheck(abuseCheck, ctx)).rejects.toThrow(
        `abuse.login-limiter.identity: identity "lockout" is also used by ${section}; the login limiter locks it out`,
      );
    }
  });
});
