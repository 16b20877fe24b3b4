import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { drillMarker } from '../../src/core/drill/drill-issue.js';
import { upsertDrillIssue } from '../../src/github/drill-issue.js';
import { publish, PublishError } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, tempDir, writeRun, type RunShape } from '../support/github-evidence.js';

const FAILING = { viewerCanDelete: true, dashboardP95: 850 } satisfies RunShape;
const ISSUE_CREATE = /^POST \/repos\/acme\/shop\/issues$/;
const COMMENT_CREATE = /^POST \/repos\/acme\/shop\/issues\/\d+\/comments$/;

describe('idempotent, self-healing GitHub writes', () => {
  const fakes: FakeGitHub[] = [];
  afterEach(async () => {
    for (const f of fakes.splice(0)) await f.stop();
  });

  /** A fake with one open PR, and a trusted run (push to main, with that PR) publishing to it. */
  async function setup() {
    const fake = await startFakeGitHub();
    fakes.push(fake);
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest().number;
    const dir = await tempDir();
    const log: string[] = [];
    const gh = fakeClient(fake, log);
    let n = 0;
    const run = async (shape: RunShape = FAILING) => {
      const out = await writeRun(path.join(dir, 'out'), shape);
      const { context } = await mainContext(fake, dir, { pr, runId: String(++n) });
      return publish({
        outDir: out,
        octokit: gh,
        context,
        evidenceBranch: false,
        write: () => {},
        log: () => {},
      });
    };
    const openIssues = () => repo.issuesOnly().filter((i) => i.state === 'open');
    return { fake, repo, pr, dir, gh, log, run, openIssues };
  }

  it('a create GitHub applies and answers 502: one comment and one issue per failing control, this run and the next', async () => {
    const { fake, repo, pr, run, openIssues } = await setup();
    fake.applyThen502(1, COMMENT_CREATE); // the sticky PR comment is the run's first comment
    fake.applyThen502(1, ISSUE_CREATE);
    const first = await run();
    expect(fake.faults.injected).toBe(2);
    expect(first.comment?.action).toBe('created');
    expect(first.issues).toMatchObject({ created: 2, failures: [] });
    expect(repo.commentsOn(pr)).toHaveLength(1);
    expect(openIssues()).toHaveLength(2);
    expect(new Set(openIssues().map((i) => i.title)).size).toBe(2);
    // The create was never re-sent blindly: each marker was looked up first.
    expect(
      fake.requests.filter((r) => r.method === 'POST' && ISSUE_CREATE.test(`POST ${r.path}`)),
    ).toHaveLength(2);

    const second = await run({ ...FAILING, dashboardP95: 900 });
    expect(second.issues).toMatchObject({ created: 0, commented: 1, unchanged: 1, duplicatesClosed: 0 });
    expect(repo.commentsOn(pr)).toHaveLength(1);
    expect(openIssues()).toHaveLength(2);
  });

  it('a 502 that was not applied creates once on the next attempt', async () => {
    const { fake, repo, pr, run, openIssues } = await setup();
    fake.failWith502(1, COMMENT_CREATE);
    fake.failWith502(1, ISSUE_CREATE);
    await run();
    expect(repo.commentsOn(pr)).toHaveLength(1);
    expect(openIssues()).toHaveLength(2);
  });

  it('the label deleted: no duplicates, the label recreated and back on every managed issue', async () => {
    const { repo, gh, run, openIssues } = await setup();
    await run();
    await gh.rest.issues.deleteLabel({ owner: 'acme', repo: 'shop', name: 'opsgate' });
    expect(repo.labels.has('opsgate')).toBe(false);
    expect(openIssues().every((i) => i.labels.length === 0)).toBe(true);

    const again = await run();
    expect(again.issues).toMatchObject({ created: 0, relabeled: 2, failures: [] });
    expect(repo.issuesOnly()).toHaveLength(2);
    expect(repo.labels.has('opsgate')).toBe(true);
    expect(openIssues().every((i) => i.labels.includes('opsgate'))).toBe(true);
    expect((await run()).issues).toMatchObject({ created: 0, relabeled: 0, unchanged: 2 });
  });

  it('a 422 on one issue: the others are still synced, the failure is named, exit 3', async () => {
    const { fake, repo, pr, run, openIssues } = await setup();
    fake.failWith(422, 1, ISSUE_CREATE, 'Validation Failed: title is too long');
    const err = await run({ ...FAILING, missingCsp: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    const result = (err as PublishError).result!;
    expect(result.issues).toMatchObject({ created: 2 });
    expect(result.failures).toEqual([
      expect.stringMatching(/^issues: opening "opsgate: .*": 422 Validation Failed: title is too long/),
    ]);
    expect((err as Error).message).toContain('422 Validation Failed: title is too long');
    expect(openIssues()).toHaveLength(2);
    expect(repo.commentsOn(pr)).toHaveLength(1); // the comment was posted regardless

    // The CLI maps it to exit 3 with the failure named.
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { ...FAILING, missingCsp: true, dashboardP95: 990 });
    const { env } = await mainContext(fake, dir, { runId: '9' });
    fake.failWith(422, 1, /^PATCH \/repos\/acme\/shop\/issues\/\d+$/, 'Validation Failed: body');
    const stderr: string[] = [];
    const saved = { ...process.env };
    const origErr = console.error;
    const origLog = console.log;
    console.error = (...a: unknown[]) => stderr.push(a.join(' '));
    console.log = () => {};
    Object.assign(process.env, env, { GITHUB_TOKEN: 'test-token', OPSGATE_RETRY_BASE_MS: '5' });
    try {
      expect(
        await main(['publish', '--out', out, '--no-store', '--config', path.join(dir, 'none.yml')]),
      ).toBe(3);
    } finally {
      console.error = origErr;
      console.log = origLog;
      process.env = saved;
    }
    expect(stderr.join('\n')).toMatch(/failed at issues: #\d+ \(.*\): 422 Validation Failed: body/);
    expect(openIssues()).toHaveLength(3); // the third control's issue was opened on this run
  });

  it('a 404 on the comment edit (deleted meanwhile): a fresh comment', async () => {
    const { fake, repo, pr, run } = await setup();
    await run();
    const old = repo.commentsOn(pr)[0]!;
    fake.inject({
      status: 404,
      times: 1,
      match: /^PATCH \/repos\/acme\/shop\/issues\/comments\/\d+$/,
      message: 'Not Found',
      onHit: () => repo.comments.splice(repo.comments.indexOf(old), 1),
    });
    const again = await run({ ...FAILING, dashboardP95: 990 });
    expect(fake.faults.injected).toBe(1);
    expect(again.comment?.action).toBe('created');
    expect(again.warnings).toEqual([]);
    const now = repo.commentsOn(pr);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(old.id);
    expect(now[0]!.body).toContain('990');
  });

  it('pre-existing duplicates (same marker, same author) fold to the oldest', async () => {
    const { repo, pr, run, openIssues } = await setup();
    await run();
    const [keep] = openIssues();
    const comment = repo.commentsOn(pr)[0]!;
    const dupIssue = { ...keep!, id: 9001, number: repo.issues.length + 1, labels: [...keep!.labels] };
    repo.issues.push(dupIssue);
    repo.comments.push({ ...comment, id: 9002 });
    // A human's copy of the marker is never ours to fold.
    repo.issues.push({ ...keep!, id: 9003, number: repo.issues.length + 1, author: 'mallory' });

    const again = await run();
    expect(again.issues).toMatchObject({ created: 0, duplicatesClosed: 1, failures: [] });
    expect(repo.commentsOn(pr).map((c) => c.id)).toEqual([comment.id]);
    expect(dupIssue).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(repo.commentsOn(dupIssue.number).map((c) => c.body)).toEqual([
      `Duplicate of #${keep!.number}: opsgate tracks this control there.`,
    ]);
    expect(repo.issues.find((i) => i.author === 'mallory')?.state).toBe('open');
    expect(openIssues().filter((i) => i.author !== 'mallory')).toHaveLength(2);
  });

  it('the drill issue: an ambiguous create and a deleted label leave one issue', async () => {
    const { fake, repo, gh, dir } = await setup();
    const { context } = await mainContext(fake, dir, { runId: '1' });
    const o = { month: '2026-12', render: () => `${drillMarker('2026-12')}\ndrill body` };
    fake.applyThen502(1, ISSUE_CREATE);
    expect(await upsertDrillIssue(gh, context, o)).toMatchObject({ action: 'created' });
    await gh.rest.issues.deleteLabel({ owner: 'acme', repo: 'shop', name: 'opsgate-drill' });
    expect(await upsertDrillIssue(gh, context, o)).toMatchObject({ action: 'unchanged' });
    expect(repo.issuesOnly()).toHaveLength(1);
    expect(repo.issuesOnly()[0]!.labels).toEqual(['opsgate-drill']);
    expect(
      fake.requests.filter((r) => r.method === 'POST' && ISSUE_CREATE.test(`POST ${r.path}`)),
    ).toHaveLength(1);
  });
});
