import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  Octokit,
  legacyRestEndpointMethods,
  paginateRest,
  requestLog,
  require_light,
  retry
} from "./chunk-B6DWUJ3H.js";
import {
  oncePerRecord,
  parseLogLines,
  readStoredRecord,
  recordText,
  sealRecord,
  storeKey
} from "./chunk-SO5POORH.js";
import {
  redactDeep
} from "./chunk-MLKP6OQN.js";
import {
  __toESM
} from "./chunk-4GQUXEY7.js";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION2 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION2}`
  }
);

// src/github/octokit.ts
var OpsgateOctokit = Octokit2.plugin(retry, throttling);
var immediateGroup = {
  key: () => ({
    schedule: (_opts, job, ...args) => Promise.resolve(job(...args))
  })
};
var NON_IDEMPOTENT_CREATE = /\/repos\/[^/]+\/[^/]+\/issues(?:\/[^/]+\/comments)?$/;
function createGitHubClient(opts) {
  const base = opts.retryBaseMs ?? (Number(process.env.OPSGATE_RETRY_BASE_MS) || 1e3);
  const maxLimitRetries = opts.secondaryRateLimitRetries ?? 3;
  const log = opts.log ?? ((m) => process.stderr.write(`${m}
`));
  const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
    if (retryCount >= maxLimitRetries) {
      log(`github: ${kind} on ${options.method} ${options.url}; giving up after ${retryCount} retries`);
      return false;
    }
    log(`github: ${kind} on ${options.method} ${options.url}; retrying after ${retryAfter}s`);
    return true;
  };
  const client = new OpsgateOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: opts.userAgent ?? "opsgate",
    // Failed requests are reported by whoever made them (a 404 for a missing branch is normal);
    // OPSGATE_DEBUG shows Octokit's own request log.
    log: {
      debug: () => {
      },
      info: () => {
      },
      warn: log,
      error: process.env.OPSGATE_DEBUG ? log : () => {
      }
    },
    // 403/429 are rate limits or permissions: the throttling plugin (which honours retry-after)
    // decides about those, the retry plugin only retries 5xx and network failures.
    retry: {
      retries: opts.retries ?? 3,
      retryAfterBaseValue: base,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
    },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      ...(opts.spaceWrites ?? process.env.OPSGATE_SPACE_WRITES !== "0") === false ? { write: immediateGroup, notifications: immediateGroup, search: immediateGroup } : {}
    }
  });
  client.hook.before("request", (options) => {
    if (options.method === "POST" && NON_IDEMPOTENT_CREATE.test(options.url.split("?")[0] ?? ""))
      Object.assign(options.request ??= {}, { retries: 0 });
  });
  return client;
}

// src/github/git-branch.ts
var GitBranch = class {
  constructor(gh, opts) {
    this.gh = gh;
    this.opts = opts;
  }
  gh;
  opts;
  treeCache;
  blobCache = /* @__PURE__ */ new Map();
  get repoArgs() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  /** The branch head, or undefined when the branch does not exist yet. */
  async head() {
    try {
      const ref = await this.gh.rest.git.getRef({ ...this.repoArgs, ref: `heads/${this.opts.branch}` });
      const commit = await this.gh.rest.git.getCommit({ ...this.repoArgs, commit_sha: ref.data.object.sha });
      return { commitSha: commit.data.sha, treeSha: commit.data.tree.sha };
    } catch (err) {
      if (err.status === 404) return void 0;
      throw err;
    }
  }
  /**
   * Every file path on the branch (or in one tree) → blob sha. One API call for the whole
   * branch; cached until this instance writes.
   */
  async files(tree) {
    const ish = tree ?? this.opts.branch;
    if (this.treeCache?.head === ish) return this.treeCache.paths;
    let data;
    try {
      ({ data } = await this.gh.rest.git.getTree({ ...this.repoArgs, tree_sha: ish, recursive: "1" }));
    } catch (err) {
      const status = err.status;
      if (status === 404 || status === 409) return /* @__PURE__ */ new Map();
      throw err;
    }
    if (data.truncated)
      this.opts.log?.(
        `github: tree of ${this.opts.branch} is truncated (very large history); older records are not listed`
      );
    const paths = /* @__PURE__ */ new Map();
    for (const e of data.tree) if (e.type === "blob" && e.path && e.sha) paths.set(e.path, e.sha);
    this.treeCache = { head: ish, paths };
    return paths;
  }
  /** Text of a blob by sha (blobs are immutable, so cached forever). */
  async readBlob(sha) {
    const hit = this.blobCache.get(sha);
    if (hit !== void 0) return hit;
    const { data } = await this.gh.rest.git.getBlob({ ...this.repoArgs, file_sha: sha });
    const text = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
    this.blobCache.set(sha, text);
    return text;
  }
  /** Text of a file at a tree (default: the branch), or undefined. */
  async readText(path, tree) {
    const sha = (await this.files(tree)).get(path);
    return sha ? this.readBlob(sha) : void 0;
  }
  /**
   * Commit the files `build` returns for a head, retrying on the new head when the branch moved.
   * `build` is called again on each attempt so appends are rebased, not overwritten.
   * Returns the new commit sha, or undefined when there was nothing to write.
   */
  async commit(build, message) {
    const max = this.opts.maxAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      const head = await this.head();
      const files = await build(head);
      if (!files.length) return void 0;
      const tree = await this.gh.rest.git.createTree({
        ...this.repoArgs,
        ...head ? { base_tree: head.treeSha } : {},
        tree: files.map(
          (f) => f.content === null ? { path: f.path, mode: "100644", type: "blob", sha: null } : { path: f.path, mode: "100644", type: "blob", content: f.content }
        )
      });
      const commit = await this.gh.rest.git.createCommit({
        ...this.repoArgs,
        message,
        tree: tree.data.sha,
        parents: head ? [head.commitSha] : []
      });
      try {
        if (head)
          await this.gh.rest.git.updateRef({
            ...this.repoArgs,
            ref: `heads/${this.opts.branch}`,
            sha: commit.data.sha,
            force: false
          });
        else
          await this.gh.rest.git.createRef({
            ...this.repoArgs,
            ref: `refs/heads/${this.opts.branch}`,
            sha: commit.data.sha
          });
        this.treeCache = void 0;
        return commit.data.sha;
      } catch (err) {
        if (err.status !== 422 || attempt >= max) {
          if (err.status === 422)
            throw new Error(
              `${this.opts.branch}: gave up after ${attempt} attempts, the branch kept moving (concurrent writers)`,
              { cause: err }
            );
          throw err;
        }
        this.opts.log?.(`github: ${this.opts.branch} moved while writing (attempt ${attempt}); rebasing`);
        const base = this.opts.retryDelayMs ?? 250;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(8e3, base * 2 ** attempt)));
      }
    }
  }
};

// src/github/evidence-store.ts
var DEFAULT_EVIDENCE_BRANCH = "opsgate-evidence";
var GitHubEvidenceStore = class {
  branch;
  warnFor;
  constructor(gh, opts) {
    this.branch = new GitBranch(gh, { ...opts, branch: opts.branch ?? DEFAULT_EVIDENCE_BRANCH });
    this.warnFor = oncePerRecord(this.description, opts.log);
  }
  get description() {
    const o = this.branch.opts;
    return `branch ${o.branch} of ${o.owner}/${o.repo}`;
  }
  async put(evidence, meta = {}) {
    return (await this.putBatch([{ evidence, meta }])).stored[0];
  }
  /**
   * Store several records (and optionally one log line) in a single commit. Costs one API call
   * when everything is already stored.
   */
  async putBatch(items, logLine) {
    const recordedAt = (/* @__PURE__ */ new Date()).toISOString();
    const prepared = items.map(({ evidence, meta = {} }) => {
      const env = sealRecord(evidence, meta, recordedAt);
      return { key: storeKey(env.evidence, env.sha256, meta.commit), env };
    });
    const present = await this.branch.files();
    let created = 0;
    let commit;
    if (prepared.some((p) => !present.has(p.key))) {
      commit = await this.branch.commit(
        async (head) => {
          const files = head ? await this.branch.files(head.treeSha) : /* @__PURE__ */ new Map();
          const out = prepared.filter((p) => !files.has(p.key)).map((p) => ({ path: p.key, content: recordText(p.env) }));
          created = out.length;
          if (out.length && logLine)
            out.push(await this.appendedLog(logLine.log, logLine.record, head?.treeSha));
          return out;
        },
        `opsgate: store ${prepared.map((p) => p.env.evidence.check).join(", ")} evidence`
      );
    }
    const stored = prepared.map((p) => ({
      key: p.key,
      check: p.env.evidence.check,
      recordedAt: p.env.recordedAt,
      commit: p.env.commit,
      branch: p.env.branch,
      sha256: p.env.sha256,
      evidence: p.env.evidence
    }));
    return { stored, created, commit };
  }
  /**
   * Keys of a check's records, newest first, without reading them (one cached tree listing).
   * With `commit`, only records whose file name carries that commit.
   */
  async keys(check, q = {}) {
    const prefix = `evidence/${check}/`;
    return [...(await this.branch.files()).keys()].filter((k) => k.startsWith(prefix) && k.endsWith(".json")).filter((k) => !q.commit || k.includes(`-${q.commit.slice(0, 7)}-`)).sort().reverse();
  }
  async list(check, q = {}) {
    const keys = await this.keys(check, q);
    const files = await this.branch.files();
    const out = [];
    for (const key of keys) {
      const record = readStoredRecord(
        key,
        check,
        await this.branch.readBlob(files.get(key)),
        q,
        this.warnFor(key)
      );
      if (!record) continue;
      out.push(record);
      if (q.limit && out.length >= q.limit) break;
    }
    return out;
  }
  async appendRecord(log, record) {
    await this.branch.commit(
      async (head) => [await this.appendedLog(log, record, head?.treeSha)],
      `opsgate: append to ${log} log`
    );
  }
  async readRecords(log) {
    return parseLogLines(log, await this.branch.readText(logPath(log)) ?? "", this.warnFor);
  }
  /** The log file at `tree` with one more line: rebuilt on every attempt so no line is lost. */
  async appendedLog(log, record, tree) {
    const current = tree ? await this.branch.readText(logPath(log), tree) ?? "" : "";
    return { path: logPath(log), content: current + JSON.stringify(redactDeep(record)) + "\n" };
  }
};
function logPath(log) {
  return `logs/${log}.jsonl`;
}

export {
  createGitHubClient,
  DEFAULT_EVIDENCE_BRANCH,
  GitHubEvidenceStore
};
