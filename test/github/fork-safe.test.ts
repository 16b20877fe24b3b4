import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PENDING_CONTEXT_FILE } from '../../src/github/fork-follow-up.js';
import { publish } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, prContext, tempDir, writeRun } from '../support/github-evidence.js';

const FORK_HEAD = 'f'.repeat(40);

/** Run the CLI in-process with these environment variables; returns exit code and output. */
async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  const write = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  Object.assign(process.env, env);
  try {
    const code = await main(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.stdout.write = write;
    process.env = saved;
  }
}

describe('fork-safe publishing', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ readOnlyTokens: ['read-only-token'] });
  });
  afterAll(async () => fake.stop());

  it('a fork PR writes nothing, keeps the evidence, and a workflow_run follow-up publishes it', async () => {
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest('From a fork', { head: FORK_HEAD });
    const decoy = repo.openPullRequest('Someone else', { head: '9'.repeat(40) });
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true });
    const summaryFile = path.join(dir, 'summary.md');
    await writeFile(summaryFile, '');
    const { context } = await prContext(fake, dir, {
      pr: pr.number,
      fork: true,
      headSha: FORK_HEAD,
      runId: '77',
    });
    expect(context.readOnly).toBe(true);
    expect(context.readOnlyReason).toContain('fork mallory/shop');

    const before = fake.requests.length;
    const lines: string[] = [];
    const res = await publish({
      outDir: out,
      octokit: fakeClient(fake, [], 'read-only-token'),
      context,
      summaryFile,
      write: (l) => lines.push(l),
      log: () => {},
    });
    expect(fake.requests.length).toBe(before); // not a single API call
    expect(res.readOnly).toBe(true);
    expect(res.followUp).toContain('workflow_run');
    expect(res.followUp).toContain('opsgate publish --out');
    expect(lines.some((l) => l.startsWith('::error title=opsgate rbac%3A viewer DELETE'))).toBe(true);
    expect(await readFile(summaryFile, 'utf8')).toContain('gate failed');
    const pending = JSON.parse(await readFile(path.join(out, PENDING_CONTEXT_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pending).toMatchObject({ pullNumber: pr.number, sha: FORK_HEAD });

    // The follow-up: a workflow_run event in the base repository, with a write token.
    const eventPath = path.join(dir, 'workflow-run.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        workflow_run: {
          id: 77,
          name: 'opsgate PR checks',
          html_url: 'https://github.example/acme/shop/actions/runs/77',
          head_sha: FORK_HEAD,
          pull_requests: [],
        },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      }),
    );
    const env = {
      GITHUB_TOKEN: 'write-token',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: fake.url,
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '78',
      OPSGATE_RETRY_BASE_MS: '5',
      OPSGATE_SPACE_WRITES: '0',
    };
    // A tampered artifact naming another PR is refused.
    await writeFile(
      path.join(out, PENDING_CONTEXT_FILE),
      JSON.stringify({ ...pending, pullNumber: decoy.number }),
    );
    const forged = await cli(['publish', '--out', out, '--config', path.join(dir, 'absent.yml')], env);
    expect(forged.code).toBe(3);
    expect(forged.err).toContain('refusing to publish');
    expect(repo.commentsOn(decoy.number)).toHaveLength(0);

    await writeFile(path.join(out, PENDING_CONTEXT_FILE), JSON.stringify(pending));
    const followUp = await cli(['publish', '--out', out, '--config', path.join(dir, 'absent.yml')], env);
    expect(followUp.err).toBe('');
    expect(followUp.code).toBe(0);
    expect(followUp.out).toContain('PR comment: created');
    // Fork evidence is untrusted: the PR's comment only, marked so; no issues, no store.
    expect(followUp.out).not.toContain('issues:');
    expect(repo.commentsOn(pr.number)).toHaveLength(1);
    expect(repo.commentsOn(pr.number)[0]!.body).toContain('/actions/runs/77');
    expect(repo.commentsOn(pr.number)[0]!.body).toContain('Unverified results of a fork run');
    expect(repo.issuesOnly()).toHaveLength(0);
    expect(repo.git.refs.get('refs/heads/opsgate-evidence')).toBeUndefined();

    // An explicit --pr in the follow-up is checked the same way.
    const explicit = await cli(
      ['publish', '--out', out, '--pr', String(decoy.number), '--config', path.join(dir, 'absent.yml')],
      env,
    );
    expect(explicit.code).toBe(3);
    expect(explicit.err).toContain(`the evidence names PR #${decoy.number}`);
  });

  it('a token without write permission on a normal run: each part skipped with a notice', async () => {
    const repo = fake.repo('acme/locked');
    const pr = repo.openPullRequest();
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true });
    const { context } = await mainContext(fake, dir, { pr: pr.number, repo: 'acme/locked' });
    const log: string[] = [];
    const res = await publish({
      outDir: out,
      octokit: fakeClient(fake, [], 'read-only-token'),
      context,
      write: () => {},
      log: (m) => log.push(m),
    });
    expect(res.warnings.map((w) => w.split(':')[0])).toEqual(['evidence store', 'PR comment', 'issues']);
    expect(log.join('\n')).toContain('Resource not accessible by integration');
    expect(repo.comments).toHaveLength(0);
    expect(existsSync(path.join(out, 'evidence', 'rbac.json'))).toBe(true);
  });
});
