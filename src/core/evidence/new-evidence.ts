import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Evidence, Provenance } from './model.js';
import { EVIDENCE_VERSION } from './model.js';

/** Start an evidence record for a check; `finish` fills in timings. */
export function startEvidence(check: string, targetUrl: string, targetName?: string): Evidence {
  const now = new Date().toISOString();
  return {
    kind: 'opsgate.evidence',
    version: EVIDENCE_VERSION,
    check,
    target: { url: targetUrl, ...(targetName ? { name: targetName } : {}) },
    run: {
      id: process.env.GITHUB_RUN_ID
        ? `${process.env.GITHUB_RUN_ID}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}`
        : randomUUID(),
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      ...commitOf(),
      ...(process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}),
    },
    provenance: runProvenance(),
    verdict: 'pass',
    summary: '',
    metrics: {},
    thresholds: [],
    findings: [],
    artifacts: [],
  };
}

export function finishEvidence(e: Evidence, started = Date.parse(e.run.startedAt)): Evidence {
  const end = Date.now();
  e.run.finishedAt = new Date(end).toISOString();
  e.run.durationMs = end - started;
  return e;
}

/** Where this process runs, from the runner's `GITHUB_*` variables (empty outside Actions). */
export function runProvenance(env: NodeJS.ProcessEnv = process.env): Provenance {
  const p: Provenance = {
    repository: env.GITHUB_REPOSITORY,
    serverUrl: env.GITHUB_SERVER_URL,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    event: env.GITHUB_EVENT_NAME,
    ref: env.GITHUB_REF,
    sha: env.GITHUB_SHA,
    headRepository: prHeadRepository(env.GITHUB_EVENT_PATH),
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v)) as Provenance;
}

const localCommits = new Map<string, string | undefined>();

/**
 * The commit the run checked: `GITHUB_SHA` on a runner, `OPSGATE_COMMIT` when set, else the
 * working directory's `git rev-parse HEAD` (once per directory; none outside a repository).
 */
export function commitOf(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): { commit?: string } {
  const given = env.GITHUB_SHA || env.OPSGATE_COMMIT;
  if (given) return { commit: given };
  if (!localCommits.has(cwd)) {
    let sha: string | undefined;
    try {
      sha = execFileSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 2000,
      }).trim();
    } catch {
      sha = undefined; // no git, not a repository, or no commit yet
    }
    localCommits.set(cwd, /^[0-9a-f]{40,64}$/.test(sha ?? '') ? sha : undefined);
  }
  const sha = localCommits.get(cwd);
  return sha ? { commit: sha } : {};
}

function prHeadRepository(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    const event = JSON.parse(readFileSync(file, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: string } | null } };
    };
    return event.pull_request?.head?.repo?.full_name ?? undefined;
  } catch {
    return undefined;
  }
}
