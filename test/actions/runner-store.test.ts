import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runnerStore } from '../../src/actions/runner-store.js';
import { finishEvidence, startEvidence } from '../../src/core/evidence/new-evidence.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { tempDir } from '../support/github-evidence.js';

function loadEvidence(p95: number) {
  const e = startEvidence('load', 'http://127.0.0.1:9');
  e.metrics['total.p95_ms'] = p95;
  return finishEvidence(e);
}

describe('the evidence store of an action on a runner', () => {
  let fake: FakeGitHub;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeGitHub({ readOnlyTokens: ['read-only-token'] });
    // The client reads its pacing from the environment, as on a runner.
    Object.assign(process.env, { OPSGATE_RETRY_BASE_MS: '5', OPSGATE_SPACE_WRITES: '0' });
  });
  afterAll(async () => {
    process.env = saved;
    await fake.stop();
  });

  const env = (repo: string) => ({
    GITHUB_REPOSITORY: repo,
    GITHUB_API_URL: fake.url,
    OPSGATE_RETRY_BASE_MS: '5',
    OPSGATE_SPACE_WRITES: '0',
  });

  it('writes to and reads from the evidence branch with a write token', async () => {
    const repo = fake.repo('acme/store-write');
    const local = new FsEvidenceStore(path.join(await tempDir(), 'store'));
    const store = runnerStore('write-token', local, () => {}, env('acme/store-write'));
    await store.put(loadEvidence(120), { commit: 'b'.repeat(40), branch: 'main' });
    await store.appendRecord('drill', { kind: 'signoff', drill: '2026-11', approver: 'alice' });
    expect(repo.filesOn('opsgate-evidence').filter((f) => f.startsWith('evidence/load/'))).toHaveLength(1);
    expect(await local.list('load')).toEqual([]);
    const listed = await store.list('load', { commit: 'b'.repeat(40) });
    expect(listed.map((s) => s.evidence.metrics['total.p95_ms'])).toEqual([120]);
    expect(await store.readRecords('drill')).toMatchObject([{ approver: 'alice' }]);
  });

  it('with a read-only token it reads the branch and keeps its own writes local', async () => {
    const writer = runnerStore(
      'write-token',
      new FsEvidenceStore(path.join(await tempDir(), 'w')),
      () => {},
      env('acme/store-ro'),
    );
    await writer.put(loadEvidence(100), { commit: 'c'.repeat(40), branch: 'main' });
    const log: string[] = [];
    const local = new FsEvidenceStore(path.join(await tempDir(), 'store'));
    const store = runnerStore('read-only-token', local, (m) => log.push(m), env('acme/store-ro'));
    await store.put(loadEvidence(300), { commit: 'd'.repeat(40), branch: 'pr' });
    expect(log.join('\n')).toMatch(/could not store evidence on branch opsgate-evidence of acme\/store-ro \(403\)/);
    expect((await local.list('load')).map((s) => s.evidence.metrics['total.p95_ms'])).toEqual([300]);
    const all = await store.list('load');
    expect(all.map((s) => s.evidence.metrics['total.p95_ms']).sort()).toEqual([100, 300]);
  });

  it('without a token or repository it is the local store', async () => {
    const local = new FsEvidenceStore(path.join(await tempDir(), 'store'));
    expect(runnerStore('', local, () => {}, env('acme/x'))).toBe(local);
    expect(runnerStore('t', local, () => {}, { GITHUB_API_URL: fake.url })).toBe(local);
  });
});
