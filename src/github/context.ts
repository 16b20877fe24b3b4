import { readFileSync } from 'node:fs';

/** Where a publish happens: which repository, which PR, which run, with what permissions. */
export interface GitHubContext {
  owner: string;
  repo: string;
  /** Web root, `https://github.com` or the GHES host (`GITHUB_SERVER_URL`). */
  serverUrl: string;
  /** REST root (`GITHUB_API_URL`). */
  apiUrl: string;
  eventName: string;
  /** The PR this run belongs to (pull_request / pull_request_target / workflow_run of a PR). */
  pullNumber?: number;
  sha: string;
  /** The commit the workflow checked out (`GITHUB_SHA`; a PR's merge commit): SARIF goes there. */
  checkoutSha?: string;
  /** The PR base commit: the evidence the comment compares against. */
  baseSha?: string;
  ref?: string;
  defaultBranch: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  /** Link to this run (its page lists the uploaded artifacts). */
  runUrl?: string;
  /** True when the token cannot write (fork PR); publishing is then deferred to a follow-up. */
  readOnly: boolean;
  readOnlyReason?: string;
  /** A PR's head repository (`owner/name`): differs from the base for a fork. */
  headRepository?: string;
  /** In a `workflow_run` follow-up: the event, head repository and ref of the run that produced the evidence. */
  triggerEvent?: string;
  triggerHeadRepository?: string;
  triggerRef?: string;
}

interface EventPayload {
  pull_request?: {
    number: number;
    base?: { sha?: string; repo?: { full_name?: string } };
    head?: { sha?: string; repo?: { full_name?: string } | null };
  };
  repository?: { full_name?: string; default_branch?: string };
  workflow_run?: {
    pull_requests?: { number: number; base?: { sha?: string } }[];
    head_sha?: string;
    event?: string;
    head_branch?: string;
    head_repository?: { full_name?: string } | null;
  };
}

/**
 * Read the context from the runner environment (`GITHUB_REPOSITORY`, `GITHUB_EVENT_PATH`, …).
 * `overrides` win, so the CLI can publish a downloaded artifact for a given PR.
 */
export function readGitHubContext(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<GitHubContext> = {},
): GitHubContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const fullName = env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? '';
  const [owner = '', repo = ''] = fullName.split('/');
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pr = event.pull_request;
  const runPr = event.workflow_run?.pull_requests?.[0];
  const runId = env.GITHUB_RUN_ID;
  const ctx: GitHubContext = {
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    eventName,
    pullNumber: pr?.number ?? runPr?.number ?? prFromRef(env.GITHUB_REF),
    sha: (eventName.startsWith('pull_request') ? pr?.head?.sha : undefined) ?? env.GITHUB_SHA ?? '',
    checkoutSha: env.GITHUB_SHA,
    baseSha: pr?.base?.sha ?? runPr?.base?.sha,
    ref: env.GITHUB_REF,
    // Never assumed: without it no run can be established as a default-branch run.
    defaultBranch: event.repository?.default_branch ?? '',
    workflow: env.GITHUB_WORKFLOW,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    runUrl: runId && fullName ? `${serverUrl}/${fullName}/actions/runs/${runId}` : undefined,
    readOnly: false,
    headRepository: pr?.head?.repo?.full_name ?? undefined,
    triggerEvent: event.workflow_run?.event,
    triggerHeadRepository: event.workflow_run?.head_repository?.full_name ?? undefined,
    triggerRef: event.workflow_run?.head_branch ? `refs/heads/${event.workflow_run.head_branch}` : undefined,
  };
  const ro = readOnlyReason(eventName, event, env);
  if (ro) Object.assign(ctx, { readOnly: true, readOnlyReason: ro });
  return { ...ctx, ...overrides };
}

/**
 * Why the token cannot write, if it cannot: a `pull_request` event from a fork gets a read-only
 * GITHUB_TOKEN (and no secrets); `OPSGATE_READ_ONLY=1` forces the same behaviour.
 */
export function readOnlyReason(
  eventName: string,
  event: EventPayload,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (env.OPSGATE_READ_ONLY === '1' || env.OPSGATE_READ_ONLY === 'true') return 'OPSGATE_READ_ONLY is set';
  const head = event.pull_request?.head?.repo?.full_name;
  const base = event.pull_request?.base?.repo?.full_name ?? event.repository?.full_name;
  if (eventName === 'pull_request' && head && base && head !== base)
    return `pull request from fork ${head}: the token is read-only`;
  return undefined;
}

function readEvent(file: string | undefined): EventPayload {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

function prFromRef(ref: string | undefined): number | undefined {
  const m = /^refs\/pull\/(\d+)\//.exec(ref ?? '');
  return m ? Number(m[1]) : undefined;
}
