import type { CheckName } from '../core/config/schema.js';
import { abuseCheck } from './abuse/abuse-check.js';
import type { Check } from './check.js';
import { rbacCheck } from './rbac/rbac-check.js';

/** Every check opsgate has, in the order a full drill runs them (abuse last: it trips limiters). */
export const checks: Partial<Record<CheckName, Check>> = {};
checks.rbac = rbacCheck;
checks.abuse = abuseCheck;

export const DRILL_ORDER: CheckName[] = ['headers', 'load', 'rbac', 'dast', 'restore', 'abuse'];
