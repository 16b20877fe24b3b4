import { existsSync } from 'node:fs';
import { evidencePath, readEvidenceFile } from '../evidence/store-files.js';
import type { Evidence } from '../evidence/model.js';
import type { RunbookContext } from './runbook.js';

/**
 * The newest evidence of a check for a runbook: this run's `out/evidence/<check>.json` when it
 * exists, else the newest stored record. Undefined when the check never ran.
 */
export async function latestEvidence(ctx: RunbookContext, check: string): Promise<Evidence | undefined> {
  const file = evidencePath(ctx.outDir, check);
  const fromRun = existsSync(file) ? await readEvidenceFile(file).catch(() => undefined) : undefined;
  const [stored] = await ctx.store.list(check, { limit: 1 });
  if (fromRun && stored) {
    return Date.parse(fromRun.run.startedAt) >= Date.parse(stored.evidence.run.startedAt)
      ? fromRun
      : stored.evidence;
  }
  return fromRun ?? stored?.evidence;
}
