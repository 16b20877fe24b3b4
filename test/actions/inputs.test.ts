import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActionProcess } from './action-process.js';

describe('action inputs', () => {
  let job: string;
  beforeAll(async () => {
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-inputs-'));
    await writeFile(path.join(job, 'opsgate.yml'), 'version: 1\ntarget:\n  base-url: http://127.0.0.1:9\n');
  });
  afterAll(async () => {
    await rm(job, { recursive: true, force: true });
  });

  it('rejects every malformed check input at once, before running anything', async () => {
    const run = await runActionProcess('restore-drill', {
      cwd: job,
      inputs: { mode: 'sometimes', 'apply-retention': 'perhaps', publish: 'yes' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toContain('configuration errors (2)');
    expect(run.stdout).toContain('inputs.mode: expected one of drill, retention-only, got \\"sometimes\\"'.replace(/\\/g, ''));
    expect(run.stdout).toContain('inputs.apply-retention: expected true or false');
    expect(run.summary).toContain('opsgate restore-drill — 💥 did not run');
  });

  it('a check action whose section is not configured skips with a notice', async () => {
    const run = await runActionProcess('headers', { cwd: job });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.verdict).toBe('skipped');
    expect(run.stdout).toContain('::notice::skipped: no headers section in the config');
    expect(run.summary).toContain('opsgate headers — ⏭️ skipped');
  });
});
