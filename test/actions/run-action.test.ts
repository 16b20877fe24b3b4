import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishRequest } from '../../src/actions/publish-step.js';
import { runActionCheck, type ActionSettings } from '../../src/actions/run-action.js';
import { finishEvidence, startEvidence } from '../../src/core/evidence/new-evidence.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';

describe('runActionCheck (the plain function behind every action)', () => {
  let job: string;
  let settings: ActionSettings;
  beforeEach(async () => {
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-run-action-'));
    const e = startEvidence('rbac', 'http://127.0.0.1:9');
    e.summary = '1 cell broken';
    e.thresholds.push({ name: 'viewer DELETE /api/companies/{id}', limit: 403, actual: 204, ok: false });
    await writeEvidence(path.join(job, 'artifacts', 'rbac'), finishEvidence(e));
    settings = {
      action: 'gate',
      configFile: path.join(job, 'missing.yml'),
      outDir: path.join(job, 'out'),
      token: 'ghs_0123456789abcdefghij',
      publish: true,
      commentKey: 'pr-checks',
      options: {},
      evidenceDirs: [path.join(job, 'artifacts')],
      pullRequest: 12,
    };
  });
  afterEach(async () => {
    await rm(job, { recursive: true, force: true });
  });

  it('hands the publisher evidence that is already on disk, with the PR, key and token', async () => {
    const seen: PublishRequest[] = [];
    const result = await runActionCheck(settings, {
      log: () => {},
      publisher: async (request) => {
        expect(existsSync(path.join(request.outDir, 'evidence', 'rbac.json'))).toBe(true);
        expect(existsSync(path.join(request.outDir, 'report.md'))).toBe(true);
        seen.push(request);
        return { published: true, message: 'comment updated' };
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ pullRequest: 12, commentKey: 'pr-checks', token: 'ghs_0123456789abcdefghij' });
    expect(seen[0]!.evidence.map((e) => e.check)).toEqual(['rbac']);
    expect(result.verdict).toBe('fail');
    expect(result.summary).toContain('_Publish: comment updated_');
  });

  it('a publish failure fails the step after evidence, outputs and summary exist', async () => {
    const result = await runActionCheck(settings, {
      log: () => {},
      publisher: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1 (token ghs_0123456789abcdefghij)');
      },
    });
    expect(existsSync(path.join(settings.outDir, 'evidence', 'rbac.json'))).toBe(true);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.failure).toContain('publishing failed: connect ECONNREFUSED');
    expect(result.failure).toContain('evidence is on disk');
    expect(result.failure).not.toContain('ghs_0123456789abcdefghij');
  });

  it('does not publish when publish is false', async () => {
    let called = false;
    const result = await runActionCheck(
      { ...settings, publish: false },
      {
        log: () => {},
        publisher: async () => {
          called = true;
          return { published: true, message: '' };
        },
      },
    );
    expect(called).toBe(false);
    expect(result.summary).not.toContain('Publish:');
  });

  it('an invalid config fails with every problem, for the gate too', async () => {
    await writeFile(path.join(job, 'bad.yml'), 'version: 1\ntarget:\n  base-url: nope\ngate:\n  fail-on-warn: maybe\n');
    await expect(runActionCheck({ ...settings, configFile: path.join(job, 'bad.yml') })).rejects.toThrow(
      /bad\.yml:3 target\.base-url[\s\S]*bad\.yml:5 gate\.fail-on-warn/,
    );
  });
});
