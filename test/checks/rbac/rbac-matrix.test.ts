import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rbacCheck } from '../../../src/checks/rbac/rbac-check.js';
import type { CellResult } from '../../../src/checks/rbac/probe-cells.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext, probeRowsLeft } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

async function demo(flaws: string[] = []): Promise<TestDemo> {
  const d = await startTestDemo({ flaws, rateLimit: 10_000 });
  cleanups.push(d.stopAll);
  return d;
}

describe('rbac matrix against the demo target', () => {
  it('passes on a healthy target, names every cell, and leaves no probe rows behind', async () => {
    const d = await demo();
    const ctx = await demoContext(await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }));
    cleanups.push(ctx.cleanup);
    const { evidence, evidenceFile } = await runCheck(rbacCheck, ctx);

    expect(evidence.verdict).toBe('pass');
    const cells = evidence.data!.cells as CellResult[];
    expect(cells.length).toBeGreaterThan(40);
    expect(cells.every((c) => c.verdict === 'enforced')).toBe(true);
    const viewerDelete = evidence.thresholds.find(
      (t) => t.name === 'viewer DELETE /api/companies/{doomed-company}',
    );
    expect(viewerDelete).toMatchObject({ limit: 403, actual: 403, ok: true });
    // Defaults expanded into cells: anonymous → 401 on every /api row without it being written per row.
    expect(evidence.thresholds.find((t) => t.name === 'anonymous GET /api/users')).toMatchObject({
      actual: 401,
      ok: true,
    });
    expect(evidence.metrics.bypassed).toBe(0);
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
    const created = evidence.data!.created as Array<{ cleanup: string }>;
    expect(created.length).toBeGreaterThan(3);
    expect(created.every((r) => r.cleanup === 'deleted' || r.cleanup === 'already-gone')).toBe(true);

    const evidenceText = await readFile(evidenceFile, 'utf8');
    const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
    expect(evidenceText).not.toContain(DEMO_PASSWORD);
    expect(report).not.toContain(DEMO_PASSWORD);
    expect(report).toContain('#### RBAC matrix');
  });

  it('fails with viewer-can-delete and names the cell (VIEWER DELETE → 204 where 403 was expected)', async () => {
    const d = await demo(['viewer-can-delete']);
    const ctx = await demoContext(await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }));
    cleanups.push(ctx.cleanup);
    const { evidence } = await runCheck(rbacCheck, ctx);

    expect(evidence.verdict).toBe('fail');
    const failing = evidence.thresholds.filter((t) => !t.ok);
    expect(failing.map((t) => t.name).sort()).toEqual([
      'manager DELETE /api/companies/{doomed-company}',
      'viewer DELETE /api/companies/{doomed-company}',
    ]);
    expect(failing.find((t) => t.name.startsWith('viewer DELETE /api/companies'))).toMatchObject({
      limit: 403,
      actual: 204,
      detail: expect.stringContaining('bypassed'),
    });
    const report = await readFile(path.join(ctx.outDir, 'report.md'), 'utf8');
    expect(report).toMatch(
      /❌ \| viewer DELETE \/api\/companies\/\{doomed-company\} \| 403 \| 204 \| bypassed/,
    );
    // The assertion failed, the cleanup still ran.
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('reports cells that changed since the previous run', async () => {
    const healthy = await demo();
    const raw = await demoConfig(healthy.url, ['rbac'], { 'allow-destructive': true });
    const first = await demoContext(raw);
    cleanups.push(first.cleanup);
    const before = await runCheck(rbacCheck, first);
    expect(before.evidence.sections?.some((s) => s.title.startsWith('Changes'))).toBe(false);
    await first.store.put(before.evidence, { commit: 'aaaaaaa', branch: 'main' });

    const flawed = await demo(['viewer-can-delete']);
    raw.target['base-url'] = flawed.url;
    const second = await demoContext(raw, { dir: first.dir });
    const after = await runCheck(rbacCheck, second);
    const diff = after.evidence.sections!.find((s) => s.title === 'Changes since the previous run')!;
    expect(diff.markdown).toContain(
      'cell `viewer DELETE /api/companies/{doomed-company}` changed from 403 to 204',
    );
    expect(after.evidence.metrics['changed cells']).toBe(2);
    expect(after.evidence.summary).toContain('2 changed since the previous run');
  });
});
