import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/core/evidence/model.js';
import { finishEvidence, startEvidence } from '../../src/core/evidence/new-evidence.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { runActionProcess } from './action-process.js';

/** Evidence as another job would have uploaded it: `<artifact>/evidence/<check>.json`. */
async function uploadedEvidence(root: string, artifact: string, e: Evidence): Promise<void> {
  await writeEvidence(path.join(root, 'artifacts', artifact), finishEvidence(e));
}

function headersEvidence(ok: boolean): Evidence {
  const e = startEvidence('headers', 'http://127.0.0.1:9', 'demo');
  e.summary = ok ? 'all headers present' : 'content-security-policy missing';
  e.thresholds.push({
    name: 'GET / content-security-policy',
    limit: 'present',
    actual: ok ? 'present' : 'missing',
    ok,
  });
  return e;
}

function rbacEvidence(ok: boolean): Evidence {
  const e = startEvidence('rbac', 'http://127.0.0.1:9', 'demo');
  e.summary = ok ? 'matrix holds' : '1 cell broken';
  e.thresholds.push({ name: 'viewer DELETE /api/companies/{id}', limit: 403, actual: ok ? 403 : 204, ok });
  return e;
}

describe('gate action (node dist/gate.js)', () => {
  let job: string;
  beforeEach(async () => {
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-gate-job-'));
    await writeFile(
      path.join(job, 'opsgate.yml'),
      'version: 1\ntarget:\n  base-url: http://127.0.0.1:9\ngate:\n  required: [headers]\n',
    );
  });
  afterEach(async () => {
    await rm(job, { recursive: true, force: true });
  });

  it('passes on passing evidence from several artifacts, with outputs, summary and reports', async () => {
    await uploadedEvidence(job, 'opsgate-headers', headersEvidence(true));
    await uploadedEvidence(job, 'opsgate-rbac', rbacEvidence(true));
    const run = await runActionProcess('gate', { cwd: job, inputs: { 'evidence-dirs': 'artifacts\n' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      verdict: 'pass',
      passed: 'true',
      checks: 'headers,rbac',
      'failed-controls': '0',
      'evidence-path': path.join(job, 'opsgate-out', 'evidence'),
    });
    expect(run.summary).toContain('gate passed');
    expect(run.summary).toContain('| rbac | ✅ pass |');
    expect(run.summary).toContain('_Publish: gate: pass');
    expect(run.summary).toContain('published: nothing (read-only token)');
    expect(run.stdout).toContain('no GitHub token given; nothing was posted to GitHub');
    expect(await readFile(path.join(job, 'opsgate-out', 'report.md'), 'utf8')).toContain('gate passed');
    expect(existsSync(path.join(job, 'opsgate-out', 'junit.xml'))).toBe(true);
  });

  it('fails the job when a control fails, naming it', async () => {
    await uploadedEvidence(job, 'opsgate-headers', headersEvidence(true));
    await uploadedEvidence(job, 'opsgate-rbac', rbacEvidence(false));
    const run = await runActionProcess('gate', { cwd: job, inputs: { 'evidence-dirs': 'artifacts' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'fail', passed: 'false', 'failed-controls': '1' });
    expect(run.stdout).toContain(
      '::error::gate failed (fail): 1 control(s) failed — rbac: viewer DELETE /api/companies/{id}',
    );
    expect(run.summary).toContain('gate failed');
    expect(run.summary).toContain('viewer DELETE /api/companies/{id}');
  });

  it('fails when required evidence is missing', async () => {
    await uploadedEvidence(job, 'opsgate-rbac', rbacEvidence(true));
    const run = await runActionProcess('gate', { cwd: job, inputs: { 'evidence-dirs': 'artifacts' } });
    expect(run.code).toBe(1);
    expect(run.outputs['failed-controls']).toBe('1');
    expect(run.summary).toContain('headers evidence present');
  });

  it('renders the drill issue with the sign-off checklist, keeping ticked boxes', async () => {
    await mkdir(path.join(job, 'drills'));
    await writeFile(
      path.join(job, 'drills', 'monthly.yml'),
      'name: monthly\nchecks: [headers, rbac]\nsign-off:\n  approvers: [alice, bob]\n',
    );
    await writeFile(path.join(job, 'previous.md'), '- [x] @alice signs off these drill results\n');
    await uploadedEvidence(job, 'opsgate-headers', headersEvidence(false));
    const run = await runActionProcess('gate', {
      cwd: job,
      inputs: { 'evidence-dirs': 'artifacts', drill: '2026-11', 'drill-previous-body': 'previous.md' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['drill-title']).toBe('Drill 2026-11');
    const body = await readFile(run.outputs['drill-issue-path']!, 'utf8');
    expect(body.split('\n')[0]).toBe('<!-- opsgate:drill:2026-11 -->');
    expect(body).toContain('# Drill 2026-11 — ❌ failed');
    expect(body).toContain('content-security-policy');
    expect(body).toContain('- [x] @alice signs off these drill results');
    expect(body).toContain('- [ ] @bob signs off these drill results');
    expect(body).toContain('https://github.example/acme/shop/actions/runs/4242');
  });

  it('reports every malformed input at once and still writes a summary', async () => {
    const run = await runActionProcess('gate', { cwd: job, inputs: { publish: 'maybe', drill: '2026-13' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toContain('configuration errors (2)');
    expect(run.stdout).toContain(
      'inputs.publish: expected true or false, got \\"maybe\\"'.replace(/\\/g, ''),
    );
    expect(run.stdout).toContain('inputs.drill: expected YYYY-MM or auto');
    expect(run.summary).toContain('did not run');
  });
});
