import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  DEFAULT_EVIDENCE_BRANCH,
  GitHubEvidenceStore
} from "./chunk-I3KIDUO6.js";
import {
  UNVERIFIED_BANNER,
  readAllEvidence,
  withDefaultBranch,
  writePolicy,
  writeReports
} from "./chunk-F4N7O6A5.js";
import {
  runGate
} from "./chunk-DDRZDHRK.js";
import {
  cell,
  verdictIcon
} from "./chunk-MT7WXE72.js";
import {
  describeCause
} from "./chunk-OSGOEP7K.js";
import {
  redact
} from "./chunk-MLKP6OQN.js";

// src/github/follow-up-context.ts
import { readFileSync } from "node:fs";

// src/github/fork-follow-up.ts
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
var PENDING_CONTEXT_FILE = "github-context.json";
async function writePendingContext(outDir, ctx) {
  const file = path.join(outDir, PENDING_CONTEXT_FILE);
  const pending = {
    pullNumber: ctx.pullNumber,
    sha: ctx.sha,
    baseSha: ctx.baseSha,
    runId: ctx.runId,
    runUrl: ctx.runUrl,
    workflow: ctx.workflow
  };
  await writeFile(file, JSON.stringify(pending, null, 2) + "\n");
  return file;
}
async function readPendingContext(outDir) {
  try {
    return JSON.parse(await readFile(path.join(outDir, PENDING_CONTEXT_FILE), "utf8"));
  } catch {
    return void 0;
  }
}
function followUpInstructions(ctx, artifactName, outDir) {
  return [
    `opsgate: ${ctx.readOnlyReason ?? "the token is read-only"}; nothing was posted to GitHub.`,
    `The evidence is kept in ${outDir} and uploaded as the artifact "${artifactName}".`,
    "To publish it (PR comment, issues), add the follow-up workflow that `opsgate init` writes",
    "(.github/workflows/publish-fork.yml, template workflows/publish-fork.yml). It runs on `workflow_run`",
    "with a write token, in the base repository, and boils down to:",
    "",
    "  on:",
    "    workflow_run:",
    `      workflows: [${JSON.stringify(ctx.workflow ?? "opsgate PR checks")}]`,
    "      types: [completed]",
    "  permissions: { contents: write, issues: write, pull-requests: write, actions: read }",
    "  steps:",
    "    - uses: actions/download-artifact@v4",
    `      with: { name: ${artifactName}, run-id: "\${{ github.event.workflow_run.id }}", github-token: "\${{ github.token }}", path: ${outDir} }`,
    `    - run: npx opsgate publish --out ${outDir}`,
    "",
    "It never checks out or runs code from the fork: it only reads the evidence JSON."
  ].join("\n");
}

// src/github/follow-up-context.ts
async function contextForFollowUp(gh, ctx, outDir, env = process.env) {
  if (ctx.eventName !== "workflow_run") return ctx;
  const run = readEvent(env.GITHUB_EVENT_PATH).workflow_run ?? {};
  const pending = await readPendingContext(outDir);
  const pullNumber = ctx.pullNumber ?? pending?.pullNumber;
  const headSha = run.head_sha;
  const fromRun = {
    ...run.id ? { runId: String(run.id) } : {},
    ...run.html_url ? { runUrl: run.html_url } : {},
    ...run.name ? { workflow: run.name } : {}
  };
  if (!headSha) return { ...ctx, ...fromRun };
  if (!pullNumber) return { ...ctx, ...fromRun, sha: headSha, checkoutSha: headSha };
  const { data: pr } = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  if (pr.head.sha !== headSha)
    throw new Error(
      `the evidence names PR #${pullNumber}, whose head is ${pr.head.sha.slice(0, 7)}, but the run that produced it built ${headSha.slice(0, 7)}; refusing to publish`
    );
  return {
    ...ctx,
    ...fromRun,
    pullNumber,
    sha: headSha,
    checkoutSha: headSha,
    ref: `refs/pull/${pullNumber}/head`,
    baseSha: pr.base.sha
  };
}
function readEvent(file) {
  try {
    return file ? JSON.parse(readFileSync(file, "utf8")) : {};
  } catch {
    return {};
  }
}

// src/github/describe-publish.ts
import path2 from "node:path";
function describePublish(r) {
  const lines = [`gate: ${r.verdict} (${r.evidenceFiles} evidence files)`];
  if (r.readOnly) lines.push("published: nothing (read-only token); see the follow-up instructions above");
  if (r.stored) lines.push(`evidence store: ${r.stored.created} new records on ${r.stored.branch}`);
  if (r.comment) lines.push(`PR comment: ${r.comment.action} ${r.comment.url}`);
  if (r.issues) {
    const i = r.issues;
    lines.push(
      `issues: ${i.created} opened, ${i.commented} updated, ${i.reopened} reopened, ${i.closed} closed, ${i.unchanged} unchanged`
    );
  }
  for (const s of r.sarif)
    lines.push(`SARIF ${path2.basename(s.file)}: ${s.uploaded ? `uploaded (${s.id})` : s.skipped}`);
  if (r.summary) lines.push("job summary: written");
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}

// src/github/publish.ts
import { readFile as readFile3 } from "node:fs/promises";
import path4 from "node:path";

// src/github/annotations.ts
var MAX_ANNOTATIONS = 50;
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationLines(checks) {
  const rows = checks.flatMap((c) => c.controls).filter((r) => ["fail", "error", "warn"].includes(r.status));
  const lines = rows.slice(0, MAX_ANNOTATIONS).map((r) => {
    const level = r.status === "warn" ? "warning" : "error";
    const message = [
      r.expected !== void 0 ? `expected ${r.expected}` : "",
      r.actual !== void 0 ? `actual ${r.actual}` : "",
      r.detail ?? ""
    ].filter(Boolean).join("; ");
    const title = `opsgate ${r.check}: ${r.name}`;
    return redact(`::${level} title=${escapeProperty(title)}::${escapeData(message || r.status)}`);
  });
  if (rows.length > MAX_ANNOTATIONS)
    lines.push(
      `::notice title=opsgate::${rows.length - MAX_ANNOTATIONS} more controls need attention; see report.md`
    );
  return lines;
}

// src/github/artifacts.ts
import { readdir, readFile as readFile2 } from "node:fs/promises";
import path3 from "node:path";
import { gzipSync } from "node:zlib";
async function collectOutFiles(outDir) {
  const out = [];
  async function walk(dir) {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path3.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && !e.name.endsWith(".tmp")) out.push(p);
    }
  }
  await walk(path3.resolve(outDir));
  return out.sort();
}
async function uploadOutDir(outDir, name, opts = {}) {
  const files = await collectOutFiles(outDir);
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL)
    return { uploaded: false, files: files.length, skipped: "not on a GitHub Actions runner" };
  const { DefaultArtifactClient } = await import("./chunk-HBBMWZI2.js");
  const res = await new DefaultArtifactClient().uploadArtifact(name, files, path3.resolve(outDir), {
    retentionDays: opts.retentionDays
  });
  return { uploaded: true, files: files.length, id: res.id };
}
async function uploadSarif(gh, o) {
  const sarif = gzipSync(await readFile2(o.file)).toString("base64");
  try {
    const { data } = await gh.rest.codeScanning.uploadSarif({
      owner: o.owner,
      repo: o.repo,
      commit_sha: o.sha,
      ref: o.ref,
      sarif,
      tool_name: "opsgate"
    });
    return { file: o.file, uploaded: true, id: data.id };
  } catch (err) {
    const status = err.status;
    if (status === 403 || status === 404)
      return {
        file: o.file,
        uploaded: false,
        skipped: `code scanning upload not allowed (${status}: ${err.message.split("\n")[0]}); needs security-events: write and code scanning enabled`
      };
    throw err;
  }
}
async function sarifFiles(outDir) {
  try {
    return (await readdir(path3.join(outDir, "sarif"))).filter((f) => f.endsWith(".sarif") || f.endsWith(".sarif.json")).sort().map((f) => path3.join(outDir, "sarif", f));
  } catch {
    return [];
  }
}

// src/github/issue-body.ts
import { createHash } from "node:crypto";
function issueMarker(fingerprint) {
  return `<!-- opsgate:issue:${fingerprint} -->`;
}
function controlEvidenceHash(c) {
  const parts = [c.status, c.expected ?? "", c.actual ?? "", c.detail ?? "", c.severity ?? ""];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}
function evidenceMarker(hash) {
  return `<!-- opsgate:evidence:${hash} -->`;
}
function parseIssueBody(body) {
  const lines = (body ?? "").split("\n", 5);
  const b = lines.join("\n");
  return {
    fingerprint: /^<!-- opsgate:issue:(\S+?) -->$/.exec(lines[0]?.trim() ?? "")?.[1],
    check: /<!-- opsgate:check:(\S+?) -->/.exec(b)?.[1],
    evidenceHash: /<!-- opsgate:evidence:(\S+?) -->/.exec(b)?.[1],
    firstSeen: /<!-- opsgate:first-seen:(.+?) -->/.exec(b)?.[1],
    scope: decodeScope(/<!-- opsgate:scope:(\S+?) -->/.exec(b)?.[1])
  };
}
function scopeMarker(scope) {
  return scope ? `<!-- opsgate:scope:${encodeURIComponent(scope)} -->` : "";
}
function decodeScope(s) {
  if (!s) return void 0;
  try {
    return decodeURIComponent(s);
  } catch {
    return void 0;
  }
}
function issueTitle(c) {
  return `opsgate: ${c.check} — ${c.name}`.slice(0, 250);
}
function runLine(r) {
  const run = r.runUrl ? `[run](${r.runUrl})` : "a local run";
  return `${run}${r.sha ? ` on \`${r.sha.slice(0, 7)}\`` : ""} at ${r.at}`;
}
function evidenceTable(c) {
  return [
    "| Status | Expected | Actual | Detail |",
    "|---|---|---|---|",
    `| ${c.status}${c.severity ? ` (${c.severity})` : ""} | ${cell(c.expected)} | ${cell(c.actual)} | ${cell(c.detail)} |`
  ];
}
function renderIssueBody(c, run, opts) {
  const firstSeen = opts.firstSeen ?? runLine(run);
  return redact(
    [
      issueMarker(c.fingerprint),
      `<!-- opsgate:check:${c.check} -->`,
      evidenceMarker(controlEvidenceHash(c)),
      `<!-- opsgate:first-seen:${firstSeen} -->`,
      scopeMarker(c.scope),
      `The **${c.check}** control **${cell(c.name)}** is failing${run.target ? ` on \`${run.target}\`` : ""}.`,
      "",
      "### Latest evidence",
      "",
      ...evidenceTable(c),
      "",
      c.solution ? `**Fix:** ${cell(c.solution)}` : "",
      "",
      `- First seen: ${firstSeen}`,
      `- Latest: ${runLine(run)}`,
      opts.runbookUrl ? `- Runbook: [what to do](${opts.runbookUrl})` : "",
      "",
      "_Managed by opsgate: commented on when the evidence changes, closed automatically when the control passes._"
    ].filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n")
  );
}
function renderEvidenceComment(event, c, run, hash) {
  const head = {
    changed: "🔁 The evidence changed; the control is still failing.",
    recurred: "❌ The control is failing again; reopening.",
    passed: "✅ The control passes now; closing with the evidence.",
    gone: "✅ The check ran and no longer reports this control; closing."
  };
  return redact(
    [
      evidenceMarker(hash),
      head[event],
      "",
      ...c ? evidenceTable(c) : [],
      "",
      `Evidence: ${runLine(run)}`
    ].join("\n")
  );
}

// src/github/identity.ts
var ACTIONS_BOT_LOGIN = "github-actions[bot]";
var cache = /* @__PURE__ */ new WeakMap();
function tokenLogin(gh) {
  let hit = cache.get(gh);
  if (!hit) {
    hit = gh.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (err) => {
        if (err.status === 403 || err.status === 401) return ACTIONS_BOT_LOGIN;
        cache.delete(gh);
        throw err;
      }
    );
    cache.set(gh, hit);
  }
  return hit;
}
function isOwnBody(item, marker, login) {
  return item.user?.login === login && (item.body ?? "").split("\n", 1)[0]?.trim() === marker;
}

// src/github/create-once.ts
async function createOnce(o) {
  const attempts = o.attempts ?? 3;
  for (let n = 1; ; n++) {
    try {
      return { item: await o.create(), created: true };
    } catch (err) {
      if (!isAmbiguous(err) || n >= attempts) throw err;
      o.log?.(`github: creating ${o.what} got no clear answer (${describe(err)}); looking it up first`);
      const found = await o.lookup();
      if (found !== void 0) return { item: found, created: false };
    }
  }
}
function isAmbiguous(err) {
  const status = err.status;
  return status === void 0 || status === 0 || status >= 500;
}
function describe(err) {
  const status = err.status;
  return status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
}
async function postComment(gh, o) {
  const repo = { owner: o.owner, repo: o.repo, issue_number: o.issue };
  const { item } = await createOnce({
    what: `a comment on #${o.issue}`,
    log: o.log,
    create: async () => {
      const { data } = await gh.rest.issues.createComment({ ...repo, body: o.body });
      return { id: data.id, url: data.html_url };
    },
    lookup: async () => {
      const login = await tokenLogin(gh);
      const all = await gh.paginate(gh.rest.issues.listComments, { ...repo, per_page: 100 });
      const hit = all.find((c) => c.user?.login === login && c.body === o.body);
      return hit ? { id: hit.id, url: hit.html_url } : void 0;
    }
  });
  return item;
}

// src/github/managed-issues.ts
async function listManagedIssues(gh, o) {
  const login = await tokenLogin(gh);
  const all = await gh.paginate(gh.rest.issues.listForRepo, {
    owner: o.owner,
    repo: o.repo,
    creator: login,
    state: "all",
    per_page: 100
  });
  const byFingerprint = /* @__PURE__ */ new Map();
  const ours = all.filter((x) => !x.pull_request && x.user?.login === login);
  for (const i of ours.sort((a, b) => a.number - b.number)) {
    const parsed = parseIssueBody(i.body);
    if (!parsed.fingerprint) continue;
    const kept = byFingerprint.get(parsed.fingerprint);
    if (kept) {
      if (i.state === "open") kept.duplicates.push(i.number);
      continue;
    }
    byFingerprint.set(parsed.fingerprint, {
      number: i.number,
      state: i.state === "closed" ? "closed" : "open",
      fingerprint: parsed.fingerprint,
      check: parsed.check,
      evidenceHash: parsed.evidenceHash,
      firstSeen: parsed.firstSeen,
      scope: parsed.scope,
      url: i.html_url,
      labeled: i.labels.some((l) => (typeof l === "string" ? l : l.name) === o.label),
      duplicates: []
    });
  }
  return byFingerprint;
}
async function ensureLabel(gh, o) {
  try {
    await gh.rest.issues.createLabel({
      owner: o.owner,
      repo: o.repo,
      name: o.label,
      color: o.color ?? "b60205",
      description: o.description ?? "Failing control found by opsgate (managed automatically)"
    });
  } catch (err) {
    if (err.status !== 422) throw err;
  }
}
async function restoreLabel(gh, o, issue) {
  await gh.rest.issues.addLabels({ owner: o.owner, repo: o.repo, issue_number: issue, labels: [o.label] });
}
async function closeDuplicate(gh, o, duplicate, keep) {
  const repo = { owner: o.owner, repo: o.repo };
  await postComment(gh, {
    ...repo,
    issue: duplicate,
    body: `Duplicate of #${keep}: opsgate tracks this control there.`
  });
  await gh.rest.issues.update({
    ...repo,
    issue_number: duplicate,
    state: "closed",
    state_reason: "not_planned"
  });
}

// src/github/issues.ts
var FAILING = ["fail", "error"];
var RESOLVED = ["pass", "warn", "info", "suppressed"];
async function syncIssues(gh, checks, o) {
  const counts = {
    created: 0,
    commented: 0,
    reopened: 0,
    closed: 0,
    unchanged: 0,
    capped: 0,
    duplicatesClosed: 0,
    relabeled: 0,
    failures: []
  };
  const existing = await listManagedIssues(gh, o);
  const repo = { owner: o.owner, repo: o.repo };
  const attempt = async (what, fn) => {
    try {
      await fn();
    } catch (err) {
      const status = err.status;
      const why = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
      if ((status === 401 || status === 403) && !/rate limit/i.test(why)) throw err;
      counts.failures.push(`${what}: ${status ? `${status} ` : ""}${why}`);
      o.log?.(`github: ${what} failed (${status ?? "no answer"}: ${why}); carrying on with the rest`);
    }
  };
  let labelReady = [...existing.values()].some((i) => i.labeled);
  const label = async () => {
    if (!labelReady) await ensureLabel(gh, o);
    labelReady = true;
  };
  for (const issue of existing.values()) {
    for (const dup of issue.duplicates)
      await attempt(`closing #${dup} as a duplicate of #${issue.number}`, async () => {
        await closeDuplicate(gh, o, dup, issue.number);
        counts.duplicatesClosed++;
      });
    if (!issue.labeled)
      await attempt(`restoring the ${o.label} label on #${issue.number}`, async () => {
        await label();
        await restoreLabel(gh, o, issue.number);
        counts.relabeled++;
      });
  }
  const failing = checks.flatMap((c) => c.controls.filter((r) => FAILING.includes(r.status)));
  for (const control of failing) {
    const issue = existing.get(control.fingerprint);
    const hash = controlEvidenceHash(control);
    const body = renderIssueBody(control, o.run, {
      firstSeen: issue?.firstSeen,
      runbookUrl: o.runbookUrl?.(control.check)
    });
    const name = issue ? `#${issue.number} (${issueTitle(control)})` : `opening "${issueTitle(control)}"`;
    if (!issue) {
      if (counts.created >= (o.maxNewIssues ?? 20)) {
        counts.capped++;
        continue;
      }
      await attempt(name, async () => {
        await label();
        await createOnce({
          what: `the issue of ${control.fingerprint}`,
          log: o.log,
          create: async () => {
            await gh.rest.issues.create({ ...repo, title: issueTitle(control), body, labels: [o.label] });
            return true;
          },
          lookup: async () => (await listManagedIssues(gh, o)).has(control.fingerprint) ? true : void 0
        });
        counts.created++;
      });
    } else if (issue.state === "closed") {
      await attempt(name, async () => {
        await gh.rest.issues.update({ ...repo, issue_number: issue.number, state: "open", body });
        await comment(gh, o, issue.number, renderEvidenceComment("recurred", control, o.run, hash));
        counts.reopened++;
      });
    } else if (issue.evidenceHash !== hash) {
      await attempt(name, async () => {
        await comment(gh, o, issue.number, renderEvidenceComment("changed", control, o.run, hash));
        await gh.rest.issues.update({ ...repo, issue_number: issue.number, body });
        counts.commented++;
      });
    } else counts.unchanged++;
  }
  if (counts.capped)
    o.log?.(
      `github: ${counts.capped} more failing controls have no issue yet (max ${o.maxNewIssues ?? 20} new issues per run)`
    );
  const failingPrints = new Set(failing.map((c) => c.fingerprint));
  for (const issue of existing.values()) {
    if (issue.state !== "open" || failingPrints.has(issue.fingerprint)) continue;
    const check = checks.find((c) => c.check === issue.check);
    if (!check?.evidence) continue;
    const control = check.controls.find((r) => r.fingerprint === issue.fingerprint) ?? lookedFor(issue, check);
    if (!control || !RESOLVED.includes(control.status)) continue;
    const hash = controlEvidenceHash(control);
    await attempt(`closing #${issue.number}`, async () => {
      await comment(gh, o, issue.number, renderEvidenceComment("passed", control, o.run, hash));
      await gh.rest.issues.update({
        ...repo,
        issue_number: issue.number,
        state: "closed",
        state_reason: "completed"
      });
      counts.closed++;
    });
  }
  return counts;
}
function lookedFor(issue, check) {
  const e = check.evidence;
  if (!issue.scope || !e || e.error || !e.coverage?.includes(issue.scope)) return void 0;
  return {
    check: check.check,
    fingerprint: issue.fingerprint,
    name: `no longer found in ${issue.scope}`,
    status: "pass",
    actual: "not found",
    scope: issue.scope
  };
}
async function comment(gh, o, issue, body) {
  await postComment(gh, { owner: o.owner, repo: o.repo, issue, body, log: o.log });
}

// src/github/publish-comment.ts
import { createHash as createHash2 } from "node:crypto";

// src/github/base-comparison.ts
var MAX_METRICS = 15;
function renderBaseComparison(current, base, config) {
  const baseGate = runGate(base.evidence, config);
  const out = [
    `### Compared with the base (\`${base.sha.slice(0, 7)}\`)`,
    "",
    "| Check | Base | This PR | New failures | Fixed |",
    "|---|---|---|---|---|"
  ];
  const lists = [];
  for (const c of current.checks) {
    const b = baseGate.checks.find((x) => x.check === c.check);
    if (!b) {
      out.push(`| ${c.check} | — | ${verdictIcon[c.verdict]} ${c.verdict} | | |`);
      continue;
    }
    const failed = (s) => s === "fail" || s === "error";
    const baseFailing = new Set(b.controls.filter((r) => failed(r.status)).map((r) => r.fingerprint));
    const nowFailing = new Set(c.controls.filter((r) => failed(r.status)).map((r) => r.fingerprint));
    const added = c.controls.filter((r) => nowFailing.has(r.fingerprint) && !baseFailing.has(r.fingerprint));
    const fixed = b.controls.filter((r) => baseFailing.has(r.fingerprint) && !nowFailing.has(r.fingerprint));
    out.push(
      `| ${c.check} | ${verdictIcon[b.verdict]} ${b.verdict} | ${verdictIcon[c.verdict]} ${c.verdict} | ${added.length || ""} | ${fixed.length || ""} |`
    );
    for (const r of added) lists.push(`- ❌ new in this PR: **${c.check}** ${cell(r.name)}`);
    for (const r of fixed) lists.push(`- ✅ fixed in this PR: **${c.check}** ${cell(r.name)}`);
  }
  if (lists.length) out.push("", ...lists);
  const moved = metricChanges(current, baseGate);
  if (moved.length) {
    out.push("", "| Metric | Base | This PR | Change |", "|---|---|---|---|", ...moved.slice(0, MAX_METRICS));
    if (moved.length > MAX_METRICS) out.push("", `_${moved.length - MAX_METRICS} more metrics changed._`);
  }
  return out.join("\n") + "\n";
}
function metricChanges(current, base) {
  const rows = [];
  for (const c of current.checks) {
    const now = c.evidence?.metrics ?? {};
    const was = base.checks.find((x) => x.check === c.check)?.evidence?.metrics ?? {};
    for (const [name, value] of Object.entries(now)) {
      const before = was[name];
      if (before === void 0 || before === value) continue;
      const change = before === 0 ? void 0 : (value - before) / Math.abs(before);
      rows.push({
        row: `| ${c.check} ${cell(name)} | ${fmt(before)} | ${fmt(value)} | ${change === void 0 ? "new" : `${change >= 0 ? "+" : ""}${Math.round(change * 100)}%`} |`,
        size: Math.abs(change ?? 1)
      });
    }
  }
  return rows.sort((a, b) => b.size - a.size).map((r) => r.row);
}
function fmt(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

// src/github/pr-comment.ts
var MAX_COMMENT_CHARS = 65536;
function commentMarker(key) {
  return `<!-- opsgate:comment:${key} -->`;
}
async function findStickyComment(gh, t) {
  const marker = commentMarker(t.key);
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100
  });
  const login = await tokenLogin(gh);
  const ours = comments.filter((c) => isOwnBody(c, marker, login)).sort((a, b) => a.id - b.id);
  const hit = ours[0];
  if (!hit) return void 0;
  return { id: hit.id, body: hit.body ?? "", url: hit.html_url, duplicates: ours.slice(1).map((c) => c.id) };
}
async function foldDuplicateComments(gh, t, found) {
  let folded = 0;
  for (const id of found?.duplicates ?? []) {
    try {
      await gh.rest.issues.deleteComment({ owner: t.owner, repo: t.repo, comment_id: id });
      folded++;
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
  return folded;
}
async function upsertStickyComment(gh, t, content, existing) {
  const body = `${commentMarker(t.key)}
${content}`;
  if (body.length > MAX_COMMENT_CHARS)
    throw new Error(`comment body is ${body.length} characters; fit it with fitComment first`);
  const found = existing === void 0 ? await findStickyComment(gh, t) : existing ?? void 0;
  await foldDuplicateComments(gh, t, found);
  if (found && found.body === body) return { action: "unchanged", id: found.id, url: found.url, body };
  if (found) {
    try {
      const { data } = await gh.rest.issues.updateComment({
        owner: t.owner,
        repo: t.repo,
        comment_id: found.id,
        body
      });
      return { action: "updated", id: data.id, url: data.html_url, body };
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
  const { item } = await createOnce({
    what: `the ${t.key} comment on #${t.issueNumber}`,
    create: async () => {
      const { data } = await gh.rest.issues.createComment({
        owner: t.owner,
        repo: t.repo,
        issue_number: t.issueNumber,
        body
      });
      return { id: data.id, url: data.html_url };
    },
    lookup: async () => findStickyComment(gh, t)
  });
  return { action: "created", id: item.id, url: item.url, body };
}
function fitComment(content, key, artifactsUrl) {
  const budget = MAX_COMMENT_CHARS - commentMarker(key).length - 1;
  if (content.length <= budget) return content;
  const where = artifactsUrl ? `the [run's artifacts](${artifactsUrl}) (report.md, evidence/*.json)` : "the run's artifacts (report.md, evidence/*.json)";
  const notice = (shown) => `

> [!NOTE]
> Report truncated to fit a GitHub comment (${shown.toLocaleString("en")} of ${content.length.toLocaleString("en")} characters shown). The full report is in ${where}.
`;
  const room = budget - notice(content.length).length - 3 * "\n\n</details>".length - 16;
  let cut = content.slice(0, room);
  const nl = cut.lastIndexOf("\n");
  if (nl > room / 2) cut = cut.slice(0, nl);
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  if (open > 0) cut += "\n\n</details>".repeat(Math.min(open, 3));
  return cut + notice(cut.length);
}

// src/github/publish-comment.ts
async function publishComment(gh, o) {
  const { context: ctx } = o;
  const target = { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullNumber, key: o.key };
  const existing = await findStickyComment(gh, target);
  const baseKeys = {};
  if (ctx.baseSha && o.store)
    for (const c of o.gate.checks)
      baseKeys[c.check] = (await o.store.keys(c.check, { commit: ctx.baseSha }))[0];
  const digest = createHash2("sha256").update(
    JSON.stringify([
      o.unverified ? "unverified" : "",
      o.report,
      ctx.baseSha ?? "",
      baseKeys,
      ctx.runUrl ?? ""
    ])
  ).digest("hex").slice(0, 16);
  const digestMarker = `<!-- opsgate:digest:${digest} -->`;
  const found = Object.values(baseKeys).some(Boolean);
  if (existing?.body.includes(digestMarker)) {
    await foldDuplicateComments(gh, target, existing);
    return { action: "unchanged", url: existing.url, comparedWithBase: found };
  }
  let comparison = "";
  if (ctx.baseSha && o.store && found) {
    const base = [];
    for (const c of o.gate.checks) {
      const hit = (await o.store.list(c.check, { commit: ctx.baseSha, limit: 1 }))[0];
      if (hit) base.push(hit.evidence);
    }
    comparison = renderBaseComparison(o.gate, { sha: ctx.baseSha, evidence: base }, o.config);
  } else if (ctx.baseSha) {
    comparison = `### Compared with the base (\`${ctx.baseSha.slice(0, 7)}\`)

No stored evidence for the base commit yet${o.store ? ` (${o.store.description})` : ""}.
`;
  }
  const footer = ctx.runUrl ? `
---
[Run](${ctx.runUrl}) · evidence and report.md are in the run's artifacts.
` : "";
  const artifactsUrl = ctx.runUrl ? `${ctx.runUrl}#artifacts` : void 0;
  const content = fitComment(
    redact(
      [digestMarker, o.unverified ? UNVERIFIED_BANNER : "", o.report, comparison, footer].filter(Boolean).join("\n")
    ),
    o.key,
    artifactsUrl
  );
  const res = await upsertStickyComment(gh, target, content, existing ?? null);
  return { action: res.action, url: res.url, comparedWithBase: found };
}

// src/github/summary.ts
import { appendFile } from "node:fs/promises";
var MAX_SUMMARY_BYTES = 1e6;
async function appendJobSummary(markdown, file = process.env.GITHUB_STEP_SUMMARY) {
  if (!file) return false;
  let text = redact(markdown);
  if (Buffer.byteLength(text) > MAX_SUMMARY_BYTES) {
    text = Buffer.from(text).subarray(0, MAX_SUMMARY_BYTES - 200).toString("utf8").replace(/\uFFFD$/, "");
    text += "\n\n> Summary truncated; the full report.md is in the run artifacts.\n";
  }
  await appendFile(file, text.endsWith("\n") ? text : `${text}
`);
  return true;
}

// src/github/runbook-links.ts
var RUNBOOK_SECTIONS = {
  load: { runbook: "load-regression-triage", anchor: "which-endpoint-regressed" },
  headers: { runbook: "security-findings-triage", anchor: "missing-or-weak-security-headers" },
  dast: { runbook: "security-findings-triage", anchor: "dast-findings" },
  rbac: { runbook: "access-control-incident", anchor: "which-cell-broke" },
  abuse: { runbook: "access-control-incident", anchor: "login-and-rate-limiters" },
  restore: { runbook: "disaster-recovery" },
  db: { runbook: "slow-query-triage", anchor: "what-is-failing" }
};
function runbookPath(check) {
  const s = RUNBOOK_SECTIONS[check];
  return s ? `runbooks/${s.runbook}.md${s.anchor ? `#${s.anchor}` : ""}` : void 0;
}
function runbookUrl(check, repo) {
  const p = runbookPath(check);
  return p ? `${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${repo.defaultBranch}/${p}` : void 0;
}

// src/github/publish.ts
var PublishError = class extends Error {
  constructor(message, result) {
    super(message);
    this.result = result;
    this.name = "PublishError";
  }
  result;
};
async function publish(o) {
  const log = o.log ?? ((m) => process.stderr.write(`${m}
`));
  const write = o.write ?? ((l) => process.stdout.write(`${l}
`));
  const evidence = await readAllEvidence(o.outDir);
  if (!evidence.length)
    throw new PublishError(
      `no evidence in ${path4.join(o.outDir, "evidence")}: run the checks before publishing`
    );
  const gate = await writeReports(o.outDir, o.config);
  const report = await readFile3(path4.join(o.outDir, "report.md"), "utf8");
  const ctx = o.context.readOnly ? o.context : await withDefaultBranch(o.octokit, o.context, log);
  const policy = writePolicy(ctx);
  const result = {
    trust: policy.level,
    verdict: gate.verdict,
    passed: gate.passed,
    evidenceFiles: evidence.length,
    readOnly: ctx.readOnly,
    summary: o.summaryFile === false ? false : await appendJobSummary(report, o.summaryFile ?? process.env.GITHUB_STEP_SUMMARY),
    annotations: 0,
    sarif: [],
    warnings: [],
    failures: []
  };
  const lines = o.annotations === false ? [] : annotationLines(gate.checks);
  for (const l of lines) write(l);
  result.annotations = lines.length;
  const artifactName = o.artifactName === false ? void 0 : o.artifactName ?? "opsgate-evidence";
  if (ctx.readOnly) await writePendingContext(o.outDir, ctx);
  if (artifactName) result.artifact = await uploadOutDir(o.outDir, artifactName);
  if (ctx.readOnly) {
    result.followUp = followUpInstructions(ctx, artifactName ?? "opsgate-evidence", o.outDir);
    log(result.followUp);
    return result;
  }
  if (!ctx.owner || !ctx.repo) throw new PublishError("no repository: set GITHUB_REPOSITORY=owner/name");
  const gh = o.octokit;
  const step = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      const status = err.status;
      if ((status === 403 || status === 404) && !/rate limit/i.test(firstLine(err))) {
        result.warnings.push(`${name}: not permitted (${status}: ${firstLine(err)})`);
        log(`opsgate: skipped ${name}: the token is not allowed to (${status}: ${firstLine(err)})`);
        return void 0;
      }
      result.failures.push(`${name} (${ctx.apiUrl}): ${describeCause(err)}`);
      log(`opsgate: publishing ${name} failed: ${describeCause(err)}`);
      return void 0;
    }
  };
  const branch = o.evidenceBranch === false ? void 0 : o.evidenceBranch ?? DEFAULT_EVIDENCE_BRANCH;
  const store = branch ? new GitHubEvidenceStore(gh, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch,
    log,
    retryDelayMs: o.storeRetryDelayMs
  }) : void 0;
  if (store && !policy.store)
    log(`opsgate: evidence store not written: a ${policy.level} run writes no baselines`);
  if (store && policy.store) {
    const meta = { commit: ctx.sha || void 0, branch: shortRef(ctx.ref) };
    const batch = await step(
      "evidence store",
      () => store.putBatch(
        evidence.map((e) => ({ evidence: e, meta })),
        {
          log: "publish",
          record: {
            at: (/* @__PURE__ */ new Date()).toISOString(),
            sha: ctx.sha,
            ref: ctx.ref,
            run: ctx.runUrl,
            verdict: gate.verdict,
            checks: evidence.map((e) => e.check)
          }
        }
      )
    );
    if (batch) result.stored = { created: batch.created, branch, commit: batch.commit };
  }
  if (o.comment !== false && ctx.pullNumber) {
    const pullNumber = ctx.pullNumber;
    result.comment = await step(
      "PR comment",
      () => publishComment(gh, {
        context: { ...ctx, pullNumber },
        key: o.commentKey ?? ctx.workflow ?? "opsgate",
        report,
        gate,
        unverified: policy.unverified,
        config: o.config,
        store
      })
    );
  }
  if (o.issues !== false && !policy.issues)
    log(`opsgate: issues not synced: a ${policy.level} run opens and closes no issues`);
  if (o.issues !== false && policy.issues) {
    result.issues = await step(
      "issues",
      () => syncIssues(gh, gate.checks, {
        owner: ctx.owner,
        repo: ctx.repo,
        label: o.label ?? "opsgate",
        run: {
          runUrl: ctx.runUrl,
          sha: ctx.sha,
          target: evidence[0]?.target.url,
          at: (/* @__PURE__ */ new Date()).toISOString()
        },
        runbookUrl: (check) => runbookUrl(check, ctx),
        maxNewIssues: o.maxNewIssues,
        log
      })
    );
    for (const f of result.issues?.failures ?? []) result.failures.push(`issues: ${f}`);
  }
  const sarifSha = ctx.checkoutSha ?? ctx.sha;
  if (o.sarif !== false && /^[0-9a-f]{40}$/.test(sarifSha) && ctx.ref) {
    for (const file of await sarifFiles(o.outDir)) {
      const r = await step(
        "SARIF upload",
        () => uploadSarif(gh, { owner: ctx.owner, repo: ctx.repo, sha: sarifSha, ref: ctx.ref, file })
      );
      if (r) {
        result.sarif.push(r);
        if (r.skipped) log(`opsgate: ${path4.basename(file)}: ${r.skipped}`);
      }
    }
  }
  if (result.failures.length)
    throw new PublishError(
      `publishing to GitHub failed at ${result.failures.join("; failed at ")}. Everything else was published. The evidence is safe on disk: ${path4.join(o.outDir, "evidence")} (${evidence.length} files) and ${path4.join(o.outDir, "report.md")}; re-run \`opsgate publish --out ${o.outDir}\` when GitHub is reachable.`,
      result
    );
  return result;
}
function shortRef(ref) {
  return ref?.replace(/^refs\/(heads|tags)\//, "");
}
function firstLine(err) {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
}

export {
  contextForFollowUp,
  describePublish,
  tokenLogin,
  isOwnBody,
  createOnce,
  ensureLabel,
  closeDuplicate,
  publish
};
