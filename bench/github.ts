/**
 * github benchmark: what `publish` costs against the same work done with raw Octokit calls.
 * Both run against the local fake GitHub (loopback, no write spacing), so the figures are the
 * client-side cost and the number of API calls — the number that matters on the real API, where
 * each call is ~100-300 ms and secondary rate limits punish bursts. Run: `npx tsx bench/github.ts`.
 *
 * raw first run:  list PR comments → create comment; list issues → create label → create F issues
 * raw re-run:     list PR comments → update comment; list issues
 * (raw does no evidence store, no base comparison, no change detection — the floor, not a rival.)
 */
import { performance } from 'node:perf_hooks';
import { Octokit } from '@octokit/rest';
import { evidenceSchema } from '../src/core/evidence/model.js';
import { writeEvidence } from '../src/core/evidence/store-files.js';
import { readGitHubContext } from '../src/github/context.js';
import { publish } from '../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../test/support/fake-github/server.js';
import { fakeClient, runEvidence, tempDir } from '../test/support/github-evidence.js';

async function outWithFailing(failing: number): Promise<string> {
  const dir = await tempDir('opsgate-bench-gh-');
  const [rbac] = runEvidence({});
  rbac!.thresholds = Array.from({ length: failing + 20 }, (_, i) => ({
    name: `viewer DELETE /api/items/${i}`,
    limit: 403,
    actual: i < failing ? 204 : 403,
    ok: i >= failing,
  }));
  rbac!.verdict = failing ? 'fail' : 'pass';
  await writeEvidence(dir, evidenceSchema.parse(rbac));
  return dir;
}

function contextFor(fake: FakeGitHub, repo: string, pr: number) {
  return readGitHubContext(
    {
      GITHUB_REPOSITORY: `acme/${repo}`,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SHA: 'd'.repeat(40),
      GITHUB_REF: `refs/pull/${pr}/merge`,
      GITHUB_RUN_ID: '1',
      GITHUB_API_URL: fake.url,
    },
    { pullNumber: pr },
  );
}

async function rawPublish(gh: Octokit, repo: string, pr: number, failing: number): Promise<void> {
  const marker = '<!-- opsgate:comment:raw -->';
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    owner: 'acme',
    repo,
    issue_number: pr,
    per_page: 100,
  });
  const mine = comments.find((c) => c.body?.includes(marker));
  if (mine)
    await gh.rest.issues.updateComment({
      owner: 'acme',
      repo,
      comment_id: mine.id,
      body: `${marker}\nreport`,
    });
  else
    await gh.rest.issues.createComment({ owner: 'acme', repo, issue_number: pr, body: `${marker}\nreport` });
  const issues = await gh.paginate(gh.rest.issues.listForRepo, {
    owner: 'acme',
    repo,
    labels: 'raw',
    state: 'all',
    per_page: 100,
  });
  if (issues.length || !failing) return;
  await gh.rest.issues.createLabel({ owner: 'acme', repo, name: 'raw' }).catch(() => undefined);
  for (let i = 0; i < failing; i++)
    await gh.rest.issues.create({
      owner: 'acme',
      repo,
      title: `cell ${i}`,
      body: `<!-- raw:${i} -->`,
      labels: ['raw'],
    });
}

interface Row {
  failing: number;
  phase: string;
  opsgateMs: number;
  rawMs: number;
  opsgateCalls: number;
  rawCalls: number;
}

async function measure(fake: FakeGitHub, failing: number): Promise<Row[]> {
  const out = await outWithFailing(failing);
  const quiet = { write: () => {}, log: () => {} };
  const repoA = `ops-${failing}`;
  const repoB = `raw-${failing}`;
  const prA = fake.repo(`acme/${repoA}`).openPullRequest().number;
  const prB = fake.repo(`acme/${repoB}`).openPullRequest().number;
  const gh = fakeClient(fake);
  const raw = new Octokit({ auth: 'raw', baseUrl: fake.url });
  const rows: Row[] = [];
  for (const phase of ['first run', 're-run (unchanged)']) {
    let n = fake.requests.length;
    let t = performance.now();
    await publish({
      outDir: out,
      octokit: gh,
      context: contextFor(fake, repoA, prA),
      maxNewIssues: 1000,
      ...quiet,
    });
    const opsgateMs = performance.now() - t;
    const opsgateCalls = fake.requests.length - n;
    n = fake.requests.length;
    t = performance.now();
    await rawPublish(raw, repoB, prB, failing);
    rows.push({
      failing,
      phase,
      opsgateMs,
      rawMs: performance.now() - t,
      opsgateCalls,
      rawCalls: fake.requests.length - n,
    });
  }
  return rows;
}

const fake = await startFakeGitHub();
const rows: Row[] = [];
await measure(fake, 2); // warm-up (module load, connection pool)
for (const failing of [0, 5, 25, 100]) rows.push(...(await measure(fake, failing)));
await fake.stop();

console.log('| failing controls | phase | opsgate ms | raw Octokit ms | ratio | opsgate calls | raw calls |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.failing} | ${r.phase} | ${r.opsgateMs.toFixed(0)} | ${r.rawMs.toFixed(0)} | ${(r.opsgateMs / r.rawMs).toFixed(2)}× | ${r.opsgateCalls} | ${r.rawCalls} |`,
  );
console.log(
  '\nThe ms ratio is client overhead on loopback (reading evidence, rendering, the retry/throttling\n' +
    "plugins' schedulers); on api.github.com each call costs 100-300 ms, so the call counts dominate.",
);
