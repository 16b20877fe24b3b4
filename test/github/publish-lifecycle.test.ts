import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, prContext, tempDir, writeRun } from '../support/github-evidence.js';

describe('publish: sticky comment and issue lifecycle against the fake GitHub', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => fake.stop());

  it('one comment, one issue per failing control; closes on pass; reopens on recurrence', async () => {
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest('Speed up dashboard');
    const dir = await tempDir();
    const out = await writeRun(`${dir}/out`, { viewerCanDelete: true, dashboardP95: 850, missingCsp: true });
    const gh = fakeClient(fake);
    const annotations: string[] = [];

    const results = [];
    const comments: (string | undefined)[] = [];
    for (const runId of ['101', '102', '103']) {
      // The PR run posts its comment; the trusted run on main owns the issues.
      const { context: prRun } = await prContext(fake, dir, { pr: pr.number, runId });
      const prResult = await publish({
        outDir: out,
        octokit: gh,
        context: prRun,
        write: () => {},
        log: () => {},
      });
      expect(prResult.issues).toBeUndefined();
      expect(prResult.stored).toBeUndefined();
      comments.push(prResult.comment?.action);
      const { context } = await mainContext(fake, dir, { runId });
      results.push(
        await publish({
          outDir: out,
          octokit: gh,
          context,
          write: (l) => annotations.push(l),
          log: () => {},
        }),
      );
    }
    const issues = repo.issuesOnly();
    // Three failing controls: viewer DELETE, p95 dashboard, CSP missing.
    expect(issues).toHaveLength(3);
    expect(issues.every((i) => i.state === 'open' && i.labels.includes('opsgate'))).toBe(true);
    expect(issues.map((i) => i.title).sort()).toEqual([
      'opsgate: headers — Content-Security-Policy header missing',
      'opsgate: load — p95 GET /api/dashboard',
      'opsgate: rbac — viewer DELETE /api/companies/{id}',
    ]);
    expect(issues.find((i) => i.title.includes('rbac'))!.body).toContain(
      'https://github.example/acme/shop/blob/main/runbooks/access-control-incident.md#which-cell-broke',
    );
    // The PR has exactly one opsgate comment, edited by runs 2 and 3 (new run link each time).
    const prComments = repo.commentsOn(pr.number);
    expect(prComments).toHaveLength(1);
    expect(prComments[0]!.body).toContain('<!-- opsgate:comment:opsgate PR checks -->');
    expect(prComments[0]!.body).toContain('/actions/runs/103');
    expect(prComments[0]!.body).not.toContain('Unverified results');
    expect(prComments[0]!.body).toContain('viewer DELETE /api/companies/{id}');
    expect(comments).toEqual(['created', 'updated', 'updated']);
    expect(results.map((r) => r.issues?.created)).toEqual([3, 0, 0]);
    expect(results[2]!.issues).toMatchObject({ unchanged: 3, commented: 0, reopened: 0 });
    // Same evidence is stored once.
    expect(results.map((r) => r.stored?.created)).toEqual([3, 0, 0]);
    expect(annotations.filter((l) => l.startsWith('::error '))).toHaveLength(9);
    void prComments;

    // The control passes: its issue is closed with the passing evidence; others stay open.
    await writeRun(out, {
      viewerCanDelete: false,
      dashboardP95: 850,
      missingCsp: false,
      startedAt: '2026-11-23T11:00:00.000Z',
    });
    const pass = await publish({
      outDir: out,
      octokit: gh,
      context: (await mainContext(fake, dir, { runId: '104' })).context,
      write: () => {},
      log: () => {},
    });
    // rbac was evaluated and passes: closed. The CSP finding is merely absent: that proves nothing.
    expect(pass.issues).toMatchObject({ closed: 1, created: 0, unchanged: 1 });
    const rbacIssue = repo.issuesOnly().find((i) => i.title.includes('rbac'))!;
    expect(rbacIssue.state).toBe('closed');
    const closing = repo.commentsOn(rbacIssue.number).at(-1)!.body;
    expect(closing).toContain('passes now');
    expect(closing).toContain('| pass | 403 | 403 |');
    expect(closing).toContain('/actions/runs/104');
    const cspIssue = repo.issuesOnly().find((i) => i.title.includes('Content-Security'))!;
    expect(cspIssue.state).toBe('open');
    expect(repo.commentsOn(cspIssue.number)).toHaveLength(0);
    expect(repo.issuesOnly().find((i) => i.title.includes('load'))!.state).toBe('open');

    // Recurrence: reopened with a comment, never a duplicate.
    await writeRun(out, {
      viewerCanDelete: true,
      dashboardP95: 900,
      missingCsp: false,
      startedAt: '2026-11-23T12:00:00.000Z',
    });
    const again = await publish({
      outDir: out,
      octokit: gh,
      context: (await mainContext(fake, dir, { runId: '105' })).context,
      write: () => {},
      log: () => {},
    });
    expect(again.issues).toMatchObject({ created: 0, reopened: 1, commented: 1 });
    expect(repo.issuesOnly()).toHaveLength(3);
    expect(rbacIssue.state).toBe('open');
    expect(repo.commentsOn(rbacIssue.number).at(-1)!.body).toContain('failing again');
    // The load issue got a comment because its evidence changed (850 → 900 ms).
    const loadIssue = repo.issuesOnly().find((i) => i.title.includes('load'))!;
    const loadComments = repo.commentsOn(loadIssue.number);
    expect(loadComments).toHaveLength(1);
    expect(loadComments[0]!.body).toContain('900 ms');
    expect(loadIssue.body).toContain('900 ms');
    expect(repo.commentsOn(pr.number)).toHaveLength(1);
  });
});
