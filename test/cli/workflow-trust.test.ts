import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WRITE_POLICY, type TrustLevel } from '../../src/github/trust.js';

/**
 * Every shipped workflow, job by job, against the trust table of docs/github.md: a job may hold
 * write scopes only for what the trust level of the events it runs on may write.
 */
type Level = TrustLevel | 'sign-off';

/** The trust of each event a template's job can run on. */
const EVENT_TRUST: Record<string, Level> = {
  push: 'trusted',
  schedule: 'trusted',
  workflow_dispatch: 'trusted',
  pull_request: 'pull-request',
  workflow_run: 'untrusted',
  issue_comment: 'sign-off',
  issues: 'sign-off',
};

function allowedWrites(level: Level): Set<string> {
  if (level === 'sign-off') return new Set(['contents', 'issues']);
  const p = WRITE_POLICY[level];
  const s = new Set<string>(['actions']);
  if (p.store) s.add('contents');
  if (p.issues || p.drill) s.add('issues').add('security-events');
  if (p.comment) s.add('pull-requests');
  return s;
}

interface Job {
  if?: string;
  permissions?: Record<string, string> | string;
}

/** The events a job runs on: the workflow's, narrowed by `github.event_name == '…'` in its `if`. */
function jobEvents(on: Record<string, unknown>, job: Job): string[] {
  const named = [...String(job.if ?? '').matchAll(/github\.event_name == '([a-z_]+)'/g)].map((m) => m[1]!);
  return named.length ? named : Object.keys(on);
}

const workflowsDir = path.resolve('workflows');

describe('shipped workflows follow the trust table', () => {
  it('no job holds a write scope its events may not use, and every top level grants nothing', async () => {
    const files = (await readdir(workflowsDir)).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    let jobsSeen = 0;
    for (const file of files) {
      const wf = parse(await readFile(path.join(workflowsDir, file), 'utf8')) as {
        on: Record<string, unknown>;
        permissions?: unknown;
        jobs: Record<string, Job>;
      };
      expect(wf.permissions, file).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) {
        jobsSeen++;
        if (typeof job.permissions !== 'object') {
          problems.push(`${file} ${name}: permissions must be listed per scope`);
          continue;
        }
        const events = jobEvents(wf.on, job);
        for (const e of events) if (!(e in EVENT_TRUST)) problems.push(`${file} ${name}: unknown event ${e}`);
        // A job must be safe on every event it runs on: a PR run must not inherit a push's scopes.
        const sets = events.map((e) => allowedWrites(EVENT_TRUST[e] ?? 'untrusted'));
        const allowed = new Set([...sets[0]!].filter((scope) => sets.every((x) => x.has(scope))));
        for (const [scope, access] of Object.entries(job.permissions))
          if (access === 'write' && !allowed.has(scope))
            problems.push(`${file} ${name}: ${scope}: write on ${events.join(', ')}`);
      }
    }
    expect(jobsSeen).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });

  it('the check is real: a PR job asking for contents: write is caught', () => {
    const allowed = allowedWrites(EVENT_TRUST.pull_request!);
    expect(allowed.has('contents')).toBe(false);
    expect(allowed.has('issues')).toBe(false);
    expect(allowedWrites(EVENT_TRUST.workflow_run!).has('contents')).toBe(false);
    expect(allowedWrites('trusted').has('contents')).toBe(true);
  });

  it('docs/github.md holds the trust table', async () => {
    const doc = await readFile('docs/github.md', 'utf8');
    for (const level of ['trusted', 'pull-request', 'untrusted', 'sign-off'])
      expect(doc).toMatch(new RegExp(`^\\| ${level} +\\|`, 'm'));
  });
});
