import { readGitHubContext } from '../github/context.js';
import { DEFAULT_EVIDENCE_BRANCH, GitHubEvidenceStore } from '../github/evidence-store.js';
import { createGitHubClient } from '../github/octokit.js';
import type { Evidence } from '../core/evidence/model.js';
import type { EvidenceQuery, EvidenceStore, StoredEvidence } from '../core/store/evidence-store.js';

/**
 * The evidence store of a check on a runner: history is read from the repository's evidence
 * branch (baselines of the PR base, previous matrices, the drill log), and records go there too
 * when the token may write. A job with a read-only token (PR checks, forks) keeps its writes in
 * the local store; the gate's publish step stores the evidence on the branch afterwards.
 */
export class RunnerEvidenceStore implements EvidenceStore {
  constructor(
    private readonly remote: EvidenceStore,
    private readonly local: EvidenceStore,
    private readonly log: (message: string) => void,
  ) {}

  get description(): string {
    return `${this.remote.description} (local fallback ${this.local.description})`;
  }

  async put(evidence: Evidence, meta?: { commit?: string; branch?: string }): Promise<StoredEvidence> {
    try {
      return await this.remote.put(evidence, meta);
    } catch (err) {
      this.fallback('store evidence', err);
      return this.local.put(evidence, meta);
    }
  }

  async list(check: string, query: EvidenceQuery = {}): Promise<StoredEvidence[]> {
    let remote: StoredEvidence[] = [];
    try {
      remote = await this.remote.list(check, query);
    } catch (err) {
      this.fallback('read evidence history', err);
    }
    const local = await this.local.list(check, query);
    const seen = new Set(remote.map((r) => r.sha256));
    const merged = [...remote, ...local.filter((l) => !seen.has(l.sha256))].sort((a, b) =>
      b.recordedAt.localeCompare(a.recordedAt),
    );
    return query.limit ? merged.slice(0, query.limit) : merged;
  }

  async appendRecord(log: string, record: Record<string, unknown>): Promise<void> {
    try {
      await this.remote.appendRecord(log, record);
    } catch (err) {
      this.fallback(`append to ${log} log`, err);
      await this.local.appendRecord(log, record);
    }
  }

  async readRecords(log: string): Promise<Record<string, unknown>[]> {
    let remote: Record<string, unknown>[] = [];
    try {
      remote = await this.remote.readRecords(log);
    } catch (err) {
      this.fallback(`read ${log} log`, err);
    }
    return [...remote, ...(await this.local.readRecords(log))];
  }

  private fallback(what: string, err: unknown): void {
    const status = (err as { status?: number }).status;
    this.log(
      `opsgate: could not ${what} on ${this.remote.description}${status ? ` (${status})` : ''}: ${(err as Error).message?.split('\n')[0]}; using ${this.local.description}`,
    );
  }
}

/**
 * The store for an action run: the evidence branch of the runner's repository when there is a
 * token and a repository, otherwise the local store unchanged.
 */
export function runnerStore(
  token: string,
  local: EvidenceStore,
  log: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): EvidenceStore {
  const ctx = readGitHubContext(env);
  if (!token || !ctx.owner || !ctx.repo) return local;
  const gh = createGitHubClient({ token, baseUrl: ctx.apiUrl, log });
  const remote = new GitHubEvidenceStore(gh, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: DEFAULT_EVIDENCE_BRANCH,
    log,
  });
  return new RunnerEvidenceStore(remote, local, log);
}
