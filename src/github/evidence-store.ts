import type { Evidence } from '../core/evidence/model.js';
import { redactDeep } from '../core/secrets.js';
import {
  storeKey,
  type EvidenceQuery,
  type EvidenceStore,
  type StoredEvidence,
} from '../core/store/evidence-store.js';
import {
  oncePerRecord,
  parseLogLines,
  readStoredRecord,
  recordText,
  sealRecord,
  type RecordEnvelope,
} from '../core/store/stored-record.js';
import { GitBranch, type BranchFile, type GitBranchOptions } from './git-branch.js';
import type { GitHubClient } from './octokit.js';

/** Default branch holding evidence history, like benchmark history on gh-pages. */
export const DEFAULT_EVIDENCE_BRANCH = 'opsgate-evidence';

export interface StoreItem {
  evidence: Evidence;
  meta?: { commit?: string; branch?: string };
}

export interface BatchResult {
  stored: StoredEvidence[];
  /** How many records were new (already-present records are not written again). */
  created: number;
  commit?: string;
}

/**
 * The evidence store on a dedicated git branch of the repository, written through the git data
 * API. Same layout as the local store (`evidence/<check>/<date>/<time>-<commit>-<hash>.json`,
 * `logs/<name>.jsonl`); the file name carries the evidence's content hash, so storing the same
 * evidence twice writes nothing, and a batch lands in one commit.
 */
export class GitHubEvidenceStore implements EvidenceStore {
  readonly branch: GitBranch;
  private readonly warnFor: ReturnType<typeof oncePerRecord>;

  constructor(gh: GitHubClient, opts: Omit<GitBranchOptions, 'branch'> & { branch?: string }) {
    this.branch = new GitBranch(gh, { ...opts, branch: opts.branch ?? DEFAULT_EVIDENCE_BRANCH });
    this.warnFor = oncePerRecord(this.description, opts.log);
  }

  get description(): string {
    const o = this.branch.opts;
    return `branch ${o.branch} of ${o.owner}/${o.repo}`;
  }

  async put(evidence: Evidence, meta: { commit?: string; branch?: string } = {}): Promise<StoredEvidence> {
    return (await this.putBatch([{ evidence, meta }])).stored[0]!;
  }

  /**
   * Store several records (and optionally one log line) in a single commit. Costs one API call
   * when everything is already stored.
   */
  async putBatch(
    items: StoreItem[],
    logLine?: { log: string; record: Record<string, unknown> },
  ): Promise<BatchResult> {
    const recordedAt = new Date().toISOString();
    const prepared = items.map(({ evidence, meta = {} }) => {
      const env: RecordEnvelope = sealRecord(evidence, meta, recordedAt);
      return { key: storeKey(env.evidence, env.sha256, meta.commit), env };
    });
    const present = await this.branch.files();
    let created = 0;
    let commit: string | undefined;
    if (prepared.some((p) => !present.has(p.key))) {
      commit = await this.branch.commit(
        async (head) => {
          const files = head ? await this.branch.files(head.treeSha) : new Map<string, string>();
          const out: BranchFile[] = prepared
            .filter((p) => !files.has(p.key))
            .map((p) => ({ path: p.key, content: recordText(p.env) }));
          created = out.length;
          if (out.length && logLine)
            out.push(await this.appendedLog(logLine.log, logLine.record, head?.treeSha));
          return out;
        },
        `opsgate: store ${prepared.map((p) => p.env.evidence.check).join(', ')} evidence`,
      );
    }
    const stored = prepared.map((p) => ({
      key: p.key,
      check: p.env.evidence.check,
      recordedAt: p.env.recordedAt,
      commit: p.env.commit,
      branch: p.env.branch,
      sha256: p.env.sha256,
      evidence: p.env.evidence,
    }));
    return { stored, created, commit };
  }

  /**
   * Keys of a check's records, newest first, without reading them (one cached tree listing).
   * With `commit`, only records whose file name carries that commit.
   */
  async keys(check: string, q: { commit?: string } = {}): Promise<string[]> {
    const prefix = `evidence/${check}/`;
    return (
      [...(await this.branch.files()).keys()]
        .filter((k) => k.startsWith(prefix) && k.endsWith('.json'))
        // The file name holds the first 7 characters of the commit: filter before reading blobs.
        .filter((k) => !q.commit || k.includes(`-${q.commit.slice(0, 7)}-`))
        .sort()
        .reverse()
    );
  }

  async list(check: string, q: EvidenceQuery = {}): Promise<StoredEvidence[]> {
    const keys = await this.keys(check, q);
    const files = await this.branch.files();
    const out: StoredEvidence[] = [];
    for (const key of keys) {
      const record = readStoredRecord(
        key,
        check,
        await this.branch.readBlob(files.get(key)!),
        q,
        this.warnFor(key),
      );
      if (!record) continue;
      out.push(record);
      if (q.limit && out.length >= q.limit) break;
    }
    return out;
  }

  async appendRecord(log: string, record: Record<string, unknown>): Promise<void> {
    await this.branch.commit(
      async (head) => [await this.appendedLog(log, record, head?.treeSha)],
      `opsgate: append to ${log} log`,
    );
  }

  async readRecords(log: string): Promise<Record<string, unknown>[]> {
    return parseLogLines(log, (await this.branch.readText(logPath(log))) ?? '', this.warnFor);
  }

  /** The log file at `tree` with one more line: rebuilt on every attempt so no line is lost. */
  private async appendedLog(
    log: string,
    record: Record<string, unknown>,
    tree?: string,
  ): Promise<BranchFile> {
    const current = tree ? ((await this.branch.readText(logPath(log), tree)) ?? '') : '';
    return { path: logPath(log), content: current + JSON.stringify(redactDeep(record)) + '\n' };
  }
}

function logPath(log: string): string {
  return `logs/${log}.jsonl`;
}
