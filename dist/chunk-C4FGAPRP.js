import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  closeDuplicate,
  contextForFollowUp,
  createOnce,
  describePublish,
  ensureLabel,
  isOwnBody,
  publish,
  tokenLogin
} from "./chunk-UFO3XMUB.js";
import {
  createGitHubClient
} from "./chunk-I3KIDUO6.js";
import "./chunk-B6DWUJ3H.js";
import {
  DRILL_LABEL,
  drillMarker,
  drillTitle
} from "./chunk-AWARA4KL.js";
import {
  withDefaultBranch,
  writePolicy
} from "./chunk-F4N7O6A5.js";
import {
  readGitHubContext
} from "./chunk-7YA2V6B3.js";
import "./chunk-SO5POORH.js";
import "./chunk-DDRZDHRK.js";
import "./chunk-H6NLF7E3.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-YILOGUBB.js";
import "./chunk-NA4JMHHY.js";
import "./chunk-MT7WXE72.js";
import "./chunk-4AFMPRTR.js";
import "./chunk-YUAPXZBY.js";
import "./chunk-3ZMT66VX.js";
import "./chunk-QAYL33UC.js";
import "./chunk-EL2BHP6N.js";
import "./chunk-KAEF76QS.js";
import "./chunk-OSGOEP7K.js";
import {
  registerSecret
} from "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";

// src/github/drill-issue.ts
async function upsertDrillIssue(gh, context, o) {
  const label = o.label ?? DRILL_LABEL;
  const title = drillTitle(o.month);
  if (context.readOnly) {
    o.log?.(`github: ${title} issue not written (${context.readOnlyReason ?? "read-only token"})`);
    return void 0;
  }
  const policy = writePolicy(await withDefaultBranch(gh, context, o.log));
  if (!policy.drill) {
    o.log?.(`github: ${title} issue not written (a ${policy.level} run writes no drill issue)`);
    return void 0;
  }
  const repo = { owner: context.owner, repo: context.repo };
  const marker = drillMarker(o.month);
  const login = await tokenLogin(gh);
  const find = async () => (await gh.paginate(gh.rest.issues.listForRepo, { ...repo, creator: login, state: "all", per_page: 100 })).filter((i) => !i.pull_request && isOwnBody(i, marker, login) && i.title.startsWith(title)).sort((a, b) => a.number - b.number);
  const mine = await find();
  const existing = mine[0];
  const labelIt = () => ensureLabel(gh, {
    ...repo,
    label,
    color: "0e8a16",
    description: "opsgate monthly drill (managed automatically)"
  });
  if (!existing) {
    await labelIt();
    const { item, created } = await createOnce({
      what: `the ${title} issue`,
      log: o.log,
      create: async () => (await gh.rest.issues.create({ ...repo, title, body: o.render(), labels: [label] })).data,
      lookup: async () => (await find())[0]
    });
    o.log?.(`github: opened ${title} as #${item.number}${created ? "" : " (found after a lost answer)"}`);
    return { number: item.number, action: "created", url: item.html_url };
  }
  for (const dup of mine.slice(1).filter((i) => i.state === "open"))
    await closeDuplicate(gh, repo, dup.number, existing.number);
  if (!existing.labels.some((l) => (typeof l === "string" ? l : l.name) === label)) {
    await labelIt();
    await gh.rest.issues.addLabels({ ...repo, issue_number: existing.number, labels: [label] });
  }
  const body = o.render(existing.body ?? void 0);
  if (body === existing.body && existing.title === title)
    return { number: existing.number, action: "unchanged", url: existing.html_url };
  await gh.rest.issues.update({ ...repo, issue_number: existing.number, title, body });
  o.log?.(`github: updated ${title} (#${existing.number})`);
  return { number: existing.number, action: "updated", url: existing.html_url };
}

// src/github/action-publisher.ts
async function publishFromAction(req) {
  registerSecret(req.token);
  let context = readGitHubContext(process.env, req.pullRequest ? { pullNumber: req.pullRequest } : {});
  if (!req.token)
    context = {
      ...context,
      readOnly: true,
      readOnlyReason: context.readOnlyReason ?? "no GitHub token given"
    };
  const octokit = createGitHubClient({ token: req.token, baseUrl: context.apiUrl, log: req.log });
  if (!context.readOnly) context = await contextForFollowUp(octokit, context, req.outDir);
  const result = await publish({
    outDir: req.outDir,
    config: req.config,
    octokit,
    context,
    commentKey: req.commentKey,
    artifactName: false,
    summaryFile: req.jobSummary ? void 0 : false,
    annotations: req.annotations ?? true,
    write: req.write,
    log: req.log
  });
  let message = describePublish(result).replace(/\n/g, "; ");
  const drillIssue = req.drill ? await upsertDrillIssue(octokit, context, { ...req.drill, log: req.log }) : void 0;
  if (drillIssue) message += `; drill issue #${drillIssue.number} ${drillIssue.action}`;
  return { published: !result.readOnly, message, result, drillIssue };
}

// src/actions/github-publisher.ts
var githubPublisher = async (request) => {
  const { published, message, drillIssue } = await publishFromAction({
    outDir: request.outDir,
    // publish() reads only config.gate (its own option type is Pick<OpsgateConfig, 'gate'>).
    config: request.config,
    token: request.token,
    commentKey: request.commentKey,
    pullRequest: request.pullRequest,
    drill: request.drill,
    log: request.log
  });
  return { published, message, drillIssue };
};
export {
  githubPublisher
};
