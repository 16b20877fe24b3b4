import type { CheckName } from '../core/config/schema.js';
import { abuseCheck } from './abuse/abuse-check.js';
import type { Check } from './check.js';
import { dastCheck } from './dast/dast-check.js';
import { headersCheck } from './headers/headers-check.js';
import { loadCheck } from './load/load-check.js';
import { rbacCheck } from './rbac/rbac-check.js';

/** Every check opsgate has; drills/monthly.yml (or DRILL_ORDER) says in which order they run. */
export const checks: Partial<Record<CheckName, Check>> = {};
checks.headers = headersCheck;
checks.load = loadCheck;
checks.dast = dastCheck;
checks.rbac = rbacCheck;
checks.abuse = abuseCheck;
