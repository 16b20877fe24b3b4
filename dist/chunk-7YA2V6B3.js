import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/github/context.ts
import { readFileSync } from "node:fs";
function readGitHubContext(env = process.env, overrides = {}) {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const fullName = env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? "";
  const [owner = "", repo = ""] = fullName.split("/");
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const pr = event.pull_request;
  const runPr = event.workflow_run?.pull_requests?.[0];
  const runId = env.GITHUB_RUN_ID;
  const ctx = {
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    eventName,
    pullNumber: pr?.number ?? runPr?.number ?? prFromRef(env.GITHUB_REF),
    sha: (eventName.startsWith("pull_request") ? pr?.head?.sha : void 0) ?? env.GITHUB_SHA ?? "",
    checkoutSha: env.GITHUB_SHA,
    baseSha: pr?.base?.sha ?? runPr?.base?.sha,
    ref: env.GITHUB_REF,
    // Never assumed: without it no run can be established as a default-branch run.
    defaultBranch: event.repository?.default_branch ?? "",
    workflow: env.GITHUB_WORKFLOW,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    runUrl: runId && fullName ? `${serverUrl}/${fullName}/actions/runs/${runId}` : void 0,
    readOnly: false,
    headRepository: pr?.head?.repo?.full_name ?? void 0,
    triggerEvent: event.workflow_run?.event,
    triggerHeadRepository: event.workflow_run?.head_repository?.full_name ?? void 0,
    triggerRef: event.workflow_run?.head_branch ? `refs/heads/${event.workflow_run.head_branch}` : void 0
  };
  const ro = readOnlyReason(eventName, event, env);
  if (ro) Object.assign(ctx, { readOnly: true, readOnlyReason: ro });
  return { ...ctx, ...overrides };
}
function readOnlyReason(eventName, event, env) {
  if (env.OPSGATE_READ_ONLY === "1" || env.OPSGATE_READ_ONLY === "true") return "OPSGATE_READ_ONLY is set";
  const head = event.pull_request?.head?.repo?.full_name;
  const base = event.pull_request?.base?.repo?.full_name ?? event.repository?.full_name;
  if (eventName === "pull_request" && head && base && head !== base)
    return `pull request from fork ${head}: the token is read-only`;
  return void 0;
}
function readEvent(file) {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}
function prFromRef(ref) {
  const m = /^refs\/pull\/(\d+)\//.exec(ref ?? "");
  return m ? Number(m[1]) : void 0;
}

export {
  readGitHubContext
};
