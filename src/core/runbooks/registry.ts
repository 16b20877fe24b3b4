import { accessControlIncidentRunbook } from './data/access-control-incident.js';
import { disasterRecoveryRunbook } from './data/disaster-recovery.js';
import { loadRegressionTriageRunbook } from './data/load-regression-triage.js';
import { securityFindingsTriageRunbook } from './data/security-findings-triage.js';
import { slowQueryTriageRunbook } from './data/slow-query-triage.js';
import type { RunbookDefinition } from './runbook.js';

/**
 * Every runbook opsgate generates, by name. One runbook = a template in
 * `runbooks/templates/<name>.md` + a data module in `./data/<name>.ts` + one line here.
 */
export const runbooks: Record<string, RunbookDefinition> = {
  [disasterRecoveryRunbook.name]: disasterRecoveryRunbook,
  [loadRegressionTriageRunbook.name]: loadRegressionTriageRunbook,
  [securityFindingsTriageRunbook.name]: securityFindingsTriageRunbook,
  [accessControlIncidentRunbook.name]: accessControlIncidentRunbook,
  [slowQueryTriageRunbook.name]: slowQueryTriageRunbook,
};
