import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHubContext } from '../../src/github/context.js';
import { publish } from '../../src/github/publish.js';
import { storeKey } from '../../src/core/store/evidence-store.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { GitHubEvidenceStore } from '../../src/github/evidence-store.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, runEvidence, tempDir, writeRun } from '../support/github-evidence.js';

describe('GitHubEvidenceStore on the fake GitHub', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => fake.stop());

  const store = (repo: string, log?: string[]) =>
    new GitHubEvidenceStore(fakeClient(fake), {
      owner: 'acme',
      repo,
      retryDelayMs: 20,
      log: (m) => log?.push(m),
    });

  it('same layout as the fs store; list newest first, by commit and branch; put is idempotent', async () => {
    const s = store('layout');
    const [rbacOld] = runEvidence({ startedAt: '2026-11-01T08:00:00.000Z' });
    const [rbacNew] = runEvidence({ viewerCanDelete: true, startedAt: '2026-11-20T08:00:00.000Z' });
    const a = await s.put(rbacOld!, { commit: '1'.repeat(40), branch: 'main' });
    const b = await s.put(rbacNew!, { commit: '2'.repeat(40), branch: 'feature' });
    expect(a.key).toBe(storeKey(rbacOld!, a.sha256, '1'.repeat(40)));
    expect(a.key).toMatch(/^evidence\/rbac\/2026-11-01\/2026-11-01T08-00-00-000Z-1111111-[0-9a-f]{8}\.json$/);

    // The fs store writes the same paths for the same evidence and meta.
    const fsDir = await tempDir();
    const fsKey = (await new FsEvidenceStore(fsDir).put(rbacOld!, { commit: '1'.repeat(40) })).key;
    expect(fsKey.split('/').slice(0, 3)).toEqual(a.key.split('/').slice(0, 3));

    expect((await s.list('rbac')).map((r) => r.key)).toEqual([b.key, a.key]);
    expect((await s.list('rbac', { commit: '1'.repeat(40) })).map((r) => r.evidence.run.startedAt)).toEqual([
      '2026-11-01T08:00:00.000Z',
    ]);
    expect((await s.list('rbac', { branch: 'feature' }))[0]!.evidence.thresholds[0]!.actual).toBe(204);
    expect(await s.list('load')).toEqual([]);

    const refBefore = fake.repo('acme/layout').git.refs.get('refs/heads/opsgate-evidence');
    await s.put(rbacOld!, { commit: '1'.repeat(40), branch: 'main' });
    expect(fake.repo('acme/layout').git.refs.get('refs/heads/opsgate-evidence')).toBe(refBefore);
  });

  it('ignores a record whose content does not match its hash', async () => {
    const s = store('tamper');
    const log: string[] = [];
    const [e] = runEvidence({});
    const stored = await s.put(e!, { commit: '3'.repeat(40) });
    // Someone edits the stored evidence on the branch by hand.
    const repo = fake.repo('acme/tamper');
    const text = repo.readFile('opsgate-evidence', stored.key)!.replace('"actual": 403', '"actual": 200');
    const head = repo.git.commits.get(repo.git.refs.get('refs/heads/opsgate-evidence')!)!;
    const entries = new Map(repo.git.trees.get(head.tree)!);
    entries.set(stored.key, repo.git.putBlob(Buffer.from(text)));
    const edited = repo.git.putCommit(repo.git.putTree(entries), [head.sha], 'edit');
    repo.git.refs.set('refs/heads/opsgate-evidence', edited.sha);
    const fresh = new GitHubEvidenceStore(fakeClient(fake), {
      owner: 'acme',
      repo: 'tamper',
      log: (m) => log.push(m),
    });
    expect(await fresh.list('rbac')).toEqual([]);
    expect(log.join('\n')).toContain('does not match its content hash');
  });

  it('concurrent writers lose no records (non-fast-forward 422 → rebuilt on the new head)', async () => {
    const writers = 4;
    const log: string[] = [];
    const before = fake.requests.length;
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const s = store('race', log);
        const evidence = runEvidence({ dashboardP95: 100 + i, startedAt: `2026-11-23T10:0${i}:00.000Z` });
        await s.putBatch(
          evidence.map((e) => ({ evidence: e, meta: { commit: String(i).repeat(40) } })),
          { log: 'publish', record: { writer: i } },
        );
        await s.appendRecord('drill', { writer: i, signedOff: true });
      }),
    );
    const rejected = fake.requests
      .slice(before)
      .filter((r) => r.status === 422 && /\/git\/refs/.test(r.path)).length;
    expect(rejected).toBeGreaterThan(0); // the race really happened
    expect(log.some((l) => l.includes('rebasing'))).toBe(true);

    const reader = store('race');
    expect(await reader.list('load')).toHaveLength(writers);
    expect(await reader.list('rbac')).toHaveLength(writers);
    const publishLog = await reader.readRecords('publish');
    const drillLog = await reader.readRecords('drill');
    expect(publishLog.map((r) => r.writer).sort()).toEqual([0, 1, 2, 3]);
    expect(drillLog.map((r) => r.writer).sort()).toEqual([0, 1, 2, 3]);
  });

  it('two publishes racing (PR run and main run) both land in the store and the publish log', async () => {
    const dir = await tempDir();
    const runs = await Promise.all(
      ['1', '2'].map(async (n) => {
        const out = await writeRun(path.join(dir, n), {
          dashboardP95: 100 + Number(n),
          startedAt: `2026-11-23T1${n}:00:00.000Z`,
        });
        const context = readGitHubContext({
          GITHUB_REPOSITORY: 'acme/racing',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_SHA: n.repeat(40),
          GITHUB_REF: 'refs/heads/main',
          GITHUB_RUN_ID: n,
          GITHUB_API_URL: fake.url,
        });
        return publish({
          outDir: out,
          octokit: fakeClient(fake),
          context,
          storeRetryDelayMs: 20,
          issues: false,
          write: () => {},
          log: () => {},
        });
      }),
    );
    expect(runs.map((r) => r.stored?.created)).toEqual([3, 3]);
    const reader = store('racing');
    expect(
      (await reader.list('load')).map((r) => r.evidence.metrics['p95 GET /api/dashboard']).sort(),
    ).toEqual([101, 102]);
    expect((await reader.readRecords('publish')).map((r) => r.sha).sort()).toEqual([
      '1'.repeat(40),
      '2'.repeat(40),
    ]);
  });
});
