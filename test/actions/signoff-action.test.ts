import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runActionProcess } from './action-process.js';

const drillBody = (boxes: string) =>
  `<!-- opsgate:drill:2026-11 -->\n# Drill 2026-11 — ✅ passed\n\n## Sign-off\n\n${boxes}\n`;

function commentEvent(login: string, body: string) {
  return {
    action: 'created',
    issue: {
      number: 7,
      title: 'Drill 2026-11',
      body: drillBody('- [ ] @alice signs off these drill results'),
      html_url: 'https://github.example/acme/shop/issues/7',
    },
    comment: { body, user: { login }, html_url: 'https://github.example/acme/shop/issues/7#issuecomment-1' },
    sender: { login },
  };
}

describe('signoff action (node dist/signoff.js)', () => {
  let job: string;
  const log = () => path.join(job, '.opsgate', 'store', 'logs', 'drill.jsonl');
  const records = async () =>
    (await readFile(log(), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));

  beforeEach(async () => {
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-signoff-job-'));
    await writeFile(path.join(job, 'opsgate.yml'), 'version: 1\ntarget:\n  base-url: http://127.0.0.1:9\n');
    await mkdir(path.join(job, 'drills'));
    await writeFile(
      path.join(job, 'drills', 'monthly.yml'),
      'name: monthly\nchecks: [headers]\nsign-off:\n  approvers: [Alice]\n',
    );
  });
  afterEach(async () => {
    await rm(job, { recursive: true, force: true });
  });

  it('records a /signoff comment by a listed approver once, even when the event is re-delivered', async () => {
    const event = commentEvent('alice', '/signoff restore numbers look right');
    const first = await runActionProcess('signoff', { cwd: job, eventName: 'issue_comment', event });
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ 'signed-off': 'true', approver: 'alice', drill: '2026-11' });
    expect(first.summary).toContain('Drill 2026-11 signed off by @alice (comment)');
    const again = await runActionProcess('signoff', { cwd: job, eventName: 'issue_comment', event });
    expect(again.summary).toContain('already recorded');
    const recs = await records();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      kind: 'signoff',
      drill: '2026-11',
      approver: 'alice',
      via: 'comment',
      issue: 7,
    });
  });

  it('does not record a sign-off by someone who is not an approver', async () => {
    const run = await runActionProcess('signoff', {
      cwd: job,
      eventName: 'issue_comment',
      event: commentEvent('mallory', '/signoff'),
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'signed-off': 'false',
      approver: 'mallory',
      reason: '@mallory is not a listed approver',
    });
    expect(await records()).toEqual([]);
  });

  it('records a newly ticked checkbox by its approver, and only that', async () => {
    const event = (sender: string, before: string, after: string) => ({
      action: 'edited',
      issue: { number: 7, title: 'Drill 2026-11', body: drillBody(after) },
      changes: { body: { from: drillBody(before) } },
      sender: { login: sender },
    });
    const unticked = '- [ ] @alice signs off these drill results';
    const ticked = '- [x] @alice signs off these drill results';
    const byOther = await runActionProcess('signoff', {
      cwd: job,
      eventName: 'issues',
      event: event('bob', unticked, ticked),
    });
    expect(byOther.outputs['signed-off']).toBe('false');
    const unchanged = await runActionProcess('signoff', {
      cwd: job,
      eventName: 'issues',
      event: event('alice', ticked, ticked),
    });
    expect(unchanged.outputs['signed-off']).toBe('false');
    const run = await runActionProcess('signoff', {
      cwd: job,
      eventName: 'issues',
      event: event('alice', unticked, ticked),
    });
    expect(run.outputs).toMatchObject({ 'signed-off': 'true', approver: 'alice' });
    expect(await records()).toMatchObject([{ approver: 'alice', via: 'checkbox', drill: '2026-11' }]);
  });

  it('ignores comments on issues that are not drill issues', async () => {
    const event = commentEvent('alice', '/signoff');
    event.issue = { number: 8, title: 'Bug', body: 'broken', html_url: '' };
    const run = await runActionProcess('signoff', { cwd: job, eventName: 'issue_comment', event });
    expect(run.outputs).toMatchObject({ 'signed-off': 'false', reason: 'issue #8 is not a drill issue' });
  });
});
