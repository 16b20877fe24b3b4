import type { Evidence } from '../evidence/model.js';

/** One stored evidence record with where and when it was measured. */
export interface StoredEvidence {
  key: string;
  check: string;
  recordedAt: string;
  commit?: string;
  branch?: string;
  /** sha256 of the evidence JSON, so history can be verified. */
  sha256: string;
  evidence: Evidence;
}

export interface EvidenceQuery {
  branch?: string;
  commit?: string;
  limit?: number;
}

/**
 * Durable history of evidence, past artifact expiry: baselines for load regressions, the
 * previous matrix for RBAC diffs, the drill log. Local directory or a git branch on GitHub;
 * both keep the same layout (`evidence/<check>/<date>/<time>-<commit>-<hash>.json`,
 * `logs/<name>.jsonl`).
 */
export interface EvidenceStore {
  readonly description: string;
  put(evidence: Evidence, meta?: { commit?: string; branch?: string }): Promise<StoredEvidence>;
  /** Newest first. */
  list(check: string, query?: EvidenceQuery): Promise<StoredEvidence[]>;
  appendRecord(log: string, record: Record<string, unknown>): Promise<void>;
  readRecords(log: string): Promise<Record<string, unknown>[]>;
}

export function storeKey(e: Evidence, sha256: string, commit?: string): string {
  const at = e.run.startedAt;
  return `evidence/${e.check}/${at.slice(0, 10)}/${at.replace(/[:.]/g, '-')}-${(commit ?? 'local').slice(0, 7)}-${sha256.slice(0, 8)}.json`;
}
