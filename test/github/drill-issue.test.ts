import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDrillIssue } from '../../src/core/drill/drill-issue.js';
import { runGate } from '../../src/core/gate/gate.js';
import { readGitHubContext, type GitHubContext } from '../../src/github/context.js';
import { upsertDrillIssue } from '../../src/github/drill-issue.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, runEvidence } from '../support/github-evidence.js';

/** The context of a scheduled drill run in `repo`. */
function scheduleContext(fake: FakeGitHub, repo: string, env: NodeJS.ProcessEnv = {}): GitHubContext {
  return readGitHubContext({
    GITHUB_REPOSITORY: repo,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_API_URL: fake.url,
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    ...env,
  });
}

/** The drill issue body of a run, as the gate action renders it. */
function render(month: string, shape: Parameters<typeof runEvidence>[0]) {
  const gate = runGate(runEvidence(shape));
  return (previousBody?: string) =>
    renderDrillIssue({ month, gate, approvers: ['alice', 'bob'], previousBody });
}

describe('drill issue (label + marker, never duplicated)', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ readOnlyTokens: ['read-only-token'] });
  });
  afterAll(async () => fake.stop());

  it('two runs in the same month open one issue and edit it in place', async () => {
    const repo = fake.repo('acme/drill-twice');
    const context = scheduleContext(fake, 'acme/drill-twice');
    const log: string[] = [];
    const first = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', { viewerCanDelete: true }),
      log: (m) => log.push(m),
    });
    expect(first).toMatchObject({ number: 1, action: 'created' });
    expect(first!.url).toContain('/acme/drill-twice/issues/1');
    expect(repo.labels.has('opsgate-drill')).toBe(true);
    expect(repo.issues[0]!.labels).toEqual(['opsgate-drill']);
    expect(repo.issues[0]!.title).toBe('Drill 2026-11');
    expect(repo.issues[0]!.body).toContain('❌ failed');

    const second = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', {}),
    });
    expect(second).toMatchObject({ number: 1, action: 'updated' });
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]!.body).toContain('✅ passed');
    expect(log).toContain('github: opened Drill 2026-11 as #1');

    const third = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', {}),
    });
    expect(third).toMatchObject({ number: 1, action: 'unchanged' });
  });

  it('a ticked approver box survives a re-run, and a closed issue is still found', async () => {
    const repo = fake.repo('acme/drill-ticked');
    const context = scheduleContext(fake, 'acme/drill-ticked');
    await upsertDrillIssue(fakeClient(fake), context, { month: '2026-11', render: render('2026-11', {}) });
    const issue = repo.issues[0]!;
    issue.body = issue.body!.replace('- [ ] @alice signs off', '- [x] @alice signs off');
    issue.state = 'closed';

    const rerun = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', { missingCsp: true }),
    });
    expect(rerun).toMatchObject({ number: issue.number, action: 'updated' });
    expect(repo.issues).toHaveLength(1);
    expect(issue.body).toContain('- [x] @alice signs off these drill results');
    expect(issue.body).toContain('- [ ] @bob signs off these drill results');
    expect(issue.body).toContain('❌ failed');
  });

  it('a new month opens a new issue; other labelled issues and the old month stay as they are', async () => {
    const repo = fake.repo('acme/drill-months');
    const context = scheduleContext(fake, 'acme/drill-months');
    await upsertDrillIssue(fakeClient(fake), context, { month: '2026-10', render: render('2026-10', {}) });
    const october = repo.issues[0]!.body;
    const nov = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', {}),
    });
    expect(nov).toMatchObject({ number: 2, action: 'created' });
    expect(repo.issues.map((i) => i.title)).toEqual(['Drill 2026-10', 'Drill 2026-11']);
    expect(repo.issues[0]!.body).toBe(october);
    expect(repo.issues[1]!.body!.startsWith('<!-- opsgate:drill:2026-11 -->')).toBe(true);
  });

  it('finds the issue on a later page of labelled issues', async () => {
    const repo = fake.repo('acme/drill-paged');
    const context = scheduleContext(fake, 'acme/drill-paged');
    await upsertDrillIssue(fakeClient(fake), context, { month: '2026-11', render: render('2026-11', {}) });
    for (let i = 0; i < 120; i++)
      repo.issues.push({ ...repo.issues[0]!, number: i + 2, id: 10_000 + i, body: `other ${i}` });
    const again = await upsertDrillIssue(fakeClient(fake), context, {
      month: '2026-11',
      render: render('2026-11', { viewerCanDelete: true }),
    });
    expect(again).toMatchObject({ number: 1, action: 'updated' });
    expect(repo.issues).toHaveLength(121);
  });

  it('read-only (fork PR, no token): no API call, a message says why', async () => {
    fake.repo('acme/drill-read-only');
    const context = scheduleContext(fake, 'acme/drill-read-only', { OPSGATE_READ_ONLY: '1' });
    const before = fake.requests.length;
    const log: string[] = [];
    const result = await upsertDrillIssue(fakeClient(fake, [], 'read-only-token'), context, {
      month: '2026-11',
      render: render('2026-11', {}),
      log: (m) => log.push(m),
    });
    expect(result).toBeUndefined();
    expect(fake.requests.length).toBe(before);
    expect(fake.repo('acme/drill-read-only').issues).toHaveLength(0);
    expect(log.join('\n')).toContain('Drill 2026-11 issue not written (OPSGATE_READ_ONLY is set)');
  });
});
