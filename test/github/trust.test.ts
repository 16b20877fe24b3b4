import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHubContext } from '../../src/github/context.js';
import { publish } from '../../src/github/publish.js';
import { trustLevel, WRITE_POLICY } from '../../src/github/trust.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import {
  fakeClient,
  mainContext,
  prContext,
  runEvidence,
  tempDir,
  writeRun,
} from '../support/github-evidence.js';

const quiet = { write: () => {}, log: () => {} };
const facts = { owner: 'acme', repo: 'shop', defaultBranch: 'trunk' };

describe('trust level comes from the event, never from evidence', () => {
  it('classifies runs by event, ref and head repository', () => {
    expect(trustLevel({ ...facts, eventName: 'push', ref: 'refs/heads/trunk' })).toBe('trusted');
    expect(trustLevel({ ...facts, eventName: 'schedule', ref: 'refs/heads/trunk' })).toBe('trusted');
    expect(trustLevel({ ...facts, eventName: 'workflow_dispatch', ref: 'refs/heads/trunk' })).toBe('trusted');
    // `main` is not assumed: the detected default branch here is `trunk`.
    expect(trustLevel({ ...facts, eventName: 'push', ref: 'refs/heads/main' })).toBe('untrusted');
    expect(
      trustLevel({
        ...facts,
        eventName: 'push',
        ref: 'refs/heads/release',
        protectedRefs: ['refs/heads/release'],
      }),
    ).toBe('trusted');
    expect(trustLevel({ ...facts, eventName: 'push', ref: 'refs/heads/trunk', defaultBranch: '' })).toBe(
      'untrusted',
    );
    expect(trustLevel({ ...facts, eventName: 'pull_request', headRepository: 'acme/shop' })).toBe(
      'pull-request',
    );
    expect(trustLevel({ ...facts, eventName: 'pull_request', headRepository: 'mallory/shop' })).toBe(
      'untrusted',
    );
    expect(trustLevel({ ...facts, eventName: 'pull_request' })).toBe('untrusted');
    expect(trustLevel({ ...facts, eventName: 'pull_request_target', headRepository: 'acme/shop' })).toBe(
      'untrusted',
    );
    expect(trustLevel({ ...facts, eventName: 'issue_comment' })).toBe('untrusted');
    expect(
      trustLevel({
        ...facts,
        eventName: 'workflow_run',
        ref: 'refs/heads/trunk',
        triggerEvent: 'pull_request',
        triggerHeadRepository: 'mallory/shop',
      }),
    ).toBe('untrusted');
    expect(
      trustLevel({
        ...facts,
        eventName: 'workflow_run',
        triggerEvent: 'push',
        triggerRef: 'refs/heads/trunk',
      }),
    ).toBe('trusted');
    expect(WRITE_POLICY.untrusted).toMatchObject({
      issues: false,
      store: false,
      drill: false,
      comment: true,
    });
    expect(WRITE_POLICY['pull-request']).toMatchObject({ issues: false, store: false, drill: false });
  });
});

describe('forged fork evidence (against the local GitHub server)', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => fake.stop());

  it('a fork follow-up with hand-written passing evidence closes nothing, stores nothing, says unverified', async () => {
    const repo = fake.repo('acme/shop');
    const dir = await tempDir();
    const gh = fakeClient(fake);
    // A trusted run on main opens the issues and writes the store.
    const failing = await writeRun(path.join(dir, 'main'), {
      viewerCanDelete: true,
      dashboardP95: 850,
      missingCsp: true,
    });
    const onMain = await publish({
      outDir: failing,
      octokit: gh,
      context: (await mainContext(fake, dir)).context,
      ...quiet,
    });
    expect(onMain.trust).toBe('trusted');
    expect(onMain.issues?.created).toBe(3);
    const storeHead = repo.git.refs.get('refs/heads/opsgate-evidence');
    expect(storeHead).toBeDefined();

    // The fork's artifact: every check "passes" with no controls at all.
    const forged = path.join(dir, 'forged');
    await mkdir(path.join(forged, 'evidence'), { recursive: true });
    for (const e of runEvidence({})) {
      const blank = { ...e, verdict: 'pass', thresholds: [], findings: [], summary: 'all good' };
      await writeFile(path.join(forged, 'evidence', `${e.check}.json`), JSON.stringify(blank));
    }
    const pr = repo.openPullRequest('From a fork', { head: 'f'.repeat(40) });
    const eventPath = path.join(dir, 'workflow-run.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        workflow_run: {
          id: 900,
          event: 'pull_request',
          head_branch: 'main',
          head_sha: 'f'.repeat(40),
          head_repository: { full_name: 'mallory/shop' },
          pull_requests: [],
        },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      }),
    );
    const context = readGitHubContext(
      {
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_API_URL: fake.url,
      },
      { pullNumber: pr.number },
    );
    const before = fake.requests.length;
    const res = await publish({ outDir: forged, octokit: gh, context, ...quiet });
    expect(res.trust).toBe('untrusted');
    expect(res.issues).toBeUndefined();
    expect(res.stored).toBeUndefined();
    expect(repo.issuesOnly().filter((i) => i.state === 'closed')).toHaveLength(0);
    expect(repo.git.refs.get('refs/heads/opsgate-evidence')).toBe(storeHead);
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /repos/acme/shop/issues/${pr.number}/comments`,
    ]);
    const body = repo.commentsOn(pr.number)[0]!.body;
    expect(body).toContain('Unverified results of a fork run');
  });

  it('a same-repository PR run in which a control is missing closes nothing; a trusted pass closes it', async () => {
    const repo = fake.repo('acme/same');
    const dir = await tempDir();
    const gh = fakeClient(fake);
    const failing = await writeRun(path.join(dir, 'main'), { viewerCanDelete: true });
    await publish({
      outDir: failing,
      octokit: gh,
      context: (await mainContext(fake, dir, { repo: 'acme/same' })).context,
      ...quiet,
    });
    const rbac = () => repo.issuesOnly().find((i) => i.title.includes('rbac'))!;
    expect(rbac().state).toBe('open');

    const pr = repo.openPullRequest('Same repo').number;
    const missing = await writeRun(path.join(dir, 'pr'), {});
    const { context } = await prContext(fake, dir, { pr, repo: 'acme/same', runId: '7' });
    const prRun = await publish({ outDir: missing, octokit: gh, context, ...quiet });
    expect(prRun.trust).toBe('pull-request');
    expect(prRun.issues).toBeUndefined();
    expect(rbac().state).toBe('open');

    const passing = await writeRun(path.join(dir, 'main2'), { startedAt: '2026-11-24T10:00:00.000Z' });
    const ok = await publish({
      outDir: passing,
      octokit: gh,
      context: (await mainContext(fake, dir, { repo: 'acme/same', runId: '8' })).context,
      ...quiet,
    });
    expect(ok.issues?.closed).toBe(1);
    expect(rbac().state).toBe('closed');
    expect(await readdir(path.join(passing, 'evidence'))).toContain('rbac.json');
  });

  it("a finding absent from a trusted run closes its issue only when that run covered the finding's scope", async () => {
    const repo = fake.repo('acme/scoped');
    const dir = await tempDir();
    const gh = fakeClient(fake);
    let n = 0;
    const trustedRun = async (shape: Parameters<typeof writeRun>[1]) =>
      publish({
        outDir: await writeRun(path.join(dir, `run-${++n}`), {
          startedAt: `2026-11-2${n}T10:00:00.000Z`,
          ...shape,
        }),
        octokit: gh,
        context: (await mainContext(fake, dir, { repo: 'acme/scoped', runId: String(n) })).context,
        ...quiet,
      });
    await trustedRun({ missingCsp: true, headersCoverage: ['place:/'] });
    const csp = () => repo.issuesOnly().find((i) => i.title.includes('Content-Security-Policy'))!;
    expect(csp().state).toBe('open');
    expect(csp().body).toContain('<!-- opsgate:scope:place%3A%2F -->');

    // The page was not looked at (another page only, or no coverage at all): nothing is known.
    expect((await trustedRun({})).issues?.closed).toBe(0);
    expect((await trustedRun({ headersCoverage: ['place:/other'] })).issues?.closed).toBe(0);
    expect(csp().state).toBe('open');

    const fixed = await trustedRun({ headersCoverage: ['place:/', 'place:/other'] });
    expect(fixed.issues?.closed).toBe(1);
    expect(csp().state).toBe('closed');
  });
});
