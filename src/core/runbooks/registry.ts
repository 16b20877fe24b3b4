import { disasterRecoveryRunbook } from './data/disaster-recovery.js';
import type { RunbookDefinition } from './runbook.js';

/**
 * Every runbook opsgate generates, by name. One runbook = a template in
 * `runbooks/templates/<name>.md` + a data module in `./data/<name>.ts` + one line here.
 */
export const runbooks: Record<string, RunbookDefinition> = {
  [disasterRecoveryRunbook.name]: disasterRecoveryRunbook,
};
