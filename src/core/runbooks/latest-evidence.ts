import { existsSync } from 'node:fs';
import path from 'node:path';
import { evidencePath, readEvidenceFile } from '../evidence/store-files.js';
import type { Evidence } from '../evidence/model.js';
import { untrustedText } from '../render/untrusted-text.js';
import type { RunbookContext } from './runbook.js';

/** Evidence a runbook quotes, with where it was read: numbers in a runbook cite this. */
export interface EvidenceSource {
  evidence: Evidence;
  /** This run's `<out>/evidence/<check>.json` (relative to opsgate.yml's directory), or the store key. */
  file: string;
  /** `file` is a key of the evidence store rather than a path. */
  inStore?: boolean;
  /** The commit the evidence was measured at, when the run recorded one (CI runs do). */
  commit?: string;
}

/**
 * The newest evidence of a check for a runbook: this run's `out/evidence/<check>.json` when it
 * exists, else the newest stored record. Undefined when the check never ran.
 */
export async function latestEvidenceSource(
  ctx: RunbookContext,
  check: string,
): Promise<EvidenceSource | undefined> {
  const file = evidencePath(ctx.outDir, check);
  const fromRun = existsSync(file) ? await readEvidenceFile(file).catch(() => undefined) : undefined;
  const [stored] = await ctx.store.list(check, { limit: 1 });
  const run = fromRun && {
    evidence: fromRun,
    file: path.relative(ctx.configDir, file) || file,
    ...(fromRun.run.commit ? { commit: fromRun.run.commit } : {}),
  };
  const kept = stored && {
    evidence: stored.evidence,
    file: stored.key,
    inStore: true,
    ...((stored.commit ?? stored.evidence.run.commit)
      ? { commit: stored.commit ?? stored.evidence.run.commit }
      : {}),
  };
  if (run && kept)
    return Date.parse(run.evidence.run.startedAt) >= Date.parse(kept.evidence.run.startedAt) ? run : kept;
  return run ?? kept;
}

/** The newest evidence of a check (see latestEvidenceSource). */
export async function latestEvidence(ctx: RunbookContext, check: string): Promise<Evidence | undefined> {
  return (await latestEvidenceSource(ctx, check))?.evidence;
}

/**
 * A value read from an evidence file (its run id, commit, store key): in a code span when it is
 * plainly an identifier or path, else through the neutraliser, so a forged record cannot break
 * out of the runbook's markdown.
 */
function quoted(value: string): string {
  return /^[\w./:@+=,-]{1,200}$/.test(value) ? `\`${value}\`` : untrustedText(value, { maxBytes: 200 });
}

/** "`opsgate-out/evidence/restore.json`, run `…`, commit `abc1234`": what a measured number cites. */
export function citeEvidence(s: EvidenceSource): string {
  const commit = s.commit
    ? `commit ${quoted(s.commit.slice(0, 12))}`
    : 'no commit recorded (a run outside CI)';
  return `${quoted(s.file)}${s.inStore ? ' in the evidence store' : ''}, run ${quoted(s.evidence.run.id)}, ${commit}`;
}
