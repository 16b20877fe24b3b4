import { randomUUID } from 'node:crypto';
import type { Evidence } from './model.js';
import { EVIDENCE_VERSION } from './model.js';

/** Start an evidence record for a check; `finish` fills in timings. */
export function startEvidence(check: string, targetUrl: string, targetName?: string): Evidence {
  const now = new Date().toISOString();
  return {
    kind: 'opsgate.evidence',
    version: EVIDENCE_VERSION,
    check,
    target: { url: targetUrl, ...(targetName ? { name: targetName } : {}) },
    run: {
      id: process.env.GITHUB_RUN_ID
        ? `${process.env.GITHUB_RUN_ID}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}`
        : randomUUID(),
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      ...(process.env.GITHUB_SHA ? { commit: process.env.GITHUB_SHA } : {}),
      ...(process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}),
    },
    verdict: 'pass',
    summary: '',
    metrics: {},
    thresholds: [],
    findings: [],
    artifacts: [],
  };
}

export function finishEvidence(e: Evidence, started = Date.parse(e.run.startedAt)): Evidence {
  const end = Date.now();
  e.run.finishedAt = new Date(end).toISOString();
  e.run.durationMs = end - started;
  return e;
}
