import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rbacCheck } from '../../../src/checks/rbac/rbac-check.js';
import type { CellResult } from '../../../src/checks/rbac/probe-cells.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { readRequestLog, startTestDemo, type TestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext, probeRowsLeft, type RawConfig } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

async function demo(flaws: string[] = []): Promise<TestDemo> {
  const d = await startTestDemo({ flaws, rateLimit: 10_000 });
  cleanups.push(d.stopAll);
  return d;
}

/** The demo rbac fragment with only its ownership probe. */
async function ownershipOnly(url: string, expectation?: unknown): Promise<RawConfig> {
  const raw = await demoConfig(url, ['rbac'], { 'allow-destructive': true });
  raw.rbac = { ...raw.rbac, matrix: [], defaults: [], fixtures: {} };
  if (expectation !== undefined)
    (raw.rbac.ownership as Array<Record<string, unknown>>)[0]!.expect = expectation;
  return raw;
}

async function run(raw: RawConfig, signal?: AbortSignal) {
  const ctx = await demoContext(raw, { signal });
  cleanups.push(ctx.cleanup);
  const outcome = await runCheck(rbacCheck, ctx);
  return { ...outcome, ctx, report: await readFile(path.join(ctx.outDir, 'report.md'), 'utf8') };
}

describe('rbac ownership (IDOR) probes', () => {
  it('fails with the idor flaw: manager2 reads, updates and deletes the lease manager created', async () => {
    const d = await demo(['idor']);
    const { evidence, report } = await run(await ownershipOnly(d.url));
    expect(evidence.verdict).toBe('fail');
    const read = evidence.thresholds.find(
      (t) => t.name === 'manager2 GET /api/leases/{id} (lease owned by manager)',
    );
    expect(read).toMatchObject({
      limit: 'hidden',
      actual: 200,
      ok: false,
      detail: expect.stringContaining('bypassed'),
    });
    expect(report).toContain(
      'manager2 GET /api/leases/{id} (lease owned by manager) | hidden | 200 | bypassed',
    );
    // The owner's own read is the control that proves the resource existed.
    expect(
      evidence.thresholds.find((t) => t.name === 'manager GET /api/leases/{id} (lease owned by manager)'),
    ).toMatchObject({ actual: 200, ok: true });
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('a target that answers 404 to non-owners passes with denied, hidden or [403, 404], fails with 403', async () => {
    const d = await demo();
    for (const passing of ['denied', 'hidden', [403, 404]]) {
      const { evidence } = await run(await ownershipOnly(d.url, passing));
      expect(evidence.verdict, JSON.stringify(passing)).toBe('pass');
      expect(
        (evidence.data!.cells as CellResult[])
          .filter((c) => c.identity !== 'manager')
          .every((c) => c.status === 404),
      ).toBe(true);
    }
    for (const failing of [403]) {
      const { evidence, report } = await run(await ownershipOnly(d.url, failing));
      expect(evidence.verdict, JSON.stringify(failing)).toBe('fail');
      const cell = evidence.thresholds.find(
        (t) => t.name === 'viewer DELETE /api/leases/{id} (lease owned by manager)',
      );
      expect(cell).toMatchObject({
        limit: failing,
        actual: 404,
        ok: false,
        detail: expect.stringContaining('unexpected'),
      });
      expect(report).toContain(
        `viewer DELETE /api/leases/{id} (lease owned by manager) | ${failing} | 404 | unexpected`,
      );
    }
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('cleans up what it created when the run is aborted mid-way', async () => {
    const d = await demo();
    const raw = await demoConfig(d.url, ['rbac'], { 'allow-destructive': true });
    raw.rbac!.concurrency = 1;
    const controller = new AbortController();
    // Abort as soon as the target has answered the first create: the probe is then mid-way.
    const watcher = setInterval(() => {
      void readRequestLog(d.requestLogPath).then((log) => {
        if (log.some((r) => r.method === 'POST' && r.status === 201))
          controller.abort(new Error('test abort'));
      });
    }, 5);
    let outcome: Awaited<ReturnType<typeof run>>;
    try {
      outcome = await run(raw, controller.signal);
    } finally {
      clearInterval(watcher);
    }
    expect(controller.signal.aborted).toBe(true);
    const cells = outcome.evidence.data!.cells as CellResult[];
    const notRun = cells.filter((c) => c.reason === 'not run: the run was aborted');
    expect(notRun.length).toBeGreaterThan(5);
    expect(outcome.evidence.summary).toContain('run aborted');
    const created = outcome.evidence.data!.created as Array<{ cleanup: string }>;
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((r) => r.cleanup === 'deleted' || r.cleanup === 'already-gone')).toBe(true);
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });
});
