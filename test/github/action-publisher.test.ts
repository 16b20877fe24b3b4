import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishFromAction } from '../../src/github/action-publisher.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { prContext, tempDir, writeRun } from '../support/github-evidence.js';

describe('publishFromAction (what the bundled actions call)', () => {
  let fake: FakeGitHub;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(async () => fake.stop());

  it('publishes from the runner environment; without a token it writes nothing', async () => {
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest();
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { viewerCanDelete: true });
    const { env } = await prContext(fake, dir, { pr: pr.number, runId: '31' });
    Object.assign(process.env, env, { OPSGATE_RETRY_BASE_MS: '5', OPSGATE_SPACE_WRITES: '0' });
    const log: string[] = [];
    const lines: string[] = [];
    const request = {
      outDir: out,
      config: undefined,
      commentKey: 'pr-checks',
      log: (m: string) => log.push(m),
      write: (l: string) => lines.push(l),
    };

    const before = fake.requests.length;
    const none = await publishFromAction({ ...request, token: '' });
    expect(none.published).toBe(false);
    expect(none.message).toContain('read-only token');
    expect(log.join('\n')).toContain('no GitHub token given');
    expect(fake.requests.length).toBe(before);

    const done = await publishFromAction({ ...request, token: 'action-token' });
    expect(done.published).toBe(true);
    expect(lines.filter((l) => l.startsWith('::error title=opsgate rbac'))).toHaveLength(2);
    expect(done.message).toContain('PR comment: created');
    // A same-repository PR run: its comment only, no issues.
    expect(done.message).not.toContain('issues:');
    expect(repo.issuesOnly()).toHaveLength(0);
    expect(repo.commentsOn(pr.number)[0]!.body.startsWith('<!-- opsgate:comment:pr-checks -->')).toBe(true);
  });
});
