import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishEvidence, startEvidence } from '../../src/core/evidence/new-evidence.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { DEMO_PASSWORD, pgUrl, startTestDemo } from '../support/demo.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { runActionProcess, type ActionRunOptions } from './action-process.js';
import { demoJobConfig } from './demo-job-config.js';

/**
 * The actions publishing for real: `node dist/<action>.js` with a token, a pull_request event and
 * GITHUB_API_URL pointing at the local stateful GitHub server, against the demo target.
 */
const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

function prEvent(pr: number, fork = false) {
  return {
    pull_request: {
      number: pr,
      head: { sha: HEAD, repo: { full_name: fork ? 'mallory/shop' : 'acme/shop' } },
      base: { sha: BASE, repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

describe('actions publishing to GitHub', () => {
  let fake: FakeGitHub;
  let job: string;
  beforeAll(async () => {
    fake = await startFakeGitHub();
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-publish-job-'));
    await writeFile(path.join(job, 'opsgate.yml'), demoJobConfig());
  });
  afterAll(async () => {
    await fake?.stop();
    if (job) await rm(job, { recursive: true, force: true });
  });

  async function headersRun(flaws: string[], opts: Partial<ActionRunOptions> & { pr: number; apiUrl?: string }) {
    const demo = await startTestDemo({ flaws, rateLimitBypassToken: 'publish-test-bypass' });
    try {
      return await runActionProcess('headers', {
        cwd: job,
        token: 'ghs_publishtesttoken0001',
        eventName: 'pull_request',
        event: prEvent(opts.pr),
        ...opts,
        inputs: { 'comment-key': 'pr-checks', ...opts.inputs },
        env: {
          DEMO_URL: demo.url,
          DEMO_USER_PASSWORD: DEMO_PASSWORD,
          DEMO_RATE_LIMIT_BYPASS: 'publish-test-bypass',
          DEMO_DATABASE_URL: demo.databaseUrl,
          DEMO_PG_URL: pgUrl(),
          GITHUB_API_URL: opts.apiUrl ?? fake.url,
          GITHUB_SHA: 'd'.repeat(40),
          GITHUB_REF: `refs/pull/${opts.pr}/merge`,
          OPSGATE_RETRY_BASE_MS: '5',
          OPSGATE_SPACE_WRITES: '0',
          ...opts.env,
        },
      });
    } finally {
      await demo.stopAll();
    }
  }

  const pushRun = (flaws: string[], pr: number) =>
    headersRun(flaws, {
      pr,
      eventName: 'push',
      event: { repository: { full_name: 'acme/shop', default_branch: 'main' } },
      env: { GITHUB_REF: 'refs/heads/main' },
    });

  it('PR runs edit one sticky comment and write nothing else; trusted runs open one issue per failing control and close them when passing', async () => {
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest('Harden headers', { head: HEAD, base: BASE });
    for (let i = 0; i < 3; i++) {
      const run = await headersRun(['missing-headers'], { pr: pr.number });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('::error title=opsgate headers');
      expect(run.summary).toContain('_Publish: ');
    }
    const comments = repo.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- opsgate:comment:pr-checks -->')).toBe(true);
    expect(comments[0]!.body).toContain('gate failed');
    expect(repo.issuesOnly()).toHaveLength(0);
    expect(repo.filesOn('opsgate-evidence')).toHaveLength(0);

    let failedControls = 0;
    for (let i = 0; i < 2; i++) {
      const run = await pushRun(['missing-headers'], pr.number);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      failedControls = Number(run.outputs['failed-controls']);
    }
    const open = repo.issuesOnly().filter((i) => i.state === 'open');
    expect(failedControls).toBeGreaterThan(0);
    expect(open).toHaveLength(failedControls);
    expect(repo.filesOn('opsgate-evidence').some((f) => f.startsWith('evidence/headers/'))).toBe(true);
    expect(JSON.stringify(fake.requests)).not.toContain(DEMO_PASSWORD);

    // A passing PR run closes nothing: only trusted runs change issues.
    const passingPr = await headersRun([], { pr: pr.number });
    expect(passingPr.code, passingPr.stdout + passingPr.stderr).toBe(0);
    expect(repo.commentsOn(pr.number)).toHaveLength(1);
    expect(repo.commentsOn(pr.number)[0]!.body).toContain('gate passed');
    expect(repo.issuesOnly().filter((i) => i.state === 'open')).toHaveLength(failedControls);

    const passing = await pushRun([], pr.number);
    expect(passing.code, passing.stdout + passing.stderr).toBe(0);
    expect(repo.issuesOnly().filter((i) => i.state === 'open')).toHaveLength(0);
  });

  it('a fork PR writes nothing to GitHub and keeps the evidence', async () => {
    const repo = fake.repo('acme/fork-case');
    const pr = repo.openPullRequest('From a fork', { head: HEAD, base: BASE });
    const writesBefore = fake.requests.filter((r) => r.method !== 'GET').length;
    const run = await headersRun(['missing-headers'], {
      pr: pr.number,
      event: prEvent(pr.number, true),
      env: { GITHUB_REPOSITORY: 'acme/fork-case' },
    });
    expect(run.code).toBe(1);
    expect(existsSync(run.outputs['evidence-path']!)).toBe(true);
    expect(run.stdout).toContain('nothing was posted to GitHub');
    expect(fake.requests.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
    expect(repo.commentsOn(pr.number)).toHaveLength(0);
  });

  it('fork follow-up: the gate publishes a fork PR\'s artifact only for the PR whose head the run built', async () => {
    const repo = fake.repo('acme/follow-up');
    const pr = repo.openPullRequest('From a fork', { head: HEAD, base: BASE });
    const fork = await headersRun(['missing-headers'], {
      pr: pr.number,
      event: prEvent(pr.number, true),
      inputs: { out: 'fork-artifact' },
      env: { GITHUB_REPOSITORY: 'acme/follow-up' },
    });
    expect(fork.code).toBe(1);
    const followUp = (headSha: string, out: string) =>
      runActionProcess('gate', {
        cwd: job,
        token: 'ghs_followuptoken000001',
        eventName: 'workflow_run',
        event: {
          workflow_run: { id: 77, head_sha: headSha, event: 'pull_request', pull_requests: [], name: 'opsgate PR checks' },
          repository: { full_name: 'acme/follow-up', default_branch: 'main' },
        },
        inputs: { out, 'evidence-dirs': 'fork-artifact', 'pull-request': String(pr.number), 'comment-key': 'pr-checks' },
        env: { GITHUB_REPOSITORY: 'acme/follow-up', GITHUB_API_URL: fake.url, OPSGATE_RETRY_BASE_MS: '5', OPSGATE_SPACE_WRITES: '0' },
      });
    const forged = await followUp('e'.repeat(40), 'follow-up-forged');
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('refusing to publish');
    expect(repo.commentsOn(pr.number)).toHaveLength(0);

    const real = await followUp(HEAD, 'follow-up');
    expect(real.code).toBe(1); // the gate still fails: the headers are missing
    expect(real.outputs.verdict).toBe('fail');
    expect(repo.commentsOn(pr.number)).toHaveLength(1);
    expect(repo.commentsOn(pr.number)[0]!.body).toContain('Unverified results of a fork run');
    expect(repo.issuesOnly()).toHaveLength(0);
    expect(repo.filesOn('opsgate-evidence')).toHaveLength(0);
  });

  it('the monthly gate opens the drill issue once and edits it in place, keeping ticked boxes', async () => {
    const repo = fake.repo('acme/monthly');
    await writeFile(
      path.join(job, 'monthly-drill.yml'),
      'name: monthly\nchecks: [headers]\nsign-off:\n  approvers: [alice, bob]\n',
    );
    const headers = startEvidence('headers', 'http://127.0.0.1:9', 'demo');
    headers.summary = 'all headers present';
    headers.thresholds.push({ name: 'GET / content-security-policy', limit: 'present', actual: 'present', ok: true });
    await writeEvidence(path.join(job, 'monthly-artifacts', 'opsgate-headers'), finishEvidence(headers));
    const drillRun = (out: string) =>
      runActionProcess('gate', {
        cwd: job,
        token: 'ghs_drilltoken000000001',
        eventName: 'schedule',
        event: { repository: { full_name: 'acme/monthly', default_branch: 'main' } },
        inputs: { out, 'evidence-dirs': 'monthly-artifacts', 'comment-key': 'monthly-drill', drill: '2026-11', 'drill-file': 'monthly-drill.yml' },
        env: { GITHUB_REPOSITORY: 'acme/monthly', GITHUB_REF: 'refs/heads/main', GITHUB_API_URL: fake.url, GITHUB_RUN_ID: '901', OPSGATE_RETRY_BASE_MS: '5', OPSGATE_SPACE_WRITES: '0' },
      });
    const drillIssues = () => repo.issuesOnly().filter((i) => i.labels.includes('opsgate-drill'));

    const first = await drillRun('drill-1');
    expect(first.outputs['drill-title']).toBe('Drill 2026-11');
    expect(first.outputs['drill-issue-number'], first.stdout + first.stderr).toBe('1');
    expect(first.summary).toContain('drill issue #1 created');
    expect(drillIssues()).toHaveLength(1);
    const issue = drillIssues()[0]!;
    expect(issue.title).toBe('Drill 2026-11');
    expect(issue.body).toBe(await readFile(first.outputs['drill-issue-path']!, 'utf8'));
    expect(issue.body).toContain('- [ ] @alice signs off these drill results');

    issue.body = issue.body!.replace('- [ ] @alice', '- [x] @alice');
    const second = await drillRun('drill-2');
    expect(second.outputs['drill-issue-number']).toBe(String(issue.number));
    expect(drillIssues()).toHaveLength(1);
    expect(issue.body).toContain('- [x] @alice signs off these drill results');
    expect(issue.body).toContain('- [ ] @bob signs off these drill results');
    expect(issue.body).toContain('/acme/monthly/actions/runs/901');
  });

  it('the signoff action appends to the drill log on the evidence branch', async () => {
    const repo = fake.repo('acme/drills');
    await writeFile(
      path.join(job, 'drill.yml'),
      'name: monthly\nchecks: [headers]\nsign-off:\n  approvers: [alice]\n',
    );
    const event = {
      action: 'created',
      issue: { number: 3, title: 'Drill 2026-11', body: '<!-- opsgate:drill:2026-11 -->' },
      comment: { body: '/signoff', user: { login: 'alice' }, html_url: 'https://github.example/acme/drills/issues/3#c1' },
    };
    const signoff = () =>
      runActionProcess('signoff', {
        cwd: job,
        token: 'ghs_signofftoken0000001',
        eventName: 'issue_comment',
        event,
        inputs: { 'drill-file': 'drill.yml' },
        env: { GITHUB_REPOSITORY: 'acme/drills', GITHUB_API_URL: fake.url, OPSGATE_RETRY_BASE_MS: '5', OPSGATE_SPACE_WRITES: '0' },
      });
    const first = await signoff();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs['signed-off']).toBe('true');
    const again = await signoff();
    expect(again.summary).toContain('already recorded');
    const log = repo.readFile('opsgate-evidence', 'logs/drill.jsonl')!.trim().split('\n').map((l) => JSON.parse(l));
    expect(log).toMatchObject([{ kind: 'signoff', drill: '2026-11', approver: 'alice', via: 'comment', issue: 3 }]);
  });

  it('with GitHub down the step fails with a clear message after the evidence was written', async () => {
    const run = await headersRun([], { pr: 1, apiUrl: 'http://127.0.0.1:9', inputs: { out: 'out-down' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('pass');
    expect(existsSync(path.join(job, 'out-down', 'evidence', 'headers.json'))).toBe(true);
    expect(run.stdout).toMatch(/::error::publishing failed: .*evidence is on disk/);
    // The only place the token appears is the runner's own masking command.
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain('ghs_publishtesttoken0001');
    expect(run.stdout).toContain('::add-mask::ghs_publishtesttoken0001');
  });
});
