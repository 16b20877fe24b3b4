import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHubContext } from '../../src/github/context.js';
import { publish } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, prContext, tempDir, writeRun } from '../support/github-evidence.js';

const BASE_SHA = 'e'.repeat(40);

describe('API calls per publish', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => fake.stop());

  it('re-publishing unchanged evidence creates nothing and makes ≤ 3 + failing-controls calls', async () => {
    const repo = fake.repo('acme/shop');
    const gh = fakeClient(fake);
    const dir = await tempDir();
    const quiet = { write: () => {}, log: () => {} };

    // The base branch's run (a push to main) stores the evidence the PR is compared with.
    const baseOut = await writeRun(path.join(dir, 'base'), {
      dashboardP95: 140,
      startedAt: '2026-11-22T09:00:00.000Z',
    });
    const pushContext = readGitHubContext({
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: BASE_SHA,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '50',
      GITHUB_API_URL: fake.url,
    });
    const onMain = await publish({ outDir: baseOut, octokit: gh, context: pushContext, ...quiet });
    expect(onMain.comment).toBeUndefined();
    expect(onMain.stored?.created).toBe(3);

    const pr = repo.openPullRequest('Slow dashboard').number;
    const out = await writeRun(path.join(dir, 'pr'), { viewerCanDelete: true, dashboardP95: 850 });
    const { context } = await prContext(fake, dir, { pr, runId: '60', baseSha: BASE_SHA });
    const first = await publish({ outDir: out, octokit: gh, context, ...quiet });
    expect(first.comment).toMatchObject({ action: 'created', comparedWithBase: true });
    const body = repo.commentsOn(pr)[0]!.body;
    expect(body).toContain(`### Compared with the base (\`${BASE_SHA.slice(0, 7)}\`)`);
    expect(body).toContain('| load | ✅ pass | ❌ fail | 1 |  |');
    expect(body).toContain('❌ new in this PR: **rbac** viewer DELETE /api/companies/{id}');
    expect(body).toContain('| load p95 GET /api/dashboard | 140 | 850 | +507% |');
    const failing = 2;

    const before = fake.requests.length;
    const issuesBefore = repo.issues.length;
    const commentsBefore = repo.comments.map((c) => `${c.id}:${c.updated_at}`);
    const refBefore = repo.git.refs.get('refs/heads/opsgate-evidence');
    const again = await publish({ outDir: out, octokit: gh, context, ...quiet });
    const calls = fake.requests.slice(before);
    expect(calls.length).toBeLessThanOrEqual(3 + failing);
    expect(repo.issues.filter((i) => !i.pull_request)).toHaveLength(0);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    expect(again.comment?.action).toBe('unchanged');
    // A PR run writes no issues and no store records: only its comment.
    expect(again.trust).toBe('pull-request');
    expect(again.issues).toBeUndefined();
    expect(again.stored).toBeUndefined();
    expect(repo.issues.length).toBe(issuesBefore);
    expect(repo.comments.map((c) => `${c.id}:${c.updated_at}`)).toEqual(commentsBefore);
    expect(repo.git.refs.get('refs/heads/opsgate-evidence')).toBe(refBefore);
    console.log(
      `re-publish: ${calls.length} API calls (${calls.map((c) => `${c.method} ${c.path}`).join(', ')})`,
    );
  });

  it('opens at most maxNewIssues per run and the rest on later runs', async () => {
    const repo = fake.repo('acme/capped');
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), {
      viewerCanDelete: true,
      dashboardP95: 900,
      missingCsp: true,
    });
    const context = readGitHubContext({
      GITHUB_REPOSITORY: 'acme/capped',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_SHA: BASE_SHA,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: fake.url,
    });
    const log: string[] = [];
    const run = () =>
      publish({
        outDir: out,
        octokit: fakeClient(fake),
        context,
        maxNewIssues: 2,
        evidenceBranch: false,
        write: () => {},
        log: (m) => log.push(m),
      });
    expect((await run()).issues).toMatchObject({ created: 2, capped: 1 });
    expect(log.join('\n')).toContain('1 more failing controls have no issue yet (max 2 new issues per run)');
    expect((await run()).issues).toMatchObject({ created: 1, capped: 0, unchanged: 2 });
    expect(repo.issuesOnly()).toHaveLength(3);
    expect(repo.labels.get('opsgate')?.description).toContain('managed automatically');
  });
});
