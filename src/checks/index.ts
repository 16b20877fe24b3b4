import type { CheckName } from '../core/config/schema.js';
import { abuseCheck } from './abuse/abuse-check.js';
import type { Check } from './check.js';
import { dastCheck } from './dast/dast-check.js';
import { dbCheck } from './db/db-check.js';
import { faultCheck } from './fault/fault-check.js';
import { headersCheck } from './headers/headers-check.js';
import { loadCheck } from './load/load-check.js';
import { rbacCheck } from './rbac/rbac-check.js';
import { restoreCheck } from './restore/restore-check.js';

/** Every check opsgate has; drills/monthly.yml (or DRILL_ORDER) says in which order they run. */
export const checks: Partial<Record<CheckName, Check>> = {
  headers: headersCheck,
  load: loadCheck,
  rbac: rbacCheck,
  abuse: abuseCheck,
  restore: restoreCheck,
  dast: dastCheck,
  db: dbCheck,
  fault: faultCheck,
};
