import type { CheckName } from '../core/config/schema.js';
import type { Check } from './check.js';
import { dastCheck } from './dast/dast-check.js';
import { headersCheck } from './headers/headers-check.js';
import { loadCheck } from './load/load-check.js';
import { restoreCheck } from './restore/restore-check.js';

/** Every check opsgate has; drills/monthly.yml (or DRILL_ORDER) says in which order they run. */
export const checks: Partial<Record<CheckName, Check>> = {};
checks.headers = headersCheck;
checks.dast = dastCheck;
checks.load = loadCheck;
checks.restore = restoreCheck;
