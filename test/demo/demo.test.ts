import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm run demo` exactly as the README says, into a temporary out dir and evidence store. */
function runDemo(flaws: string): Promise<{ code: number; output: string; out: string }> {
  return mkdtemp(path.join(os.tmpdir(), 'opsgate-demo-')).then(
    (out) =>
      new Promise((resolve) => {
        execFile(
          'npm',
          ['run', '--silent', 'demo'],
          {
            cwd: root,
            env: {
              ...process.env,
              DEMO_FLAWS: flaws,
              OPSGATE_OUT: out,
              OPSGATE_STORE_DIR: path.join(out, 'store'),
            },
            timeout: 600_000,
            maxBuffer: 64 * 1024 * 1024,
          },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
            resolve({ code, output: stdout + stderr, out });
          },
        );
      }),
  );
}

async function validateEvidence(out: string): Promise<string[]> {
  const schema = JSON.parse(await readFile(path.join(root, 'schema/evidence.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ strict: false }).compile(schema);
  const names = await readdir(path.join(out, 'evidence'));
  for (const name of names) {
    const evidence: unknown = JSON.parse(await readFile(path.join(out, 'evidence', name), 'utf8'));
    expect(validate(evidence), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  return names;
}

type FaultScenario = {
  name: string;
  ttdMs: number | null;
  ttrMs: number | null;
  consistency: { ok: boolean }[];
  recover: { ok: boolean; description: string };
};

/** The drill stopped the demo's PostgreSQL, the target degraded and reconnected, the data survived. */
async function expectDatabaseDownDrill(out: string): Promise<void> {
  const fault = JSON.parse(await readFile(path.join(out, 'evidence', 'fault.json'), 'utf8')) as {
    verdict: string;
    thresholds: { name: string; ok: boolean }[];
    data: { scenarios: FaultScenario[] };
  };
  const [s] = fault.data.scenarios;
  console.log(`demo drill, database down: TTD ${s?.ttdMs} ms, TTR ${s?.ttrMs} ms`);
  expect(fault.verdict).toBe('pass');
  expect(fault.thresholds.filter((t) => !t.ok)).toEqual([]);
  expect(s!.name).toBe('database down');
  expect(s!.ttdMs).toBeGreaterThanOrEqual(0);
  expect(s!.ttrMs).toBeGreaterThan(0);
  expect(s!.consistency.map((c) => c.ok)).toEqual([true, true]);
  expect(s!.recover).toMatchObject({ ok: true });
  expect(s!.recover.description).toContain('scripts/postgres.ts up --data-dir .opsgate/demo-pg');
  const runbook = await readFile(path.join(out, 'runbooks', 'disaster-recovery.md'), 'utf8');
  expect(runbook).toContain('### database down');
  expect(runbook).toContain('scripts/postgres.ts up --data-dir .opsgate/demo-pg');
}

describe('npm run demo', () => {
  it('runs the monthly drill against the healthy demo target and passes', async () => {
    const { code, output, out } = await runDemo('');
    expect(code, output).toBe(0);
    const names = await validateEvidence(out);
    // Every check of drills/monthly.yml left schema-valid evidence.
    expect(names.sort()).toEqual([
      'abuse.json',
      'dast.json',
      'db.json',
      'fault.json',
      'headers.json',
      'load.json',
      'rbac.json',
      'restore.json',
    ]);
    expect(existsSync(path.join(out, 'report.md'))).toBe(true);
    expect(await readFile(path.join(out, 'junit.xml'), 'utf8')).toContain('<testsuites name="opsgate"');
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toContain('gate passed');
    await expectDatabaseDownDrill(out);
    for (const runbook of [
      'disaster-recovery',
      'load-regression-triage',
      'security-findings-triage',
      'access-control-incident',
      'slow-query-triage',
    ]) {
      expect(existsSync(path.join(out, 'runbooks', `${runbook}.md`)), runbook).toBe(true);
    }
  });

  it('fails the gate with DEMO_FLAWS=missing-headers and names the missing headers', async () => {
    const { code, output, out } = await runDemo('missing-headers');
    expect(code, output).toBe(1);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('gate failed');
    for (const header of [
      'Content-Security-Policy',
      'X-Content-Type-Options',
      'X-Frame-Options',
      'Referrer-Policy',
    ]) {
      expect(report).toContain(`${header} missing`);
    }
  });
});
