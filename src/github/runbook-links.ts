/**
 * Which on-call runbook section explains a failing control of each check. Issues link there so
 * whoever picks one up starts from the procedure, not from a blank page.
 */
export const RUNBOOK_SECTIONS: Record<string, { runbook: string; anchor?: string }> = {
  load: { runbook: 'load-regression-triage', anchor: 'which-endpoint-regressed' },
  headers: { runbook: 'security-findings-triage', anchor: 'missing-or-weak-security-headers' },
  dast: { runbook: 'security-findings-triage', anchor: 'dast-findings' },
  rbac: { runbook: 'access-control-incident', anchor: 'which-cell-broke' },
  abuse: { runbook: 'access-control-incident', anchor: 'login-and-rate-limiters' },
  restore: { runbook: 'disaster-recovery' },
  db: { runbook: 'slow-query-triage', anchor: 'what-is-failing' },
};

/** Repository-relative path of a check's runbook section, e.g. `runbooks/access-control-incident.md#which-cell-broke`. */
export function runbookPath(check: string): string | undefined {
  const s = RUNBOOK_SECTIONS[check];
  return s ? `runbooks/${s.runbook}.md${s.anchor ? `#${s.anchor}` : ''}` : undefined;
}

/** Absolute link to the runbook section on the repository's default branch. */
export function runbookUrl(
  check: string,
  repo: { serverUrl: string; owner: string; repo: string; defaultBranch: string },
): string | undefined {
  const p = runbookPath(check);
  return p ? `${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${repo.defaultBranch}/${p}` : undefined;
}
