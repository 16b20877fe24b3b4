import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_COMMENT_CHARS,
  commentMarker,
  findStickyComment,
  fitComment,
  upsertStickyComment,
} from '../../src/github/pr-comment.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient } from '../support/github-evidence.js';

describe('sticky PR comment', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    // Small pages so the marker lookup has to follow the link header.
    fake = await startFakeGitHub({ maxPerPage: 3 });
  });
  afterAll(async () => fake.stop());

  it('finds its marker on a later page among other comments and never duplicates', async () => {
    const repo = fake.repo('acme/paged');
    const pr = repo.openPullRequest();
    const gh = fakeClient(fake);
    const t = { owner: 'acme', repo: 'paged', issueNumber: pr.number, key: 'pr-checks' };
    for (let i = 0; i < 7; i++)
      await gh.rest.issues.createComment({
        owner: 'acme',
        repo: 'paged',
        issue_number: pr.number,
        body: `review ${i}`,
      });
    expect((await upsertStickyComment(gh, t, 'first')).action).toBe('created');
    // Another workflow's sticky comment on the same PR is a different key.
    await upsertStickyComment(gh, { ...t, key: 'nightly' }, 'other');
    for (let i = 0; i < 5; i++)
      await gh.rest.issues.createComment({
        owner: 'acme',
        repo: 'paged',
        issue_number: pr.number,
        body: `more ${i}`,
      });
    expect((await upsertStickyComment(gh, t, 'second')).action).toBe('updated');
    expect((await upsertStickyComment(gh, t, 'second')).action).toBe('unchanged');
    const ours = repo.commentsOn(pr.number).filter((c) => c.body.includes(commentMarker('pr-checks')));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe(`${commentMarker('pr-checks')}\nsecond`);
    // The lookup pages through all 14 comments, 3 per page.
    const before = fake.requests.length;
    expect((await findStickyComment(gh, { ...t, key: 'nightly' }))?.body).toContain('other');
    expect(fake.countSince(before, 'GET')).toBe(5);
  });

  it('fits a huge report under 65,536 characters with a link to the artifacts', async () => {
    const rows = Array.from(
      { length: 4000 },
      (_, i) => `| ❌ | cell ${i} | 403 | 200 | viewer DELETE /api/leases/${i} |`,
    );
    const report = [
      '## opsgate',
      '',
      '<details><summary>Other controls</summary>',
      '',
      ...rows,
      '',
      '</details>',
    ].join('\n');
    expect(report.length).toBeGreaterThan(MAX_COMMENT_CHARS);
    const fitted = fitComment(
      report,
      'pr-checks',
      'https://github.example/acme/shop/actions/runs/9#artifacts',
    );
    const body = `${commentMarker('pr-checks')}\n${fitted}`;
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body.length).toBeGreaterThan(MAX_COMMENT_CHARS - 1000);
    expect(fitted).toContain("[run's artifacts](https://github.example/acme/shop/actions/runs/9#artifacts)");
    expect(fitted).toMatch(/Report truncated .* characters shown/);
    expect((fitted.match(/<details>/g) ?? []).length).toBe((fitted.match(/<\/details>/g) ?? []).length);
    // The fake (like GitHub) refuses longer bodies; the fitted one is accepted.
    const repo = fake.repo('acme/huge');
    const pr = repo.openPullRequest();
    const gh = fakeClient(fake);
    await expect(
      gh.rest.issues.createComment({ owner: 'acme', repo: 'huge', issue_number: pr.number, body: report }),
    ).rejects.toMatchObject({ status: 422 });
    const res = await upsertStickyComment(
      gh,
      { owner: 'acme', repo: 'huge', issueNumber: pr.number, key: 'pr-checks' },
      fitted,
    );
    expect(res.action).toBe('created');
    expect(fitComment('short', 'k')).toBe('short');
  });
});
