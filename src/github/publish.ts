import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpsgateConfig } from '../core/config/schema.js';
import { describeCause } from '../core/errors.js';
import { readAllEvidence } from '../core/evidence/store-files.js';
import { writeReports } from '../core/render/write-reports.js';
import { annotationLines } from './annotations.js';
import {
  sarifFiles,
  uploadOutDir,
  uploadSarif,
  type ArtifactUploadResult,
  type SarifUploadResult,
} from './artifacts.js';
import type { GitHubContext } from './context.js';
import { GitHubEvidenceStore, DEFAULT_EVIDENCE_BRANCH } from './evidence-store.js';
import { followUpInstructions, writePendingContext } from './fork-follow-up.js';
import { syncIssues, type IssueSyncCounts } from './issues.js';
import type { GitHubClient } from './octokit.js';
import { publishComment, type CommentOutcome } from './publish-comment.js';
import { appendJobSummary } from './summary.js';
import { runbookUrl } from './runbook-links.js';
import { withDefaultBranch, writePolicy, type TrustLevel } from './trust.js';

export interface PublishOptions {
  /** Out dir holding `evidence/*.json` (written by the checks before publishing). */
  outDir: string;
  config?: Pick<OpsgateConfig, 'gate'>;
  octokit: GitHubClient;
  context: GitHubContext;
  /** Sticky comment key: one comment per workflow by default. */
  commentKey?: string;
  /** Label on every issue opsgate manages. */
  label?: string;
  /** Evidence store branch; `false` keeps history out of the repository. */
  evidenceBranch?: string | false;
  comment?: boolean;
  issues?: boolean;
  sarif?: boolean;
  /** Workflow artifact name for the out dir; `false` skips the upload. */
  artifactName?: string | false;
  maxNewIssues?: number;
  /** Job summary file; default `GITHUB_STEP_SUMMARY`; `false` when the caller writes its own. */
  summaryFile?: string | false;
  /** Emit `::error`/`::warning` annotations (default true). */
  annotations?: boolean;
  /** Where workflow commands (annotations) go; default stdout. */
  write?: (line: string) => void;
  log?: (message: string) => void;
  /** Base delay between store attempts when writers race (ms). */
  storeRetryDelayMs?: number;
}

export interface PublishResult {
  verdict: string;
  passed: boolean;
  evidenceFiles: number;
  readOnly: boolean;
  /** The run's trust level (from the event), which decided what was written. */
  trust: TrustLevel;
  comment?: CommentOutcome;
  issues?: IssueSyncCounts;
  stored?: { created: number; branch: string; commit?: string };
  summary: boolean;
  annotations: number;
  sarif: SarifUploadResult[];
  artifact?: ArtifactUploadResult;
  /** Parts skipped for lack of permission (403), with why. */
  warnings: string[];
  /** Writes that failed, each named; every other part was still published. */
  failures: string[];
  /** Set when publishing was deferred (read-only token): how to publish from a follow-up. */
  followUp?: string;
}

/** Publishing failed (GitHub down, bad token); the evidence is on disk regardless. */
export class PublishError extends Error {
  constructor(
    message: string,
    /** What was published despite the failures (absent when nothing could start). */
    readonly result?: PublishResult,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/**
 * Publish a run's evidence to GitHub: job summary and annotations first (local), then the
 * evidence store, the sticky PR comment, the issue lifecycle and SARIF. Everything is rendered
 * from the evidence already on disk; nothing here measures. With a read-only token nothing is
 * written and the result says how to publish from a `workflow_run` follow-up.
 */
export async function publish(o: PublishOptions): Promise<PublishResult> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const write = o.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  const evidence = await readAllEvidence(o.outDir);
  if (!evidence.length)
    throw new PublishError(
      `no evidence in ${path.join(o.outDir, 'evidence')}: run the checks before publishing`,
    );
  const gate = await writeReports(o.outDir, o.config);
  const report = await readFile(path.join(o.outDir, 'report.md'), 'utf8');
  const ctx = o.context.readOnly ? o.context : await withDefaultBranch(o.octokit, o.context, log);
  const policy = writePolicy(ctx);
  const result: PublishResult = {
    trust: policy.level,
    verdict: gate.verdict,
    passed: gate.passed,
    evidenceFiles: evidence.length,
    readOnly: ctx.readOnly,
    summary:
      o.summaryFile === false
        ? false
        : await appendJobSummary(report, o.summaryFile ?? process.env.GITHUB_STEP_SUMMARY),
    annotations: 0,
    sarif: [],
    warnings: [],
    failures: [],
  };
  const lines = o.annotations === false ? [] : annotationLines(gate.checks);
  for (const l of lines) write(l);
  result.annotations = lines.length;

  const artifactName = o.artifactName === false ? undefined : (o.artifactName ?? 'opsgate-evidence');
  if (ctx.readOnly) await writePendingContext(o.outDir, ctx);
  if (artifactName) result.artifact = await uploadOutDir(o.outDir, artifactName);
  if (ctx.readOnly) {
    result.followUp = followUpInstructions(ctx, artifactName ?? 'opsgate-evidence', o.outDir);
    log(result.followUp);
    return result;
  }
  if (!ctx.owner || !ctx.repo) throw new PublishError('no repository: set GITHUB_REPOSITORY=owner/name');

  const gh = o.octokit;
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      const status = (err as { status?: number }).status;
      // A 403 is a permission answer unless it is a rate limit that did not lift.
      if ((status === 403 || status === 404) && !/rate limit/i.test(firstLine(err))) {
        result.warnings.push(`${name}: not permitted (${status}: ${firstLine(err)})`);
        log(`opsgate: skipped ${name}: the token is not allowed to (${status}: ${firstLine(err)})`);
        return undefined;
      }
      // One failed part never stops the others: it is named, and publish fails (exit 3) at the end.
      result.failures.push(`${name} (${ctx.apiUrl}): ${describeCause(err)}`);
      log(`opsgate: publishing ${name} failed: ${describeCause(err)}`);
      return undefined;
    }
  };

  const branch = o.evidenceBranch === false ? undefined : (o.evidenceBranch ?? DEFAULT_EVIDENCE_BRANCH);
  const store = branch
    ? new GitHubEvidenceStore(gh, {
        owner: ctx.owner,
        repo: ctx.repo,
        branch,
        log,
        retryDelayMs: o.storeRetryDelayMs,
      })
    : undefined;
  if (store && !policy.store)
    log(`opsgate: evidence store not written: a ${policy.level} run writes no baselines`);
  if (store && policy.store) {
    const meta = { commit: ctx.sha || undefined, branch: shortRef(ctx.ref) };
    const batch = await step('evidence store', () =>
      store.putBatch(
        evidence.map((e) => ({ evidence: e, meta })),
        {
          log: 'publish',
          record: {
            at: new Date().toISOString(),
            sha: ctx.sha,
            ref: ctx.ref,
            run: ctx.runUrl,
            verdict: gate.verdict,
            checks: evidence.map((e) => e.check),
          },
        },
      ),
    );
    if (batch) result.stored = { created: batch.created, branch: branch!, commit: batch.commit };
  }

  if (o.comment !== false && ctx.pullNumber) {
    const pullNumber = ctx.pullNumber;
    result.comment = await step('PR comment', () =>
      publishComment(gh, {
        context: { ...ctx, pullNumber },
        key: o.commentKey ?? ctx.workflow ?? 'opsgate',
        report,
        gate,
        unverified: policy.unverified,
        config: o.config,
        store,
      }),
    );
  }

  if (o.issues !== false && !policy.issues)
    log(`opsgate: issues not synced: a ${policy.level} run opens and closes no issues`);
  if (o.issues !== false && policy.issues) {
    result.issues = await step('issues', () =>
      syncIssues(gh, gate.checks, {
        owner: ctx.owner,
        repo: ctx.repo,
        label: o.label ?? 'opsgate',
        run: {
          runUrl: ctx.runUrl,
          sha: ctx.sha,
          target: evidence[0]?.target.url,
          at: new Date().toISOString(),
        },
        runbookUrl: (check) => runbookUrl(check, ctx),
        maxNewIssues: o.maxNewIssues,
        log,
      }),
    );
    for (const f of result.issues?.failures ?? []) result.failures.push(`issues: ${f}`);
  }

  const sarifSha = ctx.checkoutSha ?? ctx.sha;
  if (o.sarif !== false && /^[0-9a-f]{40}$/.test(sarifSha) && ctx.ref) {
    for (const file of await sarifFiles(o.outDir)) {
      const r = await step('SARIF upload', () =>
        uploadSarif(gh, { owner: ctx.owner, repo: ctx.repo, sha: sarifSha, ref: ctx.ref!, file }),
      );
      if (r) {
        result.sarif.push(r);
        if (r.skipped) log(`opsgate: ${path.basename(file)}: ${r.skipped}`);
      }
    }
  }
  if (result.failures.length)
    throw new PublishError(
      `publishing to GitHub failed at ${result.failures.join('; failed at ')}. ` +
        `Everything else was published. The evidence is safe on disk: ${path.join(o.outDir, 'evidence')} (${evidence.length} files) and ${path.join(o.outDir, 'report.md')}; ` +
        `re-run \`opsgate publish --out ${o.outDir}\` when GitHub is reachable.`,
      result,
    );
  return result;
}

function shortRef(ref: string | undefined): string | undefined {
  return ref?.replace(/^refs\/(heads|tags)\//, '');
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
