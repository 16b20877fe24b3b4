import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rbacCheck } from '../../../src/checks/rbac/rbac-check.js';
import type { CellResult } from '../../../src/checks/rbac/probe-cells.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { readRequestLog, startTestDemo, type TestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext, probeRowsLeft } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

async function demo(): Promise<TestDemo> {
  const d = await startTestDemo({ rateLimit: 10_000 });
  cleanups.push(d.stopAll);
  return d;
}

describe('rbac refusal and OpenAPI coverage', () => {
  it('with allow-destructive: false sends no write request and reports those cells as skipped', async () => {
    const d = await demo();
    const ctx = await demoContext(await demoConfig(d.url, ['rbac'], { 'allow-destructive': false }));
    cleanups.push(ctx.cleanup);
    const { evidence } = await runCheck(rbacCheck, ctx);

    const log = await readRequestLog(d.requestLogPath);
    expect(log.length).toBeGreaterThan(10);
    // Logging in is a POST that changes nothing; every other write must be absent.
    const writes = log.filter((r) => r.method !== 'GET' && r.path !== '/api/auth/login');
    expect(writes).toEqual([]);
    const cells = evidence.data!.cells as CellResult[];
    const skipped = cells.filter((c) => c.verdict === 'skipped');
    expect(skipped.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'viewer DELETE /api/companies/{doomed-company}',
        'admin POST /api/companies (create company)',
        'manager2 GET /api/leases/{id} (lease owned by manager)',
        // A read that needs a created fixture is skipped too: creating it would be a write.
        'admin GET /api/companies/{company}',
      ]),
    );
    expect(
      skipped.every((c) => c.reason === 'destructive probe not run: target.allow-destructive is false'),
    ).toBe(true);
    expect(
      evidence.thresholds.find((t) => t.name === 'viewer DELETE /api/companies/{doomed-company}'),
    ).toMatchObject({
      ok: true,
      actual: null,
      skipped: 'destructive probe not run: target.allow-destructive is false',
    });
    // Reads that need nothing created still ran.
    expect(cells.find((c) => c.id === 'manager GET /api/users')).toMatchObject({
      status: 403,
      verdict: 'enforced',
    });
    expect(evidence.verdict).toBe('pass');
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('lists endpoints the matrix never probes and flags secured operations open to anonymous', async () => {
    const d = await demo();
    const raw = await demoConfig(d.url, ['rbac'], { 'allow-destructive': false });
    raw.rbac!.openapi = { file: path.resolve(import.meta.dirname, '../../fixtures/rbac/demo-openapi.yml') };
    const ctx = await demoContext(raw);
    cleanups.push(ctx.cleanup);
    const { evidence } = await runCheck(rbacCheck, ctx);

    const open = evidence.findings.filter((f) => f.ruleId === 'rbac-openapi-open');
    expect(open.map((f) => f.title)).toEqual([
      'GET /health declares security but answered 200 without credentials',
    ]);
    expect(open[0]!.severity).toBe('high');
    const uncovered = evidence.findings
      .filter((f) => f.ruleId === 'rbac-openapi-uncovered')
      .map((f) => f.location);
    expect(uncovered.sort()).toEqual([
      'GET /api/dashboard',
      'GET /api/units',
      'GET /health',
      'POST /api/auth/login',
    ]);
    expect(evidence.metrics['openapi operations']).toBe(10);
    expect(evidence.verdict).toBe('fail');
  });

  it('fails, instead of passing silently, when max-duration cuts the matrix short', async () => {
    const d = await demo();
    const raw = await demoConfig(d.url, ['rbac'], { 'allow-destructive': true });
    raw.rbac!['max-duration'] = '1ms';
    const ctx = await demoContext(raw);
    cleanups.push(ctx.cleanup);
    const { evidence } = await runCheck(rbacCheck, ctx);
    expect(evidence.verdict).toBe('fail');
    const finding = evidence.findings.find((f) => f.ruleId === 'rbac-incomplete')!;
    expect(finding.title).toMatch(/^rbac matrix incomplete: \d+ of 46 cells not probed$/);
    expect(finding.detail).toContain('rbac.max-duration reached');
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });
});
