import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abuseCheck } from '../../../src/checks/abuse/abuse-check.js';
import type { GlobalLimitResult } from '../../../src/checks/abuse/global-limit-probe.js';
import type { LoginLimiterResult } from '../../../src/checks/abuse/login-limiter-probe.js';
import { headersCheck } from '../../../src/checks/headers/headers-check.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { readLedger, ledgerFile } from '../../../src/engines/http/request-ledger.js';
import type { DemoTargetOptions } from '../../../examples/demo-target/src/server.js';
import { loginAs, readRequestLog, startTestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();
type Sections = Record<string, Record<string, unknown>>;

/**
 * The strict profile (suspend-style lockout, one per-IP limiter counting every request) with the
 * shipped strict config. `withHeaders` runs the headers check first in the same out dir, so the
 * global-limit probe finds other checks' requests in the run's ledger.
 */
async function strict(
  opts: Partial<DemoTargetOptions>,
  tweak: (abuse: Sections) => void,
  withHeaders = false,
) {
  const d = await startTestDemo({ profile: 'strict', rateLimit: 100, ...opts });
  cleanups.push(d.stopAll);
  const raw = await demoConfig(d.url, ['abuse', 'headers'], {}, 'opsgate.strict.yml');
  (raw.abuse as Sections)['global-limit']!.limit = 100;
  tweak(raw.abuse as Sections);
  const ctx = await demoContext(raw);
  cleanups.push(ctx.cleanup);
  if (withHeaders) await runCheck(headersCheck, ctx);
  const outcome = await runCheck(abuseCheck, ctx);
  const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
  return { ...outcome, report, demo: d, ctx };
}
const loginOnly = (a: Sections): void => void delete a['global-limit'];
const globalOnly = (a: Sections): void => void delete a['login-limiter'];

describe('abuse probes against the strict profile (lockout style, per-IP limiter)', () => {
  it('lockout style: real 5 passes, 3 and 7 and none fail; the account logs in after every run', async () => {
    const cases: Array<[Partial<DemoTargetOptions>, boolean, RegExp]> = [
      [{}, true, /^login limit observed: exactly 5 counted attempts \(lockout\)$/],
      [
        { flaws: ['lockout-at-3'] },
        false,
        /^login refused after 4 counted attempt\(s\): below the promised 5/,
      ],
      [{ loginMaxFailures: 7 }, false, /^no login limit observed in \d+ login attempts/],
      [{ flaws: ['no-login-limit'] }, false, /^no login limit observed in \d+ login attempts/],
    ];
    for (const [opts, pass, summary] of cases) {
      const { evidence, demo } = await strict(opts, loginOnly);
      expect(evidence.verdict, JSON.stringify(opts)).toBe(pass ? 'pass' : 'fail');
      expect(evidence.summary).toMatch(summary);
      if (!pass) expect(evidence.summary).not.toMatch(/limited|limit observed:/);
      const r = evidence.data!.loginLimiter as LoginLimiterResult;
      expect(r.unlocked).toBe(true);
      await expect(loginAs(demo.url, 'lockout@demo.test')).resolves.toBeTruthy();
      if (pass)
        // 4 failures, the right password works (and resets), 5 more, the right password is refused.
        expect(r.attempts.filter((a) => a.kind !== 'unlock').map((a) => a.status)).toEqual([
          401, 401, 401, 401, 200, 401, 401, 401, 401, 401, 401, 200,
        ]);
    }
  });

  it('global limit 100 per IP after other checks spent part of the window: exactly 100 with the earlier count', async () => {
    const { evidence, report, ctx, demo } = await strict({}, () => undefined, true);
    expect(evidence.verdict).toBe('pass');
    const g = evidence.data!.globalLimit as GlobalLimitResult;
    expect(g.observedLimit).toBe(100);
    // headers' requests, the login probe's, the unlock admin's logins and the probe identity's login.
    const ledger = readLedger(ledgerFile(ctx.outDir));
    const before = ledger.filter(
      (e) => !(e.check === 'abuse' && e.path === '/api/me' && e.identity === 'ratelimit'),
    );
    expect(g.earlierInWindow).toBe(before.length);
    expect(g.earlierByCheck.headers).toBeGreaterThan(0);
    expect(g.firstLimitedAt).toBe(101 - g.earlierInWindow);
    expect(report).toContain(
      `limit observed: exactly 100 — ${g.earlierInWindow} earlier requests by opsgate in the window (headers ${g.earlierByCheck.headers}, abuse ${g.earlierByCheck.abuse})`,
    );
    // The target agrees: its 101st request of the window was the first 429.
    const log = await readRequestLog(demo.requestLogPath);
    expect(log.findIndex((r) => r.status === 429)).toBe(100);
  });

  it('global limit: a real 108, a real 93 and no limiter all fail', async () => {
    const high = await strict({ flaws: ['limiter-at-108'] }, globalOnly, true);
    expect(high.evidence.thresholds[0]).toMatchObject({ limit: 100, actual: 108, ok: false });
    expect(high.evidence.thresholds[0]!.detail).toMatch(/^limit observed: 108 — \d+ earlier requests/);
    const low = await strict({ rateLimit: 93 }, globalOnly, true);
    expect(low.evidence.thresholds[0]).toMatchObject({ limit: 100, actual: 93, ok: false });
    const none = await strict({ flaws: ['no-rate-limit'] }, globalOnly, true);
    expect(none.evidence.thresholds[0]).toMatchObject({ limit: 100, actual: null, ok: false });
    expect(none.evidence.summary).toMatch(/^no global limit observed/);
    for (const r of [high, low, none]) expect(r.evidence.verdict).toBe('fail');
  });
});
