import type { CheckName } from '../core/config/schema.js';
import type { Check } from './check.js';
import { restoreCheck } from './restore/restore-check.js';

/** Every check opsgate has, in the order a full drill runs them (abuse last: it trips limiters). */
export const checks: Partial<Record<CheckName, Check>> = {};
checks.restore = restoreCheck;

export const DRILL_ORDER: CheckName[] = ['headers', 'load', 'rbac', 'dast', 'restore', 'abuse'];
