import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { publish, PublishError } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, tempDir, writeRun } from '../support/github-evidence.js';

/** What a repository looks like after publishing, for comparing a clean run with a faulty one. */
function snapshot(fake: FakeGitHub, pr: number) {
  const repo = fake.repo('acme/shop');
  return {
    issues: repo
      .issuesOnly()
      .map((i) => ({ title: i.title, state: i.state, labels: i.labels }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    prComments: repo.commentsOn(pr).length,
    evidenceFiles: repo.filesOn('opsgate-evidence').filter((f) => f.startsWith('evidence/')).length,
    logLines: (repo.readFile('opsgate-evidence', 'logs/publish.jsonl') ?? '').split('\n').filter(Boolean)
      .length,
  };
}

async function publishTwice(fake: FakeGitHub, log: string[]) {
  const pr = fake.repo('acme/shop').openPullRequest().number;
  const dir = await tempDir();
  const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true, dashboardP95: 850 });
  const gh = fakeClient(fake, log);
  for (const runId of ['1', '2'])
    await publish({
      outDir: out,
      octokit: gh,
      context: (await mainContext(fake, dir, { pr, runId })).context,
      write: () => {},
      log: () => {},
    });
  return snapshot(fake, pr);
}

describe('publish under faults', () => {
  const fakes: FakeGitHub[] = [];
  afterEach(async () => {
    for (const f of fakes.splice(0)) await f.stop();
  });
  const start = async () => {
    const f = await startFakeGitHub();
    fakes.push(f);
    return f;
  };

  it('502s and secondary rate limits (403 and 429 + retry-after) on N calls → the same result', async () => {
    const clean = await publishTwice(await start(), []);
    expect(clean).toMatchObject({ prComments: 1, evidenceFiles: 3, logLines: 1 });
    expect(clean.issues).toHaveLength(2);

    const faulty = await start();
    // Every kind of call gets hit: reads, issue writes, comment writes and the git data API.
    faulty.failWith502(2); // the first two requests of the run
    faulty.failWith502(2, /^POST .*\/git\/(trees|commits)$/);
    faulty.secondaryRateLimit(2, 1, 403, /^POST .*\/issues$/);
    faulty.secondaryRateLimit(1, 2, 429, /^GET .*\/issues\/\d+\/comments$/);
    faulty.failWith502(1, /^POST .*\/git\/refs$/);
    faulty.secondaryRateLimit(1, 1, 429, /^PATCH .*\/issues\/comments\//);
    const log: string[] = [];
    expect(await publishTwice(faulty, log)).toEqual(clean);
    expect(faulty.faults.pending).toBe(0);
    expect(faulty.faults.injected).toBe(9);
    expect(log.filter((l) => l.includes('secondary rate limit'))).toHaveLength(4);
  });

  it('a secondary rate limit that does not lift fails after a bounded number of retries', async () => {
    const fake = await start();
    fake.secondaryRateLimit(50, 1, 403, /^GET .*\/issues$/);
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true });
    const { context } = await mainContext(fake, dir, { pr: fake.repo('acme/shop').openPullRequest().number });
    await expect(
      publish({
        outDir: out,
        octokit: fakeClient(fake),
        context,
        evidenceBranch: false,
        comment: false,
        write: () => {},
        log: () => {},
      }),
    ).rejects.toThrow(/failed at issues .*secondary rate limit/);
    // 1 try + 3 retries, then it gives up instead of hanging the job.
    expect(fake.requests.filter((r) => r.status === 403 && r.path.endsWith('/issues'))).toHaveLength(4);
  });

  it('with GitHub down: a clear failure after the evidence was written to disk', async () => {
    const fake = await start();
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true });
    const { context, env } = await mainContext(fake, dir, { pr: 1 });
    await fake.stop();
    const err = await publish({
      outDir: out,
      octokit: fakeClient(fake),
      context,
      write: () => {},
      log: () => {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    const message = (err as Error).message;
    expect(message).toContain(`publishing to GitHub failed at evidence store (${fake.url})`);
    expect(message).toContain(`${path.join(out, 'evidence')} (3 files)`);
    expect(message).toContain('re-run `opsgate publish');
    // The evidence and the reports are on disk.
    expect((await readdir(path.join(out, 'evidence'))).sort()).toEqual([
      'headers.json',
      'load.json',
      'rbac.json',
    ]);
    expect(existsSync(path.join(out, 'report.md'))).toBe(true);

    // The CLI: exit 3 with the message, token never printed.
    const stderr: string[] = [];
    const saved = { ...process.env };
    const origErr = console.error;
    console.error = (...a: unknown[]) => stderr.push(a.join(' '));
    Object.assign(process.env, env, { GITHUB_TOKEN: 'ghs_secretTokenValue123', OPSGATE_RETRY_BASE_MS: '5' });
    try {
      expect(await main(['publish', '--out', out, '--config', path.join(dir, 'none.yml')])).toBe(3);
    } finally {
      console.error = origErr;
      process.env = saved;
    }
    expect(stderr.join('\n')).toMatch(/publishing to GitHub failed at evidence store .*ECONNREFUSED/);
    expect(stderr.join('\n')).not.toContain('ghs_secretTokenValue123');
  });
});
