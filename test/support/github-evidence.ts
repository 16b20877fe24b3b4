import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evidenceSchema, type Evidence } from '../../src/core/evidence/model.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { fingerprintOf } from '../../src/core/gate/fingerprint.js';
import { readGitHubContext, type GitHubContext } from '../../src/github/context.js';
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js';
import type { FakeGitHub } from './fake-github/server.js';

/** What the demo target's flaws look like as evidence: which controls fail in this run. */
export interface RunShape {
  /** `viewer-can-delete`: VIEWER gets 204 on DELETE /api/companies/{id} instead of 403. */
  viewerCanDelete?: boolean;
  /** `slow-dashboard`: p95 of GET /api/dashboard in ms. */
  dashboardP95?: number;
  /** `missing-headers`: no Content-Security-Policy. */
  missingCsp?: boolean;
  /** Scopes the headers check covered (pages it observed): see Evidence.coverage. */
  headersCoverage?: string[];
  /** Run timestamp: evidence of another run differs by it. */
  startedAt?: string;
}

const TARGET = 'http://127.0.0.1:4010';

/** Evidence of one run, built through the schema (so it is exactly what checks write). */
export function runEvidence(shape: RunShape): Evidence[] {
  const at = shape.startedAt ?? '2026-11-23T10:00:00.000Z';
  const run = { id: `run-${at}`, startedAt: at, finishedAt: at, durationMs: 1200, commit: 'c'.repeat(40) };
  const base = (check: string) => ({
    kind: 'opsgate.evidence' as const,
    version: 1 as const,
    check,
    target: { url: TARGET, name: 'demo' },
    run,
    metrics: {},
    thresholds: [],
    findings: [],
    artifacts: [],
  });
  const viewer = shape.viewerCanDelete ? 204 : 403;
  const rbac = {
    ...base('rbac'),
    verdict: shape.viewerCanDelete ? 'fail' : 'pass',
    summary: shape.viewerCanDelete ? '1 of 3 cells broken' : '3 cells as expected',
    metrics: { cells: 3, broken: shape.viewerCanDelete ? 1 : 0 },
    thresholds: [
      {
        name: 'viewer DELETE /api/companies/{id}',
        limit: 403,
        actual: viewer,
        ok: viewer === 403,
        detail: 'VIEWER role',
      },
      { name: 'anonymous GET /api/users', limit: 401, actual: 401, ok: true },
      { name: 'manager DELETE /api/companies/{id}', limit: 403, actual: 403, ok: true },
    ],
  };
  const p95 = shape.dashboardP95 ?? 120;
  const load = {
    ...base('load'),
    verdict: p95 > 200 ? 'fail' : 'pass',
    summary: `p95 GET /api/dashboard ${p95} ms`,
    metrics: { 'p95 GET /api/dashboard': p95, rps: 80 },
    thresholds: [
      { name: 'p95 GET /api/dashboard', limit: 200, actual: p95, ok: p95 <= 200, unit: 'ms' },
      { name: 'error rate', limit: 0.01, actual: 0, ok: true },
    ],
  };
  const headers = {
    ...base('headers'),
    verdict: shape.missingCsp ? 'fail' : 'pass',
    summary: shape.missingCsp ? 'Content-Security-Policy missing' : 'all required headers present',
    findings: shape.missingCsp
      ? [
          {
            fingerprint: fingerprintOf('headers', 'missing', 'content-security-policy', '/'),
            severity: 'medium',
            title: 'Content-Security-Policy header missing',
            detail: 'GET / answered without Content-Security-Policy',
            location: `${TARGET}/`,
            scope: 'place:/',
          },
        ]
      : [],
    ...(shape.headersCoverage ? { coverage: shape.headersCoverage } : {}),
  };
  return [rbac, load, headers].map((e) => evidenceSchema.parse(e));
}

/** A fresh out dir holding the run's evidence files, as the checks leave it. */
export async function writeRun(outDir: string, shape: RunShape): Promise<string> {
  await rm(path.join(outDir, 'evidence'), { recursive: true, force: true });
  for (const e of runEvidence(shape)) await writeEvidence(outDir, e);
  return outDir;
}

export async function tempDir(prefix = 'opsgate-gh-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** A client for the fake with test-sized back-off (ms instead of s) and no write spacing. */
export function fakeClient(fake: FakeGitHub, log: string[] = [], token = 'test-token'): GitHubClient {
  return createGitHubClient({
    token,
    baseUrl: fake.url,
    retryBaseMs: 5,
    spaceWrites: false,
    log: (m) => log.push(m),
  });
}

/**
 * The context of a PR run, read the way a runner provides it: a real event payload file and
 * the GITHUB_* variables.
 */
export async function prContext(
  fake: FakeGitHub,
  dir: string,
  o: { pr: number; runId?: string; baseSha?: string; headSha?: string; fork?: boolean; repo?: string },
): Promise<{ context: GitHubContext; env: NodeJS.ProcessEnv }> {
  const repo = o.repo ?? 'acme/shop';
  const eventPath = path.join(dir, `event-${o.runId ?? '1'}.json`);
  const head = o.headSha ?? 'c'.repeat(40);
  await writeFile(
    eventPath,
    JSON.stringify({
      pull_request: {
        number: o.pr,
        head: { sha: head, repo: { full_name: o.fork ? 'mallory/shop' : repo } },
        base: { sha: o.baseSha ?? 'b'.repeat(40), repo: { full_name: repo } },
      },
      repository: { full_name: repo, default_branch: 'main' },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    GITHUB_REPOSITORY: repo,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: 'd'.repeat(40),
    GITHUB_REF: `refs/pull/${o.pr}/merge`,
    GITHUB_RUN_ID: o.runId ?? '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'opsgate PR checks',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: fake.url,
  };
  // `pr`: the trusted run also posts a PR comment, so one publish exercises every write.
  return { context: readGitHubContext(env, o.pr ? { pullNumber: o.pr } : {}), env };
}

/** A trusted run's context: a push to the default branch `main` of `repo` (issues, store, drill). */
export async function mainContext(
  fake: FakeGitHub,
  dir: string,
  o: { runId?: string; sha?: string; repo?: string; event?: string; pr?: number } = {},
): Promise<{ context: GitHubContext; env: NodeJS.ProcessEnv }> {
  const repo = o.repo ?? 'acme/shop';
  const eventPath = path.join(dir, `push-event-${o.runId ?? '1'}.json`);
  await writeFile(eventPath, JSON.stringify({ repository: { full_name: repo, default_branch: 'main' } }));
  const env: NodeJS.ProcessEnv = {
    GITHUB_REPOSITORY: repo,
    GITHUB_EVENT_NAME: o.event ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: o.sha ?? 'c'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: o.runId ?? '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'opsgate PR checks',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: fake.url,
  };
  // `pr`: the trusted run also posts a PR comment, so one publish exercises every write.
  return { context: readGitHubContext(env, o.pr ? { pullNumber: o.pr } : {}), env };
}
