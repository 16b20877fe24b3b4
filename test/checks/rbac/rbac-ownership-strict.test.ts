import { describe, expect, it } from 'vitest';
import { rbacCheck } from '../../../src/checks/rbac/rbac-check.js';
import type { CreatedRecord } from '../../../src/checks/rbac/fixtures.js';
import { runCheck } from '../../../src/checks/run-check.js';
import { readRequestLog, startTestDemo, cleanupAfterEach } from '../../support/demo.js';
import { demoConfig, demoContext, probeRowsLeft } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

/** The strict profile's ownership probe: a 204-no-body create that needs the owner's user id. */
async function ownership(flaws: string[], tweak?: (probe: Record<string, unknown>) => void) {
  const d = await startTestDemo({ profile: 'strict', rateLimit: 10_000, flaws });
  cleanups.push(d.stopAll);
  const raw = await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }, 'opsgate.strict.yml');
  raw.rbac = { ...raw.rbac, matrix: [], defaults: [], fixtures: {} };
  tweak?.((raw.rbac.ownership as Array<Record<string, unknown>>)[0]!);
  const ctx = await demoContext(raw);
  cleanups.push(ctx.cleanup);
  return { ...(await runCheck(rbacCheck, ctx)), demo: d };
}

describe('ownership probes on the strict profile (204 creates, login-captured ids)', () => {
  it('passes on the healthy profile: the id from the login fills owner_id, the lookup finds the record, nothing is left', async () => {
    const { evidence, demo } = await ownership([]);
    expect(evidence.verdict).toBe('pass');
    const created = evidence.data!.created as CreatedRecord[];
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ fixture: 'ownership:lease', cleanup: 'deleted' });
    expect(created[0]!.id).toMatch(/^\d+$/);
    const log = await readRequestLog(demo.requestLogPath);
    expect(log.find((r) => r.method === 'POST' && r.path === '/api/leases')?.status).toBe(204);
    expect(await probeRowsLeft(demo.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('fails with the missing owner filter (idor), and still deletes the probe record', async () => {
    const { evidence, demo } = await ownership(['idor']);
    expect(evidence.verdict).toBe('fail');
    const read = evidence.thresholds.find(
      (t) => t.name === 'manager2 GET /api/leases/{id} (lease owned by manager)',
    );
    expect(read).toMatchObject({ actual: 200, ok: false });
    expect(await probeRowsLeft(demo.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('a refused create says its status and the start of its body; a 204 nobody can name is reported as left behind', async () => {
    const refused = await ownership([], (p) => {
      (p.create as { body: Record<string, unknown> }).body.owner_id = 999;
    });
    expect(refused.evidence.verdict).not.toBe('pass');
    expect(refused.evidence.thresholds[0]!.detail).toContain(
      `answered 400: {"error":"owner_id must be the caller's user id (got 999)"}`,
    );
    const unnamed = await ownership([], (p) => {
      delete p.lookup;
    });
    expect(unnamed.evidence.thresholds[0]!.detail).toContain(
      'answered 204 with no id at $.id and no Location; configure lookup',
    );
    expect(unnamed.evidence.findings.map((f) => f.title)).toContain(
      'probe record ownership:lease #? was not deleted',
    );
    // It really is left behind: the finding is the truth, not a false alarm.
    expect((await probeRowsLeft(unnamed.demo.databaseUrl)).leases).toBe(1);
  });
});
