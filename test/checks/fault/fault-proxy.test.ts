import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTarget, type DemoTarget } from '../../../examples/demo-target/src/server.js';
import { faultCheck } from '../../../src/checks/fault/fault-check.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { freshDemoDatabase } from '../../support/demo.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';
import { demoContext } from '../demo-check-context.js';
import { BYPASS, demoScenario, faultConfig } from './fault-helpers.js';

/**
 * The HTTP kind of inject/recover: a fault proxy between the demo target and its PostgreSQL,
 * cut and restored through its control API (on an allow-listed loopback host), as toxiproxy is.
 */
let db: Awaited<ReturnType<typeof freshDemoDatabase>>;
let proxy: FaultProxy;
let target: DemoTarget;
beforeAll(async () => {
  db = await freshDemoDatabase();
  const url = new URL(db.url);
  proxy = await startFaultProxy(Number(url.port));
  url.port = String(proxy.port);
  target = await startDemoTarget({ databaseUrl: url.toString(), port: 0, rateLimitBypassToken: BYPASS });
});
afterAll(async () => {
  await target?.close();
  await proxy?.close();
  await db?.drop();
});

function proxyScenario() {
  return demoScenario(
    'database cut at the proxy',
    { http: { url: `${proxy.controlUrl}/cut` } },
    { http: { url: `${proxy.controlUrl}/restore` } },
    db.url,
  );
}

describe('fault drill through a fault proxy', () => {
  it('cuts PostgreSQL at the proxy, detects, recovers, and records the calls', async () => {
    const ctx = await demoContext(faultConfig(target.url, [proxyScenario()]));
    try {
      const { evidence: e } = await runCheck(faultCheck, ctx);
      const s = (e.data!.scenarios as Array<Record<string, unknown>>)[0]!;
      console.log(
        `proxy cut: TTD ${String(s.ttdMs)} ms, TTR ${String(s.ttrMs)} ms, ${String(s.probes)} probes`,
      );
      expect(e.thresholds.filter((t) => !t.ok)).toEqual([]);
      expect(e.verdict).toBe('pass');
      expect(s.inject).toMatchObject({ ok: true, status: 200, description: `POST ${proxy.controlUrl}/cut` });
      expect(s.recover).toMatchObject({ ok: true, status: 200 });
      expect(s.ttdMs as number).toBeLessThan(2000);
      expect(s.ttrMs as number).toBeLessThan(5000);
    } finally {
      await ctx.cleanup();
    }
  });

  it('a fault proxy answering 404 fails the inject, and recover still runs', async () => {
    const sc = { ...proxyScenario(), inject: { http: { url: `${proxy.controlUrl}/no-such-toxic` } } };
    const ctx = await demoContext(faultConfig(target.url, [sc]));
    try {
      const { evidence: e } = await runCheck(faultCheck, ctx);
      expect(e.verdict).toBe('fail');
      expect(e.findings.map((f) => f.title)).toEqual([
        'database cut at the proxy: inject failed (answered 404)',
      ]);
      expect(e.thresholds.find((t) => t.name.endsWith('time to detect'))?.skipped).toMatch(/inject failed/);
      const s = (e.data!.scenarios as Array<Record<string, unknown>>)[0]!;
      expect(s.recover).toMatchObject({ ok: true, status: 200 });
    } finally {
      await ctx.cleanup();
    }
  });
});
