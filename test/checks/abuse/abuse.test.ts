import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abuseCheck } from '../../../src/checks/abuse/abuse-check.js';
import type { GlobalLimitResult } from '../../../src/checks/abuse/global-limit-probe.js';
import type { LoginLimiterResult } from '../../../src/checks/abuse/login-limiter-probe.js';
import { runCheck } from '../../../src/checks/run-check.js';
import type { DemoTargetOptions } from '../../../examples/demo-target/src/server.js';
import {
  DEMO_PASSWORD,
  loginAs,
  readRequestLog,
  startTestDemo,
  cleanupAfterEach,
} from '../../support/demo.js';
import { demoConfig, demoContext, type RawConfig } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

type Sections = Record<string, Record<string, unknown>>;

/** A demo target with a small global limit (so the burst is short) and the shipped abuse fragment. */
async function setup(
  opts: Partial<DemoTargetOptions> & { flaws?: string[] },
  tweak?: (abuse: Sections) => void,
) {
  const d = await startTestDemo({ rateLimit: 20, ...opts });
  cleanups.push(d.stopAll);
  const raw = await demoConfig(d.url, ['abuse']);
  const abuse = raw.abuse as Sections;
  abuse['global-limit']!.limit = 20;
  tweak?.(abuse);
  const ctx = await demoContext(raw);
  cleanups.push(ctx.cleanup);
  const outcome = await runCheck(abuseCheck, ctx);
  const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
  return { ...outcome, report, demo: d, ctx };
}

const loginOnly = (abuse: Sections): void => {
  delete abuse['global-limit'];
};
const login = (e: { data?: Record<string, unknown> }): LoginLimiterResult =>
  e.data!.loginLimiter as LoginLimiterResult;

describe('abuse probes against the demo target (default profile: 429 style, per-token limiter)', () => {
  it('passes on a healthy target: bracketed at exactly 5, the account logs in after the unlock', async () => {
    const { evidence, report, evidenceFile, demo } = await setup({});
    expect(evidence.verdict).toBe('pass');
    const r = login(evidence);
    expect(r.observedLimit).toBe(5);
    expect(r.attempts.map((a) => `${a.kind}:${a.status}`)).toEqual([
      'unlock:204',
      ...Array<string>(4).fill('failed:401'),
      'correct:200', // N-1 failures: the right password still works
      'failed:401', // the 5th counted failure
      'failed:429', // the 6th is limited
      'correct:429',
      'unlock:204',
      'correct:200', // usable again after the run
    ]);
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
    expect(evidence.summary).toContain('login limit observed: exactly 5 counted attempts (429)');
    const global = evidence.data!.globalLimit as GlobalLimitResult;
    expect(global).toMatchObject({ firstLimitedAt: 21, observedLimit: 20, sent: 21, earlierInWindow: 0 });
    expect(global.headers['ratelimit-limit']).toBe('20');
    expect(report).toContain('limit observed: exactly 20 — 0 earlier requests by opsgate in the window');
    expect(report).toMatch(/Requests sent: 127\.0\.0\.1 \d+/);
    expect(await readFile(evidenceFile, 'utf8')).not.toContain(DEMO_PASSWORD);
    await expect(loginAs(demo.url, 'lockout@demo.test')).resolves.toBeTruthy();
  });

  it('fails when the real limit is 3: refused at the 4th failure, before the right password', async () => {
    const { evidence, demo } = await setup({ flaws: ['lockout-at-3'] }, loginOnly);
    expect(evidence.verdict).toBe('fail');
    const r = login(evidence);
    expect(r.observedLimit).toBeUndefined();
    expect(r.refusedAfter).toBe(3);
    expect(evidence.thresholds[0]).toMatchObject({
      ok: false,
      detail: 'refused after 3 counted attempt(s): the limit is lower than 5',
    });
    expect(evidence.summary).toContain('login refused after 3 counted attempt(s): below the promised 5');
    await expect(loginAs(demo.url, 'lockout@demo.test')).resolves.toBeTruthy();
  });

  it('fails when the real limit is 7, and with no limiter; the summary never says "limited"', async () => {
    for (const opts of [{ loginMaxFailures: 7 }, { flaws: ['no-login-limit'] }]) {
      const { evidence, demo } = await setup(opts, loginOnly);
      expect(evidence.verdict).toBe('fail');
      const high = evidence.thresholds.find((t) => t.name.includes('limit not above 5'))!;
      expect(high).toMatchObject({ limit: 429, actual: 401, ok: false });
      expect(high.detail).toBe('the 6th counted attempt still answered 401: no limit at 5');
      expect(evidence.thresholds[0]!.ok).toBe(true);
      expect(evidence.summary).toContain('no login limit observed in');
      expect(evidence.summary).not.toMatch(/limited/);
      await expect(loginAs(demo.url, 'lockout@demo.test')).resolves.toBeTruthy();
    }
  });

  it('fails the global limit when it trips at another count than promised, and when there is none', async () => {
    const wrongCount = await setup({}, (abuse) => {
      delete abuse['login-limiter'];
      abuse['global-limit']!.limit = 30;
    });
    expect(wrongCount.evidence.verdict).toBe('fail');
    expect(wrongCount.evidence.thresholds[0]).toMatchObject({ limit: 30, actual: 20, ok: false });

    const none = await setup({ flaws: ['no-rate-limit'] }, (abuse) => delete abuse['login-limiter']);
    const t = none.evidence.thresholds[0]!;
    expect(t).toMatchObject({ limit: 20, actual: null, ok: false });
    expect(t.detail).toMatch(/^no 429 after 30 probe requests/);
    expect(none.evidence.summary).toContain('no global limit observed');
    // Bounded: limit + margin requests to the probed path, no more.
    const log = await readRequestLog(none.demo.requestLogPath);
    expect(log.filter((r) => r.path === '/api/me')).toHaveLength(30);
  });

  it('refuses to lock out an identity the rbac probe uses', async () => {
    const raw: RawConfig = await demoConfig('http://127.0.0.1:9', ['rbac', 'abuse']);
    (raw.abuse as Sections)['login-limiter']!.identity = 'viewer';
    const ctx = await demoContext(raw);
    cleanups.push(ctx.cleanup);
    await expect(runCheck(abuseCheck, ctx)).rejects.toThrow(
      'abuse.login-limiter.identity: identity "viewer" is also used by rbac; the login limiter locks it out',
    );
  });
});
