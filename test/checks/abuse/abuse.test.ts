import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abuseCheck } from '../../../src/checks/abuse/abuse-check.js';
import type { GlobalLimitResult } from '../../../src/checks/abuse/global-limit-probe.js';
import type { LoginLimiterResult } from '../../../src/checks/abuse/login-limiter-probe.js';
import { runCheck } from '../../../src/checks/run-check.js';
import type { DemoTargetOptions } from '../../../examples/demo-target/src/server.js';
import { DEMO_PASSWORD, readRequestLog, startTestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext, type RawConfig } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

/** A demo target with a small global limit (so the burst is short) and the shipped abuse fragment. */
async function setup(
  opts: Partial<DemoTargetOptions> & { flaws?: string[] },
  tweak?: (raw: RawConfig) => void,
) {
  const d = await startTestDemo({ rateLimit: 20, ...opts });
  cleanups.push(d.stopAll);
  const raw = await demoConfig(d.url, ['abuse']);
  const abuse = raw.abuse as { 'global-limit': Record<string, unknown> };
  abuse['global-limit'].limit = 20;
  tweak?.(raw);
  const ctx = await demoContext(raw);
  cleanups.push(ctx.cleanup);
  const outcome = await runCheck(abuseCheck, ctx);
  const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
  return { ...outcome, report, demo: d };
}

describe('abuse probes against the demo target', () => {
  it('passes on a healthy target: login limited at the 6th failure, global limit at the configured count', async () => {
    const { evidence, report, evidenceFile } = await setup({});
    expect(evidence.verdict).toBe('pass');
    const login = evidence.data!.loginLimiter as LoginLimiterResult;
    expect(login.triggeredAt).toBe(6);
    expect(login.attempts.map((a) => `${a.kind}:${a.status}`)).toEqual([
      'failed:401',
      'failed:401',
      'correct:200',
      'failed:401',
      'failed:401',
      'failed:401',
      'failed:429',
      'correct:429',
    ]);
    expect(login.headers['retry-after']).toMatch(/^\d+$/);
    expect(login.advertisedResetSeconds).toBeGreaterThan(800);
    const global = evidence.data!.globalLimit as GlobalLimitResult;
    expect(global).toMatchObject({ firstLimitedAt: 21, observedLimit: 20, sent: 21 });
    expect(global.headers['ratelimit-limit']).toBe('20');
    expect(evidence.metrics['global observed limit']).toBe(20);
    expect(report).toContain('advertised reset in');
    expect(await readFile(evidenceFile, 'utf8')).not.toContain(DEMO_PASSWORD);
  });

  it('fails with no-login-limit: the 6th failed login still answers 401', async () => {
    const { evidence, report } = await setup({ flaws: ['no-login-limit'] });
    expect(evidence.verdict).toBe('fail');
    const t = evidence.thresholds.find((x) => x.name === 'login limiter: the 6th failed login is refused');
    expect(t).toMatchObject({ limit: 429, actual: 401, ok: false });
    expect(t!.detail).toBe('the 6th failed login still answered 401: no limiter at 5');
    expect(report).toContain('login limiter: the 6th failed login is refused | 429 | 401');
    expect(evidence.thresholds.filter((x) => !x.ok)).toHaveLength(1);
  });

  it('expresses suspend-style products (401 on the correct password once locked) and fails when the account is not locked', async () => {
    const { evidence } = await setup({ flaws: ['no-login-limit'] }, (raw) => {
      Object.assign((raw.abuse as Record<string, Record<string, unknown>>)['login-limiter']!, {
        'expect-status': 401,
        'locked-login-status': 401,
      });
    });
    expect(evidence.verdict).toBe('fail');
    expect(
      evidence.thresholds.find(
        (x) => x.name === 'login limiter: the correct password is refused while limited',
      ),
    ).toMatchObject({
      limit: 401,
      actual: 200,
      ok: false,
    });
  });

  it('fails when the limit trips at a different count than configured, and when there is none', async () => {
    const wrongCount = await setup({}, (raw) => {
      (raw.abuse as Record<string, Record<string, unknown>>)['global-limit']!.limit = 30;
    });
    expect(wrongCount.evidence.verdict).toBe('fail');
    expect(
      wrongCount.evidence.thresholds.find((t) => t.name.startsWith('global limit: first 429')),
    ).toMatchObject({
      limit: 31,
      actual: 21,
      ok: false,
    });

    const none = await setup({ flaws: ['no-rate-limit'] });
    const t = none.evidence.thresholds.find((x) => x.name.startsWith('global limit: first 429'))!;
    expect(t).toMatchObject({ limit: 21, actual: null, ok: false, detail: 'no 429 after 30 requests' });
    // Bounded: limit + margin requests to the probed path, no more.
    const log = await readRequestLog(none.demo.requestLogPath);
    expect(log.filter((r) => r.path === '/api/me')).toHaveLength(30);
  });

  it('refuses to lock out an identity the rbac probe uses', async () => {
    const raw = await demoConfig('http://127.0.0.1:9', ['rbac', 'abuse']);
    (raw.abuse as Record<string, Record<string, unknown>>)['login-limiter']!.identity = 'viewer';
    const ctx = await demoContext(raw);
    cleanups.push(ctx.cleanup);
    await expect(runCheck(abuseCheck, ctx)).rejects.toThrow(
      'abuse.login-limiter.identity: identity "viewer" is also used by rbac; the login limiter locks it out',
    );
  });
});
